"""Filled checklist files as the people who receive them see them: exported in real Chromium, then read
with openpyxl / python-docx and opened in LibreOffice headless (tests/office.py).

The scored fixture list `branch` (ZS0-02 2 points, AA1-01 2, AA1-02 5; 9 in all) is filled with a note on
several lines, a long note, an out-of-bounds score; a second run puts crafted entries straight into
localStorage (formula and hyperlink objects, formula-like text) and checks no file carries them as
anything but text."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

import office
from test_checklist_fill import _build, fill_http, fill_site  # noqa: F401  (module fixtures)

CHECKLIST = "branch"
LONG = "佐证材料：" + "党支部按季度召开组织生活会并形成会议纪要，" * 18 + "完。"
MULTI = "第一行：会议纪要\n第二行：签到表\n第三行：照片"
STATUS = {"ZS0-02": "已完成", "AA1-01": "推进中", "AA1-02": "已完成"}
SCORES = {"ZS0-02": "2", "AA1-01": "30", "AA1-02": "4.5"}      # 30 on a 2-point row: refused, not counted
FIELDS = {"单位": "某机关第二党支部", "填表人": "李某", "日期": "2026-12-02"}


def _open(tab, url):
    tab.goto(f"{url}/checklists/{CHECKLIST}.html")
    tab.wait_for_selector(".hb-progress:not(:empty)")


def _download(tab, selector) -> tuple[bytes, str]:
    with tab.expect_download() as info:
        tab.locator(selector).click()
    return Path(info.value.path()).read_bytes(), info.value.suggested_filename


def _fill(tab):
    for item, status in STATUS.items():
        tab.locator(f'tr[data-item="{item}"] input[value="{status}"]').check()
    note = tab.locator('tr[data-item="ZS0-02"] .hb-note')
    note.click()
    for i, line in enumerate(MULTI.split("\n")):           # typed with Enter, as a user does
        if i:
            tab.keyboard.press("Enter")
        tab.keyboard.type(line)
    tab.locator('tr[data-item="AA1-02"] .hb-note').fill(LONG)
    for item, score in SCORES.items():
        tab.locator(f'tr[data-item="{item}"] .hb-score').fill(score)
    for name, value in FIELDS.items():
        tab.locator(f'.hb-fill[data-field="{name}"]').fill(value)


@pytest.fixture
def filled(tab, fill_http):
    _open(tab, fill_http)
    _fill(tab)
    return tab


def test_notes_keep_line_breaks_and_scores_stay_in_bounds(filled):
    tab = filled
    error = tab.locator('tr[data-item="AA1-01"] .hb-score-error')
    assert error.is_visible() and "0 到 2" in error.inner_text()
    assert tab.locator('tr[data-item="AA1-01"] .hb-score').get_attribute("aria-invalid") == "true"
    assert "得分 6.5" in tab.locator(".hb-progress").inner_text()       # 2 + 4.5; the 30 is not counted
    tab.reload()
    tab.wait_for_selector(".hb-progress:not(:empty)")
    note = tab.locator('tr[data-item="ZS0-02"] .hb-note')
    assert note.inner_text() == MULTI                               # the line breaks survived the reload
    assert note.bounding_box()["height"] > 2.5 * tab.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('.hb-note')).lineHeight)")
    assert "得分 6.5" in tab.locator(".hb-progress").inner_text()
    assert tab.locator('tr[data-item="AA1-01"] .hb-score-error').is_visible()
    tab.locator('tr[data-item="AA1-01"] .hb-score').fill("1")
    assert tab.locator('tr[data-item="AA1-01"] .hb-score-error').count() == 0
    assert "得分 7.5" in tab.locator(".hb-progress").inner_text()


def test_printout_is_a_complete_form(filled, tmp_path):
    tab = filled
    tab.emulate_media(media="print")
    pdf = tmp_path / "print.pdf"
    tab.pdf(path=str(pdf), format="A4", prefer_css_page_size=True)
    text = office.pdf_text(pdf)
    flat = office.squash(text)
    for value in FIELDS.values():
        assert value in flat
    assert "合计：已完成2条，推进中1条，未开始0条，未填0条（共3条）；得分6.5/9" in flat
    assert "审核人签字" in flat and "填表人签字" in flat
    # the long note complete; its row starts on page 1 and breaks onto page 2 instead of leaving page 1 blank
    assert flat.count("组织生活会") == LONG.count("组织生活会") and flat.endswith("清单版本" + flat.split("清单版本")[-1])
    assert "完。" in flat
    first_page = office.squash(office.pdf_text(pdf, first_page_only=True))
    assert "佐证材料：党支部" in first_page and "完。" not in first_page
    assert "AA1-01" not in flat.split("得分6.5/9")[0].split("3AA1-02")[1]   # nothing else inside the row
    assert "30" not in flat.split("2AA1-01")[1].split("3AA1-02")[0]        # a refused score is not printed
    assert "第一行：会议纪要" in text and "第二行：签到表" in text       # on lines of their own
    assert text.index("第一行：会议纪要") < text.index("第二行：签到表")


def test_filled_excel_is_the_blank_with_values(filled, fill_site, tmp_path):
    import openpyxl
    tab = filled
    data, name = _download(tab, '[data-hb-export="xlsx"]')
    assert name.startswith("党支部对照检查清单-2026.1-已填写-某机关第二党支部-")
    path = tmp_path / "filled.xlsx"
    path.write_bytes(data)
    blank_path = fill_site[1] / "downloads" / f"{CHECKLIST}.xlsx"
    blank_wb, wb = openpyxl.load_workbook(blank_path), openpyxl.load_workbook(path)
    blank, ws = blank_wb.worksheets[0], wb.worksheets[0]

    # everything of the template: labels and formulas of the totals rows, names, print setup
    for row in blank.iter_rows():
        for cell in row:
            if cell.data_type == "f" or (isinstance(cell.value, str) and cell.row != 3):
                assert ws[cell.coordinate].value == cell.value, cell.coordinate
    labels = [ws.cell(r, 1).value for r in range(1, ws.max_row + 1)]
    assert "合计" in labels and "得分率" in labels and "已完成（项）" in labels
    names = {n: d.attr_text for n, d in wb.defined_names.items()}
    assert {n: d.attr_text for n, d in blank_wb.defined_names.items()} == names
    assert {"HB_UNIT", "HB_FILLER", "HB_DATE", "HB_CHECKLIST", "HB_EDITION"} <= set(names)
    sheet, ref = names["HB_CHECKLIST"].split("!")
    assert ws[ref.replace("$", "")].value == CHECKLIST
    assert ws.column_dimensions[ws[ref.replace("$", "")].column_letter].hidden         # kept hidden
    assert ws[names["HB_EDITION"].split("!")[1].replace("$", "")].value == "2026.1"
    assert ws[names["HB_UNIT"].split("!")[1].replace("$", "")].value == FIELDS["单位"]
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == blank.page_setup.paperSize
    assert ws.print_title_rows == blank.print_title_rows
    assert ws.print_area.replace("$", "") == blank.print_area.replace("$", "")

    # one validation rule per cell and kind, the 得分 rule still bounded by the row's 分值
    covered: dict[tuple[str, str], int] = {}
    for dv in ws.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            for row in ws.iter_rows(min_row=rng.min_row, max_row=rng.max_row, min_col=rng.min_col, max_col=rng.max_col):
                for cell in row:
                    covered[(dv.type, cell.coordinate)] = covered.get((dv.type, cell.coordinate), 0) + 1
    assert covered and set(covered.values()) == {1}
    assert len(ws.data_validations.dataValidation) == len(blank.data_validations.dataValidation)
    custom = next(dv for dv in ws.data_validations.dataValidation if dv.type == "custom")
    assert custom.formula1 == next(dv for dv in blank.data_validations.dataValidation if dv.type == "custom").formula1

    header = 4
    cols = {c.value: c.column for c in ws[header]}
    rows = {ws.cell(r, cols["编号"]).value: r for r in range(header + 1, header + 4)}
    assert ws.cell(rows["ZS0-02"], cols["佐证材料/备注"]).value == MULTI
    assert ws.cell(rows["AA1-01"], cols["得分"]).value is None          # 30 on a 2-point row is not written
    assert ws.cell(rows["AA1-02"], cols["得分"]).value == 4.5
    # the long note's row grew to show it (the blank's rows are sized for their own text)
    assert ws.row_dimensions[rows["AA1-02"]].height >= 8 * 15.6
    assert ws.row_dimensions[rows["AA1-02"]].height > blank.row_dimensions[rows["AA1-02"]].height
    assert ws.cell(rows["AA1-02"], cols["佐证材料/备注"]).alignment.wrap_text
    # fonts: 宋体 in every cell with text, never Calibri
    for row in ws.iter_rows(min_row=1, max_row=ws.max_row):
        for cell in row:
            if cell.value is not None:
                assert cell.font.name == "宋体", cell.coordinate
    # (ExcelJS always writes its own Calibri as font 0, the Normal style of cells left unstyled: every
    # cell of the form carries 宋体, see docs-dev/files.md)

    # what a reader sees: LibreOffice recalculates, the totals equal the ticks, no error values
    shown = office.sheet_rows(path, tmp_path / "lo")
    text = "\n".join(",".join(r) for r in shown)
    assert not office.ERROR_VALUES.search(text), text
    by_label = {r[0]: r for r in shown if r}
    status_col = cols["完成情况"] - 1
    assert by_label["已完成（项）"][status_col] == "2" and by_label["推进中（项）"][status_col] == "1"
    assert by_label["未开始（项）"][status_col] == "0" and by_label["未填（项）"][status_col] == "0"
    assert by_label["合计"][cols["分值"] - 1] == "9" and by_label["合计"][cols["得分"] - 1] == "6.5"
    assert by_label["得分率"][cols["得分"] - 1] == "72.2%"                  # 6.5 / 9, the template's 0.0%
    # cached results too, for readers that do not recalculate (previews, data tools)
    cached = openpyxl.load_workbook(path, data_only=True).worksheets[0]
    got = {cached.cell(r, 1).value: r for r in range(header + 4, cached.max_row + 1)}
    assert cached.cell(got["已完成（项）"], cols["完成情况"]).value == 2
    assert cached.cell(got["未填（项）"], cols["完成情况"]).value == 0
    assert cached.cell(got["合计"], cols["得分"]).value == 6.5
    assert cached.cell(got["得分率"], cols["得分"]).value == pytest.approx(6.5 / 9)
    notes = {r[1]: r[cols["佐证材料/备注"] - 1] for r in shown if len(r) > 5}
    assert notes["ZS0-02"] == MULTI and notes["AA1-02"] == LONG


def test_filled_word_is_the_blank_with_entries(filled, fill_site, tmp_path):
    import docx
    from docx.oxml.ns import qn
    tab = filled
    data, name = _download(tab, '[data-hb-export="docx"]')
    assert name.endswith(".docx") and "某机关第二党支部" in name
    path = tmp_path / "filled.docx"
    path.write_bytes(data)
    blank_path = fill_site[1] / "downloads" / f"{CHECKLIST}.docx"
    doc, blank = docx.Document(path), docx.Document(blank_path)
    a, b = doc.sections[0], blank.sections[0]
    assert (round(a.page_width.cm, 1), round(a.page_height.cm, 1)) == (round(b.page_width.cm, 1), round(b.page_height.cm, 1))
    assert a.orientation == b.orientation
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        assert abs(getattr(a, side).cm - getattr(b, side).cm) < 0.05, side
    # a declared East Asian font: 宋体 for the text, 黑体 for the title, as the blank
    import zipfile
    with zipfile.ZipFile(path) as z:
        styles = z.read("word/styles.xml").decode()
        document = z.read("word/document.xml").decode()
    assert 'w:eastAsia="宋体"' in styles and 'w:eastAsia="黑体"' in document and "Calibri" not in document
    table, blank_table = doc.tables[0], blank.tables[0]
    widths = [c.width.cm for c in table.rows[1].cells]
    blank_widths = [c.width.cm for c in blank_table.rows[1].cells]
    assert widths == pytest.approx(blank_widths, abs=0.05)
    row = table.rows[1]
    assert row.height is not None and row.height.cm == pytest.approx(blank_table.rows[1].height.cm, abs=0.02)
    assert row._tr.trPr.find(qn("w:trHeight")).get(qn("w:hRule")) == "atLeast"
    rows = {r.cells[1].text: r for r in table.rows[1:]}
    assert rows["ZS0-02"].cells[5].text == MULTI
    assert "☑ 已完成" in rows["ZS0-02"].cells[4].text and "☐ 推进中" in rows["ZS0-02"].cells[4].text
    assert rows["AA1-01"].cells[7].text == ""                            # the refused score
    assert rows["ZS0-02"].cells[2].paragraphs[0].runs[0].bold            # the title in bold, as the blank
    labels = [r.cells[0].text for r in table.rows]
    assert "合计" in labels and "已完成（项）" in labels and "未填（项）" in labels
    body = "\n".join(p.text for p in doc.paragraphs)
    assert "得分 6.5 / 9" in body and "审核人签字" in body

    # what a reader sees: Writer's layout, landscape A4, the notes complete, no fallback Latin font
    pdf = office.pdf_of(path, tmp_path / "lo")
    width, height = office.pdf_page_size(pdf)
    assert width > height and abs(width - 841.9) < 3
    text = office.squash(office.pdf_text(pdf))
    assert office.squash(LONG) in text and office.squash(MULTI) in text
    laid_out = office.pdf_text(pdf, layout=True).splitlines()
    for item in STATUS:                                                   # the ID column does not wrap
        assert any(item in line for line in laid_out), item
    fonts = office.pdf_fonts(pdf)
    assert "Carlito" not in fonts and "Calibri" not in fonts and "CJK" in fonts
    assert "LiberationSerif" in fonts                      # Times New Roman (Latin slots) at Word's metrics


def test_blank_files_open_in_libreoffice(fill_site, tmp_path):
    """The blank templates themselves: landscape, totals computed (all 未填), no error values."""
    site = fill_site[1]
    shown = office.sheet_rows(site / "downloads" / f"{CHECKLIST}.xlsx", tmp_path)
    text = "\n".join(",".join(r) for r in shown)
    assert not office.ERROR_VALUES.search(text), text
    by_label = {r[0]: r for r in shown if r}
    assert by_label["未填（项）"][4] == "3" and by_label["合计"][6] == "9"
    for name in (f"{CHECKLIST}.docx", "all.docx"):
        pdf = office.pdf_of(site / "downloads" / name, tmp_path)
        width, height = office.pdf_page_size(pdf)
        assert width > height
        assert "Carlito" not in office.pdf_fonts(pdf)


CRAFTED = {
    "ZS0-02": {"status": "已完成", "note": {"formula": "WEBSERVICE(\"http://x\")"}, "score": "2", "t": "2026-01-01T00:00:00Z"},
    "AA1-01": {"status": "xyz", "note": {"text": "点我", "hyperlink": "javascript:alert(1)"},
               "score": {"formula": "1+1"}, "t": "2026-01-01T00:00:00Z"},
    "AA1-02": {"status": "推进中", "note": "=HYPERLINK(\"file:///c:/calc.exe\",\"打开\")", "score": "-1",
               "t": "2026-01-01T00:00:00Z"},
}


def test_crafted_entries_come_out_as_text(tab, fill_http, tmp_path):
    """A backup-made record whose notes are formula/hyperlink objects or formula-like text."""
    import docx
    import openpyxl
    tab.goto(f"{fill_http}/index.html")
    record = {"format": "hb-fill", "version": 1, "kind": "checklist", "id": CHECKLIST, "title": "党支部对照检查清单",
              "edition": {}, "fields": {"单位": "=1+1", "填表人": {"formula": "NOW()"}, "日期": "@SUM(1)"},
              "entries": CRAFTED, "seen": {}, "updated": "2026-01-01T00:00:00Z"}
    tab.evaluate("""record => {
      const base = location.href.replace(/index\\.html$/, '');
      localStorage.setItem('hb:v1:' + base + ':checklist:branch', JSON.stringify(record)); }""", record)
    _open(tab, fill_http)

    data, _ = _download(tab, '[data-hb-export="xlsx"]')
    path = tmp_path / "crafted.xlsx"
    path.write_bytes(data)
    ws = openpyxl.load_workbook(path).worksheets[0]
    assert not ws._hyperlinks
    first_total = next(r for r in range(5, ws.max_row + 1) if ws.cell(r, 2).value is None)
    for row in ws.iter_rows(min_row=1, max_row=first_total - 1):
        for cell in row:
            assert cell.data_type != "f", (cell.coordinate, cell.value)     # no formula from user data
    cols = {c.value: c.column for c in ws[4]}
    rows = {ws.cell(r, 2).value: r for r in range(5, first_total)}
    assert ws.cell(rows["AA1-02"], cols["佐证材料/备注"]).value == CRAFTED["AA1-02"]["note"]   # as text
    assert ws.cell(rows["ZS0-02"], cols["佐证材料/备注"]).value is None
    assert ws.cell(rows["AA1-01"], cols["完成情况"]).value is None
    assert ws.cell(rows["AA1-01"], cols["得分"]).value is None and ws.cell(rows["AA1-02"], cols["得分"]).value is None
    assert ws["B3"].value == "=1+1" and ws["B3"].data_type == "s"
    assert b"javascript:" not in data and b"WEBSERVICE" not in data
    shown = office.sheet_rows(path, tmp_path / "lo")
    flat = "\n".join(",".join(r) for r in shown)
    assert "=HYPERLINK" in flat and not office.ERROR_VALUES.search(flat)      # shown as text, not evaluated

    data, _ = _download(tab, '[data-hb-export="csv"]')
    lines = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    by_id = {line[1]: line for line in lines[1:] if len(line) > 5}
    assert by_id["AA1-02"][5] == "'" + CRAFTED["AA1-02"]["note"]
    assert by_id["ZS0-02"][5] == "" and by_id["AA1-01"][5] == "" and by_id["AA1-01"][4] == ""
    blanks = next(line for line in lines if line and line[0] == "单位")
    assert blanks[1] == "'=1+1" and blanks[3] == "" and blanks[5] == "'@SUM(1)"
    for line in lines:
        for cell in line:
            assert not cell[:1] in ("=", "+", "-", "@"), line

    data, _ = _download(tab, '[data-hb-export="docx"]')
    document = docx.Document(io.BytesIO(data))
    assert b"javascript:" not in data and b"WEBSERVICE" not in data and b"hyperlink" not in data.lower()
    rows = {r.cells[1].text: r for r in document.tables[0].rows[1:]}
    assert rows["AA1-02"].cells[5].text == CRAFTED["AA1-02"]["note"]
    assert rows["AA1-01"].cells[5].text == "" and "☑" not in rows["AA1-01"].cells[4].text
    assert tab.console_errors == []


def test_every_blank_checklist_file_of_the_handbook_opens_in_libreoffice(built_site, tmp_path):
    """The real handbook's blank checklists and 案例报送表: every Excel shows its totals (all 未填) without error values,
    every Word is landscape A4 with the checklist's title, in a CJK font and Times New Roman's metrics."""
    import csv as csv_module
    site, _log = built_site
    downloads = site / "downloads"
    xlsx = sorted(downloads.glob("*.xlsx"))
    docx_files = sorted(downloads.glob("*.docx"))
    assert len(xlsx) >= 10 and len(docx_files) >= 10
    for path, shown in zip(xlsx, office.convert_many(xlsx, office.CSV_FILTER, tmp_path / "csv")):
        rows = list(csv_module.reader(io.StringIO(shown.read_text(encoding="utf-8"))))
        text = "\n".join(",".join(r) for r in rows)
        assert not office.ERROR_VALUES.search(text), path.name
        items = sum(1 for r in rows[4:] if len(r) > 1 and r[1])
        unfilled = next(r for r in rows if r and r[0] == "未填（项）")
        assert unfilled[4] == str(items), path.name
    for path, pdf in zip(docx_files, office.convert_many(docx_files, "pdf", tmp_path / "pdf")):
        width, height = office.pdf_page_size(pdf)
        if path.name == "case-form.docx":                     # the 案例报送表: A4 portrait
            assert (round(width), round(height)) == (595, 842), path.name
        else:
            assert width > height and round(width) == 842, path.name
        fonts = office.pdf_fonts(pdf)
        assert "CJK" in fonts and "Carlito" not in fonts, path.name
