"""Measure: `make check` / `make build` wall time (median of 3), validation at 1×/10×/100×
catalogue size, and what a browser downloads. Prints a table; asserts nothing."""

from __future__ import annotations

import gzip
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from handbook.catalogue import load_catalogue  # noqa: E402


def timed(command, runs=3) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def scaled_project(factor: int, target: Path) -> int:
    """Copy the project's data with every item repeated `factor` times under new IDs."""
    shutil.copytree(ROOT / "data", target / "data")
    (target / "data/published-ids.txt").unlink(missing_ok=True)
    count = 0
    for path in (target / "data/requirements").glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        items, per_section = [], {}
        for copy in range(factor):
            for item in data["items"]:
                section = item["id"].split("-")[0]
                per_section[section] = per_section.get(section, 0) + 1
                items.append({**item, "id": f"{section}-{per_section[section]:03d}"})
        data["items"] = items
        count += len(items)
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return count


def validation_time(root: Path, runs=3) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        load_catalogue(root)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    python = sys.executable
    rows = [("make check (python -m handbook check)", f"{timed([python, '-m', 'handbook', 'check']):.2f} s"),
            ("make build (check + strict build + swap)", f"{timed([python, '-m', 'handbook', 'build']):.2f} s")]
    with tempfile.TemporaryDirectory() as tmp:
        for factor in (1, 10, 100):
            project = Path(tmp) / f"x{factor}"
            count = scaled_project(factor, project)
            rows.append((f"load + validate, {factor}× ({count} items)", f"{validation_time(project) * 1000:.0f} ms"))
    site = ROOT / "site"
    for name in ("index.html", "gc.html", "api/requirements.json", "search/search_index.json"):
        path = site / name
        if path.exists():
            raw = path.read_bytes()
            rows.append((f"size {name}", f"{len(raw) / 1024:.0f} KiB ({len(gzip.compress(raw)) / 1024:.0f} KiB gz)"))
    width = max(len(r[0]) for r in rows)
    print(f"{'measure'.ljust(width)} | value")
    print(f"{'-' * width}-|-------")
    for name, value in rows:
        print(f"{name.ljust(width)} | {value}")


if __name__ == "__main__":
    main()
