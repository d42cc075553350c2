/* 汇总 page (checklists/summary.html): the DOM side only. Units' backup JSONs / filled .xlsx are read in the
   browser (nothing is uploaded); hb-summary.js (pure, Node-tested) decides what each file is, keeps one return
   per unit, groups other checklists/editions apart and computes every figure. This file draws the page, keeps
   the loaded returns in localStorage (hbStore's key scheme, kind "summary") until 清空, and writes the
   汇总 Excel and the 汇总报告 Word with the vendored ExcelJS / docx. Any file may be hostile: each file is read
   inside its own try, refused files are listed with the reason, and the rest keeps working. */
(function () {
  "use strict";
  var store = window.hbStore, META = window.__hbSummaryMeta, S = window.hbSummary, T = window.hbText;
  var root = document.querySelector(".hb-summary");
  if (!store || !META || !S || !T || !root || !window.hbSummaryFiles) return;
  var plain = T.plain;
  var messages = document.querySelector(".hb-sum-messages");
  var KEY = store.key("summary", "returns");
  var returns = [];        // hb-summary returns, load order
  var plans = [];          // {file, unit, level, year, tasks, done, late}
  var fields = { unit: "" };  // 汇总单位 (typed on this page)
  var view = { group: 0, units: "name", items: "catalogue", part: "", type: "", status: "", page: 0 };
  var LEVELS = { dangzu: "党组（党委）", "jiguan-dangwei": "机关党委", dangzhibu: "党支部" };

  document.documentElement.classList.add("hb-wide");
  // landscape for this page's printout only (print.css sets portrait for the rest of the site)
  var pageStyle = document.createElement("style");
  pageStyle.textContent = "@page { size: A4 landscape; margin: 10mm 10mm 12mm; }";
  document.head.appendChild(pageStyle);

  function el(tag, cls, content) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (content !== undefined) e.textContent = content;
    return e;
  }
  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]; });
  }
  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + ("0" + (d.getMonth() + 1)).slice(-2) + "-" + ("0" + d.getDate()).slice(-2);
  }
  function office() { return store.loadScript("assets/javascripts/hb-office.js").then(function () { return window.hbOffice; }); }
  function checklistTitle(id) { return S.own(META.checklists, id) ? plain(META.checklists[id].title) : id; }
  function siteEdition() { return plain((META.edition || {}).version); }

  /* ---- persistence: hb:v1:<site>:summary:returns ---- */
  var stored = true;          // false after a failed write: then this page's copy is the only one, never replaced
  function persist() {
    try {
      var data = JSON.parse(S.serialise(returns));
      data.plans = plans; data.fields = fields;
      localStorage.setItem(KEY, JSON.stringify(data));
      stored = true;
      return true;
    } catch (e) {
      stored = false;
      say("无法在本机浏览器保存已载入的文件（存储已满或处于无痕模式）：汇总照常显示和导出，但本页关闭后需重新载入。", true);
      return false;
    }
  }
  /* quiet: re-read before a write (another 汇总 tab may have loaded or removed files since), no message */
  function restore(quiet) {
    var raw = null;
    if (quiet && !stored) return;
    try { raw = localStorage.getItem(KEY); } catch (e) { return; }
    if (!raw) { if (quiet) { returns = []; plans = []; } return; }
    var got = S.deserialise(raw, META), data = null;
    returns = got.returns;
    try { data = JSON.parse(raw); } catch (e) { data = null; }
    if (data && Array.isArray(data.plans)) plans = data.plans.filter(function (p) { return p && typeof p === "object"; }).map(planRow);
    if (data && data.fields && typeof data.fields === "object") fields.unit = plain(data.fields.unit);
    if (got.dropped && !quiet) say("本机保存的汇总中有 " + got.dropped + " 份与本版手册不符，已略去。", true);
  }

  /* ---- messages: one line per load, details folded ---- */
  function say(message, error) {
    var p = el("p", error ? "hb-sum-error" : "hb-sum-info", message);
    p.setAttribute("role", error ? "alert" : "status");
    messages.appendChild(p);
    return p;
  }
  function report(log, refused, planFiles) {
    messages.textContent = "";
    var line = S.loadLine(log, refused.length) + (planFiles ? "；另有 " + planFiles + " 个工作计划文件" : "") + "。";
    var box = el("details", "hb-sum-load");
    box.appendChild(el("summary", "", line));
    var ul = el("ul");
    log.forEach(function (l) { ul.appendChild(el("li", "", S.describe(l))); });
    returnsDropped.forEach(function (d) { ul.appendChild(el("li", "", d)); });
    box.appendChild(ul);
    messages.appendChild(box);
    if (refused.length) {
      var bad = el("div", "hb-sum-refused");
      bad.setAttribute("role", "alert");
      bad.appendChild(el("p", "hb-sum-error", "以下 " + refused.length + " 个文件未载入（其余文件不受影响）："));
      var list = el("ul");
      refused.forEach(function (r) { var li = el("li", "", r.file + "：" + r.reason); li.dataset.refused = r.file; list.appendChild(li); });
      bad.appendChild(list);
      messages.appendChild(bad);
    }
  }
  var returnsDropped = [];

  /* ---- reading files: every failure becomes a refusal with a reason ---- */
  function planRow(p) {
    return { file: plain(p.file), unit: plain(p.unit), level: plain(p.level), year: plain(p.year),
             tasks: +p.tasks || 0, done: +p.done || 0, late: +p.late || 0 };
  }
  function fromJson(name, content, got) {
    var data;
    try { data = JSON.parse(content); } catch (e) { got.refused.push({ file: name, reason: "不是有效的填写记录（JSON 格式错误）" }); return; }
    var P = window.HBPlan, planRecords = P ? P.records(data) : [];
    if (planRecords.length) {
      var problem = "";
      planRecords.forEach(function (r) { problem = problem || store.checkBackup(r, P.kind, r.id); });
      if (problem) { got.refused.push({ file: name, reason: problem }); return; }
      planRecords.forEach(function (r) {
        var s = P.summarize(r), title = plain(r.title), id = plain(s.id);
        got.plans.push(planRow({ file: name, unit: plain(s.unit) || name.replace(/\.json$/i, ""),
          level: title && title !== id ? title : (S.own(LEVELS, id) ? LEVELS[id] : id), year: s.year, tasks: s.tasks, done: s.done, late: s.late }));
      });
      return;
    }
    var read = S.readReturn(data, META, name);
    if (!read.ok) { got.refused.push({ file: name, reason: read.reason }); return; }
    got.returns.push(read.ret);
  }
  function fromXlsx(name, buffer, modified, got) {
    return office().then(function (o) {
      return o.readSheets(buffer).then(function (g) {                   // parsed once, read by hb-sheet.js
        if (g.error) { got.refused.push({ file: name, reason: g.error }); return; }
        // which list: the file's HB_CHECKLIST / 清单编号 (hb-sheet's rule, as on the checklist page), else its title
        var lay = window.hbSheet.layout(g.rows), who = window.hbSheet.identity(g.rows, g.names, lay ? lay.header : 3);
        var id = who.id && S.own(META.checklists, who.id) ? who.id : null, head = [].concat.apply([], g.rows.slice(0, 3));
        if (!id) Object.keys(META.checklists).forEach(function (k) { if (!id && head.indexOf(META.checklists[k].title) >= 0) id = k; });
        if (!id) { got.refused.push({ file: name, reason: "无法判断是哪份清单（表头没有清单名称或编号）" }); return; }
        var c = META.checklists[id];
        var result = o.readGrid(g, { id: id, title: c.title, edition: META.edition, rows: c.items.map(function (x) { return { id: x }; }) });
        if (result.error) { got.refused.push({ file: name, reason: result.error }); return; }
        result.record.written = modified;      // a hand-filled sheet has no time of its own: the file's
        var read = S.readReturn(result.record, META, name);
        if (!read.ok) { got.refused.push({ file: name, reason: read.reason }); return; }
        if (result.problems.length) returnsDropped.push(name + "：以下内容未能识别，未计入：" + hbRecord.describe(result.problems));
        got.returns.push(read.ret);
      });
    }).catch(function (e) { got.refused.push({ file: name, reason: "无法读取（" + (e && e.message) + "）" }); });
  }


  function loadFiles(files) {
    var got = { returns: [], refused: [], plans: [] };
    returnsDropped = [];
    return files.reduce(function (chain, file) {
      return chain.then(function () {
        return store.readFile(file).then(function (content) {
          if (/\.xlsx$/i.test(file.name)) return fromXlsx(file.name, content, new Date(file.lastModified || Date.now()).toISOString(), got);
          try { fromJson(file.name, content, got); }
          catch (e) { got.refused.push({ file: file.name, reason: "内容无法识别（" + (e && e.message) + "）" }); }
        }).catch(function (e) { got.refused.push({ file: file.name, reason: "无法读取（" + (e && e.message) + "）" }); });
      });
    }, Promise.resolve()).then(function () {
      restore(true);                                 // what is stored now, then this load on top of it
      var added = S.addReturns(returns, got.returns);
      returns = added.returns;
      got.returns.forEach(function (r) { if (r.dropped) returnsDropped.push(r.file + "：" + r.dropped + " 处内容无法识别（本清单没有的编号或无法识别的完成情况），未计入"); });
      var seen = new Set(plans.map(function (p) { return JSON.stringify(p); }));
      got.plans.forEach(function (p) {              // the same plan file twice counts once
        var k = JSON.stringify(p);
        if (seen.has(k)) { returnsDropped.push(p.file + "：工作计划与已载入的相同，已忽略"); return; }
        seen.add(k); plans.push(p);
      });
      report(added.log, got.refused, got.plans.length);
      persist();                                     // after report(): a storage failure stays on screen
    });
  }

  /* ---- drawing ---- */
  function bars(title, rows) {
    // rows: [{label, done, total}] → horizontal bars with n/N; readable without colour (numbers beside each bar)
    var rowH = 22, width = 640, labelW = 110, barW = width - labelW - 150, h = rows.length * rowH + 30;
    var ns = "http://www.w3.org/2000/svg", svg = document.createElementNS(ns, "svg");
    svg.setAttribute("xmlns", ns);
    svg.setAttribute("viewBox", "0 0 " + width + " " + h);
    svg.setAttribute("width", String(width)); svg.setAttribute("height", String(h));
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", title + "：" + rows.map(function (g) { return g.label + " " + g.done + "/" + g.total; }).join("；"));
    svg.classList.add("hb-sum-chart");
    function t(x, y, s, anchor) {
      var e = document.createElementNS(ns, "text");
      e.setAttribute("x", x); e.setAttribute("y", y); e.setAttribute("font-size", "13");
      if (anchor) e.setAttribute("text-anchor", anchor);
      e.textContent = s; svg.appendChild(e);
    }
    t(0, 16, title);
    rows.forEach(function (g, i) {
      var y = 28 + i * rowH, share = g.total ? g.done / g.total : 0;
      t(labelW - 6, y + 14, g.label, "end");
      var bg = document.createElementNS(ns, "rect");
      bg.setAttribute("x", labelW); bg.setAttribute("y", y + 3); bg.setAttribute("width", barW); bg.setAttribute("height", 14);
      bg.setAttribute("fill", "none"); bg.setAttribute("stroke", "currentColor"); svg.appendChild(bg);
      var fg = document.createElementNS(ns, "rect");
      fg.setAttribute("x", labelW); fg.setAttribute("y", y + 3); fg.setAttribute("width", Math.round(barW * share));
      fg.setAttribute("height", 14); fg.setAttribute("fill", "#c62828"); svg.appendChild(fg);
      t(labelW + barW + 6, y + 14, S.percent(g.done, g.total) + "（" + g.done + "/" + g.total + "）");
    });
    return svg;
  }

  function table(cls, headers, rows, caption) {
    var t = el("table", cls);
    if (caption) t.appendChild(el("caption", "", caption));
    var thead = t.createTHead().insertRow();
    headers.forEach(function (h) { var th = el("th", "", h); th.scope = "col"; thead.appendChild(th); });
    var tb = t.createTBody();
    rows.forEach(function (r) { var tr = tb.insertRow(); r.forEach(function (v) { tr.appendChild(el("td", "", String(v))); }); });
    return t;
  }
  function wrap(node, label) {
    var w = el("div", "hb-table-wrap");
    if (label) { w.tabIndex = 0; w.setAttribute("role", "region"); w.setAttribute("aria-label", label); }
    w.appendChild(node);
    return w;
  }

  function renderPlans() {
    if (!plans.length) return;
    root.appendChild(el("h2", "", "各单位工作计划"));
    var t = table("hb-sum-plans hb-sum-table", ["单位", "层面", "年度", "任务数", "已完成（最近月份）", "滞后（最近月份）", "操作"],
      plans.map(function (p) { return [p.unit, p.level, p.year, p.tasks, p.done, p.late]; }));
    Array.prototype.forEach.call(t.tBodies[0].rows, function (tr, n) {
      var td = el("td", "hb-nowrap"), b = el("button", "hb-link", "移除");
      b.type = "button"; b.dataset.action = "remove-plan";
      b.setAttribute("aria-label", "移除 " + plans[n].unit + " " + plans[n].level + " 工作计划");
      b.addEventListener("click", function () {
        var gone = plans[n], key = JSON.stringify(gone);
        restore(true);
        plans = plans.filter(function (x) { return JSON.stringify(x) !== key; });
        persist(); render();
        say("已移除 " + gone.unit + " 的工作计划（" + gone.file + "）。");
      });
      td.appendChild(b); tr.appendChild(td);
    });
    root.appendChild(wrap(t));
  }

  var current = null;     // {group, ids, fig, labels} of the group shown
  function computeGroup() {
    var gs = S.groups(returns);
    if (!gs.length) return null;
    if (view.group >= gs.length) view.group = 0;
    var g = gs[view.group], c = META.checklists[g.checklist];
    var wanted = S.dict();
    c.items.forEach(function (id) { wanted[id] = true; });
    var ids = Object.keys(META.items).filter(function (id) { return wanted[id] === true; });
    var fig = S.figures(g.returns, ids, META);
    var labels = S.labels(g.returns), labelOf = new Map();
    g.returns.forEach(function (r, i) { labelOf.set(r, labels[i]); });
    return { groups: gs, group: g, ids: ids, fig: fig, labelOf: labelOf };
  }

  function select(label, key, options) {
    var lab = el("label", "hb-sum-control"), sel = el("select");
    lab.appendChild(document.createTextNode(label + " "));
    sel.dataset.hbSumView = key;
    options.forEach(function (o) { var op = el("option", "", o[1]); op.value = o[0]; sel.appendChild(op); });
    sel.value = view[key];
    sel.addEventListener("change", function () {
      view[key] = key === "group" || key === "page" ? +sel.value : sel.value;
      render();
      var again = root.querySelector('[data-hb-sum-view="' + key + '"]');
      if (again) again.focus();
    });
    lab.appendChild(sel);
    return lab;
  }

  function render() {
    root.textContent = "";
    var exportButtons = document.querySelectorAll("[data-hb-summary-export]");
    exportButtons.forEach(function (b) { b.disabled = !returns.length; });
    document.querySelector("[data-hb-summary-field=unit]").value = fields.unit;
    renderPlans();
    current = computeGroup();
    if (!current) return;
    var cur = current, g = cur.group, fig = cur.fig, title = checklistTitle(g.checklist), n = fig.unitCount;

    if (cur.groups.length > 1) {
      var note = el("div", "admonition note hb-sum-groups-note");
      note.appendChild(el("p", "", "载入的文件属于 " + cur.groups.length + " 份不同的清单或版本，分开汇总，不混合计算。请选择要查看的一组："));
      note.appendChild(select("汇总范围", "group", cur.groups.map(function (x, i) {
        return [String(i), checklistTitle(x.checklist) + "（" + (x.edition || "未注明版本") + " 版）：" + x.returns.length + " 个单位"];
      })));
      root.appendChild(note);
    }
    if (g.edition !== siteEdition()) {
      say2("这一组按 " + (g.edition || "未注明") + " 版填写，本站为 " + siteEdition() + " 版：按本版清单的条目计算，本版已没有的条目不计入。");
    }
    root.appendChild(el("h2", "", title + " 汇总"));
    var all = fig.all;
    var overall = el("p", "hb-sum-overall", "共 " + n + " 个单位，每个单位 " + cur.ids.length + " 条要求，合计 " + all.cells + " 项：已完成 " +
      all.done + " 项（" + S.percent(all.done, all.cells) + "），推进中 " + all.doing + " 项，未开始 " + all.todo + " 项，未填 " + all.blank + " 项。");
    root.appendChild(overall);

    root.appendChild(el("h2", "", "各单位进度"));
    root.appendChild(el("p", "hb-sum-hint", "“代号”是单位 × 条目表的列标题；点“移除”去掉一个单位的文件。"));
    var units = S.sortUnits(fig.units, view.units);
    var progress = el("table", "hb-sum-units hb-sum-table");
    progress.innerHTML = "<thead><tr><th scope=\"col\">代号</th><th scope=\"col\">单位</th><th scope=\"col\">填写版本</th><th scope=\"col\">填写时间</th>" +
      "<th scope=\"col\">已完成</th><th scope=\"col\">推进中</th><th scope=\"col\">未开始</th><th scope=\"col\">未填</th><th scope=\"col\">已完成占比</th>" +
      "<th scope=\"col\">文件</th><th scope=\"col\">操作</th></tr></thead>";
    // one string and one listener for the whole table: a 1,000-unit table built node by node stalled the page
    var body = [];
    units.forEach(function (u, n) {
      var r = u.ret, c = u.counts;
      body.push('<tr data-unit="' + esc(r.unit) + '" data-index="' + n + '">');
      [cur.labelOf.get(r), r.unit, r.edition || "未注明", r.time ? r.time.slice(0, 16).replace("T", " ") : "—",
       c["已完成"], c["推进中"], c["未开始"], c["未填"], S.percent(c["已完成"], u.total) + "（" + c["已完成"] + "/" + u.total + "）", r.file]
        .forEach(function (v, i) { body.push("<td" + (i === 0 ? ' class="hb-nowrap"' : i >= 4 && i <= 8 ? ' class="hb-num"' : "") + ">" + esc(v) + "</td>"); });
      body.push('<td class="hb-nowrap"><button type="button" class="hb-link" data-action="remove-unit" aria-label="移除 ' +
        esc(r.unit) + '">移除</button></td></tr>');
    });
    progress.insertAdjacentHTML("beforeend", "<tbody>" + body.join("") + "</tbody>");
    progress.addEventListener("click", function (event) {
      var b = event.target.closest && event.target.closest("[data-action=remove-unit]");
      if (!b) return;
      var r = units[+b.closest("tr").dataset.index].ret, key = S.digest(r) + "\u0000" + r.file;
      restore(true);
      returns = returns.filter(function (x) { return S.digest(x) + "\u0000" + x.file !== key; });
      persist(); render();
      say("已移除 " + r.unit + "（" + r.file + "）。");
      document.documentElement.dataset.hbSummaryReady = String(returns.length);
    });
    root.appendChild(wrap(progress, "各单位进度"));

    root.appendChild(el("h2", "", "完成情况（已完成 / 应完成）"));
    root.appendChild(wrap(table("hb-sum-parts hb-sum-table", ["类别", "名称", "已完成", "应完成", "占比"],
      fig.parts.map(function (p) { return ["部分", p.label, p.done, p.total, S.percent(p.done, p.total)]; })
        .concat(fig.types.map(function (p) { return ["五型", p.label, p.done, p.total, S.percent(p.done, p.total)]; })))));
    root.appendChild(bars("按部分", fig.parts));
    root.appendChild(bars("按五型", fig.types));

    root.appendChild(el("h2", "", "多数单位未开始的条目"));
    var most = S.majority(fig);
    root.appendChild(el("p", "hb-sum-hint", "超过半数单位（" + n + " 个单位中多于 " + Math.floor(n / 2) + " 个）标为“未开始”或未填的条目；未填按未开始计。"));
    var ol = el("ol", "hb-sum-todo");
    ol.setAttribute("data-hb-majority", "");
    most.forEach(function (it) {
      var li = el("li", "", it.id + " " + it.title + "：" + it.notStarted + "/" + n + " 个单位未开始（其中未填 " + it.counts["未填"] + "）");
      li.dataset.item = it.id; ol.appendChild(li);
    });
    root.appendChild(ol);
    if (!most.length) root.appendChild(el("p", "", "没有超过半数单位未开始的条目。"));

    renderGrid(cur, units);
  }
  function say2(text) { var p = el("div", "admonition warning hb-sum-edition"); p.appendChild(el("p", "", text)); root.appendChild(p); }

  function renderGrid(cur, units) {
    root.appendChild(el("h2", "", "单位 × 条目"));
    var controls = el("div", "hb-sum-controls");
    controls.appendChild(select("单位排序", "units", [["name", "单位名称（代号）"], ["load", "载入顺序"], ["progress", "进度快的在前"], ["behind", "进度慢的在前"]]));
    controls.appendChild(select("条目排序", "items", [["catalogue", "编号顺序"], ["notstarted", "未开始多的在前"], ["done", "已完成多的在前"]]));
    controls.appendChild(select("部分", "part", [["", "全部"]].concat((META.parts || []).map(function (p) { return [p.code, plain(p.name)]; }))));
    controls.appendChild(select("五型", "type", [["", "全部"]].concat((META.types || []).map(function (t) { return [plain(t), plain(t)]; }))));
    controls.appendChild(select("含状态", "status", [["", "全部"]].concat(S.STATUSES.concat([S.BLANK]).map(function (s) { return [s, s]; }))));
    root.appendChild(controls);
    root.appendChild(el("p", "hb-sum-legend", "图例：已＝已完成　推＝推进中　未＝未开始　空＝未填。列标题为单位代号（见“各单位进度”表；鼠标悬停或键盘聚焦显示全名）。"));
    var items = S.sortItems(S.filterItems(cur.fig.items, view), view.items);
    cur.grid = { units: units, items: items };
    // At most GRID_UNITS columns on screen at once (a 1,000-unit grid is 29,000+ cells: seconds of layout);
    // the others are a choice away, and print and the Excel carry every unit.
    var pages = Math.max(1, Math.ceil(units.length / GRID_UNITS));
    if (view.page >= pages) view.page = 0;
    if (pages > 1) {
      var options = [];
      for (var p = 0; p < pages; p++) {
        var from = p * GRID_UNITS, to = Math.min(units.length, from + GRID_UNITS);
        options.push([String(p), "第 " + (from + 1) + "–" + to + " 个单位"]);
      }
      var pick = select("显示", "page", options);
      pick.querySelector("select").value = String(view.page);
      controls.appendChild(pick);
    }
    var shown = units.slice(view.page * GRID_UNITS, view.page * GRID_UNITS + GRID_UNITS);
    var grid = el("table", "hb-sum-grid");
    grid.setAttribute("data-hb-grid", "");
    grid.innerHTML = gridHtml(cur, shown, items, true);
    var box = wrap(grid, "单位 × 条目表（可横向、纵向滚动）");
    box.classList.add("hb-sum-scroll");
    root.appendChild(box);
    root.appendChild(el("p", "hb-sum-hint", "显示 " + items.length + " 条 × " + shown.length + " 个单位" +
      (pages > 1 ? "（共 " + units.length + " 个单位，分 " + pages + " 组显示；打印和导出包括全部单位）" : "") + "。"));
    printChunks = null;
  }
  var GRID_UNITS = 200;

  function gridHtml(cur, units, items, screen) {
    var html = ["<thead><tr><th scope=\"col\" class=\"hb-sum-corner\">编号 / 要求</th>"];
    units.forEach(function (u) {
      var name = esc(u.ret.unit), label = esc(cur.labelOf.get(u.ret));
      // no title attributes: Material's content.tooltips turns every [title] into a tooltip (seconds at 200 units);
      // the full name shows on hover/focus through CSS (data-name) and is the header's accessible name
      html.push(screen ? '<th scope="col" tabindex="0" data-unit="' + name + '" data-name="' + name + '" aria-label="' +
        label + " " + name + '"><span aria-hidden="true">' + label + "</span></th>" : "<th>" + label + "</th>");
    });
    html.push("</tr></thead><tbody>");
    items.forEach(function (it) {
      html.push((screen ? '<tr data-item="' + esc(it.id) + '">' : "<tr>") + '<th scope="row"><span class="hb-nowrap">' + esc(it.id) +
        '</span> <span class="hb-sum-title">' + esc(it.title) + "</span></th>");
      units.forEach(function (u) {
        var st = S.statusOf(u.ret, it.id);
        html.push(screen ? '<td data-status="' + st + '">' + S.SHORT[st] + "</td>" : "<td>" + S.SHORT[st] + "</td>");
      });
      html.push("</tr>");
    });
    return html.join("") + "</tbody>";
  }

  /* Print: every unit (not only the columns on screen), in tables of at most UNITS_PER_PAGE units, each with its
     header repeated on every page. */
  var UNITS_PER_PAGE = 24, printChunks = null;
  function buildPrint() {
    var box = document.querySelector(".hb-sum-print");
    if (!box || !current || !current.grid) return;
    box.textContent = "";
    var cur = current, units = cur.grid.units, unitCount = units.length;
    for (var start = 0; start < unitCount; start += UNITS_PER_PAGE) {
      var end = Math.min(unitCount, start + UNITS_PER_PAGE), part = el("section", "hb-sum-print-part");
      var first = cur.labelOf.get(units[start].ret), last = cur.labelOf.get(units[end - 1].ret);
      var which = view.units === "name" ? "单位代号 " + first + "–" + last : "第 " + (start + 1) + "–" + end + " 列，代号 " + first + " … " + last;
      part.appendChild(el("p", "hb-sum-print-title", checklistTitle(cur.group.checklist) + " 汇总：单位 × 条目（" + which +
        "，共 " + unitCount + " 个单位；已＝已完成 推＝推进中 未＝未开始 空＝未填）"));
      var t = el("table", "hb-sum-print-grid");
      t.innerHTML = gridHtml(cur, units.slice(start, end), cur.grid.items, false);
      part.appendChild(t);
      box.appendChild(part);
    }
    printChunks = true;
  }
  window.addEventListener("beforeprint", function () { if (!printChunks) buildPrint(); });

  /* ---- the 汇总 Excel and the 汇总报告 Word: summary-files.js, given this page's context ---- */
  var summaryFiles = window.hbSummaryFiles.attach({ store: store, office: office, bars: bars, say: say, today: today,
    checklistTitle: checklistTitle, siteEdition: siteEdition,
    current: function () { return current; }, unit: function () { return fields.unit; },
    unitOrder: function () { return view.units; } });
  var exportXlsx = summaryFiles.exportXlsx, exportDocx = summaryFiles.exportDocx;

  /* ---- wiring ---- */
  var input = document.querySelector("input[type=file][data-hb-import-many]");
  input.addEventListener("change", function () {
    var files = Array.prototype.slice.call(input.files);
    loadFiles(files).then(function () {
      try { render(); } catch (e) { say("显示汇总时出错：" + (e && e.message), true); }
      input.value = "";
      document.documentElement.dataset.hbSummaryReady = String(returns.length);
    });
  });
  document.querySelector('[data-hb-summary-export="xlsx"]').addEventListener("click", exportXlsx);
  var docxButton = document.querySelector('[data-hb-summary-export="docx"]');
  if (docxButton) docxButton.addEventListener("click", exportDocx);
  document.querySelector("[data-action=print]").addEventListener("click", function () { buildPrint(); window.print(); });
  document.querySelector("[data-action=clear-summary]").addEventListener("click", function () {
    if (returns.length && !window.confirm("清空已载入的 " + returns.length + " 个单位的文件？（各单位的原文件不受影响）")) return;
    returns = []; plans = []; messages.textContent = "";
    try { localStorage.removeItem(KEY); } catch (e) { /* nothing stored */ }
    render();
    document.documentElement.dataset.hbSummaryReady = "0";
  });
  var unitField = document.querySelector("[data-hb-summary-field=unit]");
  unitField.addEventListener("input", function () { restore(true); fields.unit = unitField.value; persist(); });
  // Another 汇总 tab loaded, removed or cleared files: show what is stored now.
  window.addEventListener("storage", function (event) {
    if (event.key !== KEY && event.key !== null) return;
    var typing = document.activeElement === unitField ? unitField.value : null;
    restore(true);
    if (typing !== null) fields.unit = typing;
    try { render(); } catch (e) { say("显示汇总时出错：" + (e && e.message), true); }
    document.documentElement.dataset.hbSummaryReady = String(returns.length);
  });

  restore();
  try { render(); } catch (e) { say("显示汇总时出错：" + (e && e.message), true); }
  if (returns.length) {
    say("已恢复上次载入的 " + returns.length + " 个单位的文件（保存在本机浏览器，点“清空”移除）。");
    document.documentElement.dataset.hbSummaryReady = String(returns.length);
  }
})();
