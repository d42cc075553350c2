"""Machine-readable exports under site/api/, read by other systems and our checks."""

from __future__ import annotations

import json
from pathlib import Path

from .. import __version__
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
            "source": item.source.id,
            "url": site_map.item_url(item),
            "withdrawn": item.withdrawn or None,
        }
        for item in catalogue.items.values()
    ]


def framework_json(catalogue) -> dict:
    return {
        "version": __version__,
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


def write_exports(catalogue, site_dir: Path) -> None:
    api = site_dir / "api"
    api.mkdir(parents=True, exist_ok=True)
    for name, data in (("requirements.json", requirements_json(catalogue)),
                       ("framework.json", framework_json(catalogue))):
        (api / name).write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
