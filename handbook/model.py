"""The in-memory catalogue: plain objects, indexed by ID, with reverse links.

Built once per run by `catalogue.load_catalogue`; renderers and exporters only read it.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .edition import Edition
from .text import display

if TYPE_CHECKING:   # cases.py imports the model; annotations only
    from .cases import Case

NUMERALS = "〇一二三四五六七八九"


class _ShortRepr:
    """The model is a cyclic graph; the default dataclass repr would walk all of it."""

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self._key()}>"



@dataclass(eq=False, repr=False)
class Paragraph(_ShortRepr):
    def _key(self) -> str:
        return self.id

    id: str
    line: int
    text: str                      # verbatim from the source file
    role: str = "other"            # title, salutation, preamble, heading, opening, section
    section: "Section | None" = None
    items: list["Item"] = field(default_factory=list)

    @property
    def is_directive(self) -> bool:
        """Paragraphs that ask for action: every one must yield items."""
        return self.role in ("preamble", "opening", "section")


@dataclass(eq=False, repr=False)
class Section(_ShortRepr):
    def _key(self) -> str:
        return self.key

    part: "Part"
    number: int                    # 0 = the part's opening paragraph
    lead: str                      # e.g. 全面学习上走在前 (empty for openings)
    paragraph: Paragraph
    items: list["Item"] = field(default_factory=list)

    @property
    def key(self) -> str:          # also the anchor of the section on its page
        return f"{self.part.code}{self.number}"

    @property
    def label(self) -> str:
        if self.number == 0:
            return "开篇"
        return f"（{NUMERALS[self.number]}）{display(self.lead)}"


@dataclass(eq=False, repr=False)
class Part(_ShortRepr):
    def _key(self) -> str:
        return self.code

    code: str
    number: int                    # 0 = the speech's opening (总体要求)
    short_name: str
    positioning: str               # 第一方阵 … ('' for part 0)
    heading: Paragraph | None
    opening: Section = None        # type: ignore[assignment]  (set right after construction)
    sections: list[Section] = field(default_factory=list)

    @property
    def all_sections(self) -> list[Section]:
        return [self.opening, *self.sections]

    @property
    def title(self) -> str:
        """Heading text without its numeral, e.g. 紧扣“一条主线”，在…坚守“第一方阵”."""
        if self.heading is None:
            return self.short_name
        text = display(self.heading.text)
        prefix = f"{NUMERALS[self.number]}、"
        return text[len(prefix):] if text.startswith(prefix) else text

    @property
    def numbered_title(self) -> str:
        return f"{NUMERALS[self.number]}、{self.title}" if self.number else self.title

    @property
    def items(self) -> list["Item"]:
        return [item for section in self.all_sections for item in section.items]


@dataclass(eq=False, repr=False)
class Term(_ShortRepr):
    def _key(self) -> str:
        return self.term

    term: str
    id: str
    group: str
    aliases: list[str]
    expansion: list[str]
    note: str = ""
    items: list["Item"] = field(default_factory=list)            # computed: items whose `terms` name it
    paragraphs: list[Paragraph] = field(default_factory=list)   # computed: where its text occurs

    @property
    def spellings(self) -> list[str]:
        return [self.term, *self.aliases]

    @property
    def heading(self) -> str:
        """The term as the speech writes it, with its quotes and 顿号 (机关中的“基层”、接“天线”的“一线”):
        the first alias that differs from the canonical name only in punctuation, else the name."""
        def bare(text: str) -> str:
            return "".join(ch for ch in display(text) if ch not in "“”‘’、·\"'")
        for alias in self.aliases:
            if bare(alias) == bare(self.term):
                return display(alias)
        return display(self.term)

    @property
    def summary(self) -> str:
        """One line for hover tooltips: the expansion, or the note."""
        if self.expansion:
            return f"{self.term}：" + "、".join(display(e) for e in self.expansion)
        return f"{self.term}：{self.note_label}：{self.note_text}" if self.note else self.term

    QUOTE = "讲话原文："     # a note in the speech's own words starts so (checked verbatim); any other note is the editors'

    @property
    def note_label(self) -> str:
        return "讲话原文" if self.note.startswith(self.QUOTE) else "编者说明"

    @property
    def note_text(self) -> str:
        """The note without its label; 编者说明：/编者简称 prefixes are not repeated."""
        return display(self.note.removeprefix(self.QUOTE).removeprefix("编者说明："))


@dataclass(eq=False, repr=False)
class Item(_ShortRepr):
    def _key(self) -> str:
        return self.id

    id: str
    title: str
    text: str
    source: Paragraph
    section: Section
    subjects: list[str]
    kind: str
    terms: list[Term]
    types: list[str]
    withdrawn: str
    file: str
    line: int
    role: str = "checkable"        # checkable: a unit can do and tick it; context: principle/goal/method
    context: str = ""              # verbatim qualifier or purpose that governs this item ('' if none)
    components: list[str] = field(default_factory=list)   # display form, when the row stands for a list
    same_as: "str | None" = None   # ID of the item this one repeats (duplicates are listed once)
    levels: dict[str, str] = field(default_factory=dict)  # subject → how it relates: 组织/参加/推荐申报 …
    asks: dict[str, str] = field(default_factory=dict)    # level → the row's title on that level's list (editors')
    editor_note: str = ""          # the editors' recorded decision (who organises, why a level is listed …)
    checklists: list["Checklist"] = field(default_factory=list)   # computed: checklists that include it
    cases: list["Case"] = field(default_factory=list)             # computed: sample cases that illustrate it

    @property
    def part(self) -> Part:
        return self.section.part

    @property
    def checkable(self) -> bool:
        return self.role != "context"

    def level_of(self, subject: str) -> str:
        """How a level relates to this item; '' when the speech just assigns it."""
        return self.levels.get(subject, "")

    def related(self) -> tuple[list["Item"], list["Item"]]:
        """Items sharing a term with this one, then the other items of its section; each once."""
        seen = {self.id}
        by_term = [o for t in self.terms for o in t.items if not (o.id in seen or seen.add(o.id))]
        by_section = [o for o in self.section.items if o.id not in seen]
        return by_term, by_section


@dataclass(eq=False, repr=False)
class Checklist(_ShortRepr):
    def _key(self) -> str:
        return self.id

    id: str                        # file stem, ASCII: URLs and download names
    title: str
    description: str
    order: int
    items: list[Item]              # selected, in reading order, each once
    points: dict[str, int] | None  # 分值 per item ID when scored
    file: str
    level: str = ""                # the level reading this list; '' = the whole agency (handbook.levels)

    @property
    def total(self) -> int | None:
        return sum(self.points.values()) if self.points is not None else None


@dataclass(frozen=True)
class VocabularyEntry:
    id: str            # ASCII, used for anchors and file names
    name: str
    note: str = ""


@dataclass(frozen=True)
class GlossaryGroup:
    id: str
    name: str


@dataclass(eq=False)
class Catalogue:
    title: Paragraph
    salutation: Paragraph
    goal: str
    goal_paragraph: Paragraph
    requirement: str
    requirement_paragraph: Paragraph
    parts: list[Part]                              # part 0 first
    paragraphs: dict[str, Paragraph]
    items: dict[str, Item]                         # in reading order
    terms: dict[str, Term]                         # by canonical term
    groups: list[GlossaryGroup]
    subjects: list[VocabularyEntry]
    kinds: list[VocabularyEntry]
    types: list[VocabularyEntry]
    edition: Edition
    checklists: list[Checklist] = field(default_factory=list)   # by order, then ID
    cases: list["Case"] = field(default_factory=list)   # handbook.cases.Case
    everyday: list = field(default_factory=list)        # handbook.everyday.EverydayWord (issue 21)
    editions: list = field(default_factory=list)        # recorded editions, oldest first (handbook.editions)

    @property
    def sections(self) -> dict[str, Section]:
        return {s.key: s for part in self.parts for s in part.all_sections}

    def part(self, code: str) -> Part:
        return _find(self.parts, "code", code, "part", "data/framework.yaml")

    def checklist(self, checklist_id: str) -> Checklist:
        return _find(self.checklists, "id", checklist_id, "checklist", "data/checklists/")

    @property
    def active_items(self) -> list[Item]:
        return [item for item in self.items.values() if not item.withdrawn]

    @functools.cached_property
    def withdrawn_reasons(self) -> dict[str, str]:
        """Withdrawn item ID → reason; every checklist page carries it, so it is computed once."""
        return {item.id: item.withdrawn for item in self.items.values() if item.withdrawn}

    def items_by(self, facet: str) -> dict[str, list[Item]]:
        """Group active items by 'subjects', 'kind' or 'types', in vocabulary order."""
        vocabulary = {"subjects": self.subjects, "kind": self.kinds, "types": self.types}[facet]
        groups: dict[str, list[Item]] = {entry.name: [] for entry in vocabulary}
        for item in self.active_items:
            values = getattr(item, facet)
            for value in ([values] if isinstance(values, str) else values):
                groups[value].append(item)
        return groups


def _find(entries, attribute: str, value: str, what: str, where: str):
    """Look up a page's subject by the name its stub passes; a typo in a stub names the culprit."""
    for entry in entries:
        if getattr(entry, attribute) == value:
            return entry
    raise KeyError(f"no {what} {value!r} in {where}")
