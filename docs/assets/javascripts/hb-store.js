/* hb-store: the one machinery for the user's saved work, in the page: localStorage, other tabs, files,
   notices (the rules themselves, schema and merge, are hb-record.js's, pure and Node-tested) (kind "checklist": one record per checklist;
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

  var R = window.hbRecord;                     // hb-record.js: schema, merge, edits (loaded before this file)
  var LIMIT = { json: 5 * 1024 * 1024, xlsx: 10 * 1024 * 1024 };

  function key(kind, id, ns) { return PREFIX + (ns || namespace) + ":" + kind + ":" + id; }
  function asideKey(kind, id) { return PREFIX + namespace + ":aside:" + kind + ":" + id; }

  var now = R.now;
  var blankRecord = R.blankRecord;

  /* The stored record, checked against the schema. What does not fit is never used: the stored text as it
     was is first kept aside (asideKey, offered for export by offerAside) and the page goes on with the
     part that fits. `convert` may turn an older stored shape into a record first (plan.js).
     Returns {record (null when nothing is stored), aside: "" or the reason}. */
  function read(kind, id, convert) {
    var raw;
    try { raw = localStorage.getItem(key(kind, id)); } catch (e) { return { record: null, aside: "" }; }
    if (!raw) return { record: null, aside: "" };
    var data = null, reason = "";
    try { data = JSON.parse(raw); } catch (e) { reason = "本机保存的记录已损坏（不是有效的 JSON）"; }
    if (data && convert) data = convert(data) || data;
    var checked = data ? R.validate(data, { kind: kind, id: id }) : null;
    if (checked && checked.refusal) reason = checked.refusal;
    else if (checked && checked.problems.length) reason = "有 " + checked.problems.length + " 处无法识别（" + R.describe(checked.problems) + "）";
    if (reason) {
      try { if (!localStorage.getItem(asideKey(kind, id))) localStorage.setItem(asideKey(kind, id), raw); } catch (e) { /* kept in place */ }
    }
    return { record: checked && !checked.refusal ? checked.record : null, aside: reason };
  }

  function load(kind, id, convert) { return read(kind, id, convert).record; }

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

  function write(record) {
    record.updated = now();
    try {
      localStorage.setItem(key(record.kind, record.id), R.serialise(record));
      if (banner) { banner.remove(); banner = null; }
      return true;
    } catch (e) {
      showBanner("无法保存到本机浏览器（存储已满或处于无痕模式）：请立即用本页的“导出填写记录”或“备份（JSON）”按钮备份。");
      return false;
    }
  }

  /* Every write goes through here: what is stored NOW is read again (another tab may have written since
     this page last looked), `change(record)` applies this page's edit to it, and the result is written.
     So a tab never writes its whole, possibly stale, copy over another tab's work.
     `start` makes the record when nothing is stored. Returns {record, saved}. */
  function transact(kind, id, change, start, convert) {
    var record = load(kind, id, convert) || start();
    change(record);
    return { record: record, saved: write(record) };
  }

  /* One field of one entry (hb-record's applyEdit), applied to what is stored now. */
  function edit(kind, id, edits, start, convert) {
    return transact(kind, id, function (record) {
      (Array.isArray(edits) ? edits : [edits]).forEach(function (e) { R.applyEdit(record, e); });
    }, start, convert);
  }

  /* Kept for the pages' older call sites: writes the record as it is (used after a merge that was itself
     computed from what is stored now). */
  function save(record) { return write(record); }

  function remove(kind, id) {
    try { localStorage.removeItem(key(kind, id)); } catch (e) { /* nothing stored */ }
  }

  /* Another tab (same namespace) wrote this record: onChange() re-reads and redraws. */
  function subscribe(kind, id, onChange) {
    var k = key(kind, id);
    window.addEventListener("storage", function (event) {
      if (event.key === k || event.key === null) onChange();
    });
  }

  /* Records for the same kind+id saved by another copy of the handbook (another folder or host). */
  function elsewhere(kind, id) {
    var found = [], suffix = ":" + kind + ":" + id;
    try {
      for (var i = 0; i < localStorage.length; i++) {
        var k = localStorage.key(i);
        if (k.indexOf(PREFIX) !== 0 || k.slice(-suffix.length) !== suffix || k === key(kind, id) || k.indexOf(":aside:") >= 0) continue;
        try {
          var data = JSON.parse(localStorage.getItem(k));
          if (data && typeof data === "object") found.push({ namespace: k.slice(PREFIX.length, -suffix.length), record: data });
        } catch (e) { /* unreadable: ignore */ }
      }
    } catch (e) { /* storage unavailable */ }
    // String(): records written by older code may carry a number here
    return found.sort(function (a, b) { return String(b.record.updated || "").localeCompare(String(a.record.updated || "")); });
  }

  /* Check a parsed backup; returns a Chinese message when it must be refused, "" when fine. */
  function checkBackup(data, kind, id) { return R.identify(data, kind, id); }

  var sameEntry = R.same;
  var hasContent = R.hasContent;

  /* The import every page uses: check the file against the schema (`knows(key)` says which entries this
     page can hold), merge it into what is stored now (never erasing), ask before replacing anything
     (the question names the places), write, and report. Returns
     {status: "refused"|"cancelled"|"unchanged"|"imported"|"failed", message, problems, record}. */
  function importRecord(kind, id, data, options) {
    var checked = R.validate(data, { kind: kind, id: id, knows: options.knows });
    if (checked.refusal) return { status: "refused", message: checked.refusal, problems: [] };
    var current = load(kind, id, options.convert) || options.start();
    var preview = R.merge(current, checked.record);
    if (!preview.changes.length && !preview.added) {
      return { status: "unchanged", problems: checked.problems, record: current };
    }
    if (preview.changes.length && !window.confirm(R.confirmText(preview))) {
      return { status: "cancelled", problems: checked.problems, record: current };
    }
    // Merged again with what is stored at this moment (a tab may have written while the question was open).
    var result = transact(kind, id, function (record) {
      var merged = R.merge(record, checked.record).record;
      record.fields = merged.fields; record.entries = merged.entries; record.seen = merged.seen;
      if (options.finish) options.finish(record, checked.record);
    }, options.start, options.convert);
    if (!result.saved) return { status: "failed", problems: checked.problems, record: result.record };
    return { status: "imported", problems: checked.problems, record: result.record,
             changed: preview.changes.length, added: preview.added };
  }

  /* A stored record that did not fit the schema: its text was kept aside; offer it as a file. */
  function offerAside(container, cls, kind, id, reason, name) {
    var raw;
    try { raw = localStorage.getItem(asideKey(kind, id)); } catch (e) { return null; }
    if (!raw) return null;
    var box = notice(container, cls, "本机保存的填写记录中" + reason + "。能识别的部分照常显示；原记录已原样另存，" +
      "可下载保存后再处理，下载后可从本机删除这份另存。");
    box.setAttribute("role", "alert");
    button(box, "下载原记录", function () {
      download(name + "-原记录-" + now().slice(0, 10) + ".json", new Blob([raw], { type: "application/json" }));
    });
    button(box, "删除另存", function () {
      if (!window.confirm("删除本机另存的原记录？（请确认已下载）")) return;
      try { localStorage.removeItem(asideKey(kind, id)); } catch (e) { /* nothing to remove */ }
      box.remove();
    });
    return box;
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

  /* A chosen file's text (JSON) or bytes (.xlsx); files over the limit are refused before they are read. */
  function readFile(file) {
    var xlsx = /\.xlsx$/i.test(file.name), limit = xlsx ? LIMIT.xlsx : LIMIT.json;
    if (file.size > limit) {
      return Promise.reject(new Error("文件 " + (file.size / 1048576).toFixed(1) + " MB，超过 " + limit / 1048576 +
        " MB 上限，不是本手册导出的" + (xlsx ? " Excel" : "填写记录") + "，未读取"));
    }
    return new Promise(function (resolve, reject) {
      var reader = new FileReader();
      reader.onload = function () { resolve(reader.result); };
      reader.onerror = function () { reject(reader.error); };
      if (xlsx) reader.readAsArrayBuffer(file); else reader.readAsText(file, "utf-8");
    });
  }

  window.hbStore = {
    base: base, namespace: namespace, key: key, now: now, blankRecord: blankRecord, read: read, load: load, save: save,
    transact: transact, edit: edit, subscribe: subscribe, importRecord: importRecord, offerAside: offerAside,
    remove: remove, elsewhere: elsewhere, checkBackup: checkBackup, sameEntry: sameEntry, LIMIT: LIMIT,
    hasContent: hasContent, download: download, loadScript: loadScript, readFile: readFile, safeName: safeName,
    showBanner: showBanner, notice: notice, button: button, offerElsewhere: offerElsewhere, renderGone: renderGone
  };
})();
