/* 汇总: read several units' backup JSONs / filled .xlsx in the browser (nothing is uploaded) and show
   units × items, per-unit progress, completion per part and per 五型 (inline SVG), the items 未开始 in most
   units; export to .xlsx. Checklist records are summed up per item; "plan" records (工作计划) in their own table. */
(function () {
  "use strict";
  var store = window.hbStore, META = window.__hbSummaryMeta;
  var STATUSES = ["已完成", "推进中", "未开始"];
  var root = document.querySelector(".hb-summary");
  if (!store || !META || !root) return;
  var messages = document.querySelector(".hb-sum-messages");
  var units = [];          // {unit, file, checklist, entries}
  var plans = [];          // {file, unit, level, s: HBPlan.summarize(record)}
  // level titles for older plan backups, whose records carry no title (newer ones carry the data's title)
  var LEVELS = { dangzu: "党组（党委）", "jiguan-dangwei": "机关党委", dangzhibu: "党支部" };

  function el(tag, cls, content) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (content !== undefined) e.textContent = content;
    return e;
  }

  function say(message, error) {
    var p = el("p", error ? "hb-sum-error" : "hb-sum-info", message);
    p.setAttribute("role", error ? "alert" : "status");
    messages.appendChild(p);
  }

  function office() { return store.loadScript("assets/javascripts/hb-office.js").then(function () { return window.hbOffice; }); }

  function checklistMeta(id) {
    var c = META.checklists[id];
    return { id: id, title: c.title, edition: META.edition, rows: c.items.map(function (x) { return { id: x }; }) };
  }

  function fromJson(name, content) {
    var data;
    try { data = JSON.parse(content); } catch (e) { say(name + "：不是有效的填写记录（JSON 格式错误），未载入。", true); return; }
    // A 工作计划 backup (plan.html; hb-fill record of kind "plan", or the older {records: […]} file):
    // summed up in its own table, beside the checklists. plan.js (site-wide) knows both shapes.
    var planRecords = window.HBPlan ? window.HBPlan.records(data) : [];
    if (planRecords.length) {
      var problem = "";
      planRecords.forEach(function (r) { problem = problem || store.checkBackup(r, window.HBPlan.kind, r.id); });
      if (problem) { say(name + "：" + problem + "未载入。", true); return; }
      planRecords.forEach(function (r) {
        var s = window.HBPlan.summarize(r);
        plans.push({ file: name, unit: s.unit || name.replace(/\.json$/i, ""), level: r.title && r.title !== r.id ? r.title : LEVELS[s.id] || s.id, s: s });
      });
      say("已载入 " + name + "（工作计划）。");
      return;
    }
    if (!data || !META.checklists[data.id]) { say(name + "：不是本手册清单的填写记录，未载入。", true); return; }
    var problem = store.checkBackup(data, "checklist", data.id);
    if (problem) { say(name + "：" + problem + "未载入。", true); return; }
    add(name, data);
  }

  function fromXlsx(name, buffer) {
    return office().then(function (o) {
      return o.excel().then(function (ExcelJS) {
        var wb = new ExcelJS.Workbook();
        return wb.xlsx.load(buffer).then(function () {
          var ws = wb.worksheets[0], head = [];
          for (var r = 1; r <= 3; r++) ws.getRow(r).eachCell(function (c) { head.push(o.cellText(c)); });
          var joined = head.join(" "), m = /清单编号\s*(\S+)/.exec(joined), id = m && META.checklists[m[1]] ? m[1] : null;
          if (!id) Object.keys(META.checklists).forEach(function (k) { if (!id && head.indexOf(META.checklists[k].title) >= 0) id = k; });
          if (!id) { say(name + "：无法判断是哪份清单（表头没有清单名称或编号），未载入。", true); return; }
          return o.readFilledXlsx(buffer, checklistMeta(id)).then(function (result) {
            if (result.error) { say(name + "：" + result.error + "未载入。", true); return; }
            if (result.problems.length) say(name + "：以下内容未能识别，未计入：" + hbRecord.describe(result.problems), true);
            add(name, result.record);
          });
        });
      });
    }).catch(function (e) { say(name + "：无法读取（" + e.message + "），未载入。", true); });
  }

  function add(file, record) {
    units.push({ unit: (record.fields || {})["单位"] || file.replace(/\.(json|xlsx)$/i, ""), file: file,
                 checklist: record.id, entries: record.entries || {} });
    say("已载入 " + file + "（" + units[units.length - 1].unit + "）。");
  }

  function count(unit, ids) {
    var c = { "已完成": 0, "推进中": 0, "未开始": 0, "未填": 0 };
    ids.forEach(function (id) { var s = (unit.entries[id] || {}).status; c[STATUSES.indexOf(s) >= 0 ? s : "未填"]++; });
    return c;
  }

  function bars(title, groups) {
    // groups: [{label, done, total}] → horizontal bar chart, printable (no colours needed to read it)
    var rowH = 22, width = 640, labelW = 110, barW = width - labelW - 90, h = groups.length * rowH + 30;
    var ns = "http://www.w3.org/2000/svg", svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 " + width + " " + h);
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", title);
    svg.classList.add("hb-sum-chart");
    function t(x, y, s, anchor) {
      var e = document.createElementNS(ns, "text");
      e.setAttribute("x", x); e.setAttribute("y", y); e.setAttribute("font-size", "13");
      if (anchor) e.setAttribute("text-anchor", anchor);
      e.textContent = s; svg.appendChild(e);
    }
    t(0, 16, title);
    groups.forEach(function (g, i) {
      var y = 28 + i * rowH, share = g.total ? g.done / g.total : 0;
      t(labelW - 6, y + 14, g.label, "end");
      var bg = document.createElementNS(ns, "rect");
      bg.setAttribute("x", labelW); bg.setAttribute("y", y + 3); bg.setAttribute("width", barW); bg.setAttribute("height", 14);
      bg.setAttribute("fill", "none"); bg.setAttribute("stroke", "currentColor"); svg.appendChild(bg);
      var fg = document.createElementNS(ns, "rect");
      fg.setAttribute("x", labelW); fg.setAttribute("y", y + 3); fg.setAttribute("width", Math.round(barW * share));
      fg.setAttribute("height", 14); fg.setAttribute("fill", "#c62828"); svg.appendChild(fg);
      t(labelW + barW + 6, y + 14, Math.round(share * 100) + "%（" + g.done + "/" + g.total + "）");
    });
    return svg;
  }

  function renderPlans() {
    if (!plans.length) return;
    root.appendChild(el("h2", "", "各单位工作计划"));
    var table = el("table", "hb-sum-plans");
    table.innerHTML = "<thead><tr><th>单位</th><th>层面</th><th>年度</th><th>任务数</th><th>已有完成月份</th><th>有滞后</th></tr></thead>";
    var tb = el("tbody");
    plans.forEach(function (p) {
      var tr = el("tr");
      [p.unit, p.level, p.s.year, p.s.tasks, p.s.done, p.s.late].forEach(function (v) { tr.appendChild(el("td", "", String(v))); });
      tb.appendChild(tr);
    });
    table.appendChild(tb);
    var wrap = el("div", "hb-table-wrap");
    wrap.appendChild(table);
    root.appendChild(wrap);
  }

  function render() {
    root.textContent = "";
    document.querySelector("[data-hb-summary-export]").disabled = !units.length;
    renderPlans();
    if (!units.length) return;
    // items: every item of the loaded checklists, in catalogue order
    var wanted = {};
    units.forEach(function (u) { META.checklists[u.checklist].items.forEach(function (id) { wanted[id] = 1; }); });
    var ids = Object.keys(META.items).filter(function (id) { return wanted[id]; });

    root.appendChild(el("h2", "", "各单位进度"));
    var progress = el("table", "hb-sum-units");
    progress.innerHTML = "<thead><tr><th>单位</th><th>清单</th><th>已完成</th><th>推进中</th><th>未开始</th><th>未填</th></tr></thead>";
    var tb = el("tbody");
    units.forEach(function (u) {
      var c = count(u, META.checklists[u.checklist].items), tr = el("tr");
      tr.dataset.unit = u.unit;
      [u.unit, META.checklists[u.checklist].title, c["已完成"], c["推进中"], c["未开始"], c["未填"]].forEach(function (v) { tr.appendChild(el("td", "", String(v))); });
      tb.appendChild(tr);
    });
    progress.appendChild(tb);
    root.appendChild(progress);

    function group(keyOf, labels) {
      return labels.map(function (l) {
        var done = 0, total = 0;
        units.forEach(function (u) {
          META.checklists[u.checklist].items.forEach(function (id) {
            if (keyOf(META.items[id]).indexOf(l.key) < 0) return;
            total++; if ((u.entries[id] || {}).status === "已完成") done++;
          });
        });
        return { label: l.label, done: done, total: total };
      }).filter(function (g) { return g.total; });
    }
    root.appendChild(el("h2", "", "完成情况（已完成占比）"));
    root.appendChild(bars("按部分", group(function (i) { return [i.part]; }, META.parts.map(function (p) { return { key: p.code, label: p.name }; }))));
    root.appendChild(bars("按五型", group(function (i) { return i.types; }, META.types.map(function (t) { return { key: t, label: t }; }))));

    root.appendChild(el("h2", "", "多数单位未开始的条目"));
    var todo = ids.map(function (id) {
      return { id: id, n: units.filter(function (u) { return (u.entries[id] || {}).status === "未开始"; }).length };
    }).filter(function (x) { return x.n; }).sort(function (a, b) { return b.n - a.n; }).slice(0, 10);
    var ol = el("ol", "hb-sum-todo");
    todo.forEach(function (x) { var li = el("li", "", x.id + " " + META.items[x.id].title + "：" + x.n + " 个单位未开始"); li.dataset.item = x.id; ol.appendChild(li); });
    root.appendChild(todo.length ? ol : el("p", "", "没有单位标记为未开始的条目。"));

    root.appendChild(el("h2", "", "单位 × 条目"));
    var wrap = el("div", "hb-table-wrap"), grid = el("table", "hb-sum-grid");
    var head = "<thead><tr><th>编号</th><th>要求</th>" + units.map(function (u) { return "<th></th>"; }).join("") + "</tr></thead>";
    grid.innerHTML = head;
    grid.querySelectorAll("thead th").forEach(function (th, i) { if (i >= 2) th.textContent = units[i - 2].unit; });
    var body = el("tbody");
    ids.forEach(function (id) {
      var tr = el("tr");
      tr.dataset.item = id;
      tr.appendChild(el("td", "", id));
      tr.appendChild(el("td", "", META.items[id].title));
      units.forEach(function (u) {
        var inList = META.checklists[u.checklist].items.indexOf(id) >= 0;
        tr.appendChild(el("td", "", inList ? ((u.entries[id] || {}).status || "未填") : "—"));
      });
      body.appendChild(tr);
    });
    grid.appendChild(body);
    wrap.appendChild(grid);
    root.appendChild(wrap);
  }

  function exportXlsx() {
    office().then(function (o) { return o.excel(); }).then(function (ExcelJS) {
      var wb = new ExcelJS.Workbook(), ws = wb.addWorksheet("汇总");
      ws.addRow(["清单填写汇总", "", META.edition.version + " 版"]);
      ws.addRow(["编号", "要求"].concat(units.map(function (u) { return u.unit; })));
      document.querySelectorAll(".hb-sum-grid tbody tr").forEach(function (tr) {
        ws.addRow(Array.prototype.map.call(tr.cells, function (td) { return td.textContent; }));
      });
      var p = wb.addWorksheet("各单位进度");
      p.addRow(["单位", "清单", "已完成", "推进中", "未开始", "未填"]);
      document.querySelectorAll(".hb-sum-units tbody tr").forEach(function (tr) {
        p.addRow(Array.prototype.map.call(tr.cells, function (td, i) { return i >= 2 ? Number(td.textContent) : td.textContent; }));
      });
      return wb.xlsx.writeBuffer();
    }).then(function (buffer) {
      store.download("清单填写汇总-" + META.edition.version + "-" + new Date().toISOString().slice(0, 10) + ".xlsx",
        new Blob([buffer], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }));
    }).catch(function (e) { say("导出失败：" + e.message, true); });
  }

  var input = document.querySelector("input[type=file][data-hb-import-many]");
  input.addEventListener("change", function () {
    var files = Array.prototype.slice.call(input.files);
    files.reduce(function (chain, file) {
      return chain.then(function () {
        return store.readFile(file).then(function (content) {
          return /\.xlsx$/i.test(file.name) ? fromXlsx(file.name, content) : fromJson(file.name, content);
        });
      });
    }, Promise.resolve()).then(function () { render(); input.value = ""; document.documentElement.dataset.hbSummaryReady = units.length; });
  });
  document.querySelector("[data-hb-summary-export]").addEventListener("click", exportXlsx);
  document.querySelector("[data-action=print]").addEventListener("click", function () { window.print(); });
  document.querySelector("[data-action=clear-summary]").addEventListener("click", function () { units = []; plans = []; messages.textContent = ""; render(); });
})();
