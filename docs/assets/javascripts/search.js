/* 手册搜索: substring search over a build-time index, made for Chinese.
   Chinese has no spaces, so instead of word tokens we match the query as a
   substring of width-normalised, punctuation-free text: phrases across word
   boundaries, slogans and IDs all match exactly as typed. A query with no exact
   match falls back to character bigrams (most of them must occur).
   The index is a script, not JSON, so search also works when opened from file://. */
(function () {
  "use strict";

  var script = document.currentScript;
  var base = script ? script.src.replace(/assets\/javascripts\/search\.js(\?.*)?$/, "") : "";
  var MAX_SHOWN = 30;
  var KIND_BONUS = { term: 40, item: 30, checklist: 20, section: 10, case: 8, part: 5 };
  var KIND_LABEL = { term: "提法", item: "条目", checklist: "清单", section: "方面", case: "示例", part: "部分" };
  var STRIP = /[\s\p{P}\p{S}]/u;

  /* Normalise text and keep, for each normalised character, its index in the original
     (so a match can be highlighted in the text as displayed). */
  function normalise(text) {
    var out = "", map = [];
    for (var i = 0; i < text.length; i++) {
      var folded = text[i].normalize("NFKC").toLowerCase();
      for (var j = 0; j < folded.length; j++) {
        if (!STRIP.test(folded[j])) { out += folded[j]; map.push(i); }
      }
    }
    return { text: out, map: map };
  }

  function key(text) { return normalise(text).text; }

  var docs = null, loading = null;

  function load() {
    if (docs) return Promise.resolve(docs);
    if (loading) return loading;
    loading = new Promise(function (resolve, reject) {
      var tag = document.createElement("script");
      tag.src = base + "search/handbook-index.js";
      tag.onload = function () {
        docs = window.__HANDBOOK_SEARCH__.map(function (doc) {
          doc.nid = key(doc.id);
          doc.ntitle = normalise(doc.title);
          doc.ntext = normalise(doc.text);
          doc.nnames = (doc.names || []).map(key);
          return doc;
        });
        resolve(docs);
      };
      tag.onerror = function () { loading = null; reject(new Error("search index not found")); };
      document.head.appendChild(tag);
    });
    return loading;
  }

  function isIdLike(term) { return /^[a-z]{2}\d/.test(term); }

  /* Score one query term against one document; 0 means no match. */
  function scoreTerm(doc, term) {
    var best = 0;
    if (doc.nid === term) best = 1000;
    else if (isIdLike(term) && doc.nid.indexOf(term) === 0 && doc.k !== "term") best = 600 - (doc.nid.length - term.length);
    if (doc.nnames.indexOf(term) >= 0) best = Math.max(best, 900);
    var title = doc.ntitle.text, text = doc.ntext.text;
    if (title === term) best = Math.max(best, 800);
    else if (title.indexOf(term) >= 0) best = Math.max(best, 300 + 200 * term.length / title.length);
    if (text.indexOf(term) >= 0) best = Math.max(best, 100 + 200 * term.length / Math.max(text.length, 1));
    return best;
  }

  function bigrams(text) {
    var grams = [];
    for (var i = 0; i + 1 < text.length; i++) grams.push(text.substr(i, 2));
    return grams;
  }

  function search(query) {
    var terms = query.normalize("NFKC").split(/\s+/).map(key).filter(Boolean);
    if (!terms.length) return [];
    var results = [];
    docs.forEach(function (doc) {
      var total = 0;
      for (var i = 0; i < terms.length; i++) {
        var score = scoreTerm(doc, terms[i]);
        if (!score) return;
        total += score;
      }
      results.push({ doc: doc, score: total + KIND_BONUS[doc.k], terms: terms });
    });
    if (!results.length) results = fuzzy(terms);
    results.sort(function (a, b) { return b.score - a.score; });
    return results;
  }

  /* No exact match: rank by the share of the query's character bigrams found in a document. */
  function fuzzy(terms) {
    var joined = terms.join("");
    if (joined.length < 3 || isIdLike(joined)) return [];
    var grams = bigrams(joined);
    var found = [];
    docs.forEach(function (doc) {
      var haystack = doc.ntitle.text + "\n" + doc.ntext.text;
      var hits = grams.filter(function (g) { return haystack.indexOf(g) >= 0; });
      var share = hits.length / grams.length;
      if (share >= 0.6) found.push({ doc: doc, score: 100 * share + KIND_BONUS[doc.k], terms: hits });
    });
    return found;
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

  function render(list, meta, results, query) {
    if (!query.trim()) {
      meta.textContent = "输入词语、提法或条目编号";
      list.innerHTML = "";
      return;
    }
    meta.textContent = results.length ? "找到 " + results.length + " 条结果" : "没有找到结果";
    list.innerHTML = results.slice(0, MAX_SHOWN).map(function (result) {
      var doc = result.doc;
      var label = doc.k === "item" ? doc.id + " " : "";
      return '<li class="md-search-result__item hb-result" role="option">' +
        '<a href="' + escapeHtml(base + doc.url) + '" class="md-search-result__link" data-kind="' + doc.k + '" tabindex="-1">' +
        '<article class="md-search-result__article md-typeset">' +
        '<h1><span class="hb-result-kind">' + KIND_LABEL[doc.k] + "</span>" + escapeHtml(label) +
        highlight(doc.title, doc.ntitle, result.terms) + "</h1>" +
        (doc.text ? "<p>" + highlight(doc.text, doc.ntext, result.terms, 90) + "</p>" : "") +
        '<p class="hb-result-where">' + escapeHtml(doc.where) + "</p>" +
        "</article></a></li>";
    }).join("");
  }

  function setup() {
    var input = document.querySelector("[data-hb-search-input]");
    if (!input) return;
    var form = input.form;
    var list = document.querySelector("[data-hb-search-results]");
    var meta = document.querySelector("[data-hb-search-meta]");
    var toggle = document.getElementById("__search");
    var selected = -1;

    function open() {
      if (toggle && !toggle.checked) { toggle.checked = true; toggle.dispatchEvent(new Event("change")); }
    }
    function close() {
      if (toggle && toggle.checked) { toggle.checked = false; toggle.dispatchEvent(new Event("change")); }
      input.blur();
    }
    function run() {
      var query = input.value;
      load().then(function () {
        if (input.value !== query) return;          // a newer query is on its way
        render(list, meta, search(query), query);
        selected = -1;
      }, function () { meta.textContent = "搜索索引加载失败"; });
    }
    function select(index) {
      var links = list.querySelectorAll("a");
      if (!links.length) return;
      selected = (index + links.length) % links.length;
      links.forEach(function (a, i) { a.parentNode.classList.toggle("hb-selected", i === selected); });
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
    list.addEventListener("click", function (event) { if (event.target.closest("a")) close(); });
    document.addEventListener("keydown", function (event) {
      var typing = /input|textarea/i.test(event.target.tagName) || event.target.isContentEditable;
      if (!typing && (event.key === "/" || event.key === "s" || event.key === "f")) {
        event.preventDefault(); open(); input.focus();
      }
    });
  }

  // Exposed for tests and benchmarks: the same ranking the search box uses.
  window.handbookSearch = function (query) {
    return load().then(function () {
      return search(query).map(function (r) { return { kind: r.doc.k, id: r.doc.id, url: r.doc.url }; });
    });
  };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
