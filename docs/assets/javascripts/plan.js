/* 工作计划: renders the level's requirements from the embedded plan data, keeps the unit's plan
   through hb-store.js like the checklists (record kind "plan", id = level id: same backup file, merge rule,
   other-copy offer and “已不在本清单的条目”), tracks progress month by month and generates the
   任务书 / 施工图 / 路线图 outputs in the browser. The page runs on plan.html; window.HBPlan (record
   conversion and summary, for the 汇总 page) on every page. */
(function () {
  "use strict";
  var KIND = "plan";
  var FIELD_KEYS = ["lead", "owner", "partner", "due", "goal"];
  var TASK = "task:";                         // entry key of an own task: task:<task id>
  var UNIT = "单位", YEAR = "年度", ROADMAP = "路线图:";   // record fields; roadmap cells 路线图:<year 0…4>:<part code>
  var EPOCH = "1970-01-01T00:00:00.000Z";     // older than anything written since: a converted entry never wins a tie

  /* The record model (fromLegacy, records, hasContent, summarize, latest month) lives in hb-plan-model.js,
     a pure module loaded before this file on plan.html and the 汇总 page; it defines window.HBPlan. */
  var M = window.HBPlan;
  if (!M) return;
  var records = M.records, hasContent = M.hasContent, legacy = M.legacy, everStatus = M.everStatus;

  function start() {
    var D = window.__hbPlanData;                 // api/plan-data.js, loaded by plan.html before this runs
    var root = document.querySelector(".hb-plan");
    var hb = window.hbStore;
    if (!D || !root || root.dataset.ready || !hb) return;
    root.dataset.ready = "1";
    document.documentElement.classList.add("hb-js", "hb-wide");     // full page width (handbook.css)
    var $ = function (sel, el) { return (el || root).querySelector(sel); };
    var levelSelect = $("[data-plan-level]"), monthSelect = $("[data-plan-month]");
    var statusEl = $(".hb-plan-status"), notices = $(".hb-plan-notices"), gone = $(".hb-plan-gone");
    var levelId = levelSelect.value, rec = null;
    var progressLabel = {};
    D.progress.forEach(function (p) { progressLabel[p.value] = p.label; });

    /* ---- storage: hb-store (localStorage hb:v1:<site root>:plan:<level id>) ---- */
    function levelOf(id) { return D.levels.filter(function (l) { return l.id === id; })[0]; }
    function editionOf() { return { version: D.edition.version, date: D.edition.date }; }
    /* a plan stored by the older plan.js (rows/tasks/track) is read in the new shape */
    var convertedNow = false;
    function converted(data) {
      if (!(data && legacy(data))) return data;
      convertedNow = true;
      return records(data)[0] || null;
    }
    function blankFor(id) { return function () { return hb.blankRecord(KIND, id, levelOf(id) ? levelOf(id).title : id, editionOf()); }; }
    function stamp(r) { r.title = levelOf(r.id) ? levelOf(r.id).title : r.title; r.edition = editionOf(); }
    var asideReason = "";
    function load(id) {
      convertedNow = false;
      var got = hb.read(KIND, id, converted);
      if (id === levelId) asideReason = got.aside;
      if (convertedNow && got.record) hb.save(got.record);              // stored in the new shape from now on
      return got.record || blankFor(id)();
    }
    function saved(ok) {
      if (ok) { if (statusEl.classList.contains("hb-bad")) say(""); }
      else say("未能保存到本机浏览器（存储已满或处于无痕模式）。请立即导出备份（JSON）。", true);
      return ok;
    }
    /* Every change is one field (hb-record's applyEdit), applied through hb-store to what is stored NOW:
       another tab's work on other rows, or on other fields of this row, is never written over. */
    function change(edits) {
      var result = hb.transact(KIND, levelId, function (r) {
        (Array.isArray(edits) ? edits : [edits]).forEach(function (e) { if (!e.t && e.key !== undefined) e.t = hb.now(); hbRecord.applyEdit(r, e); });
        stamp(r);
      }, blankFor(levelId), converted);
      rec = result.record;
      return saved(result.saved);
    }
    function say(text, bad) { statusEl.textContent = text; statusEl.classList.toggle("hb-bad", !!bad); }

    /* ---- model helpers ---- */
    var FIELDS = [["lead", "牵头部门"], ["owner", "责任人"], ["partner", "配合部门"], ["due", "完成时限"],
                  ["goal", "年度目标/成效标志"]];
    function level() { return levelOf(levelId); }
    function inLevel() {
      var ids = {};
      level().requirements.forEach(function (r) { ids[r.id] = r; });
      return ids;
    }
    function tasksOf(itemId) {
      return Object.keys(rec.entries).filter(function (k) { return k.indexOf(TASK) === 0 && rec.entries[k].item === itemId; })
        .sort();
    }
    function taskTitle(k) { return rec.entries[k].title || "（自定任务）"; }
    /* requirements no longer in this level's list (removed or withdrawn) that still hold plan entries */
    function goneIds() {
      var here = inLevel(), ids = [];
      Object.keys(rec.entries).forEach(function (k) {
        var id = k.indexOf(TASK) === 0 ? rec.entries[k].item : k;
        if (!here[id] && ids.indexOf(id) < 0 && (k.indexOf(TASK) === 0 || hasContent(rec.entries[k]))) ids.push(id);
      });
      return ids.sort();
    }
    function goneMark(id) {
      return id in D.withdrawn ? "（已撤销：" + D.withdrawn[id] + "）" : "（已移出本清单）";
    }
    /* every row in order: requirements, each followed by its own tasks; withGone adds the requirements that
       left the list (with their tasks), marked, after them: exports and printouts keep the user's work */
    function allRows(withGone) {
      var out = [];
      function add(req, gone) {
        var mark = gone ? goneMark(req.id) : "";
        out.push({ key: req.id, req: req, gone: gone, title: req.id + " " + req.title + mark, e: rec.entries[req.id] || {} });
        tasksOf(req.id).forEach(function (k) {
          out.push({ key: k, req: req, own: true, gone: gone, title: taskTitle(k) + mark, e: rec.entries[k] });
        });
      }
      level().requirements.forEach(function (r) { add(r, false); });
      if (withGone) goneIds().forEach(function (id) { add({ id: id, title: D.titles[id] || "", part: "" }, true); });
      return out;
    }
    function planned(row) { return row.own || hasContent(row.e); }
    function progressOf(e, m) { return ((e && e.progress) || {})[m] || {}; }

    /* ---- rendering ---- */
    function el(tag, attrs, text) {
      var n = document.createElement(tag);
      Object.keys(attrs || {}).forEach(function (k) { n.setAttribute(k, attrs[k]); });
      if (text != null) n.textContent = text;
      return n;
    }
    /* Inputs save while typing (input events, like the checklist notes): nothing typed is lost if the tab
       closes before a change/blur; the tracking panel is redrawn on change only. Every input's accessible name
       says which requirement and which column it is; the column name is visible too (sticky header on wide
       screens, the card's own label on phones). */
    function input(key, field, value, label, rowName) {
      var i = el("input", { type: "text", "data-field": field, "aria-label": rowName + " " + label });
      i.value = value || "";
      i.addEventListener("input", function () { change({ key: key, field: field, value: i.value }); });   // saved while typing
      i.addEventListener("change", function () { refreshTrack(); });
      return i;
    }
    function cell(label, cls) {
      var td = el("td", cls ? { "class": cls, "data-label": label } : { "data-label": label });
      return td;
    }
    function progressHead() { return monthLabel() + "进展"; }
    function renderTable() {
      var table = $(".hb-plan-table"), head = el("tr");
      ["编号 / 要求"].concat(FIELDS.map(function (f) { return f[1]; })).concat(["月份安排", progressHead()])
        .forEach(function (h, i) { head.appendChild(el("th", { scope: "col", "class": i === 0 ? "hb-plan-first" : "" }, h)); });
      table.tHead.replaceChildren(head);
      var body = document.createDocumentFragment();
      level().requirements.forEach(function (r) {
        body.appendChild(renderRow(r.id, r, false));
        tasksOf(r.id).forEach(function (k) { body.appendChild(renderRow(k, r, true)); });
      });
      table.tBodies[0].replaceChildren(body);
    }
    function renderRow(key, req, own) {
      var e = rec.entries[key] || {};
      var tr = el("tr", own ? { "data-task": key.slice(TASK.length), "data-for": req.id, "class": "hb-own" } : { "data-item": key });
      var first = el("th", { scope: "row", "class": "hb-plan-first" });
      var rowName = own ? req.id + " 自定任务" : req.id;
      if (own) {
        first.appendChild(input(key, "title", e.title, "任务名称", rowName));
        var del = el("button", { type: "button", "class": "hb-link", "data-action": "delete-task", "aria-label": "删除 " + req.id + " 的这项自定任务" }, "删除");
        del.addEventListener("click", function () {
          if (!window.confirm("删除这项自定任务？")) return;
          change({ key: key, remove: true }); renderAll();
        });
        first.appendChild(del);
      } else {
        // the requirement's text opens in place (plan data: api/plan-data.js, from data/ only)
        var details = el("details", { "class": "hb-plan-req" }), summary = el("summary");
        summary.appendChild(el("strong", null, req.id));
        summary.appendChild(document.createTextNode(" " + req.title));
        details.appendChild(summary);
        if (req.text && req.text !== req.title) details.appendChild(el("p", null, req.text));
        else details.appendChild(el("p", { "class": "hb-plan-same" }, "（要求全文即标题）"));
        first.appendChild(details);
        var add = el("button", { type: "button", "class": "hb-link", "data-action": "add-task", "aria-label": "为 " + req.id + " 添加自定任务" }, "＋自定任务");
        add.addEventListener("click", function () {
          var id = "t" + Date.now().toString(36) + Math.random().toString(36).slice(2, 6);
          change({ key: TASK + id, field: "item", value: req.id }); renderAll();
          var box = document.querySelector('tr[data-task="' + id + '"] input[data-field="title"]');
          if (box) box.focus();
        });
        first.appendChild(add);
      }
      tr.appendChild(first);
      FIELDS.forEach(function (f) {
        var td = cell(f[1], "hb-plan-" + f[0]);
        td.appendChild(input(key, f[0], e[f[0]], f[1], rowName)); tr.appendChild(td);
      });
      var months = cell("月份安排", "hb-months");
      var group = el("fieldset", { "class": "hb-month-group" });
      group.appendChild(el("legend", { "class": "hb-sr" }, rowName + " 月份安排"));
      for (var m = 1; m <= 12; m++) (function (m) {
        var lab = el("label"), box = el("input", { type: "checkbox", "data-month": String(m), "aria-label": rowName + " " + m + "月安排" });
        box.checked = (e.months || []).indexOf(m) >= 0;
        box.addEventListener("change", function () {
          change({ key: key, field: "month", value: m, on: box.checked }); refreshTrack();
        });
        lab.appendChild(box); lab.appendChild(document.createTextNode(String(m)));
        box.tabIndex = m === 1 ? 0 : -1;
        group.appendChild(lab);
      })(m);
      /* the twelve months are one Tab stop (arrow keys move between them, Space ticks): a 64-row plan is
         filled with the keyboard without 12 extra Tabs per row */
      group.addEventListener("keydown", function (event) {
        var step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1, Home: -12, End: 12 }[event.key];
        if (!step || !event.target.dataset.month) return;
        var boxes = group.querySelectorAll("input[data-month]"), at = +event.target.dataset.month - 1;
        var next = Math.max(0, Math.min(11, at + step));
        boxes.forEach(function (b, i) { b.tabIndex = i === next ? 0 : -1; });
        boxes[next].focus();
        event.preventDefault();
      });
      months.appendChild(group);
      tr.appendChild(months);
      var prog = cell(progressHead(), "hb-progress-cell"), sel = el("select", { "data-field": "progress" });
      sel.appendChild(el("option", { value: "" }, "—"));
      D.progress.forEach(function (p) { sel.appendChild(el("option", { value: p.value }, p.label)); });
      var note = el("input", { type: "text", "data-field": "note", placeholder: "说明" });
      function show() {
        var t = progressOf(rec.entries[key], month());
        sel.value = t.status || ""; note.value = t.note || "";
        sel.setAttribute("aria-label", rowName + " " + progressHead());
        note.setAttribute("aria-label", rowName + " " + monthLabel() + "进展说明");
        prog.setAttribute("data-label", progressHead());
      }
      function keep(part, value) {
        change({ key: key, field: "progress." + month() + "." + part, value: value });
      }
      sel.addEventListener("change", function () { keep("status", sel.value); refreshTrack(); });
      note.addEventListener("input", function () { keep("note", note.value); });
      note.addEventListener("change", function () { refreshTrack(); });
      show(); tr.showTrack = show;
      prog.appendChild(sel); prog.appendChild(note); tr.appendChild(prog);
      return tr;
    }
    function roadmapKey(y, code) { return ROADMAP + y + ":" + code; }
    function renderRoadmap() {
      var table = $(".hb-plan-roadmap"), head = el("tr");
      D.columns.luxiantu.forEach(function (c) { head.appendChild(el("th", { scope: "col" }, c.name)); });
      table.tHead.replaceChildren(head);
      var body = document.createDocumentFragment();
      for (var y = 0; y < D.years; y++) (function (y) {
        var tr = el("tr", { "data-year": String(y) });
        tr.appendChild(el("th", { scope: "row" }, yearLabel(y)));
        D.parts.forEach(function (p) {
          var td = el("td"), area = el("textarea", { rows: "2", "data-part": p.code, "aria-label": yearLabel(y) + p.title + "里程碑" });
          area.value = rec.fields[roadmapKey(y, p.code)] || "";
          area.addEventListener("input", function () {
            change({ field: roadmapKey(y, p.code), value: area.value });
          });
          td.appendChild(area); tr.appendChild(td);
        });
        body.appendChild(tr);
      })(y);
      table.tBodies[0].replaceChildren(body);
    }
    function yearLabel(y) { var base = parseInt(rec.fields[YEAR], 10); return base ? (base + y) + "年" : "第" + (y + 1) + "年"; }
    function month() { return parseInt(monthSelect.value, 10); }
    /* Month semantics made explicit: progress belongs to a month of the plan's 年度. Unless the user picks one,
       the month follows the 年度: this month when planning this year, January for a later year (planning 2027
       in December 2026 must not record against December), December for an earlier one. */
    var monthChosen = false;
    function planYear() { var y = parseInt(rec && rec.fields[YEAR], 10); return y > 1900 ? y : 0; }
    function defaultMonth() {
      var now = new Date(), y = planYear();
      if (!y || y === now.getFullYear()) return now.getMonth() + 1;
      return y > now.getFullYear() ? 1 : 12;
    }
    function monthLabel() { return (planYear() ? planYear() + "年" : "") + month() + "月"; }
    function showMonth() {
      if (!monthChosen) monthSelect.value = String(defaultMonth());
      var note = $(".hb-plan-month-note");
      if (note) note.textContent = "进展记在 " + (planYear() ? planYear() + "年" : "（年度未填）") + month() + "月" +
        "；任务的状态按其最近一个有进展的月份计。";
      var th = $(".hb-plan-table thead th:last-child");
      if (th) th.textContent = progressHead();
    }

    /* ---- tracking: 滞后, due this month, progress per part (SVG) ---- */
    function refreshTrack() {
      var rows = allRows(false).filter(planned), m = month();
      var late = rows.filter(function (r) { return progressOf(r.e, m).status === "late"; });
      var due = rows.filter(function (r) { return (r.e.months || []).indexOf(m) >= 0; });
      var alerts = $(".hb-plan-alerts");
      alerts.replaceChildren();
      [["滞后", late, "hb-late"], ["安排", due, "hb-due"]].forEach(function (g) {
        var box = el("div", { "class": g[2] });
        box.appendChild(el("h3", null, monthLabel() + g[0] + "（" + g[1].length + "）"));
        var ul = el("ul");
        g[1].forEach(function (r) { ul.appendChild(el("li", { "data-key": r.key }, r.title)); });
        box.appendChild(ul); alerts.appendChild(box);
      });
      drawChart(rows);
      showGone();
    }
    function drawChart(rows) {
      var NS = "http://www.w3.org/2000/svg", W = 520, bar = 22, gap = 10, left = 90;
      var svg = document.createElementNS(NS, "svg");
      svg.setAttribute("viewBox", "0 0 " + W + " " + (D.parts.length * (bar + gap) + 10));
      svg.setAttribute("role", "img");
      var desc = [];
      D.parts.forEach(function (p, i) {
        var mine = rows.filter(function (r) { return r.req.part === p.code; });
        var done = mine.filter(function (r) { return M.state(r.e) === "done"; }).length;   // latest month's state
        var share = mine.length ? done / mine.length : 0, y = i * (bar + gap) + 5;
        desc.push(p.title + " " + done + "/" + mine.length);
        var label = document.createElementNS(NS, "text");
        label.setAttribute("x", "0"); label.setAttribute("y", String(y + bar * 0.7)); label.textContent = p.title;
        var back = document.createElementNS(NS, "rect"), front = document.createElementNS(NS, "rect");
        [back, front].forEach(function (r) { r.setAttribute("x", String(left)); r.setAttribute("y", String(y)); r.setAttribute("height", String(bar)); });
        back.setAttribute("width", String(W - left - 70)); back.setAttribute("class", "hb-bar-back");
        front.setAttribute("width", String((W - left - 70) * share)); front.setAttribute("class", "hb-bar");
        front.setAttribute("data-part", p.code);
        var count = document.createElementNS(NS, "text");
        count.setAttribute("x", String(W - 62)); count.setAttribute("y", String(y + bar * 0.7));
        count.textContent = done + " / " + mine.length;
        [label, back, front, count].forEach(function (n) { svg.appendChild(n); });
      });
      svg.setAttribute("aria-label", "各部分已完成任务：" + desc.join("；"));
      $(".hb-plan-chart").replaceChildren(svg);
    }

    /* ---- planned requirements that left this level's list: kept, shown, in every export ---- */
    function showGone() {
      var items = goneIds().map(function (id) {
        var e = rec.entries[id] || {}, tasks = tasksOf(id), parts = [];
        FIELDS.forEach(function (f) { if (e[f[0]]) parts.push(f[1] + " " + e[f[0]]); });
        if ((e.months || []).length) parts.push("月份 " + e.months.join("、"));
        if (tasks.length) parts.push("自定任务 " + tasks.map(taskTitle).join("、"));
        return { id: id, text: id + " " + (D.titles[id] || "") + "：" + (parts.join("；") || "已有进展记录") + goneMark(id) };
      });
      hb.renderGone(gone, "以下要求已从本层面的清单中移除或撤销；您的计划仍保存在本机，并照常计入备份和导出的任务书、施工图。" +
        "清除前可先导出备份。", items, function () {
        if (!window.confirm("从本机计划中清除这 " + items.length + " 条要求及其自定任务？（建议先导出备份）")) return;
        var ids = items.map(function (i) { return i.id; });
        change(Object.keys(rec.entries).filter(function (k) {
          return ids.indexOf(k.indexOf(TASK) === 0 ? rec.entries[k].item : k) >= 0;
        }).map(function (k) { return { key: k, remove: true }; }));
        renderAll();
      });
    }

    function renderAll() {
      $('[data-plan-field="unit"]').value = rec.fields[UNIT] || "";
      $('[data-plan-field="year"]').value = rec.fields[YEAR] || "";
      showMonth(); renderTable(); renderRoadmap(); refreshTrack();
      if (window.hbChangesUi) window.hbChangesUi.plan({ root: root, notices: notices, store: hb, record: rec,   // hb-changes-ui.js
        requirements: level().requirements, revs: D.revs || {}, changes: (D.changes || {})[levelId], titles: D.titles || {}, save: saveSeen });
    }
    /* the notice's 知道了 / 已复核: only the record's `seen` is written, into what is stored now */
    function saveSeen(r) {
      var result = hb.transact(KIND, levelId, function (x) { x.seen = r.seen; stamp(x); }, blankFor(levelId), converted);
      return saved(result.saved);
    }
    function switchLevel(id) { levelId = id; rec = load(id); renderAll(); offerElsewhere(); }

    var LAST = hb.key("plan-level", "last");      // which level was open last (not a record: no :plan:<id> suffix)
    levelSelect.addEventListener("change", function () {
      try { window.localStorage.setItem(LAST, levelSelect.value); } catch (e) { /* preference only */ }
      switchLevel(levelSelect.value);
    });
    try {
      var last = window.localStorage.getItem(LAST);
      if (last && levelOf(last)) levelSelect.value = levelId = last;
    } catch (e) { /* storage blocked: first level */ }
    monthSelect.addEventListener("change", function () {
      monthChosen = true; showMonth();
      root.querySelectorAll(".hb-plan-table tbody tr").forEach(function (tr) { if (tr.showTrack) tr.showTrack(); });
      refreshTrack();
    });
    var FIELD_OF = { unit: UNIT, year: YEAR };
    root.querySelectorAll("[data-plan-field]").forEach(function (i) {
      i.addEventListener("input", function () {          // saved while typing
        change({ field: FIELD_OF[i.dataset.planField], value: i.value });
      });
      i.addEventListener("change", function () {
        var name = FIELD_OF[i.dataset.planField];
        renderRoadmap();
        if (name === YEAR) {
          showMonth();
          root.querySelectorAll(".hb-plan-table tbody tr").forEach(function (tr) { if (tr.showTrack) tr.showTrack(); });
          refreshTrack();
        }
      });
    });

    /* ---- outputs ---- */
    function stamp() { return new Date().toISOString().slice(0, 10); }
    function heading(kindTitle) {
      return [(txt(rec.fields[UNIT]) || "（单位）") + " " + txt(rec.fields[YEAR]) + "年度" + kindTitle,
              "层面：" + level().title + "    " + D.edition.line + "    导出日期 " + stamp()];
    }
    /* User text for the outputs: plain text only (hb-text.js), so a crafted value can never become a
       formula, a hyperlink or rich text in the Word/Excel files. */
    function txt(v) {
      if (window.hbText) return window.hbText.plain(v);
      return typeof v === "string" ? v : "";
    }
    function progressText(e, m, withMonth) {
      var p = progressOf(e, m), label = progressLabel[txt(p.status)] || "", note = txt(p.note);
      if (!label && !note) return "";
      return (withMonth ? m + "月" : "") + label + (label && note ? "：" : "") + note;
    }
    /* Columns as handbook/plan.py RENWUSHU_COLUMNS: 序号 任务 对应要求 牵头 配合 责任人 时限 成效标志 当月进展 */
    function renwushuRows() {
      return allRows(true).filter(planned).map(function (r, n) {
        return [String(n + 1), r.own ? txt(r.title) : r.req.title + (r.gone ? goneMark(r.req.id) : ""), r.req.id,
                txt(r.e.lead), txt(r.e.partner), txt(r.e.owner), txt(r.e.due), txt(r.e.goal), progressText(r.e, month(), true)];
      });
    }
    /* SHIGONGTU_COLUMNS: 序号 任务 牵头, 1月…12月 (● planned, then the month's status), 进展说明 (every month's note) */
    function shigongtuRows() {
      return allRows(true).filter(planned).map(function (r, n) {
        var notes = [];
        var months = D.months.map(function (_m, i) {
          var s = txt(progressOf(r.e, i + 1).status), mark = (r.e.months || []).indexOf(i + 1) >= 0 ? "●" : "";
          var note = txt(progressOf(r.e, i + 1).note);
          if (note) notes.push((i + 1) + "月：" + note);
          return mark + (progressLabel[s] || "");
        });
        return [String(n + 1), txt(r.title), txt(r.e.lead)].concat(months, [notes.join("\n")]);
      });
    }
    function luxiantuRows() {
      var out = [];
      for (var y = 0; y < D.years; y++) {
        out.push([yearLabel(y)].concat(D.parts.map(function (p) { return txt(rec.fields[roadmapKey(y, p.code)]); })));
      }
      return out;
    }
    var OUT = {
      renwushu: { title: "任务书（年度任务分解表）", cols: D.columns.renwushu, rows: renwushuRows },
      shigongtu: { title: "施工图（月度推进表）", cols: D.columns.shigongtu, rows: shigongtuRows, month: true },
      luxiantu: { title: "路线图（五年）", cols: D.columns.luxiantu, rows: luxiantuRows }
    };
    function fileName(kind, ext) {
      return (txt(rec.fields[UNIT]) || level().title) + (OUT[kind] ? OUT[kind].title.replace(/（.*/, "") : "工作计划备份") + "-" + stamp() + "." + ext;
    }
    function download(blob, name) { hb.download(name, blob); }
    /* backup: hb-store's record as it is, like a checklist's 填写记录 (one file per level) */
    function exportJSON() {
      var copy = JSON.parse(JSON.stringify(rec));
      copy.written = hb.now();
      var name = D.edition.name + "-工作计划-" + level().title + "-" + (rec.fields[UNIT] || "未填单位") + "-" +
        copy.written.slice(0, 10) + ".json";
      download(new Blob([JSON.stringify(copy, null, 1)], { type: "application/json" }), name);
    }
    /* vendored ExcelJS / docx, loaded on first use through hb-store (works from file://) */
    function loadScript(src) { return hb.loadScript(src); }      /* path from the site root */
    function lib(ext) {
      var name = ext === "xlsx" ? "ExcelJS" : "docx";
      if (window[name]) return Promise.resolve(window[name]);
      return loadScript(root.dataset["vendor" + ext.charAt(0).toUpperCase() + ext.slice(1)]).then(function () { return window[name]; });
    }
    var TWIP_PER_CM = 567;
    function xlsx(E, o, head, rows) {
      var wb = new E.Workbook(), n = o.cols.length;
      wb.creator = D.edition.name; wb.title = head[0]; wb.description = D.edition.line;
      var ws = wb.addWorksheet(o.title.replace(/（.*/, ""), {
        pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
        headerFooter: { oddFooter: "&L&8" + D.edition.line + "&R&8第 &P 页 / 共 &N 页" },
        views: [{ state: "frozen", ySplit: 4 }]
      });
      var song = { name: "宋体", charset: 134, size: 11 };      /* 宋体 everywhere, as the blank templates */
      function font(extra) { return Object.assign({}, song, extra || {}); }
      [[head[0], font({ bold: true, size: 14 })], [head[1], font({ size: 9 })], ["", font()]].forEach(function (h, i) {
        ws.mergeCells(i + 1, 1, i + 1, n);
        var c = ws.getCell(i + 1, 1); c.value = h[0]; c.font = h[1];
        if (i === 0) c.alignment = { horizontal: "center" };
      });
      var thin = { style: "thin", color: { argb: "FF808080" } }, border = { top: thin, left: thin, bottom: thin, right: thin };
      ws.getRow(4).values = o.cols.map(function (c) { return c.name; });
      ws.getRow(4).eachCell(function (c) {
        c.font = font({ bold: true }); c.border = border; c.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
        c.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9D9D9" } };
      });
      o.cols.forEach(function (c, i) { ws.getColumn(i + 1).width = Math.round(c.cm / 0.2); });
      rows.forEach(function (values, r) {
        var row = ws.getRow(5 + r);
        row.values = values.map(function (v) { return txt(v); });    /* strings: never a formula or link */
        var lines = 1;
        for (var i = 1; i <= n; i++) {
          var c = row.getCell(i);
          c.border = border; c.alignment = { vertical: "top", wrapText: true }; c.font = font();
          /* rows grow with their text: wrapped lines in a column of cm width (CJK ≈ 0.4 cm at 11 pt) */
          var per = Math.max(1, Math.floor(o.cols[i - 1].cm / 0.42));
          lines = Math.max(lines, window.hbText ? window.hbText.linesNeeded(txt(values[i - 1]), per) : 1);
          if (o.month && i > 3 && String(values[i - 1]).charAt(0) === "●")    /* planned month */
            c.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFF2CC" } };
        }
        row.height = Math.max(30, Math.round(lines * 15.6 + 4));
      });
      ws.pageSetup.printTitlesRow = "4:4";
      return wb.xlsx.writeBuffer().then(function (buf) {
        return new Blob([buf], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });
      });
    }
    function docx(d, o, head, rows) {
      var song = { ascii: "Times New Roman", hAnsi: "Times New Roman", eastAsia: "宋体" };
      function para(text, opts) {
        return new d.Paragraph({ alignment: (opts || {}).center ? d.AlignmentType.CENTER : undefined,
          children: [new d.TextRun({ text: text, bold: (opts || {}).bold, size: (opts || {}).size,
            font: (opts || {}).title ? { ascii: "Times New Roman", hAnsi: "Times New Roman", eastAsia: "黑体" } : song })] });
      }
      function paras(text, opts) { return txt(text).split("\n").map(function (line) { return para(line, opts); }); }
      var widths = o.cols.map(function (c) { return Math.round(c.cm * TWIP_PER_CM); });
      function row(values, header) {
        return new d.TableRow({ tableHeader: header, cantSplit: true, children: values.map(function (v, i) {
          return new d.TableCell({ width: { size: widths[i], type: d.WidthType.DXA },
            shading: header ? { fill: "D9D9D9", type: d.ShadingType.CLEAR, color: "auto" } : undefined,
            children: paras(v, { bold: header, center: header }) });
        }) });
      }
      var table = new d.Table({ layout: d.TableLayoutType.FIXED, columnWidths: widths,
        width: { size: widths.reduce(function (a, b) { return a + b; }, 0), type: d.WidthType.DXA },
        rows: [row(o.cols.map(function (c) { return c.name; }), true)].concat(rows.map(function (r) { return row(r, false); })) });
      var margin = Math.round(1.5 * TWIP_PER_CM);
      var doc = new d.Document({
        creator: D.edition.name, title: head[0], description: D.edition.line,
        styles: { default: { document: { run: { size: 21, font: { ascii: "Times New Roman", hAnsi: "Times New Roman", eastAsia: "宋体" } } } } },
        sections: [{
          properties: { page: { size: { width: 11906, height: 16838, orientation: d.PageOrientation.LANDSCAPE },
                                margin: { top: margin, bottom: margin, left: margin, right: margin } } },
          footers: { default: new d.Footer({ children: [new d.Paragraph({ alignment: d.AlignmentType.CENTER, children: [
            new d.TextRun({ text: D.edition.line + "    第 ", size: 16 }), new d.TextRun({ children: [d.PageNumber.CURRENT], size: 16 }),
            new d.TextRun({ text: " 页 / 共 ", size: 16 }), new d.TextRun({ children: [d.PageNumber.TOTAL_PAGES], size: 16 }),
            new d.TextRun({ text: " 页", size: 16 })] })] }) },
          children: [para(head[0], { bold: true, center: true, size: 32, title: true }), para(head[1], { center: true, size: 18 }), table]
        }]
      });
      return d.Packer.toBlob(doc);
    }
    function office(kind, ext) {
      var o = OUT[kind], head = heading(o.title);
      say("正在生成……");
      return lib(ext).then(function (L) {
        return (ext === "xlsx" ? xlsx : docx)(L, o, head, o.rows());
      }).then(function (blob) { download(blob, fileName(kind, ext)); say("已生成 " + fileName(kind, ext)); })
        .catch(function (e) { say("生成失败：" + e.message + "。可先用“打印”或导出备份（JSON）。", true); });
    }
    root.querySelectorAll("[data-hb-export]").forEach(function (b) {
      b.addEventListener("click", function () {
        var what = b.dataset.hbExport;
        if (what === "json") return exportJSON();
        var parts = what.split("-");
        office(parts[0], parts[1]);
      });
    });
    function printOut(kind) {
      var o = OUT[kind], box = $(".hb-plan-print"), head = heading(o.title);
      box.replaceChildren(el("p", { "class": "hb-print-name" }, head[0]), el("p", { "class": "hb-print-sub" }, head[1]));
      var t = el("table", { "class": "hb-plan-out" }), tr = el("tr");
      o.cols.forEach(function (c) { tr.appendChild(el("th", { style: "width:" + c.cm + "cm" }, c.name)); });
      t.appendChild(el("thead")).appendChild(tr);
      var tb = t.appendChild(el("tbody"));
      o.rows().forEach(function (row) {
        var r = el("tr"); row.forEach(function (v) { r.appendChild(el("td", null, v)); }); tb.appendChild(r);
      });
      box.appendChild(t);
      document.body.classList.add("hb-printing-plan");
      /* landscape only for this printout (the site's print.css sets portrait for the rest) */
      var style = document.getElementById("hb-plan-page") || document.head.appendChild(el("style", { id: "hb-plan-page" }));
      style.textContent = "@page { size: A4 landscape; margin: 12mm 12mm 14mm; }";
      window.print();
    }
    window.addEventListener("afterprint", function () {
      document.body.classList.remove("hb-printing-plan");
      var style = document.getElementById("hb-plan-page");
      if (style) style.remove();
    });
    root.querySelectorAll("[data-hb-print]").forEach(function (b) {
      b.addEventListener("click", function () { printOut(b.dataset.hbPrint); });
    });

    /* ---- messages, as on the checklist pages ---- */
    function tell(message, error) {
      var box = hb.notice(notices, error ? "hb-cl-error" : "hb-cl-info", message);
      box.setAttribute("role", error ? "alert" : "status");
      hb.button(box, "关闭", function () { box.remove(); });
      return box;
    }

    /* ---- import: hb-store's rule for every record kind (hb-record's schema, merge that never erases,
       the question before anything is replaced); a refused file changes nothing, entries that cannot be
       read are listed, never half-applied ---- */
    function knows(key, value) {
      return key.indexOf(TASK) === 0 ? !!(value && typeof value.item === "string" && value.item in D.titles) : key in D.titles;
    }
    function importData(data, from) {
      var list = records(data), refusal = "";
      if (!list.length) {
        refusal = data && data.format === "hb-fill" ? (hb.checkBackup(data, KIND, data.id) || "文件中没有工作计划。")
          : "不是本手册的工作计划备份文件。";
      } else if (Array.isArray(data.records) && data.handbook && data.handbook !== D.edition.name) {
        refusal = "这是另一本手册（" + String(data.handbook).slice(0, 60) + "）的备份。";
      }
      list.forEach(function (r) {
        if (!refusal && !levelOf(r.id)) refusal = "本手册没有“" + String(r.id).slice(0, 40) + "”这一层面的工作计划。";
      });
      if (refusal) { tell("未导入：" + refusal + "本机的计划没有任何改动。", true); return false; }
      var done = [], problems = [], stop = "";
      list.forEach(function (r) {
        if (stop) return;
        var result = hb.importRecord(KIND, r.id, r, { knows: knows, start: blankFor(r.id), finish: stamp, convert: converted });
        problems = problems.concat(result.problems || []);
        if (result.status === "refused") stop = "未导入：" + result.message;
        else if (result.status === "cancelled") stop = "已取消导入。";
        else if (result.status === "failed") stop = "未导入：无法保存到本机浏览器（存储已满或处于无痕模式）。";
        else done.push({ id: r.id, status: result.status, changed: result.changed || 0, added: result.added || 0 });
      });
      if (stop) tell(stop + (done.length ? "此前的层面已导入：" + done.map(function (d) { return levelOf(d.id).title; }).join("、") +
        "；其余" : "") + "本机的计划没有任何改动。", !/取消/.test(stop));
      if (done.length) {
        var ids = done.map(function (d) { return d.id; });
        if (ids.indexOf(levelId) < 0) { levelSelect.value = ids[0]; switchLevel(ids[0]); }
        else { rec = load(levelId); renderAll(); }
        var changedAny = done.some(function (d) { return d.status === "imported"; });
        tell(changedAny ? "已从" + from + "导入工作计划（" + done.map(function (d) {
          return levelOf(d.id).title + "：改动 " + d.changed + " 处，填入 " + d.added + " 处空白";
        }).join("；") + "）；其余内容保持不变。" : "从" + from + "没有读到比本机更新的计划内容，本机的计划没有任何改动。");
      }
      if (problems.length) tell("以下内容未导入，本机对应的计划保持原样：" + hbRecord.describe(problems), true);
      return done.length > 0;
    }
    function offerElsewhere() {
      notices.querySelectorAll(".hb-plan-elsewhere").forEach(function (box) { box.remove(); });
      if (Object.keys(rec.entries).length || Object.keys(rec.fields).length) return;
      hb.offerElsewhere(notices, "hb-cl-elsewhere hb-plan-elsewhere", KIND, rec.id, "本层面（" + level().title + "）工作计划",
        importData, function (r) { return records(r)[0] || null; });
    }
    var picker = root.querySelector("input[type=file][data-hb-import]");
    picker.addEventListener("change", function () {
      var file = picker.files[0];
      if (!file) return;
      hb.readFile(file).then(function (text) {
        var data;
        try { data = JSON.parse(text); } catch (e) {
          tell("未导入：文件不是有效的工作计划备份（JSON 格式错误）。本机的计划没有任何改动。", true); return;
        }
        importData(data, "备份文件 " + file.name + " ");
      }).catch(function (e) { tell("未导入：无法读取文件（" + e.message + "）。本机的计划没有任何改动。", true); })
        .then(function () { picker.value = ""; });
    });

    /* on plan.html also: the levels and the saved record of each */
    window.HBPlan.levels = D.levels.map(function (l) { return { id: l.id, title: l.title }; });
    window.HBPlan.load = load;
    switchLevel(levelId);
    if (asideReason) hb.offerAside(notices, "hb-cl-aside", KIND, levelId, asideReason, D.edition.name + "-工作计划-" + level().title);
    /* Another tab wrote this level's plan: show what is stored now. Values are refreshed in place (the box
       being typed in is left alone); a task added or deleted there redraws the table. */
    window.addEventListener("storage", function (event) {
      if (event.key !== hb.key(KIND, levelId) && event.key !== null) return;
      var before = Object.keys(rec.entries).filter(function (k) { return k.indexOf(TASK) === 0; }).sort().join();
      rec = load(levelId);
      var after = Object.keys(rec.entries).filter(function (k) { return k.indexOf(TASK) === 0; }).sort().join();
      if (before !== after) { renderAll(); return; }
      refreshValues();
    });
    function refreshValues() {
      var typing = document.activeElement;
      root.querySelectorAll(".hb-plan-table tbody tr").forEach(function (tr) {
        var key = tr.dataset.item || (tr.dataset.task ? TASK + tr.dataset.task : ""), e = rec.entries[key] || {};
        if (!key) return;
        tr.querySelectorAll("input[data-field]").forEach(function (i) {
          var f = i.dataset.field;
          if (i !== typing && f !== "note" && f !== "progress" && i.value !== (e[f] || "")) i.value = e[f] || "";
        });
        tr.querySelectorAll("input[data-month]").forEach(function (box) { box.checked = (e.months || []).indexOf(+box.dataset.month) >= 0; });
        if (tr.showTrack && !tr.contains(typing)) tr.showTrack();
      });
      root.querySelectorAll("[data-plan-field]").forEach(function (i) {
        var v = rec.fields[{ unit: UNIT, year: YEAR }[i.dataset.planField]] || "";
        if (i !== typing && i.value !== v) i.value = v;
      });
      root.querySelectorAll(".hb-plan-roadmap textarea[data-part]").forEach(function (area) {
        var v = rec.fields[roadmapKey(+area.closest("tr").dataset.year, area.dataset.part)] || "";
        if (area !== typing && area.value !== v) area.value = v;
      });
      refreshTrack();
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(start);
})();
