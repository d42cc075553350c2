"""Home and part pages in real Chromium: no console errors, nothing external, links work."""

from __future__ import annotations

import re


def test_home_page_renders_without_errors(page, site_url, catalogue):
    page.goto(f"{site_url}/index.html")
    cards = page.locator(".hb-card")
    assert cards.count() == len(catalogue.parts)
    assert page.locator(".hb-goal-name").inner_text() == f"“{catalogue.goal}”"
    assert page.console_errors == [] and page.outside_requests == []


def test_part_page_renders_without_errors(page, site_url, catalogue):
    part = catalogue.parts[2]
    page.goto(f"{site_url}/{part.code.lower()}.html")
    assert page.locator(".hb-item").count() == len(part.items)
    assert page.locator("h1").inner_text().startswith(part.numbered_title[:6])
    assert page.console_errors == [] and page.outside_requests == []


def test_reader_goes_from_home_to_item_to_paragraph_and_back(page, site_url, catalogue):
    section = catalogue.parts[3].sections[1]
    item = section.items[0]
    page.goto(f"{site_url}/index.html")
    page.locator(f'#card-{section.part.code} a[href$="#{section.key}"]').click()
    page.wait_for_url(f"**/{section.part.code.lower()}.html#{section.key}")
    page.locator(f'.hb-item[data-item="{item.id}"] a.hb-source').click()
    page.wait_for_url(f"**/source.html#{item.source.id}")
    assert page.locator(f"#{item.source.id}").is_visible()
    page.locator(f'#{item.source.id} a[href$="#{item.id}"]').click()
    page.wait_for_url(f"**#{item.id}")
    assert page.locator(f"[id='{item.id}']").is_visible()
    assert page.console_errors == [] and page.outside_requests == []


def _luminance(css_color: str) -> float:
    red, green, blue = (float(v) for v in re.findall(r"[\d.]+", css_color)[:3])
    return (0.2126 * red + 0.7152 * green + 0.0722 * blue) / 255


def test_dark_mode_boxes_are_dark(browser, site_url):
    """Section boxes follow the colour scheme (they once stayed light in dark mode)."""
    for scheme, dark in (("light", False), ("dark", True)):
        context = browser.new_context(color_scheme=scheme)
        page = context.new_page()
        page.goto(f"{site_url}/fw.html")
        background = page.locator(".hb-para").first.evaluate("e => getComputedStyle(e).backgroundColor")
        text = page.locator(".hb-para p").first.evaluate("e => getComputedStyle(e).color")
        assert (_luminance(background) < 0.3) is dark, (scheme, background)
        assert abs(_luminance(background) - _luminance(text)) > 0.4, (scheme, background, text)
        context.close()


def test_no_unused_search_index_is_downloaded(page, site_url):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{site_url}/gc.html")
    page.wait_for_load_state("networkidle")
    assert not [url for url in requested if "search_index" in url or "/workers/" in url]
    assert not [url for url in requested if "handbook-index" in url]        # loaded only when search is used
    page.locator("[data-hb-search-input]").click()
    page.wait_for_function("() => window.__HANDBOOK_SEARCH__ !== undefined")
    assert page.console_errors == []
