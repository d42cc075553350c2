"""The sharded search index (issue 10.4): a tiny manifest plus posting and document shards
that the browser loads only for the characters of a query.

Every file is a script that registers itself in a global, so search also works from file://
(no fetch/XHR). Files under site/search/:

* ``handbook-index.js`` — ``window.__HANDBOOK_SEARCH__ = {manifest}``: shard counts, the
  document count, ``docShards`` (how many documents each display shard holds, in order), kind
  runs (doc number where each run of one kind starts) and ``heavy``, the grams whose posting
  list has a file of its own.
* ``b/<n>.js`` — bigram postings, ``n = fnv1a(bigram) % manifest.bigram``;
  ``u/<n>.js`` — single-character postings (used for one-character queries only);
  ``h/<n>.js`` — one heavy gram each (``n = manifest.heavy[gram]``);
  ``d/<n>.js`` — display rows ``[id, title, text, where, url]`` of the next ``docShards[n]`` documents.
  Each does ``(window.__HANDBOOK_SEARCH_SHARDS__ ||= {})["b/12"] = data``.

Postings of one gram: a string of comma-separated integers (a string, not an array literal: the
browser scans a string far faster than it builds an array, and parses only the grams a query
needs), per (document, field) in document order:
``doc − previous doc, field, field length`` and, for bigrams, ``count, positions (deltas)``.
Fields: 0 the ID, 1 the title, 2 the text, 3 + j the j-th name. Positions are in the
normalised text (search.js ``normalise``: NFKC per character, lower case, no whitespace,
punctuation or symbols), so a phrase is found exactly from its bigrams' positions.
"""

from __future__ import annotations

import json
import shutil
import unicodedata
from pathlib import Path

MANIFEST = "handbook-index.js"
DOC_SHARD = 16                 # at most this many documents per display shard: only hits' shards load
DISPLAY_BYTES = 12 * 1024      # and at most this much text, unless one document is larger
SHARD_BYTES = 24 * 1024        # target size of a posting shard (raw; gzip is about a third)
HEAVY_BYTES = SHARD_BYTES // 3  # a gram this large gets a file of its own
MAX_SHARDS = 1 << 14
FIELD_ID, FIELD_TITLE, FIELD_TEXT, FIELD_NAMES = 0, 1, 2, 3
KINDS = ("term", "item", "part", "section", "checklist", "facet", "case", "related")   # related: data/everyday.yaml


# JavaScript's \s (search.js STRIP), not str.isspace: the two differ at U+001C–001F and U+FEFF.
_JS_SPACE = frozenset("\t\n\v\f\r \u00a0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff"
                      + "".join(chr(c) for c in range(0x2000, 0x200B)))


class _Folding(dict):
    """str.translate table built on demand: code point → its normalised form ('' if stripped)."""

    def __missing__(self, point: int) -> str:
        if point > 0xFFFF:          # JS strings are UTF-16: search.js sees two code units, kept as they are
            point -= 0x10000
            self[point + 0x10000] = chr(0xD800 + (point >> 10)) + chr(0xDC00 + (point & 0x3FF))
            return self[point + 0x10000]
        folded = unicodedata.normalize("NFKC", chr(point)).lower()
        self[point] = "".join(c for c in folded if not (c in _JS_SPACE or unicodedata.category(c)[0] in "PS"))
        return self[point]


_FOLDING = _Folding()


def normalise(text: str) -> str:
    """The browser's normalise(): the same characters, so positions agree with search.js."""
    return text.translate(_FOLDING)


def fnv1a(gram: str) -> int:
    """32-bit FNV-1a over code points (search.js: hash)."""
    h = 0x811C9DC5
    for char in gram:
        h = ((h ^ ord(char)) * 0x01000193) & 0xFFFFFFFF
    return h


def doc_fields(doc: dict) -> list[str]:
    return [normalise(doc["id"]), normalise(doc["title"]), normalise(doc["text"]),
            *(normalise(name) for name in doc.get("names", []))]


def postings(docs: list[dict]) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
    """Bigram and unigram posting lists, encoded (one pass over the text: linear)."""
    bigrams: dict[str, list] = {}
    unigrams: dict[str, list] = {}
    for number, doc in enumerate(docs):
        for field, text in enumerate(doc_fields(doc)):
            if not text:
                continue
            length = len(text)
            seen: dict[str, list[int]] = {}
            for at, gram in enumerate(map(str.__add__, text, text[1:])):
                seen.setdefault(gram, []).append(at)
            for gram, places in seen.items():
                bigrams.setdefault(gram, []).append((number, field, length, places))
            for char in dict.fromkeys(text):
                unigrams.setdefault(char, []).append((number, field, length, None))
    return _encode(bigrams), _encode(unigrams)


def _encode(lists: dict[str, list]) -> dict[str, list[int]]:
    encoded = {}
    for gram, entries in lists.items():
        flat, previous = [], 0
        for number, field, length, places in entries:
            flat += (number - previous, field, length)
            previous = number
            if places is not None:
                flat.append(len(places))
                flat += map(int.__sub__, places, [0, *places])
        encoded[gram] = flat
    return encoded


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _key(gram: str) -> str:
    """A gram as a JSON key; halves of a UTF-16 pair are written as \\u escapes (not UTF-8)."""
    return json.dumps(gram, ensure_ascii=any(0xD800 <= ord(c) < 0xE000 for c in gram))


def _script(name: str, data) -> str:
    return ("(window.__HANDBOOK_SEARCH_SHARDS__=window.__HANDBOOK_SEARCH_SHARDS__||{})"
            f"[{_dumps(name)}]={_dumps(data)};\n")


def _joined(name: str, pieces: list[str]) -> str:
    return ("(window.__HANDBOOK_SEARCH_SHARDS__=window.__HANDBOOK_SEARCH_SHARDS__||{})"
            f"[{_dumps(name)}]={{{','.join(pieces)}}};\n")


def _buckets(sizes: dict[str, int]) -> tuple[int, list[dict[str, int]]]:
    """Fewest hash buckets (a power of two) with no bucket over SHARD_BYTES."""
    count = 1
    while count * SHARD_BYTES < sum(sizes.values()):
        count *= 2
    while True:
        totals = [0] * count
        for gram, size in sizes.items():
            totals[fnv1a(gram) % count] += size
        if max(totals) <= SHARD_BYTES or count >= MAX_SHARDS:
            return count, totals
        count *= 2


def shard_files(docs: list[dict]) -> dict[str, str]:
    """Every file of the index: path under search/ → script text."""
    bigrams, unigrams = postings(docs)
    files: dict[str, str] = {}
    heavy: dict[str, int] = {}
    counts = {}
    for family, lists in (("b", bigrams), ("u", unigrams)):
        # Each gram's list is encoded once; shard scripts are joined from these pieces.
        pieces = {gram: f'{_key(gram)}:"{",".join(map(str, flat))}"' for gram, flat in lists.items()}
        light = {}
        for gram in sorted(pieces):
            if len(pieces[gram]) > HEAVY_BYTES:
                heavy[gram] = len(heavy)
                files[f"h/{heavy[gram]}.js"] = _joined(f"h/{heavy[gram]}", [pieces[gram]])
            else:
                light[gram] = len(pieces[gram].encode()) + 1
        count, _totals = _buckets(light)
        counts[family] = count
        shards: list[list[str]] = [[] for _ in range(count)]
        for gram in light:                      # sorted above: same bytes on every build
            shards[fnv1a(gram) % count].append(pieces[gram])
        for n, shard in enumerate(shards):
            files[f"{family}/{n}.js"] = _joined(f"{family}/{n}", shard)
    # Display shards: consecutive documents, at most DOC_SHARD of them and DISPLAY_BYTES of text
    # (a longer document gets a shard of its own); the manifest lists how many each holds.
    sizes: list[int] = []
    rows: list[list[str]] = []
    used = 0
    for doc in docs:
        row = [doc["id"], doc["title"], doc["text"], doc["where"], doc["url"]]
        length = len(_dumps(row).encode())
        if rows and (len(rows) == DOC_SHARD or used + length > DISPLAY_BYTES):
            files[f"d/{len(sizes)}.js"] = _script(f"d/{len(sizes)}", rows)
            sizes.append(len(rows))
            rows, used = [], 0
        rows.append(row)
        used += length
    if rows:
        files[f"d/{len(sizes)}.js"] = _script(f"d/{len(sizes)}", rows)
        sizes.append(len(rows))
    runs = []
    for number, doc in enumerate(docs):
        if doc["k"] not in KINDS:
            raise ValueError(f"search document {doc['id']}: unknown kind {doc['k']!r}")
        if not runs or runs[-1][0] != doc["k"]:
            runs.append([doc["k"], number])
    manifest = {"version": 3, "docs": len(docs), "docShards": sizes, "bigram": counts["b"],
                "unigram": counts["u"], "kinds": runs, "heavy": heavy}
    files[MANIFEST] = f"window.__HANDBOOK_SEARCH__={_dumps(manifest)};\n"
    return files


def write_shards(docs: list[dict], folder: Path) -> dict[str, str]:
    """Replace the index in folder (site/search) with that of docs; return the files written.
    Only the index's own files go: Material's search_index.json may share the folder."""
    files = shard_files(docs)
    (folder / MANIFEST).unlink(missing_ok=True)
    for sub in ("b", "u", "h", "d"):
        shutil.rmtree(folder / sub, ignore_errors=True)
        (folder / sub).mkdir(parents=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return files
