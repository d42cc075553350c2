"""Issue 4: every checklist's downloads match the data exactly, opened by their own libraries."""

from __future__ import annotations

import csv
import io
import json
import subprocess

import docx
import openpyxl
import pytest

from conftest import require_tool

CHECKLIST_IDS = ["quanbu", "dangzu", "jiguan-dangwei", "dangzhibu", "dangyuan", "zx", "gc", "fw", "wx", "ll",
                 "zhengzhixing", "fuwuxing", "shiganxing", "wenmingxing", "lianjiexing", "kaohe-pingfen"]


def _checklist(catalogue, checklist_id):
    return next(c for c in catalogue.checklists if c.id == checklist_id)


def test_required_checklists_exist(catalogue):
    assert [c.id for c in catalogue.checklists] == CHECKLIST_IDS
    # checklists hold checkable requirements, each once (issue 9: context and same_as rows stay out)
    rows = [i for i in catalogue.active_items if i.checkable and i.same_as is None]
    levels = {"dangzu": "党组（党委）", "jiguan-dangwei": "机关党委", "dangzhibu": "党支部", "dangyuan": "党员"}
    for checklist_id, subject in levels.items():
        expected = [i.id for i in rows if subject in i.subjects]
        assert [i.id for i in _checklist(catalogue, checklist_id).items] == expected
    assert len(_checklist(catalogue, "quanbu").items) == len(rows)


def test_checklists_json(built_site, catalogue):
    site, _log = built_site
    exported = json.loads((site / "api/checklists.json").read_text(encoding="utf-8"))
    assert [e["id"] for e in exported] == CHECKLIST_IDS
    for entry in exported:
        checklist = _checklist(catalogue, entry["id"])
        assert entry["items"] == [i.id for i in checklist.items]
        assert (site / entry["url"]).is_file()
        assert sorted(entry["downloads"]) == ["csv", "docx", "pdf", "xlsx"]
        for path in entry["downloads"].values():
            assert (site / path).stat().st_size > 1000


@pytest.mark.parametrize("checklist_id", CHECKLIST_IDS)
def test_word_download_rows_match(built_site, catalogue, checklist_id):
    site, _log = built_site
    checklist = _checklist(catalogue, checklist_id)
    table = docx.Document(str(site / f"downloads/{checklist_id}.docx")).tables[0]
    header = [c.text for c in table.rows[0].cells]
    assert header[:2] == ["序号", "编号"]
    rows = [r for r in table.rows[1:] if r.cells[1].text[:2].isascii() and r.cells[1].text.strip()]
    assert [r.cells[1].text for r in rows] == [i.id for i in checklist.items]
    for row, item in zip(rows, checklist.items):
        assert item.title in row.cells[2].text or item.text.replace(",", "，") in row.cells[2].text


@pytest.mark.parametrize("checklist_id", CHECKLIST_IDS)
def test_excel_download_rows_match(built_site, catalogue, checklist_id):
    site, _log = built_site
    checklist = _checklist(catalogue, checklist_id)
    sheet = openpyxl.load_workbook(site / f"downloads/{checklist_id}.xlsx").active
    header_row = next(r for r in range(1, 10) if sheet.cell(r, 1).value == "序号")
    ids = [sheet.cell(r, 2).value for r in range(header_row + 1, sheet.max_row + 1)]
    assert [i for i in ids if i and i[:2].isupper()] == [i.id for i in checklist.items]
    if checklist.points is not None:
        scores = [sheet.cell(r, 7).value for r in range(header_row + 1, header_row + 1 + len(checklist.items))]
        assert scores == [checklist.points[i.id] for i in checklist.items]


@pytest.mark.parametrize("checklist_id", CHECKLIST_IDS)
def test_csv_download_rows_match(built_site, catalogue, checklist_id):
    site, _log = built_site
    checklist = _checklist(catalogue, checklist_id)
    raw = (site / f"downloads/{checklist_id}.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    *rows, blank, note = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:2] == ["序号", "编号"]
    assert blank == [] and note[0] == "说明" and "五型模范机关建设手册" in note[2] and "生成于" in note[2]
    assert [r[1] for r in rows[1:]] == [i.id for i in checklist.items]
    assert [r[3] for r in rows[1:]] == ["、".join(i.subjects) for i in checklist.items]


@pytest.mark.parametrize("checklist_id", ["dangzhibu", "kaohe-pingfen", "wenmingxing"])
def test_pdf_download_has_every_item_and_chinese(built_site, catalogue, checklist_id):
    site, _log = built_site
    pdftotext = require_tool("pdftotext")
    checklist = _checklist(catalogue, checklist_id)
    text = subprocess.run([pdftotext, "-layout", str(site / f"downloads/{checklist_id}.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert checklist.title in text
    for item in checklist.items:
        assert text.count(item.id) == 1, item.id
    fonts = subprocess.run([require_tool("pdffonts"), str(site / f"downloads/{checklist_id}.pdf")],
                           capture_output=True, text=True, check=True).stdout
    assert "CJK" in fonts and " yes yes " in fonts       # embedded, subset
