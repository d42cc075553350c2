/* 手册搜索: substring search over a build-time, sharded index, made for Chinese.
   Chinese has no spaces, so instead of word tokens we match the query as a
   substring of width-normalised, punctuation-free text: phrases across word
   boundaries, slogans and IDs all match exactly as typed. A query with no exact
   match falls back to character bigrams (most of them must occur).
   Exact substrings are found from the positions of the query's bigrams, so only the
   shards holding those bigrams are loaded (format: handbook/export/search_shards.py).
   The index files are scripts, not JSON, so search also works when opened from file://. */
(function () {
  "use strict";

  var script = document.currentScript;
  var base = script ? script.src.replace(/assets\/javascripts\/search\.js(\?.*)?$/, "") : "";
  var MAX_SHOWN = 30;
  // The top result shows as soon as its display shard is in, the next ones up to FIRST_SHOWN as
  // theirs arrive (at most 6 files: what a browser fetches from one host at once over HTTP/1.1,
  // and about what the panel shows); the rest up to MAX_SHOWN follow.
  var FIRST_SHOWN = 6;
  var FACET_WEIGHT = 0.3;
  var KIND_BONUS = { term: 40, item: 30, checklist: 20, facet: 12, section: 10, case: 8, part: 5, related: 6 };
  // A case's badge is its real kind (示例, 来稿 …), read from its `where` ("案例 · <kind>"); an everyday
  // word the speech does not use leads to requirements as “相关” (data/everyday.yaml, issue 21).
  var KIND_LABEL = { term: "提法", item: "条目", checklist: "清单", facet: "分类", section: "方面", case: "案例", part: "部分",
    related: "相关" };
  // Said whenever nothing matched: the handbook holds one speech, not all of 党务.
  var SCOPE_NOTE = "本手册只收录这篇讲话的要求、提法和案例；讲话未涉及的内容这里找不到。";
  // Where to go next when nothing matched (issue 11.6): these pages list everything.
  var NEXT_STEPS = [["提法词典", "glossary.html"], ["按责任主体浏览", "browse/subjects.html"],
    ["按工作类别浏览", "browse/kinds.html"], ["按五型浏览", "browse/types.html"]];
  // built from a string: the same Unicode-property class, but a parser without ES2018 regex support (esprima, used by
  // tests/unit/test_house.py to measure function lengths) still reads the file
  var STRIP = new RegExp("[\\s\\p{P}\\p{S}]", "u");

  /* Normalise text and keep, for each normalised character, its index in the original
     (so a match can be highlighted in the text as displayed). */
  var folding = Object.create(null);   // any other character → its normalised form ("" if stripped)

  function normalise(text) {
    var out = "", map = [];
    for (var i = 0; i < text.length; i++) {
      var c = text.charCodeAt(i);
      // Fast path (most of the text): CJK ideographs, digits and a–z are their own form.
      if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a)) {
        out += text[i]; map.push(i); continue;
      }
      var folded = folding[text[i]];
      if (folded === undefined) {
        var form = text[i].normalize("NFKC").toLowerCase();
        folded = "";
        for (var j = 0; j < form.length; j++) if (!STRIP.test(form[j])) folded += form[j];
        folding[text[i]] = folded;
      }
      for (var k = 0; k < folded.length; k++) { out += folded[k]; map.push(i); }
    }
    return { text: out, map: map };
  }

  function key(text) { return normalise(text).text; }

  /* The index is sharded (handbook/export/search_shards.py): a small manifest, then only the
     posting shards of the query's characters and the display shards of the documents shown.
     Every file is a script registering itself in a global, so file:// works (no fetch). */
  var FIELD_ID = 0, FIELD_TITLE = 1, FIELD_TEXT = 2, FIELD_NAMES = 3, FIELDS = 256;
  var manifest = null, loadingManifest = null, files = {}, lists = {}, kindOf = null, shardOf = null, slotOf = null;

  function loadScript(name) {
    if (files[name]) return files[name];
    files[name] = new Promise(function (resolve, reject) {
      var tag = document.createElement("script");
      tag.src = base + "search/" + name + ".js";
      tag.onload = function () {
        var shards = window.__HANDBOOK_SEARCH_SHARDS__ || {};
        resolve(name === "handbook-index" ? window.__HANDBOOK_SEARCH__ : shards[name]);
      };
      tag.onerror = function () { delete files[name]; reject(new Error("search index file not found: " + name)); };
      document.head.appendChild(tag);
    });
    return files[name];
  }

  function load() {
    if (manifest) return Promise.resolve(manifest);
    if (loadingManifest) return loadingManifest;
    loadingManifest = loadScript("handbook-index").then(function (data) {
      manifest = data;
      shardOf = new Int32Array(data.docs);
      slotOf = new Int32Array(data.docs);
      for (var s = 0, d0 = 0; s < data.docShards.length; d0 += data.docShards[s], s++) {
        for (var slot = 0; slot < data.docShards[s]; slot++) { shardOf[d0 + slot] = s; slotOf[d0 + slot] = slot; }
      }
      kindOf = new Array(data.docs);
      var runs = data.kinds;
      for (var r = 0; r < runs.length; r++) {
        var end = r + 1 < runs.length ? runs[r + 1][1] : data.docs;
        for (var d = runs[r][1]; d < end; d++) kindOf[d] = runs[r][0];
      }
      return manifest;
    }, function (error) { loadingManifest = null; throw error; });
    return loadingManifest;
  }

  /* 32-bit FNV-1a over the characters (search_shards.py: fnv1a). */
  function hash(gram) {
    var h = 0x811c9dc5;
    for (var i = 0; i < gram.length; i++) h = Math.imul(h ^ gram.charCodeAt(i), 0x01000193) >>> 0;
    return h;
  }

  function fileOf(gram) {
    if (Object.prototype.hasOwnProperty.call(manifest.heavy, gram)) return "h/" + manifest.heavy[gram];
    return gram.length === 1 ? "u/" + hash(gram) % manifest.unigram : "b/" + hash(gram) % manifest.bigram;
  }

  /* Load the postings of these grams; resolves once every one is in `lists`. */
  function loadGrams(grams) {
    var wanted = grams.filter(function (g, i) { return !lists[g] && grams.indexOf(g) === i; });
    var names = wanted.map(fileOf).filter(function (n, i, all) { return all.indexOf(n) === i; });
    return Promise.all(names.map(loadScript)).then(function (shards) {
      wanted.forEach(function (gram) {
        lists[gram] = decode(shards[names.indexOf(fileOf(gram))][gram] || "", gram.length > 1);
      });
    });
  }

  /* A posting string ("doc delta, field, length[, count, position deltas]" per entry, see
     search_shards.py) → sorted keys (doc * FIELDS + field), field lengths and, for bigrams,
     where each entry's positions start in `flat`. Typed arrays: no object per entry. */
  function decode(text, positional) {
    var flat = text ? JSON.parse("[" + text + "]") : [];
    var size = positional ? (flat.length >> 2) + 1 : Math.floor(flat.length / 3) + 1;
    var keys = new Int32Array(size), lengths = new Int32Array(size), at = positional ? new Int32Array(size) : null;
    var n = 0, doc = 0, i = 0;
    while (i < flat.length) {
      doc += flat[i];
      keys[n] = doc * FIELDS + flat[i + 1];
      lengths[n] = flat[i + 2];
      i += 3;
      if (positional) { at[n] = i; i += 1 + flat[i]; }
      n++;
    }
    return { n: n, keys: keys, lengths: lengths, at: at, flat: flat };
  }

  /* Index of key in a decoded list, or -1 (binary search: keys ascend). */
  function find(list, key) {
    var lo = 0, hi = list.n - 1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1, k = list.keys[mid];
      if (k === key) return mid;
      if (k < key) lo = mid + 1; else hi = mid - 1;
    }
    return -1;
  }

  /* Whether entry e of a bigram list has the gram at position p (positions ascend). */
  function hasPosition(list, e, p) {
    var flat = list.flat, i = list.at[e], count = flat[i], last = 0;
    for (var j = 1; j <= count; j++) {
      last += flat[i + j];
      if (last >= p) return last === p;
    }
    return false;
  }

  /* Every entry of a list as {doc, field, length}. */
  function eachEntry(list, fn) {
    for (var e = 0; e < list.n; e++) {
      var key = list.keys[e];
      fn({ doc: Math.floor(key / FIELDS), field: key % FIELDS, length: list.lengths[e] }, e);
    }
  }

  /* The bigram offsets needed to find a term exactly: a chain from 0 to length - 2 with steps of
     1 or 2 covers every character, so about half the bigrams suffice. Grams already loaded cost
     nothing, heavy ones (a large file each) the most. */
  function cover(term) {
    var last = term.length - 2, cost = [], from = [];
    function price(o) {
      var gram = term.substr(o, 2);
      if (lists[gram]) return 0;
      return Object.prototype.hasOwnProperty.call(manifest.heavy, gram) ? 3 : 1;
    }
    for (var o = 0; o <= last; o++) {
      var before = o === 0 ? -1 : (o >= 2 && cost[o - 2] <= cost[o - 1] ? o - 2 : o - 1);
      cost[o] = price(o) + (before < 0 ? 0 : cost[before]);
      from[o] = before;
    }
    var offsets = [];
    for (var at = last; at >= 0; at = from[at]) offsets.unshift(at);
    return offsets;
  }

  /* Display rows ([id, title, text, where, url]) of these document numbers. */
  function loadDocs(numbers) {
    var names = [];
    numbers.forEach(function (n) {
      var name = "d/" + shardOf[n];
      if (names.indexOf(name) < 0) names.push(name);
    });
    return Promise.all(names.map(loadScript)).then(function (shards) {
      return numbers.map(function (n) {
        var row = shards[names.indexOf("d/" + shardOf[n])][slotOf[n]];
        return { n: n, k: kindOf[n], id: row[0], title: row[1], text: row[2], where: row[3], url: row[4] };
      });
    });
  }

  function isIdLike(term) { return /^[a-z]{2}\d/.test(term); }

  /* Where a term occurs: Map(doc * FIELDS + field → {doc, field, length, first: match at 0}).
     Bigram positions give exact substring matches; one character uses its own postings. */
  function occurrences(term) {
    var found = [];
    if (term.length === 1) {
      eachEntry(lists[term], function (e) { e.first = e.length === 1; found.push(e); });
      return found;
    }
    // Walk the shortest list of the cover; look the others up at their offsets.
    var parts = cover(term).map(function (o) { return { o: o, list: lists[term.substr(o, 2)] }; });
    parts.sort(function (a, b) { return a.list.n - b.list.n; });
    var lead = parts[0], rest = parts.slice(1), flat = lead.list.flat, where = new Int32Array(rest.length);
    eachEntry(lead.list, function (e, index) {
      var key = lead.list.keys[index];
      for (var r = 0; r < rest.length; r++) if ((where[r] = find(rest[r].list, key)) < 0) return;
      var i = lead.list.at[index], count = flat[i], p = 0, any = false, first = false;
      for (var j = 1; j <= count && !first; j++) {
        p += flat[i + j];
        var start = p - lead.o, ok = start >= 0;
        for (var k = 0; k < rest.length && ok; k++) ok = hasPosition(rest[k].list, where[k], start + rest[k].o);
        if (ok) { any = true; first = start === 0; }
      }
      if (any) { e.first = first; found.push(e); }
    });
    return found;
  }

  /* Score every document a term occurs in (the rules of the unsharded engine, from field
     lengths and match positions): Map(doc → score). */
  function scoreTerm(term) {
    var scores = new Map(), L = term.length, idLike = isIdLike(term);
    occurrences(term).forEach(function (o) {
      var score = 0, exact = o.first && o.length === L;
      if (o.field === FIELD_ID) {
        if (exact) score = 1000;
        else if (idLike && o.first && kindOf[o.doc] !== "term") score = 600 - (o.length - L);
      } else if (o.field >= FIELD_NAMES) score = exact ? 900 : 0;
      else if (o.field === FIELD_TITLE) score = exact ? 800 : 300 + 200 * L / o.length;
      else if (o.field === FIELD_TEXT) score = 100 + 200 * L / Math.max(o.length, 1);
      if (score > (scores.get(o.doc) || 0)) scores.set(o.doc, score);
    });
    return scores;
  }

  /* The grams an exact search for these terms needs (a cover of each term's bigrams). */
  function termGrams(terms) {
    var grams = [];
    terms.forEach(function (t) {
      grams = grams.concat(t.length === 1 ? [t] : cover(t).map(function (o) { return t.substr(o, 2); }));
    });
    return grams;
  }

  function bigrams(text) {
    var grams = [];
    for (var i = 0; i + 1 < text.length; i++) grams.push(text.substr(i, 2));
    return grams;
  }

  function queryTerms(query) {
    return query.normalize("NFKC").split(/\s+/).map(key).filter(Boolean);
  }

  /* Ranked results [{n, score, terms, near}] (documents by number; display rows come later). */
  function search(query) {
    var terms = queryTerms(query);
    if (!terms.length) return Promise.resolve([]);
    return loadGrams(termGrams(terms)).then(function () {
      var perTerm = terms.map(scoreTerm), results = [];
      var candidates = Array.from(perTerm[0].keys()).sort(function (a, b) { return a - b; });
      candidates.forEach(function (n) {
        var total = 0;
        for (var i = 0; i < perTerm.length; i++) {
          var score = perTerm[i].get(n);
          if (!score) return;
          total += score;
        }
        // Facet sections are ways onward, not answers: found, but after the items' title hits.
        if (kindOf[n] === "facet") total *= FACET_WEIGHT;
        results.push({ n: n, score: total + KIND_BONUS[kindOf[n]], terms: terms });
      });
      return results.length ? results : fuzzy(terms);
    }).then(function (results) {
      results.sort(function (a, b) { return b.score - a.score; });
      return results;
    });
  }

  /* No exact match: rank by the share of the query's character bigrams found in a document. */
  function fuzzy(terms) {
    var joined = terms.join("");
    if (joined.length < 3 || isIdLike(joined)) return [];
    var grams = bigrams(joined);
    return loadGrams(grams).then(function () {
      var present = new Map();          // doc → set of grams found in its title or text
      grams.forEach(function (g) {
        eachEntry(lists[g], function (e) {
          if (e.field !== FIELD_TITLE && e.field !== FIELD_TEXT) return;
          if (!present.has(e.doc)) present.set(e.doc, new Set());
          present.get(e.doc).add(g);
        });
      });
      var found = [];
      Array.from(present.keys()).sort(function (a, b) { return a - b; }).forEach(function (n) {
        var hits = grams.filter(function (g) { return present.get(n).has(g); });
        var share = hits.length / grams.length;
        if (share >= 0.6) found.push({ n: n, score: 100 * share + KIND_BONUS[kindOf[n]], terms: hits, near: true });
      });
      return found;
    });
  }

  /* Suggestions for a query without results: terms, checklists and facets sharing a
     bigram (or, for Latin input, whose pinyin ID contains it), best overlap first. */
  function suggestions(query) {
    var joined = queryTerms(query).join("");
    var latin = /[a-z]/.test(joined), grams = bigrams(joined);
    if (joined.length === 1) grams = [joined];
    if (latin) grams = joined.length >= 3 ? bigrams(joined) : [];
    var wanted = function (n) { var k = kindOf[n]; return k === "term" || k === "checklist" || k === "facet"; };
    return loadGrams(grams).then(function () {
      var scores = new Map();
      if (latin && grams.length) {
        occurrences(joined).forEach(function (o) { if (o.field === FIELD_ID && wanted(o.doc)) scores.set(o.doc, 1); });
      } else if (!latin) {
        grams.forEach(function (g) {
          var docs = new Set();
          eachEntry(lists[g], function (e) { if ((e.field === FIELD_TITLE || e.field >= FIELD_NAMES) && wanted(e.doc)) docs.add(e.doc); });
          docs.forEach(function (n) { scores.set(n, (scores.get(n) || 0) + 1); });
        });
      }
      var scored = Array.from(scores.keys()).sort(function (a, b) { return a - b; }).map(function (n) {
        return { n: n, score: scores.get(n) + KIND_BONUS[kindOf[n]] / 100 };
      });
      scored.sort(function (a, b) { return b.score - a.score; });
      return loadDocs(scored.slice(0, 6).map(function (s) { return s.n; }));
    }).then(function (docs) { return { latin: latin, docs: docs }; });
  }

  function renderSuggestions(box, next) {
    var html = "";
    if (next.latin) html += '<p class="hb-suggest-hint">本手册的搜索只支持中文：请输入中文词语（如“党支部”“廉洁”）或条目编号（如 GC2-03）。</p>';
    if (next.docs.length) {
      html += '<p class="hb-suggest-title">相近的提法和分类：</p><ul class="hb-suggest-list">' +
        next.docs.map(function (doc) {
          return '<li><a href="' + escapeHtml(base + doc.url) + '">' + escapeHtml(doc.title) +
            '</a> <span class="hb-result-where">' + escapeHtml(doc.where) + "</span></li>";
        }).join("") + "</ul>";
    }
    html += '<p class="hb-suggest-title">也可以查阅：</p><ul class="hb-suggest-list hb-suggest-pages">' +
      NEXT_STEPS.map(function (step) {
        return '<li><a href="' + escapeHtml(base + step[1]) + '">' + escapeHtml(step[0]) + "</a></li>";
      }).join("") + "</ul>";
    box.innerHTML = html;
    box.hidden = false;
  }

  function escapeHtml(text) {
    return text.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  /* Display text with every match of the terms wrapped in <mark>; long texts are cut around the first match. */
  function highlight(original, normalised, terms, limit) {
    var marks = [];
    terms.forEach(function (term) {
      var from = 0, at;
      while (term && (at = normalised.text.indexOf(term, from)) >= 0) {
        marks.push([normalised.map[at], normalised.map[at + term.length - 1] + 1]);
        from = at + term.length;
      }
    });
    marks.sort(function (a, b) { return a[0] - b[0]; });
    var start = 0, end = original.length;
    if (limit && original.length > limit) {
      start = marks.length ? Math.max(0, marks[0][0] - Math.floor(limit / 3)) : 0;
      end = Math.min(original.length, start + limit);
    }
    var html = start > 0 ? "…" : "", position = start;
    marks.forEach(function (mark) {
      if (mark[0] < position || mark[0] >= end) return;
      html += escapeHtml(original.slice(position, mark[0])) + "<mark>" +
        escapeHtml(original.slice(mark[0], Math.min(mark[1], end))) + "</mark>";
      position = Math.min(mark[1], end);
    });
    return html + escapeHtml(original.slice(position, end)) + (end < original.length ? "…" : "");
  }

  /* Attach display rows (r.doc) to results, one display shard at a time as each arrives
     (onShard() after each, so the first results can show before the others' shards are in);
     resolves with the results once every one has its row. */
  function withDocs(results, onShard) {
    var names = [];
    results.forEach(function (r) {
      var name = "d/" + shardOf[r.n];
      if (names.indexOf(name) < 0) names.push(name);
    });
    return Promise.all(names.map(function (name) {
      return loadScript(name).then(function (rows) {
        results.forEach(function (r) {
          if ("d/" + shardOf[r.n] !== name) return;
          var row = rows[slotOf[r.n]];
          r.doc = { n: r.n, k: kindOf[r.n], id: row[0], title: row[1], text: row[2], where: row[3], url: row[4],
                    ntitle: normalise(row[1]), ntext: normalise(row[2]) };
        });
        if (onShard) onShard();
      });
    })).then(function () { return results; });
  }

  /* A query's ranked results and, when there are none, suggestions (display rows come later). */
  function answer(query) {
    if (!query.trim()) return Promise.resolve({ query: query, results: [], next: null });
    return search(query).then(function (results) {
      return Promise.resolve(results.length ? null : suggestions(query)).then(function (next) {
        return { query: query, results: results, next: next };
      });
    });
  }

  function kindLabel(doc) {
    if (doc.k === "case") {
      var kind = String(doc.where || "").split(" · ")[1];
      if (kind) return kind;
    }
    return KIND_LABEL[doc.k] || doc.k;
  }

  function resultHtml(result, index) {
    var doc = result.doc;
    var label = doc.k === "item" ? doc.id + " " : "";
    // The link itself is the option (an option's content is presentational: no link may sit inside one).
    return '<li class="md-search-result__item hb-result" role="none">' +
      '<a href="' + escapeHtml(base + doc.url) + '" class="md-search-result__link" data-kind="' + doc.k +
      '" tabindex="-1" role="option" aria-selected="false" id="hb-result-' + index + '">' +
      '<article class="md-search-result__article md-typeset">' +
      '<h1><span class="hb-result-kind">' + escapeHtml(kindLabel(doc)) + "</span>" +
      (result.near ? '<span class="hb-result-near" title="不完全匹配：只含所搜词语的部分字">近似</span>' : "") +
      escapeHtml(label) +
      highlight(doc.title, doc.ntitle, result.terms) + "</h1>" +
      (doc.text ? "<p>" + highlight(doc.text, doc.ntext, result.terms, 90) + "</p>" : "") +
      '<p class="hb-result-where">' + escapeHtml(doc.where) + "</p>" +
      "</article></a></li>";
  }

  /* A new answer: the status line, suggestions when nothing was found, and the first results. */
  function render(list, meta, suggest, found, shown) {
    var results = found.results, query = found.query;
    if (suggest) { suggest.innerHTML = ""; suggest.hidden = true; }
    if (!query.trim()) {
      meta.textContent = "输入词语、提法或条目编号";
      list.innerHTML = "";
      return;
    }
    var near = results.length && results[0].near;
    meta.textContent = results.length ? "找到 " + results.length + " 条" + (near ? "近似" : "") + "结果" : "没有找到结果。" + SCOPE_NOTE;
    if (!results.length && suggest) renderSuggestions(suggest, found.next);
    list.innerHTML = shown.map(resultHtml).join("");
  }

  /* Append further results (in rank order) once their display rows are in. */
  function renderMore(list, more) {
    var from = list.children.length;
    list.insertAdjacentHTML("beforeend", more.map(function (r, i) { return resultHtml(r, from + i); }).join(""));
  }

  function setup() {
    var input = document.querySelector("[data-hb-search-input]");
    if (!input) return;
    var form = input.form;
    var list = document.querySelector("[data-hb-search-results]");
    var meta = document.querySelector("[data-hb-search-meta]");
    var suggest = document.querySelector("[data-hb-search-suggest]");
    var dialog = input.closest(".hb-search") || form;
    var toggle = document.getElementById("__search");
    var selected = -1, runs = 0;

    // Open state: Material's #__search toggle where the theme has one (search.css styles both),
    // else the class .hb-open on the dialog.
    function open() {
      if (toggle && !toggle.checked) { toggle.checked = true; toggle.dispatchEvent(new Event("change")); }
      if (!toggle) dialog.classList.add("hb-open");
    }
    function close(keepFocus) {
      if (toggle && toggle.checked) { toggle.checked = false; toggle.dispatchEvent(new Event("change")); }
      if (!toggle) dialog.classList.remove("hb-open");
      input.setAttribute("aria-expanded", "false");
      if (!keepFocus) input.blur();
    }
    function run() {
      var query = input.value;
      var token = ++runs;
      // aria-busy until every result is shown; data-hb-query then names the query answered (tests wait for it).
      list.setAttribute("aria-busy", "true");
      function done() { list.dataset.hbQuery = query; list.removeAttribute("aria-busy"); }
      function current() { return input.value === query && token === runs; }   // else a newer query is on its way
      load().then(function () { return answer(query); }).then(function (found) {
        if (!current()) return;
        var first = found.results.slice(0, FIRST_SHOWN), rest = found.results.slice(FIRST_SHOWN, MAX_SHOWN);
        var shown = -1;                       // until the first result can show, the list keeps the old answer
        function show() {                     // the leading results whose rows are in, in rank order
          if (!current()) return;
          var upto = Math.max(shown, 0);
          while (upto < first.length && first[upto].doc) upto++;
          if (shown < 0) {
            if (!upto && first.length) return;
            render(list, meta, suggest, found, first.slice(0, upto));
            selected = -1;
            input.removeAttribute("aria-activedescendant");
          } else if (upto > shown) renderMore(list, first.slice(shown, upto));
          shown = upto;
          input.setAttribute("aria-expanded", String(list.children.length > 0));
        }
        if (!first.length) { show(); return done(); }
        // The top result's display shard alone first: loaded in parallel with the others it comes
        // in markedly later on a busy machine (bench/search/scale.py), and it is what shows first.
        // Each step only while this is still the latest query (typing on loads nothing for old ones).
        return withDocs(first.slice(0, 1), show).then(function () {
          if (token === runs) return withDocs(first, show);
        }).then(function () {
          if (token !== runs) return;
          if (!rest.length) return done();
          return withDocs(rest).then(function () {
            if (token !== runs) return;
            renderMore(list, rest);
            done();
          });
        });
      }).catch(function () { if (token === runs) meta.textContent = "搜索索引加载失败"; });
    }
    function select(index) {
      var links = list.querySelectorAll("a");
      if (!links.length) return;
      selected = (index + links.length) % links.length;
      links.forEach(function (a, i) {
        a.parentNode.classList.toggle("hb-selected", i === selected);
        a.setAttribute("aria-selected", String(i === selected));
      });
      input.setAttribute("aria-activedescendant", links[selected].id);
      links[selected].scrollIntoView({ block: "nearest" });
    }

    input.addEventListener("focus", function () { open(); load(); });
    input.addEventListener("input", function (event) { if (!event.isComposing) run(); });
    input.addEventListener("compositionend", run);   // Chinese IME: search once the characters are chosen
    input.addEventListener("keydown", function (event) {
      if (event.isComposing) return;
      if (event.key === "ArrowDown") { event.preventDefault(); select(selected + 1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); select(selected - 1); }
      else if (event.key === "Enter") {
        event.preventDefault();
        var links = list.querySelectorAll("a");
        var target = links[selected >= 0 ? selected : 0];
        if (target) { close(); window.location.href = target.href; }
      } else if (event.key === "Escape") { close(); }
    });
    form.addEventListener("reset", function () { setTimeout(run, 0); });
    // Focus leaving the search (Tab, or a click elsewhere that focuses something) closes the overlay.
    dialog.addEventListener("focusout", function (event) {
      if (event.relatedTarget && !dialog.contains(event.relatedTarget)) close(true);
    });
    // Esc anywhere while the search is open (the field, the results, the overlay) closes it.
    document.addEventListener("keydown", function (event) {
      var isOpen = toggle ? toggle.checked : dialog.classList.contains("hb-open");
      if (event.key === "Escape" && isOpen && !event.isComposing) close();
    });
    // The search icon on phones is a label toggling #__search: put the caret in the field.
    if (toggle) toggle.addEventListener("change", function () {
      if (toggle.checked && document.activeElement !== input) input.focus();
    });
    list.addEventListener("click", function (event) { if (event.target.closest("a")) close(); });
    document.addEventListener("keydown", function (event) {
      var typing = /input|textarea/i.test(event.target.tagName) || event.target.isContentEditable;
      if (!typing && (event.key === "/" || event.key === "s" || event.key === "f")) {
        event.preventDefault(); open(); input.focus();
      }
    });
  }

  // Exposed for tests and benchmarks: the same ranking the search box uses. Resolves to the
  // shown (first 30) results with their kind, ID and URL; `total` counts them all.
  window.handbookSearch = function (query) {
    return load().then(function () { return answer(query); }).then(function (found) {
      return withDocs(found.results.slice(0, MAX_SHOWN)).then(function (shown) {
        var out = shown.map(function (r) { return { kind: r.doc.k, id: r.doc.id, url: r.doc.url }; });
        out.total = found.results.length;
        return out;
      });
    });
  };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
