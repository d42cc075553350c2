"""The search box beyond ranking: no dead ends (suggestions, 近似 label), facet and
checklist hits, keyboard closing and accessible names. Real Chromium, built site."""

from __future__ import annotations

from pathlib import Path

import yaml

QUERIES = yaml.safe_load((Path(__file__).resolve().parent.parent / "search" / "queries.yaml").read_text("utf-8"))
BOX = "[data-hb-search-input]"


# The search answered this query: every result shown (search.js sets data-hb-query, clears aria-busy).
ANSWERED = ("q => { const list = document.querySelector('[data-hb-search-results]');"
            " return document.querySelector('[data-hb-search-input]').value === q"
            " && list.dataset.hbQuery === q && !list.hasAttribute('aria-busy'); }")

def search(page, query: str) -> list[str]:
    """Type a query into the box, wait for the answer, return the result links (href attributes)."""
    box = page.locator(BOX)
    box.fill("")
    box.click()
    page.keyboard.insert_text(query)
    page.wait_for_function(ANSWERED, arg=query)
    return page.locator(".hb-result a").evaluate_all("links => links.map(a => a.getAttribute('href'))")


def search_open(page) -> bool:
    return page.evaluate("document.getElementById('__search').checked")


def test_facet_sections_and_checklists_are_found(page, site_url, catalogue):
    page.goto(f"{site_url}/index.html")
    for facet_attr, page_name, name in (("subjects", "subjects", "党支部"), ("types", "types", "廉洁型")):
        entry = next(e for e in getattr(catalogue, facet_attr) if e.name == name)
        checklists = [c for c in catalogue.checklists if name in c.title]
        assert checklists, f"no checklist titled with {name} in the data"
        hrefs = search(page, name)[:8]
        assert any(h.endswith(f"browse/{page_name}.html#{entry.id}") for h in hrefs), hrefs
        assert any(h.endswith(f"checklists/{c.id}.html") for c in checklists for h in hrefs), hrefs
        facet_link = page.locator(".hb-result a[data-kind=facet]").first
        assert facet_link.locator(".hb-result-kind").inner_text() == "分类"
    assert page.console_errors == [] and page.outside_requests == []


def test_near_matches_are_labelled(page, site_url, catalogue):
    page.goto(f"{site_url}/index.html")
    exact = search(page, "开展组织生活大排查")
    assert exact and page.locator(".hb-result-near").count() == 0
    assert "近似" not in page.locator("[data-hb-search-meta]").inner_text()
    # The same phrase with a character dropped occurs nowhere verbatim: only bigram (near) matches.
    near = search(page, "开展组织生活排查")
    assert near and "GC2-03" in " ".join(near[:5])
    assert page.locator(".hb-result").count() == page.locator(".hb-result-near").count()
    assert page.locator(".hb-result-near").first.inner_text() == "近似"
    assert "近似" in page.locator("[data-hb-search-meta]").inner_text()


def test_zero_results_suggest_next_steps(page, site_url):
    page.goto(f"{site_url}/index.html")
    miss = next(e["q"] for e in QUERIES if e["kind"] == "miss")
    assert search(page, miss) == []
    suggest = page.locator("[data-hb-search-suggest]")
    assert suggest.is_visible()
    links = suggest.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    for target in ("glossary.html", "browse/subjects.html", "browse/types.html"):
        assert any(link.endswith(target) for link in links), links
    suggest.locator("a", has_text="提法词典").click()
    page.wait_for_url("**/glossary.html")
    # Results again: the suggestions go away.
    page.goto(f"{site_url}/index.html")
    assert search(page, "双报到") and not page.locator("[data-hb-search-suggest]").is_visible()


def test_latin_input_is_told_search_is_chinese(page, site_url, catalogue):
    page.goto(f"{site_url}/index.html")
    pinyin = [t.id for t in catalogue.terms.values() if "lianjie" in t.id.replace("-", "")]
    pinyin += [c.id for c in catalogue.checklists if "lianjie" in c.id.replace("-", "")]
    assert pinyin, "the data has no term or checklist about 廉洁"
    for query in ("lianjie", "party branch"):
        assert search(page, query) == []
        suggest = page.locator("[data-hb-search-suggest]")
        assert "中文" in suggest.locator(".hb-suggest-hint").inner_text()
        assert suggest.locator("a[href$='glossary.html']").count() == 1
    search(page, "lianjie")
    links = page.locator("[data-hb-search-suggest] a").evaluate_all("ls => ls.map(a => a.getAttribute('href'))")
    assert any(link.endswith(f"#{i}") or link.endswith(f"/{i}.html") for i in pinyin for link in links), links


def test_arrow_keys_select_options_and_esc_closes(page, site_url):
    page.goto(f"{site_url}/index.html")
    assert len(search(page, "党支部")) >= 2
    assert search_open(page)
    options = page.locator("[role=listbox] [role=option]")
    assert options.count() == page.locator(".hb-result a").count()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert options.nth(1).get_attribute("aria-selected") == "true"
    assert options.nth(0).get_attribute("aria-selected") == "false"
    assert page.locator(BOX).get_attribute("aria-activedescendant") == options.nth(1).get_attribute("id")
    page.keyboard.press("Escape")
    assert not search_open(page)
    # Esc also closes when the focus is in the results, not the field.
    search(page, "党支部")
    page.locator(".md-search__scrollwrap").focus()
    assert search_open(page)
    page.keyboard.press("Escape")
    assert not search_open(page)


def test_tabbing_out_of_search_closes_the_overlay(page, site_url):
    page.goto(f"{site_url}/index.html")
    search(page, "双报到")
    assert search_open(page)
    for _ in range(6):
        page.keyboard.press("Tab")
        if not page.evaluate("document.activeElement.closest('.hb-search') !== null"):
            break
    assert page.evaluate("document.activeElement.closest('.hb-search') === null")
    assert not search_open(page)


def test_search_has_accessible_names(page, site_url):
    page.goto(f"{site_url}/index.html")
    search(page, "双报到")
    assert page.get_by_role("dialog", name="搜索手册").count() == 1
    assert page.get_by_role("combobox", name="搜索手册").count() == 1
    listbox = page.get_by_role("listbox", name="搜索结果")
    assert listbox.count() == 1
    assert listbox.get_by_role("option").count() == page.locator(".hb-result").count() > 0


def test_phone_search_icon_focuses_the_field(browser, site_url):
    context = browser.new_context(viewport={"width": 360, "height": 740}, has_touch=True)
    page = context.new_page()
    page.goto(f"{site_url}/index.html")
    icon = page.locator(".md-header label[for='__search']").first
    assert icon.is_visible()
    icon.tap()
    page.wait_for_function("document.activeElement && document.activeElement.matches('[data-hb-search-input]')")
    assert search_open(page)
    context.close()


AXE = Path(__file__).resolve().parent.parent / "vendor" / "axe.min.js"


def test_open_search_dialog_has_no_serious_axe_findings(browser, site_url):
    from tests.conftest import require
    require(AXE.exists(), "tests/vendor/axe.min.js missing (vendored for tests, see tests/vendor/README.md)")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{site_url}/index.html")
    # The final colours are checked: a colour transition still running after the scheme switch
    # (Material animates the search field) made axe see a half-faded field on a loaded machine.
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
    for scheme in ("default", "slate"):
        page.evaluate("s => document.body.setAttribute('data-md-color-scheme', s)", scheme)
        for query in ("党支部", "开展组织生活排查", "lianjie"):   # exact hits, near hits, suggestions
            search(page, query)
            page.keyboard.press("ArrowDown")
            if not page.evaluate("typeof axe !== 'undefined'"):
                page.add_script_tag(path=str(AXE))
            found = page.evaluate("axe.run(document.querySelector('.hb-search')).then(r => r.violations"
                                  ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
                                  ".map(v => v.id + ' ' + v.nodes[0].target.join(' ')))")
            assert found == [], (scheme, query, found)
    context.close()


def test_everyday_words_lead_to_related_requirements(page, site_url, catalogue):
    """Issue 21: 三会一课 is not the speech's word; it leads to the requirements that cover it, marked 相关."""
    page.goto(f"{site_url}/index.html")
    word = next(w for w in catalogue.everyday if w.word == "三会一课")
    hrefs = search(page, word.word)
    related = page.locator(".hb-result a[data-kind=related]")
    assert related.count() == len(word.items)
    assert [h.rsplit("#", 1)[-1] for h in hrefs[:len(word.items)]] == [i.id for i in word.items]
    assert related.first.locator(".hb-result-kind").inner_text() == "相关"
    assert "讲话未用“三会一课”" in related.first.inner_text()
    assert page.locator(".hb-result a[data-kind=term]").count() == 0     # never shown as the speech's formula
    assert page.console_errors == [] and page.outside_requests == []


def test_no_result_says_what_the_handbook_covers_and_case_badges_show_their_kind(page, site_url, catalogue):
    page.goto(f"{site_url}/index.html")
    miss = next(e["q"] for e in QUERIES if e["kind"] == "miss")
    assert search(page, miss) == []
    assert "本手册只收录这篇讲话" in page.locator("[data-hb-search-meta]").inner_text()
    for case in (next(c for c in catalogue.cases if c.warning), next(c for c in catalogue.cases if not c.warning)):
        search(page, case.title.removesuffix("（示例）"))
        badge = page.locator(f".hb-result a[data-kind=case][href$='#{case.id}'] .hb-result-kind")
        assert badge.count() == 1 and badge.inner_text() == case.label, case.id
