"""The sharded index in a real browser, over http and from file://: a query loads the
manifest, the posting shards of its own characters and the display shards of the results
shown — nothing else (checked from the script URLs the page loaded)."""

from __future__ import annotations

import json

import pytest

from handbook.export import search_shards as shards

SCRIPTS = ("() => Array.from(document.querySelectorAll('script[src]'), s => s.src)"
           ".filter(u => u.includes('/search/'))")


# The search answered this query: every result shown (search.js sets data-hb-query, clears aria-busy).
ANSWERED = ("q => { const list = document.querySelector('[data-hb-search-results]');"
            " return document.querySelector('[data-hb-search-input]').value === q"
            " && list.dataset.hbQuery === q && !list.hasAttribute('aria-busy'); }")

def manifest_of(site):
    text = (site / "search" / shards.MANIFEST).read_text("utf-8")
    return json.loads(text.removeprefix("window.__HANDBOOK_SEARCH__=").removesuffix(";\n"))


def cover(text: str, manifest, loaded=frozenset()) -> list[str]:
    """search.js cover(): the bigrams an exact search needs, a chain of offsets from the first to
    the last bigram in steps of 1 or 2 (every character covered), cheapest first: loaded grams
    cost 0, heavy ones 3, others 1; ties take the longer step."""
    cost, came = [], []
    for o in range(len(text) - 1):
        gram = text[o:o + 2]
        price = 0 if gram in loaded else 3 if gram in manifest["heavy"] else 1
        before = -1 if o == 0 else o - 2 if o >= 2 and cost[o - 2] <= cost[o - 1] else o - 1
        cost.append(price + (cost[before] if before >= 0 else 0))
        came.append(before)
    offsets, at = [], len(text) - 2
    while at >= 0:
        offsets.insert(0, at)
        at = came[at]
    return [text[o:o + 2] for o in offsets]


def file_of(manifest, gram: str) -> str:
    if gram in manifest["heavy"]:
        return f"h/{manifest['heavy'][gram]}"
    if len(gram) == 1:
        return f"u/{shards.fnv1a(gram) % manifest['unigram']}"
    return f"b/{shards.fnv1a(gram) % manifest['bigram']}"


def query_grams(manifest, query: str, loaded=frozenset()) -> list[str]:
    text = shards.normalise(query)
    return [text] if len(text) == 1 else cover(text, manifest, loaded)


def expected_postings(manifest, query: str) -> set[str]:
    """The posting files search.js loads for the query on a fresh page."""
    return {file_of(manifest, gram) for gram in query_grams(manifest, query)}


def loaded_files(page) -> list[str]:
    return [u.split("/search/", 1)[1].removesuffix(".js") for u in page.evaluate(SCRIPTS)]


def type_query(page, query: str) -> list[str]:
    box = page.locator("[data-hb-search-input]")
    box.fill("")
    box.click()
    page.keyboard.insert_text(query)
    page.wait_for_function(ANSWERED, arg=query)
    return page.locator(".hb-result a").evaluate_all("links => links.map(a => a.href)")


def check_query_loads_only_its_shards(page, site, query: str) -> None:
    manifest = manifest_of(site)
    page.locator("[data-hb-search-input]").focus()
    page.wait_for_function("() => window.__HANDBOOK_SEARCH__ !== undefined")
    assert loaded_files(page) == ["handbook-index"]           # focusing loads the manifest only
    links = type_query(page, query)
    assert links
    files = loaded_files(page)
    assert len(files) == len(set(files))                      # no shard loaded twice
    postings = {f for f in files if f.startswith(("b/", "u/", "h/"))}
    assert postings == expected_postings(manifest, query)
    text = shards.normalise(query)
    if len(text) > 3:                                          # about half the bigrams suffice
        assert len(query_grams(manifest, query)) < len(text) - 1
    assert len(postings) < manifest["bigram"] + manifest["unigram"]
    displays = [f for f in files if f.startswith("d/")]
    assert 0 < len(displays) <= len(links)
    # Every display shard loaded holds a result shown.
    for name in displays:
        rows = json.loads((site / "search" / f"{name}.js").read_text("utf-8").split("]=", 1)[1].removesuffix(";\n"))
        assert any(link.endswith("/" + row[4]) for row in rows for link in links), name
    assert set(files) == {"handbook-index"} | postings | set(displays)


@pytest.mark.parametrize("query", ["双报到", "GC2-03", "廉", "组织生活大排查"])
def test_a_query_loads_only_its_shards_over_http(page, site_url, built_site, query):
    site, _log = built_site
    page.goto(f"{site_url}/index.html")
    check_query_loads_only_its_shards(page, site, query)
    assert page.console_errors == [] and page.outside_requests == []


def test_a_query_loads_only_its_shards_from_file_url(browser, built_site):
    site, _log = built_site
    context = browser.new_context()
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((site / "gc.html").as_uri())
    check_query_loads_only_its_shards(page, site, "开展组织生活大排查")
    assert all(u.startswith("file://") for u in page.evaluate(SCRIPTS))
    # A second query reuses what is loaded and adds only the files of the grams it still needs.
    manifest = manifest_of(site)
    before = set(loaded_files(page))
    loaded = set(query_grams(manifest, "开展组织生活大排查"))
    type_query(page, "开展组织生活")
    added = set(loaded_files(page)) - before
    needed = {file_of(manifest, g) for g in query_grams(manifest, "开展组织生活", loaded) if g not in loaded}
    assert {f for f in added if not f.startswith("d/")} == needed - before
    assert errors == []
    context.close()


# Snapshots of the result links at every change of the list, and how many display shards had been
# requested when the first result showed.
WATCH = """() => {
  const list = document.querySelector('[data-hb-search-results]');
  window.__snapshots = [];
  new MutationObserver(() => {
    const links = Array.from(list.querySelectorAll('.hb-result a'), a => a.getAttribute('href'));
    if (!links.length) return;
    const displays = Array.from(document.querySelectorAll('script[src]'), s => s.src).filter(u => u.includes('/search/d/'));
    window.__snapshots.push({ links, displays: displays.length });
  }).observe(list, { childList: true });
}"""


@pytest.mark.parametrize("query", ["党支部", "监督"])
def test_the_top_result_shows_first_and_later_ones_only_append(page, site_url, query):
    """The first result shows once its own display shard is in (the only one requested so far);
    the list then grows in rank order, never reordering what is shown."""
    page.goto(f"{site_url}/index.html")
    page.locator("[data-hb-search-input]").focus()
    page.wait_for_function("() => window.__HANDBOOK_SEARCH__ !== undefined")
    page.evaluate(WATCH)
    box = page.locator("[data-hb-search-input]")
    box.click()
    page.keyboard.insert_text(query)
    page.wait_for_function(ANSWERED, arg=query)
    final = page.locator(".hb-result a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    snapshots = page.evaluate("window.__snapshots")
    assert len(final) > 6 and snapshots
    assert snapshots[0]["displays"] == 1
    for snapshot in snapshots:
        assert snapshot["links"] == final[:len(snapshot["links"])]
    ranked = page.evaluate("q => window.handbookSearch(q)", query)
    assert len(ranked) == len(final) and all(h.endswith("/" + r["url"]) for h, r in zip(final, ranked))
    assert page.console_errors == []


def test_typing_on_shows_only_the_latest_answer(page, site_url):
    """Characters typed before the previous query is answered: the list ends with the answer
    to what is in the box, whatever order the shards of the two queries come in."""
    page.goto(f"{site_url}/index.html")
    box = page.locator("[data-hb-search-input]")
    box.click()
    page.keyboard.insert_text("监")
    page.keyboard.insert_text("督")               # no wait: 监's answer may still be loading
    page.wait_for_function(ANSWERED, arg="监督")
    shown = page.locator(".hb-result a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    ranked = page.evaluate("q => window.handbookSearch(q)", "监督")
    assert len(shown) == len(ranked) > 1
    assert all(h.endswith("/" + r["url"]) for h, r in zip(shown, ranked))
    total = page.evaluate("q => window.handbookSearch(q).then(r => r.total)", "监督")
    assert page.locator("[data-hb-search-meta]").inner_text() == f"找到 {total} 条结果"
    assert page.console_errors == []
