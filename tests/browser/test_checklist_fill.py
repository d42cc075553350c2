"""Filled checklists in real Chromium, over http and from file://: entries survive a data update and rebuild,
exports open in openpyxl / python-docx / csv with what was entered, backup → 清空 → import, bad files refused,
a failed write is shown, old-format keys migrate. Fixture project: tests/fixtures/fill."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, serve_directory

CHECKLIST = "all"
FILLED = {"ZS0-01": "已完成", "ZS0-02": "已完成", "AA0-01": "已完成", "AA1-01": "推进中"}
NOTES = {"ZS0-01": "党组会议纪要", "AA1-01": "学习小组名单"}
FIELDS = {"单位": "某机关第一党支部", "填表人": "张某", "日期": "2026-12-01"}


def _build(project: Path, site: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                            cwd=project, capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="module")
def fill_site(tmp_path_factory):
    """(project, site): the fill fixture with the real generator code, theme overrides and assets."""
    base = tmp_path_factory.mktemp("fill")
    project = base / "project"
    shutil.copytree(FIXTURES / "fill", project)
    for folder in ("macros", "handbook", "overrides", "docs/assets"):
        shutil.copytree(ROOT / folder, project / folder, ignore=shutil.ignore_patterns("__pycache__"))
    site = base / "site"
    _build(project, site)
    return project, site


@pytest.fixture(scope="module")
def fill_http(fill_site):
    _project, site = fill_site
    url, server = serve_directory(site)
    yield url
    server.shutdown()


@pytest.fixture(params=["http", "file"])
def root_url(request, fill_site, fill_http):
    return fill_http if request.param == "http" else fill_site[1].as_uri()


def _open(tab, root_url):
    tab.goto(f"{root_url}/checklists/{CHECKLIST}.html")
    tab.wait_for_selector(".hb-progress:not(:empty)")


def _fill(tab):
    for item, status in FILLED.items():
        tab.locator(f'tr[data-item="{item}"] input[value="{status}"]').check()
    for item, note in NOTES.items():
        tab.locator(f'tr[data-item="{item}"] .hb-note').fill(note)
    for name, value in FIELDS.items():
        tab.locator(f'.hb-fill[data-field="{name}"]').fill(value)


def _state(tab) -> dict:
    return tab.evaluate("""() => {
      const out = {status: {}, note: {}, fields: {}};
      document.querySelectorAll('tr[data-item]').forEach(r => {
        const c = r.querySelector('input[type=radio]:checked'); if (c) out.status[r.dataset.item] = c.value;
        const n = r.querySelector('.hb-note').textContent; if (n) out.note[r.dataset.item] = n; });
      document.querySelectorAll('.hb-fill[data-field]').forEach(c => { if (c.textContent) out.fields[c.dataset.field] = c.textContent; });
      return out; }""")


def _download(tab, selector) -> bytes:
    with tab.expect_download() as info:
        tab.locator(selector).click()
    return Path(info.value.path()).read_bytes(), info.value.suggested_filename


def test_rows_carry_the_contract(tab, fill_site, fill_http):
    _open(tab, fill_http)
    table = tab.locator("table.hb-checklist")
    assert table.get_attribute("data-edition") == "2026.1" and table.get_attribute("data-date") == "2026-12-01"
    rows = tab.locator("tbody tr[data-item]")
    assert rows.count() == 5
    for i in range(rows.count()):
        row = rows.nth(i)
        assert len(row.get_attribute("data-rev")) == 8
        assert [r.get_attribute("value") for r in row.locator("input[type=radio]").all()] == ["已完成", "推进中", "未开始"]
        assert row.locator(".hb-note").get_attribute("aria-label") == f"{row.get_attribute('data-item')} 佐证材料/备注"
    assert tab.locator("a.hb-download").first.get_attribute("download").startswith("全部要求对照检查清单-2026.1.")


def test_entries_survive_a_data_update(browser, tmp_path):
    """Fill → retitle one item, add one, withdraw one → rebuild into the same folder → reload (http and file)."""
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "fill", project)
    for folder in ("macros", "handbook", "overrides", "docs/assets"):
        shutil.copytree(ROOT / folder, project / folder, ignore=shutil.ignore_patterns("__pycache__"))
    site = tmp_path / "site"
    _build(project, site)
    url, server = serve_directory(site)
    roots = [url, site.as_uri()]
    context = browser.new_context()
    tabs = []
    try:
        for root in roots:
            tab = context.new_page()
            _open(tab, root)
            _fill(tab)
            tabs.append(tab)
        aa = project / "data" / "requirements" / "AA.yaml"
        text = aa.read_text(encoding="utf-8")
        text = text.replace("title: 开展“三学”活动", "title: 开展“三学”学习活动")          # retitle AA0-01
        text = text.replace("    types: [政治型]\n", "    types: [政治型]\n    withdrawn: 已并入 AA1-02\n")   # withdraw AA1-01
        text = text.replace("  - id: AA1-01", "  - id: AA0-02\n    title: 组织集中研讨\n    text: 组织集中研讨\n"
                            "    source: P05\n    subjects: [机关党委]\n    kind: 学习\n  - id: AA1-01")
        aa.write_text(text, encoding="utf-8")
        case = project / "data/cases/demo.yaml"                # a case may not cite a withdrawn item
        case.write_text(case.read_text(encoding="utf-8").replace("items: [AA1-01]", "items: [AA1-02]"), encoding="utf-8")
        _build(project, site)
        for tab in tabs:
            tab.reload()
            tab.wait_for_selector(".hb-progress:not(:empty)")
            state = _state(tab)
            assert state["status"] == {k: v for k, v in FILLED.items() if k != "AA1-01"}
            assert state["note"] == {k: v for k, v in NOTES.items() if k != "AA1-01"}
            assert state["fields"] == FIELDS
            notice = tab.locator(".hb-cl-updated").inner_text()
            assert "新增 1 条、撤销 1 条、修改 1 条" in notice and "AA0-02" in notice and "AA0-01" in notice
            assert "撤销：AA1-01 组建学习小组" in notice      # title of an item no longer in the list (summary-meta.js)
            gone = tab.locator('.hb-cl-gone [data-gone-item="AA1-01"]').inner_text()
            assert "推进中" in gone and "学习小组名单" in gone and "已撤销：已并入 AA1-02" in gone
            assert "AA1-01 组建学习小组" in gone
            tab.locator(".hb-cl-updated button").click()                     # 知道了: not shown again
            tab.reload()
            tab.wait_for_selector(".hb-progress:not(:empty)")
            assert tab.locator(".hb-cl-updated").count() == 0
            assert tab.locator('.hb-cl-gone [data-gone-item="AA1-01"]').count() == 1
    finally:
        context.close()
        server.shutdown()


def test_exports_hold_what_was_entered(tab, root_url, fill_site):
    import docx
    import openpyxl
    _open(tab, root_url)
    _fill(tab)
    blank = openpyxl.load_workbook(fill_site[1] / "downloads" / f"{CHECKLIST}.xlsx").worksheets[0]

    data, name = _download(tab, '[data-hb-export="xlsx"]')
    assert name.startswith("全部要求对照检查清单-2026.1-已填写-某机关第一党支部-") and name.endswith(".xlsx")
    ws = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    header = next(r for r in range(1, 10) if any(c.value == "编号" for c in ws[r]))
    assert [c.value for c in ws[header]] == [c.value for c in blank[header]]
    cols = {c.value: c.column for c in ws[header]}
    ids = {}
    row = header + 1
    while ws.cell(row, cols["编号"]).value:
        ids[ws.cell(row, cols["编号"]).value] = row
        row += 1
    assert list(ids) == [blank.cell(r, cols["编号"]).value for r in range(header + 1, row)]
    for item, status in FILLED.items():
        assert ws.cell(ids[item], cols["完成情况"]).value == status
    for item, note in NOTES.items():
        assert ws.cell(ids[item], cols["佐证材料/备注"]).value == note
    for letter, dim in blank.column_dimensions.items():
        assert ws.column_dimensions[letter].width == pytest.approx(dim.width, abs=0.01)
    title_block = " ".join(str(c.value) for r in ws.iter_rows(max_row=header - 1) for c in r if c.value)
    assert all(v in title_block for v in FIELDS.values())

    data, name = _download(tab, '[data-hb-export="csv"]')
    assert data.startswith(b"\xef\xbb\xbf") and name.endswith(".csv")
    lines = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    blank_csv = list(csv.reader(io.StringIO((fill_site[1] / "downloads" / f"{CHECKLIST}.csv").read_text("utf-8-sig"))))
    assert lines[0] == blank_csv[0]
    by_id = {line[1]: line for line in lines[1:] if len(line) > 5}
    for item, status in FILLED.items():
        assert by_id[item][4] == status
    for item, note in NOTES.items():
        assert by_id[item][5] == note
    assert [] in lines and any("2026.1" in " ".join(line) for line in lines)

    data, name = _download(tab, '[data-hb-export="docx"]')
    document = docx.Document(io.BytesIO(data))
    body = "\n".join(p.text for p in document.paragraphs)
    assert "全部要求对照检查清单" in body and all(v in body for v in FIELDS.values())
    assert "已完成 3 条，推进中 1 条，未开始 0 条，未填 1 条" in body
    table = document.tables[0]
    rows = {r.cells[1].text: r for r in table.rows[1:]}
    for item, status in FILLED.items():
        assert f"☑ {status}" in rows[item].cells[4].text
    for item, note in NOTES.items():
        assert rows[item].cells[5].text == note
    section = document.sections[0]
    # A4 landscape like the server .docx, so 要求 keeps its width beside a ≥ 5 cm notes column.
    assert abs(section.page_width.cm - 29.7) < 0.1 and abs(section.page_height.cm - 21.0) < 0.1
    assert "2026.1" in section.footer.paragraphs[0].text
    notes_width = table.columns[5].width or table.rows[0].cells[5].width
    assert notes_width.cm >= 5.0

    data, name = _download(tab, '[data-hb-export="json"]')
    record = json.loads(data)
    assert name.startswith("全部要求对照检查清单-填写记录-某机关第一党支部-") and name.endswith(".json")
    assert record["format"] == "hb-fill" and record["version"] == 1 and record["id"] == CHECKLIST
    assert record["fields"] == FIELDS and record["written"]
    assert {k: v["status"] for k, v in record["entries"].items()} == FILLED
    assert tab.console_errors == []


def test_backup_clear_import_and_bad_files(tab, root_url, tmp_path):
    _open(tab, root_url)
    _fill(tab)
    before = _state(tab)
    data, _ = _download(tab, '[data-hb-export="json"]')
    backup = tmp_path / "backup.json"
    backup.write_bytes(data)
    tab.once("dialog", lambda d: d.accept())
    tab.locator("[data-action=clear]").click()
    assert _state(tab) == {"status": {}, "note": {}, "fields": {}}
    tab.locator("input[data-hb-import]").set_input_files(str(backup))
    tab.wait_for_selector(".hb-cl-info")
    assert _state(tab) == before
    tab.reload()
    tab.wait_for_selector(".hb-progress:not(:empty)")
    assert _state(tab) == before

    record = json.loads(data)
    bad = {"other.json": json.dumps({**record, "id": "branch", "title": "党支部对照检查清单"}),
           "v99.json": json.dumps({**record, "version": 99}),
           "broken.json": data.decode()[:-20],
           "random.json": os.urandom(300)}
    for name, content in bad.items():
        path = tmp_path / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
        errors = tab.locator(".hb-cl-error").count()
        tab.locator("input[data-hb-import]").set_input_files(str(path))
        tab.wait_for_function(f"document.querySelectorAll('.hb-cl-error').length > {errors}")
        assert "未导入" in tab.locator(".hb-cl-error").last.inner_text()
        assert _state(tab) == before, name


def test_filled_blank_xlsx_imports(tab, root_url, fill_site, tmp_path):
    import openpyxl
    wb = openpyxl.load_workbook(fill_site[1] / "downloads" / f"{CHECKLIST}.xlsx")
    ws = wb.worksheets[0]
    header = next(r for r in range(1, 10) if any(c.value == "编号" for c in ws[r]))
    cols = {c.value: c.column for c in ws[header]}
    rows = {ws.cell(r, cols["编号"]).value: r for r in range(header + 1, ws.max_row + 1) if ws.cell(r, cols["编号"]).value}
    ws.cell(rows["ZS0-01"], cols["完成情况"], "已完成")
    ws.cell(rows["ZS0-01"], cols["佐证材料/备注"], "会议纪要")
    ws.cell(rows["AA0-01"], cols["完成情况"], "部分完成")               # meaning uncertain: listed
    last = max(rows.values())                                             # a mistyped ID on the last row
    ws.cell(last, cols["编号"], "XX9-99")
    ws.cell(last, cols["完成情况"], "已完成")                             # unknown ID: listed
    path = tmp_path / "filled.xlsx"
    wb.save(path)
    _open(tab, root_url)
    tab.locator("input[data-hb-import]").set_input_files(str(path))
    tab.wait_for_selector(".hb-cl-error")
    problems = tab.locator(".hb-cl-error").inner_text()
    assert "XX9-99" in problems and "AA0-01" in problems
    assert _state(tab)["status"] == {"ZS0-01": "已完成"} and _state(tab)["note"] == {"ZS0-01": "会议纪要"}


def test_failed_write_shows_a_banner(tab, fill_http):
    _open(tab, fill_http)
    tab.evaluate("() => { Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); }; }")
    tab.locator('tr[data-item="ZS0-01"] input[value="已完成"]').check()
    banner = tab.locator(".hb-banner--error")
    assert banner.is_visible() and "无法保存到本机浏览器" in banner.inner_text()


def test_old_format_key_is_migrated(tab, fill_http):
    tab.goto(f"{fill_http}/index.html")
    tab.evaluate("""() => localStorage.setItem('hb-checklist:all:0123456789', JSON.stringify(
      {status: {'ZS0-01': 'done', 'AA1-01': 'doing', 'AA1-02': 'todo'}, note: {'ZS0-01': '旧备注'}, score: {},
       blank: {'单位': '某机关老支部'}}))""")
    _open(tab, fill_http)
    state = _state(tab)
    assert state["status"] == {"ZS0-01": "已完成", "AA1-01": "推进中", "AA1-02": "未开始"}
    assert state["note"] == {"ZS0-01": "旧备注"} and state["fields"] == {"单位": "某机关老支部"}
    keys = tab.evaluate("Object.keys(localStorage)")
    assert "hb-checklist:all:0123456789" not in keys
    assert any(k.startswith("hb:v1:") and k.endswith(":checklist:all") for k in keys)


def test_another_copy_is_offered_not_shared(tab, fill_http):
    _open(tab, fill_http)
    tab.evaluate("""() => localStorage.setItem('hb:v1:file:///其他目录/site/:checklist:all', JSON.stringify(
      {format: 'hb-fill', version: 1, kind: 'checklist', id: 'all', title: 't', edition: {}, fields: {'单位': '某机关'},
       entries: {'ZS0-02': {status: '推进中', note: '', score: '', t: '2026-01-01T00:00:00Z'}}, seen: {},
       updated: '2026-01-01T00:00:00Z'}))""")
    tab.reload()
    tab.wait_for_selector(".hb-cl-elsewhere")
    assert _state(tab)["status"] == {}
    assert "其他目录" in tab.locator(".hb-cl-elsewhere").inner_text()
    tab.locator(".hb-cl-elsewhere button", has_text="导入").click()
    assert _state(tab)["status"] == {"ZS0-02": "推进中"}


def test_phone_cards_do_not_scroll_sideways(browser, fill_http):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(f"{fill_http}/checklists/{CHECKLIST}.html")
    page.wait_for_selector(".hb-progress:not(:empty)")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    label = page.locator('tr[data-item="ZS0-01"] .hb-status label').first
    assert label.bounding_box()["height"] >= 30                # large touch targets
    label.click()
    assert page.locator('tr[data-item="ZS0-01"] input[value="已完成"]').is_checked()
    context.close()
