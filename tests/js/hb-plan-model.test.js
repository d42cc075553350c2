"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const P = require("../../docs/assets/javascripts/hb-plan-model.js");

const T = "2026-12-01T00:00:00.000Z";
function record(entries, fields) {
  return { format: "hb-fill", version: 1, kind: "plan", id: "dangzhibu", title: "党支部", edition: {},
           fields: fields || { "单位": "某机关", "年度": "2027" }, entries, seen: {}, updated: T, written: T };
}

test("a task's state is its latest month's state", () => {
  const e = { progress: { "3": { status: "done", note: "" }, "5": { status: "late", note: "人手不足" }, "7": { status: "", note: "只有说明" } } };
  assert.equal(P.latestMonth(e), 5);
  assert.equal(P.state(e), "late");
  assert.equal(P.state({ progress: { "12": { status: "done" }, "2": { status: "late" } } }), "done");
  assert.equal(P.state({}), "");
  assert.equal(P.state(null), "");
  assert.equal(P.state({ progress: { "13": { status: "done" }, "x": { status: "done" } } }), "");
});

test("summarize counts tasks by their latest state, own tasks included", () => {
  const s = P.summarize(record({
    "AA1-01": { lead: "组织科", progress: { "3": { status: "done" }, "5": { status: "late" } }, t: T },
    "AA1-02": { progress: { "4": { status: "done" } }, t: T },
    "AA1-03": { t: T },                                      // empty: not a task
    "task:a": { item: "AA1-01", title: "自定", months: [5], t: T },
  }));
  assert.deepEqual([s.unit, s.year, s.tasks, s.done, s.late], ["某机关", "2027", 3, 1, 1]);
});

test("records finds plans in both shapes and nothing in other files", () => {
  assert.equal(P.records(record({})).length, 1);
  assert.deepEqual(P.records({ format: "hb-fill", kind: "checklist" }), []);
  for (const v of [null, 1, "x", [], {}, { records: "x" }, { records: [null, 1, { kind: "plan" }] }]) assert.deepEqual(P.records(v), []);
  const old = { handbook: "手册", version: "2026.1", records: [{ kind: "plan", id: "dangzhibu", value: {
    unit: "某机关", year: "2026", rows: { "AA1-01": { lead: "组织科", t: 1 } },
    tasks: { t1: { item: "AA1-01", title: "自定", t: 1 }, t2: { item: "AA1-01", deleted: true, t: 1 } },
    track: { "AA1-01": { "3": { status: "doing", t: 1 } }, t1: { "4": { status: "late", t: 1 } } }, updated: 1 } }] };
  const [r] = P.records(old);
  assert.deepEqual(Object.keys(r.entries).sort(), ["AA1-01", "task:t1"]);
  assert.equal(r.entries["task:t1"].progress["4"].status, "late");
  assert.equal(r.fields["单位"], "某机关");
  assert.equal(P.summarize(old).late, 1);
});

test("prototype-named keys stay plain data", () => {
  const old = JSON.parse('{"kind":"plan","id":"dangzhibu","unit":"u","rows":{"__proto__":{"lead":"x"},"constructor":{"lead":"y"}},' +
    '"track":{"toString":{"3":{"status":"done"}}},"tasks":{"__proto__":{"item":"AA1-01","title":"t"}}}');
  const r = P.fromLegacy(old);
  assert.equal(Object.getPrototypeOf(r.entries), Object.prototype);
  assert.ok(Object.prototype.hasOwnProperty.call(r.entries, "__proto__"));
  assert.equal(r.entries.constructor.lead, "y");
  assert.equal(P.summarize(r).tasks, 4);
  const hostile = JSON.parse('{"format":"hb-fill","version":1,"kind":"plan","id":"__proto__","fields":{"单位":{"x":1}},' +
    '"entries":{"__proto__":{"progress":{"__proto__":{"status":"done"}}},"toString":"abc","x":{"progress":"str","months":"abc"}}}');
  const s = P.summarize(hostile);
  assert.equal(typeof s.tasks, "number");
});

test("hasContent: fields, months, titles or progress", () => {
  assert.equal(P.hasContent({}), false);
  assert.equal(P.hasContent({ months: [] }), false);
  assert.equal(P.hasContent({ months: [3] }), true);
  assert.equal(P.hasContent({ goal: "x" }), true);
  assert.equal(P.hasContent({ progress: { "3": { status: "", note: "" } } }), false);
  assert.equal(P.hasContent({ progress: { "3": { status: "", note: "n" } } }), true);
  assert.equal(P.hasContent(null), false);
});
