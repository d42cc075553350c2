"""Split pages in Chromium: old page-1 anchors land on the page that now holds them, over
http and from disk (file://); the 分页 navigation is labelled and marks the current page."""

from __future__ import annotations

import json
import re
import os
import shutil
import subprocess
import sys

import pytest

from tests.conftest import ROOT, serve_directory

BUDGET = "20000"   # small enough to split the real handbook's parts, glossary, source and browse pages


@pytest.fixture(scope="module")
def paged_site(tmp_path_factory):
    """The real project with a small page budget: `python -m handbook pages`, then a build."""
    project = tmp_path_factory.mktemp("paged") / "project"
    for folder in ("data", "docs", "overrides", "macros"):
        shutil.copytree(ROOT / folder, project / folder, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    env = {**os.environ, "HANDBOOK_PAGE_BUDGET": BUDGET, "NO_MKDOCS_2_WARNING": "1"}
    check = subprocess.run([sys.executable, "-m", "handbook", "--root", str(project), "check"],
                           capture_output=True, text=True, env=env)
    assert check.returncode == 1 and "[page-missing]" in check.stderr   # stubs not written yet
    for command in (["pages"], ["check"], ["build"]):
        result = subprocess.run([sys.executable, "-m", "handbook", "--root", str(project), *command],
                                capture_output=True, text=True, env=env, cwd=ROOT)
        assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def _later_item(site):
    """An item of gc.md's set that is not on page 1, and the page holding it."""
    data = (site / "api/pages/gc.js").read_text(encoding="utf-8")
    gc = json.loads(data.split("=", 2)[2].rstrip(";\n"))
    page = len(gc["pages"]) - 1
    anchor = next(a for a in gc["anchors"][page] if "-" in a)
    return anchor, gc["pages"][page]


@pytest.mark.parametrize("scheme", ["http", "file"])
def test_old_anchor_redirects_to_its_page(browser, paged_site, scheme):
    anchor, holder = _later_item(paged_site)
    if scheme == "http":
        base, server = serve_directory(paged_site)
    else:
        base, server = paged_site.as_uri(), None
    context = browser.new_context()
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(f"{base}/gc.html#{anchor}")
        page.wait_for_url(f"{base}/{holder}#{anchor}")
        assert page.locator(f"[id='{anchor}']").count() == 1
        # An in-page hash change to an anchor on another page follows it too.
        page.goto(f"{base}/gc.html")
        page.evaluate(f"location.hash = '{anchor}'")
        page.wait_for_url(f"{base}/{holder}#{anchor}")
        # An anchor that is on this page stays; an unknown one does nothing.
        page.goto(f"{base}/gc.html#GC0")
        page.goto(f"{base}/{holder}#no-such-anchor")
        page.wait_for_timeout(300)
        assert page.url == f"{base}/{holder}#no-such-anchor"
        assert errors == []
    finally:
        context.close()
        if server:
            server.shutdown()


def test_pager_is_labelled_and_links_go_straight_to_the_right_page(browser, paged_site):
    anchor, holder = _later_item(paged_site)
    base, server = serve_directory(paged_site)
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(f"{base}/{holder}")
        nav = page.locator("nav.hb-pager").first
        assert nav.get_attribute("aria-label").startswith("分页（第 ")
        current = nav.locator("[aria-current=page]")
        assert current.count() == 1 and current.get_attribute("href") == holder
        number = int(holder[:-5].rsplit("-", 1)[1])
        nav.get_by_text("上一页").click()
        page.wait_for_url(f"{base}/gc{'' if number == 2 else f'-{number - 1}'}.html")
        assert page.locator("nav.hb-pager [aria-current=page]").first.inner_text() == str(number - 1)
        # The source text links the item straight to its page, not via page 1.
        source = next(p.name for p in sorted(paged_site.glob("source*.html"))
                      if f'#{anchor}"' in p.read_text(encoding="utf-8"))   # source.html is split too
        page.goto(f"{base}/{source}")
        link = page.locator(f"a[href$='#{anchor}']").first
        assert link.get_attribute("href") == f"{holder}#{anchor}"
        link.click()
        page.wait_for_url(f"{base}/{holder}#{anchor}")
    finally:
        context.close()
        server.shutdown()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_split_pages_pass_axe_and_fit_a_phone(browser, paged_site, axe_source, scheme):
    from tests.browser.test_a11y import RUN_AXE
    base, server = serve_directory(paged_site)
    context = browser.new_context(viewport={"width": 360, "height": 740}, color_scheme=scheme)
    page = context.new_page()
    found = {}
    try:
        for path in ("gc-2.html", "glossary-2.html", "browse/subjects-2.html", "cases-2.html", "source-2.html"):
            page.goto(f"{base}/{path}")
            pager = page.locator("nav.hb-pager").first
            assert pager.is_visible(), path
            box = pager.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 360, path     # wraps, no sideways scroll
            page.add_script_tag(content=axe_source)
            violations = page.evaluate(RUN_AXE, [])
            if violations:
                found[path] = violations
    finally:
        context.close()
        server.shutdown()
    assert found == {}


def test_every_link_of_a_split_site_lands_on_its_anchor(paged_site):
    """No link goes to page 1 for an anchor that moved: pages, search index and API point at the holder."""
    from tests.crawler import broken_links
    assert broken_links(paged_site) == []
    holders = {}
    for path in paged_site.rglob("*.html"):
        for anchor in set(re.findall(r'\bid="([^"]+)"', path.read_text(encoding="utf-8"))):
            holders.setdefault(anchor, set()).add(path.relative_to(paged_site).as_posix())
    items = json.loads((paged_site / "api/requirements.json").read_text(encoding="utf-8"))
    items = items["items"] if isinstance(items, dict) else items
    moved = [i for i in items if re.search(r"-[0-9]+\.html#", i["url"])]
    assert moved, "the small budget moves items to continuation pages"
    for item in items:
        page, anchor = item["url"].split("#")
        assert page in holders.get(anchor, set()), item["url"]
    index = (paged_site / "search/handbook-index.js").read_text(encoding="utf-8")
    for page, anchor in set(re.findall(r'"url":\s*"([a-z/-]+[0-9]*\.html)#([^"]+)"', index)):
        assert page in holders.get(anchor, set()), f"{page}#{anchor}"
