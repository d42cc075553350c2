"""Long pages split into gc.html, gc-2.html …: layout, link resolution, stubs, rendering."""

from __future__ import annotations

import re
import shutil

import pytest

from handbook import paging
from handbook.stubs import write_stubs
from handbook.validations.page_stubs import check_stubs
from handbook.errors import ErrorReport
from handbook.render import facets, glossary, pages, site_map
from tests.conftest import ROOT

SMALL = 20_000   # bytes: pages the real handbook into several pages per part


@pytest.fixture
def small_pages(lay_out):
    return lay_out(SMALL)


def _unit(weight, anchor):
    return paging.Unit("item", None, (anchor,), weight)


def test_pack_keeps_order_and_budget_and_gives_a_huge_unit_its_own_page():
    units = [_unit(w, str(n)) for n, w in enumerate([40, 40, 30, 500, 10, 60, 60])]
    pages_ = paging.pack(units, budget=100)
    assert [[u.anchors[0] for u in p] for p in pages_] == [["0", "1"], ["2"], ["3"], ["4", "5"], ["6"]]
    assert [u for p in pages_ for u in p] == units
    assert all(sum(u.weight for u in p) <= 100 for p in pages_ if len(p) > 1)


def test_real_handbook_is_not_split_at_this_scale(catalogue):
    """×1 renders exactly as before paging existed: one page each, no stubs, links unchanged."""
    layout = paging.layout_of(catalogue)
    assert layout.paged() == [] and layout.stubs() == {}
    item = next(iter(catalogue.active_items))
    assert site_map.item_url(item) == f"{item.part.code.lower()}.html#{item.id}"
    assert 'class="hb-pager"' not in pages.part_page(catalogue, item.part.code)


def test_every_anchor_is_on_exactly_one_page_and_links_point_there(catalogue, small_pages):
    paged = small_pages.paged()
    assert {s.page for s in paged} >= {site_map.GLOSSARY, site_map.SOURCE, site_map.BY_SUBJECT}
    for s in paged:
        anchors = [a for p in s.pages for u in p for a in u.anchors]
        assert len(anchors) == len(set(anchors)), s.page
    for item in catalogue.items.values():
        url = site_map.item_url(item)
        page = url.split("#")[0][:-5] + ".md"
        paged_set = small_pages.sets[site_map.part_page(item.part)]
        number = 1 if page == paged_set.page else int(page.rsplit("-", 1)[1][:-3])
        assert any(u.obj is item for u in paged_set.units(number)), url
    later = [t for t in catalogue.terms.values() if site_map.term_url(t).startswith("glossary-")]
    assert later, "a small budget puts some terms on glossary-2.html …"


def test_rendered_page_holds_its_units_and_a_labelled_pager(catalogue, small_pages):
    part = max(catalogue.parts, key=lambda p: len(p.items))
    paged = small_pages.sets[site_map.part_page(part)]
    assert paged.count >= 3
    html = pages.part_page(catalogue, part.code, paged.page_name(2), 2)
    on_page = [u.obj.id for u in paged.units(2) if u.kind == "item"]
    shown = re.findall(r'data-item="([^"]+)"', html)
    assert shown == on_page
    assert html.startswith(f"# {part.numbered_title}（第 2 页）")
    nav = re.findall(r'<nav class="hb-pager" aria-label="分页（第 2 页，共 (\d+) 页）"', html)
    assert nav == [str(paged.count)] * 2                      # above and below the content
    assert f'href="{part.code.lower()}-2.html" aria-current="page"' in html
    assert f'data-hb-anchor-map="api/pages/{part.code.lower()}.js"' in html
    if paged.units(2)[0].kind == "item":                      # a section continued from page 1
        assert "（续）" in html
    with pytest.raises(KeyError, match="python -m handbook pages"):
        pages.part_page(catalogue, part.code, None, paged.count + 1)


def test_glossary_and_facet_continuations_render_only_their_share(catalogue, small_pages):
    paged = small_pages.sets[site_map.GLOSSARY]
    seen = []
    for n in range(1, paged.count + 1):
        seen += re.findall(r'data-term="([^"]+)"', glossary.glossary_page(catalogue, paged.page_name(n), n))
    assert len(seen) == len(set(seen)) and set(seen) == {t.id for t in catalogue.terms.values()}
    subjects = small_pages.sets[site_map.BY_SUBJECT]
    rows = sum(len(re.findall(r"<tr><td>", facets.facet_page(catalogue, "subjects", subjects.page_name(n), n)))
               for n in range(1, subjects.count + 1))
    assert rows == sum(len(v) for v in catalogue.items_by("subjects").values())


def test_anchor_map_names_every_page_and_anchor(catalogue, small_pages):
    maps = small_pages.anchor_maps()
    gc = maps["api/pages/gc.js"]
    assert gc.startswith('(window.HBPageMaps=window.HBPageMaps||{})["gc"]=')
    data = __import__("json").loads(gc.split("=", 2)[2].rstrip(";\n"))
    assert data["pages"][0] == "gc.html" and data["pages"][1] == "gc-2.html"
    assert sorted(a for p in data["anchors"] for a in p) == sorted(small_pages.sets["gc.md"].anchor_pages())
    assert "api/pages/browse-subjects.js" in maps


def test_stub_check_names_missing_and_stale_stubs(catalogue, small_pages, tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs, ignore=shutil.ignore_patterns("assets"))
    existing = lambda: {p.relative_to(docs).as_posix() for p in docs.rglob("*.md")}   # noqa: E731
    report = ErrorReport()
    check_stubs(small_pages, existing(), lambda p: (docs / p).read_text(encoding="utf-8"), report)
    missing = sorted(e.file for e in report.errors if e.kind == "page-missing")
    assert missing == sorted(f"docs/{p}" for p in small_pages.stubs())
    written, removed = write_stubs(tmp_path, small_pages)
    assert sorted(written) == sorted(small_pages.stubs()) and removed == []
    assert (docs / "gc-2.md").read_text(encoding="utf-8").rstrip().endswith('{{ part_page("GC", page=2) }}')
    assert (docs / "browse/subjects-2.md").read_text(encoding="utf-8").rstrip().endswith(
        '{{ facet_page("subjects", page=2) }}')
    report = ErrorReport()
    check_stubs(small_pages, existing(), lambda p: (docs / p).read_text(encoding="utf-8"), report)
    assert report.errors == []
    stale = docs / f"gc-{small_pages.sets['gc.md'].count + 1}.md"
    stale.write_text(small_pages.sets["gc.md"].stub(99), encoding="utf-8")
    report = ErrorReport()
    check_stubs(small_pages, existing(), lambda p: (docs / p).read_text(encoding="utf-8"), report)
    assert [(e.kind, e.file) for e in report.errors] == [("page-stale", f"docs/{stale.name}")]
    assert write_stubs(tmp_path, small_pages) == ([], [stale.name])
    assert not stale.exists()


def test_cases_continue_browse_lists_and_cases_across_pages(catalogue, small_pages):
    from handbook.render import cases
    paged = small_pages.sets[site_map.CASES]
    assert paged.count >= 2
    html = [cases.cases_page(catalogue, paged.page_name(n), n) for n in range(1, paged.count + 1)]
    shown = [c for page in html for c in re.findall(r'data-case="([^"]+)"', page)]
    assert sorted(shown) == sorted(c.id for c in catalogue.cases)
    ids = [i for page in html for i in re.findall(r'\bid="([^"]+)"', page)] + \
          [i for page in html for i in re.findall(r"\{ #([^ }]+) \}", page)]
    assert len(ids) == len(set(ids))                           # every anchor defined once …
    assert set(paged.anchor_pages()) <= set(ids)               # … and where the map says
    for n, page in enumerate(html, start=1):
        for anchor in (u for unit in paged.units(n) for u in unit.anchors):
            assert f'id="{anchor}"' in page or f"{{ #{anchor} }}" in page, (n, anchor)


def test_small_chunks_continue_a_long_browse_list(catalogue, monkeypatch):
    monkeypatch.setattr(paging, "BUDGET", 3 * paging.CASE_LINK * 2)   # at most 3 cases per list chunk
    units = paging.cases_units(catalogue)
    kinds = [u for u in units if u.kind == "kind"]
    assert all(len(u.obj[3]) <= 3 for u in kinds)
    assert sum(len(u.obj[3]) for u in kinds) == len(catalogue.cases)
    assert [bool(u.anchors) for u in kinds].count(True) == len({u.obj[0] for u in kinds})


def test_checklist_index_splits_with_every_list_once(catalogue, lay_out):
    from handbook.render import checklists
    paged = lay_out(3000).sets[site_map.CHECKLISTS]       # a few lists per page
    assert paged.count > 1
    seen = []
    for number in range(1, paged.count + 1):
        html = checklists.checklist_index(catalogue, number=number)
        assert 'class="hb-pager"' in html and (f"第 {number} 页" in html or number == 1)
        seen += re.findall(r'<tr id="list-([a-z0-9-]+)">', html)
    assert seen == [c.id for c in catalogue.checklists]
    assert paged.page_name(2) == "checklists/index-2.md"
