/* hb-store: the one machinery for the user's saved work (kind "checklist": one record per checklist;
   kind "plan": one record per level, see plan.js).
   Records live in localStorage under hb:v1:<namespace>:<kind>:<id>. The namespace is the site root URL,
   so two copies of the handbook unzipped into different folders (file:// shares one origin) keep separate
   records; a record found under another namespace is offered for import, never applied silently. */
(function () {
  "use strict";
  var PREFIX = "hb:v1:";
  var script = document.currentScript;
  // Site root, like search.js: strip our own path from the script URL (works under http and file://).
  var base = script ? script.src.replace(/assets\/javascripts\/hb-store\.js(\?.*)?$/, "") : location.href;
  var namespace = base.replace(/[?#].*$/, "");

  function key(kind, id, ns) { return PREFIX + (ns || namespace) + ":" + kind + ":" + id; }

  function now() { return new Date().toISOString(); }

  function blankRecord(kind, id, title, edition) {
    return { format: "hb-fill", version: 1, kind: kind, id: id, title: title || id,
             edition: edition || {}, fields: {}, entries: {}, seen: {}, updated: "", written: "" };
  }

  function load(kind, id) {
    var raw;
    try { raw = localStorage.getItem(key(kind, id)); } catch (e) { return null; }
    if (!raw) return null;
    try { return JSON.parse(raw); } catch (e) { return null; }
  }

  var banner = null;
  function showBanner(message) {
    if (!banner) {
      banner = document.createElement("div");
      banner.className = "hb-banner hb-banner--error";
      banner.setAttribute("role", "alert");
      (document.querySelector("article") || document.body).prepend(banner);
    }
    banner.textContent = message;
  }

  /* Returns true when written; on failure shows a persistent banner (never swallowed). */
  function save(record) {
    record.updated = now();
    try {
      localStorage.setItem(key(record.kind, record.id), JSON.stringify(record));
      if (banner) { banner.remove(); banner = null; }
      return true;
    } catch (e) {
      showBanner("无法保存到本机浏览器（存储已满或处于无痕模式）：请立即用本页的“导出填写记录”或“备份（JSON）”按钮备份。");
      return false;
    }
  }

  function remove(kind, id) {
    try { localStorage.removeItem(key(kind, id)); } catch (e) { /* nothing stored */ }
  }

  /* Records for the same kind+id saved by another copy of the handbook (another folder or host). */
  function elsewhere(kind, id) {
    var found = [], suffix = ":" + kind + ":" + id;
    try {
      for (var i = 0; i < localStorage.length; i++) {
        var k = localStorage.key(i);
        if (k.indexOf(PREFIX) !== 0 || k.slice(-suffix.length) !== suffix || k === key(kind, id)) continue;
        try {
          found.push({ namespace: k.slice(PREFIX.length, -suffix.length), record: JSON.parse(localStorage.getItem(k)) });
        } catch (e) { /* unreadable: ignore */ }
      }
    } catch (e) { /* storage unavailable */ }
    // String(): records written by older code may carry a number here
    return found.sort(function (a, b) { return String(b.record.updated || "").localeCompare(String(a.record.updated || "")); });
  }

  /* Check a parsed backup; returns a Chinese message when it must be refused, "" when fine. */
  function checkBackup(data, kind, id) {
    if (!data || typeof data !== "object" || data.format !== "hb-fill") return "不是本手册的填写记录文件。";
    if (data.version !== 1) return "填写记录格式版本 " + data.version + " 无法识别（本手册支持版本 1）。";
    if (data.kind !== kind) return "这是“" + data.kind + "”的记录，不是本页的记录。";
    if (data.id !== id) return "这是另一份清单（" + (data.title || data.id) + "）的填写记录，不是本清单的。";
    if (typeof data.entries !== "object" || !data.entries) return "填写记录缺少条目（entries）。";
    return "";
  }

  /* Entry values compared by content, `t` aside: falsy values ("", 0, missing) are all "empty" as they
     always were for checklist entries, other numbers compare as text
     (a checklist score may come back from Excel as a number), objects and lists (plan entries) by content. */
  function canonical(value) {
    if (!value) return "";
    if (Array.isArray(value)) return value.length ? "[" + value.map(canonical).join(",") + "]" : "";
    if (typeof value === "object") {
      var keys = Object.keys(value).filter(function (k) { return k !== "t" && canonical(value[k]) !== ""; }).sort();
      return keys.length ? "{" + keys.map(function (k) { return JSON.stringify(k) + ":" + canonical(value[k]); }).join(",") + "}" : "";
    }
    return JSON.stringify(String(value));
  }
  function sameEntry(a, b) { return canonical(a) === canonical(b); }
  function hasContent(entry) { return canonical(entry) !== ""; }

  /* Merge `incoming` into `record`: per entry the newer `t` wins; fields are overwritten when the import
     has them. Returns {record, overwrites, problems}: overwrites counts existing, different values that
     would be replaced (the caller asks before applying). `check(where, name, value)` (optional; where is
     "entries" or "fields") returns a Chinese problem for a value that must not be taken: it is listed in
     problems and left out, never applied half-read. */
  function merge(record, incoming, check) {
    var out = JSON.parse(JSON.stringify(record)), overwrites = 0, problems = [];
    function refused(where, name, value) {
      var problem = check ? check(where, name, value) : "";
      if (problem) problems.push(problem);
      return !!problem;
    }
    Object.keys(incoming.entries || {}).forEach(function (id) {
      var mine = out.entries[id], theirs = incoming.entries[id];
      if (refused("entries", id, theirs)) return;
      if (!mine) { out.entries[id] = theirs; return; }
      if (sameEntry(mine, theirs)) return;
      if (String(theirs.t || "") >= String(mine.t || "")) {
        if (hasContent(mine)) overwrites++;
        out.entries[id] = theirs;
      }
    });
    Object.keys(incoming.fields || {}).forEach(function (name) {
      var value = incoming.fields[name];
      if (!value || out.fields[name] === value || refused("fields", name, value)) return;
      if (out.fields[name]) overwrites++;
      out.fields[name] = value;
    });
    return { record: out, overwrites: overwrites, problems: problems };
  }

  /* ---- notices shared by the pages that keep user work ---- */
  function notice(container, cls, message) {
    var box = document.createElement("div");
    box.className = "admonition note hb-notice " + cls;
    var p = document.createElement("p");
    p.textContent = message;
    box.appendChild(p);
    container.appendChild(box);
    return box;
  }

  function button(parent, label, action) {
    var b = document.createElement("button");
    b.className = "md-button"; b.type = "button"; b.textContent = label;
    b.addEventListener("click", action);
    parent.appendChild(b);
    return b;
  }

  /* Offer the newest record another copy of the handbook keeps for kind+id (file:// copies in other folders
     share one origin). `what` names it for the user (e.g. "本清单"); `convert` may upgrade an older shape. */
  function offerElsewhere(container, cls, kind, id, what, onImport, convert) {
    var other = elsewhere(kind, id)[0];
    if (!other) return null;
    var record = convert ? convert(other.record) : other.record;
    if (!record) return null;
    var box = notice(container, cls, "在本机另一份手册副本（路径 " + other.namespace + "，更新于 " +
      (record.updated || "未知") + "）中发现" + what + "的填写记录。");
    button(box, "导入", function () { box.remove(); onImport(record, "另一份手册副本"); });
    button(box, "忽略", function () { box.remove(); });
    return box;
  }

  /* “已不在本清单的条目”: entries kept for items that left the list or were withdrawn. items: [{id, text}]
     (text already says what is kept and why it left); onClear drops them, only when the user asks. */
  function renderGone(box, intro, items, onClear) {
    box.hidden = items.length === 0;
    box.textContent = "";
    if (!items.length) return;
    var h = document.createElement("h2");
    h.textContent = "已不在本清单的条目";
    var p = document.createElement("p");
    p.textContent = intro;
    var list = document.createElement("ul");
    items.forEach(function (item) {
      var li = document.createElement("li");
      li.dataset.goneItem = item.id;
      li.textContent = item.text;
      list.appendChild(li);
    });
    box.appendChild(h); box.appendChild(p); box.appendChild(list);
    if (onClear) button(box, "清除这些条目", onClear);
  }

  function safeName(name) { return String(name).replace(/[\\/:*?"<>|\x00-\x1f]+/g, "_").replace(/^[ .]+|[ .]+$/g, "") || "文件"; }

  function download(name, blob) {
    var url = URL.createObjectURL(blob);
    var a = document.createElement("a");
    a.href = url; a.download = safeName(name);
    document.body.appendChild(a); a.click(); a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  }

  /* <script> tags, not fetch: works from file:// too. Resolves once per URL. */
  var loading = {};
  function loadScript(path) {
    var url = base + path;
    if (!loading[url]) {
      loading[url] = new Promise(function (resolve, reject) {
        var tag = document.createElement("script");
        tag.src = url;
        tag.onload = resolve;
        tag.onerror = function () { delete loading[url]; reject(new Error("无法加载 " + path)); };
        document.head.appendChild(tag);
      });
    }
    return loading[url];
  }

  function readFile(file) {
    return new Promise(function (resolve, reject) {
      var reader = new FileReader();
      reader.onload = function () { resolve(reader.result); };
      reader.onerror = function () { reject(reader.error); };
      if (/\.xlsx$/i.test(file.name)) reader.readAsArrayBuffer(file); else reader.readAsText(file, "utf-8");
    });
  }

  window.hbStore = {
    base: base, namespace: namespace, key: key, now: now, blankRecord: blankRecord, load: load, save: save,
    remove: remove, elsewhere: elsewhere, checkBackup: checkBackup, merge: merge, sameEntry: sameEntry,
    hasContent: hasContent, download: download, loadScript: loadScript, readFile: readFile, safeName: safeName,
    showBanner: showBanner, notice: notice, button: button, offerElsewhere: offerElsewhere, renderGone: renderGone
  };
})();
