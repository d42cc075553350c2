"""A checklist split over several pages, in Chromium over http and from file://: entries made on different
pages land in one record, progress and score total count the whole checklist, an export from page 2 holds
rows of every page (opened with openpyxl), and an old `all.html#cl-<ID>` link lands on the row's page.
Fixture project: tests/fixtures/fill, built with a page budget so small that every row gets its own page."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, serve_directory

BUDGET = "1"   # every row (and every other unit) on a page of its own


def _run(args, cwd) -> None:
    env = {**os.environ, "HANDBOOK_PAGE_BUDGET": BUDGET, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, *args], cwd=cwd, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="module")
def paged_fill(tmp_path_factory):
    """(catalogue, site): the fill fixture with continuation stubs written by `pages`, then built."""
    from handbook.catalogue import load_catalogue
    base = tmp_path_factory.mktemp("clpaged")
    project = base / "project"
    shutil.copytree(FIXTURES / "fill", project)
    for folder in ("macros", "handbook", "overrides", "docs/assets"):
        shutil.copytree(ROOT / folder, project / folder, ignore=shutil.ignore_patterns("__pycache__"))
    # As the real mkdocs.yml: anchors.js on every page (the fixture predates it), the accessible custom reds.
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("primary: red", "primary: custom").replace("accent: red", "accent: custom")
    if "anchors.js" not in text:
        text = text.replace("extra_javascript:\n", "extra_javascript:\n  - assets/javascripts/anchors.js\n")
    config.write_text(text, encoding="utf-8")
    _run(["-m", "handbook", "--root", str(project), "pages"], project)
    assert (project / "docs/checklists/all-2.md").is_file()
    site = base / "site"
    _run(["-m", "mkdocs", "build", "--strict", "--site-dir", str(site)], project)
    return load_catalogue(FIXTURES / "fill"), site


@pytest.fixture(scope="module")
def paged_http(paged_fill):
    url, server = serve_directory(paged_fill[1])
    yield url
    server.shutdown()


@pytest.fixture(params=["http", "file"])
def root_url(request, paged_fill, paged_http):
    return paged_http if request.param == "http" else paged_fill[1].as_uri()


def _pages_of(site: Path, checklist_id: str) -> dict:
    text = (site / f"api/pages/checklists-{checklist_id}.js").read_text(encoding="utf-8")
    return json.loads(text.split("=", 2)[2].rstrip(";\n"))


def _open(tab, url):
    tab.goto(url)
    tab.wait_for_selector(".hb-progress:not(:empty)")


def _row_on(tab) -> str:
    return tab.locator("table.hb-checklist tbody tr[data-item]").first.get_attribute("data-item")


def test_entries_on_two_pages_count_and_export_together(tab, paged_fill, root_url):
    import openpyxl
    catalogue, site = paged_fill
    checklist = catalogue.checklist("all")
    pages = _pages_of(site, "all")["pages"]
    assert len(pages) == len(checklist.items) >= 2
    _open(tab, f"{root_url}/checklists/{pages[0]}")
    first = _row_on(tab)
    tab.locator(f'tr[data-item="{first}"] input[value="已完成"]').check()
    tab.locator(f'tr[data-item="{first}"] .hb-note').fill("第一页的备注")
    tab.locator('.hb-fill[data-field="单位"]').fill("某机关第一党支部")
    _open(tab, f"{root_url}/checklists/{pages[1]}")
    second = _row_on(tab)
    assert second != first and tab.locator(f'tr[data-item="{first}"]').count() == 0
    assert tab.locator('.hb-fill[data-field="单位"]').inner_text() == "某机关第一党支部"
    tab.locator(f'tr[data-item="{second}"] input[value="推进中"]').check()
    total = len(checklist.items)
    assert tab.locator(".hb-progress").inner_text() == (
        f"已完成 1 · 推进中 1 · 未开始 0 · 未填 {total - 2}（共 {total} 条）")

    with tab.expect_download() as info:
        tab.locator('[data-hb-export="xlsx"]').click()
    ws = openpyxl.load_workbook(io.BytesIO(Path(info.value.path()).read_bytes())).worksheets[0]
    header = next(r for r in range(1, 10) if any(c.value == "编号" for c in ws[r]))
    cols = {c.value: c.column for c in ws[header]}
    rows = {ws.cell(r, cols["编号"]).value: r for r in range(header + 1, ws.max_row + 1) if ws.cell(r, cols["编号"]).value}
    assert sorted(rows) == sorted(i.id for i in checklist.items)          # the whole checklist, not this page
    assert ws.cell(rows[first], cols["完成情况"]).value == "已完成"
    assert ws.cell(rows[first], cols["佐证材料/备注"]).value == "第一页的备注"
    assert ws.cell(rows[second], cols["完成情况"]).value == "推进中"

    # Back on page 1 the entry of page 2 counts too, and nothing shows as “已不在本清单”.
    _open(tab, f"{root_url}/checklists/{pages[0]}")
    assert tab.locator(f'tr[data-item="{first}"] input[value="已完成"]').is_checked()
    assert tab.locator(".hb-progress").inner_text().startswith("已完成 1 · 推进中 1 ·")
    assert tab.locator(".hb-cl-gone").is_hidden() and tab.locator(".hb-cl-updated").count() == 0
    # 清空 on page 1 clears the whole checklist.
    tab.once("dialog", lambda dialog: dialog.accept())
    tab.locator("[data-action=clear]").click()
    _open(tab, f"{root_url}/checklists/{pages[1]}")
    assert not tab.locator(f'tr[data-item="{second}"] input[value="推进中"]').is_checked()
    assert tab.locator(".hb-progress").inner_text().startswith(f"已完成 0 · 推进中 0 · 未开始 0 · 未填 {total}")
    assert tab.console_errors == []


def test_score_total_on_the_last_page_sums_every_page(tab, paged_fill, paged_http):
    catalogue, site = paged_fill
    checklist = next(c for c in catalogue.checklists if c.points is not None)
    pages = _pages_of(site, checklist.id)["pages"]
    assert len(pages) >= 2
    _open(tab, f"{paged_http}/checklists/{pages[0]}")
    assert tab.locator(".hb-score-total").count() == 0                   # 合计 only on the last page
    tab.locator(".hb-score").first.fill("2")
    _open(tab, f"{paged_http}/checklists/{pages[-1]}")
    tab.locator(".hb-score").first.fill("1")
    assert tab.locator(".hb-score-total").inner_text() == "3"
    assert tab.locator("tfoot .hb-total-label").inner_text() == "合计"
    numbers = [int(n) for n in tab.locator("td.hb-cl-n").all_inner_texts()]
    assert numbers == [len(checklist.items)]                              # 序号 runs on across pages
    assert tab.console_errors == []


def test_old_row_anchor_lands_on_the_page_holding_the_row(tab, paged_fill, root_url):
    catalogue, site = paged_fill
    data = _pages_of(site, "all")
    anchor = data["anchors"][-1][0]
    holder = data["pages"][-1]
    assert anchor == f"cl-{catalogue.checklist('all').items[-1].id}"
    tab.goto(f"{root_url}/checklists/all.html#{anchor}")
    tab.wait_for_url(f"{root_url}/checklists/{holder}#{anchor}")
    assert tab.locator(f"tr[id='{anchor}']").count() == 1
    assert tab.console_errors == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_split_checklist_page_passes_axe_and_fits_a_phone(browser, paged_fill, paged_http, axe_source, scheme):
    from tests.browser.test_a11y import EXCLUDE, RUN_AXE
    context = browser.new_context(viewport={"width": 360, "height": 740}, color_scheme=scheme)
    page = context.new_page()
    try:
        _open(page, f"{paged_http}/checklists/all-2.html")
        pager = page.locator("nav.hb-pager").first
        box = pager.bounding_box()
        assert pager.is_visible() and box["x"] >= 0 and box["x"] + box["width"] <= 360
        assert pager.locator("[aria-current=page]").get_attribute("href") == "all-2.html"
        page.add_script_tag(content=axe_source)
        assert page.evaluate(RUN_AXE, EXCLUDE) == []
    finally:
        context.close()


def test_a_tick_made_while_the_rows_load_is_kept(tab, paged_fill, paged_http):
    """The rows come from a script loaded after the page: an entry made before it arrives is saved, not undone."""
    held = []
    tab.route("**/downloads/fill/all.meta.js", lambda route: held.append(route))
    tab.goto(f"{paged_http}/checklists/all.html", wait_until="domcontentloaded")
    while not held:
        tab.wait_for_timeout(50)
    row = _row_on(tab)
    tab.locator(f'tr[data-item="{row}"] input[value="未开始"]').check()
    held[0].continue_()
    tab.wait_for_selector(".hb-progress:not(:empty)")
    assert tab.locator(".hb-progress").inner_text().startswith("已完成 0 · 推进中 0 · 未开始 1")
    tab.unroute("**/downloads/fill/all.meta.js")
    _open(tab, f"{paged_http}/checklists/all.html")
    assert tab.locator(f'tr[data-item="{row}"] input[value="未开始"]').is_checked()
    assert tab.console_errors == []


def test_backup_from_one_page_restores_every_page(tab, paged_fill, paged_http, tmp_path):
    """Export 填写记录 on page 2 holds the entry made on page 1; 清空 then 导入 on page 1 brings both back."""
    site = paged_fill[1]
    pages = _pages_of(site, "all")["pages"]
    _open(tab, f"{paged_http}/checklists/{pages[0]}")
    first = _row_on(tab)
    tab.locator(f'tr[data-item="{first}"] input[value="已完成"]').check()
    _open(tab, f"{paged_http}/checklists/{pages[1]}")
    second = _row_on(tab)
    tab.locator(f'tr[data-item="{second}"] .hb-note').fill("第二页的备注")
    with tab.expect_download() as info:
        tab.locator('[data-hb-export="json"]').click()
    backup = tmp_path / "backup.json"
    backup.write_bytes(Path(info.value.path()).read_bytes())
    record = json.loads(backup.read_text(encoding="utf-8"))
    assert record["entries"][first]["status"] == "已完成" and record["entries"][second]["note"] == "第二页的备注"
    assert sorted(record["seen"]) == sorted(i.id for i in paged_fill[0].checklist("all").items)
    _open(tab, f"{paged_http}/checklists/{pages[0]}")
    tab.once("dialog", lambda dialog: dialog.accept())
    tab.locator("[data-action=clear]").click()
    assert not tab.locator(f'tr[data-item="{first}"] input[value="已完成"]').is_checked()
    tab.locator("input[data-hb-import]").set_input_files(str(backup))
    tab.wait_for_selector(".hb-cl-info")
    assert tab.locator(f'tr[data-item="{first}"] input[value="已完成"]').is_checked()
    _open(tab, f"{paged_http}/checklists/{pages[1]}")
    assert tab.locator(f'tr[data-item="{second}"] .hb-note').inner_text() == "第二页的备注"
    assert tab.console_errors == []
