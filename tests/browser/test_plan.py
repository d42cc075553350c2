"""工作计划 in Chromium, over http and from disk (file://): plan requirements and an own task,
track a month, export and re-import the backup, reload, and survive a handbook update."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys

import pytest

from conftest import FIXTURES, ROOT


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
