"""site/api/changes.json: what changed between editions (fields: docs-dev/editions.md)."""

from __future__ import annotations

import json
from pathlib import Path

from ..render.changes import changes_json


def write_changes_json(catalogue, site_dir: Path) -> None:
    (site_dir / "api").mkdir(parents=True, exist_ok=True)
    (site_dir / "api" / "changes.json").write_text(
        json.dumps(changes_json(catalogue), ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
