"""Search at ×1 / ×10 / ×100: bytes before the first result and keystroke→results time.

Builds the real site once, then for each factor replaces its search index with the
real documents plus (factor − 1) distinct synthetic copies (titles and texts
recombined from the speech's own clauses, seeded, so no two documents are equal)
written by handbook/export/search.py's writer. Serves the site over http://127.0.0.1
and measures in Chromium (Playwright, /usr/bin/chromium):

* gzip KiB  gzip -6 of every search file the browser fetched before the first
            result (search.js + index), from Playwright response events;
* median / p95 ms from the input event to the result list rendered (a
            MutationObserver on the results; no debounce exists), over the
            ranked queries of tests/search/queries.yaml, after the index is loaded.

Prints a table; asserts nothing. Targets (issue 10.4): ≤ 300 KiB gzip, ≤ 50 ms at ×100.

    .venv/bin/python bench/search/scale.py [--factors 1,10,100]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
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


def serve(directory: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass
    handler = functools.partial(Quiet, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}"


MEASURE = """async q => {
  const input = document.querySelector('[data-hb-search-input]');
  const meta = document.querySelector('[data-hb-search-meta]');
  input.value = '';
  return await new Promise(resolve => {
    const observer = new MutationObserver(() => { observer.disconnect(); resolve(performance.now() - t0); });
    observer.observe(meta, { childList: true, characterData: true, subtree: true });
    input.value = q;
    const t0 = performance.now();
    input.dispatchEvent(new Event('input'));
  });
}"""


def measure(browser, url: str, site: Path, queries: list[str]) -> tuple[float, float, float]:
    page = browser.new_page()
    bodies = {}
    page.on("response", lambda r: bodies.setdefault(r.url, r) if ("/search/" in r.url or
                                                                  r.url.endswith("search.js")) else None)
    page.goto(f"{url}/index.html")
    box = page.locator("[data-hb-search-input]")
    box.click()
    page.keyboard.insert_text(queries[0])
    page.wait_for_function("document.querySelector('[data-hb-search-meta]').textContent.includes('结果')",
                           timeout=120_000)
    kib = sum(len(gzip.compress((site / u.removeprefix(url + "/")).read_bytes(), 6)) for u in bodies) / 1024
    times = []
    for query in queries * 2:
        times.append(page.evaluate(MEASURE, query))
    page.close()
    times.sort()
    return kib, statistics.median(times), times[int(0.95 * (len(times) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--factors", default="1,10,100")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    queries = [e["q"] for e in yaml.safe_load((ROOT / "tests/search/queries.yaml").read_text("utf-8"))
               if e["kind"] != "miss"]
    docs = search_documents(load_catalogue(ROOT))
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], cwd=ROOT, check=True)
        server, url = serve(site)
        rows = []
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM)
            for factor in (int(f) for f in args.factors.split(",")):
                scaled = scaled_documents(docs, factor)
                write_search_index(scaled, site)
                counts = {}
                for d in scaled:
                    counts[d["k"]] = counts.get(d["k"], 0) + 1
                kib, median, p95 = measure(browser, url, site, queries)
                rows.append((f"×{factor}", len(scaled), counts.get("item", 0), counts.get("term", 0),
                             counts.get("checklist", 0), kib, median, p95))
            browser.close()
        server.shutdown()
    print(f"{'scale':>6} {'docs':>7} {'items':>6} {'terms':>6} {'lists':>6} {'gzip KiB':>9} {'median ms':>10} {'p95 ms':>7}")
    for scale, n, items, terms, lists, kib, median, p95 in rows:
        print(f"{scale:>6} {n:>7} {items:>6} {terms:>6} {lists:>6} {kib:>9.1f} {median:>10.1f} {p95:>7.1f}")
    print("targets: ≤ 300 KiB gzip before the first result, ≤ 50 ms keystroke→results at ×100")
    shutil.rmtree(site, ignore_errors=True)


if __name__ == "__main__":
    main()
