"""Compare full-text search engines for the handbook site on Chinese queries.

Measures, in headless Chromium over http://127.0.0.1 (python's http.server in a
thread), for each engine:

* r@1     the first result's target is in `expect` (if the query has `first`,
          it must be exactly that target);
* r@5     any of the first five results' targets is in `expect`;
* pg@1 / pg@5  the same at page level (target GC2-03 -> page gc, term:x ->
          glossary, P05 -> source, checklist:x -> checklists/x);
* zero    non-`miss` queries with no result at all;
* false   `miss` queries that return anything;
* median / p95 ms from query to results (measured inside the page);
* ready   ms from navigation start until the engine can answer;
* bytes   what the browser downloads for search (index + code), taken from
          Playwright response events (deduplicated by URL): raw, and gzip -6 of
          the same bodies (files that are already gzip, like Pagefind's index
          chunks, count with their raw size), once after the first query and
          once after the whole query set.

Engines (`--engines`, comma separated):

  material       Material's built-in lunr search as the project configures it
                 (plugins: search, theme.language zh, jieba installed), driven
                 through the real search box.
  material-dict  the same with `plugins: - search: {jieba_dict_user: …}` and a
                 user dictionary of glossary terms + aliases (punctuation
                 removed) + requirement item titles (see build_userdict()).
  material-dict-terms  the same with glossary terms + aliases only (no titles).
  pagefind152    Pagefind 1.5.2 (PyPI `pagefind[extended]`), JS API.
  pagefind160    Pagefind 1.6.0 (npm `pagefind`, binary from @pagefind/linux-x64).
  handbook       the site exactly as the project builds it (only meaningful
                 while mkdocs.yml has `extra.handbook_search: true`, the
                 project's own substring search), driven through the search box.

Result URL -> target: page#ANCHOR -> ANCHOR (glossary.html#x -> term:x);
checklists/<id>.html -> checklist:<id>; a page without anchor (or with the
anchor of its own h1) -> the page name (source.html, whose h1 is paragraph P01,
-> P01).  For Material the ranked list is the displayed order of result links
(each page group: the page link, then its sections, including those folded
into "more"), except that a page link Material only inserted as the group
header (score 0.00, it did not match) is skipped; r@1 of the literal first link
is reported as `lit@1`.  For Pagefind the ranked list is, per result in order,
its best sub-result (most matched words, earlier on ties); `api@1` is r@1 with
the API's own first sub-result instead (which is the earliest in the page).

Setup (once; the script does these itself when something is missing):

    python3 -m venv /tmp/pf152-venv
    /tmp/pf152-venv/bin/pip install 'pagefind[extended]==1.5.2'
    mkdir -p /tmp/pf16 && cd /tmp/pf16 && npm init -y && npm install pagefind@1.6.0
    # Chromium at /usr/bin/chromium (or HANDBOOK_CHROMIUM=...); the project venv
    # has mkdocs-material, jieba and playwright.

Run (from the repository root):

    .venv/bin/python bench/search/compare.py --engines material,material-dict,pagefind152,pagefind160

What it does: copies the repository (without .git/.venv/site) to
<workdir>/repo (default workdir /tmp/search-bench), writes variant configs
next to its mkdocs.yml, builds one site per engine with `python -m mkdocs build`
(rebuilt only when data/, docs/, overrides/, macros/, handbook/ or mkdocs.yml
changed, or with --rebuild), indexes Pagefind copies, serves each on
127.0.0.1, runs the queries in tests/search/queries.yaml
(list of {q, kind, expect: [targets], first?}; kind `miss` expects nothing),
prints one table and writes bench/search/results-<engine>.tsv.  It also opens
each Pagefind (and Material) site from file:// and reports what happens.
Nothing in the repository is modified apart from bench/search/results-*.tsv.

Options: --queries FILE, --wait-queries SECONDS (poll until the file exists),
--workdir DIR, --rebuild, --keep-snapshot (reuse the snapshot and its sites even
if the repository changed since; useful while someone else is editing it),
--no-file-check, --json FILE (raw per-query results), --out DIR.
Expected targets that name nothing in the built site are listed as a warning
(they still count as misses).  TSV columns: q, kind, expect, first, rank1 (the
target of the first ranked result), hit1, hit5, page1, page_hit5, false_hit
(miss queries), results (Material: result links rendered; Pagefind: pages
found), top5, ms.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import hashlib
import http.server
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
CHROMIUM = os.environ.get("HANDBOOK_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
PF152_VENV = Path(os.environ.get("PAGEFIND152_VENV", "/tmp/pf152-venv"))
PF160_DIR = Path(os.environ.get("PAGEFIND160_DIR", "/tmp/pf16"))
PF160_BIN = PF160_DIR / "node_modules/@pagefind/linux-x64/bin/pagefind_extended"

ALL_ENGINES = ["material", "material-dict", "material-dict-terms", "pagefind152",
               "pagefind160", "handbook"]
DEFAULT_ENGINES = "material,material-dict,pagefind152,pagefind160"

# URLs that belong to each engine's search (index + code). Everything else the
# page loads (HTML, Material's main bundle, CSS) is the same for every engine.
SEARCH_ASSETS = {
    "material": r"/search/search_index\.json|/assets/javascripts/workers/|/assets/javascripts/lunr/",
    "pagefind": r"/pagefind/",
    "handbook": r"/search/(handbook-index\.js|[buhd]/\d+\.js)|/assets/javascripts/search\.js",   # manifest + shards
}

INPUT_SEL = ".md-search__input"
MATERIAL_INIT = "正在初始化搜索引擎"
TOP_K = 5  # r@5


# ───────────────────────────── building sites ─────────────────────────────

SNAPSHOT_IGNORE = shutil.ignore_patterns(".git", ".venv", "site", ".build", "node_modules",
                                         ".pytest_cache", "__pycache__", "artifacts", "bench")
FINGERPRINT_PATHS = ["data", "docs", "overrides", "macros", "handbook", "mkdocs.yml"]


def fingerprint(root: Path) -> str:
    h = hashlib.sha256()
    for name in FINGERPRINT_PATHS:
        p = root / name
        files = sorted(f for f in p.rglob("*") if f.is_file() and "__pycache__" not in f.parts) \
            if p.is_dir() else ([p] if p.exists() else [])
        for f in files:
            h.update(str(f.relative_to(root)).encode())
            h.update(hashlib.sha256(f.read_bytes()).digest())
    return h.hexdigest()


PUNCT = re.compile(r"[\s、，。；：？！“”‘’（）《》〈〉「」『』【】…—·・,.;:?!\"'()\[\]<>+\-/*&%#@~|]")
HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def build_userdict(repo: Path, out: Path, with_titles: bool = True) -> int:
    """A jieba user dictionary: one word per line, no frequency (jieba then uses
    suggest_freq(), just enough for the word to be kept whole).

    Material only hands runs of Han characters to jieba (plugin._segment_chinese),
    so a word with punctuation or Latin letters inside can never match; each
    entry is therefore reduced to its Han runs as well.  Entries: glossary terms
    and aliases with punctuation removed (plus each Han run of at least two
    characters of them), and item titles' Han runs (titles without punctuation
    become one word)."""
    glossary = yaml.safe_load((repo / "data/glossary.yaml").read_text(encoding="utf-8"))
    words: list[str] = []

    def add(text: str):
        joined = PUNCT.sub("", text)
        for w in [joined, *HAN_RUN.findall(text)]:
            if len(w) >= 2 and HAN_RUN.fullmatch(w) and w not in words:
                words.append(w)

    for term in glossary["terms"]:
        add(term["term"])
        for alias in term.get("aliases") or []:
            add(alias)
    if with_titles:
        for path in sorted((repo / "data/requirements").glob("*.yaml")):
            for item in yaml.safe_load(path.read_text(encoding="utf-8"))["items"]:
                if item.get("title") and not item.get("withdrawn"):
                    add(item["title"])
    out.write_text("".join(w + "\n" for w in words), encoding="utf-8")
    return len(words)


def variant_config(repo: Path, name: str, *, userdict: Path | None, handbook_search: bool | None) -> Path:
    """Write <repo>/mkdocs-<name>.yml: mkdocs.yml with the search plugin given a
    user dictionary and/or extra.handbook_search switched.  A text edit (the
    config has !!python tags), placed next to mkdocs.yml so docs_dir, the macros
    module path and custom_dir resolve as in the original."""
    text = (repo / "mkdocs.yml").read_text(encoding="utf-8")
    if userdict is not None:
        text, n = re.subn(r"(?m)^(\s*)- search\s*$",
                          lambda m: f"{m.group(1)}- search:\n{m.group(1)}    jieba_dict_user: {userdict}",
                          text)
        if n != 1:
            raise SystemExit("mkdocs.yml: expected exactly one bare `- search` plugin entry")
    if handbook_search is not None and re.search(r"(?m)^\s*handbook_search:", text):
        text = re.sub(r"(?m)^(\s*handbook_search:\s*)(true|false)",
                      lambda m: m.group(1) + ("true" if handbook_search else "false"), text)
    out = repo / f"mkdocs-{name}.yml"
    out.write_text(text, encoding="utf-8")
    return out


def mkdocs_build(repo: Path, config: Path, site: Path) -> float:
    """Build into a scratch directory, then rename: a failed build leaves no site behind."""
    scratch = site.with_name(site.name + ".partial")
    for d in (site, scratch):
        if d.exists():
            shutil.rmtree(d)
    started = time.perf_counter()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(scratch)],
                          cwd=repo, env=env, capture_output=True, text=True)
    if proc.returncode:
        sys.stderr.write(proc.stdout + proc.stderr)
        raise SystemExit(f"mkdocs build failed for {config.name}")
    scratch.rename(site)
    return time.perf_counter() - started


def material_search_present(site: Path) -> bool:
    """Material's own search is active: its index exists and the search box has its hooks."""
    html = (site / "index.html").read_text(encoding="utf-8")
    return (site / "search/search_index.json").exists() and 'data-md-component="search-query"' in html


def ensure_pagefind152() -> list[str]:
    py = PF152_VENV / "bin/python"
    if not py.exists() or subprocess.run([str(py), "-m", "pagefind", "--version"], capture_output=True).returncode:
        print(f"installing pagefind[extended]==1.5.2 into {PF152_VENV} …", file=sys.stderr)
        subprocess.run(["python3", "-m", "venv", str(PF152_VENV)], check=True)
        subprocess.run([str(py), "-m", "pip", "install", "-q", "pagefind[extended]==1.5.2"], check=True)
    return [str(py), "-m", "pagefind"]


def ensure_pagefind160() -> list[str]:
    if not PF160_BIN.exists():
        print(f"installing pagefind@1.6.0 into {PF160_DIR} …", file=sys.stderr)
        PF160_DIR.mkdir(parents=True, exist_ok=True)
        if not (PF160_DIR / "package.json").exists():
            subprocess.run(["npm", "init", "-y"], cwd=PF160_DIR, check=True, capture_output=True)
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "pagefind@1.6.0"], cwd=PF160_DIR, check=True)
    return [str(PF160_BIN)]


def pagefind_index(cmd: list[str], base_site: Path, site: Path) -> tuple[float, str]:
    if site.exists():
        shutil.rmtree(site)
    shutil.copytree(base_site, site)
    started = time.perf_counter()
    proc = subprocess.run([*cmd, "--site", str(site)], capture_output=True, text=True)
    if proc.returncode:
        sys.stderr.write(proc.stdout + proc.stderr)
        raise SystemExit(f"pagefind failed: {cmd}")
    took = time.perf_counter() - started
    summary = " ".join(l.strip() for l in proc.stdout.splitlines()
                       if re.search(r"Running Pagefind|Indexed \d+ (pages|words)|Discovered", l))
    return took, summary


def prepare_sites(engines: list[str], workdir: Path, rebuild: bool, keep: bool = False) -> dict[str, dict]:
    """Return {engine: {"site": Path, "notes": str}} building whatever is stale."""
    workdir.mkdir(parents=True, exist_ok=True)
    repo = workdir / "repo"
    stamp = workdir / "fingerprint.txt"
    current = fingerprint(ROOT)
    fresh = rebuild or not repo.exists() or not stamp.exists() or (stamp.read_text() != current and not keep)
    if fresh:
        print(f"snapshot of {ROOT} -> {repo}", file=sys.stderr)
        if repo.exists():
            shutil.rmtree(repo)
        shutil.copytree(ROOT, repo, ignore=SNAPSHOT_IGNORE)
        if fingerprint(repo) != current:
            raise SystemExit("repository changed while it was being copied; run again")
        for old in workdir.glob("site-*"):
            shutil.rmtree(old)
        for old in workdir.glob("pagefind*-index.txt"):
            old.unlink()
        stamp.write_text(current)

    info: dict[str, dict] = {}
    material_site = workdir / "site-material"

    def need_material():
        if not material_site.exists():
            cfg = variant_config(repo, "material", userdict=None, handbook_search=False)
            took = mkdocs_build(repo, cfg, material_site)
            print(f"built {material_site} in {took:.1f} s", file=sys.stderr)
        return material_site

    for engine in engines:
        notes = ""
        if engine == "material":
            site = need_material()
            if not material_search_present(site):
                notes = "WARNING: Material's search is not active in this build"
        elif engine in ("material-dict", "material-dict-terms"):
            site = workdir / f"site-{engine}"
            userdict = workdir / f"userdict-{engine}.txt"
            count = build_userdict(repo, userdict, with_titles=(engine == "material-dict"))
            notes = f"user dictionary {userdict} ({count} words)"
            if not site.exists():
                cfg = variant_config(repo, engine, userdict=userdict, handbook_search=False)
                took = mkdocs_build(repo, cfg, site)
                print(f"built {site} in {took:.1f} s ({notes})", file=sys.stderr)
            if not material_search_present(site):
                notes += "; WARNING: Material's search is not active in this build"
        elif engine in ("pagefind152", "pagefind160"):
            site = workdir / f"site-{engine}"
            cmd = ensure_pagefind152() if engine == "pagefind152" else ensure_pagefind160()
            marker = site / "pagefind" / "pagefind.js"
            if not marker.exists():
                took, summary = pagefind_index(cmd, need_material(), site)
                (workdir / f"{engine}-index.txt").write_text(f"{took:.2f}\t{summary}")
                print(f"indexed {site} in {took:.2f} s: {summary}", file=sys.stderr)
            took, summary = (workdir / f"{engine}-index.txt").read_text().split("\t", 1)
            notes = f"indexing {float(took):.2f} s; {summary}"
        elif engine == "handbook":
            site = workdir / "site-handbook"
            if not site.exists():
                took = mkdocs_build(repo, repo / "mkdocs.yml", site)
                print(f"built {site} in {took:.1f} s", file=sys.stderr)
            if not (site / "search").joinpath("handbook-index.js").exists():
                notes = "WARNING: no search/handbook-index.js in this build"
        else:
            raise SystemExit(f"unknown engine {engine!r}; known: {', '.join(ALL_ENGINES)}")
        info[engine] = {"site": site, "notes": notes}
    return info


# ───────────────────────────── serving ─────────────────────────────

class Server:
    """http.server on 127.0.0.1 in a thread; counts the bytes of every 200 body."""

    def __init__(self, directory: Path):
        log = self.log = []

        class Handler(http.server.SimpleHTTPRequestHandler):
            def send_response(self, code, message=None):
                self._code = int(code)
                super().send_response(code, message)

            def send_header(self, key, value):
                if key.lower() == "content-length":
                    log.append((self.path, getattr(self, "_code", 0), int(value)))
                super().send_header(key, value)

            def log_message(self, *args):
                pass

        handler = functools.partial(Handler, directory=str(directory))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


# ───────────────────────────── targets ─────────────────────────────

def h1_ids(site: Path) -> dict[str, str]:
    out = {}
    for f in site.rglob("*.html"):
        rel = f.relative_to(site).as_posix()
        if rel.startswith(("pagefind/", "assets/")):
            continue
        m = re.search(r'<h1[^>]*\sid="([^"]+)"', f.read_text(encoding="utf-8", errors="replace"))
        if m:
            out[rel] = m.group(1)
    return out


def url_target(url: str, h1: dict[str, str]) -> str:
    parts = urlsplit(url)
    path = unquote(parts.path).lstrip("/") or "index.html"
    if path.endswith("/"):
        path += "index.html"
    frag = unquote(parts.fragment)
    page = path[:-5] if path.endswith(".html") else path
    if frag and frag == h1.get(path):
        frag = ""
    if frag:
        return f"term:{frag}" if page == "glossary" else frag
    if page.startswith("checklists/") and page != "checklists/index":
        return "checklist:" + page.split("/", 1)[1]
    if re.fullmatch(r"P\d\d", h1.get(path, "")):
        return h1[path]  # source.html: its h1 is paragraph P01
    return page


def site_targets(site: Path) -> dict[str, str]:
    """{target: page} for every anchor of every page (glossary anchors as term:<id>),
    every page name and every checklist:<id>.  Material's own ids (__search …) are left out."""
    out: dict[str, str] = {}
    for f in sorted(site.rglob("*.html")):
        rel = f.relative_to(site).as_posix()
        if rel.startswith(("pagefind/", "assets/", "search/")):
            continue
        page = rel[:-5]
        out.setdefault(page, page)
        if page.startswith("checklists/"):
            out.setdefault("checklist:" + page.split("/", 1)[1], page)
        for i in re.findall(r'\sid="([^"]+)"', f.read_text(encoding="utf-8", errors="replace")):
            if not i.startswith("__"):
                out.setdefault(("term:" + i) if page == "glossary" else i, page)
    return out


def unknown_targets(queries: list[dict], site: Path) -> list[tuple[str, str]]:
    """(query, target) pairs whose target names nothing in the built site."""
    known = site_targets(site)
    return [(q["q"], t) for q in queries for t in [*q["expect"], *([q["first"]] if q.get("first") else [])]
            if t not in known]


def target_page(target: str, page_of: dict[str, str] | None = None) -> str:
    if target.startswith("term:"):
        return "glossary"
    if target.startswith("checklist:"):
        return "checklists/" + target.split(":", 1)[1]
    m = re.match(r"(ZS|ZX|GC|FW|WX|LL)\d", target)
    if m:
        return m.group(1).lower()
    if re.fullmatch(r"P\d\d", target):
        return "source"
    return (page_of or {}).get(target, target)


def url_page(url: str) -> str:
    path = unquote(urlsplit(url).path).lstrip("/") or "index.html"
    return path[:-5] if path.endswith(".html") else path


# ───────────────────────────── browser drivers ─────────────────────────────

BENCH_JS = r"""
(() => {
  if (window.__bench) return;
  // t0: first input or keyup event after arm(); tkey: first keyup (Material reacts to keyup only)
  const b = window.__bench = {t0: null, tkey: null, muts: [], armed: false};
  b.arm = () => { b.t0 = null; b.tkey = null; b.muts = []; b.armed = true; };
  const start = (ev) => {
    if (!b.armed) return;
    const now = performance.now();
    if (b.t0 === null) b.t0 = now;
    if (ev.type === 'keyup' && b.tkey === null) b.tkey = now;
  };
  document.addEventListener('keyup', start, true);
  document.addEventListener('input', start, true);
  const target = document.querySelector('.md-search-result') || document.querySelector('.md-search__output');
  new MutationObserver(() => { if (b.t0 !== null) b.muts.push(performance.now()); })
    .observe(target, {subtree: true, childList: true, characterData: true, attributes: false});
  b.settled = (quiet) => b.t0 !== null && b.muts.length > 0 && performance.now() - b.muts[b.muts.length - 1] > quiet;
})()
"""

READ_RESULTS_JS = r"""
() => {
  const meta = document.querySelector('.md-search-result__meta');
  const links = Array.from(document.querySelectorAll('.md-search-result__list a[href]')).map(a => {
    const art = a.querySelector('[data-md-score]');
    return {href: a.href, score: art ? art.dataset.mdScore : null,
            parent: !!a.querySelector('.md-search-result__icon')};
  });
  return {meta: meta ? meta.textContent.trim() : '', links};
}
"""


class UIDriver:
    """Types into the search box and reads the rendered result links."""

    def __init__(self, page, base_url: str, material: bool, quiet_ms: int = 250):
        self.page, self.material, self.quiet = page, material, quiet_ms
        started = time.perf_counter()
        page.goto(base_url + "/index.html", wait_until="load")
        page.evaluate(BENCH_JS)
        page.click(INPUT_SEL)
        if material:
            page.wait_for_function(
                f"() => {{ const m = document.querySelector('.md-search-result__meta');"
                f" return m && !m.textContent.includes('{MATERIAL_INIT}'); }}", polling=10, timeout=60000)
            self.ready_ms = page.evaluate("performance.now()")
        else:
            self.ready_ms = None  # measured by the first query (lazy index load)
        self.wall_ready = time.perf_counter() - started
        self.has_text = False

    def _wait(self, timeout_ms=8000) -> bool:
        try:
            self.page.wait_for_function(f"() => window.__bench.settled({self.quiet})",
                                        polling=20, timeout=timeout_ms)
            return True
        except Exception:
            return False

    def query(self, q: str) -> dict:
        page = self.page
        page.focus(INPUT_SEL)
        if self.has_text:
            page.evaluate("window.__bench.arm()")
            page.keyboard.press("Control+A")
            page.keyboard.press("Backspace")
            self._wait(3000)
        page.evaluate("window.__bench.arm()")
        page.keyboard.insert_text(q)
        page.keyboard.press("End")
        self.has_text = True
        ok = self._wait()
        timing = page.evaluate("() => { const b = window.__bench; return {t0: b.t0, tkey: b.tkey, last: b.muts[b.muts.length-1] ?? null}; }")
        res = page.evaluate(READ_RESULTS_JS)
        start = timing["tkey"] if self.material and timing["tkey"] is not None else timing["t0"]
        ms = (timing["last"] - start) if ok and timing["last"] is not None else None
        links = res["links"]
        literal = [l["href"] for l in links]
        if self.material:
            ranked = [l["href"] for l in links
                      if not (l["parent"] and l["score"] is not None and float(l["score"]) == 0.0)]
        else:
            ranked = literal
        return {"ranked": ranked, "literal": literal, "pages": ranked, "count": len(links),
                "meta": res["meta"], "ms": ms, "timeout": not ok}


PAGEFIND_INIT_JS = r"""
async () => {
  const t0 = performance.now();
  const pf = await import('/pagefind/pagefind.js');
  await pf.options({baseUrl: '/'});
  await pf.init();
  window.__pf = pf;
  return performance.now() - t0;
}
"""

PAGEFIND_QUERY_JS = r"""
async (q) => {
  const pf = window.__pf;
  const t0 = performance.now();
  const r = await pf.search(q);
  const t1 = performance.now();
  const data = await Promise.all(r.results.slice(0, 5).map(x => x.data()));
  const t2 = performance.now();
  return {count: r.results.length, t_search: t1 - t0, t_total: t2 - t0,
          results: data.map(d => ({url: d.url,
            sub: (d.sub_results || []).map(s => ({url: s.url,
              n: (s.locations || []).length,
              w: (s.weighted_locations || []).reduce((a, l) => a + (l.balanced_score || 0), 0)}))}))};
}
"""


class PagefindDriver:
    def __init__(self, page, base_url: str):
        self.page = page
        page.goto(base_url + "/index.html", wait_until="load")
        self.init_ms = page.evaluate(PAGEFIND_INIT_JS)
        self.ready_ms = page.evaluate("performance.now()")

    def query(self, q: str) -> dict:
        r = self.page.evaluate(PAGEFIND_QUERY_JS, q)
        ranked, api_first, pages = [], [], []
        for res in r["results"]:
            pages.append(res["url"])
            subs = res["sub"]
            if subs:
                best = sorted(enumerate(subs), key=lambda e: (-e[1]["n"], -e[1]["w"], e[0]))[0][1]
                ranked.append(best["url"])
                api_first.append(subs[0]["url"])
            else:
                ranked.append(res["url"])
                api_first.append(res["url"])
        return {"ranked": ranked, "literal": api_first, "pages": pages, "count": r["count"],
                "ms": r["t_total"], "ms_search": r["t_search"], "timeout": False,
                "subs": [[s["url"] for s in res["sub"]] for res in r["results"]]}


# ───────────────────────────── measuring ─────────────────────────────

def body_sizes(site: Path, url: str, body: bytes | None) -> tuple[int, int]:
    if body is None:
        f = site / unquote(urlsplit(url).path).lstrip("/")
        body = f.read_bytes() if f.is_file() else b""
    raw = len(body)
    gz = raw if body[:2] == b"\x1f\x8b" else min(raw, len(gzip.compress(body, 6)))
    return raw, gz


def summarize_bytes(responses, upto: int, pattern: str, site: Path) -> dict:
    seen, raw, gz, files, per_file = set(), 0, 0, 0, []
    for url, status, body in responses[:upto]:
        if url in seen or not re.search(pattern, urlsplit(url).path) or status not in (200, 304):
            continue
        seen.add(url)
        r, g = body_sizes(site, url, body)
        raw, gz, files = raw + r, gz + g, files + 1
        per_file.append((urlsplit(url).path, r, g))
    return {"raw": raw, "gz": gz, "files": files, "per_file": per_file}


def run_engine(browser, engine: str, site: Path, queries: list[dict]) -> dict:
    kind = "pagefind" if engine.startswith("pagefind") else ("handbook" if engine == "handbook" else "material")
    pattern = SEARCH_ASSETS[kind]
    h1 = h1_ids(site)
    with Server(site) as server:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        events = []
        context.on("response", lambda resp: events.append(resp))
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        driver = PagefindDriver(page, server.url) if kind == "pagefind" \
            else UIDriver(page, server.url, material=(kind == "material"))
        rows, marks = [], {}
        for i, q in enumerate(queries):
            out = driver.query(q["q"])
            rows.append({**q, **out})
            if i == 0:
                marks["first"] = len(events)
        marks["all"] = len(events)
        resolved = []
        for resp in events:
            try:
                body = resp.body() if resp.status == 200 else None
            except Exception:
                body = None
            resolved.append((resp.url, resp.status, body))
        context.close()
        server_bytes = sum(n for path, code, n in server.log
                           if code == 200 and re.search(pattern, urlsplit(path).path))
    return {"rows": rows, "h1": h1, "page_of": site_targets(site), "errors": errors,
            "ready_ms": driver.ready_ms, "init_ms": getattr(driver, "init_ms", None),
            "bytes_first": summarize_bytes(resolved, marks.get("first", 0), pattern, site),
            "bytes_all": summarize_bytes(resolved, marks["all"], pattern, site),
            "server_bytes": server_bytes}


def score(engine_result: dict) -> dict:
    h1 = engine_result["h1"]
    stats = {"n": 0, "r1": 0, "r5": 0, "p1": 0, "p5": 0, "lit1": 0, "zero": 0,
             "miss_n": 0, "false": 0, "missed": [], "by_kind": {}}
    times = []
    for row in engine_result["rows"]:
        targets = [url_target(u, h1) for u in row["ranked"]]
        literal = [url_target(u, h1) for u in row["literal"]]
        pages = []
        for u in row["pages"]:
            p = url_page(u)
            if p not in pages:
                pages.append(p)
        row["targets"], row["literal_targets"], row["result_pages"] = targets, literal, pages
        if row["ms"] is not None:
            times.append(row["ms"])
        if row.get("kind") == "miss" or not row.get("expect"):
            stats["miss_n"] += 1
            row["hit1"] = row["hit5"] = row["phit5"] = None
            row["false_hit"] = bool(row["count"])
            stats["false"] += row["false_hit"]
            continue
        expect = list(row["expect"])
        first = row.get("first")
        good1 = {first} if first else set(expect)
        good5 = set(expect) | ({first} if first else set())
        epages1 = {target_page(t, engine_result["page_of"]) for t in good1}
        epages5 = {target_page(t, engine_result["page_of"]) for t in good5}
        row["hit1"] = bool(targets) and targets[0] in good1
        row["lit1"] = bool(literal) and literal[0] in good1
        row["hit5"] = any(t in good5 for t in targets[:TOP_K])
        row["phit1"] = bool(pages) and pages[0] in epages1
        row["phit5"] = any(p in epages5 for p in pages[:TOP_K])
        stats["n"] += 1
        for key, flag in (("r1", "hit1"), ("r5", "hit5"), ("p1", "phit1"), ("p5", "phit5"), ("lit1", "lit1")):
            stats[key] += row[flag]
        stats["zero"] += row["count"] == 0
        k = stats["by_kind"].setdefault(row.get("kind", "?"), [0, 0, 0])
        k[0] += 1
        k[1] += row["hit1"]
        k[2] += row["hit5"]
        if not row["hit5"]:
            stats["missed"].append(row)
    times.sort()
    stats["median"] = statistics.median(times) if times else None
    stats["p95"] = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))] if times else None
    stats["timeouts"] = sum(1 for r in engine_result["rows"] if r.get("timeout"))
    return stats


def write_tsv(engine: str, engine_result: dict, path: Path):
    cols = ["q", "kind", "expect", "first", "rank1", "hit1", "hit5", "page1", "page_hit5", "false_hit",
            "results", "top5", "ms"]
    lines = ["\t".join(cols)]
    fmt = lambda v: "" if v is None else ("yes" if v is True else "no" if v is False else str(v))
    for r in engine_result["rows"]:
        lines.append("\t".join(fmt(v).replace("\t", " ") for v in [
            r["q"], r.get("kind", ""), ",".join(r.get("expect") or []), r.get("first") or "",
            r["targets"][0] if r["targets"] else "", r["hit1"], r["hit5"],
            r["result_pages"][0] if r["result_pages"] else "", r.get("phit5"),
            r.get("false_hit"), r["count"], ",".join(r["targets"][:5]),
            f"{r['ms']:.1f}" if r["ms"] is not None else ""]))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


# ───────────────────────────── file:// ─────────────────────────────

def file_check(browser, engine: str, site: Path) -> str:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    msgs = []
    page.on("console", lambda m: msgs.append(f"console.{m.type}: {m.text}"))
    page.on("pageerror", lambda e: msgs.append(f"pageerror: {e}"))
    page.goto((site / "index.html").as_uri(), wait_until="load")
    if engine.startswith("pagefind"):
        result = page.evaluate(r"""async () => {
            try {
              const pf = await import(new URL('pagefind/pagefind.js', location.href).href);
              await pf.options({});
              const r = await pf.search('五型');
              return `search returned ${r.results.length} results`;
            } catch (e) { return `${e.name}: ${e.message}`; }
        }""")
    else:
        try:
            page.click(INPUT_SEL, timeout=3000)
        except Exception as exc:  # not visible: note it and try the keyboard anyway
            msgs.append(f"search box not clickable ({str(exc).splitlines()[0]})")
            page.focus(INPUT_SEL)
        page.keyboard.insert_text("五型")
        page.keyboard.press("End")
        page.wait_for_timeout(3000)
        res = page.evaluate(READ_RESULTS_JS)
        result = f"meta={res['meta']!r}, {len(res['links'])} result links"
    page.wait_for_timeout(300)
    context.close()
    detail = "; ".join(dict.fromkeys(msgs))
    return f"{result}" + (f" | {detail}" if detail else "")


# ───────────────────────────── main ─────────────────────────────

def load_queries(path: Path, wait: float) -> list[dict]:
    deadline = time.time() + wait
    while not path.exists() and time.time() < deadline:
        time.sleep(10)
    if not path.exists():
        raise SystemExit(f"{path} does not exist")
    queries = yaml.safe_load(path.read_text(encoding="utf-8"))
    if isinstance(queries, dict):
        queries = queries.get("queries", [])
    out = []
    for q in queries:
        q = dict(q)
        q["q"] = str(q["q"])
        q["expect"] = [str(t) for t in (q.get("expect") or [])]
        if q.get("first") is not None:
            q["first"] = str(q["first"])
        out.append(q)
    return out


def fmt_kb(n: int) -> str:
    return f"{n / 1024:.0f}K" if n >= 10240 else f"{n / 1024:.1f}K"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--engines", default=DEFAULT_ENGINES, help=f"comma list of {', '.join(ALL_ENGINES)}")
    ap.add_argument("--queries", type=Path, default=ROOT / "tests/search/queries.yaml")
    ap.add_argument("--wait-queries", type=float, default=0, help="seconds to wait for the queries file")
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/search-bench"))
    ap.add_argument("--rebuild", action="store_true", help="rebuild every site even if inputs are unchanged")
    ap.add_argument("--keep-snapshot", action="store_true",
                    help="reuse <workdir>/repo and its sites even if the repository changed since")
    ap.add_argument("--out", type=Path, default=HERE, help="where results-<engine>.tsv go")
    ap.add_argument("--no-file-check", action="store_true")
    ap.add_argument("--json", type=Path, help="also dump raw per-query results here")
    args = ap.parse_args(argv)

    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    queries = load_queries(args.queries, args.wait_queries)
    sites = prepare_sites(engines, args.workdir, args.rebuild, args.keep_snapshot)

    any_site = next(iter(sites.values()))["site"]
    bad = unknown_targets(queries, any_site)
    if bad:
        print(f"WARNING: {len(bad)} expected target(s) exist nowhere in the site (counted as misses): "
              + "; ".join(f"{q} -> {t}" for q, t in bad), file=sys.stderr)

    from playwright.sync_api import sync_playwright
    results, stats, file_notes = {}, {}, {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for engine in engines:
            print(f"running {engine} on {len(queries)} queries …", file=sys.stderr)
            started = time.perf_counter()
            results[engine] = run_engine(browser, engine, sites[engine]["site"], queries)
            stats[engine] = score(results[engine])
            args.out.mkdir(parents=True, exist_ok=True)
            write_tsv(engine, results[engine], args.out / f"results-{engine}.tsv")
            print(f"  done in {time.perf_counter() - started:.0f} s", file=sys.stderr)
            if not args.no_file_check and engine in ("pagefind152", "pagefind160", "material"):
                file_notes[engine] = file_check(browser, engine, sites[engine]["site"])
        browser.close()

    n_hit = max((s["n"] for s in stats.values()), default=0)
    n_miss = max((s["miss_n"] for s in stats.values()), default=0)
    print(f"\nqueries: {args.queries} ({len(queries)}: {n_hit} with targets, {n_miss} miss)")
    if bad:
        print("unknown targets (exist nowhere in the site): " + "; ".join(f"{q} -> {t}" for q, t in bad))
    print()
    head = ["engine", "r@1", "r@5", "lit@1", "pg@1", "pg@5", "zero", "false", "med ms", "p95 ms",
            "ready ms", "1st-q raw", "1st-q gz", "all raw", "all gz", "files"]
    table = [head]
    pct = lambda a, n: f"{a}/{n} {100 * a / n:.0f}%" if n else "-"
    for engine in engines:
        s, r = stats[engine], results[engine]
        table.append([engine, pct(s["r1"], s["n"]), pct(s["r5"], s["n"]), pct(s["lit1"], s["n"]),
                      pct(s["p1"], s["n"]), pct(s["p5"], s["n"]), str(s["zero"]), f"{s['false']}/{s['miss_n']}",
                      f"{s['median']:.1f}" if s["median"] is not None else "-",
                      f"{s['p95']:.1f}" if s["p95"] is not None else "-",
                      f"{r['ready_ms']:.0f}" if r["ready_ms"] is not None else "lazy",
                      fmt_kb(r["bytes_first"]["raw"]), fmt_kb(r["bytes_first"]["gz"]),
                      fmt_kb(r["bytes_all"]["raw"]), fmt_kb(r["bytes_all"]["gz"]), str(r["bytes_all"]["files"])])
    widths = [max(len(row[i]) + sum(1 for ch in row[i] if ord(ch) > 0x2e80) for row in table) for i in range(len(head))]
    for i, row in enumerate(table):
        print("  ".join(c.ljust(w) if j == 0 else c.rjust(w) for j, (c, w) in enumerate(zip(row, widths))))
        if i == 0:
            print("  ".join("-" * w for w in widths))
    print("\nlit@1: Material = literal first displayed link; Pagefind = the API's first sub-result."
          "  ready: ms from navigation start until a query can be answered.")
    print("bytes: search index + code only, deduplicated by URL; gz = gzip -6 (already-gzip files at raw size).")

    kinds = sorted({k for s in stats.values() for k in s["by_kind"]})
    if kinds:
        print("\nr@5 by kind:")
        print("  ".join(["engine".ljust(20)] + [k.rjust(12) for k in kinds]))
        for engine in engines:
            bk = stats[engine]["by_kind"]
            print("  ".join([engine.ljust(20)] + [
                (f"{bk[k][2]}/{bk[k][0]}" if k in bk else "-").rjust(12) for k in kinds]))

    for engine in engines:
        s, r = stats[engine], results[engine]
        print(f"\n[{engine}] {sites[engine]['notes']}")
        print(f"  site: {sites[engine]['site']}; server sent {fmt_kb(r['server_bytes'])} of search files;"
              f" timeouts: {s['timeouts']}" + (f"; init {r['init_ms']:.0f} ms" if r["init_ms"] else ""))
        big = sorted(r["bytes_all"]["per_file"], key=lambda f: -f[1])
        shown = ", ".join(f"{path.rsplit('/', 2)[-2] + '/' if path.count('/') > 1 else ''}{path.rsplit('/', 1)[-1]}"
                          f" {fmt_kb(raw)}/{fmt_kb(gz)}" for path, raw, gz in big[:6])
        rest = big[6:]
        if rest:
            shown += f", {len(rest)} more {fmt_kb(sum(f[1] for f in rest))}/{fmt_kb(sum(f[2] for f in rest))}"
        print(f"  search files (raw/gz): {shown}")
        if r["errors"]:
            print(f"  page errors: {'; '.join(dict.fromkeys(r['errors']))[:500]}")
        if engine in file_notes:
            print(f"  file://: {file_notes[engine]}")
        print(f"  not in top 5 ({len(s['missed'])}):")
        for row in s["missed"]:
            print(f"    {row['q']} [{row.get('kind')}] expect {','.join(row['expect'])}"
                  f" -> {','.join(row['targets'][:5]) or '(no result)'}")
        fh = [row for row in r["rows"] if row.get("false_hit")]
        if fh:
            print(f"  false hits on miss queries ({len(fh)}):")
            for row in fh:
                print(f"    {row['q']} -> {row['count']} result links: {','.join(row['targets'][:3])}")

    if args.json:
        args.json.write_text(json.dumps({e: {"stats": {k: v for k, v in stats[e].items() if k != "missed"},
                                             "rows": results[e]["rows"]} for e in engines},
                                        ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
