"""The strict build of the real handbook: clean log, every item present, nothing external."""

from __future__ import annotations

import json
import re

import pytest

HTML_ID = re.compile(r'\sid="([^"]+)"')


def _page(site, name) -> str:
    return (site / name).read_text(encoding="utf-8")


def test_strict_build_has_no_warnings(built_site):
    _site, log = built_site
    assert not [line for line in log.splitlines() if "WARNING" in line or "ERROR" in line]


def test_every_item_has_its_anchor_on_its_part_page(built_site, catalogue):
    site, _log = built_site
    ids_by_page = {}
    for item in catalogue.items.values():
        page = f"{item.part.code.lower()}.html"
        if page not in ids_by_page:
            ids_by_page[page] = HTML_ID.findall(_page(site, page))
        assert ids_by_page[page].count(item.id) == 1, f"{item.id} anchor missing or repeated on {page}"


def test_requirements_json_lists_every_item_with_its_url(built_site, catalogue):
    site, _log = built_site
    exported = json.loads(_page(site, "api/requirements.json"))
    assert [e["id"] for e in exported] == list(catalogue.items)
    for entry in exported:
        item = catalogue.items[entry["id"]]
        assert entry["part"] == item.part.number and entry["section"] == item.section.number
        assert entry["source"] == item.source.id and entry["subjects"] == item.subjects
        assert entry["kind"] == item.kind and entry["title"] == item.title and entry["text"]
        page, anchor = entry["url"].split("#")
        assert anchor in HTML_ID.findall(_page(site, page))


def test_framework_json_has_the_skeleton(built_site, catalogue):
    site, _log = built_site
    framework = json.loads(_page(site, "api/framework.json"))
    assert framework["goal"] == catalogue.goal
    parts = framework["parts"]
    assert [p["number"] for p in parts] == [p.number for p in catalogue.parts]
    assert [len(p["sections"]) for p in parts[1:]] == [4] * 5          # opening + three sections
    all_ids = [i for p in parts for s in p["sections"] for i in s["items"]]
    assert sorted(all_ids) == sorted(catalogue.items)


def test_source_page_anchors_every_paragraph_and_links_items(built_site, catalogue):
    site, _log = built_site
    html = _page(site, "source.html")
    ids = set(HTML_ID.findall(html))
    assert set(catalogue.paragraphs) <= ids
    for item in catalogue.items.values():
        assert f'href="{item.part.code.lower()}.html#{item.id}"' in html


def test_redaction_survives_markdown(built_site, catalogue):
    site, _log = built_site
    html = _page(site, "zs.html")
    assert html.count("***") >= 2
    assert "<strong>总书记" not in html and "<em>" not in html


@pytest.mark.parametrize("pattern", [r"fonts\.googleapis", r"fonts\.gstatic", r"cdn\.jsdelivr", r"unpkg\.com",
                                     r'<script[^>]+src="https?://', r'<link[^>]+href="https?://'])
def test_nothing_loads_from_outside(built_site, pattern):
    site, _log = built_site
    for path in list(site.rglob("*.html")) + list(site.rglob("*.css")):
        assert not re.search(pattern, path.read_text(encoding="utf-8")), f"{path.name} matches {pattern}"


def test_pages_are_chinese_with_readable_anchors(built_site):
    site, _log = built_site
    for path in site.glob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert '<html lang="zh"' in html
        assert not re.search(r'\sid="_\d+"', html), f"{path.name} has #_N anchors"
