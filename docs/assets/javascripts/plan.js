/* 工作计划: renders the level's requirements from the embedded plan data, keeps the unit's plan
   in browser storage (record kind "plan", id = level id), tracks progress month by month and
   generates the 任务书 / 施工图 / 路线图 outputs in the browser. Runs only on plan.html. */
(function () {
  "use strict";
  var KIND = "plan";
  var SELF = document.currentScript;
  var SITE_ROOT = (SELF ? SELF.src.replace(/assets\/javascripts\/plan\.js(\?.*)?$/, "") : location.href).replace(/[?#].*$/, "");

  /* For the summary page (any page: plan.js is loaded site-wide): counts of one saved plan record. */
  function summarize(r) {
    var n = 0, done = 0, late = 0;
    Object.keys(r.rows || {}).concat(Object.keys(r.tasks || {}).filter(function (k) { return !r.tasks[k].deleted; }))
      .forEach(function (k) {
        n++;
        var t = (r.track || {})[k] || {};
        if (Object.keys(t).some(function (m) { return t[m].status === "done"; })) done++;
        if (Object.keys(t).some(function (m) { return t[m].status === "late"; })) late++;
      });
    return { id: r.id, unit: r.unit || "", year: r.year || "", tasks: n, done: done, late: late, updated: r.updated || 0 };
  }
  window.HBPlan = { kind: KIND, summarize: summarize };

  function start() {
    var source = document.getElementById("hb-plan-data");
    var root = document.querySelector(".hb-plan");
    if (!source || !root || root.dataset.ready) return;
    root.dataset.ready = "1";
    document.documentElement.classList.add("hb-js");
    var D = JSON.parse(source.textContent);
    var $ = function (sel, el) { return (el || root).querySelector(sel); };
    var levelSelect = $("[data-plan-level]"), monthSelect = $("[data-plan-month]");
    var statusEl = $(".hb-plan-status");
    var levelId = levelSelect.value, rec = null;
    var progressLabel = {};
    D.progress.forEach(function (p) { progressLabel[p.value] = p.label; });

    /* ---- storage: hb-store.js (window.hbStore) when loaded; until then the same key layout
       (hb:v1:<site root URL>:plan:<level id>) so records carry over ---- */
    var hb = window.hbStore;
    var store = hb && typeof hb.load === "function" ? {
      get: function (kind, id) { return hb.load(kind, id); },
      put: function (kind, id, value) { if (!hb.save(value)) throw new Error("存储已满或处于无痕模式"); }
    } : {
      key: function (kind, id) { return "hb:v1:" + SITE_ROOT + ":" + kind + ":" + id; },
      get: function (kind, id) {
        var raw = window.localStorage.getItem(this.key(kind, id));
        return raw ? JSON.parse(raw) : null;
      },
      put: function (kind, id, value) { window.localStorage.setItem(this.key(kind, id), JSON.stringify(value)); }
    };
    function blank(id) {
      var lv = D.levels.filter(function (l) { return l.id === id; })[0];
      return { format: "hb-fill", version: 1, kind: KIND, id: id, title: lv ? lv.title : id, edition: D.edition.version,
               unit: "", year: "", rows: {}, tasks: {}, track: {}, roadmap: {}, updated: 0 };
    }
    function load(id) {
      var r = null;
      try { r = store.get(KIND, id); } catch (e) { say("读取本机保存的计划失败：" + e.message, true); }
      r = r || blank(id);
      ["rows", "tasks", "track", "roadmap"].forEach(function (k) { r[k] = r[k] || {}; });
      return r;
    }
    function save() {
      rec.updated = Date.now();               /* hb-store replaces it with its own ISO time */
      rec.edition = D.edition.version;
      try { store.put(KIND, rec.id, rec); say(""); }
      catch (e) { say("未能保存到本机浏览器（" + e.message + "）。请立即导出备份（JSON）。", true); }
    }
    function say(text, bad) { statusEl.textContent = text; statusEl.classList.toggle("hb-bad", !!bad); }

    /* ---- model helpers ---- */
    var FIELDS = [["lead", "牵头部门"], ["owner", "责任人"], ["partner", "配合部门"], ["due", "完成时限"],
                  ["goal", "年度目标/成效标志"]];
    function level() { return D.levels.filter(function (l) { return l.id === levelId; })[0]; }
    function entry(key) {          // key: requirement ID or own task id
      return rec.tasks[key] || (rec.rows[key] = rec.rows[key] || { months: [] });
    }
    function tasksOf(itemId) {
      return Object.keys(rec.tasks).filter(function (k) { return rec.tasks[k].item === itemId && !rec.tasks[k].deleted; })
        .sort();
    }
    /* every planned row in order: requirements, each followed by its own tasks */
    function allRows() {
      var out = [];
      level().requirements.forEach(function (r) {
        out.push({ key: r.id, req: r, title: r.id + " " + r.title, e: rec.rows[r.id] || { months: [] } });
        tasksOf(r.id).forEach(function (k) {
          out.push({ key: k, req: r, own: true, title: rec.tasks[k].title || "（自定任务）", e: rec.tasks[k] });
        });
      });
      return out;
    }
    function planned(row) { return row.e.months && row.e.months.length || FIELDS.some(function (f) { return row.e[f[0]]; }); }

    /* ---- rendering ---- */
    function el(tag, attrs, text) {
      var n = document.createElement(tag);
      Object.keys(attrs || {}).forEach(function (k) { n.setAttribute(k, attrs[k]); });
      if (text != null) n.textContent = text;
      return n;
    }
    function input(key, field, value, label) {
      var i = el("input", { type: "text", "data-field": field, "aria-label": label });
      i.value = value || "";
      i.addEventListener("change", function () {
        var e = entry(key); e[field] = i.value; e.t = Date.now(); save(); refreshTrack();
      });
      return i;
    }
    function renderTable() {
      var table = $(".hb-plan-table"), head = el("tr");
      ["编号 / 要求"].concat(FIELDS.map(function (f) { return f[1]; })).concat(["月份安排", "本月进展"])
        .forEach(function (h) { head.appendChild(el("th", { scope: "col" }, h)); });
      table.tHead.replaceChildren(head);
      var body = document.createDocumentFragment();
      level().requirements.forEach(function (r) {
        body.appendChild(renderRow(r.id, r, false));
        tasksOf(r.id).forEach(function (k) { body.appendChild(renderRow(k, r, true)); });
      });
      table.tBodies[0].replaceChildren(body);
    }
    function renderRow(key, req, own) {
      var e = own ? rec.tasks[key] : (rec.rows[key] || { months: [] });
      var tr = el("tr", own ? { "data-task": key, "data-for": req.id, "class": "hb-own" } : { "data-item": key });
      var first = el("td");
      if (own) {
        first.appendChild(input(key, "title", e.title, "自定任务"));
        var del = el("button", { type: "button", "class": "hb-link", "data-action": "delete-task" }, "删除");
        del.addEventListener("click", function () {
          if (!window.confirm("删除这项自定任务？")) return;
          rec.tasks[key].deleted = true; rec.tasks[key].t = Date.now(); save(); renderAll();
        });
        first.appendChild(del);
      } else {
        first.appendChild(el("strong", null, req.id + " " + req.title));
        var add = el("button", { type: "button", "class": "hb-link", "data-action": "add-task" }, "＋自定任务");
        add.addEventListener("click", function () {
          var id = "t" + Date.now().toString(36) + Math.random().toString(36).slice(2, 6);
          rec.tasks[id] = { item: req.id, title: "", months: [], t: Date.now() };
          save(); renderAll();
          var box = document.querySelector('tr[data-task="' + id + '"] input[data-field="title"]');
          if (box) box.focus();
        });
        first.appendChild(el("br")); first.appendChild(add);
      }
      tr.appendChild(first);
      FIELDS.forEach(function (f) { var td = el("td"); td.appendChild(input(key, f[0], e[f[0]], f[1])); tr.appendChild(td); });
      var months = el("td", { "class": "hb-months" });
      for (var m = 1; m <= 12; m++) (function (m) {
        var lab = el("label"), box = el("input", { type: "checkbox", "data-month": String(m), "aria-label": m + "月" });
        box.checked = (e.months || []).indexOf(m) >= 0;
        box.addEventListener("change", function () {
          var en = entry(key), list = (en.months || []).filter(function (x) { return x !== m; });
          if (box.checked) list.push(m);
          en.months = list.sort(function (a, b) { return a - b; }); en.t = Date.now(); save(); refreshTrack();
        });
        lab.appendChild(box); lab.appendChild(document.createTextNode(String(m)));
        months.appendChild(lab);
      })(m);
      tr.appendChild(months);
      var prog = el("td", { "class": "hb-progress-cell" }), sel = el("select", { "data-field": "progress", "aria-label": "本月进展" });
      sel.appendChild(el("option", { value: "" }, "—"));
      D.progress.forEach(function (p) { sel.appendChild(el("option", { value: p.value }, p.label)); });
      var note = el("input", { type: "text", "data-field": "note", "aria-label": "进展说明", placeholder: "说明" });
      function show() {
        var t = (rec.track[key] || {})[month()] || {};
        sel.value = t.status || ""; note.value = t.note || "";
      }
      function keep() {
        var t = rec.track[key] = rec.track[key] || {};
        t[month()] = { status: sel.value, note: note.value, t: Date.now() }; save(); refreshTrack();
      }
      sel.addEventListener("change", keep); note.addEventListener("change", keep);
      show(); tr.showTrack = show;
      prog.appendChild(sel); prog.appendChild(note); tr.appendChild(prog);
      return tr;
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
          area.value = ((rec.roadmap[y] || {})[p.code]) || "";
          area.addEventListener("change", function () {
            rec.roadmap[y] = rec.roadmap[y] || {}; rec.roadmap[y][p.code] = area.value; save();
          });
          td.appendChild(area); tr.appendChild(td);
        });
        body.appendChild(tr);
      })(y);
      table.tBodies[0].replaceChildren(body);
    }
    function yearLabel(y) { var base = parseInt(rec.year, 10); return base ? (base + y) + "年" : "第" + (y + 1) + "年"; }
    function month() { return parseInt(monthSelect.value, 10); }

    /* ---- tracking: 滞后, due this month, progress per part (SVG) ---- */
    function refreshTrack() {
      var rows = allRows().filter(planned), m = month();
      var late = rows.filter(function (r) { return ((rec.track[r.key] || {})[m] || {}).status === "late"; });
      var due = rows.filter(function (r) { return (r.e.months || []).indexOf(m) >= 0; });
      var alerts = $(".hb-plan-alerts");
      alerts.replaceChildren();
      [["滞后", late, "hb-late"], ["安排", due, "hb-due"]].forEach(function (g) {
        var box = el("div", { "class": g[2] });
        box.appendChild(el("h3", null, m + "月" + g[0] + "（" + g[1].length + "）"));
        var ul = el("ul");
        g[1].forEach(function (r) { ul.appendChild(el("li", { "data-key": r.key }, r.title)); });
        box.appendChild(ul); alerts.appendChild(box);
      });
      drawChart(rows);
    }
    function drawChart(rows) {
      var NS = "http://www.w3.org/2000/svg", W = 520, bar = 22, gap = 10, left = 90;
      var svg = document.createElementNS(NS, "svg");
      svg.setAttribute("viewBox", "0 0 " + W + " " + (D.parts.length * (bar + gap) + 10));
      svg.setAttribute("role", "img");
      var desc = [];
      D.parts.forEach(function (p, i) {
        var mine = rows.filter(function (r) { return r.req.part === p.code; });
        var done = mine.filter(function (r) {
          var t = rec.track[r.key] || {};
          return Object.keys(t).some(function (k) { return t[k].status === "done"; });
        }).length;
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

    function renderAll() {
      $('[data-plan-field="unit"]').value = rec.unit || "";
      $('[data-plan-field="year"]').value = rec.year || "";
      renderTable(); renderRoadmap(); refreshTrack();
    }
    function switchLevel(id) { levelId = id; rec = load(id); renderAll(); }

    var LAST = "hb:v1:" + SITE_ROOT + ":plan-level";      // which level was open last
    levelSelect.addEventListener("change", function () {
      try { window.localStorage.setItem(LAST, levelSelect.value); } catch (e) { /* preference only */ }
      switchLevel(levelSelect.value);
    });
    try {
      var last = window.localStorage.getItem(LAST);
      if (last && D.levels.some(function (l) { return l.id === last; })) levelSelect.value = levelId = last;
    } catch (e) { /* storage blocked: first level */ }
    monthSelect.addEventListener("change", function () {
      root.querySelectorAll(".hb-plan-table tbody tr").forEach(function (tr) { if (tr.showTrack) tr.showTrack(); });
      refreshTrack();
    });
    root.querySelectorAll("[data-plan-field]").forEach(function (i) {
      i.addEventListener("change", function () { rec[i.dataset.planField] = i.value; save(); renderRoadmap(); });
    });
    monthSelect.value = String(new Date().getMonth() + 1);

    /* ---- outputs ---- */
    function stamp() { return new Date().toISOString().slice(0, 10); }
    function heading(kindTitle) {
      return [(rec.unit || "（单位）") + " " + (rec.year || "") + "年度" + kindTitle,
              "层面：" + level().title + "    " + D.edition.line + "    导出日期 " + stamp()];
    }
    function renwushuRows() {
      return allRows().filter(planned).map(function (r, n) {
        return [String(n + 1), r.own ? r.title : r.req.title, r.req.id, r.e.lead || "", r.e.owner || "",
                r.e.due || "", r.e.goal || ""];
      });
    }
    function shigongtuRows() {
      return allRows().filter(planned).map(function (r, n) {
        var t = rec.track[r.key] || {};
        return [String(n + 1), r.title, r.e.lead || ""].concat(D.months.map(function (_m, i) {
          var s = (t[i + 1] || {}).status, mark = (r.e.months || []).indexOf(i + 1) >= 0 ? "●" : "";
          return mark + (s ? progressLabel[s] : "");
        }));
      });
    }
    function luxiantuRows() {
      var out = [];
      for (var y = 0; y < D.years; y++) {
        out.push([yearLabel(y)].concat(D.parts.map(function (p) { return ((rec.roadmap[y] || {})[p.code]) || ""; })));
      }
      return out;
    }
    var OUT = {
      renwushu: { title: "任务书（年度任务分解表）", cols: D.columns.renwushu, rows: renwushuRows },
      shigongtu: { title: "施工图（月度推进表）", cols: D.columns.shigongtu, rows: shigongtuRows, month: true },
      luxiantu: { title: "路线图（五年）", cols: D.columns.luxiantu, rows: luxiantuRows }
    };
    function fileName(kind, ext) {
      return (rec.unit || level().title) + (OUT[kind] ? OUT[kind].title.replace(/（.*/, "") : "工作计划备份") + "-" + stamp() + "." + ext;
    }
    function download(blob, name) {
      if (hb && typeof hb.download === "function") return hb.download(name, blob);
      var a = el("a", { href: URL.createObjectURL(blob), download: name });
      document.body.appendChild(a); a.click();
      setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
    }
    function exportJSON() {
      var body = JSON.stringify({ handbook: D.edition.name, version: D.edition.version, exported: stamp(),
                                  records: [{ kind: KIND, id: rec.id, value: rec }] }, null, 1);
      download(new Blob([body], { type: "application/json" }), fileName("json", "json"));
    }
    /* vendored ExcelJS / docx, loaded on first use (hb-store's loader when present) */
    function loadScript(src) {
      if (hb && typeof hb.loadScript === "function") return hb.loadScript(src);      /* path from the site root */
      return new Promise(function (resolve, reject) {
        var s = el("script", { src: src });
        s.onload = resolve;
        s.onerror = function () { reject(new Error("无法加载 " + src)); };
        document.head.appendChild(s);
      });
    }
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
      [[head[0], { bold: true, size: 14 }], [head[1], { size: 9 }], ["", {}]].forEach(function (h, i) {
        ws.mergeCells(i + 1, 1, i + 1, n);
        var c = ws.getCell(i + 1, 1); c.value = h[0]; c.font = h[1];
        if (i === 0) c.alignment = { horizontal: "center" };
      });
      var thin = { style: "thin", color: { argb: "FF808080" } }, border = { top: thin, left: thin, bottom: thin, right: thin };
      ws.getRow(4).values = o.cols.map(function (c) { return c.name; });
      ws.getRow(4).eachCell(function (c) {
        c.font = { bold: true }; c.border = border; c.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
        c.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9D9D9" } };
      });
      o.cols.forEach(function (c, i) { ws.getColumn(i + 1).width = Math.round(c.cm / 0.2); });
      rows.forEach(function (values, r) {
        var row = ws.getRow(5 + r);
        row.values = values;
        for (var i = 1; i <= n; i++) {
          var c = row.getCell(i);
          c.border = border; c.alignment = { vertical: "top", wrapText: true };
          if (o.month && i > 3 && String(values[i - 1]).charAt(0) === "●")    /* planned month */
            c.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFF2CC" } };
        }
      });
      ws.pageSetup.printTitlesRow = "4:4";
      return wb.xlsx.writeBuffer().then(function (buf) {
        return new Blob([buf], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });
      });
    }
    function docx(d, o, head, rows) {
      function para(text, opts) {
        return new d.Paragraph({ alignment: (opts || {}).center ? d.AlignmentType.CENTER : undefined,
          children: [new d.TextRun({ text: text, bold: (opts || {}).bold, size: (opts || {}).size })] });
      }
      var widths = o.cols.map(function (c) { return Math.round(c.cm * TWIP_PER_CM); });
      function row(values, header) {
        return new d.TableRow({ tableHeader: header, cantSplit: true, children: values.map(function (v, i) {
          return new d.TableCell({ width: { size: widths[i], type: d.WidthType.DXA },
            shading: header ? { fill: "D9D9D9", type: d.ShadingType.CLEAR, color: "auto" } : undefined,
            children: [para(String(v), { bold: header, center: header })] });
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
          children: [para(head[0], { bold: true, center: true, size: 32 }), para(head[1], { center: true, size: 18 }), table]
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

    /* ---- import: newer entry wins, nothing is dropped ---- */
    function merge(into, from) {
      ["rows", "tasks"].forEach(function (k) {
        Object.keys(from[k] || {}).forEach(function (id) {
          var a = into[k][id], b = from[k][id];
          if (!a || (b.t || 0) > (a.t || 0)) into[k][id] = b;
        });
      });
      Object.keys(from.track || {}).forEach(function (id) {
        var a = into.track[id] = into.track[id] || {};
        Object.keys(from.track[id]).forEach(function (m) {
          var b = from.track[id][m];
          if (!a[m] || (b.t || 0) > (a[m].t || 0)) a[m] = b;
        });
      });
      Object.keys(from.roadmap || {}).forEach(function (y) {
        into.roadmap[y] = into.roadmap[y] || {};
        Object.keys(from.roadmap[y]).forEach(function (p) { if (from.roadmap[y][p]) into.roadmap[y][p] = from.roadmap[y][p]; });
      });
      if (!into.unit) into.unit = from.unit;
      if (!into.year) into.year = from.year;
    }
    var picker = root.querySelector("input[type=file][data-hb-import]");
    picker.addEventListener("change", function () {
      var file = picker.files[0];
      if (!file) return;
      file.text().then(function (text) {
        var data = JSON.parse(text), plans = (data.records || []).filter(function (r) { return r.kind === KIND; });
        if (!plans.length) throw new Error("文件中没有工作计划");
        if (!window.confirm("导入 " + plans.length + " 份计划，与本机内容合并（同一项保留较新的）？")) return;
        plans.forEach(function (p) {
          var target = p.id === rec.id ? rec : load(p.id);
          merge(target, p.value);
          if (target === rec) save(); else { target.updated = Date.now(); store.put(KIND, target.id, target); }
        });
        if (!plans.some(function (p) { return p.id === rec.id; }) && levelSelect.querySelector('option[value="' + plans[0].id + '"]')) {
          levelSelect.value = plans[0].id;       // show what was imported
          switchLevel(plans[0].id);
        } else renderAll();
        say("已导入 " + plans.length + " 份计划。");
      }).catch(function (e) { say("导入失败：" + e.message, true); }).then(function () { picker.value = ""; });
    });

    /* on plan.html also: the levels and the saved record of each */
    window.HBPlan.levels = D.levels.map(function (l) { return { id: l.id, title: l.title }; });
    window.HBPlan.load = load;
    switchLevel(levelId);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(start);
})();
