"""data/checklists/*.yaml: each list's selectors name things that exist, select at least one item,
score only its own rows, and have a page (docs/checklists/<id>.md) that renders them."""

from __future__ import annotations

import re

from .. import schema
from ..load import CHECKLIST_PAGES_DIR, CHECKLISTS_DIR
from ..errors import ErrorReport
from ..model import Checklist
from ..text import normalize

# What each selector key compares, as a set of the item's values.
VALUE_OF = {
    "ids": lambda i: {i.id}, "parts": lambda i: {i.part.code}, "sections": lambda i: {i.section.key},
    "subjects": lambda i: set(i.subjects), "kinds": lambda i: {i.kind}, "types": lambda i: set(i.types),
    "terms": lambda i: {t.term for t in i.terms},
}


def check_checklists(raw_files, checklist_pages: set[str], parts, vocab, terms, items, declared: set[str],
                     declared_terms: set[str] | None, report) -> list[Checklist]:
    """Resolve each checklist's selectors to items: one pass over the items per selector.
    declared / declared_terms: IDs and term spellings written in the data, valid or not (not reported again)."""
    known = {
        "parts": {p.code for p in parts},
        "sections": {s.key for part in parts for s in part.all_sections},
        "subjects": {e.name for e in vocab["subjects"]},
        "kinds": {e.name for e in vocab["kinds"]},
        "types": {e.name for e in vocab["types"]},
        "terms": set(terms),
        "ids": set(items),
    }
    order = {item_id: n for n, item_id in enumerate(items)}  # catalogue order of the chosen items
    result = []
    for raw in raw_files:
        if not isinstance(raw.data, dict):
            continue   # unreadable or not a mapping: load said so
        checklist_id = _stem(raw.name)
        subject = f"清单 {checklist_id}"
        # also for a file that broke its schema: its other problems are listed in the same run
        ok = _references_ok(raw, checklist_id, checklist_pages, known, items, (declared, declared_terms), report,
                            subject)
        if not raw.valid or not ok:
            continue
        checklist = _resolve(raw, checklist_id, items, order, declared, report, subject)
        if checklist is not None:
            for item in checklist.items:
                item.checklists.append(checklist)
            result.append(checklist)
    stems = {_stem(raw.name) for raw in raw_files}
    for stem in sorted(checklist_pages - {c.id for c in result} - stems):
        report.add("dangling-reference", f"{CHECKLIST_PAGES_DIR}/{stem}.md", None,
                   f"页面要显示清单 {stem!r}，但 {CHECKLISTS_DIR}/{stem}.yaml 不存在")
    result.sort(key=lambda c: (c.order, c.id))
    return result


def _entries(raw, key: str) -> list:
    value = raw.data.get(key)
    return value if isinstance(value, list) else []


def _stem(name: str) -> str:
    return name.rsplit("/", 1)[1][:-len(".yaml")]


def _references_ok(raw, checklist_id, checklist_pages, known, items, written, report, subject) -> bool:
    file, data = raw.name, raw.data
    declared, declared_terms = written
    ok = True
    if not re.fullmatch(schema.CHECKLIST_ID, checklist_id):
        report.add("bad-format", file, None, f"文件名 {checklist_id!r} 只能用小写英文字母、数字，以“-”连接", subject)
        ok = False
    if checklist_id not in checklist_pages:
        report.add("page-missing", file, None, f"没有页面 {CHECKLIST_PAGES_DIR}/{checklist_id}.md 显示这份清单", subject)
        ok = False
    for s_index, selector in enumerate(_entries(raw, "select")):
        if not raw.valid and not schema.Checker(ErrorReport(), file).check(selector, schema.SELECTOR, "", 0):
            continue   # this selector broke the schema: reported on load
        if not selector:
            report.add("empty-value", file, selector.line, f"select[{s_index + 1}]：选取条件至少要有一项", subject)
            ok = False
        for key, values in selector.items():
            for v_index, value in enumerate(values):
                if value not in known[key] and not (key == "ids" and value in declared) and not (
                        key == "terms" and (declared_terms is None or normalize(value) in declared_terms)):
                    kind = "not-in-vocabulary" if key in ("subjects", "kinds", "types") else "dangling-reference"
                    report.add(kind, file, values.line_at(v_index), f"select[{s_index + 1}].{key}：{value!r} 不存在",
                               subject)
                    ok = False
    for index, item_id in enumerate(_entries(raw, "exclude")):
        if not isinstance(item_id, str) or not re.fullmatch(schema.ITEM_ID_PATTERN, item_id):
            continue   # reported on load
        if item_id not in items and item_id not in declared:
            report.add("dangling-reference", file, data["exclude"].line_at(index),
                       f"exclude：条目 {item_id!r} 不存在", subject)
            ok = False
    return ok


def _resolve(raw, checklist_id, items, order, declared, report, subject) -> Checklist | None:
    file, data = raw.name, raw.data
    selectors = [{key: set(values) for key, values in sel.items()} for sel in data["select"]]
    excluded = set(data.get("exclude", []))
    with_context = data.get("include_context") == "yes"
    # Each requirement once (duplicates point at their original); context only on request.
    # A list of IDs only looks at those items, not the whole catalogue.
    pool = (sorted((items[i] for i in set().union(*(sel["ids"] for sel in selectors)) if i in items),
                   key=lambda item: order[item.id])
            if all("ids" in sel for sel in selectors) else items.values())
    chosen = [item for item in pool
              if not item.withdrawn and item.id not in excluded and item.same_as is None
              and (item.checkable or with_context)
              and any(all(VALUE_OF[key](item) & wanted for key, wanted in sel.items()) for sel in selectors)]
    if not chosen:
        report.add("empty-selection", file, data.line_of("select"), "select：这些选取条件没有选中任何条目", subject)
        return None
    points = None
    if "scoring" in data:
        scoring = data["scoring"]
        extra = scoring.get("points", {})
        chosen_ids = {i.id for i in chosen}
        for item_id in extra:
            if item_id not in chosen_ids and not (item_id in declared and item_id not in items):
                report.add("dangling-reference", file, extra.line_of(item_id),
                           f"scoring.points：{item_id!r} 不在这份清单中", subject)
        points = {i.id: extra.get(i.id, scoring["default"]) for i in chosen}
    return Checklist(checklist_id, data["title"], data.get("description", ""), data.get("order", 500), chosen,
                     points, file, data.get("level", ""))
