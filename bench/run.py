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
    shutil.copytree(ROOT / "docs", target / "docs")
    (target / "data/published-ids.txt").unlink(missing_ok=True)
    count = 0
    for path in (target / "data/requirements").glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        items, per_section = [], {}
        for copy in range(factor):
            for item in data["items"]:
                section = item["id"].split("-")[0]
                per_section[section] = per_section.get(section, 0) + 1
                items.append({**item, "id": f"{section}-{per_section[section]:02d}"})  # first copy keeps its IDs
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


def search_timings(site: Path) -> list[tuple[str, str]]:
    """Median/p95 over the test query set: engine alone, and typing → results shown in the box."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return [("search timings", "playwright not installed")]
    if not Path("/usr/bin/chromium").exists():
        return [("search timings", "chromium not installed")]
    queries = [e["q"] for e in yaml.safe_load((ROOT / "tests/search/queries.yaml").read_text(encoding="utf-8"))]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        page.goto((site / "index.html").as_uri())
        engine = page.evaluate("""async qs => { await window.handbookSearch('预热'); const t = [];
            for (const q of qs) { const s = performance.now(); await window.handbookSearch(q); t.push(performance.now() - s); }
            return t; }""", queries)
        shown = []
        box = page.locator("[data-hb-search-input]")
        for query in queries:
            box.fill("")
            box.click()
            started = time.perf_counter()
            page.keyboard.insert_text(query)
            page.wait_for_function("q => document.querySelector('[data-hb-search-input]').value === q && "
                                   "document.querySelector('[data-hb-search-meta]').textContent.includes('结果')", arg=query)
            shown.append((time.perf_counter() - started) * 1000)
        browser.close()

    def stats(values):
        values = sorted(values)
        return f"median {statistics.median(values):.1f} ms, p95 {values[int(len(values) * .95) - 1]:.1f} ms"
    return [(f"search engine only ({len(queries)} queries)", stats(engine)),
            ("search typing → results shown (Playwright)", stats(shown))]


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
    for name in ("index.html", "gc.html", "api/requirements.json", "search/handbook-index.js",
                 "assets/javascripts/search.js", "downloads/quanbu.pdf", "downloads/quanbu.docx"):
        path = site / name
        if path.exists():
            raw = path.read_bytes()
            rows.append((f"size {name}", f"{len(raw) / 1024:.0f} KiB ({len(gzip.compress(raw)) / 1024:.0f} KiB gz)"))
    if (site / "index.html").exists():
        rows += search_timings(site)
    width = max(len(r[0]) for r in rows)
    print(f"{'measure'.ljust(width)} | value")
    print(f"{'-' * width}-|-------")
    for name, value in rows:
        print(f"{name.ljust(width)} | {value}")


if __name__ == "__main__":
    main()
