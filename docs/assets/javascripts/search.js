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
  var FACET_WEIGHT = 0.3;
  var KIND_BONUS = { term: 40, item: 30, checklist: 20, facet: 12, section: 10, case: 8, part: 5 };
  var KIND_LABEL = { term: "提法", item: "条目", checklist: "清单", facet: "分类", section: "方面", case: "示例", part: "部分" };
  // Where to go next when nothing matched (issue 11.6): these pages list everything.
  var NEXT_STEPS = [["提法词典", "glossary.html"], ["按责任主体浏览", "browse/subjects.html"],
    ["按工作类别浏览", "browse/kinds.html"], ["按五型浏览", "browse/types.html"]];
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
      // Facet sections are ways onward, not answers: found, but after the items' title hits.
      if (doc.k === "facet") total *= FACET_WEIGHT;
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
      if (share >= 0.6) found.push({ doc: doc, score: 100 * share + KIND_BONUS[doc.k], terms: hits, near: true });
    });
    return found;
  }

  /* Suggestions for a query without results: terms, checklists and facets sharing a
     bigram (or, for Latin input, whose pinyin ID contains it), best overlap first. */
  function suggestions(query) {
    var joined = query.normalize("NFKC").split(/\s+/).map(key).join("");
    var latin = /[a-z]/.test(joined), grams = bigrams(joined);
    if (joined.length === 1) grams = [joined];
    var scored = [];
    docs.forEach(function (doc) {
      if (doc.k !== "term" && doc.k !== "checklist" && doc.k !== "facet") return;
      var score = 0;
      if (latin) score = joined.length >= 3 && doc.nid.replace(/-/g, "").indexOf(joined) >= 0 ? 1 : 0;
      else {
        var names = [doc.ntitle.text].concat(doc.nnames).join("\n");
        grams.forEach(function (g) { if (names.indexOf(g) >= 0) score++; });
      }
      if (score) scored.push({ doc: doc, score: score + KIND_BONUS[doc.k] / 100 });
    });
    scored.sort(function (a, b) { return b.score - a.score; });
    return { latin: latin, docs: scored.slice(0, 6).map(function (s) { return s.doc; }) };
  }

  function renderSuggestions(box, query) {
    var next = suggestions(query), html = "";
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

  function render(list, meta, suggest, results, query) {
    if (suggest) { suggest.innerHTML = ""; suggest.hidden = true; }
    if (!query.trim()) {
      meta.textContent = "输入词语、提法或条目编号";
      list.innerHTML = "";
      return;
    }
    var near = results.length && results[0].near;
    meta.textContent = results.length ? "找到 " + results.length + " 条" + (near ? "近似" : "") + "结果" : "没有找到结果";
    if (!results.length && suggest) renderSuggestions(suggest, query);
    list.innerHTML = results.slice(0, MAX_SHOWN).map(function (result, index) {
      var doc = result.doc;
      var label = doc.k === "item" ? doc.id + " " : "";
      // The link itself is the option (an option's content is presentational: no link may sit inside one).
      return '<li class="md-search-result__item hb-result" role="none">' +
        '<a href="' + escapeHtml(base + doc.url) + '" class="md-search-result__link" data-kind="' + doc.k +
        '" tabindex="-1" role="option" aria-selected="false" id="hb-result-' + index + '">' +
        '<article class="md-search-result__article md-typeset">' +
        '<h1><span class="hb-result-kind">' + KIND_LABEL[doc.k] + "</span>" +
        (result.near ? '<span class="hb-result-near" title="不完全匹配：只含所搜词语的部分字">近似</span>' : "") +
        escapeHtml(label) +
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
    var suggest = document.querySelector("[data-hb-search-suggest]");
    var dialog = input.closest(".hb-search") || form;
    var toggle = document.getElementById("__search");
    var selected = -1;

    function open() {
      if (toggle && !toggle.checked) { toggle.checked = true; toggle.dispatchEvent(new Event("change")); }
    }
    function close(keepFocus) {
      if (toggle && toggle.checked) { toggle.checked = false; toggle.dispatchEvent(new Event("change")); }
      input.setAttribute("aria-expanded", "false");
      if (!keepFocus) input.blur();
    }
    function run() {
      var query = input.value;
      load().then(function () {
        if (input.value !== query) return;          // a newer query is on its way
        render(list, meta, suggest, search(query), query);
        selected = -1;
        input.removeAttribute("aria-activedescendant");
        input.setAttribute("aria-expanded", String(list.children.length > 0));
      }, function () { meta.textContent = "搜索索引加载失败"; });
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
      if (event.key === "Escape" && toggle && toggle.checked && !event.isComposing) close();
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

  // Exposed for tests and benchmarks: the same ranking the search box uses.
  window.handbookSearch = function (query) {
    return load().then(function () {
      return search(query).map(function (r) { return { kind: r.doc.k, id: r.doc.id, url: r.doc.url }; });
    });
  };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
