/* hb-office: filled Excel / Word / CSV in the browser with vendored ExcelJS and docx (loaded on first use),
   and reading a hand-filled blank .xlsx back. Loaded by checklist.js / summary.js only when asked. */
(function () {
  "use strict";
  var store = window.hbStore;
  var STATUSES = ["已完成", "推进中", "未开始"];
  var FIELDS = { "单位": "HB_UNIT", "填表人": "HB_FILLER", "日期": "HB_DATE" };

  function excel() { return store.loadScript("assets/vendor/exceljs/exceljs.min.js").then(function () { return window.ExcelJS; }); }
  function docxLib() { return store.loadScript("assets/vendor/docx/index.iife.js").then(function () { return window.docx; }); }

  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + ("0" + (d.getMonth() + 1)).slice(-2) + "-" + ("0" + d.getDate()).slice(-2);
  }

  function fileName(ctx, ext) {
    var f = ctx.record.fields;
    return store.safeName(ctx.meta.title + "-" + ctx.meta.edition.version + "-已填写-" + (f["单位"] || "未填单位") +
      "-" + today()) + "." + ext;
  }

  function cellText(cell) {
    var v = cell && cell.value;
    if (v === null || v === undefined) return "";
    if (typeof v === "object") {
      if (v.richText) return v.richText.map(function (r) { return r.text; }).join("");
      if (v.text !== undefined) return String(v.text);
      if (v.result !== undefined) return String(v.result);
    }
    return String(v).trim();
  }

  /* Blank-template contract: header row = the row with a cell "编号"; columns by header text. */
  function layout(ws) {
    var found = null;
    ws.eachRow(function (row, n) {
      if (found) return;
      row.eachCell(function (cell, c) { if (!found && cellText(cell) === "编号") found = n; });
    });
    if (!found) return null;
    var cols = {};
    ws.getRow(found).eachCell(function (cell, c) { cols[cellText(cell)] = c; });
    var rows = {};
    for (var r = found + 1; r <= ws.rowCount; r++) {
      var id = cellText(ws.getRow(r).getCell(cols["编号"]));
      if (!id) break;
      rows[id] = r;
    }
    return { header: found, cols: cols, rows: rows };
  }

  function definedCell(wb, name) {
    try {
      var ranges = wb.definedNames.getRanges(name).ranges;
      if (!ranges || !ranges.length) return null;
      var m = /^'?(.*?)'?!\$?([A-Z]+)\$?(\d+)/.exec(ranges[0]);
      return m ? wb.getWorksheet(m[1]).getCell(m[2] + m[3]) : null;
    } catch (e) { return null; }
  }

  function loadTemplate(ctx) {
    var key = ctx.meta.id + ".xlsx";
    return store.loadScript("downloads/fill/" + key + ".js").then(function () {
      var bin = atob(window.__hbTemplates[key]), bytes = new Uint8Array(bin.length);
      for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      return bytes.buffer;
    });
  }

  function exportXlsx(ctx) {
    return Promise.all([excel(), loadTemplate(ctx)]).then(function (got) {
      var wb = new got[0].Workbook();
      return wb.xlsx.load(got[1]).then(function () {
        var ws = wb.worksheets[0], lay = layout(ws), entries = ctx.record.entries, fields = ctx.record.fields;
        if (!lay) throw new Error("空白模板中找不到“编号”表头");
        Object.keys(lay.rows).forEach(function (id) {
          var row = ws.getRow(lay.rows[id]), e = entries[id] || {};
          if (lay.cols["完成情况"]) row.getCell(lay.cols["完成情况"]).value = e.status || null;
          if (lay.cols["佐证材料/备注"]) row.getCell(lay.cols["佐证材料/备注"]).value = e.note || null;
          if (lay.cols["得分"] && e.score !== undefined && e.score !== "") {
            row.getCell(lay.cols["得分"]).value = isNaN(parseFloat(e.score)) ? e.score : parseFloat(e.score);
          }
        });
        var named = Object.keys(FIELDS).every(function (name) { return definedCell(wb, FIELDS[name]); });
        if (named) {
          Object.keys(FIELDS).forEach(function (name) { definedCell(wb, FIELDS[name]).value = fields[name] || null; });
        } else {                            // old layout: one merged cell "单位：____  填表人：____  日期：____"
          ws.eachRow(function (row) {
            row.eachCell(function (cell) {
              if (/^单位：/.test(cellText(cell)) && cell.isMerged !== false && cell.address === cell.master.address) {
                cell.value = "单位：" + (fields["单位"] || "________") + "  填表人：" + (fields["填表人"] || "________") +
                  "  日期：" + (fields["日期"] || "____年__月__日");
              }
            });
          });
        }
        wb.calcProperties = wb.calcProperties || {};
        wb.calcProperties.fullCalcOnLoad = true;      // totals recompute when opened
        return wb.xlsx.writeBuffer();
      }).then(function (buffer) {
        store.download(fileName(ctx, "xlsx"), new Blob([buffer], {
          type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }));
      });
    });
  }

  function csvCell(v) { v = v === null || v === undefined ? "" : String(v); return /[",\n\r]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v; }

  function exportCsv(ctx) {
    var m = ctx.meta, e = ctx.record.entries, f = ctx.record.fields, lines = [m.columns.map(csvCell).join(",")];
    m.rows.forEach(function (r, i) {
      var x = e[r.id] || {};
      var cells = [i + 1, r.id, r.requirement, r.subjects, x.status || "", x.note || ""];
      if (m.total !== null) cells.push(r.score || 0, x.score || "");
      lines.push(cells.map(csvCell).join(","));
    });
    lines.push("");
    lines.push(["说明", "", m.edition.line].map(csvCell).join(","));
    lines.push(["单位", f["单位"] || "", "填表人", f["填表人"] || "", "日期", f["日期"] || ""].map(csvCell).join(","));
    store.download(fileName(ctx, "csv"), new Blob(["\ufeff" + lines.join("\r\n") + "\r\n"], { type: "text/csv;charset=utf-8" }));
    return Promise.resolve();
  }

  function exportDocx(ctx) {
    return docxLib().then(function (D) {
      var m = ctx.meta, e = ctx.record.entries, f = ctx.record.fields, scored = m.total !== null;
      var twips = m.widths_cm.map(function (cm) { return Math.round(cm * 567); });
      function p(text, opts) { return new D.Paragraph(Object.assign({ children: [new D.TextRun(Object.assign({ text: String(text) }, (opts || {}).run))] }, (opts || {}).para)); }
      function cell(text, i, bold) {
        return new D.TableCell({ width: { size: twips[i], type: D.WidthType.DXA },
          children: String(text).split("\n").map(function (line) { return p(line, { run: { bold: !!bold, size: 20 } }); }) });
      }
      var header = new D.TableRow({ tableHeader: true, cantSplit: true,
        children: m.columns.map(function (c, i) { return cell(c, i, true); }) });
      var counts = { "已完成": 0, "推进中": 0, "未开始": 0 }, blank = 0, score = 0;
      var body = m.rows.map(function (r, n) {
        var x = e[r.id] || {};
        if (counts[x.status] !== undefined) counts[x.status]++; else blank++;
        score += parseFloat(x.score) || 0;
        var status = STATUSES.map(function (s) { return (x.status === s ? "☑ " : "☐ ") + s; }).join("\n");
        var cells = [n + 1, r.id, r.requirement, r.subjects, status, x.note || ""];
        if (scored) cells.push(r.score || 0, x.score || "");
        return new D.TableRow({ cantSplit: true, children: cells.map(function (c, i) { return cell(c, i); }) });
      });
      var totals = "已完成 " + counts["已完成"] + " 条，推进中 " + counts["推进中"] + " 条，未开始 " + counts["未开始"] +
        " 条，未填 " + blank + " 条" + (scored ? "；得分 " + score + " / " + m.total : "");
      var doc = new D.Document({
        sections: [{
          properties: { page: { size: { width: 11906, height: 16838, orientation: D.PageOrientation.LANDSCAPE },
                                margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 } } },
          footers: { default: new D.Footer({ children: [new D.Paragraph({ alignment: D.AlignmentType.CENTER, children: [
            new D.TextRun({ text: m.edition.line + " · 第 ", size: 16 }), new D.TextRun({ children: [D.PageNumber.CURRENT], size: 16 }),
            new D.TextRun({ text: " 页 / 共 ", size: 16 }), new D.TextRun({ children: [D.PageNumber.TOTAL_PAGES], size: 16 }),
            new D.TextRun({ text: " 页", size: 16 })] })] }) },
          children: [
            p(m.title, { run: { bold: true, size: 32 }, para: { alignment: D.AlignmentType.CENTER } }),
            p(m.description, { run: { size: 20 } }),
            p("单位：" + (f["单位"] || "________") + "  填表人：" + (f["填表人"] || "________") + "  日期：" + (f["日期"] || "____年__月__日"), { run: { size: 22 } }),
            new D.Table({ width: { size: twips.reduce(function (a, b) { return a + b; }, 0), type: D.WidthType.DXA },
              columnWidths: twips, layout: D.TableLayoutType.FIXED, rows: [header].concat(body) }),
            p("合计：" + totals, { run: { size: 22 } }),
            p("审核人：________________    签字：________________    日期：____年__月__日", { run: { size: 22 } })
          ]
        }]
      });
      return D.Packer.toBlob(doc).then(function (blob) { store.download(fileName(ctx, "docx"), blob); });
    });
  }

  /* A hand-filled blank .xlsx → {record, problems} or {error}. */
  function readFilledXlsx(buffer, meta) {
    return excel().then(function (ExcelJS) {
      var wb = new ExcelJS.Workbook();
      return wb.xlsx.load(buffer).then(function () {
        var ws = wb.worksheets[0], lay = ws && layout(ws);
        if (!lay || !lay.cols["完成情况"]) return { error: "这不是本手册的清单 Excel（找不到“编号”“完成情况”表头）。" };
        var known = {}, problems = [], unknown = [];
        meta.rows.forEach(function (r) { known[r.id] = true; });
        var record = store.blankRecord("checklist", meta.id, meta.title, { version: meta.edition.version, date: meta.edition.date });
        var t = store.now();
        Object.keys(lay.rows).forEach(function (id) {
          var row = ws.getRow(lay.rows[id]);
          var status = cellText(row.getCell(lay.cols["完成情况"]));
          var note = lay.cols["佐证材料/备注"] ? cellText(row.getCell(lay.cols["佐证材料/备注"])) : "";
          var score = lay.cols["得分"] ? cellText(row.getCell(lay.cols["得分"])) : "";
          if (!status && !note && !score) return;
          if (!known[id]) { unknown.push(id); return; }
          if (status && STATUSES.indexOf(status) < 0) { problems.push(id + " 完成情况“" + status + "”"); status = ""; }
          record.entries[id] = { status: status, note: note, score: score, t: t };
        });
        if (unknown.length) problems.push("本清单没有的编号 " + unknown.join("、"));
        ws.eachRow(function (row) {
          row.eachCell(function (cell) {
            // The edition the file was filled against (row 2): hb-changes.js flags its reworded rows on import.
            var version = window.hbChanges ? window.hbChanges.editionIn(cellText(cell)) : "";
            if (version && row.number <= 3) record.edition = { version: version, date: "" };
            var m = /^单位：(.*?)\s+填表人：(.*?)\s+日期：(.*)$/.exec(cellText(cell));
            if (!m) return;
            [["单位", m[1]], ["填表人", m[2]], ["日期", m[3]]].forEach(function (pair) {
              if (!/^[_\s年月日]*$/.test(pair[1])) record.fields[pair[0]] = pair[1].trim();
            });
          });
        });
        Object.keys(FIELDS).forEach(function (name) {
          var c = definedCell(wb, FIELDS[name]), v = c ? cellText(c) : "";
          if (v) record.fields[name] = v;
        });
        return { record: record, problems: problems };
      });
    }).catch(function (e) { return { error: "无法读取该 Excel 文件（" + e.message + "）。" }; });
  }

  function exportFilled(format, ctx) {
    return ({ xlsx: exportXlsx, docx: exportDocx, csv: exportCsv })[format](ctx);
  }

  window.hbOffice = { exportFilled: exportFilled, readFilledXlsx: readFilledXlsx, excel: excel, layout: layout, cellText: cellText };
})();
