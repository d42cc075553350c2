"""Checklist downloads: each writer's file, reopened with its own library."""

from __future__ import annotations

import codecs
import csv
import re
import subprocess

import pytest
from conftest import require, require_tool
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Cm
from openpyxl import load_workbook

from handbook.export import csv_file, docx_file, pdf_file, xlsx_file
from handbook.sheet import STATUS_CHOICES, Sheet, SheetRow, status_boxes

LONG = "坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实党中央关于加强机关党建的部署要求，" * 12

ROWS = (
    ("GC1-01", "加强政治建设", "坚持把党的政治建设摆在首位，严守政治纪律和政治规矩。", ("党组（党委）", "机关党委")),
    ("GC1-02", "标注事项", "标注***的事项须在本季度内完成。", ("党支部",)),
    ("LL2-03", "落实“三会一课”", "落实“三会一课”、主题党日；（按月）开展！是否到位？《条例》——逐项对照。", ("党支部", "党员")),
    ("WX3-04", "长文本", LONG, ("机关党委",)),
    ("ZS4-05", "继续探索创新", "继续探索创新", ("党组（党委）",)),
)


def make_sheet(scored: bool, rows=ROWS) -> Sheet:
    return Sheet(
        id="dangzhibu", title="党支部对照检查清单", description="逐项对照检查，勾选完成情况并填写佐证材料。",
        handbook="五型模范机关建设手册", version="0.1.0", build_date="2025-11-29",
        rows=tuple(SheetRow(n, id_, title, text, subjects, 5 * n if scored else None)
                   for n, (id_, title, text, subjects) in enumerate(rows, 1)))


@pytest.fixture(params=[False, True], ids=["unscored", "scored"])
def sheet(request) -> Sheet:
    return make_sheet(request.param)


def expected_requirement(row: SheetRow) -> str:
    return row.text if row.title == row.text else f"{row.title}：{row.text}"


# --- DOCX -------------------------------------------------------------------

def test_docx(sheet, tmp_path):
    path = tmp_path / "sheet.docx"
    docx_file.write(sheet, path)
    doc = Document(str(path))
    cols = sheet.columns

    assert doc.core_properties.title == sheet.title
    assert sheet.edition in doc.core_properties.subject
    section = doc.sections[0]
    assert section.orientation == WD_ORIENT.PORTRAIT
    assert abs(section.page_width - Cm(21)) < Cm(0.05)
    assert abs(section.page_height - Cm(29.7)) < Cm(0.05)
    footer = section.footer.paragraphs[0]
    assert sheet.edition in footer.text
    assert footer._p.xpath(".//w:fldSimple[contains(@w:instr, 'PAGE')]")
    assert doc.styles["Normal"].element.rPr.rFonts.get(qn("w:eastAsia")) == "宋体"

    body = [p.text for p in doc.paragraphs]
    assert body[:3] == [sheet.title, sheet.description, sheet.blanks]
    title_fonts = doc.paragraphs[0].runs[0]._r.rPr.rFonts
    assert title_fonts.get(qn("w:eastAsia")) == "黑体"

    (table,) = doc.tables
    rows = table.rows
    assert [c.text for c in rows[0].cells] == list(cols)
    assert rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in rows)
    assert len(rows) == 1 + len(sheet.rows) + (1 if sheet.scored else 0)

    for data, row in zip(sheet.rows, rows[1:]):
        cells = dict(zip(cols, row.cells))
        assert cells["序号"].text == str(data.number)
        assert cells["编号"].text == data.id
        first, *rest = cells["要求"].paragraphs
        assert first.text == data.title and all(run.bold for run in first.runs)
        assert [p.text for p in rest] == ([] if data.title == data.text else [data.text])
        assert cells["责任主体"].text == "、".join(data.subjects)
        assert cells["完成情况"].text == "\n".join(f"☐ {c}" for c in STATUS_CHOICES)
        assert cells["佐证材料/备注"].text == ""
        if sheet.scored:
            assert (cells["分值"].text, cells["得分"].text) == (str(data.score), "")
    if sheet.scored:
        total = dict(zip(cols, rows[-1].cells))
        assert total["序号"].text == "合计"
        assert total["分值"].text == str(sum(r.score for r in sheet.rows))


# --- XLSX -------------------------------------------------------------------

def test_xlsx(sheet, tmp_path):
    path = tmp_path / "sheet.xlsx"
    xlsx_file.write(sheet, path)
    wb = load_workbook(path)
    ws = wb.active
    cols, n = sheet.columns, len(sheet.rows)
    letter = {name: chr(ord("A") + i) for i, name in enumerate(cols)}
    first, last = 5, 4 + n

    assert len(ws.title) <= 31
    assert wb.properties.title == sheet.title and wb.properties.description == sheet.edition
    assert [ws.cell(r, 1).value for r in (1, 2, 3)] == [sheet.title, sheet.edition, sheet.blanks]
    assert [c.value for c in ws[4]] == list(cols)
    assert ws.freeze_panes == f"A{first}"
    assert ws.print_title_rows == "$4:$4"
    assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4  # "9"
    assert ws.page_setup.orientation == "portrait"
    assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage

    got = [[ws.cell(first + i, j + 1).value for j in range(len(cols))] for i in range(n)]
    assert [row[cols.index("编号")] for row in got] == [r.id for r in sheet.rows]
    for data, row in zip(sheet.rows, got):
        cells = dict(zip(cols, row))
        assert cells["序号"] == data.number
        assert cells["要求"] == expected_requirement(data)
        assert cells["责任主体"] == "、".join(data.subjects)
        assert cells["完成情况"] is None and cells["佐证材料/备注"] is None
        if sheet.scored:
            assert (cells["分值"], cells["得分"]) == (data.score, None)

    status = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert len(status) == 1
    assert status[0].formula1 == '"' + ",".join(STATUS_CHOICES) + '"'
    status_cells = [f"{letter['完成情况']}{r}" for r in range(first, last + 1)]
    assert all(cell in status[0].sqref for cell in status_cells)
    assert f"{letter['完成情况']}{first - 1}" not in status[0].sqref  # not the header

    if sheet.scored:
        points, score = letter["分值"], letter["得分"]
        assert ws[f"{points}{last + 1}"].value == f"=SUM({points}{first}:{points}{last})"
        assert ws[f"{score}{last + 1}"].value == f"=SUM({score}{first}:{score}{last})"
    else:
        assert ws.max_row == last


# --- CSV --------------------------------------------------------------------

def test_csv(sheet, tmp_path):
    path = tmp_path / "sheet.csv"
    csv_file.write(sheet, path)
    raw = path.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8)
    with path.open(encoding="utf-8-sig", newline="") as f:
        header, *rows, blank, note = list(csv.reader(f))
    assert header == list(sheet.columns)
    assert blank == [] and note == ["说明", "", sheet.edition]      # the edition, after the data
    assert rows == [
        [str(r.number), r.id, expected_requirement(r), "、".join(r.subjects), "", ""]
        + ([str(r.score), ""] if sheet.scored else [])
        for r in sheet.rows
    ]


# --- PDF --------------------------------------------------------------------

def poppler(tool: str, *args) -> str:
    return subprocess.run([tool, *args], capture_output=True, text=True, check=True).stdout


@pytest.fixture
def pdf_tools():
    """poppler-utils and a CJK font: skipped without them, except in CI (conftest.require)."""
    for tool in ("pdftotext", "pdffonts", "pdfinfo"):
        require_tool(tool)
    try:
        pdf_file.find_cjk_font()
    except pdf_file.CJKFontMissing as e:
        require(False, str(e))


def test_pdf(sheet, tmp_path, pdf_tools):
    path = tmp_path / "sheet.pdf"
    pdf_file.write(sheet, path)

    text = poppler("pdftotext", "-enc", "UTF-8", str(path), "-")
    flat = re.sub(r"\s+", "", text)  # table cells wrap anywhere
    assert sheet.title in text
    assert "***" in text
    ids = [r.id for r in sheet.rows]
    assert all(i in text for i in ids)
    assert sorted(ids, key=text.index) == ids
    assert re.sub(r"\s+", "", sheet.blanks) in flat
    assert re.sub(r"\s+", "", sheet.edition) in flat           # names handbook version and build date
    assert "□已完成" in flat
    pages = int(re.search(r"^Pages:\s+(\d+)", poppler("pdfinfo", str(path)), re.M).group(1))
    assert f"第{pages}页/共{pages}页" in flat

    fonts = poppler("pdffonts", str(path)).splitlines()[2:]
    assert fonts, "no font in the PDF"
    for line in fonts:
        # name type… encoding emb sub uni object-id gen: the flags count from the right
        emb, sub, uni = line.split()[-5:-2]
        assert (emb, sub, uni) == ("yes", "yes", "yes"), line


def test_pdf_repeats_header_on_every_page(tmp_path, pdf_tools):
    rows = [(f"GC{n // 10}-{n:02d}", f"要求{n}", "对照检查的要求全文。" * 8, ("党支部",)) for n in range(60)]
    sheet = make_sheet(False, rows)
    path = tmp_path / "long.pdf"
    pdf_file.write(sheet, path)
    pages = int(re.search(r"^Pages:\s+(\d+)", poppler("pdfinfo", str(path)), re.M).group(1))
    assert pages > 1
    seen = []
    for page in range(1, pages + 1):
        text = poppler("pdftotext", "-f", str(page), "-l", str(page), str(path), "-")
        assert "责任主体" in text and "完成情况" in text, f"no header on page {page}"
        seen += [r.id for r in sheet.rows if r.id in text]
    assert seen == [r.id for r in sheet.rows]  # each row whole, on exactly one page


def test_cjk_font_from_environment(tmp_path, monkeypatch):
    font = tmp_path / "font.otf"
    font.write_bytes(b"")
    monkeypatch.setenv(pdf_file.FONT_ENV, str(font))
    assert pdf_file.find_cjk_font() == font
    monkeypatch.setenv(pdf_file.FONT_ENV, str(tmp_path / "missing.otf"))
    with pytest.raises(pdf_file.CJKFontMissing, match="missing.otf"):
        pdf_file.find_cjk_font()


def test_cjk_font_missing_says_what_to_install(monkeypatch):
    monkeypatch.delenv(pdf_file.FONT_ENV, raising=False)
    monkeypatch.setenv("PATH", "")  # no fc-match
    monkeypatch.setattr(pdf_file, "FONT_PATHS", ())
    with pytest.raises(pdf_file.CJKFontMissing) as e:
        pdf_file.find_cjk_font()
    assert "fonts-noto-cjk" in str(e.value) and pdf_file.FONT_ENV in str(e.value)
