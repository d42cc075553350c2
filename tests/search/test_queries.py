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


def test_everyday_words_are_related_results_never_the_speechs_words(catalogue):
    """Issue 21: 三会一课 & co. lead to requirements as “相关”; the speech does not use them."""
    from handbook.text import normalize
    speech = normalize((Path(__file__).resolve().parents[2] / "data/source/speech.txt").read_text("utf-8"))
    docs = [d for d in search_documents(catalogue) if d["k"] == "related"]
    words = {w.word: w for w in catalogue.everyday}
    assert {"三会一课", "主题党日", "党费", "第一议题"} <= set(words)
    for doc in docs:
        assert doc["where"].startswith("相关 · 讲话未用")
        assert not any(normalize(name) in normalize(doc["title"]) for name in doc["names"])
        assert not any(normalize(name) in speech for name in doc["names"])
    for word in words.values():
        assert [target_of(d["url"]) for d in docs if word.word in d["names"]] == [i.id for i in word.items]


def test_everyday_file_rejects_unknown_ids(tmp_path):
    import shutil
    from handbook.catalogue import load_catalogue
    from handbook.errors import HandbookDataError
    root = Path(__file__).resolve().parents[2]
    shutil.copytree(root / "data", tmp_path / "data")
    shutil.copytree(root / "docs", tmp_path / "docs")
    path = tmp_path / "data/everyday.yaml"
    lines = path.read_text("utf-8").splitlines()
    at = next(n for n, line in enumerate(lines) if "items: [GC2-07]" in line)
    lines[at] = lines[at].replace("GC2-07", "GC2-99")
    path.write_text("\n".join(lines) + "\n", "utf-8")
    try:
        load_catalogue(tmp_path)
    except HandbookDataError as error:
        assert f"data/everyday.yaml:{at + 1}:" in str(error) and "GC2-99" in str(error)
    else:
        raise AssertionError("an unknown item ID in data/everyday.yaml must fail")
