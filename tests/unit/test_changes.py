"""What changed between editions (handbook/changes.py) on the real data with a made-up earlier
edition, and the 修订说明 page split like other long pages."""

from __future__ import annotations

import copy
import dataclasses
import re

import pytest

from handbook import changes, paging
from handbook.catalogue import load_catalogue
from handbook.editions import dumps, snapshot
from handbook.render import changes as render
from handbook.render import site_map
from tests.conftest import ROOT


@pytest.fixture
def with_history(catalogue, monkeypatch):
    """A fresh catalogue whose recorded 2026.0 had 40 items retitled and 10 fewer items."""
    fresh = load_catalogue(ROOT)
    live = snapshot(fresh)
    items = copy.deepcopy(live.items)
    ids = [i for i, e in items.items() if not e.get("withdrawn")]
    for item_id in ids[:40]:
        items[item_id]["title"] = "旧：" + items[item_id]["title"]
    for item_id in ids[-10:]:
        del items[item_id]
    lists = {k: {"title": v["title"], "items": [i for i in v["items"] if i in items]} for k, v in live.checklists.items()}
    old = dataclasses.replace(live, version="2026.0", items=items, checklists=lists, released=True)
    fresh.editions = [old]
    changes._HISTORY.clear()
    yield fresh
    changes._HISTORY.clear()
    monkeypatch.undo()
    paging._LAYOUTS.clear()
    paging.attach(catalogue)


def test_the_diff_names_exactly_the_made_up_changes(with_history):
    diffs = changes.history(with_history)
    assert [d.version for d in diffs] == ["2026.1", "2026.0"]
    latest = diffs[0]
    assert latest.released is False and latest.previous == "2026.0"   # the live data, not yet recorded
    assert len(latest.of("modified")) == 40 and len(latest.of("added")) == 10
    assert not latest.of("withdrawn") and not latest.of("moved")
    first = latest.of("modified")[0]
    assert set(first.fields) == {"title"} and first.fields["title"][0].startswith("旧：")


def test_the_page_splits_at_a_small_budget_and_links_follow(with_history, monkeypatch):
    monkeypatch.setattr(paging, "BUDGET", 4000)
    paging._LAYOUTS.clear()
    layout = paging.attach(with_history)
    paged = layout.sets["changes.md"]
    assert paged.count > 2
    assert layout.stubs()["changes-2.md"].endswith("{{ changes_page(page=2) }}\n")
    anchors = [a for units in paged.pages for u in units for a in u.anchors]
    assert len(anchors) == len(set(anchors))
    diff = changes.history(with_history)[0]
    assert {f"{diff.anchor}-{c.id}" for c in diff.changes} <= set(anchors)
    last = diff.changes[-1]
    where = site_map.href("index.md", "changes.md", f"{diff.anchor}-{last.id}")
    assert re.match(r"changes-\d+\.html#", where)
    html = render.changes_page(with_history, "changes-2.md", 2)
    assert html.startswith("# 修订说明（第 2 页）") and "（续）" in html and 'class="hb-pager"' in html
    shown = set()
    for n in range(1, paged.count + 1):
        shown |= set(re.findall(r'data-item="([A-Z0-9-]+)"', render.changes_page(with_history, paged.page_name(n), n)))
    assert shown == {c.id for c in diff.changes}


def test_snapshot_text_is_stable_and_one_line_per_entry(catalogue):
    snap = snapshot(catalogue)
    text = dumps(snap, catalogue.edition.name)
    assert text == dumps(snapshot(catalogue), catalogue.edition.name)
    assert text.endswith("}\n") and "\r" not in text
    assert len(text.splitlines()) == 5 + 3 * 2 + len(snap.items) + len(snap.checklists) + len(snap.terms) + 1
