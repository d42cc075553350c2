"""A ×N copy of the project with distinct text, for honest scale measurements.

Copy k (1 ≤ k < N) of every item, term, checklist and case is a new record whose text
is the original's plus a numbered variation (“（第k轮）”); the synthetic speech.txt
carries each variation verbatim in the item's own paragraph, so the scaled project
passes `python -m handbook check` like the real one. Checklist and case copies refer to
their own copy's items, so each list keeps its size and only their number grows.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from handbook.catalogue import load_catalogue  # noqa: E402
from handbook.catalogue import update_stubs as update_project  # noqa: E402
from handbook.text import GAP  # noqa: E402


def _dump(path: Path, data) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _load(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def scaled_project(factor: int, target: Path, source: Path = ROOT) -> dict:
    """Write the ×factor project into target; return its counts."""
    for folder in ("data", "docs", "overrides", "macros"):
        shutil.copytree(source / folder, target / folder, ignore=shutil.ignore_patterns("__pycache__"))
    (target / "data/published-ids.txt").unlink(missing_ok=True)
    catalogue = load_catalogue(source)
    config = (source / "mkdocs.yml").read_text(encoding="utf-8")
    # Checklist copies are reached from the checklist index, not listed in the nav on every page.
    marker = "not_in_nav: |\n"
    assert marker in config, "mkdocs.yml lists continuation pages under not_in_nav"
    config = config.replace(marker, marker + "  /checklists/*-x*.md\n", 1)
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")
    lines = (source / "data/source/speech.txt").read_text(encoding="utf-8").split("\n")
    extra: dict[int, list[str]] = {}          # line index → sentences appended to it

    def mark(k: int) -> str:
        return f"（第{k}轮）"

    # Items: copy k of an item in a section of n items gets number k*n + j.
    new_id: dict[tuple[str, int], str] = {}
    for path in sorted((target / "data/requirements").glob("*.yaml")):
        data = _load(path)
        by_section: dict[str, list] = {}
        for item in data["items"]:
            by_section.setdefault(item["id"].split("-")[0], []).append(item)
        items = list(data["items"])
        for k in range(1, factor):
            for section, originals in by_section.items():
                for j, item in enumerate(originals):
                    copy_id = f"{section}-{k * len(originals) + j + 1:02d}"
                    new_id[(item["id"], k)] = copy_id
                    copy = {**item, "id": copy_id, "title": item["title"] + mark(k), "text": item["text"] + mark(k)}
                    copy.pop("withdrawn", None)
                    items.append(copy)
                    line = int(item["source"][1:]) - 1
                    extra.setdefault(line, []).append("，".join(item["text"].split(GAP)) + mark(k) + "。")
        data["items"] = items
        _dump(path, data)

    # Terms: distinct names, each written once into the speech.
    body = [p for p, line in enumerate(lines) if len(line) > 40]
    glossary = _load(target / "data/glossary.yaml")
    originals = list(glossary["terms"])
    for k in range(1, factor):
        for t, term in enumerate(originals):
            name = f"{term['term']}第{k}号"
            glossary["terms"].append({**term, "term": name, "id": f"{term['id']}-x{k}", "aliases": [],
                                      "expansion": [], "note": f"规模测试用的第 {k} 个变体。"})
            extra.setdefault(body[(t * factor + k) % len(body)], []).append(f"“{name}”。")
    _dump(target / "data/glossary.yaml", glossary)

    for index, sentences in extra.items():
        lines[index] += "".join(sentences)
    (target / "data/source/speech.txt").write_text("\n".join(lines), encoding="utf-8")

    # Checklists: copy k selects copy k of the original's items (same size, more lists).
    stubs = target / "docs/checklists"
    for checklist in catalogue.checklists:
        path = target / f"data/checklists/{checklist.id}.yaml"
        data = _load(path)
        stub = (stubs / f"{checklist.id}.md").read_text(encoding="utf-8")
        for k in range(1, factor):
            copy_id = f"{checklist.id}-x{k}"
            copy = {**data, "title": data["title"] + mark(k),
                    "select": [{"ids": [new_id[(i.id, k)] for i in checklist.items if (i.id, k) in new_id]}]}
            copy.pop("exclude", None)
            if "scoring" in data and "points" in data["scoring"]:
                copy["scoring"] = {**data["scoring"], "points": {
                    new_id[(i, k)]: p for i, p in data["scoring"]["points"].items() if (i, k) in new_id}}
            _dump(target / f"data/checklists/{copy_id}.yaml", copy)
            (stubs / f"{copy_id}.md").write_text(stub.replace(f'"{checklist.id}"', f'"{copy_id}"'), encoding="utf-8")

    for path in sorted((source / "data/cases").glob("*.yaml")):
        data = _load(path)
        for k in range(1, factor):
            copy = {**data, "title": data["title"].replace("（示例）", mark(k) + "（示例）"),
                    "items": [new_id[(i, k)] for i in data["items"] if (i, k) in new_id]}
            _dump(target / f"data/cases/{path.stem}-x{k}.yaml", copy)

    update_project(target)                   # continuation stubs of the pages that now run long
    scaled = load_catalogue(target)
    return {"items": len(scaled.items), "terms": len(scaled.terms), "checklists": len(scaled.checklists)}


if __name__ == "__main__":
    print(scaled_project(int(sys.argv[1]), Path(sys.argv[2])))
