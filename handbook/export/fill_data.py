"""Scripts the browser needs to fill a checklist: downloads/fill/<id>.xlsx.js and <id>.meta.js.

<id>.meta.js registers the whole checklist's rows (`window.__hbChecklistMeta["<id>"]`), so a
checklist split over several pages keeps one page small and still counts, exports and imports
every row. <id>.xlsx.js wraps the blank .xlsx that downloads.py already wrote (never generated twice) as
`window.__hbTemplates["<id>.xlsx"] = "<base64>"`, so a <script> tag can load it from file://
where fetch() of a local file is refused.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path

from ..render.checklists import download_path, meta_path, meta_script


def write_fill_data(catalogue, site_dir: Path) -> None:
    target = site_dir / "downloads" / "fill"
    target.mkdir(parents=True, exist_ok=True)
    for checklist in catalogue.checklists:
        blank = (site_dir / download_path(checklist, "xlsx")).read_bytes()
        encoded = base64.b64encode(blank).decode("ascii")
        (target / f"{checklist.id}.xlsx.js").write_text(
            f'window.__hbTemplates=window.__hbTemplates||{{}};__hbTemplates["{checklist.id}.xlsx"]="{encoded}";\n',
            encoding="ascii")
        (site_dir / meta_path(checklist)).write_text(meta_script(catalogue, checklist), encoding="utf-8")
    write_summary_meta(catalogue, site_dir)


def write_summary_meta(catalogue, site_dir: Path) -> None:
    """downloads/fill/summary-meta.js: item metadata (part, 五型, title) and checklist membership for 汇总."""
    meta = {
        "parts": [{"code": p.code, "name": p.short_name} for p in catalogue.parts],
        "types": [t.name for t in catalogue.types],
        "items": {i.id: {"title": i.title, "part": i.part.code, "types": list(i.types), "withdrawn": i.withdrawn}
                  for i in catalogue.items.values()},
        "checklists": {c.id: {"title": c.title, "items": [i.id for i in c.items]} for c in catalogue.checklists},
        "edition": {"version": catalogue.edition.version, "date": catalogue.edition.date},
    }
    target = site_dir / "downloads" / "fill"
    target.mkdir(parents=True, exist_ok=True)
    (target / "summary-meta.js").write_text(
        "window.__hbSummaryMeta=" + json.dumps(meta, ensure_ascii=False).replace("</", "<\\/") + ";\n", encoding="utf-8")
