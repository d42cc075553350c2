"""The search box is styled by the handbook's own search.css: with Material's main.css
removed from the page (as under a theme without Material's search CSS) the field, panel and
results still look like a search box, on a desktop and on a 360 px phone, and axe finds
nothing serious in the open dialog."""

from __future__ import annotations

from pathlib import Path

import pytest

AXE = Path(__file__).resolve().parent.parent / "vendor" / "axe.min.js"
STRIP_MATERIAL = ("() => document.querySelectorAll('link[rel=stylesheet]').forEach(l => {"
                  " if (/assets\\/stylesheets\\/main\\.[0-9a-f]+\\.min\\.css/.test(l.href)) l.remove(); })")
STYLES = """() => {
  const s = (sel, prop) => getComputedStyle(document.querySelector(sel))[prop];
  const box = sel => document.querySelector(sel).getBoundingClientRect().toJSON();
  return {
    material: Array.from(document.styleSheets).some(x => /main\\.[0-9a-f]+\\.min\\.css/.test(x.href || '')),
    inputBorder: s('.hb-search .md-search__input', 'borderTopWidth'),
    inputBackground: s('.hb-search .md-search__input', 'backgroundColor'),
    listStyle: s('.hb-search .md-search-result__list', 'listStyleType'),
    listPadding: s('.hb-search .md-search-result__list', 'paddingLeft'),
    panelBackground: s('.hb-search .md-search__scrollwrap', 'backgroundColor'),
    linkDecoration: s('.hb-result a', 'textDecorationLine'),
    iconWidths: Array.from(document.querySelectorAll('.hb-search svg'), e => e.getBoundingClientRect().width).filter(w => w > 0),
    input: box('.hb-search .md-search__input'),
    panel: box('.hb-search .md-search__scrollwrap'),
    first: box('.hb-result'),
    scrollWidth: document.documentElement.scrollWidth,
  };
}"""


@pytest.mark.parametrize("width", [1280, 360])
def test_search_box_is_styled_without_material_css(browser, site_url, width):
    context = browser.new_context(viewport={"width": width, "height": 800}, has_touch=width < 600)
    page = context.new_page()
    page.goto(f"{site_url}/index.html")
    page.evaluate(STRIP_MATERIAL)
    page.locator("[data-hb-search-input]").focus()
    page.keyboard.insert_text("党支部")
    page.wait_for_function("() => { const l = document.querySelector('[data-hb-search-results]');"
                           " return l.dataset.hbQuery === '党支部' && !l.hasAttribute('aria-busy'); }")
    style = page.evaluate(STYLES)
    assert not style["material"]
    assert style["inputBorder"] == "0px" and style["inputBackground"] == "rgba(0, 0, 0, 0)"
    assert style["listStyle"] == "none" and style["listPadding"] == "0px"
    assert style["panelBackground"] not in ("rgba(0, 0, 0, 0)", "transparent")
    assert style["linkDecoration"] == "none"
    # Icons sized, not the SVG default of 150 px.
    assert style["iconWidths"] and all(10 <= w <= 30 for w in style["iconWidths"]), style["iconWidths"]
    panel, first = style["panel"], style["first"]
    assert panel["width"] >= min(width, 360) - 1 and panel["height"] > 100
    assert 0 <= panel["left"] and panel["right"] <= width + 1   # inside the viewport
    assert first["top"] >= style["input"]["bottom"] - 1 and first["height"] > 20
    if width < 600:                                             # a phone: the panel fills the screen
        assert panel["width"] >= width - 1 and style["scrollWidth"] <= width
    if AXE.exists():
        page.add_script_tag(path=str(AXE))
        found = page.evaluate("axe.run(document.querySelector('.hb-search')).then(r => r.violations"
                              ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
                              ".map(v => v.id + ' ' + v.nodes[0].target.join(' ')))")
        assert found == []
    context.close()
