"""Identity: the edition in every footer and printout, Chinese tooltips, a Chinese 404 that works
under a sub-path and from disk, and any page printed without site chrome."""

from __future__ import annotations

import subprocess

import pytest

from tests.conftest import require_tool

PRIMARY = "rgb(183, 28, 28)"        # --md-primary-fg-color #b71c1c: proves handbook.css loaded


def test_every_page_footer_names_handbook_and_edition(page, site_url, site_pages, catalogue):
    edition = catalogue.edition
    for path in site_pages:
        page.goto(f"{site_url}/{path}")
        footer = page.locator(".md-footer-meta")
        text = footer.inner_text()
        assert edition.name in text and f"{edition.version} 版" in text and edition.date in text, path
        assert "Material" not in text and "Made with" not in text, path
        outside = footer.evaluate("f => [...f.querySelectorAll('a[href]')].map(a => a.href)"
                                  ".filter(h => !h.startsWith(location.origin))")
        assert outside == [], path
    assert page.console_errors == [] and page.outside_requests == []


def test_tooltips_are_chinese(page, site_url):
    page.goto(f"{site_url}/gc.html")
    assert page.locator("a.headerlink").first.get_attribute("title") == "本节链接"
    english = page.evaluate("""() => [...document.querySelectorAll("[title], [aria-label], [placeholder]")]
        .flatMap(e => ["title", "aria-label", "placeholder"].map(a => e.getAttribute(a)))
        .filter(v => v && /[A-Za-z]{3,}/.test(v))""")
    assert english == []


def _assert_styled_404(page, home_url):
    assert page.locator("h1").inner_text() == "页面不存在"
    assert page.locator("html").get_attribute("lang") == "zh"
    header = page.locator(".md-header").evaluate("e => getComputedStyle(e).backgroundColor")
    assert header == PRIMARY
    home = page.locator("article a", has_text="返回首页")
    assert home.evaluate("a => a.href") == home_url


@pytest.mark.parametrize("missing", ["nope.html", "checklists/nope.html", "a/b/c/nope.html", "a/b/"])
def test_404_is_styled_under_a_sub_path(browser, subpath_site_url, missing):
    context = browser.new_context()
    page = context.new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    response = page.goto(subpath_site_url + missing)
    assert response.status == 404
    _assert_styled_404(page, subpath_site_url + "index.html")
    assert page.evaluate("() => JSON.parse(document.getElementById('__config').textContent).base") \
        == subpath_site_url
    page.locator("article a", has_text="返回首页").click()
    page.wait_for_url(subpath_site_url + "index.html")
    assert page.locator(".hb-card").count() > 0
    context.close()
    assert [url for url in requested if not url.startswith(subpath_site_url)] == []


def test_404_is_styled_from_disk(browser, built_site):
    site, _log = built_site
    page = browser.new_page()
    page.goto((site / "404.html").as_uri())
    _assert_styled_404(page, (site / "index.html").as_uri())
    page.close()


PRINTED = ["gc.html", "glossary.html", "source.html", "browse/types.html"]


@pytest.mark.parametrize("path", PRINTED)
def test_any_page_prints_with_edition_and_page_numbers(page, site_url, catalogue, tmp_path, path):
    pdftotext = require_tool("pdftotext")
    page.goto(f"{site_url}/{path}")
    title = page.locator("article h1").inner_text().replace("¶", "").strip()
    pdf = tmp_path / "page.pdf"
    page.emulate_media(media="print")
    assert page.locator(".md-header").is_hidden() and page.locator(".md-sidebar--primary").is_hidden()
    page.pdf(path=str(pdf), format="A4", display_header_footer=False)
    text = subprocess.run([pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    text = text.replace(" ", "")                  # pdftotext spaces CJK text unevenly
    pages = text.split("\f")
    first = pages[0]
    edition = catalogue.edition
    assert edition.name in first and f"{edition.version}版" in first and edition.date in first
    assert "第1页" in first and title.replace(" ", "")[:6] in first
    for chrome in ("跳转至", "上一页", "下一页", "切换到深色模式", "搜索："):
        assert chrome not in text, chrome
    if len([p for p in pages if p.strip()]) > 1:
        assert "第2页" in text


def test_search_works_on_a_deep_404(browser, subpath_site_url, catalogue):
    page = browser.new_page()
    page.goto(subpath_site_url + "a/b/nope.html")
    item = catalogue.parts[1].items[0]
    page.locator("[data-hb-search-input]").click()
    page.locator("[data-hb-search-input]").fill(item.id)
    link = page.locator(".md-search-result__link").first
    link.wait_for()
    assert link.evaluate("a => a.href").startswith(subpath_site_url)
    page.close()
