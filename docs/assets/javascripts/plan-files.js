/* 工作计划, the files: the rows of the 任务书 / 施工图 / 路线图 (as handbook/plan.py's columns), the backup (JSON),
   the Word/Excel writers (vendored docx / ExcelJS, loaded on first use) and the A4 landscape printout.
   plan.js calls window.hbPlanFiles.attach(P) once plan.html is set up; P is the page's context: the plan data,
   the page's elements and helpers, and rec() (the level's record as it is now). Loaded by plan.html before plan.js. */
(function () {
  "use strict";
  var UNIT = "单位", YEAR = "年度";           // record fields, as plan.js

  function attach(P) {
    var D = P.D, root = P.root, hb = P.hb, el = P.el, $ = P.$, say = P.say, level = P.level;
    var allRows = P.allRows, planned = P.planned, goneMark = P.goneMark, progressOf = P.progressOf;
    var progressLabel = P.progressLabel, month = P.month, yearLabel = P.yearLabel, roadmapKey = P.roadmapKey;
    function today() { return new Date().toISOString().slice(0, 10); }
    function heading(kindTitle) {
      return [(txt(P.rec().fields[UNIT]) || "（单位）") + " " + txt(P.rec().fields[YEAR]) + "年度" + kindTitle,
              "层面：" + level().title + "    " + D.edition.line + "    导出日期 " + today()];
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
        out.push([yearLabel(y)].concat(D.parts.map(function (p) { return txt(P.rec().fields[roadmapKey(y, p.code)]); })));
      }
      return out;
    }
    var OUT = {
      renwushu: { title: "任务书（年度任务分解表）", cols: D.columns.renwushu, rows: renwushuRows },
      shigongtu: { title: "施工图（月度推进表）", cols: D.columns.shigongtu, rows: shigongtuRows, month: true },
      luxiantu: { title: "路线图（五年）", cols: D.columns.luxiantu, rows: luxiantuRows }
    };
    function fileName(kind, ext) {
      return (txt(P.rec().fields[UNIT]) || level().title) + (OUT[kind] ? OUT[kind].title.replace(/（.*/, "") : "工作计划备份") + "-" + today() + "." + ext;
    }
    function download(blob, name) { hb.download(name, blob); }
    /* backup: hb-store's record as it is, like a checklist's 填写记录 (one file per level) */
    function exportJSON() {
      var copy = JSON.parse(JSON.stringify(P.rec()));
      copy.written = hb.now();
      var name = D.edition.name + "-工作计划-" + level().title + "-" + (P.rec().fields[UNIT] || "未填单位") + "-" +
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
    function office(kind, ext) {
      var o = OUT[kind], head = heading(o.title);
      say("正在生成……");
      return lib(ext).then(function (L) {
        return (ext === "xlsx" ? xlsx : docx)(L, o, head, o.rows(), D.edition);
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
  }

  /* User text for the files: plain text only (hb-text.js), so a crafted value can never become a formula, a
     hyperlink or rich text in the Word/Excel files. */
  function txt(v) {
    if (window.hbText) return window.hbText.plain(v);
    return typeof v === "string" ? v : "";
  }

  var TWIP_PER_CM = 567;
  function xlsx(E, o, head, rows, edition) {
    var wb = new E.Workbook(), n = o.cols.length;
    wb.creator = edition.name; wb.title = head[0]; wb.description = edition.line;
    var ws = wb.addWorksheet(o.title.replace(/（.*/, ""), {
      pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
      headerFooter: { oddFooter: "&L&8" + edition.line + "&R&8第 &P 页 / 共 &N 页" },
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
  function docx(d, o, head, rows, edition) {
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
      creator: edition.name, title: head[0], description: edition.line,
      styles: { default: { document: { run: { size: 21, font: { ascii: "Times New Roman", hAnsi: "Times New Roman", eastAsia: "宋体" } } } } },
      sections: [{
        properties: { page: { size: { width: 11906, height: 16838, orientation: d.PageOrientation.LANDSCAPE },
                              margin: { top: margin, bottom: margin, left: margin, right: margin } } },
        footers: { default: new d.Footer({ children: [new d.Paragraph({ alignment: d.AlignmentType.CENTER, children: [
          new d.TextRun({ text: edition.line + "    第 ", size: 16 }), new d.TextRun({ children: [d.PageNumber.CURRENT], size: 16 }),
          new d.TextRun({ text: " 页 / 共 ", size: 16 }), new d.TextRun({ children: [d.PageNumber.TOTAL_PAGES], size: 16 }),
          new d.TextRun({ text: " 页", size: 16 })] })] }) },
        children: [para(head[0], { bold: true, center: true, size: 32, title: true }), para(head[1], { center: true, size: 18 }), table]
      }]
    });
    return d.Packer.toBlob(doc);
  }

  window.hbPlanFiles = { attach: attach, xlsx: xlsx, docx: docx };
})();
