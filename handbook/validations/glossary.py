"""data/glossary.yaml: groups and terms (提法), each spelling once, every term and expansion part
found in the speech; then where each term occurs in items and paragraphs."""

from __future__ import annotations

from .. import schema
from ..model import GlossaryGroup, Term
from ..terms import TermMatcher
from ..text import normalize
from .common import one_of, usable_entries

GROUP = schema.GLOSSARY.fields["groups"].type.of


def declared_terms(raw) -> set[str] | None:
    """Every spelling written in the glossary (normalised), valid or not; None when it could not be read."""
    if not isinstance(raw.data, dict):
        return None
    out = set()
    for entry in raw.data.get("terms") if isinstance(raw.data.get("terms"), list) else ():
        if isinstance(entry, dict):
            aliases = entry.get("aliases") if isinstance(entry.get("aliases"), list) else []
            out |= {normalize(s) for s in [entry.get("term"), *aliases] if isinstance(s, str)}
    return out


def check_glossary(raw, paragraphs, report) -> tuple[list[GlossaryGroup], dict[str, Term]]:
    groups = [GlossaryGroup(g["id"], g["name"]) for g in usable_entries(raw, "groups", GROUP)]
    # A group that failed its own checks still names its id: its terms are not reported again.
    written = raw.data.get("groups") if isinstance(raw.data, dict) else None
    group_ids = {g["id"] for g in written if isinstance(g, dict)} if isinstance(written, list) else set()
    terms: dict[str, Term] = {}
    ids: dict[str, int] = {}
    spellings: dict[str, tuple[str, int]] = {}
    source_text = normalize("".join(p.text for p in paragraphs.by_id.values()))
    for entry in usable_entries(raw, "terms", schema.TERM):
        subject = f"提法 {entry['term']}"
        if entry["id"] in ids:
            report.add("duplicate-id", raw.name, entry.line_of("id"),
                       f"id：{entry['id']!r} 已在第 {ids[entry['id']]} 行用过", subject)
        ids[entry["id"]] = entry.line_of("id")
        if entry["group"] not in group_ids:
            report.add("dangling-reference", raw.name, entry.line_of("group"),
                       f"group：{entry['group']!r} 不存在，{one_of(g.id for g in groups)}", subject)
        term = Term(entry["term"], entry["id"], entry["group"], list(entry.get("aliases", [])),
                    list(entry["expansion"]), entry.get("note", ""))
        for spelling in term.spellings:
            key = normalize(spelling)
            if key in spellings:
                report.add("duplicate-id", raw.name, entry.line,
                           f"{spelling!r} 已是提法 {spellings[key][0]!r} 的写法（第 {spellings[key][1]} 行）", subject)
            spellings[key] = (term.term, entry.line)
        if not any(normalize(s) in source_text for s in term.spellings):
            report.add("text-not-in-source", raw.name, entry.line_of("term"),
                       f"讲话中既没有 {term.term!r}，也没有它的别称", subject)
        for e_index, component in enumerate(term.expansion):
            if normalize(component) not in source_text:
                report.add("text-not-in-source", raw.name, entry["expansion"].line_at(e_index),
                           f"expansion[{e_index + 1}]：讲话中没有 {component!r}", subject)
        terms[term.term] = term
    return groups, terms


def link_term_occurrences(terms: dict[str, Term], items: dict, paragraphs) -> None:
    """Where each term occurs, and which terms each item names in its text (one scan each)."""
    matcher = TermMatcher(terms.values())
    for item in items.values():
        for _start, _end, term in matcher.finditer(item.text):
            if term not in item.terms:     # declared terms stay first
                item.terms.append(term)
                term.items.append(item)
    order = {item_id: index for index, item_id in enumerate(items)}
    for term in terms.values():
        term.items.sort(key=lambda item: order[item.id])
    for paragraph in paragraphs.by_id.values():
        for _start, _end, term in matcher.finditer(paragraph.text):
            if not term.paragraphs or term.paragraphs[-1] is not paragraph:   # paragraphs come in order
                term.paragraphs.append(paragraph)
