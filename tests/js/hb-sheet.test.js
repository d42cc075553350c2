"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const S = require("../../docs/assets/javascripts/hb-sheet.js");

const T = "2026-12-01T08:00:00.000Z";
const options = { id: "dangzhibu", title: "党支部对照检查清单", t: T, edition: { version: "2026.1", date: "2026-11-01" },
  rows: [{ id: "GC2-01" }, { id: "GC2-02" }, { id: "GC2-03" }, { id: "GC2-04" }, { id: "GC2-05" }] };
const plain = (x) => JSON.parse(JSON.stringify(x));
// The blank template's shape: title, edition line, blanks, header, items, totals rows.
function sheet(rows, id) {
  return [
    ["党支部对照检查清单"],
    ["五型模范机关建设手册 2026.1 版 · 清单编号 " + (id || "dangzhibu")],
    ["单位：", "", "填表人：", "", "日期：", ""],
    ["序号", "编号", "要求", "责任主体", "完成情况", "佐证材料/备注"],
    ...rows,
    ["已完成（项）", "已完成（项）", "已完成（项）", "已完成（项）", "1", ""],      // merged label, as a reader shows it
    ["推进中（项）", "", "", "", "0", ""],
    ["未填（项）", "", "", "", "4", ""],
  ];
}

test("status spellings office staff type are understood; uncertain ones are not", () => {
  for (const s of ["√", "✓", "完成", "已完成", "已 完成", "已　完成", "已完成 ", "完成了"]) {
    assert.equal(S.parseStatus(s).status, "已完成", s);
  }
  for (const s of ["进行中", "推进中", "正在推进", "推 进 中"]) assert.equal(S.parseStatus(s).status, "推进中", s);
  for (const s of ["未开始", "尚未开始", "未启动"]) assert.equal(S.parseStatus(s).status, "未开始", s);
  for (const s of ["×", "部分完成", "基本完成", "?", "x"]) assert.equal(S.parseStatus(s).unknown, s, s);
  assert.ok(S.parseStatus("  ").empty);
});

test("an unrecognised status changes nothing for that row and is listed; an empty note is not carried", () => {
  const r = S.read(sheet([
    ["1", "GC2-01", "…", "", "部分完成", ""],
    ["2", "GC2-02", "…", "", "√", ""],
    ["3", "GC2-03", "…", "", "进行中", "两个支部未按期"],
  ]), {}, options);
  assert.equal(r.refusal, "");
  assert.equal(r.record.entries["GC2-01"], undefined);
  assert.deepEqual(plain(r.record.entries["GC2-02"]), { status: "已完成", t: T });
  assert.deepEqual(plain(r.record.entries["GC2-03"]), { status: "推进中", note: "两个支部未按期", t: T });
  assert.deepEqual(r.problems.map((p) => p.key), ["GC2-01"]);
  assert.match(r.problems[0].message, /部分完成/);
});

test("rows after a blank row are read; the template's totals are never reported; rows without an ID are", () => {
  const r = S.read(sheet([
    ["1", "GC2-01", "…", "", "已完成", ""],
    ["", "", "", "", "", ""],
    [],
    ["4", "GC2-04", "…", "", "未开始", ""],
    ["5", "", "…", "", "已完成", "写在没有编号的行"],
  ]), {}, options);
  assert.deepEqual(Object.keys(r.record.entries).sort(), ["GC2-01", "GC2-04"]);
  assert.deepEqual(r.problems.map((p) => p.key), ["第 9 行"]);
});

test("a repeated ID is listed; identical repeats count once; IDs are width- and case-folded", () => {
  const r = S.read(sheet([
    ["1", "GC2-01", "…", "", "已完成", "甲"],
    ["2", "GC2-01", "…", "", "未开始", "乙"],
    ["3", "gc2－02", "…", "", "已完成", ""],
    ["4", "GC2-02", "…", "", "已完成", ""],
    ["5", "GC2-03", "…", "", "", ""],
    ["6", "GC2-03", "…", "", "推进中", ""],
    ["7", "ZZ9-99", "…", "", "已完成", ""],
  ]), {}, options);
  assert.equal(r.record.entries["GC2-01"], undefined);
  assert.equal(r.record.entries["GC2-02"].status, "已完成");
  assert.equal(r.record.entries["GC2-03"].status, "推进中");
  assert.deepEqual(r.problems.map((p) => p.key).sort(), ["GC2-01", "ZZ9-99"]);
  assert.match(r.problems.find((p) => p.key === "GC2-01").message, /第 5、6 行/);
  assert.ok(r.notes.some((n) => /GC2-02 出现两次/.test(n)));
});

test("another checklist's Excel is refused, by defined name or by its edition line", () => {
  assert.match(S.read(sheet([["1", "GC2-01", "", "", "已完成", ""]], "dangyuan"), {}, options).refusal, /dangyuan/);
  assert.match(S.read(sheet([], "dangzhibu"), { HB_CHECKLIST: "quanbu" }, options).refusal, /quanbu/);
  assert.match(S.read([["随便一个表"], ["a", "b"]], {}, options).refusal, /找不到“编号”/);
});

test("fields come from the defined names; placeholders are not values; an older edition is noted", () => {
  const r = S.read(sheet([]), { HB_UNIT: "某机关第一党支部", HB_FILLER: "______", HB_DATE: "2026-12-01", HB_EDITION: "2025.9" }, options);
  assert.deepEqual(plain(r.record.fields), { 单位: "某机关第一党支部", 日期: "2026-12-01" });
  assert.equal(r.fromEdition, "2025.9");
  assert.equal(r.record.edition.version, "2025.9");
  assert.match(r.notes.join(""), /2025\.9 版填写/);
});

test("scores: numbers within the row's points are taken, others listed", () => {
  const opts = Object.assign({}, options, { rows: [{ id: "GC2-01", score: 2 }, { id: "GC2-02", score: 2 }, { id: "GC2-03", score: 3 }] });
  const grid = [["表"], ["清单编号 dangzhibu"], [], ["序号", "编号", "要求", "完成情况", "佐证材料/备注", "分值", "得分"],
    ["1", "GC2-01", "", "已完成", "", "2", "30"], ["2", "GC2-02", "", "已完成", "", "2", "abc"], ["3", "GC2-03", "", "", "", "3", "２.5分"],
    ["合计", "", "", "", "", "7", "32"]];
  const r = S.read(grid, {}, opts);
  assert.equal(r.record.entries["GC2-01"].score, undefined);
  assert.equal(r.record.entries["GC2-01"].status, "已完成");
  assert.equal(r.record.entries["GC2-03"].score, "2.5");
  assert.deepEqual(r.problems.map((p) => p.key).sort(), ["GC2-01", "GC2-02"]);
});

/* The same reading from a real .xlsx (written and read by the vendored ExcelJS, as in the browser):
   formulas without cached results, merged label cells, dates, rich text and defined names. */
test("workbookGrid turns an .xlsx into what read() takes", async () => {
  const ExcelJS = require("../../docs/assets/vendor/exceljs/exceljs.min.js");
  const wb = new ExcelJS.Workbook(), ws = wb.addWorksheet("对照检查清单");
  ws.getCell("A1").value = "党支部对照检查清单";
  ws.getCell("A2").value = "五型模范机关建设手册 2026.1 版 · 清单编号 dangzhibu";
  ws.getCell("A3").value = "单位："; ws.getCell("B3").value = "某机关第一党支部";
  ws.getCell("C3").value = "日期："; ws.getCell("D3").value = new Date(Date.UTC(2026, 11, 1));
  wb.definedNames.add("'对照检查清单'!$B$3", "HB_UNIT");
  wb.definedNames.add("'对照检查清单'!$D$3", "HB_DATE");
  ws.getRow(4).values = ["序号", "编号", "要求", "责任主体", "完成情况", "佐证材料/备注"];
  ws.getRow(5).values = [1, "GC2-01", "…", "", "√", { richText: [{ text: "会议" }, { text: "纪要" }] }];
  ws.getRow(7).values = [3, "GC2-03", "…", "", "推进中", "第一行\n第二行"];
  ws.getCell("A9").value = "已完成（项）";
  ws.mergeCells("A9:D9");
  ws.getCell("E9").value = { formula: 'COUNTIF(E5:E8,"已完成")' };
  const buffer = await wb.xlsx.writeBuffer();
  const back = new ExcelJS.Workbook();
  await back.xlsx.load(buffer);
  const grid = S.workbookGrid(back);
  assert.equal(grid.rows[8][4], "");                       // a formula with no cached result reads as empty
  assert.deepEqual(grid.names, { HB_UNIT: "某机关第一党支部", HB_DATE: "2026-12-01" });
  const r = S.read(grid.rows, grid.names, options);
  assert.equal(r.refusal, "");
  assert.deepEqual(plain(r.record.entries), {
    "GC2-01": { status: "已完成", note: "会议纪要", t: T },
    "GC2-03": { status: "推进中", note: "第一行\n第二行", t: T } });
  assert.deepEqual(plain(r.record.fields), { 单位: "某机关第一党支部", 日期: "2026-12-01" });
  assert.deepEqual(r.problems, []);
});
