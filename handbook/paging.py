"""Page splitting: which part of a long page goes on gc.html, gc-2.html, gc-3.html …

A *paged set* is one logical page (e.g. `gc.md`) whose content is a sequence of units
(a section, an item, a term, a table row, a paragraph). Units are packed in reading order
into pages of at most BUDGET estimated bytes of HTML, so no page grows with the data.
Page 1 keeps its name; page n ≥ 2 is `<name>-n.md`, a committed stub calling the same macro
with `page=n` (written by `python -m handbook pages`, handbook/stubs.py; checked after validation
by handbook/validations/page_stubs.py: no hooks or generated files, so the same stubs build under
MkDocs and Zensical).

This is one layer between the model and its readers: it imports the model's neighbours and the
site's addresses (render/site_map.py), never load, validation or a renderer; render and export
both ask it. The layout depends only on the catalogue. `attach(catalogue)` (run by
handbook/catalogue.py once the data is valid) makes it
the one site_map resolves links against: `site_map.href("gc.md", "GC3-05")` then points at
the page that really holds GC3-05. Old links to page 1 still land: each paged page names
`api/pages/<key>.js` (anchor → page map) that anchors.js loads when the anchor is missing.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from . import changes as history
from .cases import KIND_GROUPS
from .render import site_map
from .stubs import STUB_NOTE

# Estimated HTML bytes per page (theme and nav come on top, ≈ 40 KB): well under 1 MB at any
# scale, and above every page of the real handbook, which therefore stays in one piece.
# HANDBOOK_PAGE_BUDGET lowers it so tests can page a small fixture.
BUDGET = int(os.environ.get("HANDBOOK_PAGE_BUDGET", "400000"))
MAP_DIR = "api/pages"           # site-relative folder of the anchor maps


@dataclass(frozen=True, eq=False)
class Unit:
    kind: str                     # section, item, group, term, entry, row, paragraph, heading
    obj: object
    anchors: tuple[str, ...]
    weight: int                   # estimated bytes of HTML
    group: object = None          # heading the unit sits under: repeated as “（续）” on a new page


@dataclass(eq=False)
class PagedSet:
    page: str                     # docs path of page 1, e.g. "gc.md"
    macro: str                    # macro name, e.g. "part_page"
    args: tuple[str, ...]         # its positional arguments, e.g. ("GC",)
    pages: list[list[Unit]]

    @property
    def count(self) -> int:
        return len(self.pages)

    @property
    def key(self) -> str:         # file name of the anchor map: browse/subjects.md → browse-subjects
        return self.page[:-3].replace("/", "-")

    def page_name(self, number: int) -> str:
        return self.page if number == 1 else f"{self.page[:-3]}-{number}.md"

    def units(self, number: int) -> list[Unit]:
        if not 1 <= number <= self.count:
            raise KeyError(f"{self.page} 只有 {self.count} 页，没有第 {number} 页；运行 `python -m handbook pages`（make pages）")
        return self.pages[number - 1]

    def anchor_pages(self) -> dict[str, str]:
        """Anchor → docs page holding it, for every anchor of the set."""
        return {anchor: self.page_name(n) for n, units in enumerate(self.pages, start=1)
                for unit in units for anchor in unit.anchors}

    def stub(self, number: int) -> str:
        args = "".join(f"{json.dumps(a, ensure_ascii=False)}, " for a in self.args)
        return f"---\nrender_macros: true\n---\n\n{STUB_NOTE}\n{{{{ {self.macro}({args}page={number}) }}}}\n"


def pack(units: list[Unit], budget: int = 0) -> list[list[Unit]]:
    """Greedy split in reading order; a unit larger than the budget gets a page of its own."""
    budget = budget or BUDGET
    pages: list[list[Unit]] = [[]]
    used = 0
    for unit in units:
        if pages[-1] and used + unit.weight > budget:
            pages.append([])
            used = 0
        pages[-1].append(unit)
        used += unit.weight
    return pages


# --- units of each paged page (weights: bytes of HTML each renders to, incl. its TOC entry;
#     calibrated on the ×10 project with bench/pages.py: real/estimate ≈ 0.6–1.2) -----------

def _chars(*texts) -> int:
    return sum(len(t or "") for t in texts)


def part_units(part) -> list[Unit]:
    units = []
    for section in part.all_sections:
        units.append(Unit("section", section, (section.key,), 1000 + 7 * _chars(section.paragraph.text)))
        for item in section.items:
            units.append(Unit("item", item, (item.id,), 2000 + 15 * _chars(item.title) + 7 * _chars(item.text), section))
    return units


def glossary_units(catalogue) -> list[Unit]:
    by_group = {group.id: [] for group in catalogue.groups}
    for term in catalogue.terms.values():
        by_group[term.group].append(term)
    units = []
    for group in catalogue.groups:
        units.append(Unit("group", group, (group.id,), 300))
        for term in by_group[group.id]:
            weight = (800 + 4 * _chars(term.note, *term.expansion, *term.aliases)
                      + 60 * len(term.paragraphs) + sum(120 + 3 * len(i.title) for i in term.items))
            units.append(Unit("term", term, (term.id,), weight, group))
    return units


def facet_units(catalogue, facet: str) -> list[Unit]:
    vocabulary = getattr(catalogue, site_map.FACETS[facet][2])   # the vocabulary each facet lists
    groups = catalogue.items_by(facet)
    units = [Unit("matrix", None, (), 400 + 300 * len(vocabulary))]
    for entry in vocabulary:
        units.append(Unit("entry", entry, (entry.id,), 400 + 3 * _chars(entry.note)))
        units += [Unit("row", item, (), 200 + 2 * len(item.title), entry) for item in groups[entry.name]]
    return units


def source_units(catalogue) -> list[Unit]:
    return [Unit("paragraph", p, (p.id,), 450 + 6 * _chars(p.text) + 180 * len(p.items))
            for p in catalogue.paragraphs.values()]


def checklist_units(checklist) -> list[Unit]:
    """One unit per table row (anchor cl-<ID>; real/estimate ≈ 0.9–1.3 at ×1); tools and table head come on top."""
    return [Unit("row", item, (f"cl-{item.id}",),
                 850 + 5 * _chars(item.title) + 4 * _chars(item.text, getattr(item, "context", ""),
                                                              *(getattr(item, "components", None) or [])))
            for item in checklist.items]


CASE_LINK = 230   # bytes of one case in a browse list (link, title, kind badge)


def chunks(entries: list, weight, limit: int = 0) -> list[list]:
    """Consecutive runs of entries, each at most `limit` (half a page) unless one entry is larger:
    a browse list that outgrows a page continues as “（续）” on the next."""
    limit = limit or BUDGET // 2
    out: list[list] = []
    used = 0
    for entry in entries:
        w = weight(entry)
        if not out or (out[-1] and used + w > limit):
            out.append([])
            used = 0
        out[-1].append(entry)
        used += w
    return out


def checklist_index_units(catalogue) -> list[Unit]:
    """One row per checklist: its link, size, description and four download links (named by title)."""
    return [Unit("checklist", c, (f"list-{c.id}",), 600 + 15 * _chars(c.title) + 3 * _chars(c.description))
            for c in catalogue.checklists]


def cases_units(catalogue) -> list[Unit]:
    cases = catalogue.cases
    link = lambda _case: CASE_LINK   # noqa: E731
    units = [Unit("browse", None, ("browse", "by-kind"), 4000)]
    for label, anchor, _css in KIND_GROUPS:
        chosen = [c for c in cases if c.label == label]
        for n, chunk in enumerate(chunks(chosen, link)):
            units.append(Unit("kind", (label, anchor, len(chosen), chunk, n > 0), () if n else (anchor,),
                              200 + CASE_LINK * len(chunk)))
    units.append(Unit("heading", ("按部分和方面", "by-section"), ("by-section",), 300))
    for part in catalogue.parts:
        in_part = [c for c in cases if part in c.parts]
        rows = [(s, chosen) for s in part.all_sections if (chosen := [c for c in in_part if s in c.sections])]
        for n, chunk in enumerate(chunks(rows, lambda row: 300 + CASE_LINK * len(row[1]))):
            anchors = (() if n else (f"part-{part.code.lower()}",)) + tuple(f"sec-{s.key.lower()}" for s, _ in chunk)
            units.append(Unit("part", (part, chunk, n > 0), anchors,
                              200 + sum(300 + CASE_LINK * len(c) for _, c in chunk)))
    units.append(Unit("heading", ("按五型", "by-type"), ("by-type",), 300))
    for entry in catalogue.types:
        chosen = [c for c in cases if entry.name in c.types]
        for n, chunk in enumerate(chunks(chosen, link)):
            units.append(Unit("type", (entry, chunk, n > 0), () if n else (f"type-{entry.id}",),
                              200 + CASE_LINK * len(chunk)))
    units.append(Unit("all", None, ("all",), 300))
    for case in cases:
        text = _chars(case.title, case.unit, case.situation, case.outcome, case.lessons, case.problem,
                      *case.steps, *case.correction, *case.source.values())
        units.append(Unit("case", case, (case.id,), 1200 + 4 * text + sum(120 + 3 * len(i.title) for i in case.items)))
    return units


# --- the layout of the whole site ---------------------------------------------------------

class Layout:
    def __init__(self, sets: list[PagedSet]):
        self.sets = {s.page: s for s in sets}
        # Only paged sets need resolving; at ×1 this is empty and every link is as before.
        self._where = {s.page: s.anchor_pages() for s in sets if s.count > 1}

    def paged(self) -> list[PagedSet]:
        return [s for s in self.sets.values() if s.count > 1]

    def locate(self, page: str, anchor: str) -> str:
        """The page that holds `anchor`, given the page it was published on."""
        where = self._where.get(page)
        return where.get(anchor, page) if where and anchor else page

    def stubs(self) -> dict[str, str]:
        """docs path → text of every continuation stub the data needs."""
        return {s.page_name(n): s.stub(n) for s in self.paged() for n in range(2, s.count + 1)}

    def anchor_maps(self) -> dict[str, str]:
        """Site path → script defining `HBPageMaps[key]`, for every paged set (loaded on demand)."""
        out = {}
        for s in self.paged():
            data = {"pages": [posix_name(s.page_name(n)) for n in range(1, s.count + 1)],
                    "anchors": [[a for u in units for a in u.anchors] for units in s.pages]}
            body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
            out[f"{MAP_DIR}/{s.key}.js"] = (f"(window.HBPageMaps=window.HBPageMaps||{{}})[{json.dumps(s.key)}]"
                                            f"={body};\n")
        return out


def posix_name(page: str) -> str:
    """File name of a built page (continuations sit next to page 1)."""
    return page.rsplit("/", 1)[-1][:-3] + ".html"


def changes_units(catalogue) -> list:
    """修订说明: each edition, each kind of change in it, each change (handbook/changes.py)."""
    units = []
    for diff in history.history(catalogue):
        units.append(Unit("edition", diff, (diff.anchor,), 600))
        for kind, _label in history.KINDS:
            chosen = diff.of(kind)
            if not chosen:
                continue
            units.append(Unit("kind", (diff, kind), (f"{diff.anchor}-{kind}",), 200, diff))
            for change in chosen:
                weight = 400 + 4 * len(change.title) + sum(
                    8 * (len(str(old)) + len(str(new))) for old, new in change.fields.values()) + 6 * len(change.reason)
                units.append(Unit("change", (diff, change), (f"{diff.anchor}-{change.id}",), weight, (diff, kind)))
        if diff.terms_added or diff.terms_removed or diff.terms_modified or diff.lists_added or diff.lists_removed:
            units.append(Unit("other", diff, (f"{diff.anchor}-other",),
                              400 + 200 * (len(diff.terms_added) + len(diff.terms_removed) + len(diff.lists_added)
                                           + len(diff.lists_removed)) + 600 * len(diff.terms_modified), diff))
    return units or [Unit("none", None, (), 200)]


def layout_of(catalogue) -> Layout:
    sets = [PagedSet(site_map.part_page(p), "part_page", (p.code,), pack(part_units(p))) for p in catalogue.parts]
    sets.append(PagedSet(site_map.GLOSSARY, "glossary_page", (), pack(glossary_units(catalogue))))
    sets.append(PagedSet(site_map.SOURCE, "source_page", (), pack(source_units(catalogue))))
    sets.append(PagedSet(site_map.CASES, "cases_page", (), pack(cases_units(catalogue))))
    for facet in ("subjects", "kind", "types"):
        sets.append(PagedSet(site_map.FACETS[facet][0], "facet_page", (facet,), pack(facet_units(catalogue, facet))))
    sets += [PagedSet(site_map.checklist_page(c), "checklist_page", (c.id,), pack(checklist_units(c)))
             for c in catalogue.checklists]
    sets.append(PagedSet(site_map.CHECKLISTS, "checklist_index", (), pack(checklist_index_units(catalogue))))
    sets.append(PagedSet(site_map.CHANGES, "changes_page", (), pack(changes_units(catalogue))))
    return Layout(sets)


_LAYOUTS: list = []   # [(catalogue, layout)]: holding the catalogue keeps its id from being reused


def layout(catalogue) -> Layout:
    """The catalogue's layout, computed once (renderers ask for it on every page)."""
    if not (_LAYOUTS and _LAYOUTS[0][0] is catalogue):
        _LAYOUTS[:] = [(catalogue, layout_of(catalogue))]
    return _LAYOUTS[0][1]


def attach(catalogue) -> Layout:
    """Make this catalogue's layout the one site_map resolves links against."""
    current = layout(catalogue)
    site_map.use_layout(current)
    return current


def write_anchor_maps(catalogue, site_dir: Path) -> None:
    for path, text in layout(catalogue).anchor_maps().items():
        target = site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
