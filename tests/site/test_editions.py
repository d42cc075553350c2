"""Editions end to end on the fill fixture (+ overlay tests/fixtures/editions): release 2026.1 →
retitle, withdraw, add, move between lists → 2026.2 → build: the 修订说明 page, api/changes.json,
the checklist update notice (real Chromium) and the booklet show exactly those changes."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, require_tool, serve_directory

EXPECTED = {("added", "AA0-02"), ("withdrawn", "AA1-01"), ("modified", "AA0-01"),
            ("moved", "ZS0-01"), ("moved", "ZS0-02")}


def _run(project: Path, *args: str) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, "-m", "handbook", *args], cwd=project, capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def _edit(project: Path) -> None:
    aa = project / "data/requirements/AA.yaml"
    text = aa.read_text(encoding="utf-8")
    text = text.replace("title: 开展“三学”活动", "title: 开展“三学”学习活动")                                # retitle AA0-01
    text = text.replace("    types: [政治型]\n", "    types: [政治型]\n    withdrawn: 已并入 AA1-02\n", 1)   # withdraw AA1-01
    text = text.replace("  - id: AA1-01", "  - id: AA0-02\n    title: 组织集中研讨\n    text: 组织集中研讨\n"
                        "    source: P05\n    subjects: [机关党委]\n    kind: 学习\n  - id: AA1-01")          # add AA0-02
    aa.write_text(text, encoding="utf-8")
    case = project / "data/cases/demo.yaml"                 # a case may not cite a withdrawn item
    case.write_text(case.read_text(encoding="utf-8").replace("items: [AA1-01]", "items: [AA1-02]"), encoding="utf-8")
    branch = project / "data/checklists/branch.yaml"        # move: ZS0-02 leaves the 党支部 list, ZS0-01 joins it
    branch.write_text(branch.read_text(encoding="utf-8").replace("ids: [ZS0-02]", "ids: [ZS0-01]"), encoding="utf-8")
    edition = project / "data/edition.yaml"
    edition.write_text(edition.read_text(encoding="utf-8").replace('"2026.1"', '"2026.2"')
                       .replace('"2026-12-01"', '"2027-03-01"'), encoding="utf-8")


@pytest.fixture(scope="module")
def editions_project(tmp_path_factory):
    """(project, site before, site after): released, filled in between by the browser test."""
    base = tmp_path_factory.mktemp("editions")
    project = base / "project"
    shutil.copytree(FIXTURES / "fill", project)
    shutil.copytree(FIXTURES / "editions", project, dirs_exist_ok=True)
    for folder in ("macros", "handbook", "overrides", "docs/assets"):
        shutil.copytree(ROOT / folder, project / folder, ignore=shutil.ignore_patterns("__pycache__"))
    _run(project, "release")
    first = (project / "data/editions/2026.1.json").read_bytes()
    _run(project, "release")                                 # again: unchanged, byte for byte
    assert (project / "data/editions/2026.1.json").read_bytes() == first
    _run(project, "build", "--site-dir", "site1")
    _edit(project)
    _run(project, "publish")                                 # the new item's ID, as `make check` asks
    _run(project, "build", "--site-dir", "site2")
    _run(project, "release")
    _run(project, "build", "--site-dir", "site2")
    return project, project / "site1", project / "site2"


def test_release_writes_byte_stable_snapshots(editions_project):
    project, _before, _after = editions_project
    snaps = sorted(p.name for p in (project / "data/editions").glob("*.json"))
    assert snaps == ["2026.1.json", "2026.2.json"]
    new = json.loads((project / "data/editions/2026.2.json").read_text(encoding="utf-8"))
    assert new["version"] == "2026.2" and new["items"]["AA0-01"]["title"] == "开展“三学”学习活动"
    assert new["items"]["AA1-01"]["withdrawn"] == "已并入 AA1-02"
    assert "ZS0-01" in new["checklists"]["branch"]["items"] and "ZS0-02" not in new["checklists"]["branch"]["items"]
    edition = project / "data/edition.yaml"                  # edit again without raising the version: refused
    aa = project / "data/requirements/AA.yaml"
    saved = aa.read_text(encoding="utf-8")
    aa.write_text(saved.replace("title: 组织集中研讨", "title: 组织集中专题研讨"), encoding="utf-8")
    try:
        result = subprocess.run([sys.executable, "-m", "handbook", "release"], cwd=project, capture_output=True, text=True)
        assert result.returncode == 1 and "提高版本号" in result.stderr
    finally:
        aa.write_text(saved, encoding="utf-8")
    assert edition.is_file()


def test_changes_page_and_api_show_exactly_the_edits(editions_project):
    _project, _before, site = editions_project
    data = json.loads((site / "api/changes.json").read_text(encoding="utf-8"))
    assert data["current"] == "2026.2"
    assert [e["version"] for e in data["editions"]] == ["2026.2", "2026.1"]
    latest = data["editions"][0]
    assert latest["previous"] == "2026.1" and latest["released"] is True
    got = {(kind, row["id"]) for kind in ("added", "withdrawn", "modified", "moved") for row in latest[kind]}
    assert got == EXPECTED
    modified = latest["modified"][0]
    assert modified["fields"] == {"title": {"old": "开展“三学”活动", "new": "开展“三学”学习活动"}}
    assert modified["url"] == "aa.html#AA0-01"
    assert latest["withdrawn"][0]["reason"] == "已并入 AA1-02" and latest["withdrawn"][0]["to"] == ["AA1-02"]
    moved = {row["id"]: (row["left"], row["joined"]) for row in latest["moved"]}
    assert moved == {"ZS0-01": ([], ["branch"]), "ZS0-02": (["branch"], [])}
    assert data["editions"][1]["previous"] is None

    html = (site / "changes.html").read_text(encoding="utf-8")
    entries = set(re.findall(r'data-change="(\w+)" data-item="([A-Z0-9-]+)"', html))
    assert entries == EXPECTED
    assert "<del>开展“三学”活动</del> → <ins>开展“三学”学习活动</ins>" in html
    assert 'href="aa.html#AA0-01"' in html and 'href="aa.html#AA1-02"' in html   # the item, and where AA1-01 went
    assert 'id="v2026-2"' in html and 'id="v2026-1"' in html
    assert "修订说明" in (site / "index.html").read_text(encoding="utf-8")        # in the nav


def test_unreleased_edits_show_as_the_current_edition(editions_project, tmp_path):
    """Live data that differs from the last snapshot is listed as the current, unreleased edition."""
    project, _before, _after = editions_project
    from handbook.catalogue import load_catalogue
    from handbook.render.changes import changes_json
    copy = tmp_path / "p"
    shutil.copytree(project / "data", copy / "data")
    shutil.copytree(project / "docs", copy / "docs", ignore=shutil.ignore_patterns("assets"))
    aa = copy / "data/requirements/AA.yaml"
    aa.write_text(aa.read_text(encoding="utf-8").replace("title: 组织集中研讨", "title: 组织集中专题研讨"), encoding="utf-8")
    data = changes_json(load_catalogue(copy))
    top = data["editions"][0]
    assert top["released"] is False and top["previous"] == "2026.2"
    assert [row["id"] for row in top["modified"]] == ["AA0-02"] and not top["added"] and not top["withdrawn"]


def test_checklist_notice_names_the_edition_links_rows_and_flags_review(editions_project, browser):
    _project, before, after = editions_project
    # The user fills the 2026.1 list, then the same folder holds 2026.2 (as a unit updating its copy).
    served = before.parent / "served"
    shutil.copytree(before, served)
    url, server = serve_directory(served)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_extra_http_headers({"Cache-Control": "no-cache"})   # the meta scripts change under the same URL
    try:
        tab = context.new_page()
        errors = []
        tab.on("pageerror", lambda e: errors.append(str(e)))
        tab.goto(f"{url}/checklists/all.html")
        tab.wait_for_selector(".hb-progress:not(:empty)")
        assert tab.locator(".hb-cl-revision").count() == 0          # no earlier edition yet
        tab.locator('tr[data-item="AA0-01"] input[value="已完成"]').check()
        tab.locator('tr[data-item="AA1-02"] input[value="推进中"]').check()
        shutil.rmtree(served)
        shutil.copytree(after, served, copy_function=shutil.copy)   # new mtimes: never answered 304
        tab.reload()
        tab.wait_for_selector(".hb-cl-updated")
        notice = tab.locator(".hb-cl-updated")
        assert notice.locator("p").first.inner_text() == "本清单已更新（2026.1 版 → 2026.2 版）：新增 1 条、撤销 1 条、修改 1 条"
        lines = {li.get_attribute("data-item"): li.get_attribute("data-change")
                 for li in notice.locator("li.hb-chg-line").all()}
        assert lines == {"AA0-02": "added", "AA1-01": "withdrawn", "AA0-01": "modified"}
        assert notice.locator('li[data-item="AA0-01"] a').get_attribute("href") == "#cl-AA0-01"
        assert notice.locator('li[data-item="AA0-02"] a').get_attribute("href") == "#cl-AA0-02"
        assert notice.locator('li[data-item="AA0-01"] del').inner_text() == "开展“三学”活动"
        assert notice.locator('li[data-item="AA0-01"] ins').inner_text() == "开展“三学”学习活动"
        assert "本版已修改，请复核" in notice.locator('li[data-item="AA0-01"]').inner_text()
        assert "已并入 AA1-02" in notice.locator('li[data-item="AA1-01"]').inner_text()
        # changed rows are marked until seen; the filled reworded one needs review
        assert tab.locator('tr[data-item="AA0-02"]').get_attribute("data-hb-change") == "added"
        assert tab.locator('tr[data-item="AA0-01"]').get_attribute("data-hb-change") == "review"
        assert tab.locator('tr[data-item="AA1-02"]').get_attribute("data-hb-change") is None
        notice.locator("button", has_text="知道了").click()
        tab.reload()
        tab.wait_for_selector(".hb-progress:not(:empty)")
        assert tab.locator(".hb-cl-updated").count() == 0
        assert tab.locator('tr[data-item="AA0-02"]').get_attribute("data-hb-change") is None
        review = tab.locator('tr[data-item="AA0-01"]')
        assert review.get_attribute("data-hb-change") == "review" and "本版已修改，请复核" in review.inner_text()
        review.locator("button.hb-chg-confirm").click()                # 已复核
        assert review.get_attribute("data-hb-change") is None
        tab.reload()
        tab.wait_for_selector(".hb-progress:not(:empty)")
        assert tab.locator('tr[data-item="AA0-01"]').get_attribute("data-hb-change") is None
        # 本版修订 reopens the edition's changes on this list
        tab.wait_for_selector(".hb-cl-revision a[data-hb-changes-open][data-hb-ready]")   # hb-changes-ui.js took it over
        link = tab.locator(".hb-cl-revision a[data-hb-changes-open]")
        assert "2026.1 版 → 2026.2 版" in tab.locator(".hb-cl-revision").inner_text()
        link.click()
        reopened = tab.locator(".hb-cl-revision-notice")
        assert reopened.locator("p").first.inner_text().startswith("本版修订（2026.1 版 → 2026.2 版）")
        assert {li.get_attribute("data-item") for li in reopened.locator("li.hb-chg-line").all()} == {"AA0-01", "AA0-02", "AA1-01"}
        # the 党支部 list: one row moved in, one out
        tab.goto(f"{url}/checklists/branch.html")
        tab.wait_for_selector(".hb-cl-revision a[data-hb-ready]")
        tab.locator(".hb-cl-revision a").click()
        # a row that left the list has its title from summary-meta.js, loaded on demand: wait for the notice
        tab.wait_for_selector('.hb-cl-revision-notice li.hb-chg-line[data-item="ZS0-02"]')
        moved = {li.get_attribute("data-item"): li.get_attribute("data-change")
                 for li in tab.locator(".hb-cl-revision-notice li.hb-chg-line").all()}
        assert moved["ZS0-01"] == "joined" and moved["ZS0-02"] == "left"
        assert errors == []
    finally:
        context.close()
        server.shutdown()


def _outline_titles(pdf: bytes) -> list[str]:
    """Bookmark titles: fpdf2 writes outline items uncompressed, titles as UTF-16BE hex strings."""
    out = []
    for match in re.finditer(rb"/Title <[Ff][Ee][Ff][Ff]([0-9A-Fa-f]*)>", pdf):
        out.append(bytes.fromhex(match.group(1).decode()).decode("utf-16-be"))
    for match in re.finditer(rb"/Title \(([^)]*)\)", pdf):
        out.append(match.group(1).decode("latin-1"))
    return out


def test_booklet_has_every_item_contents_page_numbers_bookmarks_and_fonts(editions_project):
    project, _before, site = editions_project
    pdftotext, pdffonts = require_tool("pdftotext"), require_tool("pdffonts")
    pdf = site / "downloads/booklet.pdf"
    text = subprocess.run([pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    from handbook.catalogue import load_catalogue
    catalogue = load_catalogue(project)
    pages = text.split("\f")
    assert "示例手册" in pages[0] and "2026.2 版" in pages[0] and "2027-03-01" in pages[0]   # cover
    assert "— " not in pages[0]                                        # no number on the cover
    assert re.search(r"目\s*录", pages[1])
    assert re.search(r"—\s*1\s*—", pages[1]) and "示例手册 · 2026.2 版" in pages[1]
    for n, page in enumerate(pages[1:-1], start=1):                    # every page after the cover numbered
        assert re.search(rf"—\s*{n}\s*—", page), n
    for item_id in catalogue.items:
        assert item_id in text, item_id
    assert "已撤销：已并入 AA1-02" in re.sub(r"\s+", "", text).replace("已撤销：已并入AA1-02", "已撤销：已并入 AA1-02")
    titles = _outline_titles(pdf.read_bytes())
    assert set(catalogue.items) <= set(titles)                          # every item ID a bookmark
    assert {"提法词典", "对照检查清单", "讲话原文"} <= set(titles)
    fonts = subprocess.run([pdffonts, str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert len(fonts) == 2 and all(line.split()[-5] == "yes" for line in fonts), fonts   # embedded
    assert b"/Subtype /Link" in pdf.read_bytes() or b"/Subtype/Link" in pdf.read_bytes()
    index = (site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a [^>]*data-hb-booklet href="downloads/booklet.pdf" download="示例手册-2026.2（全书）.pdf"', index)


def test_booklet_is_byte_reproducible(editions_project, tmp_path, monkeypatch):
    project, _before, _after = editions_project
    from handbook.catalogue import load_catalogue
    from handbook.export.booklet import booklet_content, write
    content = booklet_content(load_catalogue(project))
    monkeypatch.setenv("HANDBOOK_CACHE_DIR", str(tmp_path / "cache"))
    write(content, tmp_path / "a.pdf")
    write(content, tmp_path / "b.pdf")
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()


def _meta(site: Path, checklist: str) -> dict:
    text = (site / f"downloads/fill/{checklist}.meta.js").read_text(encoding="utf-8")
    return json.loads(text.split("]=", 1)[1].rstrip().rstrip(";"))


def test_meta_keeps_its_fields_and_names_the_edition_changes(editions_project):
    _project, before, after = editions_project
    old, new = _meta(before, "all"), _meta(after, "all")
    assert set(old) - {"changes"} <= set(new) and old["changes"] is None
    assert {k: v["kind"] for k, v in new["changes"]["items"].items()} == {
        "AA0-02": "added", "AA1-01": "withdrawn", "AA0-01": "modified"}
    assert new["changes"]["items"]["AA0-01"]["fields"] == [["标题", "开展“三学”活动", "开展“三学”学习活动"]]
    assert (new["changes"]["from"], new["changes"]["to"]) == ("2026.1", "2026.2")
    branch = _meta(after, "branch")["changes"]["items"]
    assert {k: v["kind"] for k, v in branch.items()} == {"ZS0-01": "joined", "ZS0-02": "left", "AA1-01": "withdrawn"}


def test_backup_from_the_earlier_edition_flags_reworded_entries(editions_project, browser, tmp_path):
    """A 2026.1 backup imported into 2026.2: the entry of the retitled item is flagged until 已复核;
    the withdrawn item's entry goes to 已不在本清单的条目 with its reason."""
    _project, before, after = editions_project
    revs = {row["id"]: row["rev"] for row in _meta(before, "all")["rows"]}
    backup = {"format": "hb-fill", "version": 1, "kind": "checklist", "id": "all", "title": "全部要求对照检查清单",
              "edition": {"version": "2026.1", "date": "2026-12-01"}, "fields": {"单位": "某机关第二党支部"},
              "entries": {"AA0-01": {"status": "已完成", "note": "旧版填写", "score": "", "t": "2026-12-02T00:00:00.000Z"},
                          "AA1-02": {"status": "推进中", "note": "", "score": "", "t": "2026-12-02T00:00:00.000Z"},
                          "AA1-01": {"status": "推进中", "note": "名单", "score": "", "t": "2026-12-02T00:00:00.000Z"}},
              "seen": revs, "updated": "2026-12-02T00:00:00.000Z", "written": "2026-12-02T00:00:00.000Z"}
    path = tmp_path / "backup.json"
    path.write_text(json.dumps(backup, ensure_ascii=False), encoding="utf-8")
    url, server = serve_directory(after)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        tab = context.new_page()
        tab.goto(f"{url}/checklists/all.html")
        tab.wait_for_selector(".hb-progress:not(:empty)")
        tab.locator("input[type=file][data-hb-import]").set_input_files(str(path))
        tab.wait_for_selector('tr[data-item="AA0-01"][data-hb-change="review"]')
        assert "本版已修改，请复核" in tab.locator('tr[data-item="AA0-01"]').inner_text()
        assert tab.locator('tr[data-item="AA1-02"]').get_attribute("data-hb-change") is None
        assert "已撤销：已并入 AA1-02" in tab.locator('.hb-cl-gone [data-gone-item="AA1-01"]').inner_text()
        tab.reload()
        tab.wait_for_selector(".hb-progress:not(:empty)")
        assert tab.locator('tr[data-item="AA0-01"]').get_attribute("data-hb-change") == "review"   # until confirmed
        assert tab.locator(".hb-cl-updated").count() == 0
        tab.locator('tr[data-item="AA0-01"] button.hb-chg-confirm').click()
        assert tab.locator('tr[data-item="AA0-01"]').get_attribute("data-hb-change") is None
        assert tab.locator('tr[data-item="AA0-01"] input[value="已完成"]').is_checked()     # the entry itself kept
    finally:
        context.close()
        server.shutdown()


def test_plan_notice_names_the_edition_and_flags_the_planned_reworded_row(browser, tmp_path):
    """The 工作计划 page (overlay tests/fixtures/plan, level 党支部 = AA1-01, AA1-02): plan AA1-02 in 2026.1,
    retitle it in 2026.2 → the notice names the edition change and the old → new title; the row stays
    flagged 本版已修改，请复核 after 知道了; 本版修订 reopens it."""
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "fill", project)
    shutil.copytree(FIXTURES / "plan", project, dirs_exist_ok=True)
    shutil.copytree(FIXTURES / "editions", project, dirs_exist_ok=True)
    for folder in ("macros", "handbook", "overrides", "docs/assets"):
        shutil.copytree(ROOT / folder, project / folder, ignore=shutil.ignore_patterns("__pycache__"))
    _run(project, "release")
    _run(project, "build", "--site-dir", "site1")
    aa = project / "data/requirements/AA.yaml"
    aa.write_text(aa.read_text(encoding="utf-8").replace("title: 举办读书班", "title: 举办专题读书班"), encoding="utf-8")
    edition = project / "data/edition.yaml"
    edition.write_text(edition.read_text(encoding="utf-8").replace('"2026.1"', '"2026.2"'), encoding="utf-8")
    _run(project, "release")
    _run(project, "build", "--site-dir", "site2")
    served = tmp_path / "served"
    shutil.copytree(project / "site1", served)
    url, server = serve_directory(served)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_extra_http_headers({"Cache-Control": "no-cache"})
    try:
        tab = context.new_page()
        errors = []
        tab.on("pageerror", lambda e: errors.append(str(e)))
        tab.goto(f"{url}/plan.html")
        tab.wait_for_selector('.hb-plan-table tr[data-item="AA1-02"]')
        tab.select_option("[data-plan-level]", "dangzhibu")
        lead = tab.locator('tr[data-item="AA1-02"] input[data-field="lead"]')
        lead.fill("办公室")
        lead.dispatch_event("change")
        tab.reload()                                          # seen recorded for the planned level
        tab.wait_for_selector('.hb-plan-table tr[data-item="AA1-02"]')
        shutil.rmtree(served)
        shutil.copytree(project / "site2", served, copy_function=shutil.copy)
        tab.reload()
        tab.wait_for_selector(".hb-plan-updated")
        notice = tab.locator(".hb-plan-updated")
        assert notice.locator("p").first.inner_text() == "本层面的要求已更新（2026.1 版 → 2026.2 版）：新增 0 条、撤销 0 条、修改 1 条"
        line = notice.locator('li[data-item="AA1-02"]')
        assert line.locator("a").get_attribute("href") == "#plan-AA1-02"
        assert line.locator("del").inner_text() == "举办读书班" and line.locator("ins").inner_text() == "举办专题读书班"
        row = tab.locator('tr[data-item="AA1-02"]')
        assert row.get_attribute("data-hb-change") == "review" and row.get_attribute("id") == "plan-AA1-02"
        notice.locator("button", has_text="知道了").click()
        tab.reload()
        tab.wait_for_selector('.hb-plan-table tr[data-item="AA1-02"]')
        assert tab.locator(".hb-plan-updated").count() == 0
        assert tab.locator('tr[data-item="AA1-02"]').get_attribute("data-hb-change") == "review"
        assert tab.locator('tr[data-item="AA1-02"] input[data-field="lead"]').input_value() == "办公室"
        tab.wait_for_selector(".hb-cl-revision a[data-hb-ready]")
        tab.locator(".hb-cl-revision a").click()
        assert tab.locator('.hb-plan-revision-notice li[data-item="AA1-02"]').count() == 1
        assert errors == []
    finally:
        context.close()
        server.shutdown()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_changes_page_and_open_notice_are_axe_clean(editions_project, browser, axe_source, scheme):
    from browser.test_a11y import RUN_AXE
    _project, _before, site = editions_project
    url, server = serve_directory(site)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    try:
        tab = context.new_page()
        found = {}
        for path, ready in (("changes.html", ".hb-chg"), ("checklists/all.html", ".hb-cl-revision a[data-hb-ready]")):
            tab.goto(f"{url}/{path}")
            tab.wait_for_selector(ready)
            if path.startswith("checklists"):
                tab.locator(".hb-cl-revision a").click()
                tab.wait_for_selector(".hb-cl-revision-notice")
            tab.add_script_tag(content=axe_source)
            violations = tab.evaluate(RUN_AXE, [])
            if violations:
                found[path] = violations
        assert found == {}
    finally:
        context.close()
        server.shutdown()


def test_filled_excel_from_the_earlier_edition_flags_reworded_entries(editions_project, browser, tmp_path):
    import openpyxl
    _project, before, after = editions_project
    book = openpyxl.load_workbook(before / "downloads/all.xlsx")
    sheet = book.worksheets[0]
    header = next(r for r in sheet.iter_rows(min_row=1, max_row=8) if any(c.value == "编号" for c in r))
    columns = {c.value: c.column for c in header}
    for row in sheet.iter_rows(min_row=header[0].row + 1):
        if row[columns["编号"] - 1].value in ("AA0-01", "AA1-02"):
            row[columns["完成情况"] - 1].value = "已完成"
    path = tmp_path / "filled.xlsx"
    book.save(path)
    url, server = serve_directory(after)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        tab = context.new_page()
        tab.goto(f"{url}/checklists/all.html")
        tab.wait_for_selector(".hb-progress:not(:empty)")
        tab.locator("input[type=file][data-hb-import]").set_input_files(str(path))
        tab.wait_for_selector('tr[data-item="AA0-01"][data-hb-change="review"]')
        assert tab.locator('tr[data-item="AA0-01"] input[value="已完成"]').is_checked()
        assert tab.locator('tr[data-item="AA1-02"]').get_attribute("data-hb-change") is None
    finally:
        context.close()
        server.shutdown()
