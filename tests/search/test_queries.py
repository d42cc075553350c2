"""The ranking test set (queries.yaml) names only targets that exist: no withdrawn item,
no stale glossary or checklist ID. Targets are computed from the search documents, so the
check follows the data as it changes."""

from __future__ import annotations

from pathlib import Path

import yaml

from handbook.export.search import search_documents

QUERIES = yaml.safe_load((Path(__file__).resolve().parent / "queries.yaml").read_text("utf-8"))


def target_of(url: str) -> str:
    """As tests/browser/test_search.py reads a result link."""
    path, _, anchor = url.partition("#")
    name = path.rsplit("/", 1)[-1].removesuffix(".html")
    if "/checklists/" in f"/{path}" and not anchor:
        return f"checklist:{name}"
    if name == "glossary" and anchor:
        return f"term:{anchor}"
    return anchor or name


def test_every_target_is_a_search_result_the_data_can_give(catalogue):
    reachable = {target_of(doc["url"]) for doc in search_documents(catalogue)}
    reachable |= set(catalogue.paragraphs)          # paragraph IDs (P12): part headings
    withdrawn = {item_id for item_id in catalogue.items if catalogue.items[item_id] not in catalogue.active_items}
    missing = []
    for entry in QUERIES:
        targets = [*entry.get("expect", []), *([entry["first"]] if entry.get("first") else [])]
        if entry["kind"] == "miss":
            assert not targets, entry["q"]
            continue
        assert targets, f"{entry['q']}: no target"
        for target in targets:
            if target in withdrawn:
                missing.append(f"{entry['q']}: {target} is withdrawn")
            elif target not in reachable:
                missing.append(f"{entry['q']}: {target} is no search document")
    assert missing == []
