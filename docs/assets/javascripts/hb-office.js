/* hb-office: filled Excel / Word / CSV in the browser with vendored ExcelJS and docx (loaded on first use),
   and reading a hand-filled blank .xlsx back. Loaded by checklist.js / summary.js only when asked. */
(function () {
  "use strict";
  var store = window.hbStore;
  var STATUSES = ["已完成", "推进中", "未开始"];
  var FIELDS = { "单位": "HB_UNIT", "填表人": "HB_FILLER", "日期": "HB_DATE" };

  function excel() {
    return Promise.all([store.loadScript("assets/vendor/exceljs/exceljs.min.js"), store.loadScript("assets/javascripts/hb-sheet.js")])
      .then(function () { return window.ExcelJS; });
  }
  function docxLib() { return store.loadScript("assets/vendor/docx/index.iife.js").then(function () { return window.docx; }); }

  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + ("0" + (d.getMonth() + 1)).slice(-2) + "-" + ("0" + d.getDate()).slice(-2);
  }

  function fileName(ctx, ext) {
    var f = ctx.record.fields || {}, unit = typeof f["单位"] === "string" && f["单位"].trim();
    return store.safeName(ctx.meta.title + "-" + ctx.meta.edition.version + "-已填写-" + (unit || "未填单位") +
      "-" + today()) + "." + ext;
  }

  /* hb-sheet.js (pure) reads cells; it is loaded with ExcelJS (excel()), before any workbook exists. */
  function cellText(cell) { return window.hbSheet.cellText(cell); }
  function definedCell(wb, name) { return window.hbSheet.definedCell(wb, name); }

  /* Where the template's header and this checklist's item rows are (1-based, as ExcelJS counts):
     hb-sheet reads the sheet as a reader sees it, so import and export share one header rule, and only
     rows whose 编号 is one of the checklist's items are listed (never the totals rows below them). */
  function layout(wb, meta) {
    var sheet = window.hbSheet, g = sheet.workbookGrid(wb), lay = g && sheet.layout(g.rows);
    if (!lay || !("编号" in lay.cols)) return null;
    var cols = {}, rows = {}, wanted = Object.create(null);
    Object.keys(lay.cols).forEach(function (name) { cols[name] = lay.cols[name] + 1; });
    meta.rows.forEach(function (r) { wanted[r.id] = true; });
    for (var r = lay.header + 1; r < g.rows.length; r++) {
      var id = sheet.normaliseId(g.rows[r][lay.cols["编号"]] || "");
      if (wanted[id] && !(id in rows)) rows[id] = r + 1;
    }
    return { header: lay.header + 1, cols: cols, rows: rows };
  }

  function loadTemplate(ctx) {
    var key = ctx.meta.id + ".xlsx";
    return store.loadScript("downloads/fill/" + key + ".js").then(function () {
      var bin = atob(window.__hbTemplates[key]), bytes = new Uint8Array(bin.length);
      for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      return bytes.buffer;
    });
  }

  /* hb-text.js: user text → plain text (never a formula, link or rich text), scores within bounds. */
  function textLib() { return store.loadScript("assets/javascripts/hb-text.js").then(function () { return window.hbText; }); }

  /* What the user entered for one row, as the files write it: a known status or "", the note as plain
     text, the score as a number within 0…分值 or null (anything else is never written nor counted). */
  function entryOf(T, entries, row) {
    var e = Object.prototype.hasOwnProperty.call(entries, row.id) && entries[row.id] || {};
    var status = T.plain(e.status);
    return { status: STATUSES.indexOf(status) >= 0 ? status : "", note: T.plain(e.note).replace(/\r\n?/g, "\n"),
             score: T.score(e.score, row.score) };
  }

  function totalsOf(rows) {
    var counts = { "已完成": 0, "推进中": 0, "未开始": 0 }, blank = 0, score = 0;
    rows.forEach(function (x) {
      if (counts[x.status] !== undefined) counts[x.status]++; else blank++;
      if (x.score !== null) score += x.score;
    });
    return { counts: counts, blank: blank, score: Math.round(score * 100) / 100 };
  }

  function fieldOf(T, fields, name) { return Object.prototype.hasOwnProperty.call(fields, name) ? T.plain(fields[name]) : ""; }

  /* ExcelJS keeps a validation per cell and, writing, joins cells into ranges in string order
     (E10 before E5), which gives overlapping rules (E10:E33 and E5:E33). Join them here: one rule per
     run of cells in a column, keyed by its range, which ExcelJS writes as it is. */
  function joinValidations(ws) {
    var model = ws.dataValidations.model, groups = {};
    Object.keys(model).forEach(function (address) {
      var m = /^([A-Z]+)(\d+)$/.exec(address);
      if (!m) return;
      var key = JSON.stringify(model[address]) + "|" + m[1];
      (groups[key] = groups[key] || { rule: model[address], col: m[1], rows: [] }).rows.push(+m[2]);
      delete model[address];
    });
    Object.keys(groups).forEach(function (key) {
      var g = groups[key], rows = g.rows.sort(function (a, b) { return a - b; }), first = rows[0];
      for (var i = 1; i <= rows.length; i++) {
        if (i < rows.length && rows[i] === rows[i - 1] + 1) continue;
        var last = rows[i - 1];
        model[g.col + first + (last > first ? ":" + g.col + last : "")] = g.rule;
        first = rows[i];
      }
    });
  }

  /* Cached results of the template's totals formulas (COUNTIF/COUNTBLANK/SUM/IF): Excel, WPS and
     LibreOffice recalculate on opening (fullCalcOnLoad), and readers that do not (previews, data
     tools) still show totals equal to the ticks. Unknown formulas are left to the office suite. */
  function formulaResult(ws, formula) {
    function values(range) {
      var m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(range), out = [];
      if (!m || m[1] !== m[3]) return null;
      for (var r = +m[2]; r <= +m[4]; r++) out.push(ws.getCell(m[1] + r).value);
      return out;
    }
    function num(address) {
      var v = ws.getCell(address).value;
      if (v && typeof v === "object" && "result" in v) v = v.result;
      return typeof v === "number" ? v : 0;
    }
    var m;
    if ((m = /^COUNTIF\(([A-Z0-9:]+),"([^"]*)"\)$/.exec(formula)) && values(m[1])) {
      return values(m[1]).filter(function (v) { return v === m[2]; }).length;
    }
    if ((m = /^COUNTBLANK\(([A-Z0-9:]+)\)$/.exec(formula)) && values(m[1])) {
      return values(m[1]).filter(function (v) { return v === null || v === undefined || v === ""; }).length;
    }
    if ((m = /^SUM\(([A-Z0-9:]+)\)$/.exec(formula)) && values(m[1])) {
      return Math.round(values(m[1]).reduce(function (a, v) { return a + (typeof v === "number" ? v : 0); }, 0) * 100) / 100;
    }
    if ((m = /^IF\(([A-Z]+\d+)=0,"",([A-Z]+\d+)\/([A-Z]+\d+)\)$/.exec(formula)) && m[3] === m[1]) {
      return num(m[1]) === 0 ? "" : num(m[2]) / num(m[1]);
    }
    return undefined;
  }

  /* Row height (pt) a wrapped note needs in a column `width` Excel units wide (xlsx_file.lines_needed). */
  function noteHeight(T, wrap, text, width) {
    var chars = Math.max(1, (width * wrap.digit_px + 5 - wrap.pad_px) / wrap.cjk_px);
    return Math.round((wrap.line_pt * T.linesNeeded(text, chars) + wrap.row_pad_pt) * 10) / 10;
  }

  function exportXlsx(ctx) {
    return Promise.all([excel(), loadTemplate(ctx), textLib()]).then(function (got) {
      var wb = new got[0].Workbook(), T = got[2];
      return wb.xlsx.load(got[1]).then(function () {
        var ws = wb.worksheets[0], lay = layout(wb, ctx.meta), entries = ctx.record.entries || {}, fields = ctx.record.fields || {};
        var wrap = ctx.meta.xlsx_wrap || { digit_px: 7, cjk_px: 15, pad_px: 6, line_pt: 15.6, row_pad_pt: 4 };
        var byId = {};
        ctx.meta.rows.forEach(function (r) { byId[r.id] = r; });
        if (!lay) throw new Error("空白模板中找不到“编号”表头");
        var noteCol = lay.cols["佐证材料/备注"];
        Object.keys(lay.rows).forEach(function (id) {
          var row = ws.getRow(lay.rows[id]), x = entryOf(T, entries, byId[id]);
          if (lay.cols["完成情况"]) row.getCell(lay.cols["完成情况"]).value = x.status || null;
          if (noteCol) {
            row.getCell(noteCol).value = x.note || null;            // a string: ExcelJS writes it as text
            if (x.note) row.height = Math.max(row.height || 0, noteHeight(T, wrap, x.note, ws.getColumn(noteCol).width || 10));
          }
          if (lay.cols["得分"]) row.getCell(lay.cols["得分"]).value = x.score;
        });
        var named = Object.keys(FIELDS).every(function (name) { return definedCell(wb, FIELDS[name]); });
        if (named) {
          Object.keys(FIELDS).forEach(function (name) { definedCell(wb, FIELDS[name]).value = fieldOf(T, fields, name) || null; });
        } else {                            // old layout: one merged cell "单位：____  填表人：____  日期：____"
          ws.eachRow(function (row) {
            row.eachCell(function (cell) {
              if (/^单位：/.test(cellText(cell)) && cell.isMerged !== false && cell.address === cell.master.address) {
                cell.value = "单位：" + (fieldOf(T, fields, "单位") || "________") + "  填表人：" + (fieldOf(T, fields, "填表人") || "________") +
                  "  日期：" + (fieldOf(T, fields, "日期") || "____年__月__日");
              }
            });
          });
        }
        // Totals rows (after the items): each formula gets its cached result, computed in row order.
        for (var r = lay.header + 1; r <= ws.rowCount; r++) {
          ws.getRow(r).eachCell(function (cell) {
            var v = cell.value;
            if (!v || typeof v !== "object" || typeof v.formula !== "string" || v.sharedFormula) return;
            var result = formulaResult(ws, v.formula);
            if (result !== undefined) cell.value = { formula: v.formula, result: result };
          });
        }
        joinValidations(ws);
        wb.calcProperties = wb.calcProperties || {};
        wb.calcProperties.fullCalcOnLoad = true;      // totals recompute when opened
        return wb.xlsx.writeBuffer();
      }).then(function (buffer) {
        store.download(fileName(ctx, "xlsx"), new Blob([buffer], {
          type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }));
      });
    });
  }

  function exportCsv(ctx) {
    return textLib().then(function (T) {
      var m = ctx.meta, e = ctx.record.entries || {}, f = ctx.record.fields || {}, lines = [T.csvLine(m.columns)];
      m.rows.forEach(function (r, i) {
        var x = entryOf(T, e, r);
        var cells = [i + 1, r.id, r.requirement, r.subjects, x.status, x.note];
        if (m.total !== null) cells.push(r.score || 0, x.score === null ? "" : x.score);
        lines.push(T.csvLine(cells));
      });
      lines.push("");
      lines.push(T.csvLine(["说明", "", m.edition.line]));
      lines.push(T.csvLine(["单位", fieldOf(T, f, "单位"), "填表人", fieldOf(T, f, "填表人"), "日期", fieldOf(T, f, "日期")]));
      store.download(fileName(ctx, "csv"), new Blob(["\ufeff" + lines.join("\r\n") + "\r\n"], { type: "text/csv;charset=utf-8" }));
    });
  }

  /* The filled Word is the blank Word (handbook/export/docx_file.py) with the entries: both follow
     meta.form (sheet.FORM): page, margins, fonts (宋体 East Asian, 黑体 title), sizes, widths,
     minimum row height, shaded repeated header, ☑/☐, 合计, sign-off line. */
  function exportDocx(ctx) {
    return Promise.all([docxLib(), textLib()]).then(function (got) {
      var D = got[0], T = got[1];
      var m = ctx.meta, e = ctx.record.entries || {}, f = ctx.record.fields || {}, scored = m.total !== null;
      var form = m.form || { page_cm: [29.7, 21.0], margin_cm: 2.0, orientation: "landscape", body_font: "宋体",
        title_font: "黑体", latin_font: "Times New Roman", body_pt: 10.5, title_pt: 16, small_pt: 9, row_min_cm: 1.2,
        header_fill: "D9D9D9", centred: ["序号", "编号", "分值", "得分"],
        signatures: "填表人签字：______________    审核人签字：______________    日期：____年__月__日" };
      function tw(cm) { return Math.round(cm * 1440 / 2.54); }
      function fonts(east) { return { ascii: form.latin_font, hAnsi: form.latin_font, eastAsia: east, cs: form.latin_font }; }
      var half = function (pt) { return Math.round(pt * 2); };
      var twips = m.widths_cm.map(tw);
      function run(text, opts) {
        return new D.TextRun(Object.assign({ text: String(text), font: fonts(form.body_font) }, opts || {}));
      }
      function para(text, opts, paraOpts) {
        return new D.Paragraph(Object.assign({ children: [run(text, opts)] }, paraOpts || {}));
      }
      function lines(text, opts, paraOpts) {       // one paragraph per line, as the blank's cells
        return String(text).split("\n").map(function (line) { return para(line, opts, paraOpts); });
      }
      function cell(children, i, shade) {
        return new D.TableCell(Object.assign({ width: { size: twips[i], type: D.WidthType.DXA }, children: children },
          shade ? { shading: { type: D.ShadingType.CLEAR, fill: form.header_fill, color: "auto" } } : {}));
      }
      function centred(i) { return form.centred.indexOf(m.columns[i]) >= 0 ? { alignment: D.AlignmentType.CENTER } : {}; }
      var header = new D.TableRow({ tableHeader: true, cantSplit: true,
        children: m.columns.map(function (c, i) {
          return cell(lines(c, { bold: true }, { alignment: D.AlignmentType.CENTER }), i, true);
        }) });
      var minHeight = { value: tw(form.row_min_cm), rule: D.HeightRule.ATLEAST };
      var filled = m.rows.map(function (r) { return entryOf(T, e, r); });
      var body = m.rows.map(function (r, n) {
        var x = filled[n];
        // 要求 as in the blank: the title in bold, then the text and the details, one paragraph each
        var req = String(r.requirement), title = String(r.title || ""), head = title + "：", reqParas;
        var reqLines = req.split("\n");
        if (title && reqLines[0].indexOf(head) === 0) {
          reqParas = [para(title, { bold: true })].concat(lines([reqLines[0].slice(head.length)].concat(reqLines.slice(1)).join("\n")));
        } else {
          reqParas = [para(reqLines[0], { bold: true })].concat(reqLines.length > 1 ? lines(reqLines.slice(1).join("\n")) : []);
        }
        var status = STATUSES.map(function (s) { return (x.status === s ? "☑ " : "☐ ") + s; }).join("\n");
        var texts = { "序号": String(n + 1), "编号": r.id, "责任主体": r.subjects, "完成情况": status,
                      "佐证材料/备注": x.note, "分值": String(r.score || 0), "得分": x.score === null ? "" : String(x.score) };
        return new D.TableRow({ cantSplit: true, height: minHeight, children: m.columns.map(function (c, i) {
          return cell(c === "要求" ? reqParas : lines(texts[c] || "", {}, centred(i)), i);
        }) });
      });
      var sum = totalsOf(filled);
      // 合计 rows as the blank: one per 完成情况 and 未填, the label spanning the columns left of
      // 完成情况; scored lists end with 合计 under 分值/得分.
      var statusAt = m.columns.indexOf("完成情况");
      function totalRow(label, span, figures) {
        var width = twips.slice(0, span).reduce(function (a, b) { return a + b; }, 0);
        var cells = [new D.TableCell({ columnSpan: span, width: { size: width, type: D.WidthType.DXA },
          children: [para(label, { bold: true }, { alignment: D.AlignmentType.RIGHT })] })];
        for (var i = span; i < m.columns.length; i++) {
          cells.push(cell([para(figures[i] === undefined ? "" : String(figures[i]), { bold: true }, { alignment: D.AlignmentType.CENTER })], i));
        }
        return new D.TableRow({ cantSplit: true, children: cells });
      }
      var totals = STATUSES.map(function (s) { var fig = {}; fig[statusAt] = sum.counts[s]; return totalRow(s + "（项）", statusAt, fig); });
      var blankFig = {}; blankFig[statusAt] = sum.blank;
      totals.push(totalRow("未填（项）", statusAt, blankFig));
      if (scored) {
        var pointsAt = m.columns.indexOf("分值"), fig = {};
        fig[pointsAt] = m.total; fig[pointsAt + 1] = sum.score;
        totals.push(totalRow("合计", pointsAt, fig));
      }
      var summary = "合计：已完成 " + sum.counts["已完成"] + " 条，推进中 " + sum.counts["推进中"] + " 条，未开始 " + sum.counts["未开始"] +
        " 条，未填 " + sum.blank + " 条" + (scored ? "；得分 " + sum.score + " / " + m.total : "");
      var small = { size: half(form.small_pt) };
      var landscape = form.orientation === "landscape";
      var doc = new D.Document({
        styles: { default: { document: { run: { font: fonts(form.body_font), size: half(form.body_pt) },
                                         paragraph: { spacing: { after: 0, line: 276 } } } } },
        sections: [{
          properties: { page: {
            // docx swaps width and height for a landscape section: give the portrait A4 size
            size: { width: tw(Math.min(form.page_cm[0], form.page_cm[1])), height: tw(Math.max(form.page_cm[0], form.page_cm[1])),
                    orientation: landscape ? D.PageOrientation.LANDSCAPE : D.PageOrientation.PORTRAIT },
            margin: { top: tw(form.margin_cm), bottom: tw(form.margin_cm), left: tw(form.margin_cm), right: tw(form.margin_cm) } } },
          footers: { default: new D.Footer({ children: [new D.Paragraph({ alignment: D.AlignmentType.CENTER, children: [
            run(m.edition.line + "    第 ", small), new D.TextRun({ children: [D.PageNumber.CURRENT], size: small.size, font: fonts(form.body_font) }),
            run(" 页 / 共 ", small), new D.TextRun({ children: [D.PageNumber.TOTAL_PAGES], size: small.size, font: fonts(form.body_font) }),
            run(" 页", small)] })] }) },
          children: [
            para(m.title, { size: half(form.title_pt), font: fonts(form.title_font) },
                 { alignment: D.AlignmentType.CENTER, spacing: { after: 120 } }),
            para(m.description, {}, { spacing: { after: 120 } }),
            para(m.edition.line + " · 清单编号 " + m.id, small, { spacing: { after: 120 } }),
            para("单位：" + (fieldOf(T, f, "单位") || "________") + "  填表人：" + (fieldOf(T, f, "填表人") || "________") +
                 "  日期：" + (fieldOf(T, f, "日期") || "____年__月__日"), {}, { spacing: { after: 120 } }),
            new D.Table({ width: { size: twips.reduce(function (a, b) { return a + b; }, 0), type: D.WidthType.DXA },
              alignment: D.AlignmentType.CENTER, columnWidths: twips, layout: D.TableLayoutType.FIXED,
              rows: [header].concat(body, totals) }),
            para(summary, {}, { spacing: { before: 120 } }),
            para(form.signatures, {}, { spacing: { before: 360 }, keepLines: true })
          ]
        }]
      });
      return D.Packer.toBlob(doc).then(function (blob) { store.download(fileName(ctx, "docx"), blob); });
    });
  }

  /* A hand-filled blank .xlsx → {record, problems, notes} or {error}: hb-sheet.js does the reading. */
  /* An .xlsx parsed once into what hb-sheet.js reads: {rows, names} (the first sheet's cell texts, the
     defined names), or {error}. */
  function readSheets(buffer) {
    return excel().then(function (ExcelJS) {
      var wb = new ExcelJS.Workbook();
      return wb.xlsx.load(buffer).then(function () {
        return window.hbSheet.workbookGrid(wb) || { error: "这个 Excel 文件没有工作表。" };
      });
    }).catch(function (e) { return { error: "无法读取该 Excel 文件（" + e.message + "）。" }; });
  }

  /* A parsed sheet (readSheets) read against a checklist → {record, problems, notes} or {error}. */
  function readGrid(g, meta) {
    if (g.error) return g;
    var result = window.hbSheet.read(g.rows, g.names, { id: meta.id, title: meta.title, rows: meta.rows,
      edition: { version: meta.edition.version, date: meta.edition.date } });
    if (result.refusal) return { error: result.refusal };
    return { record: result.record, problems: result.problems, notes: result.notes };
  }

  /* A hand-filled blank .xlsx → {record, problems, notes} or {error}: hb-sheet.js does the reading. */
  function readFilledXlsx(buffer, meta) {
    return readSheets(buffer).then(function (g) { return readGrid(g, meta); });
  }

  function exportFilled(format, ctx) {
    return ({ xlsx: exportXlsx, docx: exportDocx, csv: exportCsv })[format](ctx);
  }

  window.hbOffice = { exportFilled: exportFilled, readFilledXlsx: readFilledXlsx, readSheets: readSheets, readGrid: readGrid,
                      excel: excel, layout: layout, cellText: cellText };
})();
