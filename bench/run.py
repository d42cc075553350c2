"""`make bench`: one table. Build time of `python -m handbook build` next to the floor
(the same rendered pages built by plain mkdocs-material, bench/floor.py), timed side by
side in one run at each scale (bench/scale.py), peak RSS, largest page, total size,
cold vs warm, reproducibility, the search row and the desk rows (汇总 and plan page in Chromium,
bench/desk.py). Asserts nothing.

    SCALES="1 10" make bench      # ×100 takes long
"""

from __future__ import annotations

import filecmp
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from floor import floor_project  # noqa: E402
from scale import scaled_project  # noqa: E402

PY = sys.executable
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1767225600"}


def run(command, env=None) -> tuple[float, int, float]:
    """Wall seconds, peak RSS (KiB) and CPU seconds (user + system, workers included) of one command."""
    started = time.perf_counter()
    result = subprocess.run(["/usr/bin/time", "-f", "%M %U %S", *command], cwd=ROOT, env=env or ENV,
                            capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"failed: {' '.join(map(str, command))}\n{result.stderr[-3000:]}")
    rss, user, system = result.stderr.strip().splitlines()[-1].split()
    return elapsed, int(rss), float(user) + float(system)


def site_sizes(site: Path) -> tuple[str, int, int]:
    files = [p for p in site.rglob("*") if p.is_file()]
    pages = [p for p in files if p.suffix == ".html"]
    largest = max(pages, key=lambda p: p.stat().st_size)
    return largest.relative_to(site).as_posix(), largest.stat().st_size, sum(p.stat().st_size for p in files)


def differing(a: Path, b: Path) -> list[str]:
    names = {p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
    names |= {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()}
    return sorted(n for n in names if not ((a / n).is_file() and (b / n).is_file()
                                          and filecmp.cmp(a / n, b / n, shallow=False)))


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
            # search.js sets data-hb-query on the results list once every result for q is shown.
            page.wait_for_function("q => { const l = document.querySelector('[data-hb-query]'); "
                                   "return l && l.dataset.hbQuery === q && !l.hasAttribute('aria-busy'); }",
                                   arg=query, polling="raf")
            shown.append((time.perf_counter() - started) * 1000)
        browser.close()

    def stats(values):
        values = sorted(values)
        return f"median {statistics.median(values):.1f} ms, p95 {values[int(len(values) * .95) - 1]:.1f} ms"
    return [(f"search engine only ({len(queries)} queries)", stats(engine)),
            ("search typing → results shown (Playwright)", stats(shown))]


def main() -> None:
    scales = [int(s) for s in os.environ.get("SCALES", "1 10 100").split()]
    runs = int(os.environ.get("RUNS", "3"))
    rows, raw = [], {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for factor in scales:
            project, floor = tmp / f"x{factor}", tmp / f"floor{factor}"
            counts = scaled_project(factor, project)
            floor_project(project, floor)
            # BENCH_CACHE_DIR keeps the download caches between runs (×100 makes ~6,400 files);
            # a cold build is then measured only while its cache is still empty.
            cache_dir = Path(os.environ.get("BENCH_CACHE_DIR") or tmp) / f"cache{factor}"
            measure_cold = not (cache_dir.is_dir() and any(cache_dir.iterdir()))
            cache = {**ENV, "HANDBOOK_CACHE_DIR": str(cache_dir)}
            build = [PY, "-m", "handbook", "--root", str(project), "build"]
            plain = [PY, "-m", "mkdocs", "build", "-q", "-f", str(floor / "mkdocs.yml"), "-d", str(floor / "site")]
            cold, _, cold_cpu = run(build, cache)           # empty download cache (else: warm-up)
            ours, theirs, rss, ours_cpu, theirs_cpu = [], [], [], [], []
            repeat = runs if factor < 100 else int(os.environ.get("RUNS_100", runs))  # ×100 builds take minutes
            for _ in range(repeat):                          # side by side, alternating
                seconds, peak, cpu = run(build, cache)
                ours.append(seconds)
                ours_cpu.append(cpu)
                rss.append(peak)
                seconds, _, cpu = run(plain)
                theirs.append(seconds)
                theirs_cpu.append(cpu)
            warm, base = statistics.median(ours), statistics.median(theirs)
            warm_cpu, base_cpu = statistics.median(ours_cpu), statistics.median(theirs_cpu)
            page, page_size, total = site_sizes(project / "site")
            raw[factor] = {"build": warm, "build CPU": warm_cpu, "peak RSS": max(rss), "largest page": page_size}
            rows.append((f"×{factor}", f"{counts['items']}/{counts['terms']}/{counts['checklists']}",
                         f"{warm:.2f}", f"{base:.2f}", f"{warm / base:.2f}",
                         f"{warm_cpu:.2f}/{base_cpu:.2f} = {warm_cpu / base_cpu:.2f}",
                         f"{cold:.1f} ({cold / warm:.1f}×)" if measure_cold else "— (cache kept)",
                         f"{cold_cpu:.1f}" if measure_cold else "—",
                         f"{max(rss) / 1024:.0f}", f"{page} {page_size / 1024:.0f} KiB", f"{total / 2**20:.1f} MiB"))
        # Reproducibility: the ×1 project again, another folder and time zone, same SOURCE_DATE_EPOCH.
        first = tmp / f"x{scales[0]}" / "site"
        again = {**ENV, "TZ": "Pacific/Kiritimati", "HANDBOOK_CACHE_DIR": str(tmp / "cache-repro")}
        run([PY, "-m", "handbook", "--root", str(tmp / f"x{scales[0]}"), "build", "--site-dir", "site-again"], again)
        diff = differing(first, tmp / f"x{scales[0]}" / "site-again")
        # The editing loop last: it edits a data file (and restores it) under `serve`.
        for n, factor in enumerate(scales):
            loop = "—"
            if factor <= 10 and os.environ.get("EDIT_LOOP", "1") == "1":
                from edit_loop import edit_loop
                loop = f"{statistics.median(edit_loop(tmp / f'x{factor}', 3)):.1f}"
            rows[n] = (*rows[n], loop)
    head = ("scale", "items/terms/lists", "build s", "floor s", "ratio", "CPU s ours/floor", "cold s (÷warm)",
            "cold CPU s", "peak RSS MiB", "largest page", "total", "save→reload s")
    widths = [max(len(str(r[i])) for r in [head, *rows]) for i in range(len(head))]
    line = lambda r: " | ".join(str(c).ljust(w) for c, w in zip(r, widths))  # noqa: E731
    print(line(head))
    print("-|-".join("-" * w for w in widths))
    for row in rows:
        print(line(row))
    print()
    print(f"reproducible (×{scales[0]}, 2 folders, TZ differs): "
          + ("identical" if not diff else f"NO — {len(diff)} files differ: {' '.join(diff[:12])}"))
    search = ROOT / "bench/search/scale.py"
    if search.is_file():
        result = subprocess.run([PY, str(search)], cwd=ROOT, env=ENV, capture_output=True, text=True)
        print("search (bench/search/scale.py):\n" + (result.stdout or result.stderr).strip())
    else:
        print("search: n/a (bench/search/scale.py not present)")
    site = ROOT / "site"   # the real handbook, built now: search speed in Chromium
    run([PY, "-m", "handbook", "build"])
    if (site / "index.html").is_file():
        for name, value in search_timings(site):
            print(f"{name}: {value}")
        # the 机关党委's desk (bench/desk.py): 汇总 at 200 / 1,000 returns, plan page at 64 / 640 rows
        from desk import desk_rows
        rows = desk_rows(site)
        width = max(len(name) for name, _ in rows)
        print("desk (bench/desk.py, Chromium, file://):")
        for name, value in rows:
            print(f"  {name.ljust(width)} | {value}")
    if 10 in raw and 100 in raw:
        print("growth ×10 → ×100, exponent log(v100/v10)/log 10 (1.0 = linear): " + ", ".join(
            f"{name} {math.log(raw[100][name] / raw[10][name], 10):.2f}" for name in raw[10]))
    load = os.getloadavg()[0]
    print(f"machine: {os.cpu_count()} cores, {os.uname().machine}, Python {sys.version.split()[0]}, load {load:.1f}; "
          f"median of {runs}; floor = plain mkdocs-material on the same rendered pages; CPU = user + system "
          f"seconds incl. worker processes (steadier than wall time on a shared machine)")


if __name__ == "__main__":
    main()
