"""Machine-readable exports under site/api/, read by other systems and our checks."""

from __future__ import annotations

import json
from pathlib import Path

from ..render import site_map
from ..text import display


def requirements_json(catalogue) -> list[dict]:
    return [
        {
            "id": item.id,
            "part": item.part.number,
            "section": item.section.number,
            "title": item.title,
            "text": display(item.text),
            "subjects": item.subjects,
            "kind": item.kind,
            "types": item.types,
            "terms": [t.term for t in item.terms],
            "related": [o.id for group in item.related() for o in group],
            "source": item.source.id,
            "url": site_map.item_url(item),
            "withdrawn": item.withdrawn or None,
        }
        for item in catalogue.items.values()
    ]


def glossary_json(catalogue) -> list[dict]:
    return [
        {
            "term": term.term,
            "id": term.id,
            "group": term.group,
            "aliases": [display(a) for a in term.aliases],
            "expansion": [display(e) for e in term.expansion],
            "note": term.note or None,
            "url": site_map.term_url(term),
            "paragraphs": [p.id for p in term.paragraphs],
            "items": [i.id for i in term.items],
        }
        for term in catalogue.terms.values()
    ]


def framework_json(catalogue) -> dict:
    return {
        "version": catalogue.edition.version,
        "data_date": catalogue.edition.date,
        "title": display(catalogue.title.text),
        "goal": catalogue.goal,
        "requirement": catalogue.requirement,
        "parts": [
            {
                "number": part.number,
                "code": part.code,
                "short_name": part.short_name,
                "positioning": part.positioning or None,
                "title": part.title,
                "url": site_map.site_url(site_map.part_page(part)),
                "paragraph": part.opening.paragraph.id,
                "sections": [
                    {
                        "number": s.number,
                        "key": s.key,
                        "lead": display(s.lead),
                        "paragraph": s.paragraph.id,
                        "url": site_map.site_url(site_map.part_page(part), s.key),
                        "items": [i.id for i in s.items],
                    }
                    for s in part.all_sections
                ],
            }
            for part in catalogue.parts
        ],
    }


def cases_json(catalogue) -> list[dict]:
    return [{"id": c.id, "kind": c.label, "sample": c.kind == "示例", "warning": c.warning, "title": c.title,
             "unit": c.unit, "date": c.date or None, "items": [i.id for i in c.items],
             "sections": [s.key for s in c.sections], "url": site_map.site_url(site_map.CASES, c.id)}
            for c in catalogue.cases]


def write_api(catalogue, site_dir: Path) -> None:
    api = site_dir / "api"
    api.mkdir(parents=True, exist_ok=True)
    for name, data in (("requirements.json", requirements_json(catalogue)),
                       ("framework.json", framework_json(catalogue)),
                       ("glossary.json", glossary_json(catalogue)),
                       ("cases.json", cases_json(catalogue))):
        (api / name).write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
