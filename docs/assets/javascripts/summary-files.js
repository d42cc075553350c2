/* 汇总, the files: the 汇总 Excel (formatted like the checklist files) and the 汇总报告 Word (in the manner of an
   official document). Figures come from hb-summary.js (window.hbSummary); summary.js draws the page and calls
   window.hbSummaryFiles.attach(C) with its context C: the group shown now (current()), the 汇总单位 (unit()),
   the unit order (unitOrder()) and its helpers (store, office, bars, say, today, checklistTitle, siteEdition).
   Loaded before summary.js on the 汇总 page (plain <script>, file:// safe). */
(function () {
  "use strict";
  function attach(C) {
    var store = C.store, office = C.office, bars = C.bars, say = C.say, today = C.today;
    var checklistTitle = C.checklistTitle, siteEdition = C.siteEdition;
    var S = window.hbSummary, plain = window.hbText.plain;
    /* ---- the 汇总 Excel: formatted like the checklist files ---- */
    function fileBase(kind) {
      return store.safeName(checklistTitle(C.current().group.checklist) + "-" + kind + "-" + (C.unit() || "汇总") + "-" +
        siteEdition() + "-" + today());
    }
    function headLines() {
      var g = C.current().group;
      return ["汇总单位：" + (C.unit() || "________") + "    汇总日期：" + today() + "    手册版本：" + siteEdition() +
        "（填写版本 " + (g.edition || "未注明") + "）    单位数：" + C.current().fig.unitCount];
    }
    function exportXlsx() {
      if (!C.current()) return;
      var cur = C.current(), fig = cur.fig, units = S.sortUnits(fig.units, C.unitOrder()), title = checklistTitle(cur.group.checklist) + "填写汇总";
      office().then(function (o) { return o.excel(); }).then(function (ExcelJS) {
        var wb = new ExcelJS.Workbook();
        wb.creator = "五型模范机关建设手册"; wb.title = title;
        var thin = { style: "thin", color: { argb: "FF000000" } }, border = { top: thin, left: thin, bottom: thin, right: thin };
        var SONG = "宋体";
        function sheet(name, cols, rows, opts) {
          opts = opts || {};
          var ws = wb.addWorksheet(name, {
            pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: !!opts.fit, fitToWidth: opts.fit ? 1 : undefined, fitToHeight: opts.fit ? 0 : undefined,
                         margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 } },
            headerFooter: { oddFooter: "&L&\"宋体\"&8" + plain(title) + " · 手册版本 " + siteEdition() + "&R&\"宋体\"&8第 &P 页 / 共 &N 页" },
            views: [{ state: "frozen", ySplit: 4, xSplit: opts.xSplit || 0 }]
          });
          // title rows span the first printed page's columns only (a title centred over 200 unit columns
          // would print on a later page)
          var n = Math.min(cols.length, opts.xSplit ? 12 : cols.length);
          ws.mergeCells(1, 1, 1, Math.max(n, 2));
          ws.getCell(1, 1).value = title + (name === "汇总" ? "" : "（" + name + "）");
          ws.getCell(1, 1).font = { name: SONG, size: 16, bold: true };
          ws.getCell(1, 1).alignment = { horizontal: "center" };
          ws.getRow(1).height = 26;
          ws.mergeCells(2, 1, 2, Math.max(n, 2));
          ws.getCell(2, 1).value = headLines()[0];
          ws.getCell(2, 1).font = { name: SONG, size: 10 };
          ws.mergeCells(3, 1, 3, Math.max(n, 2));
          ws.getCell(3, 1).value = opts.note || "";
          ws.getCell(3, 1).font = { name: SONG, size: 9 };
          var head = ws.getRow(4);
          cols.forEach(function (c, i) {
            var cell = head.getCell(i + 1);
            cell.value = plain(c.name);
            cell.font = { name: SONG, size: 10, bold: true }; cell.border = border;
            cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
            cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9D9D9" } };
            ws.getColumn(i + 1).width = c.width;
          });
          head.height = opts.headHeight || 30;
          rows.forEach(function (values, r) {
            var row = ws.getRow(5 + r);
            values.forEach(function (v, i) {
              var cell = row.getCell(i + 1);
              cell.value = typeof v === "number" ? v : plain(v);           // user text: always plain text
              cell.font = { name: SONG, size: 10, bold: !!(opts.boldFrom && r >= opts.boldFrom) };
              cell.border = border;
              cell.alignment = { vertical: "top", wrapText: true, horizontal: cols[i].center ? "center" : undefined };
            });
          });
          ws.pageSetup.printTitlesRow = "4:4";
          if (opts.titleCols) ws.pageSetup.printTitlesColumn = opts.titleCols;
          return ws;
        }
        // 汇总: items × units, per-item counts at the right, per-unit totals at the bottom
        var counts = S.STATUSES.concat([S.BLANK]);
        var cols = [{ name: "编号", width: 9 }, { name: "要求", width: 28 }].concat(units.map(function (u) {
          return { name: u.ret.unit, width: 7, center: true };
        })).concat(counts.map(function (s) { return { name: s + "（单位数）", width: 8, center: true }; }));
        var rows = cur.fig.items.map(function (it) {
          return [it.id, it.title].concat(units.map(function (u) { return S.statusOf(u.ret, it.id); }))
            .concat(counts.map(function (s) { return it.counts[s]; }));
        });
        counts.forEach(function (s) {
          rows.push(["合计", s + "（项）"].concat(units.map(function (u) { return u.counts[s]; })).concat(counts.map(function () { return ""; })));
        });
        rows.push(["合计", "已完成占比"].concat(units.map(function (u) { return S.percent(u.counts["已完成"], u.total); }))
          .concat(counts.map(function () { return ""; })));
        sheet("汇总", cols, rows, { xSplit: 2, titleCols: "A:B", headHeight: 60, boldFrom: cur.fig.items.length,
          note: "完成情况：已完成 / 推进中 / 未开始 / 未填；右侧为每条的单位数，底部为每个单位的项数。" });
        sheet("各单位进度", [{ name: "代号", width: 6, center: true }, { name: "单位", width: 30 }, { name: "填写版本", width: 10, center: true },
          { name: "填写时间", width: 17 }, { name: "已完成", width: 8, center: true }, { name: "推进中", width: 8, center: true },
          { name: "未开始", width: 8, center: true }, { name: "未填", width: 8, center: true }, { name: "合计", width: 8, center: true },
          { name: "已完成占比", width: 11, center: true }],
          units.map(function (u) {
            var c = u.counts;
            return [cur.labelOf.get(u.ret), u.ret.unit, u.ret.edition || "未注明", u.ret.time.slice(0, 16).replace("T", " "),
                    c["已完成"], c["推进中"], c["未开始"], c["未填"], u.total, S.percent(c["已完成"], u.total)];
          }), { fit: true });
        sheet("按部分和五型", [{ name: "类别", width: 8 }, { name: "名称", width: 20 }, { name: "已完成（项）", width: 12, center: true },
          { name: "应完成（项）", width: 12, center: true }, { name: "占比", width: 10, center: true }],
          cur.fig.parts.map(function (p) { return ["部分", p.label, p.done, p.total, S.percent(p.done, p.total)]; })
            .concat(cur.fig.types.map(function (p) { return ["五型", p.label, p.done, p.total, S.percent(p.done, p.total)]; })), { fit: true });
        sheet("多数单位未开始", [{ name: "编号", width: 9 }, { name: "要求", width: 50 }, { name: "未开始或未填（单位数）", width: 14, center: true },
          { name: "其中未填", width: 10, center: true }, { name: "单位总数", width: 10, center: true }],
          S.majority(cur.fig).map(function (it) { return [it.id, it.title, it.notStarted, it.counts["未填"], cur.fig.unitCount]; }), { fit: true });
        return wb.xlsx.writeBuffer();
      }).then(function (buffer) {
        store.download(fileBase("汇总") + ".xlsx", new Blob([buffer], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }));
      }).catch(function (e) { say("导出失败：" + (e && e.message), true); });
    }

    /* ---- the 汇总报告 Word, in the manner of an official document (GB/T 9704 spirit) ---- */
    function chartPng(svg) {
      return new Promise(function (resolve) {
        var w = +svg.getAttribute("width"), h = +svg.getAttribute("height"), scale = 2;
        var xml = new XMLSerializer().serializeToString(svg);
        var img = new Image();
        img.onload = function () {
          try {
            var canvas = document.createElement("canvas");
            canvas.width = w * scale; canvas.height = h * scale;
            var ctx = canvas.getContext("2d");
            ctx.fillStyle = "#fff"; ctx.fillRect(0, 0, canvas.width, canvas.height);
            ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
            canvas.toBlob(function (blob) {
              if (!blob) return resolve(null);
              blob.arrayBuffer().then(function (buf) { resolve({ data: new Uint8Array(buf), width: w, height: h }); });
            }, "image/png");
          } catch (e) { resolve(null); }
        };
        img.onerror = function () { resolve(null); };
        img.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(xml);
      });
    }
    function exportDocx() {
      if (!C.current()) return;
      var cur = C.current(), fig = cur.fig, name = checklistTitle(cur.group.checklist), n = fig.unitCount, all = fig.all;
      var charts = [bars("按部分", fig.parts), bars("按五型", fig.types)];
      charts.forEach(function (svg) { svg.style.color = "#000"; });
      Promise.all([store.loadScript("assets/vendor/docx/index.iife.js").then(function () { return window.docx; })]
        .concat(charts.map(chartPng))).then(function (got) {
        var D = got[0], images = got.slice(1);
        var FS = "仿宋_GB2312", HEI = "黑体", TITLE = "方正小标宋简体";
        function font(f) { return { ascii: f === FS ? "Times New Roman" : f, hAnsi: f === FS ? "Times New Roman" : f, eastAsia: f }; }
        function p(text, o) {
          o = o || {};
          return new D.Paragraph({ alignment: o.align, indent: o.indent === false ? undefined : { firstLine: 640 },
            spacing: { line: 560, lineRule: "exact" },
            children: [new D.TextRun({ text: plain(text), font: font(o.font || FS), size: o.size || 32, bold: !!o.bold })] });
        }
        function heading(text) { return p(text, { font: HEI }); }
        function cell(text, w, head) {
          return new D.TableCell({ width: { size: w, type: D.WidthType.DXA }, margins: { left: 80, right: 80 },
            children: [new D.Paragraph({ alignment: D.AlignmentType.CENTER, children: [new D.TextRun({ text: plain(String(text)),
              font: font(head ? HEI : FS), size: 24 })] })] });
        }
        var widths = [1400, 3000, 1900, 1000];
        var rows = [new D.TableRow({ tableHeader: true, children: ["类别", "名称", "已完成/应完成", "占比"].map(function (h, i) { return cell(h, widths[i], true); }) })]
          .concat(fig.parts.map(function (g) { return ["部分", g.label, g.done + "/" + g.total, S.percent(g.done, g.total)]; })
            .concat(fig.types.map(function (g) { return ["五型", g.label, g.done + "/" + g.total, S.percent(g.done, g.total)]; }))
            .map(function (r) { return new D.TableRow({ cantSplit: true, children: r.map(function (v, i) { return cell(v, widths[i]); }) }); }));
        var most = S.majority(fig), slow = S.behind(fig, 10);
        var body = [
          p("关于《" + name + "》填写情况的汇总报告", { font: TITLE, size: 44, align: D.AlignmentType.CENTER, indent: false }),
          p("", { indent: false }),
          heading("一、总体情况"),
          p("本次共汇总 " + n + " 个单位填报的《" + name + "》（手册 " + siteEdition() + " 版，各单位按 " + (cur.group.edition || "未注明") +
            " 版填写），每个单位 " + cur.ids.length + " 条要求，合计 " + all.cells + " 项。其中已完成 " + all.done + " 项，占 " +
            S.percent(all.done, all.cells) + "；推进中 " + all.doing + " 项；未开始 " + all.todo + " 项；未填 " + all.blank + " 项。"),
          heading("二、分部分和分五型完成情况"),
          new D.Table({ width: { size: widths.reduce(function (a, b) { return a + b; }, 0), type: D.WidthType.DXA },
            columnWidths: widths, layout: D.TableLayoutType.FIXED, alignment: D.AlignmentType.CENTER, rows: rows })
        ];
        images.forEach(function (img) {
          if (!img) return;
          var w = 560, h = Math.round(img.height * w / img.width);
          body.push(new D.Paragraph({ alignment: D.AlignmentType.CENTER, children: [new D.ImageRun({ type: "png", data: img.data,
            transformation: { width: w, height: h }, altText: { title: "完成情况图", description: "已完成占比", name: "chart" } })] }));
        });
        body.push(heading("三、多数单位尚未开始的条目"));
        body.push(p(most.length ? "以下 " + most.length + " 条要求，超过半数单位尚未开始（含未填）：" : "没有超过半数单位尚未开始的条目。"));
        most.forEach(function (it, i) {
          body.push(p((i + 1) + ". " + it.id + " " + it.title + "（" + it.notStarted + "/" + n + " 个单位未开始，其中未填 " + it.counts["未填"] + "）"));
        });
        body.push(heading("四、进度较慢的单位"));
        slow.forEach(function (u, i) {
          var c = u.counts;
          body.push(p((i + 1) + ". " + u.ret.unit + "：已完成 " + c["已完成"] + "/" + u.total + "（" + S.percent(c["已完成"], u.total) +
            "），推进中 " + c["推进中"] + "，未开始 " + c["未开始"] + "，未填 " + c["未填"] + "。"));
        });
        body.push(heading("五、存在问题"));
        for (var i = 0; i < 3; i++) body.push(p("________________________________________________"));
        body.push(heading("六、下一步工作"));
        for (i = 0; i < 3; i++) body.push(p("________________________________________________"));
        body.push(p("", { indent: false }));
        body.push(p(C.unit() || "（汇总单位）", { align: D.AlignmentType.RIGHT, indent: false }));
        body.push(p(today(), { align: D.AlignmentType.RIGHT, indent: false }));
        var cm = 567;
        var doc = new D.Document({
          creator: "五型模范机关建设手册", title: name + "填写情况汇总报告", description: "手册版本 " + siteEdition(),
          styles: { default: { document: { run: { font: font(FS), size: 32 } } } },
          sections: [{
            properties: { page: { size: { width: 11906, height: 16838 },
              margin: { top: Math.round(3.7 * cm), bottom: Math.round(3.5 * cm), left: Math.round(2.8 * cm), right: Math.round(2.6 * cm) } } },
            footers: { default: new D.Footer({ children: [new D.Paragraph({ alignment: D.AlignmentType.CENTER, children: [
              new D.TextRun({ text: "— ", size: 28 }), new D.TextRun({ children: [D.PageNumber.CURRENT], size: 28 }), new D.TextRun({ text: " —", size: 28 })] })] }) },
            children: body
          }]
        });
        return D.Packer.toBlob(doc);
      }).then(function (blob) { store.download(fileBase("汇总报告") + ".docx", blob); })
        .catch(function (e) { say("生成汇总报告失败：" + (e && e.message), true); });
    }
    return { exportXlsx: exportXlsx, exportDocx: exportDocx };
  }
  window.hbSummaryFiles = { attach: attach };
})();
