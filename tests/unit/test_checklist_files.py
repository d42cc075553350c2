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
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm
from lxml import etree
from openpyxl import load_workbook
from openpyxl.cell.cell import MergedCell

from handbook.export import csv_file, docx_file, pdf_file, xlsx_file
from handbook.sheet import NOTES_MIN_CM, ROW_MIN_CM, STATUS_CHOICES, Sheet, SheetRow

LONG = "坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实党中央关于加强机关党建的部署要求，" * 12

ROWS = (
    ("GC1-01", "加强政治建设", "坚持把党的政治建设摆在首位，严守政治纪律和政治规矩。", ("党组（党委）", "机关党委")),
    ("GC1-02", "标注事项", "标注***的事项须在本季度内完成。", ("党支部",)),
    ("LL2-03", "落实“三会一课”", "落实“三会一课”、主题党日；（按月）开展！是否到位？《条例》——逐项对照。", ("党支部", "党员")),
    ("WX3-04", "长文本", LONG, ("机关党委",)),
    ("ZS4-05", "继续探索创新", "继续探索创新", ("党组（党委）",)),
)


# Row fields beyond the requirement, by item ID: (context, components)
DETAILS = {"LL2-03": ("贯彻《关于新形势下党内政治生活的若干准则》", ("支部党员大会", "支部委员会", "党小组会", "党课")),
           "GC1-02": ("", ("季度自查",)),
           "ZS4-05": ("机关党建要与业务工作深度融合", ())}


def make_sheet(scored: bool, rows=ROWS) -> Sheet:
    return Sheet(
        id="dangzhibu", title="党支部对照检查清单", description="逐项对照检查，勾选完成情况并填写佐证材料。",
        handbook="五型模范机关建设手册", version="0.1.0", build_date="2025-11-29",
        rows=tuple(SheetRow(n, id_, title, text, subjects, 5 * n if scored else None,
                            *DETAILS.get(id_, ("", ())))
                   for n, (id_, title, text, subjects) in enumerate(rows, 1)))


@pytest.fixture(params=[False, True], ids=["unscored", "scored"])
def sheet(request) -> Sheet:
    return make_sheet(request.param)


def expected_requirement(row: SheetRow) -> str:
    """要求 in one cell: title once, then 包括：… and （背景：…） lines."""
    lines = [row.text if row.title == row.text else f"{row.title}：{row.text}"]
    if row.components:
        lines.append("包括：" + "；".join(row.components))
    if row.context:
        lines.append(f"（背景：{row.context}）")
    return "\n".join(lines)


def test_row_details():
    row = SheetRow(1, "LL2-03", "落实", "落实", ("党支部",), None, "为了某目的", ("甲", "乙", "丙"))
    assert row.requirement == "落实"
    assert row.details == ("包括：甲；乙；丙", "（背景：为了某目的）")
    assert row.requirement_cell == "落实\n包括：甲；乙；丙\n（背景：为了某目的）"
    assert SheetRow(2, "X", "t", "t", ()).details == ()


def cm(length) -> float:
    return length / 360000  # EMU per cm


# --- DOCX -------------------------------------------------------------------

def test_docx(sheet, tmp_path):
    path = tmp_path / "sheet.docx"
    docx_file.write(sheet, path)
    doc = Document(str(path))
    cols = sheet.columns

    assert doc.core_properties.title == sheet.title
    assert sheet.edition in doc.core_properties.subject and sheet.id in doc.core_properties.subject
    section = doc.sections[0]
    # A4 landscape: 29.7 × 21 cm
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert abs(section.page_width - Cm(29.7)) < Cm(0.05)
    assert abs(section.page_height - Cm(21)) < Cm(0.05)
    footer = section.footer.paragraphs[0]
    assert sheet.edition in footer.text
    assert footer._p.xpath(".//w:fldSimple[contains(@w:instr, 'PAGE')]")
    assert footer._p.xpath(".//w:fldSimple[contains(@w:instr, 'NUMPAGES')]")
    assert doc.styles["Normal"].element.rPr.rFonts.get(qn("w:eastAsia")) == "宋体"

    body = [p.text for p in doc.paragraphs]
    assert body[:4] == [sheet.title, sheet.description, sheet.id_line, sheet.blanks]
    title_fonts = doc.paragraphs[0].runs[0]._r.rPr.rFonts
    assert title_fonts.get(qn("w:eastAsia")) == "黑体"
    # sign-off lines after the table
    assert body[-1] == sheet.signatures
    assert "审核人签字" in body[-1] and "填表人签字" in body[-1]
    assert doc.element.body.index(doc.tables[0]._tbl) < doc.element.body.index(doc.paragraphs[-1]._p)

    (table,) = doc.tables
    rows = table.rows
    assert [c.text for c in rows[0].cells] == list(cols)
    assert rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in rows)
    n = len(sheet.rows)
    totals = len(STATUS_CHOICES) + 1 + (1 if sheet.scored else 0)
    assert len(rows) == 1 + n + totals

    # widths: grid and every cell; the notes column leaves room to write by hand
    grid = [cm(int(col.get(qn("w:w"))) * 635) for col in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    notes = cols.index("佐证材料/备注")
    assert grid[notes] >= NOTES_MIN_CM
    assert sum(grid) <= 29.7 - 2 * docx_file.MARGIN_CM + 0.01
    for row in rows[1:1 + n]:
        assert cm(row.cells[notes].width) >= NOTES_MIN_CM
        # minimum height, "at least" so long text still grows the row
        tr_height = row._tr.trPr.find(qn("w:trHeight"))
        assert tr_height is not None and tr_height.get(qn("w:hRule")) == "atLeast"
        assert int(tr_height.get(qn("w:val"))) / 567 >= ROW_MIN_CM - 0.01  # twips per cm

    for data, row in zip(sheet.rows, rows[1:]):
        cells = dict(zip(cols, row.cells))
        assert cells["序号"].text == str(data.number)
        assert cells["编号"].text == data.id
        first, *rest = cells["要求"].paragraphs
        assert first.text == data.title and all(run.bold for run in first.runs)
        assert [p.text for p in rest] == ([] if data.title == data.text else [data.text]) + list(data.details)
        assert cells["责任主体"].text == "、".join(data.subjects)
        assert cells["完成情况"].text == "\n".join(f"☐ {c}" for c in STATUS_CHOICES)
        assert cells["佐证材料/备注"].text == ""
        if sheet.scored:
            assert (cells["分值"].text, cells["得分"].text) == (str(data.score), "")
    labels = [row.cells[0].text for row in rows[1 + n:]]
    assert labels[:len(STATUS_CHOICES) + 1] == [f"{c}（项）" for c in (*STATUS_CHOICES, "未填")]
    for row in rows[1 + n:]:
        assert dict(zip(cols, row.cells))["编号"].text in ("", row.cells[0].text)  # merged label, no ID
    if sheet.scored:
        total = dict(zip(cols, rows[-1].cells))
        assert total["序号"].text == "合计"
        assert total["分值"].text == str(sum(r.score for r in sheet.rows))


def test_docx_totals_rows(sheet, tmp_path):
    """Count rows (and 合计) are copies of one merged row: label spanning the columns on its left, right-aligned."""
    path = tmp_path / "sheet.docx"
    docx_file.write(sheet, path)
    (table,) = Document(str(path)).tables
    cols, n = sheet.columns, len(sheet.rows)
    totals = table.rows[1 + n:]
    spans = [cols.index("完成情况")] * (len(STATUS_CHOICES) + 1) + ([cols.index("分值")] if sheet.scored else [])
    assert [row._tr.tc_lst[0].grid_span for row in totals] == spans
    for row, span in zip(totals, spans):
        tcs = row._tr.tc_lst
        assert len(tcs) == len(cols) - span + 1
        assert row.cells[0].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
        assert tcs[0].width == sum(table.rows[1].cells[i].width for i in range(span))
        assert all(tc.xpath("string(.)") == "" for tc in tcs[1:]) or sheet.scored and row is totals[-1]


def test_copy_row_writes_text_as_python_docx_does():
    """copy_row's quick path and python-docx's run.text give the same XML (tabs, breaks, spaces);
    "" drops a cell's run, None keeps the model's."""
    doc = Document()
    model, built = doc.add_table(rows=2, cols=5).rows
    for cell in model.cells:
        cell.paragraphs[0].add_run("x").bold = True
    texts = ["要求全文", " 前后空格 ", "一\t二\n三", "", None]
    for cell, text in zip(built.cells, texts):
        if text is None:
            text = "x"
        if text:
            cell.paragraphs[0].add_run(text).bold = True
    def xml(element):
        return etree.tostring(element, method="c14n", exclusive=True)  # without the document's namespaces
    assert xml(docx_file.copy_row(model._tr, texts)) == xml(built._tr)
    assert [c.text for c in model.cells] == ["x"] * 5          # the model is left as it was


def test_docx_fonts_on_east_asian_slots(tmp_path):
    path = tmp_path / "sheet.docx"
    docx_file.write(make_sheet(True), path)
    doc = Document(str(path))
    for style in ("Normal",):
        rfonts = doc.styles[style].element.rPr.rFonts
        assert rfonts.get(qn("w:eastAsia")) == docx_file.BODY_FONT
        assert rfonts.get(qn("w:ascii")) == docx_file.LATIN_FONT
    lang = doc.styles["Normal"].element.rPr.find(qn("w:lang"))
    assert lang.get(qn("w:eastAsia")) == "zh-CN"


# --- XLSX -------------------------------------------------------------------

def header_row(ws) -> int:
    """The layout contract: the first row with a cell 编号 is the header."""
    return next(row[0].row for row in ws.iter_rows() if any(c.value == "编号" for c in row))


def test_xlsx(sheet, tmp_path):
    path = tmp_path / "sheet.xlsx"
    xlsx_file.write(sheet, path)
    wb = load_workbook(path)
    ws = wb.active
    cols, n = sheet.columns, len(sheet.rows)
    letter = {name: chr(ord("A") + i) for i, name in enumerate(cols)}
    head = header_row(ws)
    first, last = head + 1, head + n

    # layout contract: sheet name, title, edition line naming the checklist, blanks, header
    assert ws.title == "对照检查清单" and wb.sheetnames == ["对照检查清单"]
    assert head == 4
    assert wb.properties.title == sheet.title and wb.properties.description == sheet.edition
    assert sheet.id in wb.properties.subject
    assert ws.cell(1, 1).value == sheet.title
    assert f"清单编号 {sheet.id}" in ws.cell(2, 1).value and sheet.edition in ws.cell(2, 1).value
    assert [c.value for c in ws[head]][:len(cols)] == list(cols)
    assert ws.freeze_panes == f"A{first}"
    assert ws.print_title_rows == f"${head}:${head}"
    assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4  # "9"
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.edition in ws.oddFooter.left.text and "&P" in ws.oddFooter.right.text
    assert ws.oddHeader.center.text == sheet.title

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
    assert f"{letter['完成情况']}{last + 1}" not in status[0].sqref  # not the totals

    # totals on every list: one COUNTIF per status over exactly the data rows, 编号 empty
    state = f"{letter['完成情况']}{first}:{letter['完成情况']}{last}"
    formulas = {ws.cell(r, 1).value: ws[f"{letter['完成情况']}{r}"].value for r in range(last + 1, ws.max_row + 1)}
    for choice in STATUS_CHOICES:
        assert formulas[f"{choice}（项）"] == f'=COUNTIF({state},"{choice}")'
    assert formulas["未填（项）"] == f"=COUNTBLANK({state})"
    assert all(ws.cell(r, cols.index("编号") + 1).value is None for r in range(last + 1, ws.max_row + 1))
    if sheet.scored:
        points, score = letter["分值"], letter["得分"]
        total = next(r for r in range(last + 1, ws.max_row + 1) if ws.cell(r, 1).value == "合计")
        assert ws[f"{points}{total}"].value == f"=SUM({points}{first}:{points}{last})"
        assert ws[f"{score}{total}"].value == f"=SUM({score}{first}:{score}{last})"
    assert ws.max_row == last + len(STATUS_CHOICES) + 1 + (2 if sheet.scored else 0)


def test_xlsx_cell_styles(sheet, tmp_path):
    """Rows copy the first row's styles (xlsx_file.style_rows): every table cell framed, data
    aligned by column, totals bold with a right-aligned label, 得分率 a percentage."""
    path = tmp_path / "sheet.xlsx"
    xlsx_file.write(sheet, path)
    ws = load_workbook(path).active
    cols, n = sheet.columns, len(sheet.rows)
    head = header_row(ws)
    table = list(ws.iter_rows(min_row=head, max_row=ws.max_row, max_col=len(cols)))
    for cell in (cell for row in table for cell in row):
        assert cell.border.top.style == cell.border.bottom.style == "thin", cell.coordinate
    assert all(cell.font.bold and cell.fill.fgColor.rgb.endswith("D9D9D9") for cell in table[0])
    for row in table[1:1 + n]:
        for cell, name in zip(row, cols):
            assert (cell.alignment.vertical, cell.alignment.wrap_text) == ("top", True), cell.coordinate
            assert cell.alignment.horizontal == ("center" if name in xlsx_file.CENTRED else "left")
            assert not cell.font.bold and cell.font.name == "宋体"
    for row in table[1 + n:]:
        assert row[0].alignment.horizontal == "right"
        assert all(cell.font.bold for cell in row if not isinstance(cell, MergedCell))  # merged: no font read
    formats = {ws.cell(row[0].row, 1).value: ws.cell(row[0].row, len(cols)).number_format for row in table[1 + n:]}
    assert formats.pop("得分率", "0.0%") == "0.0%" and set(formats.values()) == {"General"}
    assert ("得分率" in [ws.cell(row[0].row, 1).value for row in table]) == sheet.scored


def test_xlsx_blanks_are_named_cells(sheet, tmp_path):
    path = tmp_path / "sheet.xlsx"
    xlsx_file.write(sheet, path)
    wb = load_workbook(path)
    ws = wb["对照检查清单"]
    for label, name in (("单位：", "HB_UNIT"), ("填表人：", "HB_FILLER"), ("日期：", "HB_DATE")):
        ((title, ref),) = list(wb.defined_names[name].destinations)
        assert title == "对照检查清单"
        cell = ws[ref.replace("$", "")]
        assert cell.row == 3 and cell.value is None
        # the label is the cell just left of the value cell
        assert ws.cell(3, cell.column - 1).value == label
        assert cell.border.bottom.style == "thin"
        for merged in ws.merged_cells.ranges:  # unmerged, or the top-left of its range
            if cell.coordinate in merged:
                assert (merged.min_row, merged.min_col) == (cell.row, cell.column)


def test_xlsx_fonts_are_chinese(sheet, tmp_path):
    path = tmp_path / "sheet.xlsx"
    xlsx_file.write(sheet, path)
    wb = load_workbook(path)
    assert wb._fonts[0].name == "宋体"                      # default for unstyled cells
    normal = next(s for s in wb._named_styles if s.name == "Normal")
    assert normal.font.name == "宋体"
    ws = wb.active
    for row in ws.iter_rows(min_row=1, max_row=ws.max_row):
        for cell in row:
            if cell.value is not None:
                assert cell.font.name == "宋体", cell.coordinate


def test_xlsx_rows_fit_their_text(tmp_path):
    sheet = make_sheet(True)
    path = tmp_path / "sheet.xlsx"
    xlsx_file.write(sheet, path)
    ws = load_workbook(path).active
    head = header_row(ws)
    widths = [ws.column_dimensions[chr(ord("A") + i)].width for i in range(len(sheet.columns))]
    notes = sheet.columns.index("佐证材料/备注")
    assert widths[notes] * xlsx_file.CM_PER_UNIT >= 5.0
    for r in range(head + 1, head + len(sheet.rows) + 1):
        row = ws[r]
        lines = max(xlsx_file.lines_needed(c.value, w) for c, w in zip(row, widths))
        height = ws.row_dimensions[r].height
        assert height >= xlsx_file.row_height(lines)
        assert height >= ROW_MIN_CM / 2.54 * 72 - 0.1
    long_row = next(r for r in range(head + 1, ws.max_row + 1) if ws.cell(r, 2).value == "WX3-04")
    assert ws.row_dimensions[long_row].height > 10 * xlsx_file.LINE_PT


def test_xlsx_wrap_estimate_is_conservative():
    # 宋体 11 pt: a column 20 units wide (≈ 3.7 cm) holds at most 9 full-width characters a line.
    assert xlsx_file.lines_needed("字" * 9, 20) == 1
    assert xlsx_file.lines_needed("字" * 10, 20) == 2
    assert xlsx_file.lines_needed("a" * 18, 20) == 1
    assert xlsx_file.lines_needed("一\n二", 20) == 2
    assert xlsx_file.lines_needed(None, 20) == 1


# --- CSV --------------------------------------------------------------------

def test_csv(sheet, tmp_path):
    path = tmp_path / "sheet.csv"
    csv_file.write(sheet, path)
    raw = path.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8)
    with path.open(encoding="utf-8-sig", newline="") as f:
        header, *rows, blank, note = list(csv.reader(f))
    assert header == list(sheet.columns)
    assert blank == [] and note == ["说明", "", sheet.id_line]      # the edition, after the data
    assert sheet.edition in note[2] and sheet.id in note[2]
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


@pytest.mark.parametrize("font", ["system", "small"])
def test_pdf(sheet, tmp_path, pdf_tools, font, caplog):
    """Both the system CJK font and the small font made for the build's sheets (pdf_font.py)."""
    path = tmp_path / "sheet.pdf"
    small = pdf_file.prepare_font([sheet], tmp_path / "fonts") if font == "small" else None
    with caplog.at_level("WARNING", logger="fpdf"):
        pdf_file.write(sheet, path, font=small)
    assert not [r for r in caplog.records if "missing" in r.getMessage()], caplog.text  # every glyph present

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
    assert re.sub(r"\s+", "", sheet.signatures) in flat
    for r in sheet.rows:
        for line in r.details:
            assert re.sub(r"\s+", "", line) in flat
    for choice in (*STATUS_CHOICES, "未填"):
        assert f"{choice}（项）" in flat
    info = poppler("pdfinfo", str(path))
    assert re.search(r"^Page size:\s+841\.\d+ x 595\.\d+ pts \(A4\)", info, re.M)  # landscape
    assert re.search(r"^Title:\s+" + sheet.title, info, re.M)
    assert sheet.id in re.search(r"^Subject:(.*)$", info, re.M).group(1)
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
        ids = [r.id for r in sheet.rows if r.id in text]
        if ids or "（项）" in text:  # the sign-off lines may end up alone on the last page
            assert "责任主体" in text and "完成情况" in text, f"no header on page {page}"
        seen += ids
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


def test_pdf_columns_and_row_heights(tmp_path, pdf_tools):
    """The notes column is ≥ 5 cm and short rows are ≥ 1.2 cm, measured on the page."""
    sheet = make_sheet(True)
    widths = pdf_file.column_widths_mm(sheet)
    assert widths[sheet.columns.index("佐证材料/备注")] >= NOTES_MIN_CM * 10
    assert abs(sum(widths) - (297 - 2 * pdf_file.MARGIN_MM)) < 0.01

    path = tmp_path / "sheet.pdf"
    pdf_file.write(sheet, path)
    html = poppler("pdftotext", "-bbox", "-f", "1", "-l", "1", str(path), "-")
    words = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">([^<]+)</word>', html)
    tops = {text: float(y) for x, y, text in words}
    ids = [r.id for r in sheet.rows if r.id in tops]
    assert len(ids) >= 2
    mm = 25.4 / 72
    for a, b in zip(ids, ids[1:]):
        assert (tops[b] - tops[a]) * mm >= ROW_MIN_CM * 10 - 0.5, (a, b)
    # 佐证材料/备注 header spans its column: the next header (分值) starts ≥ 5 cm further right
    lefts = {text: float(x) for x, y, text in words}
    notes_left = min(float(x) for x, y, t in words if t.startswith("佐证材料"))
    assert (lefts["分值"] - notes_left) * mm >= (NOTES_MIN_CM * 10) / 2


def test_xlsx_names_its_checklist_and_edition(sheet, tmp_path):
    """HB_CHECKLIST and HB_EDITION: text cells in a hidden column right of the print area (importer contract)."""
    from openpyxl.utils import column_index_from_string
    path = tmp_path / "sheet.xlsx"
    xlsx_file.write(sheet, path)
    wb = load_workbook(path)
    ws = wb["对照检查清单"]
    values = {}
    for name in ("HB_CHECKLIST", "HB_EDITION"):
        ((title, ref),) = list(wb.defined_names[name].destinations)
        cell = ws[ref.replace("$", "")]
        assert title == "对照检查清单" and cell.data_type == "s"
        assert ws.column_dimensions[cell.column_letter].hidden
        area = ws.print_area if isinstance(ws.print_area, str) else ws.print_area[0]
        last_printed = re.search(r":\$?([A-Z]+)\$?\d+$", area).group(1)
        assert cell.column > column_index_from_string(last_printed)
        values[name] = cell.value
    assert values == {"HB_CHECKLIST": sheet.id, "HB_EDITION": sheet.version}


def test_xlsx_score_rule_keeps_its_bound_as_a_formula(tmp_path):
    """得分 is bounded by each row's 分值 with a custom rule (ExcelJS reads a decimal rule's
    reference bound as a number and loses it): one rule over exactly the 得分 cells."""
    sheet = make_sheet(True)
    path = tmp_path / "sheet.xlsx"
    xlsx_file.write(sheet, path)
    ws = load_workbook(path).active
    cols = {c.value: c.column_letter for c in ws[header_row(ws)]}
    first, last = header_row(ws) + 1, header_row(ws) + len(sheet.rows)
    (rule,) = [dv for dv in ws.data_validations.dataValidation if dv.type != "list"]
    got, points = cols["得分"], cols["分值"]
    assert rule.type == "custom" and str(rule.sqref) == f"{got}{first}:{got}{last}"
    assert rule.formula1 == f"AND(ISNUMBER({got}{first}),{got}{first}>=0,{got}{first}<={points}{first})"
    assert rule.allow_blank and rule.showErrorMessage


def test_form_is_one_description(tmp_path):
    """The blank Word follows sheet.FORM, and the page's meta script carries the same FORM (browser exports)."""
    from handbook.sheet import FORM
    sheet = make_sheet(True)
    path = tmp_path / "sheet.docx"
    docx_file.write(sheet, path)
    section = Document(path).sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == FORM["page_cm"]
    assert round(section.left_margin.cm, 1) == FORM["margin_cm"]
    assert docx_file.BODY_FONT == FORM["body_font"] and docx_file.TITLE_FONT == FORM["title_font"]
