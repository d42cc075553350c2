"""Everyday 党务 words the speech does not use (三会一课, 主题党日 …), each leading to the requirements
that cover it (issue 21, point 7). Editors keep data/everyday.yaml; search shows the words as “相关”
results, never as if the speech used them. Optional: a project without the file has no such words.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import schema
from .loader import load_yaml
from .text import normalize

EVERYDAY_FILE = "data/everyday.yaml"

ENTRY = schema.Map({
    "word": schema.Field(schema.Str()),
    "aliases": schema.Field(schema.List(schema.Str()), required=False),
    "items": schema.Field(schema.List(schema.Str(pattern=schema.ITEM_ID_PATTERN, pattern_help="an item ID such as GC2-03"),
                                      min_items=1)),
    "why": schema.Field(schema.Str()),
}, label="word", label_key="word")
EVERYDAY = schema.Map({"words": schema.Field(schema.List(ENTRY, min_items=1))})


@dataclass(frozen=True)
class EverydayWord:
    word: str
    aliases: tuple[str, ...]
    items: tuple            # model.Item, in the editors' order
    why: str                # one line: why these requirements cover the word (editors' text)


def load_everyday(root, items: dict, speech: str, report) -> list[EverydayWord]:
    """Checked list: unknown or withdrawn IDs, and words the speech does use, fail with file and line."""
    if root is None or not (root / EVERYDAY_FILE).is_file():
        return []
    data = load_yaml(root / EVERYDAY_FILE, EVERYDAY_FILE, report)
    if data is None or not schema.Checker(report, EVERYDAY_FILE).check(data, EVERYDAY, "", getattr(data, "line", 1)):
        return []
    words, text = [], normalize(speech)
    for entry in data["words"]:
        subject = f"word {entry['word']}"
        spellings = [entry["word"], *entry.get("aliases", [])]
        used = [s for s in spellings if normalize(s) in text]
        if used:
            report.add("bad-everyday-word", EVERYDAY_FILE, entry.line_of("word"),
                       f"讲话用了“{used[0]}”：它应是提法词典或条目，而不是讲话未用的日常用语", subject)
        linked = []
        for index, item_id in enumerate(entry["items"]):
            item = items.get(item_id)
            if item is None or item.withdrawn:
                report.add("dangling-reference", EVERYDAY_FILE, entry["items"].line_at(index),
                           f"items: {item_id!r} 不是现行条目（data/requirements/ 中没有，或已撤销）", subject)
            else:
                linked.append(item)
        if linked and not used:
            words.append(EverydayWord(entry["word"], tuple(entry.get("aliases", [])), tuple(linked), entry["why"]))
    return words
