"""工作计划 in Chromium, over http and from disk (file://): plan requirements and an own task,
track a month, export and re-import the backup, reload, and survive a handbook update; the backup
machinery shared with the checklists (hb-store.js): old backup shape, merge with confirm, refused files,
another copy's plan offered, withdrawn/removed requirements kept and listed."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, serve_directory


def _level(catalogue, level_id="dangzhibu"):
    from handbook import plan
    return next(lv for lv in plan.levels(catalogue) if lv.id == level_id)


def _fill(page, item_ids, month):
    page.select_option("[data-plan-level]", "dangzhibu")
    page.select_option("[data-plan-month]", str(month))
    page.fill('[data-plan-field="unit"]', "某机关第一党支部")
    page.locator('[data-plan-field="unit"]').dispatch_event("change")
    page.fill('[data-plan-field="year"]', "2027")
    page.locator('[data-plan-field="year"]').dispatch_event("change")
    for n, item_id in enumerate(item_ids):
        row = page.locator(f'tr[data-item="{item_id}"]')
        row.locator('input[data-field="lead"]').fill(f"办公室{n}")
        row.locator('input[data-field="lead"]').dispatch_event("change")
        row.locator('input[data-field="goal"]').fill(f"成效{n}")
        row.locator('input[data-field="goal"]').dispatch_event("change")
        row.locator(f'input[data-month="{month}"]').check()
    first = page.locator(f'tr[data-item="{item_ids[0]}"]')
    first.locator('[data-action="add-task"]').click()
    own = page.locator(f'tr[data-for="{item_ids[0]}"]')
    own.locator('input[data-field="title"]').fill("开展主题党日")
    own.locator('input[data-field="title"]').dispatch_event("change")
    own.locator('input[data-month="3"]').check()
    page.locator(f'tr[data-item="{item_ids[1]}"] select[data-field="progress"]').select_option("late")
    page.locator(f'tr[data-item="{item_ids[0]}"] select[data-field="progress"]').select_option("done")
    page.locator('.hb-plan-roadmap tr[data-year="0"] textarea').first.fill("里程碑一")
    page.locator('.hb-plan-roadmap tr[data-year="0"] textarea').first.dispatch_event("change")


def _check(page, catalogue, item_ids, month):
    level = _level(catalogue)
    assert page.locator(".hb-plan-table tbody tr[data-item]").count() == len(level.requirements)
    for n, item_id in enumerate(item_ids):
        row = page.locator(f'tr[data-item="{item_id}"]')
        assert row.locator('input[data-field="lead"]').input_value() == f"办公室{n}"
        assert row.locator(f'input[data-month="{month}"]').is_checked()
    own = page.locator(f'tr[data-for="{item_ids[0]}"]')
    assert own.count() == 1 and own.get_attribute("data-task")
    assert own.locator('input[data-field="title"]').input_value() == "开展主题党日"
    assert page.locator('[data-plan-field="unit"]').input_value() == "某机关第一党支部"
    assert page.locator('.hb-plan-roadmap textarea').first.input_value() == "里程碑一"


def _run(page, url, catalogue, tmp_path):
    level = _level(catalogue)
    item_ids = [r.id for r in level.requirements[:3]]
    month = 5
    page.goto(url)
    _fill(page, item_ids, month)
    late = page.locator(".hb-late li").all_inner_texts()
    assert any(item_ids[1] in t for t in late) and len(late) == 1
    due = page.locator(".hb-due li").all_inner_texts()
    assert len(due) == 3 and all(any(i in t for t in due) for i in item_ids)
    part = next(r.part for r in level.requirements if r.id == item_ids[0])
    assert float(page.locator(f'.hb-plan-chart rect.hb-bar[data-part="{part}"]').get_attribute("width")) > 0

    with page.expect_download() as info:
        page.click('[data-hb-export="json"]')
    backup = tmp_path / "plan.json"
    info.value.save_as(backup)
    record = json.loads(backup.read_text(encoding="utf-8"))          # hb-store's record, as a checklist's backup
    assert (record["format"], record["version"], record["kind"], record["id"]) == ("hb-fill", 1, "plan", "dangzhibu")
    assert record["edition"]["version"] == catalogue.edition.version and record["written"]
    assert set(item_ids) <= set(record["entries"]) and record["fields"]["单位"] == "某机关第一党支部"
    tasks = [k for k in record["entries"] if k.startswith("task:")]
    assert len(tasks) == 1 and record["entries"][tasks[0]]["item"] == item_ids[0]
    assert record["entries"][item_ids[1]]["progress"][str(month)]["status"] == "late"
    assert record["entries"][item_ids[0]]["months"] == [month] and record["entries"][item_ids[0]]["t"]

    page.reload()
    page.select_option("[data-plan-month]", str(month))
    _check(page, catalogue, item_ids, month)

    page.evaluate("localStorage.clear()")               # lost browser data: the backup brings it back
    page.reload()
    assert page.locator('[data-plan-field="unit"]').input_value() == ""
    asked = []                                          # nothing to overwrite: no question
    page.on("dialog", lambda d: (asked.append(d.message), d.dismiss()))
    page.set_input_files("input[type=file][data-hb-import]", str(backup))
    page.wait_for_function("document.querySelector('[data-plan-field=unit]').value !== ''")
    page.select_option("[data-plan-month]", str(month))
    _check(page, catalogue, item_ids, month)
    assert asked == [] and "已从备份文件" in page.locator(".hb-plan-notices").inner_text()
    assert page.console_errors == []


def test_plan_over_http(page, site_url, catalogue, tmp_path):
    _run(page, f"{site_url}/plan.html", catalogue, tmp_path)
    assert page.outside_requests == []


def test_plan_from_disk(browser, built_site, catalogue, tmp_path):
    site, _log = built_site
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    page.console_errors = []
    page.on("pageerror", lambda e: page.console_errors.append(str(e)))
    _run(page, (site / "plan.html").as_uri(), catalogue, tmp_path)
    context.close()


def test_plan_page_links_blank_templates(page, site_url, catalogue):
    from handbook import plan
    page.goto(f"{site_url}/plan.html")
    for level in plan.levels(catalogue):
        for kind, title in plan.BLANK_KINDS:
            link = page.locator(f'a[href="{plan.blank_path(level.id, kind, "docx")}"]')
            assert link.get_attribute("download").startswith(level.title + title)
            response = page.request.get(f"{site_url}/{plan.blank_path(level.id, kind, 'xlsx')}")
            assert response.ok and response.body()[:2] == b"PK"


def test_plan_survives_a_handbook_update(browser, tmp_path):
    """Rebuild the real project with one requirement retitled: the saved plan stays on its ID."""
    project = tmp_path / "project"
    for folder in ("data", "docs", "macros", "handbook", "overrides"):
        shutil.copytree(ROOT / folder, project / folder, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    if (ROOT / ".build").is_dir():          # warm download cache: only the retitled files are rebuilt
        shutil.copytree(ROOT / ".build", project / ".build")
    from handbook.catalogue import load_catalogue
    from handbook import plan
    level = next(lv for lv in plan.levels(load_catalogue(project)) if lv.id == "dangzhibu")
    target = level.requirements[0]

    def build():
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", "site"],
                                cwd=project, capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr

    build()
    context = browser.new_context()
    page = context.new_page()
    url = (project / "site" / "plan.html").as_uri()
    page.goto(url)
    page.select_option("[data-plan-level]", "dangzhibu")
    box = page.locator(f'tr[data-item="{target.id}"] input[data-field="owner"]')
    box.fill("张某某")
    box.dispatch_event("change")

    files = list((project / "data" / "requirements").rglob("*.yaml"))
    source = next(f for f in files if f"id: {target.id}" in f.read_text(encoding="utf-8"))
    text = source.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if f"id: {target.id}" in line)
    title_line = next(i for i in range(start, len(lines)) if lines[i].lstrip().startswith("title:"))
    lines[title_line] = lines[title_line].split("title:")[0] + "title: 改过的标题\n"
    source.write_text("".join(lines), encoding="utf-8")
    build()
    page.reload()
    page.select_option("[data-plan-level]", "dangzhibu")
    row = page.locator(f'tr[data-item="{target.id}"]')
    assert "改过的标题" in row.inner_text()
    assert row.locator('input[data-field="owner"]').input_value() == "张某某"
    context.close()


EXPORTS = {"renwushu-docx": "docx", "renwushu-xlsx": "xlsx", "shigongtu-xlsx": "xlsx",
           "luxiantu-docx": "docx", "luxiantu-xlsx": "xlsx"}


def _vendored(site) -> None:
    from handbook.render.plan import VENDOR
    from conftest import require
    for path in VENDOR.values():
        require((site / path).is_file(), f"{path} missing: docs/assets/vendor/ is committed with the site sources")


def _office_text(path, extension) -> tuple[str, list[str]]:
    """All text of a Word or Excel file, and the cell/paragraph texts (opened by python-docx / openpyxl)."""
    if extension == "docx":
        from docx import Document
        doc = Document(str(path))
        section = doc.sections[0]
        assert section.page_width > section.page_height                 # A4 landscape
        cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
        texts = [p.text for p in doc.paragraphs] + cells + [p.text for p in section.footer.paragraphs]
        return "\n".join(texts), cells
    from openpyxl import load_workbook
    ws = load_workbook(path).active
    assert ws.page_setup.orientation == "landscape"
    cells = [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
    return "\n".join(cells + [ws.oddFooter.left.text or ""]), cells


@pytest.mark.parametrize("where", ["http", "file"])
def test_plan_exports_open_in_office_libraries(page, site_url, built_site, catalogue, tmp_path, where):
    site, _log = built_site
    _vendored(site)
    level = _level(catalogue)
    item_ids = [r.id for r in level.requirements[:3]]
    if where == "file":
        page.unroute("**/*")                               # the guard only knows http; file:// is local anyway
    page.goto(f"{site_url}/plan.html" if where == "http" else (site / "plan.html").as_uri())
    _fill(page, item_ids, 5)
    for key, extension in EXPORTS.items():
        with page.expect_download() as info:
            page.click(f'[data-hb-export="{key}"]')
        target = tmp_path / f"{key}.{extension}"
        info.value.save_as(target)
        text, cells = _office_text(target, extension)
        assert "某机关第一党支部" in text and level.title in text, key
        assert catalogue.edition.version in text, key
        kind = key.split("-")[0]
        if kind == "renwushu":
            assert all(i in cells for i in item_ids) and "开展主题党日" in cells and "成效0" in cells
        elif kind == "shigongtu":
            assert "开展主题党日" in cells and any(c.startswith("●") for c in cells)
            assert "●滞后" in cells
        else:
            assert "里程碑一" in cells and "2027年" in cells
    assert page.console_errors == [] and page.outside_requests == []


@pytest.mark.parametrize("kind,title", [("renwushu", "任务书"), ("shigongtu", "施工图"), ("luxiantu", "路线图")])
def test_printed_plan_is_a4_landscape_naming_unit_and_edition(page, site_url, catalogue, tmp_path, kind, title):
    from conftest import require_tool
    level = _level(catalogue)
    item_ids = [r.id for r in level.requirements[:3]]
    page.goto(f"{site_url}/plan.html")
    _fill(page, item_ids, 5)
    page.evaluate("window.print = () => {}")            # headless: no dialog, keep the print view
    page.click(f'[data-hb-print="{kind}"]')
    page.emulate_media(media="print")
    pdf = tmp_path / f"{kind}.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
    info = subprocess.run([require_tool("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True).stdout
    width, height = (float(x) for x in re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())
    assert abs(width - 841.9) < 2 and abs(height - 595.3) < 2, info       # A4 landscape in points
    text = subprocess.run([require_tool("pdftotext"), "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "某机关第一党支部" in text and title in text and level.title in text
    assert catalogue.edition.version in text
    assert "提法词典" not in text                                        # no site chrome
    if kind == "luxiantu":
        assert "里程碑一" in text
    else:
        assert all(i in text for i in item_ids) or kind == "shigongtu"
        assert "开展主题党日" in text


def test_plan_summary_function_for_the_summary_page(page, site_url, catalogue):
    level = _level(catalogue)
    item_ids = [r.id for r in level.requirements[:3]]
    page.goto(f"{site_url}/plan.html")
    _fill(page, item_ids, 5)
    record = page.evaluate("HBPlan.load('dangzhibu')")
    page.goto(f"{site_url}/index.html")                 # another page: only the pure function is there
    summary = page.evaluate("r => HBPlan.summarize(r)", record)
    assert summary == {"id": "dangzhibu", "unit": "某机关第一党支部", "year": "2027", "tasks": 4, "done": 1,
                       "late": 1, "updated": record["updated"]}


def test_plan_page_fits_a_360px_phone(browser, site_url):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(f"{site_url}/plan.html")
    page.wait_for_selector(".hb-plan-table tbody tr[data-item]")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360     # wide tables scroll in their own box
    assert page.locator('[data-hb-export="renwushu-docx"]').is_visible()
    context.close()


# ---- shared backup machinery (hb-store): fixture project tests/fixtures/fill + the overlay tests/fixtures/plan ----

LEVEL = "dangzhibu"          # the overlay's only level: its 党支部 checklist (AA1-01, AA1-02)


def _plan_project(target: Path) -> Path:
    shutil.copytree(FIXTURES / "fill", target)
    shutil.copytree(FIXTURES / "plan", target, dirs_exist_ok=True)
    for folder in ("macros", "handbook", "overrides", "docs/assets"):
        shutil.copytree(ROOT / folder, target / folder, ignore=shutil.ignore_patterns("__pycache__"))
    return target


def _build_into(project: Path, site: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                            cwd=project, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="module")
def plan_site(tmp_path_factory):
    base = tmp_path_factory.mktemp("plan")
    project = _plan_project(base / "project")
    _build_into(project, base / "site")
    url, server = serve_directory(base / "site")
    yield base / "site", url
    server.shutdown()


@pytest.fixture(params=["http", "file"])
def plan_url(request, plan_site):
    site, url = plan_site
    return f"{url}/plan.html" if request.param == "http" else (site / "plan.html").as_uri()


@pytest.fixture
def tab(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.console_errors = []
    page.asked = []                                   # confirm() messages; answered by page.answer
    page.answer = True
    page.on("pageerror", lambda e: page.console_errors.append(str(e)))
    page.on("dialog", lambda d: (page.asked.append(d.message), d.accept() if page.answer else d.dismiss()))
    yield page
    context.close()


def _open_plan(tab, url):
    tab.goto(url)
    tab.wait_for_selector(".hb-plan-table tbody tr[data-item]")


def _set(tab, item_id, field, value):
    box = tab.locator(f'tr[data-item="{item_id}"] input[data-field="{field}"]')
    box.fill(value)
    box.dispatch_event("change")


def _value(tab, item_id, field):
    return tab.locator(f'tr[data-item="{item_id}"] input[data-field="{field}"]').input_value()


def _import(tab, path):
    before = tab.locator(".hb-plan-notices .hb-notice").count()
    tab.set_input_files("input[type=file][data-hb-import]", str(path))
    tab.wait_for_function(f"document.querySelectorAll('.hb-plan-notices .hb-notice').length > {before}")
    return tab.locator(".hb-plan-notices").inner_text()


def _stored(tab) -> dict:
    return tab.evaluate(f"HBPlan.load('{LEVEL}')")


def test_old_backup_shape_still_imports(tab, plan_url, tmp_path):
    """A file exported by the earlier plan page ({handbook, version, records: [{kind, id, value}]})."""
    _open_plan(tab, plan_url)
    part = tab.locator('.hb-plan-roadmap tr[data-year="0"] textarea').first.get_attribute("data-part")
    value = {"kind": "plan", "id": LEVEL, "edition": "2026.1", "unit": "某机关老支部", "year": "2026",
             "rows": {"AA1-01": {"lead": "组织科", "months": [3, 4], "t": 1700000000000}},
             "tasks": {"t1": {"item": "AA1-01", "title": "旧的自定任务", "months": [5], "t": 1700000000001},
                       "t2": {"item": "AA1-01", "title": "删掉的任务", "months": [6], "deleted": True, "t": 1700000000001}},
             "track": {"AA1-01": {"3": {"status": "late", "note": "人手不足", "t": 1700000000002}}},
             "roadmap": {"0": {part: "旧里程碑"}}, "updated": 1700000000003}
    old = {"handbook": "示例手册", "version": "2026.1", "exported": "2023-11-14",
           "records": [{"kind": "plan", "id": LEVEL, "value": value}]}
    wrong = dict(old, handbook="另一本手册")
    (tmp_path / "wrong.json").write_text(json.dumps(wrong, ensure_ascii=False), encoding="utf-8")
    assert "另一本手册" in _import(tab, tmp_path / "wrong.json") and _stored(tab)["entries"] == {}

    (tmp_path / "old.json").write_text(json.dumps(old, ensure_ascii=False), encoding="utf-8")
    assert "已从备份文件" in _import(tab, tmp_path / "old.json")
    assert tab.asked == []                               # nothing local to overwrite
    tab.reload()
    tab.select_option("[data-plan-month]", "3")
    assert _value(tab, "AA1-01", "lead") == "组织科"
    assert [tab.locator(f'tr[data-item="AA1-01"] input[data-month="{m}"]').is_checked() for m in (2, 3, 4)] == [False, True, True]
    own = tab.locator('tr[data-for="AA1-01"]')
    assert own.count() == 1 and own.locator('input[data-field="title"]').input_value() == "旧的自定任务"
    assert tab.locator('tr[data-item="AA1-01"] select[data-field="progress"]').input_value() == "late"
    assert tab.locator('tr[data-item="AA1-01"] input[data-field="note"]').input_value() == "人手不足"
    assert tab.locator('[data-plan-field="unit"]').input_value() == "某机关老支部"
    assert tab.locator(f'.hb-plan-roadmap tr[data-year="0"] textarea[data-part="{part}"]').input_value() == "旧里程碑"
    record = _stored(tab)
    assert record["format"] == "hb-fill" and record["entries"]["AA1-01"]["t"].startswith("2023-11-14T")
    assert tab.console_errors == []


def test_old_stored_plan_is_converted_in_place(tab, plan_site):
    """A plan the earlier plan.js saved (same key, old shape) opens with its content in the new record."""
    site, url = plan_site
    _open_plan(tab, f"{url}/plan.html")
    tab.evaluate(f"""() => localStorage.setItem(hbStore.key('plan', '{LEVEL}'), JSON.stringify(
      {{format: 'hb-fill', version: 1, kind: 'plan', id: '{LEVEL}', title: '党支部', edition: '2026.1', unit: '某机关',
        year: '', rows: {{'AA1-02': {{owner: '王某', months: [], t: 5}}}}, tasks: {{}}, track: {{}}, roadmap: {{}},
        updated: 5}}))""")
    tab.reload()
    tab.wait_for_selector(".hb-plan-table tbody tr[data-item]")
    assert _value(tab, "AA1-02", "owner") == "王某"
    stored = tab.evaluate(f"JSON.parse(localStorage.getItem(hbStore.key('plan', '{LEVEL}')))")
    assert stored["entries"]["AA1-02"]["owner"] == "王某" and stored["fields"]["单位"] == "某机关" and "rows" not in stored


def test_import_merges_per_entry_and_asks_before_overwriting(tab, plan_url, tmp_path):
    _open_plan(tab, plan_url)
    _set(tab, "AA1-01", "lead", "本机的牵头部门")
    newer = "2999-01-01T00:00:00.000Z"
    incoming = {"format": "hb-fill", "version": 1, "kind": "plan", "id": LEVEL, "title": "党支部",
                "edition": {"version": "2026.1", "date": "2026-12-01"}, "fields": {"单位": "某机关第二党支部"},
                "entries": {"AA1-01": {"lead": "导入的牵头部门", "t": newer},
                            "AA1-02": {"owner": "李某", "months": [2], "t": newer},
                            "task:abc": {"item": "AA1-02", "title": "导入的自定任务", "months": [2], "t": newer},
                            "XX9-99": {"lead": "没有这个编号", "t": newer},
                            "task:bad": {"item": "AA1-02", "title": "坏月份", "months": [13], "t": newer}},
                "seen": {}, "updated": newer, "written": newer}
    path = tmp_path / "incoming.json"
    path.write_text(json.dumps(incoming, ensure_ascii=False), encoding="utf-8")

    tab.answer = False                                     # 取消: nothing changes
    assert "已取消导入" in _import(tab, path)
    assert len(tab.asked) == 1 and "改动本机已有的 1 处" in tab.asked[0] and "AA1-01 牵头部门：本机的牵头部门 → 导入的牵头部门" in tab.asked[0]
    assert _value(tab, "AA1-01", "lead") == "本机的牵头部门" and _value(tab, "AA1-02", "owner") == ""
    assert set(_stored(tab)["entries"]) == {"AA1-01"}

    tab.answer = True
    text = _import(tab, path)
    assert "以下内容未导入" in text and "XX9-99" in text and "task:bad" in text
    assert _value(tab, "AA1-01", "lead") == "导入的牵头部门" and _value(tab, "AA1-02", "owner") == "李某"
    assert tab.locator('tr[data-for="AA1-02"] input[data-field="title"]').input_value() == "导入的自定任务"
    assert tab.locator('[data-plan-field="unit"]').input_value() == "某机关第二党支部"
    assert set(_stored(tab)["entries"]) == {"AA1-01", "AA1-02", "task:abc"}

    # refused files change nothing: another kind of record, broken JSON, a newer format version
    before = _stored(tab)["entries"]
    checklist = dict(incoming, kind="checklist", id="all", entries={"AA1-01": {"status": "已完成", "t": newer}})
    for name, body in (("checklist.json", json.dumps(checklist, ensure_ascii=False)), ("broken.json", "{\"format\": "),
                       ("v2.json", json.dumps(dict(incoming, version=2)))):
        (tmp_path / name).write_text(body, encoding="utf-8")
        assert "未导入" in _import(tab, tmp_path / name)
        assert _stored(tab)["entries"] == before
    assert len(tab.asked) == 2 and tab.console_errors == []


def test_another_copy_is_offered_under_file(tab, plan_site):
    """file:// copies unzipped into other folders share one origin: their plan is offered, never applied."""
    site, _url = plan_site
    _open_plan(tab, (site / "plan.html").as_uri())
    tab.evaluate(f"""() => {{
      localStorage.setItem('hb:v1:file:///其他目录/site/:plan:{LEVEL}', JSON.stringify(
        {{format: 'hb-fill', version: 1, kind: 'plan', id: '{LEVEL}', title: '党支部', edition: {{}},
          fields: {{'单位': '某机关'}}, entries: {{'AA1-02': {{lead: '另一副本的牵头部门', t: '2026-01-01T00:00:00Z'}}}},
          seen: {{}}, updated: '2026-01-01T00:00:00Z'}}));
      // a plan saved by the earlier plan.js in a third copy: older, and its numeric time must not break sorting
      localStorage.setItem('hb:v1:file:///旧目录/site/:plan:{LEVEL}', JSON.stringify(
        {{kind: 'plan', id: '{LEVEL}', unit: '旧单位', rows: {{'AA1-01': {{lead: '旧', t: 1}}}}, updated: 1}}));
    }}""")
    tab.reload()
    offer = tab.locator(".hb-plan-elsewhere")
    offer.wait_for()
    assert "其他目录" in offer.inner_text() and "工作计划" in offer.inner_text()
    assert _value(tab, "AA1-02", "lead") == ""                      # offered, not applied
    offer.locator("button", has_text="导入").click()
    assert _value(tab, "AA1-02", "lead") == "另一副本的牵头部门"
    assert tab.locator('[data-plan-field="unit"]').input_value() == "某机关"
    tab.reload()
    tab.wait_for_selector(".hb-plan-table tbody tr[data-item]")
    assert tab.locator(".hb-plan-elsewhere").count() == 0            # this copy has its own plan now
    assert tab.console_errors == []


def test_withdrawn_or_removed_requirement_keeps_its_plan(browser, tmp_path):
    """Plan two requirements → withdraw one, move the other out of the level, add a new one → rebuild into
    the same folder → reload (http and file): both listed with title and reason, entries kept and exported."""
    project = _plan_project(tmp_path / "project")
    site = tmp_path / "site"
    _build_into(project, site)
    url, server = serve_directory(site)
    context = browser.new_context(accept_downloads=True)
    tabs = []
    try:
        for where in (f"{url}/plan.html", (site / "plan.html").as_uri()):
            tab = context.new_page()
            tab.console_errors = []
            tab.on("pageerror", lambda e, tab=tab: tab.console_errors.append(str(e)))
            _open_plan(tab, where)
            _set(tab, "AA1-01", "lead", "组织科")
            _set(tab, "AA1-02", "owner", "张某")
            tab.locator('tr[data-item="AA1-01"] [data-action="add-task"]').click()
            title = tab.locator('tr[data-for="AA1-01"] input[data-field="title"]')
            title.fill("学习小组每月一学")
            title.dispatch_event("change")
            assert tab.locator(".hb-plan-gone").is_hidden()
            tabs.append(tab)
        aa = project / "data" / "requirements" / "AA.yaml"
        text = aa.read_text(encoding="utf-8")
        text = text.replace("    types: [政治型]\n", "    types: [政治型]\n    withdrawn: 已并入 AA1-02\n")   # AA1-01
        text = text.replace("  - id: AA1-01", "  - id: AA0-02\n    title: 组织集中研讨\n    text: 组织集中研讨\n"
                            "    source: P05\n    subjects: [党支部]\n    kind: 学习\n  - id: AA1-01")
        aa.write_text(text, encoding="utf-8")
        level = project / "data" / "checklists" / f"{LEVEL}.yaml"                  # AA1-02 leaves the level's list
        level.write_text(level.read_text(encoding="utf-8") + "exclude: [AA1-02]\n", encoding="utf-8")
        case = project / "data/cases/demo.yaml"                 # a case may not cite a withdrawn item
        case.write_text(case.read_text(encoding="utf-8").replace("items: [AA1-01]", "items: [AA1-02]"), encoding="utf-8")
        _build_into(project, site)
        for tab in tabs:
            tab.reload()
            tab.wait_for_selector(".hb-plan-table tbody tr[data-item]")
            assert [r.get_attribute("data-item") for r in tab.locator(".hb-plan-table tr[data-item]").all()] == ["AA0-02"]
            gone = tab.locator(".hb-plan-gone")
            assert gone.is_visible() and "已不在本清单的条目" in gone.inner_text()
            withdrawn = gone.locator('[data-gone-item="AA1-01"]').inner_text()
            assert "组建学习小组" in withdrawn and "已撤销：已并入 AA1-02" in withdrawn
            assert "组织科" in withdrawn and "学习小组每月一学" in withdrawn
            removed = gone.locator('[data-gone-item="AA1-02"]').inner_text()
            assert "举办读书班" in removed and "张某" in removed and "已移出本清单" in removed
            with tab.expect_download() as info:                          # the backup keeps them
                tab.click('[data-hb-export="json"]')
            record = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
            assert record["entries"]["AA1-01"]["lead"] == "组织科" and record["entries"]["AA1-02"]["owner"] == "张某"
            assert any(e.get("title") == "学习小组每月一学" for k, e in record["entries"].items() if k.startswith("task:"))
            with tab.expect_download() as info:                          # … and so does the 任务书
                tab.click('[data-hb-export="renwushu-xlsx"]')
            from openpyxl import load_workbook
            xlsx = tmp_path / "renwushu.xlsx"
            info.value.save_as(xlsx)
            cells = [str(c.value) for row in load_workbook(xlsx).active.iter_rows() for c in row if c.value]
            assert "AA1-01" in cells and "学习小组每月一学（已撤销：已并入 AA1-02）" in cells
            assert tab.console_errors == []
        tab = tabs[0]
        tab.on("dialog", lambda d: d.accept())
        tab.locator(".hb-plan-gone button", has_text="清除这些条目").click()   # only when the user asks
        assert tab.locator(".hb-plan-gone").is_hidden() and _stored(tab)["entries"] == {}
    finally:
        context.close()
        server.shutdown()


def test_every_plan_field_reaches_the_files(page, site_url, built_site, catalogue, tmp_path):
    """配合部门 in the 任务书, the month's 进展 and note in the 任务书 and 施工图; 宋体, never Calibri; a crafted
    stored value (formula/hyperlink object, formula-like text) comes out as text or nothing; LibreOffice
    opens every export and shows the same."""
    import zipfile

    import office
    from docx import Document
    from openpyxl import load_workbook
    site, _log = built_site
    _vendored(site)
    level = _level(catalogue)
    item_ids = [r.id for r in level.requirements[:3]]
    page.goto(f"{site_url}/plan.html")
    _fill(page, item_ids, 5)
    row = page.locator(f'tr[data-item="{item_ids[1]}"]')
    row.locator('input[data-field="partner"]').fill("组织部门")
    row.locator('input[data-field="partner"]').dispatch_event("change")
    row.locator('input[data-field="owner"]').fill("=SUM(1,2)")
    row.locator('input[data-field="owner"]').dispatch_event("change")
    row.locator('input[data-field="note"]').fill("两个支部未按期")
    row.locator('input[data-field="note"]').dispatch_event("change")
    # a crafted value stored for the third row's 责任人 (as a tampered backup or another script could)
    page.evaluate("""id => {
      const key = Object.keys(localStorage).find(k => k.endsWith(':plan:dangzhibu'));
      const rec = JSON.parse(localStorage.getItem(key));
      rec.entries[id].goal = {formula: 'WEBSERVICE("http://x")'};
      rec.entries[id].lead = {text: '点我', hyperlink: 'javascript:alert(1)'};
      localStorage.setItem(key, JSON.stringify(rec)); }""", item_ids[2])
    page.reload()
    page.select_option("[data-plan-month]", "5")
    files = {}
    for key in ("renwushu-docx", "renwushu-xlsx", "shigongtu-docx", "shigongtu-xlsx"):
        with page.expect_download() as info:
            page.click(f'[data-hb-export="{key}"]')
        target = tmp_path / f"{key}.{key.split('-')[1]}"
        info.value.save_as(target)
        files[key] = target
        data = target.read_bytes()
        assert b"WEBSERVICE" not in data and b"javascript:" not in data
    # 任务书: 配合 and 当月进展 (status and note)
    ws = load_workbook(files["renwushu-xlsx"]).active
    header = [c.value for c in ws[4]]
    assert "配合" in header and "当月进展" in header
    rows = {ws.cell(r, header.index("对应要求") + 1).value: r for r in range(5, ws.max_row + 1)}
    r = rows[item_ids[1]]
    assert ws.cell(r, header.index("配合") + 1).value == "组织部门"
    assert ws.cell(r, header.index("当月进展") + 1).value == "5月滞后：两个支部未按期"
    owner = ws.cell(r, header.index("责任人") + 1)
    assert owner.data_type == "s" and owner.value == "=SUM(1,2)"                     # text, not a formula
    assert not ws._hyperlinks
    # the tampered entry does not fit the schema: it is kept aside (offered for download), never written
    assert item_ids[2] not in rows or ws.cell(rows[item_ids[2]], header.index("成效标志") + 1).value in (None, "")
    assert page.locator(".hb-cl-aside").count() == 1
    for row_ in ws.iter_rows():
        for cell in row_:
            assert cell.data_type != "f"
            if cell.value is not None:
                assert cell.font.name == "宋体", cell.coordinate
    # 施工图: the month's status in its column, every note in 进展说明
    ws = load_workbook(files["shigongtu-xlsx"]).active
    header = [c.value for c in ws[4]]
    assert header[-1] == "进展说明"
    texts = [[c.value for c in row_] for row_ in ws.iter_rows(min_row=5)]
    late = next(t for t in texts if "●滞后" in t)
    assert "●滞后" in late and late[-1] == "5月：两个支部未按期"
    # Word: the same, declared 宋体/黑体
    doc = Document(str(files["renwushu-docx"]))
    cells = [c.text for row_ in doc.tables[0].rows for c in row_.cells]
    assert "组织部门" in cells and "5月滞后：两个支部未按期" in cells
    with zipfile.ZipFile(files["renwushu-docx"]) as z:
        xml = z.read("word/document.xml").decode()
    assert 'w:eastAsia="宋体"' in xml and 'w:eastAsia="黑体"' in xml and "Calibri" not in xml
    # LibreOffice reads them back: the notes complete, landscape, no error values
    for key, path in files.items():
        if path.suffix == ".xlsx":
            shown = "\n".join(",".join(r_) for r_ in office.sheet_rows(path, tmp_path / "lo"))
            assert "两个支部未按期" in shown and not office.ERROR_VALUES.search(shown), key
        else:
            pdf = office.pdf_of(path, tmp_path / "lo")
            width, height = office.pdf_page_size(pdf)
            assert width > height, key
            assert "两个支部未按期" in office.squash(office.pdf_text(pdf)), key
            assert "Carlito" not in office.pdf_fonts(pdf), key
    assert page.console_errors == []


# ---- issue 20.5: a plan page that fits (fixture plan site, level dangzhibu: AA1-01, AA1-02) ----

def test_plan_table_labels_requirement_text_and_sticky_header(tab, plan_url):
    _open_plan(tab, plan_url)
    data = tab.evaluate("window.__hbPlanData.levels.find(l => l.id === 'dangzhibu').requirements")
    row = tab.locator('tr[data-item="AA1-01"]')
    details = row.locator("details.hb-plan-req")
    assert "AA1-01" in details.locator("summary").inner_text()
    assert not details.locator("p").is_visible()
    details.locator("summary").click()                                  # the requirement's text opens in place
    text = next(r["text"] for r in data if r["id"] == "AA1-01")
    assert details.locator("p").is_visible() and details.locator("p").inner_text() in (text, "（要求全文即标题）")
    names = tab.locator(".hb-plan-table tbody :is(input, select)").evaluate_all(
        "l => l.map(e => e.getAttribute('aria-label') || '')")
    assert names and all(n.startswith("AA1-0") for n in names)            # every box names its row and column
    assert row.locator('input[data-field="owner"]').get_attribute("aria-label") == "AA1-01 责任人"
    assert tab.locator(".hb-plan-table thead th").first.evaluate("e => getComputedStyle(e).position") == "sticky"
    assert row.locator("th.hb-plan-first").evaluate("e => getComputedStyle(e).position") == "sticky"
    wrap = tab.locator(".hb-plan-table").locator("xpath=..")
    assert wrap.evaluate("e => getComputedStyle(e).overflowY") == "auto"
    assert tab.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    assert tab.console_errors == []


def test_plan_inputs_save_while_typing_and_by_keyboard_alone(tab, plan_url):
    _open_plan(tab, plan_url)
    tab.locator('[data-plan-field="unit"]').focus()
    tab.keyboard.type("某机关")                                            # no change/blur: saved already
    assert _stored(tab)["fields"]["单位"] == "某机关"
    # keyboard only: from the year box, Tab reaches the first requirement, its fields in column order
    tab.locator('[data-plan-field="year"]').focus()
    for _ in range(60):
        tab.keyboard.press("Tab")
        if tab.evaluate("document.activeElement.dataset.field") == "lead":
            break
    assert tab.evaluate("document.activeElement.getAttribute('aria-label')") == "AA1-01 牵头部门"
    for value in ("组织科", "张某", "宣传科", "6月底", "制度健全"):
        tab.keyboard.type(value)
        tab.keyboard.press("Tab")
    tab.keyboard.press("Space")                                          # 1月 安排
    for _ in range(2):
        tab.keyboard.press("ArrowRight")                                 # the months are one Tab stop
    tab.keyboard.press("Space")                                          # 3月
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.dataset.field") == "progress"
    entry = _stored(tab)["entries"]["AA1-01"]
    assert [entry[k] for k in ("lead", "owner", "partner", "due", "goal")] == ["组织科", "张某", "宣传科", "6月底", "制度健全"]
    assert entry["months"] == [1, 3]
    tab.reload()
    tab.wait_for_selector(".hb-plan-table tbody tr[data-item]")
    assert _value(tab, "AA1-01", "goal") == "制度健全"


def test_plan_month_follows_the_year_and_is_named(tab, plan_url):
    """Planning a later year records progress against its January, an earlier one against December,
    and the page says which month and year; a month chosen by hand stays."""
    _open_plan(tab, plan_url)
    year = tab.locator('[data-plan-field="year"]')
    year.fill("2099")
    year.dispatch_event("change")
    assert tab.locator("[data-plan-month]").input_value() == "1"
    assert "2099年1月" in tab.locator(".hb-plan-month-note").inner_text()
    assert tab.locator(".hb-plan-table thead th").last.inner_text() == "2099年1月进展"
    assert tab.locator('tr[data-item="AA1-01"] select[data-field="progress"]').get_attribute("aria-label") == "AA1-01 2099年1月进展"
    year.fill("2001")
    year.dispatch_event("change")
    assert tab.locator("[data-plan-month]").input_value() == "12"
    tab.select_option("[data-plan-month]", "4")
    tab.locator('tr[data-item="AA1-01"] select[data-field="progress"]').select_option("done")
    assert _stored(tab)["entries"]["AA1-01"]["progress"] == {"4": {"status": "done"}}      # only the field set
    year.fill("2099")
    year.dispatch_event("change")
    assert tab.locator("[data-plan-month]").input_value() == "4"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_plan_page_is_axe_clean(browser, plan_site, axe_source, scheme):
    site, url = plan_site
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.goto(f"{url}/plan.html")
    page.wait_for_selector(".hb-plan-table tbody tr[data-item]")
    page.locator('tr[data-item="AA1-01"] [data-action="add-task"]').click()
    page.locator('tr[data-item="AA1-01"] details summary').click()
    page.add_script_tag(content=axe_source)
    found = page.evaluate("""async () => (await axe.run(document, {resultTypes: ["violations"]})).violations
        .filter(v => v.impact === "serious" || v.impact === "critical").map(v => v.id + ": " + v.nodes[0].target.join(" "))""")
    assert found == []
    context.close()


def test_plan_is_cards_on_a_360px_phone(browser, plan_site):
    site, url = plan_site
    context = browser.new_context(viewport={"width": 360, "height": 780}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(f"{url}/plan.html")
    page.wait_for_selector(".hb-plan-table tbody tr[data-item]")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    row = page.locator('tr[data-item="AA1-01"]')
    assert row.evaluate("e => getComputedStyle(e).display") == "block"
    lead = row.locator("td.hb-plan-lead")
    assert lead.evaluate("e => getComputedStyle(e, '::before').content") == '"牵头部门"'   # visible label in the card
    box = row.locator('input[data-field="lead"]').bounding_box()
    summary = row.locator("details summary").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360 and box["y"] - summary["y"] < 400   # requirement and boxes together
    context.close()
