"""Search at ×1 / ×10 / ×100: bytes before the first result, keystroke→results time and
the cost of writing the sharded index.

Builds the real site once, then for each factor replaces its search index (site/search/)
with the documents of bench/scale.py's ×N project (default; distinct text per copy) or,
with --synthetic, the real documents plus recombinations of the speech's clauses, written
by handbook/export/search.py's writer (timed: the build runs it every time). Serves the site
over http://127.0.0.1 and measures in Chromium (Playwright, /usr/bin/chromium), for every
ranked query of tests/search/queries.yaml in a freshly loaded page:

* KiB       gzip -6 of every search file loaded when the first result shows (search.js, the
            manifest, posting shards, display shards; resource timing, http), median and maximum;
* cold ms   input event → first result row in the list (or "没有找到结果"), shards not yet
            loaded: over http (Python's http.server on loopback, slow per request) and from
            file:// (no server); "all" → every shown result (up to 30) in, aria-busy cleared;
* warm ms   the same query again (shards loaded): the engine and rendering alone.
No debounce exists. Prints a table; asserts nothing. Targets (issue 10.4): ≤ 300 KiB gzip
and ≤ 50 ms at ×100.

    .venv/bin/python bench/search/scale.py [--factors 1,10,100] [--synthetic] [--queries N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))

from handbook.catalogue import load_catalogue  # noqa: E402
from handbook.export.search import search_documents, write_search_index  # noqa: E402

CHROMIUM = "/usr/bin/chromium"


def clauses() -> list[str]:
    text = (ROOT / "data" / "source" / "speech.txt").read_text("utf-8")
    return [c for c in re.split(r"[，。；：、！？\s,;:]+", text) if 4 <= len(c) <= 40]


def scaled_documents(docs: list[dict], factor: int, seed: int = 1) -> list[dict]:
    """The real documents first, then distinct recombinations of speech clauses per copy."""
    rng, pool = random.Random(seed), clauses()
    out = list(docs)
    for copy in range(1, factor):
        for doc in docs:
            title = "".join(rng.sample(pool, 2 if doc["k"] != "term" else 1))[:24]
            text = "，".join(rng.sample(pool, rng.randint(2, 6))) + "。" if doc["text"] else ""
            clone = dict(doc, id=f"{doc['id']}-x{copy}", title=title, text=text)
            if "names" in doc:
                clone["names"] = [title]
            out.append(clone)
    return out


def serve(directory: Path) -> tuple[subprocess.Popen, str]:
    """A static server in its own process (in this one it would wait for the GIL while
    Playwright runs, adding its own delay to every shard)."""
    import socket
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
                               "--directory", str(directory)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.1):
                break
        except OSError:
            time.sleep(0.05)
    return server, url


# search.js renders a new answer (status line and the first result rows) in one task, then appends
# rows as their display shards arrive, and clears aria-busy once all are in.
MEASURE = """async q => {
  const input = document.querySelector('[data-hb-search-input]');
  const list = document.querySelector('[data-hb-search-results]');
  const meta = document.querySelector('[data-hb-search-meta]');
  input.value = '';
  return await new Promise(resolve => {
    let first = null, files = null;
    const observer = new MutationObserver(records => {
      const now = performance.now();
      if (first === null && records.some(r => r.type === 'childList')) {
        first = now - t0;
        files = performance.getEntriesByType('resource').map(e => e.name.split('?')[0])
          .filter(u => u.includes('/search/') || u.endsWith('/search.js'));
      }
      if (first !== null && list.dataset.hbQuery === q && !list.hasAttribute('aria-busy')) {
        observer.disconnect();
        resolve({ first, all: now - t0, files });
      }
    });
    observer.observe(list, { childList: true, attributes: true });
    observer.observe(meta, { childList: true, characterData: true, subtree: true });
    input.value = q;
    const t0 = performance.now();
    input.dispatchEvent(new Event('input'));
  });
}"""


def project_documents(factor: int) -> list[dict]:
    """Search documents of bench/scale.py's ×factor project (cached: generating ×100 is slow)."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("bench_scale", ROOT / "bench" / "scale.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    cache = ROOT / ".build" / "bench-search" / f"docs-x{factor}.json"
    if factor == 1:
        return search_documents(load_catalogue(ROOT))
    if not cache.is_file():
        with tempfile.TemporaryDirectory() as tmp:
            module.scaled_project(factor, Path(tmp))
            docs = search_documents(load_catalogue(Path(tmp)))
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_text(json.dumps(docs, ensure_ascii=False), encoding="utf-8")
    return json.loads(cache.read_text(encoding="utf-8"))


def gzip_kib(site: Path, url: str, urls) -> float:
    return sum(len(gzip.compress((site / u.removeprefix(url + "/")).read_bytes(), 6)) for u in urls) / 1024


def measure(browser, url: str, site: Path, queries: list[str]) -> dict:
    page = browser.new_page()
    kib, cold, full, warm = [], [], [], []
    for query in queries:
        page.goto(f"{url}/index.html")
        page.wait_for_load_state("load")
        page.locator("[data-hb-search-input]").focus()
        page.wait_for_function("() => window.__HANDBOOK_SEARCH__ !== undefined")
        result = page.evaluate(MEASURE, query)
        cold.append(result["first"])
        full.append(result["all"])
        if result["files"]:                 # no resource timing for file:// pages
            kib.append(gzip_kib(site, url, set(result["files"])))
        warm.append(page.evaluate(MEASURE, query)["first"])
    page.close()

    def p95(values):
        return sorted(values)[int(0.95 * (len(values) - 1))]
    return {"kib_median": statistics.median(kib) if kib else 0, "kib_max": max(kib, default=0),
            "cold": statistics.median(cold), "cold95": p95(cold), "all": statistics.median(full),
            "all95": p95(full), "warm": statistics.median(warm), "warm95": p95(warm)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--factors", default="1,10,100")
    parser.add_argument("--synthetic", action="store_true", help="recombined clauses instead of bench/scale.py")
    parser.add_argument("--queries", type=int, default=0, help="use only the first N ranked queries")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    queries = [e["q"] for e in yaml.safe_load((ROOT / "tests/search/queries.yaml").read_text("utf-8"))
               if e["kind"] != "miss"]
    queries = queries[:args.queries] if args.queries else queries
    real = search_documents(load_catalogue(ROOT))
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], cwd=ROOT, check=True)
        server, url = serve(site)
        rows = []
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM)
            for factor in (int(f) for f in args.factors.split(",")):
                docs = scaled_documents(real, factor) if args.synthetic else project_documents(factor)
                start = time.perf_counter()
                files = write_search_index(docs, site)
                write_s = time.perf_counter() - start
                counts = {}
                for d in docs:
                    counts[d["k"]] = counts.get(d["k"], 0) + 1
                total = sum(len(t.encode()) for t in files.values())
                biggest = max(len(t.encode()) for n, t in files.items() if not n.startswith("h/"))
                result = measure(browser, url, site, queries)
                local = measure(browser, site.as_uri(), site, queries)
                rows.append((f"×{factor}", len(docs), counts.get("item", 0), counts.get("term", 0),
                             write_s, len(files), total / 2**20, biggest / 1024, result, local))
            browser.close()
        server.terminate()
        server.wait()
    print(f"search over {len(queries)} queries, each in a fresh page "
          f"({'synthetic clauses' if args.synthetic else 'bench/scale.py projects'})")
    print(f"{'scale':>6} {'docs':>7} {'items':>6} {'terms':>6} {'write s':>8} {'files':>6} {'MiB':>6} "
          f"{'max shard KiB':>13} {'KiB med/max':>12} {'http cold ms':>13} {'file:// cold':>13} "
          f"{'http all ms':>13} {'warm ms':>11}")
    for scale, n, items, terms, write_s, nfiles, mib, biggest, r, f in rows:
        print(f"{scale:>6} {n:>7} {items:>6} {terms:>6} {write_s:>8.2f} {nfiles:>6} {mib:>6.1f} {biggest:>13.1f} "
              f"{r['kib_median']:>5.1f}/{r['kib_max']:<6.1f} {r['cold']:>6.1f}/{r['cold95']:<6.1f} "
              f"{f['cold']:>6.1f}/{f['cold95']:<6.1f} {r['all']:>6.1f}/{r['all95']:<6.1f} "
              f"{r['warm']:>5.1f}/{r['warm95']:<5.1f}")
    print("ms: median/p95 over the queries, input event → first result shown (all: every shown result in);"
          " warm: the same query again over http (shards loaded)")
    print("targets (issue 10.4, ×100): ≤ 300 KiB gzip before the first result, ≤ 50 ms keystroke→results")
    shutil.rmtree(site, ignore_errors=True)


if __name__ == "__main__":
    main()
