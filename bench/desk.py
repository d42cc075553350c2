"""The 机关党委's desk in Chromium (Playwright, file://), measured, not asserted (issue 20.7):

- 汇总 (checklists/summary.html) with 200 and 1,000 synthetic returns of one checklist: time from choosing the
  files to the drawn page, the longest main-thread stall (PerformanceObserver "longtask" and a
  requestAnimationFrame gap probe, whichever is longer), JS heap and DOM nodes after drawing (CDP
  Performance.getMetrics), and the time to draw the kept returns again after a reload (localStorage);
- 工作计划 (plan.html), level 机关党委: time to first input (navigation start → first input in the table) and
  scrolling the table's own box top to bottom, at its own rows and at ten times as many (own tasks added to the
  stored plan): median / p95 / longest frame.

    .venv/bin/python bench/desk.py [site-dir]     # default: site/ (built by `python -m handbook build`)

run.py prints these rows after the search timings.
"""

from __future__ import annotations

import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
STATUSES = ("已完成", "推进中", "未开始")

PROBE = """() => {
  window.__stall = 0; window.__gap = 0;
  try {
    new PerformanceObserver(l => l.getEntries().forEach(e => { window.__stall = Math.max(window.__stall, e.duration); }))
      .observe({ type: "longtask", buffered: false });
  } catch (e) { /* no longtask support: the rAF probe alone */ }
  let last = performance.now();
  (function tick(now) { window.__gap = Math.max(window.__gap, now - last); last = now; window.__raf = requestAnimationFrame(tick); })(last);
}"""


def _summary_meta(site: Path) -> dict:
    text = (site / "downloads/fill/summary-meta.js").read_text(encoding="utf-8")
    return json.loads(text[text.index("=") + 1:].rstrip().rstrip(";"))


def _returns(folder: Path, checklist: str, items: list[str], count: int, version: str) -> list[str]:
    rng = random.Random(count)
    files = []
    for n in range(count):
        entries = {i: {"status": rng.choice(STATUSES), "note": "", "score": "", "t": "2026-12-01T00:00:00Z"}
                   for i in items if rng.random() < .8}
        record = {"format": "hb-fill", "version": 1, "kind": "checklist", "id": checklist, "title": checklist,
                  "edition": {"version": version}, "fields": {"单位": f"某机关第{n + 1}党支部"}, "entries": entries,
                  "seen": {}, "updated": "2026-12-01T00:00:00Z", "written": "2026-12-01T00:00:00Z"}
        path = folder / f"u{n:04d}.json"
        path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
        files.append(str(path))
    return files


def _metrics(cdp) -> dict:
    return {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}


def _once(browser, site: Path, files: list[str], count: int) -> dict:
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Performance.enable")
    page.goto((site / "checklists/summary.html").as_uri())
    page.evaluate(PROBE)
    started = time.perf_counter()
    page.locator("input[type=file][data-hb-import-many]").set_input_files(files)
    page.wait_for_function(f"document.documentElement.dataset.hbSummaryReady === '{count}'", timeout=600_000)
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    out = {"load": time.perf_counter() - started, "stall": page.evaluate("Math.max(window.__stall, window.__gap)")}
    m = _metrics(cdp)
    out["heap"], out["nodes"] = m["JSHeapUsedSize"] / 2**20, m["Nodes"]
    started = time.perf_counter()
    page.reload()
    page.wait_for_function(f"document.documentElement.dataset.hbSummaryReady === '{count}'", timeout=600_000)
    out["again"] = time.perf_counter() - started
    context.close()
    return out


def summary_rows(browser, site: Path, counts=(200, 1000), checklist: str = "dangzhibu", runs: int = 3) -> list[tuple[str, str]]:
    """Median of `runs` (min–max beside it): a shared machine makes single runs noisy."""
    meta = _summary_meta(site)
    if checklist not in meta["checklists"]:
        checklist = next(iter(meta["checklists"]))
    items = meta["checklists"][checklist]["items"]
    rows = []
    for count in counts:
        with tempfile.TemporaryDirectory() as tmp:
            files = _returns(Path(tmp), checklist, items, count, meta["edition"]["version"])
            got = [_once(browser, site, files, count) for _ in range(runs)]

        def med(key, fmt):
            values = sorted(g[key] for g in got)
            return fmt.format(statistics.median(values)) + (f" ({fmt.format(values[0])}–{fmt.format(values[-1])})" if runs > 1 else "")
        rows.append((f"汇总 {count} returns × {len(items)} items ({checklist})",
                     f"load → drawn {med('load', '{:.2f}')} s, longest stall {med('stall', '{:.0f}')} ms, "
                     f"JS heap {med('heap', '{:.0f}')} MiB, DOM nodes {med('nodes', '{:.0f}')}; "
                     f"reload → drawn from storage {med('again', '{:.2f}')} s; median of {runs}"))
    return rows


def plan_rows(browser, site: Path, level: str = "jiguan-dangwei", factor: int = 10) -> list[tuple[str, str]]:
    rows = []
    url = (site / "plan.html").as_uri()
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.goto(url)
    page.wait_for_selector(".hb-plan-table tbody tr[data-item]")
    if page.locator(f'[data-plan-level] option[value="{level}"]').count():
        page.select_option("[data-plan-level]", level)
    own = page.locator(".hb-plan-table tbody tr").count()
    key = page.evaluate(f"hbStore.key('plan', '{level}')")
    for target in (own, own * factor):
        if target > own:               # the same plan with own tasks added under each requirement
            ids = page.locator(".hb-plan-table tbody tr[data-item]").evaluate_all("l => l.map(r => r.dataset.item)")
            entries = {f"task:b{n}": {"item": ids[n % len(ids)], "title": f"自定任务{n}", "lead": "办公室", "months": [3, 6],
                                      "t": "2026-12-01T00:00:00.000Z"} for n in range(target - own)}
            record = {"format": "hb-fill", "version": 1, "kind": "plan", "id": level, "title": level, "edition": {},
                      "fields": {"单位": "某机关", "年度": "2027"}, "entries": entries, "seen": {}, "updated": "", "written": ""}
            page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, json.dumps(record, ensure_ascii=False)])
        page.goto(url)
        page.wait_for_selector(".hb-plan-table tbody tr[data-item] input")
        first = page.evaluate("""() => { const i = document.querySelector('.hb-plan-table tbody input');
            return i ? performance.now() : -1; }""")
        shown = page.locator(".hb-plan-table tbody tr").count()
        frames = page.evaluate("""() => new Promise(done => {
            const box = document.querySelector('.hb-plan-table').closest('.hb-table-wrap');
            const scroller = box.scrollHeight > box.clientHeight ? box : document.scrollingElement;
            const end = scroller.scrollHeight - scroller.clientHeight, steps = 120, times = [];
            let n = 0, last = performance.now();
            (function step(now) {
              times.push(now - last); last = now;
              scroller.scrollTop = end * (n / steps); scroller.scrollLeft = (scroller.scrollWidth - scroller.clientWidth) * (n / steps);
              if (n++ < steps) requestAnimationFrame(step); else done(times.slice(2));
            })(last);
        })""")
        frames.sort()
        rows.append((f"plan {shown} rows (level {level})",
                     f"first input {first:.0f} ms after navigation start; scroll its box: frame median "
                     f"{statistics.median(frames):.1f} ms, p95 {frames[int(len(frames) * .95) - 1]:.1f} ms, longest {frames[-1]:.1f} ms"))
    context.close()
    return rows


def desk_rows(site: Path) -> list[tuple[str, str]]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return [("desk timings", "playwright not installed")]
    if not Path(CHROMIUM).exists():
        return [("desk timings", "chromium not installed")]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        try:
            return summary_rows(browser, site) + plan_rows(browser, site)
        finally:
            browser.close()


def main() -> None:
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "site"
    rows = desk_rows(site)
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name.ljust(width)} | {value}")


if __name__ == "__main__":
    main()
