"""api/plan-data.js: the 工作计划 page's model (render/plan.py), a script the page loads."""

from __future__ import annotations

from pathlib import Path

from ..render.plan import DATA_SCRIPT, plan_data_script


def write_plan_data(catalogue, site_dir: Path) -> None:
    target = site_dir / DATA_SCRIPT
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(plan_data_script(catalogue), encoding="utf-8")
