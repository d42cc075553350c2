"""The sharded search index (handbook/export/search_shards.py), read back the way search.js
reads it: every posting is findable in the file the manifest names, positions agree with
the text, shards stay within their size bound and the build writes identical bytes twice."""

from __future__ import annotations

import json
import re

import pytest

from handbook.export import search_shards as shards
from handbook.export.search import search_documents, write_search_index

SCRIPT = re.compile(r'^\(window\.__HANDBOOK_SEARCH_SHARDS__=window\.__HANDBOOK_SEARCH_SHARDS__\|\|\{\}\)'
                    r'\["(?P<name>[^"]+)"\]=(?P<data>.*);\n$', re.S)


def read(files: dict[str, str], name: str):
    match = SCRIPT.match(files[f"{name}.js"])
    assert match and match["name"] == name, files[f"{name}.js"][:120]
    return json.loads(match["data"])


def manifest_of(files):
    text = files[shards.MANIFEST]
    assert text.startswith("window.__HANDBOOK_SEARCH__=") and text.endswith(";\n")
    return json.loads(text.removeprefix("window.__HANDBOOK_SEARCH__=").removesuffix(";\n"))


def file_of(manifest, gram: str) -> str:
    """search.js fileOf()."""
    if gram in manifest["heavy"]:
        return f"h/{manifest['heavy'][gram]}"
    family, count = ("u", manifest["unigram"]) if len(gram) == 1 else ("b", manifest["bigram"])
    return f"{family}/{shards.fnv1a(gram) % count}"


def decode(text: str, positional: bool) -> dict[tuple[int, int], tuple[int, list[int]]]:
    """search.js decode(): a posting string → (doc, field) → (field length, positions)."""
    assert isinstance(text, str) and re.fullmatch(r"\d+(,\d+)*", text), text[:80]
    flat = json.loads(f"[{text}]")
    out, doc, i = {}, 0, 0
    while i < len(flat):
        doc += flat[i]
        field, length = flat[i + 1], flat[i + 2]
        i += 3
        at = []
        if positional:
            count, last = flat[i], 0
            for delta in flat[i + 1:i + 1 + count]:
                last += delta
                at.append(last)
            i += 1 + count
        out[(doc, field)] = (length, at)
    return out


@pytest.fixture(scope="module")
def real_docs(catalogue):
    return search_documents(catalogue)


@pytest.fixture(scope="module")
def real_files(real_docs):
    return shards.shard_files(real_docs)


def test_every_bigram_and_character_is_found_at_its_positions(real_docs, real_files):
    manifest = manifest_of(real_files)
    assert manifest["docs"] == len(real_docs)
    loaded: dict[str, dict] = {}
    checked = 0
    for number, doc in enumerate(real_docs):
        for field, text in enumerate(shards.doc_fields(doc)):
            expected: dict[str, list[int]] = {}
            for at in range(len(text) - 1):
                expected.setdefault(text[at:at + 2], []).append(at)
            for gram in [*expected, *set(text)]:
                name = file_of(manifest, gram)
                if name not in loaded:
                    loaded[name] = read(real_files, name)
                entries = decode(loaded[name][gram], positional=len(gram) > 1)
                length, at = entries[(number, field)]
                assert length == len(text)
                assert at == expected.get(gram, []), (doc["id"], field, gram)
                checked += 1
    assert checked > 10 * len(real_docs)


def test_no_posting_points_past_a_document_or_into_a_wrong_field(real_docs, real_files):
    manifest = manifest_of(real_files)
    for name in real_files:
        if name.startswith(("b/", "u/", "h/")):
            for gram, flat in read(real_files, name.removesuffix(".js")).items():
                assert file_of(manifest, gram) == name.removesuffix(".js")
                for (doc, field), (length, at) in decode(flat, len(gram) > 1).items():
                    text = shards.doc_fields(real_docs[doc])[field]
                    assert len(text) == length and gram in text
                    assert all(text[p:p + 2] == gram for p in at)


def test_display_rows_and_kind_runs_match_the_documents(real_docs, real_files):
    manifest = manifest_of(real_files)
    assert sum(manifest["docShards"]) == len(real_docs)
    runs = manifest["kinds"] + [[None, len(real_docs)]]
    number = 0
    for shard, count in enumerate(manifest["docShards"]):
        rows = read(real_files, f"d/{shard}")
        assert len(rows) == count <= shards.DOC_SHARD
        size = len(real_files[f"d/{shard}.js"].encode())
        assert count == 1 or size <= shards.DISPLAY_BYTES + 200, (shard, size)   # only one long document may exceed
        for row in rows:
            doc = real_docs[number]
            assert row == [doc["id"], doc["title"], doc["text"], doc["where"], doc["url"]]
            kind = next(k for (k, start), (_, end) in zip(runs, runs[1:]) if start <= number < end)
            assert kind == doc["k"]
            number += 1


def _synthetic(count: int) -> list[dict]:
    """Documents with many distinct bigrams and a few very common ones."""
    chars = [chr(0x4E00 + i) for i in range(400)]
    docs = []
    for n in range(count):
        text = "".join(chars[(n * 7 + i * i) % 400] for i in range(60)) + "党支部建设"
        docs.append({"k": "item", "id": f"AB1-{n:04d}", "title": f"标题{chars[n % 400]}{chars[(n * 3) % 400]}",
                     "text": text, "where": "某处", "url": f"x.html#{n}"})
    return docs


def test_shard_sizes_are_bounded_and_grow_in_number_not_size():
    small, large = shards.shard_files(_synthetic(200)), shards.shard_files(_synthetic(2000))
    for files in (small, large):
        for name, text in files.items():
            size = len(text.encode())
            if name.startswith(("b/", "u/")):
                assert size <= shards.SHARD_BYTES + 200, (name, size)
            elif name.startswith("h/"):     # one gram each, however long its list
                assert len(read(files, name.removesuffix(".js"))) == 1
    assert manifest_of(large)["bigram"] > manifest_of(small)["bigram"]
    assert manifest_of(large)["heavy"]         # 党支 occurs in every document: a file of its own
    assert "党支" in manifest_of(large)["heavy"]


def test_normalise_matches_the_browser_rules():
    assert shards.normalise("ＧＣ2-03，“党支部”  Ａb") == "gc203党支部ab"
    assert shards.normalise("①") == "1"
    assert shards.normalise("a\ufeffb\u3000c\x1cd") == "abc\x1cd"     # JavaScript \s, not str.isspace


def test_characters_beyond_the_bmp_are_utf16_code_units_like_in_javascript():
    docs = [{"k": "term", "id": "x", "title": "𠀀甲", "text": "", "where": "w", "url": "u"}]
    files = shards.shard_files(docs)
    manifest = manifest_of(files)
    assert shards.normalise("𠀀") == "\ud840\udc00"
    for gram in ("\ud840\udc00", "\udc00甲", "\ud840"):     # as search.js bigrams()/charCodeAt see them
        # Python's JSON reader joins an escaped pair into one character; JavaScript keeps code units.
        key = gram.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")
        entries = decode(read(files, file_of(manifest, gram))[key], len(gram) > 1)
        assert entries[(0, shards.FIELD_TITLE)][0] == 3
    for text in files.values():
        text.encode("utf-8")                                      # no lone surrogate reaches a file


def test_writing_replaces_the_folder_and_is_reproducible(real_docs, tmp_path):
    stale = tmp_path / "search" / "b" / "9999.js"
    stale.parent.mkdir(parents=True)
    stale.write_text("old")
    other = tmp_path / "search" / "search_index.json"      # Material's, when its search is switched back on
    other.write_text("{}")
    first = write_search_index(real_docs, tmp_path)
    assert not stale.exists() and other.read_text() == "{}"
    on_disk = {p.relative_to(tmp_path / "search").as_posix(): p.read_text("utf-8")
               for p in (tmp_path / "search").rglob("*.js")}
    assert on_disk == first
    assert shards.shard_files(real_docs) == first
