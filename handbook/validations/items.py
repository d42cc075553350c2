"""data/requirements/*.yaml: each item quotes its source paragraph verbatim, sits in the part and
section its ID names, uses the vocabulary and the glossary, and lists its components.

An item that fails a check is left out of the catalogue, but its ID stays *declared*: whatever
refers to it (checklists, cases, same_as, published IDs) is not reported again (one mistake,
one message)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import schema
from ..load import GLOSSARY_FILE, VOCABULARY_FILE
from ..model import Item, Part, Term
from ..text import display, find_in_order, normalize, normalize_paragraph
from .common import one_of, usable_entries
from .source import ROLE_NAMES


class Declared(set):
    """IDs written in requirement files. An unreadable file (YAML error) declares its whole part:
    its IDs are unknown, and reporting every reference to them would bury the one real message."""

    def __init__(self, ids=(), unreadable_parts=()):
        super().__init__(ids)
        self.unreadable_parts = set(unreadable_parts)

    def __contains__(self, item_id) -> bool:
        return set.__contains__(self, item_id) or (isinstance(item_id, str) and item_id[:2] in self.unreadable_parts)


@dataclass
class Items:
    items: dict[str, Item] = field(default_factory=dict)   # in reading order
    declared: Declared = field(default_factory=Declared)   # every ID written in a requirement file


def declared_ids(requirement_files) -> Declared:
    """IDs written in requirement files, whether or not the file or the item passed its checks."""
    out = Declared()
    for raw in requirement_files:
        if raw.data is None:     # could not be read: GC.yaml holds part GC
            out.unreadable_parts.add(raw.name.rsplit("/", 1)[1][:-len(".yaml")])
        entries = raw.data.get("items") if isinstance(raw.data, dict) else None
        for entry in entries if isinstance(entries, list) else ():
            if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                out.add(entry["id"])
    return out


def check_items(requirement_files, parts: list[Part], vocab, terms: dict[str, Term], declared_terms, paragraphs,
                report) -> Items:
    """declared_terms: spellings written in the glossary (normalised), or None when it could not be read."""
    checker = _ItemChecker(parts, vocab, terms, paragraphs, report)
    checker.declared_terms = declared_terms
    result = Items(declared=declared_ids(requirement_files))
    id_lines: dict[str, str] = {}
    for raw in requirement_files:
        file, data = raw.name, raw.data
        entries = usable_entries(raw, "items", schema.ITEM)
        code = data.get("part") if isinstance(data, dict) else None
        if not entries or not isinstance(code, str) or not re.fullmatch(schema.PART_CODE.pattern, code):
            continue   # nothing usable: load said why
        if code not in checker.parts:
            report.add("dangling-reference", file, data.line_of("part"),
                       f"part：{code!r} 不存在，{one_of(checker.parts)}")
            continue
        if not file.endswith(f"/{code}.yaml"):
            report.add("bad-format", file, data.line_of("part"), f"part：{code!r} 的条目应写在 {code}.yaml 中")
        for entry in entries:
            item = checker.item(entry, file, checker.parts[code])
            if item is None:
                continue
            if item.id in result.items:
                report.add("duplicate-id", file, entry.line_of("id"),
                           f"id：{item.id!r} 已在 {id_lines[item.id]} 用过", f"条目 {item.id}")
                continue
            result.items[item.id] = item
            id_lines[item.id] = f"{file}:{entry.line_of('id')}"
    # Reading order: by part, section and number, whatever order the files were read in.
    result.items = dict(sorted(result.items.items(), key=lambda kv: (kv[1].part.number, kv[1].section.number,
                                                                    int(kv[0].rsplit("-", 1)[1]))))
    _check_duplicates(result, report)
    return result


class _ItemChecker:
    def __init__(self, parts, vocab, terms, paragraphs, report):
        self.parts = {p.code: p for p in parts}
        # dicts, not sets: messages list the allowed values in vocabulary order
        self.allowed = {"subjects": dict.fromkeys(e.name for e in vocab["subjects"]),
                        "kind": dict.fromkeys(e.name for e in vocab["kinds"]),
                        "types": dict.fromkeys(e.name for e in vocab["types"])}
        self.spellings = {normalize(s): t for t in terms.values() for s in t.spellings}
        self.paragraphs = paragraphs
        self.report = report
        self.declared_terms: set[str] | None = set()

    def item(self, entry, file: str, part: Part) -> Item | None:
        item_id, report = entry["id"], self.report
        subject = f"条目 {item_id}"
        source = self.paragraphs.get(entry["source"], file, entry.line_of("source"), "source", subject)
        if source is None:
            return None
        section = source.section
        if section is None or section.part is not part:
            where = (f"它是{ROLE_NAMES.get(source.role, '框架之外的段落')}" if section is None else f"它属于部分 {section.part.code}")
            report.add("id-mismatch", file, entry.line_of("source"),
                       f"source：段落 {source.id} 不是部分 {part.code} 提出要求的段落（{where}）", subject)
            return None
        ok = True
        match = re.fullmatch(schema.ITEM_ID_PATTERN, item_id)
        if match["code"] != part.code or int(match["section"]) != section.number:
            report.add("id-mismatch", file, entry.line_of("id"),
                       f"id：出自 {source.id}（{part.code} 第 {section.number} 方面）的条目编号应为 {section.key}-nn",
                       subject)
            ok = False
        if find_in_order(entry["text"], source.text) is None:
            report.add("text-not-in-source", file, entry.line_of("text"),
                       f"text：在段落 {source.id} 中找不到原文（按全半角统一后比较，不连续的片段用 …… 隔开）", subject)
            ok = False
        for key in ("subjects", "kind", "types"):
            ok &= self.in_vocabulary(entry, key, file, subject)
        item_terms = []
        for index, name in enumerate(entry.get("terms", [])):
            term = self.spellings.get(normalize(name))
            if term is None and self.term_declared(name):
                ok = False     # the term failed its own checks: reported there
            elif term is None:
                report.add("dangling-reference", file, entry["terms"].line_at(index),
                           f"terms：{name!r} 不是 {GLOSSARY_FILE} 中的提法", subject)
                ok = False
            else:
                item_terms.append(term)
        if "context" in entry and find_in_order(entry["context"], source.text) is None:
            report.add("text-not-in-source", file, entry.line_of("context"),
                       f"context：在段落 {source.id} 中找不到原文", subject)
            ok = False
        components = self.components(entry, file, subject, source)
        ok &= components is not None
        for key in entry.get("levels", {}):
            if key not in entry["subjects"]:
                report.add("bad-level", file, entry["levels"].line_of(key),
                           f"levels：{key!r} 不是本条的责任主体（{'、'.join(entry['subjects'])}）之一", subject)
                ok = False
        if not ok:
            return None
        item = Item(item_id, entry["title"], entry["text"], source, section, list(entry["subjects"]),
                    entry["kind"], item_terms, list(entry.get("types", [])), entry.get("withdrawn", ""),
                    file, entry.line, role=entry.get("role", "checkable"), context=display(entry.get("context", "")),
                    components=components, same_as=entry.get("same_as"), levels=dict(entry.get("levels", {})),
                    asks=dict(entry.get("asks", {})), editor_note=entry.get("editor_note", ""))
        section.items.append(item)
        source.items.append(item)
        for term in item_terms:
            term.items.append(item)
        return item

    def components(self, entry, file, subject, source) -> list[str] | None:
        """The row's components in display form: its own list (verbatim from the speech) or its term's expansion."""
        if "components" in entry and "implements" in entry:
            self.report.add("bad-components", file, entry.line_of("implements"),
                            "components 和 implements 只能写一个", subject)
            return None
        if "implements" in entry:
            term = self.spellings.get(normalize(entry["implements"]))
            if term is None and self.term_declared(entry["implements"]):
                return None    # the term failed its own checks: reported there
            if term is None or not term.expansion:
                self.report.add("bad-components", file, entry.line_of("implements"),
                                f"implements：{entry['implements']!r} 不是 {GLOSSARY_FILE} 中有展开（expansion）的提法",
                                subject)
                return None
            return [display(e) for e in term.expansion]
        source_text = normalize_paragraph(source.text)
        result = []
        for index, component in enumerate(entry.get("components", [])):
            if normalize(component) not in source_text:
                self.report.add("text-not-in-source", file, entry["components"].line_at(index),
                                f"components[{index + 1}]：段落 {source.id} 中没有 {component!r}", subject)
                return None
            result.append(display(component))
        return result

    def term_declared(self, name: str) -> bool:
        return self.declared_terms is None or normalize(name) in self.declared_terms

    def in_vocabulary(self, entry, key, file, subject) -> bool:
        if key not in entry:
            return True
        allowed = self.allowed[key]
        values = [entry[key]] if isinstance(entry[key], str) else entry[key]
        ok = True
        for index, value in enumerate(values):
            if value not in allowed:
                line = entry.line_of(key) if isinstance(entry[key], str) else entry[key].line_at(index)
                self.report.add("not-in-vocabulary", file, line,
                                f"{key}：{value!r} 不在词表中，{one_of(allowed)}（{VOCABULARY_FILE}）", subject)
                ok = False
        return ok


def _check_duplicates(result: Items, report) -> None:
    """same_as names an active checkable item that is not itself a duplicate."""
    items = result.items
    for item in items.values():
        if item.same_as is None or (item.same_as not in items and item.same_as in result.declared):
            continue   # its target failed its own checks: already reported
        target = items.get(item.same_as)
        if (target is None or target is item or target.withdrawn or target.same_as is not None
                or not target.checkable):
            report.add("bad-duplicate", item.file, item.line,
                       f"same_as：{item.same_as!r} 应是另一条有效、可勾选、本身不是重复项的条目", f"条目 {item.id}")
