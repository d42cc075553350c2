/* 工作计划: renders the level's requirements from the embedded plan data, keeps the unit's plan
   through hb-store.js like the checklists (record kind "plan", id = level id: same backup file, merge rule,
   other-copy offer and “已不在本清单的条目”), tracks progress month by month and generates the
   任务书 / 施工图 / 路线图 outputs in the browser. The page runs on plan.html; window.HBPlan (record
   conversion and summary, for the 汇总 page) on every page. */
(function () {
  "use strict";
  /* The record model (fromLegacy, records, hasContent, summarize, latest month) lives in hb-plan-model.js,
     a pure module loaded before this file on plan.html and the 汇总 page; it defines window.HBPlan. */
  var M = window.HBPlan;
  if (!M) return;
  // the record's names (kind, own-task prefix, fields) are the model's
  var KIND = M.kind, TASK = M.TASK, UNIT = M.UNIT, YEAR = M.YEAR, ROADMAP = M.ROADMAP;
  var records = M.records, hasContent = M.hasContent, legacy = M.legacy, everStatus = M.everStatus;

  /* ---- messages and import, as on the checklist pages: hb-store's rule for every record kind (hb-record's
     schema, merge that never erases, the question before anything is replaced); a refused file changes nothing,
     entries that cannot be read are listed, never half-applied. P: start()'s context (see there). ---- */
  function planImport(P) {
    var D = P.D, hb = P.hb, root = P.root, notices = P.notices, levelOf = P.levelOf, level = P.level;
    var blankFor = P.blankFor, stamp = P.stamp, converted = P.converted;
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
        if (ids.indexOf(P.levelId()) < 0) { P.levelSelect.value = ids[0]; P.switchLevel(ids[0]); }
        else P.reload();
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
      if (Object.keys(P.rec().entries).length || Object.keys(P.rec().fields).length) return;
      hb.offerElsewhere(notices, "hb-cl-elsewhere hb-plan-elsewhere", KIND, P.rec().id, "本层面（" + level().title + "）工作计划",
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
    return { offerElsewhere: offerElsewhere };
  }

  var FIELDS = [["lead", "牵头部门"], ["owner", "责任人"], ["partner", "配合部门"], ["due", "完成时限"],
                ["goal", "年度目标/成效标志"]];

  /* ---- rendering (plain DOM; the page's state comes in P, start()'s context) ---- */
  function el(tag, attrs, text) {
    var n = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { n.setAttribute(k, attrs[k]); });
    if (text != null) n.textContent = text;
    return n;
  }
  function roadmapKey(y, code) { return ROADMAP + y + ":" + code; }
  /* Inputs save while typing (input events, like the checklist notes): nothing typed is lost if the tab
     closes before a change/blur; the tracking panel is redrawn on change only. Every input's accessible name
     says which requirement and which column it is; the column name is visible too (sticky header on wide
     screens, the card's own label on phones). */
  function input(P, key, field, value, label, rowName) {
    var i = el("input", { type: "text", "data-field": field, "aria-label": rowName + " " + label });
    i.value = value || "";
    i.addEventListener("input", function () { P.change({ key: key, field: field, value: i.value }); });   // saved while typing
    i.addEventListener("change", function () { P.refreshTrack(); });
    return i;
  }
  function cell(label, cls) {
    var td = el("td", cls ? { "class": cls, "data-label": label } : { "data-label": label });
    return td;
  }
  function renderRow(P, key, req, own) {
    var D = P.D, change = P.change, renderAll = P.renderAll, refreshTrack = P.refreshTrack, month = P.month;
    var progressHead = P.progressHead, monthLabel = P.monthLabel, progressOf = P.progressOf;
    var e = P.rec().entries[key] || {};
    var tr = el("tr", own ? { "data-task": key.slice(TASK.length), "data-for": req.id, "class": "hb-own" } : { "data-item": key });
    var first = el("th", { scope: "row", "class": "hb-plan-first" });
    var rowName = own ? req.id + " 自定任务" : req.id;
    if (own) {
      first.appendChild(input(P, key, "title", e.title, "任务名称", rowName));
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
      td.appendChild(input(P, key, f[0], e[f[0]], f[1], rowName)); tr.appendChild(td);
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
      var t = progressOf(P.rec().entries[key], month());
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
  /* ---- tracking: progress per part (SVG) ---- */
  function drawChart(D, rows, box) {
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
    box.replaceChildren(svg);
  }

  /* Another tab wrote this level's plan: values refreshed in place (the box being typed in is left alone). */
  function refreshValues(P) {
    var root = P.root, rec = P.rec();
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
    P.refreshTrack();
  }

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
    /* Every write stamps the level's title and the edition it was written in, as plan.js always did before
       writes became transactions (the export date's `stamp()` in the same scope hid this one until
       plan-files.js took it). */
    function stamp(r) { r.title = levelOf(r.id) ? levelOf(r.id).title : r.title; r.edition = editionOf(); return r; }
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
    function progressHead() { return monthLabel() + "进展"; }
    function renderTable() {
      var table = $(".hb-plan-table"), head = el("tr");
      ["编号 / 要求"].concat(FIELDS.map(function (f) { return f[1]; })).concat(["月份安排", progressHead()])
        .forEach(function (h, i) { head.appendChild(el("th", { scope: "col", "class": i === 0 ? "hb-plan-first" : "" }, h)); });
      table.tHead.replaceChildren(head);
      var body = document.createDocumentFragment();
      level().requirements.forEach(function (r) {
        body.appendChild(renderRow(P, r.id, r, false));
        tasksOf(r.id).forEach(function (k) { body.appendChild(renderRow(P, k, r, true)); });
      });
      table.tBodies[0].replaceChildren(body);
    }
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
      drawChart(D, rows, $(".hb-plan-chart"));
      showGone();
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
    function switchLevel(id) { levelId = id; rec = load(id); renderAll(); imports.offerElsewhere(); }

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

    /* the page's context for planImport and plan-files.js: the record and level as they are now */
    var P = { D: D, root: root, hb: hb, el: el, $: $, say: say, notices: notices, levelSelect: levelSelect,
      rec: function () { return rec; }, levelId: function () { return levelId; },
      reload: function () { rec = load(levelId); renderAll(); }, switchLevel: switchLevel,
      level: level, levelOf: levelOf, blankFor: blankFor, stamp: stamp, converted: converted,
      allRows: allRows, planned: planned, goneMark: goneMark, progressOf: progressOf, progressLabel: progressLabel,
      month: month, yearLabel: yearLabel, roadmapKey: roadmapKey,
      change: change, renderAll: renderAll, refreshTrack: refreshTrack, progressHead: progressHead, monthLabel: monthLabel };
    /* ---- outputs: the 任务书 / 施工图 / 路线图 files, the backup and the printout (plan-files.js) ---- */
    if (window.hbPlanFiles) window.hbPlanFiles.attach(P);

    var imports = planImport(P);

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
      refreshValues(P);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(start);
})();
