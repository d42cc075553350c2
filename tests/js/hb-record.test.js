"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const R = require("../../docs/assets/javascripts/hb-record.js");

const T1 = "2026-11-01T08:00:00.000Z", T2 = "2026-11-02T08:00:00.000Z", T3 = "2026-11-03T08:00:00.000Z";
const plain = (x) => JSON.parse(JSON.stringify(x));
function backup(entries, extra) {
  return Object.assign({ format: "hb-fill", version: 1, kind: "checklist", id: "dangzhibu", title: "党支部",
    edition: { version: "2026.1", date: "2026-11-01" }, fields: {}, entries, seen: {} }, extra || {});
}
const opts = { kind: "checklist", id: "dangzhibu" };

test("validate refuses another list, kind, format or version as a whole", () => {
  assert.match(R.validate(backup({}, { id: "dangyuan" }), opts).refusal, /另一份清单/);
  assert.match(R.validate(backup({}, { kind: "plan" }), opts).refusal, /不是本页/);
  assert.match(R.validate(backup({}, { version: 2 }), opts).refusal, /版本 2/);
  assert.match(R.validate({ hello: 1 }, opts).refusal, /不是本手册/);
  assert.match(R.validate(null, opts).refusal, /不是本手册/);
  assert.match(R.validate(backup(null), opts).refusal, /缺少条目/);
  assert.equal(R.validate(backup({}), opts).refusal, "");
});

test("validate keeps good entries and lists every bad one: objects as notes, unknown statuses, bad times, null, prototype names", () => {
  const data = JSON.parse(`{"format":"hb-fill","version":1,"kind":"checklist","id":"dangzhibu","fields":{},"entries":{
    "GC1-01": {"status": "已完成", "note": "有记录", "t": "${T1}"},
    "GC1-02": {"status": "xyz", "t": "${T1}"},
    "GC1-03": {"note": {"formula": "WEBSERVICE(\\"http://x\\")"}, "t": "${T1}"},
    "GC1-04": {"note": {"text": "点", "hyperlink": "javascript:alert(1)"}, "t": "${T1}"},
    "GC1-05": {"status": "推进中", "t": "昨天"},
    "ZZ8-88": null,
    "__proto__": {"status": "已完成", "t": "${T1}"},
    "constructor": {"status": "已完成"},
    "x": 1,
    "GC1-07": {"status": "done", "score": 2, "t": "${T1}"}}}`);
  const { record, problems, refusal } = R.validate(data, opts);
  assert.equal(refusal, "");
  assert.deepEqual(Object.keys(record.entries).sort(), ["GC1-01", "GC1-07"]);
  assert.equal(record.entries["GC1-07"].status, "已完成");       // old spelling converted
  assert.equal(record.entries["GC1-07"].score, "2");
  assert.equal(Object.getPrototypeOf(record.entries), null);
  const keys = problems.map((p) => p.key).sort();
  assert.deepEqual(keys, ["GC1-02", "GC1-03", "GC1-04", "GC1-05", "ZZ8-88", "__proto__", "constructor", "x"].sort());
  assert.match(R.describe(problems), /完成情况“xyz”无法识别：GC1-02/);
});

test("validate drops fields that are not text and refuses entries outside the list when asked", () => {
  const { record, problems } = R.validate(backup({ "GC1-01": { status: "已完成", t: T1 }, "QQ1-01": { status: "已完成" } },
    { fields: { 单位: "某机关", 日期: { formula: "NOW()" } } }), Object.assign({ knows: (k) => k.startsWith("GC") }, opts));
  assert.deepEqual(plain(record.fields), { 单位: "某机关" });
  assert.deepEqual(problems.map((p) => p.key).sort(), ["QQ1-01", "日期"]);
});

test("describe groups and caps long lists (10,000 unknown IDs stay one readable line)", () => {
  const problems = Array.from({ length: 10000 }, (_, i) => ({ key: "ZZ" + i, message: "本手册（本清单）没有这个编号" }));
  const line = R.describe(problems);
  assert.match(line, /等 10000 处$/);
  assert.ok(line.length < 300);
});

test("merge: newer entry wins, older or equal changes nothing, absent and empty fields erase nothing", () => {
  const local = R.validate(backup({
    "A1-01": { status: "推进中", note: "本机备注", t: T2 },
    "A1-02": { status: "已完成", note: "保留", t: T2 },
    "A1-03": { status: "未开始", t: T2 },
  }), { kind: "checklist", id: "dangzhibu" }).record;
  const incoming = R.validate(backup({
    "A1-01": { status: "已完成", t: T3 },                  // a sheet row: status only
    "A1-02": { status: "未开始", note: "旧的", t: T1 },      // older: ignored
    "A1-03": { status: "未开始", note: "", t: T3 },          // same status, empty note: nothing to do
    "A1-04": { note: "新条目", t: T1 },                      // new entry: added whatever its time
  }), { kind: "checklist", id: "dangzhibu" }).record;
  const result = R.merge(local, incoming);
  const e = result.record.entries;
  assert.equal(e["A1-01"].status, "已完成");
  assert.equal(e["A1-01"].note, "本机备注");
  assert.equal(e["A1-02"].status, "已完成");
  assert.equal(e["A1-02"].note, "保留");
  assert.equal(e["A1-04"].note, "新条目");
  assert.deepEqual(result.changes.map((c) => [c.key, c.field]), [["A1-01", "status"]]);
  assert.equal(result.added, 1);
  assert.match(R.confirmText(result), /改动本机已有的 1 处.*\nA1-01 完成情况：推进中 → 已完成/s);
  assert.match(R.confirmText(result), /其余 2 条填写保持不变/);
  // local is untouched until the caller applies the result
  assert.equal(local.entries["A1-01"].status, "推进中");
});

test("merge never removes a local entry or field, whatever the import holds", () => {
  const local = R.validate(backup({ "A1-01": { status: "已完成", note: "x", t: T1 } }, { fields: { 单位: "某机关" } }), opts).record;
  const incoming = R.validate(backup({ "A1-01": { status: "", note: "", score: "", t: T3 } }, { fields: { 单位: "" } }), opts).record;
  const merged = R.merge(local, incoming).record;
  assert.equal(merged.entries["A1-01"].status, "已完成");
  assert.equal(merged.entries["A1-01"].note, "x");
  assert.equal(merged.fields["单位"], "某机关");
});

test("applyEdit changes one field of what is stored now; an emptied row leaves no entry, an own task stays", () => {
  const rec = R.blankRecord("checklist", "x", "x", {});
  R.applyEdit(rec, { key: "A1-01", field: "status", value: "已完成", t: T1 });
  R.applyEdit(rec, { key: "A1-01", field: "note", value: "备注", t: T2 });
  assert.deepEqual(plain(rec.entries["A1-01"]), { status: "已完成", note: "备注", t: T2 });
  R.applyEdit(rec, { key: "A1-01", field: "status", value: "", t: T3 });
  R.applyEdit(rec, { key: "A1-01", field: "note", value: "", t: T3 });
  assert.equal(rec.entries["A1-01"], undefined);
  const plan = R.blankRecord("plan", "dangzhibu", "党支部", {});
  R.applyEdit(plan, { key: "task:t1", field: "item", value: "GC1-01", t: T1 });
  R.applyEdit(plan, { key: "GC1-01", field: "month", value: 3, on: true, t: T1 });
  R.applyEdit(plan, { key: "GC1-01", field: "month", value: 1, on: true, t: T1 });
  R.applyEdit(plan, { key: "GC1-01", field: "progress.3.status", value: "done", t: T2 });
  R.applyEdit(plan, { key: "GC1-01", field: "progress.3.note", value: "按期", t: T2 });
  assert.deepEqual(plain(plan.entries["GC1-01"]), { months: [1, 3], progress: { 3: { status: "done", note: "按期" } }, t: T2 });
  R.applyEdit(plan, { key: "task:t1", field: "title", value: "", t: T2 });
  assert.ok(plan.entries["task:t1"]);
  R.applyEdit(plan, { key: "task:t1", remove: true });
  assert.equal(plan.entries["task:t1"], undefined);
  R.applyEdit(plan, { field: "单位", value: "某机关" });
  assert.equal(plan.fields["单位"], "某机关");
  R.applyEdit(plan, { key: "constructor", field: "lead", value: "x" });
  assert.equal(Object.keys(plan.entries).includes("constructor"), false);
});

test("plan entries: months, progress and texts are checked; a task needs its requirement", () => {
  const data = { format: "hb-fill", version: 1, kind: "plan", id: "dangzhibu", fields: {}, entries: {
    "GC1-01": { lead: "办公室", months: [1, 2], progress: { 2: { status: "late", note: "两个支部未按期" } }, t: T1 },
    "GC1-02": { months: [13] },
    "GC1-03": { progress: { 3: { status: "maybe" } } },
    "GC1-04": { owner: 42 },
    "task:a": { title: "自定" },
    "task:b": { item: "GC1-01", title: "自定", t: T1 },
  } };
  const { record, problems } = R.validate(data, { kind: "plan", id: "dangzhibu" });
  assert.deepEqual(Object.keys(record.entries).sort(), ["GC1-01", "task:b"]);
  assert.deepEqual(problems.map((p) => p.key).sort(), ["GC1-02", "GC1-03", "GC1-04", "task:a"]);
});

/* Two tabs, randomised: each tab keeps an in-memory copy that learns of the other's writes only when a
   (possibly late) storage event arrives; every write is one field applied to what is stored now.
   Whatever the interleaving, the store ends equal to all edits applied in the order they were made. */
function rng(seed) { return () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648); }
test("two tabs editing at random never lose an entry (1,000 sequences)", () => {
  const ids = ["A1-01", "A1-02", "A1-03", "A1-04"], fields = ["status", "note", "score"];
  const values = { status: ["", "已完成", "推进中", "未开始"], note: ["", "甲", "乙\n丙"], score: ["", "1", "2"] };
  for (let seed = 1; seed <= 1000; seed++) {
    const rand = rng(seed), pick = (list) => list[Math.floor(rand() * list.length)];
    let stored = R.serialise(R.blankRecord("checklist", "x", "x", {}));
    const expected = R.blankRecord("checklist", "x", "x", {});
    const tabs = [JSON.parse(stored), JSON.parse(stored)], pending = [[], []];
    let clock = Date.parse(T1);
    for (let step = 0; step < 40; step++) {
      const tab = rand() < 0.5 ? 0 : 1;
      if (rand() < 0.3 && pending[tab].length) { tabs[tab] = JSON.parse(pending[tab].shift()); continue; }  // a storage event arrives
      const edit = { key: pick(ids), field: pick(fields), t: new Date(clock += 1000).toISOString() };
      edit.value = pick(values[edit.field]);
      // the write: read what is stored now, apply this one field, write back (hb-store's transact)
      const now = R.validate(JSON.parse(stored), { kind: "checklist", id: "x" }).record;
      stored = R.serialise(R.applyEdit(now, edit));
      tabs[tab] = JSON.parse(stored);
      pending[1 - tab].push(stored);
      R.applyEdit(expected, edit);
    }
    const final = JSON.parse(stored);
    assert.deepEqual(final.entries, plain(expected.entries), "seed " + seed);
  }
});

test("importing a tab's backup into the other tab and back loses nothing (random)", () => {
  for (let seed = 1; seed <= 300; seed++) {
    const rand = rng(seed), ids = ["A1-01", "A1-02", "A1-03"];
    const a = R.blankRecord("checklist", "x", "x", {}), b = R.blankRecord("checklist", "x", "x", {});
    let clock = Date.parse(T1);
    for (let i = 0; i < 12; i++) {
      const field = rand() < 0.5 ? "status" : "note";
      R.applyEdit(rand() < 0.5 ? a : b, { key: ids[Math.floor(rand() * 3)], field,
        value: field === "status" ? (rand() < 0.5 ? "已完成" : "推进中") : "甲" + i, t: new Date(clock += 1000).toISOString() });
    }
    const ab = R.merge(a, R.validate(JSON.parse(R.serialise(b)), { kind: "checklist", id: "x" }).record).record;
    for (const id of ids) {
      for (const source of [a, b]) {
        if (!source.entries[id]) continue;
        assert.ok(ab.entries[id], "seed " + seed + " lost " + id);
        for (const field of ["status", "note"]) {
          if (source.entries[id][field]) assert.ok(ab.entries[id][field], "seed " + seed + " erased " + id + " " + field);
        }
      }
    }
  }
});
