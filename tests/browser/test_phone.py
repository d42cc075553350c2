"""Phones (360 and 390 px): no page scrolls sideways; wide tables scroll in their own box with a hint."""

from __future__ import annotations

import pytest

WIDTHS = (360, 390)


def _phone(browser, width):
    return browser.new_context(viewport={"width": width, "height": 780}, is_mobile=True, has_touch=True,
                               device_scale_factor=2)


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_scrolls_sideways(browser, site_url, site_pages, width):
    context = _phone(browser, width)
    page = context.new_page()
    too_wide = {}
    for path in site_pages:
        page.goto(f"{site_url}/{path}")
        scroll, client = page.evaluate(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        if scroll > client:
            too_wide[path] = (scroll, client)
    context.close()
    assert too_wide == {}


def test_wide_table_scrolls_in_its_box_with_a_hint(browser, site_url):
    context = _phone(browser, 360)
    page = context.new_page()
    page.goto(f"{site_url}/browse/subjects.html")
    box = page.locator(".hb-table-wrap:has(table.hb-matrix)")
    assert box.evaluate("e => e.scrollWidth > e.clientWidth")          # the matrix is wider than a phone
    assert box.get_attribute("role") == "region" and box.get_attribute("tabindex") == "0"
    assert box.get_attribute("aria-label")
    hint = page.locator(".hb-table-wrap:has(table.hb-matrix) + .hb-scroll-hint")
    assert hint.is_visible() and "左右滑动" in hint.inner_text()
    before = box.evaluate("e => e.scrollLeft")
    box.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("e => e.scrollLeft > 0", arg=box.element_handle())
    assert box.evaluate("e => e.scrollLeft") > before
    context.close()


def test_no_hint_when_the_table_fits(page, site_url):
    page.goto(f"{site_url}/browse/subjects.html")                       # desktop width
    box = page.locator(".hb-table-wrap:has(table.hb-matrix)")
    assert box.evaluate("e => e.scrollWidth <= e.clientWidth")
    assert box.get_attribute("role") is None
    assert not page.locator(".hb-table-wrap:has(table.hb-matrix) + .hb-scroll-hint").is_visible()


@pytest.mark.parametrize("facet", ["subjects", "kinds", "types"])
def test_facet_matrix_cells_stay_on_one_line(browser, site_url, facet):
    """Header and count cells must not wrap one character per line on a phone."""
    context = _phone(browser, 360)
    page = context.new_page()
    page.goto(f"{site_url}/browse/{facet}.html")
    cells = page.evaluate("""() => [...document.querySelectorAll(".hb-matrix th, .hb-matrix td")].map(c => {
        const s = getComputedStyle(c);
        return [c.textContent.trim(), c.getBoundingClientRect().height,
                parseFloat(s.lineHeight) + parseFloat(s.paddingTop) + parseFloat(s.paddingBottom)];
      })""")
    context.close()
    assert cells and all(one_line > 0 for _text, _height, one_line in cells)   # not NaN
    wrapped = [text for text, height, one_line in cells if height > one_line * 1.5]
    assert wrapped == []
