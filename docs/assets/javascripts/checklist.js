/* 对照检查清单: entries saved by checklist id + item ID through hb-store (never by content), update notice,
   withdrawn/removed entries kept visible, backup/import, filled exports (hb-office.js, loaded on click),
   progress, 清空 and 打印. The table itself works without this script.
   A long checklist is split over several pages (quanbu.html, quanbu-2.html …): the rows of the WHOLE
   checklist come from downloads/fill/<id>.meta.js (window.__hbChecklistMeta[id]), so progress, the
   update notice, 已不在本清单的条目, 清空, exports and import cover every row, not just this page's;
   entries of rows on other pages are never touched by this page. */
(function () {
  "use strict";
  var KIND = "checklist";

  function text(tag, cls, content) {
    var el = document.createElement(tag);
    if (cls) el.className = cls;
    if (content !== undefined) el.textContent = content;
    return el;
  }

  function metaOf(id) { return (window.__hbChecklistMeta || {})[id]; }

  function start(table) {
    var store = window.hbStore;
    if (!store) return;
    var id = table.dataset.checklist;
    if (metaOf(id)) { setup(table, metaOf(id), {}); return; }
    // Edits made while the rows load are kept: setup saves them before showing the saved state.
    var root = table.closest("article") || document, touched = {};
    function early(event) {
      // keyed by row and control, so a tick and a note typed in the same row are both kept
      var target = event.target, row = target.closest && target.closest("tr[data-item]");
      if (row) touched[row.dataset.item + "|" + (target.type === "radio" ? "status" : target.className)] = target;
      else if (target.dataset && target.dataset.field) touched["field:" + target.dataset.field] = target;
    }
    root.addEventListener("change", early);
    root.addEventListener("input", early);
    function failed() {
      var box = document.createElement("div");
      box.className = "admonition warning hb-notice hb-cl-error";
      box.setAttribute("role", "alert");
      box.textContent = "未能载入本清单的数据文件（downloads/fill/" + id + ".meta.js），勾选和填写不会保存。请确认手册文件完整。";
      var notices = root.querySelector(".hb-cl-notices");
      if (notices) notices.appendChild(box);
    }
    store.loadScript("downloads/fill/" + id + ".meta.js").then(function () {
      root.removeEventListener("change", early);
      root.removeEventListener("input", early);
      if (metaOf(id)) setup(table, metaOf(id), touched); else failed();
    }, failed);
  }

  function updates(S) {
    var root = S.root, meta = S.meta, rows = S.rows, revs = S.revs, notices = S.notices, store = S.store;
    var write = S.write, withTitles = S.withTitles, titleOf = S.titleOf;
    // ---- what changed since the user last looked: hb-changes.js computes, hb-changes-ui.js draws
    //      (edition change, IDs linked to their rows, 原 → 新 wording, marked rows, 本版修订 reopens) ----
    function checkUpdates() {
      var C = window.hbChanges, ui = window.hbChangesUi;
      if (!C || !ui) return;
      ui.opener(root, function () {
        var diff = C.editionDiff(meta.changes);
        withTitles(diff.removed, function () { showUpdates(diff, true); });
      });
      var seen = S.record().seen || {};
      if (!Object.keys(seen).length) { markSeen(); return; }
      ui.markRows(rows, C.marks(S.record(), revs), confirmReview);
      var diff = C.compare(seen, revs);
      if (!C.any(diff)) return;
      withTitles(diff.removed, function () { showUpdates(diff, false); });
    }

    function confirmReview(itemId) {           // 已复核 on a row flagged 本版已修改，请复核
      write(function (r) { r.seen = window.hbChanges.confirm(r.seen, itemId, revs); });
      window.hbChangesUi.markRows(rows, window.hbChanges.marks(S.record(), revs), confirmReview);
    }

    function showUpdates(diff, reopened) {
      var C = window.hbChanges, ui = window.hbChangesUi, changes = meta.changes;
      ui.show({ container: notices, store: store, cls: reopened ? "hb-cl-revision-notice" : "hb-cl-updated",
        heading: C.heading(diff, changes, reopened),
        lines: C.lines(diff, changes, titleOf, C.needsReview(S.record(), revs)),
        rowHref: function (itemId) { return itemId in revs ? "#cl-" + itemId : ""; },
        otherHref: function (line) {
          return changes ? store.base + changes.page + "#" + changes.anchor + "-" + line.id : "";
        },
        doneLabel: reopened ? "关闭" : "知道了",
        onDone: reopened ? null : function () {
          write(function (r) { r.seen = C.acknowledge(r, revs); });
          ui.markRows(rows, C.marks(S.record(), revs), confirmReview);
        } });
    }

    function markSeen() {
      write(function (r) {
        r.seen = hbRecord.map();
        Object.keys(revs).forEach(function (itemId) { r.seen[itemId] = revs[itemId]; });
      });
    }
    return { check: checkUpdates, confirmReview: confirmReview };
  }

  // ---- old keys hb-checklist:<id>:<hash> (status done/doing/todo) ----
  function migrateOld(S) {
    var id = S.id, store = S.store, meta = S.meta, write = S.write;
    var old = [];
    try {
      for (var i = 0; i < localStorage.length; i++) {
        var k = localStorage.key(i);
        if (k.indexOf("hb-checklist:" + id + ":") === 0) old.push(k);
      }
    } catch (e) { return; }
    if (!old.length) return;
    var incoming = store.blankRecord(KIND, id, meta.title, S.editionOf());
    old.forEach(function (k) {
      var state;
      try { state = JSON.parse(localStorage.getItem(k)) || {}; } catch (e) { return; }
      var t = "1970-01-01T00:00:00.000Z";     // older than anything the new code writes: new entries win
      var ids = {};
      ["status", "note", "score"].forEach(function (part) { Object.keys(state[part] || {}).forEach(function (x) { ids[x] = 1; }); });
      Object.keys(ids).forEach(function (itemId) {
        incoming.entries[itemId] = { status: hbRecord.OLD_STATUS[(state.status || {})[itemId]] || "",
          note: (state.note || {})[itemId] || "", score: (state.score || {})[itemId] || "", t: t };
      });
      Object.keys(state.blank || {}).forEach(function (name) { if (!S.record().fields[name]) incoming.fields[name] = state.blank[name]; });
    });
    var saved = write(function (r) {
      Object.keys(incoming.entries).forEach(function (itemId) { if (!r.entries[itemId]) r.entries[itemId] = incoming.entries[itemId]; });
      Object.keys(incoming.fields).forEach(function (name) { r.fields[name] = incoming.fields[name]; });
    });
    if (saved) old.forEach(function (k) { try { localStorage.removeItem(k); } catch (e) { /* kept */ } });
  }


  // ---- files: the backup (JSON), the filled Word/Excel (hb-office.js, loaded on first use), import of a backup or a sheet ----
  function wireFiles(S) {
    var root = S.root, store = S.store, meta = S.meta, table = S.table, say = S.say, importRecord = S.importRecord;
    function office() { return store.loadScript("assets/javascripts/hb-office.js").then(function () { return window.hbOffice; }); }

    function context() {
      return { record: S.record(), meta: meta, table: table, store: store, base: store.base };
    }

    root.querySelectorAll("[data-hb-export]").forEach(function (b) {
      b.addEventListener("click", function () {
        var format = b.dataset.hbExport;
        if (format === "json") {
          var copy = JSON.parse(JSON.stringify(S.record()));
          copy.written = store.now();
          var name = meta.title + "-填写记录-" + (S.record().fields["单位"] || "未填单位") + "-" + copy.written.slice(0, 10) + ".json";
          store.download(name, new Blob([JSON.stringify(copy, null, 1)], { type: "application/json" }));
          return;
        }
        b.disabled = true;
        office().then(function (o) { return o.exportFilled(format, context()); })
          .catch(function (e) { say("导出失败：" + e.message, true); })
          .then(function () { b.disabled = false; });
      });
    });

    root.querySelectorAll("input[type=file][data-hb-import]").forEach(function (input) {
      input.addEventListener("change", function () {
        var file = input.files[0];
        if (!file) return;
        store.readFile(file).then(function (content) {
          if (/\.xlsx$/i.test(file.name)) {
            return office().then(function (o) { return o.readFilledXlsx(content, meta); }).then(function (result) {
              if (result.error) { say("未导入：" + result.error + "本清单的填写没有任何改动。", true); return; }
              (result.notes || []).forEach(function (line) { say(line); });
              importRecord(result.record, " Excel 文件 " + file.name + " ", result.problems);
            });
          }
          var data;
          try { data = JSON.parse(content); } catch (e) {
            say("未导入：文件不是有效的填写记录（JSON 格式错误）。本清单的填写没有任何改动。", true); return;
          }
          importRecord(data, "备份文件 " + file.name + " ");
        }).catch(function (e) { say("未导入：无法读取文件（" + e.message + "）。本清单的填写没有任何改动。", true); })
          .then(function () { input.value = ""; });
      });
    });
  }

  function setup(table, meta, touched) {
    var store = window.hbStore;
    var root = table.closest("article") || document;
    var id = table.dataset.checklist;
    var notices = root.querySelector(".hb-cl-notices");
    var gone = root.querySelector(".hb-cl-gone");
    var rows = {};        // this page's rows (DOM)
    var revs = hbRecord.map();   // every row of the checklist → rev, whatever page shows it (no prototype: IDs only)
    table.querySelectorAll("tbody tr[data-item]").forEach(function (row) { rows[row.dataset.item] = row; });
    var maxOf = {};       // every row → its 分值 (scored lists), the upper bound of 得分
    meta.rows.forEach(function (r) { revs[r.id] = r.rev; maxOf[r.id] = r.score; });
    var stored = store.read(KIND, id);
    var record = stored.record || blank();
    /* setup()'s context for migrateOld, updates and wireFiles: the record as it is now, and the helpers */
    var S = { store: store, root: root, id: id, meta: meta, table: table, notices: notices, rows: rows, revs: revs,
      record: function () { return record; }, write: write, say: say, importRecord: importRecord,
      withTitles: withTitles, titleOf: titleOf, editionOf: editionOf };

    function editionOf() { return { version: table.dataset.edition, date: table.dataset.date }; }
    function blank() { return store.blankRecord(KIND, id, meta.title, editionOf()); }
    function stamp(r) { r.title = meta.title; r.edition = editionOf(); }

    /* Every change is written through hb-store's transact: applied to what is stored NOW (another tab may
       have written since), so two tabs never overwrite each other; the page then shows the result. */
    function write(change) {
      var result = store.transact(KIND, id, function (r) { change(r); stamp(r); }, blank);
      record = result.record;
      return result.saved;
    }

    migrateOld(S);
    keepEarly();

    // ---- DOM <-> record ----
    function readRow(row) {
      var checked = row.querySelector("input[type=radio]:checked");
      var score = row.querySelector(".hb-score");
      return { status: checked ? checked.value : "", note: noteText(row.querySelector(".hb-note")),
               score: score ? score.textContent.trim() : "" };
    }

    // A note as written: innerText turns the <div>/<br> Chromium inserts on Enter into "\n"
    // (textContent would drop them); the note is shown with white-space: pre-wrap, so apply()
    // puts the "\n" back as text and the line breaks survive a reload.
    function noteText(el) {
      return el.innerText.replace(/\r\n?/g, "\n").replace(/\n$/, "");
    }

    // 得分: a number from 0 to the row's 分值 (data-max). Anything else is shown as refused, kept as
    // typed (never lost) but never counted, and the exports leave it out (hbText.score).
    // A row with a long note may break across printed pages (print.css): moved whole to the next
    // page it would leave the page before it mostly blank. Short rows stay in one piece.
    function markLong(row, note) {
      note = typeof note === "string" ? note : "";
      row.classList.toggle("hb-long", note.length > 120 || note.split("\n").length > 5);
    }

    function validScore(value, max) {
      return window.hbText ? window.hbText.score(value, max) : null;
    }

    function checkScore(el) {
      if (!el) return;
      var value = el.textContent.trim(), bad = value !== "" && validScore(value, el.dataset.max) === null;
      var cell = el.parentNode, message = cell.querySelector(".hb-score-error");
      el.setAttribute("aria-invalid", bad ? "true" : "false");
      if (!bad) { if (message) message.remove(); return; }
      if (!message) {
        message = text("span", "hb-score-error");
        message.setAttribute("role", "alert");
        var tr = el.closest("tr[data-item]");
        message.id = "hb-score-error-" + (tr ? tr.dataset.item : "x");
        el.setAttribute("aria-describedby", message.id);
        cell.appendChild(message);
      }
      message.textContent = "得分应为 0 到 " + el.dataset.max + " 之间的数，“" + value + "”不计入得分";
    }

    /* Shows the record; a box the user is typing in is left as it is (its next keystroke is saved anyway),
       and boxes that already show the right text are not touched, so the caret never jumps. */
    function apply() {
      var typing = document.activeElement;
      function put(el, value) { if (el && el !== typing && el.textContent !== value) el.textContent = value; }
      Object.keys(rows).forEach(function (itemId) {
        var row = rows[itemId], entry = record.entries[itemId] || {};
        row.querySelectorAll("input[type=radio]").forEach(function (radio) { radio.checked = entry.status === radio.value; });
        put(row.querySelector(".hb-note"), typeof entry.note === "string" ? entry.note : "");
        markLong(row, entry.note);
        var score = row.querySelector(".hb-score");
        if (score) { put(score, typeof entry.score === "string" ? entry.score : ""); checkScore(score); }
      });
      root.querySelectorAll(".hb-fill[data-field]").forEach(function (cell) {
        put(cell, record.fields[cell.dataset.field] || "");
      });
      showGone();
      progress();
    }

    function keepEarly() {
      Object.keys(touched).forEach(function (key) { changed({ target: touched[key] }); });
    }

    /* Only the field the user changed is written (status, note or score of one row, or one of 单位/填表人/
       日期): a row's other fields may have been changed meanwhile in another tab. */
    function fieldOf(target, row) {
      if (target.type === "radio") return "status";
      if (target.closest(".hb-score")) return "score";
      if (target.closest(".hb-note")) return "note";
      return "";
    }
    function changed(event) {
      var target = event.target, row = target.closest && target.closest("tr[data-item]");
      var edit;
      if (row) {
        var field = fieldOf(target, row);
        if (!field) return;
        if (field === "score") checkScore(target.closest(".hb-score"));
        edit = { key: row.dataset.item, field: field, value: readRow(row)[field], t: store.now() };
        if (field === "note") markLong(row, edit.value);
      } else if (target.dataset && target.dataset.field) {
        edit = { field: target.dataset.field, value: target.textContent };
      } else return;
      write(function (r) { hbRecord.applyEdit(r, edit); });
      apply();
    }

    function progress() {
      var counts = { "已完成": 0, "推进中": 0, "未开始": 0 }, score = 0, ids = Object.keys(revs);
      ids.forEach(function (itemId) {
        var entry = record.entries[itemId] || {};
        if (counts[entry.status] !== undefined) counts[entry.status] += 1;
        var points = validScore(entry.score, maxOf[itemId]);       // out-of-bounds scores never count
        if (points !== null) score += points;
      });
      score = Math.round(score * 100) / 100;
      var filled = counts["已完成"] + counts["推进中"] + counts["未开始"];
      var line = "已完成 " + counts["已完成"] + " · 推进中 " + counts["推进中"] + " · 未开始 " + counts["未开始"] +
        " · 未填 " + (ids.length - filled) + "（共 " + ids.length + " 条）";
      var total = table.querySelector(".hb-score-total");
      if (total) { total.textContent = score ? String(score) : ""; line += " · 得分 " + score; }
      root.querySelector(".hb-progress").textContent = line;
      // the printout's 合计 line (print-only, under the table)
      var printed = root.querySelector(".hb-print-totals");
      if (printed) {
        printed.textContent = "合计：已完成 " + counts["已完成"] + " 条，推进中 " + counts["推进中"] + " 条，未开始 " +
          counts["未开始"] + " 条，未填 " + (ids.length - filled) + " 条（共 " + ids.length + " 条）" +
          (meta.total !== null && meta.total !== undefined ? "；得分 " + score + " / " + meta.total : "");
      }
    }

    // ---- titles: this list's from its rows; any other item's from the shared item table
    //      (downloads/fill/summary-meta.js), loaded only when an entry outside the list needs one ----
    var rowTitles = {};
    meta.rows.forEach(function (r) { rowTitles[r.id] = r.title; });
    function titleOf(itemId) {
      var all = window.__hbSummaryMeta;
      return rowTitles[itemId] || (all && all.items[itemId] && all.items[itemId].title) || "";
    }
    function withTitles(ids, then) {
      if (window.__hbSummaryMeta || ids.every(function (itemId) { return itemId in rowTitles; })) { then(); return; }
      store.loadScript("downloads/fill/summary-meta.js").then(then, then);   // without titles if it fails
    }

    // ---- entries whose item left this list ----
    function showGone() {
      var ids = Object.keys(record.entries).filter(function (itemId) {
        return !(itemId in revs) && store.hasContent(record.entries[itemId]);
      });
      gone.hidden = ids.length === 0;
      gone.textContent = "";
      if (!ids.length) return;
      withTitles(ids, function () { renderGone(ids); });
    }

    function renderGone(ids) {
      store.renderGone(gone, "以下条目已从本版清单中移除或撤销；您的填写仍保存在本机，清除前可导出备份。",
        ids.map(function (itemId) {
          var entry = record.entries[itemId], reason = meta.withdrawn[itemId];
          return { id: itemId, text: itemId + " " + titleOf(itemId) + "：" + (entry.status || "未填") +
            (entry.note ? "；备注：" + entry.note : "") + (reason !== undefined ? "（已撤销：" + reason + "）" : "（已移出本清单）") };
        }),
        function () {
          write(function (r) { ids.forEach(function (itemId) { delete r.entries[itemId]; }); });
          showGone();
        });
    }

    function notice(cls, message) { return store.notice(notices, cls, message); }
    var button = store.button;

    function say(message, error) {
      var box = notice(error ? "hb-cl-error" : "hb-cl-info", message);
      box.setAttribute("role", error ? "alert" : "status");
      button(box, "关闭", function () { box.remove(); });
      return box;
    }

    // ---- another copy of the handbook (other folder) has a record ----
    function offerElsewhere() {
      if (Object.keys(record.entries).length || Object.keys(record.fields).length) return;
      store.offerElsewhere(notices, "hb-cl-elsewhere", KIND, id, "本清单", importRecord);
    }

    // ---- backup and import (the buttons and file pickers: wireFiles) ----
    /* A backup, another copy's record or a read sheet: hb-store checks it against the schema (only this
       list's rows and its withdrawn items), merges it into what is stored now and asks before replacing
       anything. `skipped`: problems found before (a sheet's unreadable cells), listed with the schema's. */
    function importRecord(incoming, from, skipped) {
      var result = store.importRecord(KIND, id, incoming, {
        knows: function (itemId) { return itemId in revs || itemId in meta.withdrawn; },
        start: blank,
        finish: function (r, checked) {
          stamp(r);
          // From an earlier edition: entries of rows reworded since stay flagged 本版已修改，请复核 (hb-changes.js).
          if (window.hbChanges) r.seen = window.hbChanges.seenAfterImport(r, checked, revs, meta.changes, editionOf().version);
        } });
      var problems = (skipped || []).concat(result.problems || []);
      var unchanged = "本清单的填写没有任何改动。";
      if (result.status === "refused") { say("未导入：" + result.message + unchanged, true); return false; }
      if (result.status === "cancelled") { say("已取消导入，" + unchanged); return false; }
      if (result.status === "failed") { say("未导入：无法保存到本机浏览器（存储已满或处于无痕模式）。" + unchanged, true); return false; }
      record = result.record;
      apply();
      if (window.hbChangesUi) window.hbChangesUi.markRows(rows, window.hbChanges.marks(record, revs), updateNotice.confirmReview);
      if (result.status === "unchanged") say("从" + from + "没有读到比本机更新的填写，" + unchanged);
      else say("已从" + from + "导入填写记录：改动 " + result.changed + " 处，填入 " + result.added + " 处空白；其余填写保持不变。");
      if (problems.length) say("以下内容未导入，本机对应的填写保持原样：" + hbRecord.describe(problems), true);
      return true;
    }

    wireFiles(S);
    var updateNotice = updates(S);

    apply();
    updateNotice.check();
    offerElsewhere();
    if (stored.aside) store.offerAside(notices, "hb-cl-aside", KIND, id, stored.aside, meta.title);
    // Another tab wrote this list: show what is stored now.
    store.subscribe(KIND, id, function () { record = store.load(KIND, id) || blank(); apply(); });
    document.documentElement.classList.add("hb-js");
    root.addEventListener("change", changed);
    root.addEventListener("input", changed);
    // Notes take plain text only: pasted formatting from Word would otherwise come along.
    root.addEventListener("paste", function (event) {
      if (!event.target.isContentEditable) return;
      event.preventDefault();
      document.execCommand("insertText", false, event.clipboardData.getData("text/plain"));
    });
    root.querySelector("[data-action=print]").addEventListener("click", function () { window.print(); });
    root.querySelector("[data-action=clear]").addEventListener("click", function () {
      if (!window.confirm("清空本清单在本机保存的勾选、备注和单位等填写？（建议先“导出填写记录”备份）")) return;
      write(function (r) { r.entries = hbRecord.map(); r.fields = hbRecord.map(); });
      apply();
    });
  }

  function init() {
    document.querySelectorAll("table.hb-checklist").forEach(start);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
