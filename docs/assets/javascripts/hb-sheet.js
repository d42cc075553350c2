/* hb-sheet: a hand-filled checklist sheet read back into a record (pure; browser <script> and Node).
   Input is what the spreadsheet shows, not the spreadsheet library: grid = rows of cell texts
   (grid[0] is row 1), names = the workbook's defined names and their cell texts (HB_CHECKLIST, HB_EDITION,
   HB_UNIT, HB_FILLER, HB_DATE). hb-office.js turns an .xlsx into that with ExcelJS; tests build it by hand.
   Every row is accounted for: item rows are read (blank rows in between do not stop the reading), rows
   without an item (the template's totals, notes) are passed over, and every cell that cannot be taken is
   listed. An empty cell means "not filled": it is never carried into the record, so it erases nothing. */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory(require("./hb-record.js"));
  else root.hbSheet = factory(root.hbRecord);
})(typeof self !== "undefined" ? self : this, function (hbRecord) {
  "use strict";

  // What office staff type into 完成情况, after width folding and with spaces removed. Only spellings
  // whose meaning is certain; anything else (×, 部分完成, 基本完成 …) is listed, never guessed.
  var SPELLINGS = {
    "已完成": ["已完成", "完成", "已经完成", "完成了", "√", "✓", "✔", "☑", "✅", "☑已完成"],
    "推进中": ["推进中", "进行中", "正在推进", "正在进行", "推进", "在推进", "☑推进中"],
    "未开始": ["未开始", "没开始", "尚未开始", "未启动", "还未开始", "☑未开始"]
  };
  var STATUS_OF = hbRecord.map();
  Object.keys(SPELLINGS).forEach(function (status) {
    SPELLINGS[status].forEach(function (spelling) { STATUS_OF[spelling] = status; });
  });
  var ID_SHAPE = /^[A-Z]{2,}\d+-\d+$/;
  var BLANK_PLACEHOLDER = /^[_＿\s年月日]*$/;
  var NAMED = { "单位": "HB_UNIT", "填表人": "HB_FILLER", "日期": "HB_DATE" };

  function fold(text) {
    var s = String(text === undefined || text === null ? "" : text);
    return s.normalize ? s.normalize("NFKC") : s;
  }

  /* Cell text → {status} (recognised), {empty: true}, or {unknown: text}. */
  function parseStatus(text) {
    var raw = String(text === undefined || text === null ? "" : text).trim();
    if (!raw) return { empty: true };
    var key = fold(raw).replace(/\s+/g, "");
    if (!key) return { empty: true };
    return STATUS_OF[key] ? { status: STATUS_OF[key] } : { unknown: raw };
  }

  /* 得分 cell → {score} within 0…points, {empty: true} or {problem}. */
  function parseScore(text, points) {
    var raw = fold(text).trim();
    if (!raw) return { empty: true };
    var m = /^(\d+(?:\.\d+)?)\s*分?$/.exec(raw);
    if (!m) return { problem: "得分“" + raw.slice(0, 20) + "”不是数字" };
    var value = parseFloat(m[1]), max = parseFloat(points);
    if (isFinite(max) && value > max) return { problem: "得分 " + m[1] + " 超出 0–" + points + " 分" };
    return { score: m[1] };
  }

  function normaliseId(text) { return fold(text).replace(/\s+/g, "").toUpperCase(); }

  function cell(grid, r, c) { var row = grid[r]; return row && c !== undefined && row[c] !== undefined && row[c] !== null ? String(row[c]) : ""; }

  /* The header row (the one with a cell “编号”) and its columns by header text. */
  function layout(grid) {
    for (var r = 0; r < grid.length; r++) {
      var row = grid[r] || [];
      for (var c = 0; c < row.length; c++) {
        if (fold(row[c]).trim() === "编号") {
          var cols = hbRecord.map();
          row.forEach(function (text, i) { var name = fold(text).trim(); if (name && !(name in cols)) cols[name] = i; });
          return { header: r, cols: cols };
        }
      }
    }
    return null;
  }

  /* Which checklist and edition the file says it is: defined names first, then the edition line. */
  function identity(grid, names, header) {
    var id = names.HB_CHECKLIST ? String(names.HB_CHECKLIST).trim() : "";
    var edition = names.HB_EDITION ? String(names.HB_EDITION).trim() : "";
    for (var r = 0; r < Math.min(header, 3); r++) {
      (grid[r] || []).forEach(function (text) {
        var t = fold(text), m;
        if (!id && (m = /清单编号\s*([A-Za-z0-9_-]+)/.exec(t))) id = m[1];
        if (!edition && /清单编号|版/.test(t) && (m = /(\d{4}\.\d+)/.exec(t))) edition = m[1];
      });
    }
    return { id: id, edition: edition };
  }

  /* options: {id, title, rows:[{id, score}], edition:{version, date}, t}
     → {refusal} or {refusal:"", record, problems:[{key, message}], notes:[text], fromEdition} */
  function read(grid, names, options) {
    names = names || {};
    var lay = layout(grid);
    if (!lay || !("完成情况" in lay.cols)) return { refusal: "这不是本手册的清单 Excel（找不到“编号”“完成情况”表头）。" };
    var who = identity(grid, names, lay.header);
    if (who.id && who.id !== options.id) {
      return { refusal: "这是另一份清单（清单编号 " + who.id.slice(0, 40) + "）的 Excel，不是本清单（" + options.id + "）的。" };
    }
    var edition = options.edition || {};
    var record = hbRecord.blankRecord("checklist", options.id, options.title, {
      version: who.edition || edition.version, date: who.edition && who.edition !== edition.version ? "" : edition.date });
    var problems = [], notes = [], t = options.t || hbRecord.now();
    function problem(key, message) { problems.push({ key: key, message: message }); }
    var points = hbRecord.map();
    options.rows.forEach(function (r) { points[r.id] = r.score; });
    var col = lay.cols, seenAt = hbRecord.map();
    var first = col["序号"] !== undefined ? col["序号"] : 0;

    for (var r = lay.header + 1; r < grid.length; r++) {
      var line = r + 1;                                    // the row number the user sees
      var idText = cell(grid, r, col["编号"]);
      var statusText = cell(grid, r, col["完成情况"]);
      var note = col["佐证材料/备注"] !== undefined ? cell(grid, r, col["佐证材料/备注"]) : "";
      var scoreText = col["得分"] !== undefined ? cell(grid, r, col["得分"]) : "";
      var filled = statusText.trim() || note.trim() || scoreText.trim();
      var id = normaliseId(idText);
      // The template's own rows (已完成（项）, 合计, 得分率, 说明 …) carry a label where 序号 stands; the
      // label cell is merged across 编号, so a reader may show it there too. They are never reported.
      var label = fold(cell(grid, r, first)).trim();
      var templateRow = label !== "" && !/^\d+$/.test(label);
      if (!id) {
        if (filled && !templateRow) problem("第 " + line + " 行", "没有编号，未导入");
        continue;
      }
      if (!ID_SHAPE.test(id)) {
        if (filled && !templateRow) problem("第 " + line + " 行", "编号“" + idText.trim().slice(0, 20) + "”无法识别，未导入");
        continue;
      }
      if (!(id in points)) { if (filled) problem(id, "本清单没有这个编号，未导入"); continue; }
      var entry = hbRecord.map(), status = parseStatus(statusText);
      if (status.status) entry.status = status.status;
      else if (status.unknown) problem(id, "完成情况“" + status.unknown.slice(0, 20) + "”未能识别，本行完成情况未导入");
      if (note.trim()) entry.note = note.replace(/\r\n?/g, "\n").replace(/\s+$/, "");
      if (col["得分"] !== undefined) {
        var score = parseScore(scoreText, points[id]);
        if (score.score !== undefined) entry.score = score.score;
        else if (score.problem) problem(id, score.problem + "，本行得分未导入");
      }
      if (id in seenAt) {
        var before = seenAt[id];
        if (!before.entry || !hbRecord.hasContent(entry)) continue;         // already refused, or nothing new
        if (hbRecord.same(before.entry, entry)) {
          notes.push("编号 " + id + " 出现两次（第 " + before.line + "、" + line + " 行），内容相同，按一行导入。");
          continue;
        }
        if (!hbRecord.hasContent(before.entry)) {                             // the first one was left empty
          before.entry = entry; before.line = line; entry.t = t; record.entries[id] = entry;
          continue;
        }
        problem(id, "编号重复（第 " + before.line + "、" + line + " 行）且内容不同，两行都未导入");
        delete record.entries[id];
        before.entry = null;
        continue;
      }
      seenAt[id] = { line: line, entry: entry };
      if (hbRecord.hasContent(entry)) { entry.t = t; record.entries[id] = entry; }
    }

    // 单位 / 填表人 / 日期: the defined names, or the old one-cell line “单位：… 填表人：… 日期：…”.
    Object.keys(NAMED).forEach(function (name) {
      var value = names[NAMED[name]] ? String(names[NAMED[name]]).trim() : "";
      if (value && !BLANK_PLACEHOLDER.test(value)) record.fields[name] = value;
    });
    for (var h = 0; h < lay.header; h++) {
      (grid[h] || []).forEach(function (text) {
        var m = /^单位：(.*?)\s+填表人：(.*?)\s+日期：(.*)$/.exec(String(text || "").trim());
        if (!m) return;
        [["单位", m[1]], ["填表人", m[2]], ["日期", m[3]]].forEach(function (pair) {
          if (!record.fields[pair[0]] && !BLANK_PLACEHOLDER.test(pair[1])) record.fields[pair[0]] = pair[1].trim();
        });
      });
    }
    if (who.edition && edition.version && who.edition !== edition.version) {
      notes.push("该文件按 " + who.edition + " 版填写（本手册为 " + edition.version + " 版）。");
    }
    return { refusal: "", record: record, problems: problems, notes: notes, fromEdition: who.edition };
  }

  /* ---- from a workbook (ExcelJS's API; the library itself is the caller's) to what read() takes ---- */

  /* What a reader sees in a cell: rich text joined, a hyperlink's text, a formula's cached result (none: ""),
     a date as YYYY-MM-DD; never "[object Object]". */
  function cellText(cell) {
    var v = cell && cell.value;
    if (v === null || v === undefined) return "";
    if (v instanceof Date) return isNaN(v) ? "" : v.toISOString().slice(0, 10);
    if (typeof v === "object") {
      if (v.richText) return v.richText.map(function (r) { return r.text; }).join("");
      if (v.text !== undefined) return typeof v.text === "object" && v.text && v.text.richText ?
        v.text.richText.map(function (r) { return r.text; }).join("") : String(v.text);
      if (v.result !== undefined && v.result !== null && typeof v.result !== "object") return String(v.result);
      return "";
    }
    return String(v).trim();
  }

  /* The cell a workbook-level defined name points at (the template's HB_UNIT …), or null. */
  function definedCell(wb, name) {
    try {
      var ranges = wb.definedNames.getRanges(name).ranges;
      if (!ranges || !ranges.length) return null;
      var m = /^'?(.*?)'?!\$?([A-Z]+)\$?(\d+)/.exec(ranges[0]);
      var ws = m && wb.getWorksheet(m[1]);
      return ws ? ws.getCell(m[2] + m[3]) : null;
    } catch (e) { return null; }
  }

  /* The first sheet as rows of cell texts (row 1 first, blank rows kept as []) and the defined names' texts. */
  function workbookGrid(wb) {
    var ws = wb.worksheets[0], rows = [];
    if (!ws) return null;
    ws.eachRow({ includeEmpty: false }, function (row, n) {
      var cells = [];
      row.eachCell({ includeEmpty: false }, function (c, col) { cells[col - 1] = cellText(c); });
      rows[n - 1] = cells;
    });
    for (var i = 0; i < rows.length; i++) rows[i] = rows[i] || [];
    var names = {};
    ["HB_CHECKLIST", "HB_EDITION", "HB_UNIT", "HB_FILLER", "HB_DATE"].forEach(function (name) {
      var c = definedCell(wb, name);
      if (c) names[name] = cellText(c);
    });
    return { rows: rows, names: names };
  }

  return { SPELLINGS: SPELLINGS, parseStatus: parseStatus, parseScore: parseScore, normaliseId: normaliseId,
           layout: layout, identity: identity, read: read, cellText: cellText, definedCell: definedCell,
           workbookGrid: workbookGrid };
});
