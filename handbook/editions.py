"""Recorded editions: data/editions/<version>.json, one compact snapshot per released edition.

A snapshot holds what users see and cite: every item (ID, title, text, role, subjects,
levels, withdrawn reason), every checklist's rows, every glossary term. `python -m handbook
release` (make release) writes it; the build reads the snapshots to show what changed
between editions (handbook/changes.py), so it never needs git history or the network.

The file is byte-stable: keys in a fixed order, one entry per line (a diff of two
snapshots in git reads like the change list), UTF-8, LF, trailing newline.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

EDITIONS_DIR = "data/editions"
FORMAT = 1
VERSION = re.compile(r"^[0-9]{4}\.[0-9]+$")
_SECTIONS = ("items", "checklists", "terms")


@dataclass(frozen=True)
class Snapshot:
    version: str
    date: str
    items: dict            # ID → {title, text, role, subjects, levels, withdrawn}
    checklists: dict       # checklist ID → {title, items: [IDs]}
    terms: dict            # term ID → {term, expansion}
    released: bool = True  # False: the live data, not (yet) recorded
    file: str = ""

    def same_content(self, other: "Snapshot") -> bool:
        return (self.items, self.checklists, self.terms) == (other.items, other.checklists, other.terms)


def version_key(version: str) -> tuple[int, ...]:
    return tuple(int(p) for p in re.findall(r"[0-9]+", version))


def snapshot(catalogue) -> Snapshot:
    """The catalogue as a snapshot (raw text: `display` is applied when shown)."""
    items = {}
    for item in catalogue.items.values():
        entry = {"title": item.title, "text": item.text, "role": item.role, "subjects": list(item.subjects),
                 "levels": dict(item.levels)}
        if item.withdrawn:
            entry["withdrawn"] = item.withdrawn
        items[item.id] = entry
    checklists = {c.id: {"title": c.title, "items": [i.id for i in c.items]} for c in catalogue.checklists}
    terms = {t.id: {"term": t.term, "expansion": list(t.expansion)} for t in catalogue.terms.values()}
    edition = catalogue.edition
    return Snapshot(edition.version, edition.date, items, checklists, terms, released=False)


def dumps(snap: Snapshot, name: str) -> str:
    """The file text: header fields, then one line per item, checklist and term."""
    def one(value) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    out = ["{", f'"format":{FORMAT},', f'"name":{one(name)},', f'"version":{one(snap.version)},',
           f'"date":{one(snap.date)},']
    for n, section in enumerate(_SECTIONS):
        entries = getattr(snap, section)
        out.append(f'"{section}":{{')
        out.append(",\n".join(f"{one(key)}:{one(value)}" for key, value in entries.items()))
        out.append("}" + ("," if n < len(_SECTIONS) - 1 else ""))
    out.append("}")
    return "\n".join(line for line in out if line) + "\n"


def load_editions(root: Path | None, report) -> list[Snapshot]:
    """Every recorded edition under root/data/editions, oldest first; bad files are reported."""
    if root is None:
        return []
    out = []
    for path in sorted((Path(root) / EDITIONS_DIR).glob("*.json")):
        name = f"{EDITIONS_DIR}/{path.name}"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            report.add("bad-edition", name, getattr(exc, "lineno", None), f"不是 `make release` 写出的版本快照：{exc}")
            continue
        problem = _shape_problem(data, path.stem)
        if problem:
            report.add("bad-edition", name, None, problem)
            continue
        out.append(Snapshot(data["version"], data["date"], data["items"], data["checklists"], data["terms"],
                            released=True, file=name))
    return sorted(out, key=lambda s: version_key(s.version))


def _shape_problem(data, stem: str) -> str:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return f"应为含 \"format\": {FORMAT} 的 JSON 对象"
    if data.get("version") != stem or not VERSION.match(str(stem)):
        return f"version“{data.get('version')}”应与文件名“{stem}”相同（年份.序号，如 2026.1）"
    for key in ("date",):
        if not isinstance(data.get(key), str):
            return f"{key}：应为文字"
    for section in _SECTIONS:
        if not isinstance(data.get(section), dict):
            return f"{section}：应为对象"
    for item_id, entry in data["items"].items():
        if not isinstance(entry, dict) or not all(isinstance(entry.get(k), str) for k in ("title", "text", "role")):
            return f"items：{item_id} 应有文字形式的 title、text、role"
    for list_id, entry in data["checklists"].items():
        if not isinstance(entry, dict) or not isinstance(entry.get("items"), list):
            return f"checklists：{list_id} 应有 title 和 items"
    return ""


def release(root: Path, catalogue) -> tuple[str, str]:
    """Write data/editions/<version>.json for the current data; (status, path).

    status: "written", "unchanged" (already recorded, same content), or "conflict" (a snapshot of
    this version exists with other content: a released edition never changes; raise the version)."""
    snap = snapshot(catalogue)
    path = Path(root) / EDITIONS_DIR / f"{snap.version}.json"
    text = dumps(snap, catalogue.edition.name)
    if path.is_file():
        return ("unchanged" if path.read_text(encoding="utf-8") == text else "conflict"), str(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")
    return "written", str(path)
