"""Long checklists split into quanbu.html, quanbu-2.html …: layout, numbering, links, stubs, meta script."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from handbook import paging
from handbook.stubs import write_stubs
from handbook.validations.page_stubs import check_stubs
from handbook.errors import ErrorReport
from handbook.load import load_raw
from handbook.render import checklists, pages, site_map
from tests.conftest import ROOT

SMALL = 12_000   # bytes: a dozen rows a page, so every long checklist of the real handbook splits


@pytest.fixture
def small_pages(lay_out):
    return lay_out(SMALL)


def _longest(catalogue, scored: bool):
    chosen = [c for c in catalogue.checklists if (c.points is not None) == scored]
    return max(chosen, key=lambda c: len(c.items))


def _pages(catalogue, layout, checklist) -> list[str]:
    paged = layout.sets[site_map.checklist_page(checklist)]
    return [checklists.checklist_page(catalogue, checklist.id, paged.page_name(n), n) for n in range(1, paged.count + 1)]


def test_real_checklists_are_not_split_at_this_scale(catalogue):
    layout = paging.layout_of(catalogue)
    assert not [s for s in layout.paged() if s.macro == "checklist_page"]
    checklist = _longest(catalogue, scored=False)
    html = checklists.checklist_page(catalogue, checklist.id)
    assert 'class="hb-pager"' not in html and "hb-cl-meta" not in html   # meta lives in downloads/fill/<id>.meta.js
    assert re.findall(r'data-item="([^"]+)"', html) == [i.id for i in checklist.items]


@pytest.mark.parametrize("scored", [False, True])
def test_every_row_on_exactly_one_page_numbered_continuously(catalogue, small_pages, scored):
    checklist = _longest(catalogue, scored)
    paged = small_pages.sets[site_map.checklist_page(checklist)]
    assert paged.count >= 2, "a small budget splits the longest checklist"
    html = _pages(catalogue, small_pages, checklist)
    shown = [i for page in html for i in re.findall(r'<tr id="cl-[^"]+" data-item="([^"]+)"', page)]
    assert shown == [i.id for i in checklist.items]                    # every row once, in order
    numbers = [int(n) for page in html for n in re.findall(r'<td class="hb-cl-n">(\d+)</td>', page)]
    assert numbers == list(range(1, len(checklist.items) + 1))          # 序号 runs on across pages
    totals = [page.count("hb-score-total") for page in html]
    assert totals == ([0] * (paged.count - 1) + [1] if scored else [0] * paged.count)   # 合计 on the last page
    for n, page in enumerate(html, start=1):
        assert page.count(f'data-checklist="{checklist.id}"') == 1      # every page saves into the same record
        assert re.findall(r'<nav class="hb-pager" aria-label="分页（第 (\d+) 页，共 (\d+) 页）"', page) == \
            [(str(n), str(paged.count))] * 2
        assert f'data-hb-anchor-map="../api/pages/checklists-{checklist.id}.js"' in page
        for anchor in (a for u in paged.units(n) for a in u.anchors):
            assert f'id="{anchor}"' in page
    assert html[1].startswith(f"# {checklist.title}（第 2 页）")


def test_links_to_a_row_point_at_its_page_and_the_anchor_map_knows_it(catalogue, small_pages):
    checklist = _longest(catalogue, scored=False)
    paged = small_pages.sets[site_map.checklist_page(checklist)]
    later = paged.units(paged.count)[0].obj
    holder = f"checklists/{paging.posix_name(paged.page_name(paged.count))}#cl-{later.id}"
    assert site_map.href("gc.md", site_map.checklist_page(checklist), f"cl-{later.id}") == holder
    part = small_pages.sets[site_map.part_page(later.part)]
    number = next(n for n in range(1, part.count + 1) if any(u.obj is later for u in part.units(n)))
    item_page = pages.part_page(catalogue, later.part.code, part.page_name(number), number)
    assert f'href="{holder}"' in item_page                              # 所在清单 links straight to the row's page
    data = small_pages.anchor_maps()[f"api/pages/checklists-{checklist.id}.js"]
    data = json.loads(data.split("=", 2)[2].rstrip(";\n"))
    assert data["pages"][0] == f"{checklist.id}.html" and data["pages"][1] == f"{checklist.id}-2.html"
    assert sum(data["anchors"], []) == [f"cl-{i.id}" for i in checklist.items]


def test_stubs_are_written_and_not_taken_for_checklists(catalogue, small_pages, tmp_path):
    project = tmp_path / "project"
    for folder in ("data", "docs"):
        shutil.copytree(ROOT / folder, project / folder, ignore=shutil.ignore_patterns("assets"))
    written, _ = write_stubs(project, small_pages)
    checklist = _longest(catalogue, scored=False)
    stub = f"checklists/{checklist.id}-2.md"
    assert stub in written
    assert (project / "docs" / stub).read_text(encoding="utf-8").rstrip().endswith(
        f'{{{{ checklist_page("{checklist.id}", page=2) }}}}')
    raw = load_raw(project, ErrorReport())
    assert raw.checklist_pages == {c.id for c in catalogue.checklists}   # quanbu-2.md renders no checklist of its own
    report = ErrorReport()
    check_stubs(small_pages, raw.docs_pages, lambda p: (project / "docs" / p).read_text(encoding="utf-8"),
                       report)
    assert report.errors == []


def test_meta_script_registers_every_row_with_its_rev(catalogue, small_pages):
    checklist = _longest(catalogue, scored=True)
    script = checklists.meta_script(catalogue, checklist)
    prefix = f'window.__hbChecklistMeta=window.__hbChecklistMeta||{{}};__hbChecklistMeta["{checklist.id}"]='
    assert script.startswith(prefix) and script.endswith(";\n") and "</" not in script
    meta = json.loads(script[len(prefix):-2])
    revs = {}
    for page in _pages(catalogue, small_pages, checklist):
        revs.update(re.findall(r'data-item="([^"]+)" data-rev="([^"]+)"', page))
    assert [r["id"] for r in meta["rows"]] == [i.id for i in checklist.items]
    assert {r["id"]: r["rev"] for r in meta["rows"]} == revs             # the same rev the table rows carry
    assert meta["total"] == checklist.total and meta["version"] in _pages(catalogue, small_pages, checklist)[0]
