"""Cross-file checks and linking: turns schema-checked raw data into a Catalogue.

Each check is a dictionary lookup or a single scan; nothing compares every item
with every other item, so the cost grows linearly with the catalogue.
"""

from __future__ import annotations

import re

from . import paging, schema
from .cases import link_cases
from .edition import Edition
from .errors import ErrorReport
from .load import (FRAMEWORK_FILE, GLOSSARY_FILE, PUBLISHED_IDS_FILE, SOURCE_FILE, VOCABULARY_FILE,
                   RawData)
from .load import CHECKLIST_PAGES_DIR
from .model import (Catalogue, Checklist, GlossaryGroup, Item, Paragraph, Part, Section, Term,
                    VocabularyEntry)
from .terms import TermMatcher
from .text import display, find_in_order, normalize, normalize_paragraph


def _one_of(values) -> str:
    values = list(values)
    shown = ", ".join(values[:12]) + (", …" if len(values) > 12 else "")
    return f"one of {shown}"


class _Linker:
    def __init__(self, raw: RawData, report: ErrorReport):
        self.raw = raw
        self.report = report
        # IDs written in requirement files, valid or not: references to an item that failed its own
        # checks are not reported again as dangling (one mistake, one message).
        self.declared_ids: set[str] = set()
        self.paragraphs = {f"P{n:02d}": Paragraph(f"P{n:02d}", n, text)
                           for n, text in enumerate(raw.source_lines, start=1) if text.strip()}

    # -- helpers -----------------------------------------------------------
    def paragraph(self, pid: str, file: str, line: int, where: str, subject: str = "") -> Paragraph | None:
        paragraph = self.paragraphs.get(pid)
        if paragraph is None:
            self.report.add("dangling-reference", file, line,
                            f"{where}: paragraph {pid!r} does not exist in {SOURCE_FILE} "
                            f"(P01–P{len(self.raw.source_lines):02d})", subject)
        return paragraph

    def claim(self, paragraph: Paragraph, role: str, file: str, line: int, where: str) -> None:
        if paragraph.role != "other":
            self.report.add("duplicate-id", file, line,
                            f"{where}: paragraph {paragraph.id} is already used as {paragraph.role}")
        paragraph.role = role

    def phrase_in(self, phrase: str, paragraph: Paragraph, file: str, line: int, where: str,
                  at_start: bool = False, ignore_quotes: bool = False) -> None:
        haystack, needle = normalize_paragraph(paragraph.text), normalize(phrase)
        if ignore_quotes:   # short names such as 五型机关 are written 创建“五型”机关
            haystack = haystack.replace("“", "").replace("”", "")
        found = haystack.startswith(needle) if at_start else needle in haystack
        if not found:
            place = "at the start of" if at_start else "in"
            self.report.add("text-not-in-source", file, line,
                            f"{where}: {phrase!r} not found {place} paragraph {paragraph.id}")

    # -- framework ---------------------------------------------------------
    def framework(self):
        raw = self.raw.framework
        if not raw.valid:
            return None
        fw, file = raw.data, raw.name
        title = self.paragraph(fw["title"], file, fw.line_of("title"), "title")
        salutation = self.paragraph(fw["salutation"], file, fw.line_of("salutation"), "salutation")
        for paragraph, role, key in ((title, "title", "title"), (salutation, "salutation", "salutation")):
            if paragraph:
                self.claim(paragraph, role, file, fw.line_of(key), key)
        named = {}
        for key in ("goal", "requirement"):
            entry = fw[key]
            paragraph = self.paragraph(entry["paragraph"], file, entry.line_of("paragraph"), f"{key}.paragraph")
            if paragraph:
                self.phrase_in(entry["name"], paragraph, file, entry.line_of("name"), f"{key}.name")
            named[key] = (entry["name"], paragraph)

        parts: list[Part] = []
        pre = fw["preamble"]
        pre_paragraph = self.paragraph(pre["paragraph"], file, pre.line_of("paragraph"), "preamble.paragraph")
        if pre_paragraph:
            self.claim(pre_paragraph, "preamble", file, pre.line_of("paragraph"), "preamble.paragraph")
            part0 = Part(pre["code"], 0, pre["short_name"], "", None)
            part0.opening = Section(part0, 0, "", pre_paragraph)
            pre_paragraph.section = part0.opening
            parts.append(part0)

        codes, numbers = {pre["code"]: pre.line_of("code")}, {}
        for index, entry in enumerate(fw["parts"]):
            where = f"parts[{index + 1}]"
            for key, seen in (("code", codes), ("number", numbers)):
                if entry[key] in seen:
                    self.report.add("duplicate-id", file, entry.line_of(key),
                                    f"{where}.{key}: {entry[key]!r} already used at line {seen[entry[key]]}")
                seen[entry[key]] = entry.line_of(key)
            if entry["number"] != index + 1:
                self.report.add("bad-format", file, entry.line_of("number"),
                                f"{where}.number: expected {index + 1} (parts are numbered in order)")
            heading = self.paragraph(entry["heading"], file, entry.line_of("heading"), f"{where}.heading")
            opening = self.paragraph(entry["opening"], file, entry.line_of("opening"), f"{where}.opening")
            if not heading or not opening:
                continue
            self.claim(heading, "heading", file, entry.line_of("heading"), f"{where}.heading")
            self.claim(opening, "opening", file, entry.line_of("opening"), f"{where}.opening")
            for key in ("short_name", "positioning"):
                self.phrase_in(entry[key], heading, file, entry.line_of(key), f"{where}.{key}",
                               ignore_quotes=True)
            part = Part(entry["code"], entry["number"], entry["short_name"], entry["positioning"], heading)
            part.opening = Section(part, 0, "", opening)
            opening.section = part.opening
            for s_index, s_entry in enumerate(entry["sections"]):
                s_where = f"{where}.sections[{s_index + 1}]"
                if s_entry["number"] != s_index + 1:
                    self.report.add("bad-format", file, s_entry.line_of("number"),
                                    f"{s_where}.number: expected {s_index + 1} (sections are numbered in order)")
                paragraph = self.paragraph(s_entry["paragraph"], file, s_entry.line_of("paragraph"),
                                           f"{s_where}.paragraph")
                if not paragraph:
                    continue
                self.claim(paragraph, "section", file, s_entry.line_of("paragraph"), f"{s_where}.paragraph")
                self.phrase_in(s_entry["lead"], paragraph, file, s_entry.line_of("lead"), f"{s_where}.lead",
                               at_start=True)
                section = Section(part, s_entry["number"], s_entry["lead"], paragraph)
                paragraph.section = section
                part.sections.append(section)
            parts.append(part)
        return title, salutation, named, parts

    # -- vocabulary and glossary ------------------------------------------
    def vocabulary(self):
        raw = self.raw.vocabulary
        if not raw.valid:
            return None
        result = {}
        for key in ("subjects", "kinds", "types"):
            seen = {}
            entries = []
            for index, entry in enumerate(raw.data[key]):
                for field_name in ("id", "name"):
                    value = entry[field_name]
                    if (field_name, value) in seen:
                        self.report.add("duplicate-id", raw.name, entry.line_of(field_name),
                                        f"{key}[{index + 1}].{field_name}: {value!r} already listed at line "
                                        f"{seen[field_name, value]}")
                    seen[field_name, value] = entry.line_of(field_name)
                entries.append(VocabularyEntry(entry["id"], entry["name"], entry.get("note", "")))
            result[key] = entries
        return result

    def glossary(self):
        raw = self.raw.glossary
        if not raw.valid:
            return [], {}
        groups = [GlossaryGroup(g["id"], g["name"]) for g in raw.data["groups"]]
        group_ids = {g.id for g in groups}
        terms: dict[str, Term] = {}
        ids: dict[str, int] = {}
        spellings: dict[str, tuple[str, int]] = {}
        source_text = normalize("".join(p.text for p in self.paragraphs.values()))
        for index, entry in enumerate(raw.data["terms"]):
            subject = f"term {entry['term']}"
            line = entry.line
            if entry["id"] in ids:
                self.report.add("duplicate-id", raw.name, entry.line_of("id"),
                                f"id: {entry['id']!r} already used at line {ids[entry['id']]}", subject)
            ids[entry["id"]] = entry.line_of("id")
            if entry["group"] not in group_ids:
                self.report.add("dangling-reference", raw.name, entry.line_of("group"),
                                f"group: {entry['group']!r} is not {_one_of(group_ids)}", subject)
            term = Term(entry["term"], entry["id"], entry["group"], list(entry.get("aliases", [])),
                        list(entry["expansion"]), entry.get("note", ""))
            for spelling in term.spellings:
                key = normalize(spelling)
                if key in spellings:
                    self.report.add("duplicate-id", raw.name, line,
                                    f"{spelling!r} is already a spelling of {spellings[key][0]!r} "
                                    f"(line {spellings[key][1]})", subject)
                spellings[key] = (term.term, line)
            if not any(normalize(s) in source_text for s in term.spellings):
                self.report.add("text-not-in-source", raw.name, entry.line_of("term"),
                                f"neither {term.term!r} nor its aliases occur in the speech", subject)
            for e_index, component in enumerate(term.expansion):
                if normalize(component) not in source_text:
                    self.report.add("text-not-in-source", raw.name, entry["expansion"].line_at(e_index),
                                    f"expansion[{e_index + 1}]: {component!r} does not occur in the speech",
                                    subject)
            terms[term.term] = term
        return groups, terms

    # -- requirement items -------------------------------------------------
    def items(self, parts: list[Part], vocab, terms: dict[str, Term]) -> dict[str, Item]:
        parts_by_code = {p.code: p for p in parts}
        # dicts, not sets: messages list the allowed values in vocabulary order
        subjects = dict.fromkeys(e.name for e in vocab["subjects"])
        kinds = dict.fromkeys(e.name for e in vocab["kinds"])
        types = dict.fromkeys(e.name for e in vocab["types"])
        items: dict[str, Item] = {}
        id_lines: dict[str, str] = {}
        for raw in self.raw.requirements:
            if not raw.valid:
                continue
            file, data = raw.name, raw.data
            code = data["part"]
            if code not in parts_by_code:
                self.report.add("dangling-reference", file, data.line_of("part"),
                                f"part: {code!r} is not {_one_of(parts_by_code)}")
                continue
            if not file.endswith(f"/{code}.yaml"):
                self.report.add("bad-format", file, data.line_of("part"),
                                f"part: {code!r} belongs in {code}.yaml")
            for entry in data["items"]:
                self.declared_ids.add(entry["id"])
                item = self.item(entry, file, parts_by_code[code], subjects, kinds, types, terms)
                if item is None:
                    continue
                if item.id in items:
                    self.report.add("duplicate-id", file, entry.line_of("id"),
                                    f"id: {item.id!r} already used at {id_lines[item.id]}", f"item {item.id}")
                    continue
                items[item.id] = item
                id_lines[item.id] = f"{file}:{entry.line_of('id')}"
        return items

    def item(self, entry, file, part, subjects, kinds, types, terms) -> Item | None:
        item_id = entry["id"]
        subject = f"item {item_id}"
        ok = True
        source = self.paragraph(entry["source"], file, entry.line_of("source"), "source", subject)
        if source is None:
            return None
        section = source.section
        match = re.fullmatch(schema.ITEM_ID_PATTERN, item_id)
        if section is None or section.part is not part:
            where = f"part {part.code}" if section is None else f"part {section.part.code}, not {part.code}"
            self.report.add("id-mismatch", file, entry.line_of("source"),
                            f"source: paragraph {source.id} is not a directive paragraph of part {part.code} "
                            f"({where if section else 'it is ' + source.role})", subject)
            return None
        if match["code"] != part.code or int(match["section"]) != section.number:
            self.report.add("id-mismatch", file, entry.line_of("id"),
                            f"id: expected {section.key}-nn for an item from {source.id} "
                            f"({part.code} section {section.number})", subject)
            ok = False
        if find_in_order(entry["text"], source.text) is None:
            self.report.add("text-not-in-source", file, entry.line_of("text"),
                            f"text: not found verbatim in paragraph {source.id} (compared width-normalised, "
                            f"fragments split at ……)", subject)
            ok = False
        ok &= self.in_vocabulary(entry, "subjects", subjects, file, subject)
        ok &= self.in_vocabulary(entry, "kind", kinds, file, subject)
        ok &= self.in_vocabulary(entry, "types", types, file, subject)
        item_terms = []
        for index, name in enumerate(entry.get("terms", [])):
            term = self.term_spellings(terms).get(normalize(name))
            if term is None:
                self.report.add("dangling-reference", file, entry["terms"].line_at(index),
                                f"terms: {name!r} is not a term in {GLOSSARY_FILE}", subject)
                ok = False
            else:
                item_terms.append(term)
        if "context" in entry and find_in_order(entry["context"], source.text) is None:
            self.report.add("text-not-in-source", file, entry.line_of("context"),
                            f"context: not found verbatim in paragraph {source.id}", subject)
            ok = False
        components = self.components(entry, file, subject, terms, source)
        ok &= components is not None
        for key in entry.get("levels", {}):
            if key not in entry["subjects"]:
                self.report.add("bad-level", file, entry["levels"].line_of(key),
                                f"levels: {key!r} is not one of this item's subjects {list(entry['subjects'])}",
                                subject)
                ok = False
        if not ok:
            return None
        item = Item(item_id, entry["title"], entry["text"], source, section, list(entry["subjects"]),
                    entry["kind"], item_terms, list(entry.get("types", [])), entry.get("withdrawn", ""),
                    file, entry.line, role=entry.get("role", "checkable"), context=display(entry.get("context", "")),
                    components=components, same_as=entry.get("same_as"), levels=dict(entry.get("levels", {})))
        section.items.append(item)
        source.items.append(item)
        for term in item_terms:
            term.items.append(item)
        return item

    def components(self, entry, file, subject, terms, source) -> list[str] | None:
        """The row's components in display form: its own list (verbatim from the speech) or its term's expansion."""
        if "components" in entry and "implements" in entry:
            self.report.add("bad-components", file, entry.line_of("implements"),
                            "give either components or implements, not both", subject)
            return None
        if "implements" in entry:
            term = self.term_spellings(terms).get(normalize(entry["implements"]))
            if term is None or not term.expansion:
                self.report.add("bad-components", file, entry.line_of("implements"),
                                f"implements: {entry['implements']!r} is not a term with an expansion in "
                                f"{GLOSSARY_FILE}", subject)
                return None
            return [display(e) for e in term.expansion]
        source_text = normalize_paragraph(source.text)
        result = []
        for index, component in enumerate(entry.get("components", [])):
            if normalize(component) not in source_text:
                self.report.add("text-not-in-source", file, entry["components"].line_at(index),
                                f"components[{index + 1}]: {component!r} is not in paragraph {source.id}", subject)
                return None
            result.append(display(component))
        return result

    def check_duplicates(self, items: dict[str, Item]) -> None:
        """same_as names an active checkable item that is not itself a duplicate."""
        for item in items.values():
            if item.same_as is None:
                continue
            target = items.get(item.same_as)
            if (target is None or target is item or target.withdrawn or target.same_as is not None
                    or not target.checkable):
                self.report.add("bad-duplicate", item.file, item.line,
                                f"same_as: {item.same_as!r} is not another active, checkable, original item",
                                f"item {item.id}")

    def term_spellings(self, terms: dict[str, Term]) -> dict[str, Term]:
        """Every spelling of every term, width-normalised; built once."""
        if getattr(self, "_spellings", None) is None:
            self._spellings = {normalize(s): t for t in terms.values() for s in t.spellings}
        return self._spellings

    def in_vocabulary(self, entry, key, allowed, file, subject) -> bool:
        if key not in entry:
            return True
        values = [entry[key]] if isinstance(entry[key], str) else entry[key]
        ok = True
        for index, value in enumerate(values):
            if value not in allowed:
                line = entry.line_of(key) if isinstance(entry[key], str) else entry[key].line_at(index)
                self.report.add("not-in-vocabulary", file, line,
                                f"{key}: {value!r} is not {_one_of(allowed)} ({VOCABULARY_FILE})", subject)
                ok = False
        return ok

    # -- whole-catalogue checks ------------------------------------------
    def link_term_occurrences(self, terms: dict[str, Term], items: dict[str, Item]) -> None:
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
        for paragraph in self.paragraphs.values():
            for _start, _end, term in matcher.finditer(paragraph.text):
                if not term.paragraphs or term.paragraphs[-1] is not paragraph:   # paragraphs come in order
                    term.paragraphs.append(paragraph)

    def check_coverage(self) -> None:
        for paragraph in self.paragraphs.values():
            if paragraph.is_directive and not any(not i.withdrawn for i in paragraph.items):
                self.report.add("uncovered-paragraph", SOURCE_FILE, paragraph.line,
                                f"paragraph {paragraph.id} ({paragraph.role}) asks for action but no item "
                                f"is drawn from it")

    # -- checklists --------------------------------------------------------
    def checklists(self, parts, sections, vocab, terms, items: dict[str, Item]) -> list[Checklist]:
        """Resolve each checklist's selectors to items: one pass over the items per selector."""
        known = {
            "parts": {p.code for p in parts},
            "sections": set(sections),
            "subjects": {e.name for e in vocab["subjects"]},
            "kinds": {e.name for e in vocab["kinds"]},
            "types": {e.name for e in vocab["types"]},
            "terms": set(terms),
            "ids": set(items),
        }
        order = {item_id: n for n, item_id in enumerate(items)}  # catalogue order of the chosen items
        value_of = {  # what each selector key compares, as a set of the item's values
            "ids": lambda i: {i.id}, "parts": lambda i: {i.part.code}, "sections": lambda i: {i.section.key},
            "subjects": lambda i: set(i.subjects), "kinds": lambda i: {i.kind}, "types": lambda i: set(i.types),
            "terms": lambda i: {t.term for t in i.terms},
        }
        result = []
        for raw in self.raw.checklists:
            if not raw.valid:
                continue
            file, data = raw.name, raw.data
            checklist_id = file.rsplit("/", 1)[1][:-len(".yaml")]
            subject = f"checklist {checklist_id}"
            ok = True
            if not re.fullmatch(schema.CHECKLIST_ID, checklist_id):
                self.report.add("bad-format", file, None,
                                f"file name {checklist_id!r} must be lowercase ASCII joined by '-'", subject)
                ok = False
            if checklist_id not in self.raw.checklist_pages:
                self.report.add("page-missing", file, None,
                                f"no page {CHECKLIST_PAGES_DIR}/{checklist_id}.md renders this checklist", subject)
                ok = False
            for s_index, selector in enumerate(data["select"]):
                if not selector:
                    self.report.add("empty-value", file, selector.line,
                                    f"select[{s_index + 1}]: a selector needs at least one key", subject)
                    ok = False
                for key, values in selector.items():
                    for v_index, value in enumerate(values):
                        if value not in known[key] and not (key == "ids" and value in self.declared_ids):
                            kind = "not-in-vocabulary" if key in ("subjects", "kinds", "types") else "dangling-reference"
                            self.report.add(kind, file, values.line_at(v_index),
                                            f"select[{s_index + 1}].{key}: {value!r} does not exist", subject)
                            ok = False
            excluded = list(data.get("exclude", []))
            for index, item_id in enumerate(excluded):
                if item_id not in items and item_id not in self.declared_ids:
                    self.report.add("dangling-reference", file, data["exclude"].line_at(index),
                                    f"exclude: item {item_id!r} does not exist", subject)
                    ok = False
            if not ok:
                continue
            selectors = [{key: set(values) for key, values in sel.items()} for sel in data["select"]]
            excluded_set = set(excluded)
            with_context = data.get("include_context") == "yes"
            # Each requirement once (duplicates point at their original); context only on request.
            # A list of IDs only looks at those items, not the whole catalogue.
            pool = (sorted((items[i] for i in set().union(*(sel["ids"] for sel in selectors)) if i in items),
                           key=lambda item: order[item.id])
                    if all("ids" in sel for sel in selectors) else items.values())
            chosen = [item for item in pool
                      if not item.withdrawn and item.id not in excluded_set and item.same_as is None
                      and (item.checkable or with_context)
                      and any(all(value_of[key](item) & wanted for key, wanted in sel.items()) for sel in selectors)]
            if not chosen:
                self.report.add("empty-selection", file, data.line_of("select"),
                                "select: these selectors match no item", subject)
                continue
            points = None
            if "scoring" in data:
                scoring = data["scoring"]
                extra = scoring.get("points", {})
                chosen_ids = {i.id for i in chosen}
                for item_id in extra:
                    if item_id not in chosen_ids:
                        self.report.add("dangling-reference", file, extra.line_of(item_id),
                                        f"scoring.points: {item_id!r} is not in this checklist", subject)
                points = {i.id: extra.get(i.id, scoring["default"]) for i in chosen}
            checklist = Checklist(checklist_id, data["title"], data.get("description", ""),
                                  data.get("order", 500), chosen, points, file)
            for item in chosen:
                item.checklists.append(checklist)
            result.append(checklist)
        for stem in sorted(self.raw.checklist_pages - {c.id for c in result} - self._checklist_stems()):
            self.report.add("dangling-reference", f"{CHECKLIST_PAGES_DIR}/{stem}.md", None,
                            f"page renders checklist {stem!r}, but data/checklists/{stem}.yaml does not exist")
        result.sort(key=lambda c: (c.order, c.id))
        return result

    def _checklist_stems(self) -> set[str]:
        return {raw.name.rsplit("/", 1)[1][:-len(".yaml")] for raw in self.raw.checklists}

    def check_published(self, items: dict[str, Item]) -> None:
        for line, item_id in self.raw.published_ids:
            if item_id not in items:
                self.report.add("id-removed", PUBLISHED_IDS_FILE, line,
                                f"item {item_id} was published but no longer exists in data/requirements/")

    def check_unclaimed(self) -> None:
        for paragraph in self.paragraphs.values():
            if paragraph.role == "other":
                self.report.add("dangling-reference", FRAMEWORK_FILE, None,
                                f"paragraph {paragraph.id} of {SOURCE_FILE} is not placed in the framework")


def validate_and_link(raw: RawData, report: ErrorReport) -> Catalogue | None:
    linker = _Linker(raw, report)
    framework = linker.framework()
    vocab = linker.vocabulary()
    groups, terms = linker.glossary()
    if framework is None or vocab is None or not raw.edition.valid:
        return None
    edition = Edition(raw.edition.data["name"], raw.edition.data["version"], raw.edition.data["date"])
    title, salutation, named, parts = framework
    items = linker.items(parts, vocab, terms)
    # Reading order: by part, section and number, whatever order the files were read in.
    items = dict(sorted(items.items(), key=lambda kv: (kv[1].part.number, kv[1].section.number,
                                                      int(kv[0].rsplit("-", 1)[1]))))
    linker.link_term_occurrences(terms, items)
    if not report:   # coverage is only meaningful once every item loaded
        linker.check_coverage()
        linker.check_unclaimed()
    linker.check_published(items)
    linker.check_duplicates(items)
    sections = {s.key: s for part in parts for s in part.all_sections}
    checklists = linker.checklists(parts, sections, vocab, terms, items)
    cases = link_cases(raw.cases, items, linker.declared_ids, report)
    if report:
        return None
    catalogue = Catalogue(
        title=title, salutation=salutation,
        goal=named["goal"][0], goal_paragraph=named["goal"][1],
        requirement=named["requirement"][0], requirement_paragraph=named["requirement"][1],
        parts=parts, paragraphs=linker.paragraphs, items=items, terms=terms, groups=groups,
        subjects=vocab["subjects"], kinds=vocab["kinds"], types=vocab["types"], edition=edition,
        checklists=checklists, cases=cases,
    )
    catalogue.editions = raw.editions   # data/editions/*.json: what changed between editions
    # Long pages are split (handbook/paging.py): links resolve against this layout, and each
    # continuation page needs its committed stub.
    layout = paging.attach(catalogue)
    if raw.root is not None:
        paging.check_stubs(layout, raw.docs_pages,
                           lambda path: (raw.root / "docs" / path).read_text(encoding="utf-8"), report)
    return None if report else catalogue
