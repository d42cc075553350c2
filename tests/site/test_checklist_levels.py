"""Issue 21, point 1: each level's list asks what that level does — read from what users get.

Every format is read back as a user would see it (the page's HTML, Word, Excel, CSV, PDF text and
the meta script the browser's filled exports print from); expectations come from the data's
`levels`/`asks`, so a renderer that drops the role or shows the organiser's wording fails.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import subprocess

import docx
import openpyxl
import pytest

from conftest import require_tool
from handbook import levels

LEVEL_LISTS = {"dangzu": "党组（党委）", "jiguan-dangwei": "机关党委", "dangzhibu": "党支部", "dangyuan": "党员"}
ORGANISER_OPENINGS = re.compile(r"^(?:要)?(?:深入|常态化|持续|扎实|推动|大力|全面|定期)?(?:实施|推动开展|举办|抓实|组织|引导)")


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text).replace(",", "，")


def _checklist(catalogue, checklist_id):
    return next(c for c in catalogue.checklists if c.id == checklist_id)


def _meta_rows(site, checklist_id) -> dict:
    script = (site / f"downloads/fill/{checklist_id}.meta.js").read_text(encoding="utf-8")
    meta = json.loads(script.split("]=", 1)[1].rstrip().rstrip(";"))
    return {row["id"]: row for row in meta["rows"]}


def _page_rows(site, checklist_id) -> dict:
    page = (site / f"checklists/{checklist_id}.html").read_text(encoding="utf-8")
    rows = re.findall(r'<tr id="cl-([A-Z]{2}\d-\d\d)".*?<td class="hb-cl-req">(.*?)</td>', page, re.S)
    return {item_id: html.unescape(re.sub(r"<[^>]+>", "", cell)) for item_id, cell in rows}


def _file_rows(site, checklist_id) -> dict[str, dict]:
    """要求 cell per item ID in Word, Excel and CSV."""
    out = {"docx": {}, "xlsx": {}, "csv": {}}
    table = docx.Document(str(site / f"downloads/{checklist_id}.docx")).tables[0]
    for row in table.rows[1:]:
        out["docx"][row.cells[1].text] = row.cells[2].text
    sheet = openpyxl.load_workbook(site / f"downloads/{checklist_id}.xlsx").active
    for r in range(1, sheet.max_row + 1):
        out["xlsx"][str(sheet.cell(r, 2).value)] = str(sheet.cell(r, 3).value)
    raw = (site / f"downloads/{checklist_id}.csv").read_bytes().decode("utf-8-sig")
    for row in csv.reader(io.StringIO(raw)):
        if len(row) > 2:
            out["csv"][row[1]] = row[2]
    return out


@pytest.mark.parametrize("checklist_id", [*LEVEL_LISTS, "kaohe-pingfen", "quanbu"])
def test_every_output_names_the_readers_role_and_title(built_site, catalogue, checklist_id):
    site, _log = built_site
    checklist = _checklist(catalogue, checklist_id)
    reader = LEVEL_LISTS.get(checklist_id, levels.AGENCY)
    assert levels.reader(checklist) == reader
    outputs = {"page": _page_rows(site, checklist_id),
               "meta": {i: r["requirement"] for i, r in _meta_rows(site, checklist_id).items()},
               **_file_rows(site, checklist_id)}
    pdf = subprocess.run([require_tool("pdftotext"), str(site / f"downloads/{checklist_id}.pdf"), "-"],
                         capture_output=True, text=True, check=True).stdout
    roles = 0
    for item in checklist.items:
        verb = item.levels.get(reader, "")
        title = item.asks.get(reader) or item.title
        for name, rows in outputs.items():
            cell = _squash(rows[item.id])
            assert _squash(title) in cell, (name, item.id, title)
            if verb:
                assert _squash(f"{reader}职责：{verb}") in cell, (name, item.id, verb)
        if verb:
            roles += 1
            assert _squash(f"{reader}职责：{verb}") in _squash(pdf), ("pdf", item.id)
    if reader != levels.AGENCY:
        assert roles, f"{checklist_id}: no row names what {reader} does"


def test_branch_reads_what_a_branch_does_for_programmes_organised_above(built_site, catalogue):
    """GC2-06 on the 党支部 list asks the branch's secretary to attend, not the branch to run the training."""
    site, _log = built_site
    rows = _meta_rows(site, "dangzhibu")
    organised = [i for i in _checklist(catalogue, "dangzhibu").items if i.levels.get(levels.ABOVE) in levels.RUNS]
    assert organised
    for item in organised:
        row = rows[item.id]
        assert row["title"] != item.title and not ORGANISER_OPENINGS.match(row["title"]), item.id
        assert levels.ABOVE in row["requirement"] and "讲话未点名" in row["requirement"]
    assert rows["GC2-06"]["title"].startswith("书记参加")


def test_member_rows_are_phrased_for_members(built_site, catalogue):
    """On the 党员 list no row title is the organiser's wording (实施……工程, 推动开展……, 引导党员干部……)."""
    site, _log = built_site
    rows = _meta_rows(site, "dangyuan")
    organisers = [r["id"] for r in rows.values() if ORGANISER_OPENINGS.match(r["title"])]
    assert not organisers
    with_role = [r for r in rows.values() if r["role"].startswith("党员职责：")]
    assert len(with_role) == len(rows)      # every row says what a member does


def test_score_sheet_scores_what_the_agency_does(built_site, catalogue):
    site, _log = built_site
    rows = _meta_rows(site, "kaohe-pingfen")
    run_above = [i for i in _checklist(catalogue, "kaohe-pingfen").items
                 if i.levels.get(levels.ABOVE) in levels.RUNS]
    assert run_above
    for item in run_above:
        assert not ORGANISER_OPENINGS.match(rows[item.id]["title"]), item.id
        assert rows[item.id]["role"].startswith(f"{levels.AGENCY}职责：")
