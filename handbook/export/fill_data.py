"""Scripts the browser needs to fill the blank templates: downloads/fill/<id>.xlsx.js.

Each wraps the blank .xlsx that downloads.py already wrote (never generated twice) as
`window.__hbTemplates["<id>.xlsx"] = "<base64>"`, so a <script> tag can load it from file://
where fetch() of a local file is refused.
"""

from __future__ import annotations

import base64
from pathlib import Path

from ..render.checklists import download_path


def write_fill_data(catalogue, site_dir: Path) -> None:
    target = site_dir / "downloads" / "fill"
    target.mkdir(parents=True, exist_ok=True)
    for checklist in catalogue.checklists:
        blank = (site_dir / download_path(checklist, "xlsx")).read_bytes()
        encoded = base64.b64encode(blank).decode("ascii")
        (target / f"{checklist.id}.xlsx.js").write_text(
            f'window.__hbTemplates=window.__hbTemplates||{{}};__hbTemplates["{checklist.id}.xlsx"]="{encoded}";\n',
            encoding="ascii")
