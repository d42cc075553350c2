"""The search index: every item, section, glossary term, part, checklist, facet and case
as a document, written as scripts (not JSON) so the browser can load it from file://.
The shard format is described in search_shards.py."""

from __future__ import annotations

from pathlib import Path

from ..render import site_map
from ..render.facets import FACETS
from ..text import display
from .search_shards import MANIFEST, write_shards

SEARCH_DIR = "search"
SEARCH_DATA = f"{SEARCH_DIR}/{MANIFEST}"


def search_documents(catalogue) -> list[dict]:
    # Glossary notes are editorial, not the speech: they are shown but not searched.
    docs = []
    for term in catalogue.terms.values():
        docs.append({"k": "term", "id": term.id, "names": [term.term, *(display(a) for a in term.aliases)],
                     "title": term.term, "text": "、".join(display(e) for e in term.expansion),
                     "where": "提法词典", "url": site_map.term_url(term)})
    for item in catalogue.active_items:
        docs.append({"k": "item", "id": item.id, "title": item.title, "text": display(item.text),
                     "where": f"{item.part.short_name} · {item.section.label}", "url": site_map.item_url(item)})
    for part in catalogue.parts:
        page = site_map.part_page(part)
        docs.append({"k": "part", "id": part.code, "title": part.numbered_title, "text": "",
                     "where": part.short_name, "url": site_map.site_url(page)})
        for section in part.all_sections:
            docs.append({"k": "section", "id": section.key, "title": f"{part.short_name} · {section.label}",
                         "text": display(section.paragraph.text), "where": f"原文 {section.paragraph.id}",
                         "url": site_map.site_url(page, section.key)})
    for checklist in catalogue.checklists:
        docs.append({"k": "checklist", "id": checklist.id, "title": checklist.title,
                     "text": display(checklist.description), "where": "对照检查清单",
                     "url": site_map.site_url(site_map.checklist_page(checklist))})
    # Facet sections (browse pages): "党支部" or "廉洁型" should also lead to the section listing its items.
    for facet, (page, page_title, vocabulary_attr, _note) in FACETS.items():
        for entry in getattr(catalogue, vocabulary_attr):
            docs.append({"k": "facet", "id": entry.id, "names": [entry.name], "title": entry.name,
                         "text": display(entry.note or ""), "where": page_title,
                         "url": site_map.site_url(page, entry.id)})
    # Everyday words the speech does not use (data/everyday.yaml): one “相关” result per requirement that
    # covers the word. The word is only a search name: title and text are the requirement's and the editors'
    # why, and `where` says the speech does not use the word (issue 21).
    for word in getattr(catalogue, "everyday", []):
        for item in word.items:
            docs.append({"k": "related", "id": f"{item.id}", "names": [word.word, *word.aliases],
                         "title": f"{item.id} {display(item.title)}", "text": display(word.why),
                         "where": f"相关 · 讲话未用“{word.word}”一词，涵盖它的要求", "url": site_map.item_url(item)})
    for case in catalogue.cases:
        docs.append({"k": "case", "id": case.id, "title": case.title,
                     "text": case.text, "where": f"案例 · {case.label}",
                     "url": site_map.site_url(site_map.CASES, case.id)})
    return docs


def write_search_data(catalogue, site_dir: Path) -> None:
    write_search_index(search_documents(catalogue), site_dir)


def write_search_index(docs: list[dict], site_dir: Path) -> dict[str, str]:
    """Write documents as the browser loads them (also used by bench/search/scale.py)."""
    return write_shards(docs, site_dir / SEARCH_DIR)
