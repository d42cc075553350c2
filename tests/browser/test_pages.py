"""Home and part pages in real Chromium: no console errors, nothing external, links work."""

from __future__ import annotations


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
