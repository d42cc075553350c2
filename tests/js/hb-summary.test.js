"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const S = require("../../docs/assets/javascripts/hb-summary.js");

const META = {
  parts: [{ code: "AA", name: "甲部分" }, { code: "BB", name: "乙部分" }],
  types: ["学习型", "服务型"],
  items: {
    "AA1-01": { title: "一", part: "AA", types: ["学习型"] },
    "AA1-02": { title: "二", part: "AA", types: ["服务型"] },
    "BB1-01": { title: "三", part: "BB", types: ["学习型", "服务型"] },
    "BB1-02": { title: "四", part: "BB", types: [] },
  },
  checklists: { all: { title: "全部", items: ["AA1-01", "AA1-02", "BB1-01", "BB1-02"] },
                few: { title: "部分", items: ["AA1-01"] } },
  edition: { version: "2026.1" },
};
const IDS = META.checklists.all.items;

function backup(unit, statuses, extra) {
  const entries = {};
  for (const [k, v] of Object.entries(statuses)) entries[k] = { status: v, note: "", t: "2026-12-01T00:00:00Z" };
  return Object.assign({ format: "hb-fill", version: 1, kind: "checklist", id: "all", title: "全部",
    edition: { version: "2026.1" }, fields: { "单位": unit }, entries, written: "2026-12-01T00:00:00Z" }, extra || {});
}
function read(data, file) {
  const r = S.readReturn(data, META, file || "x.json");
  assert.ok(r.ok, r.reason);
  return r.ret;
}

test("a return is read with its unit, list, edition and time; wrong values are dropped and counted", () => {
  const ret = read(backup("一支部", { "AA1-01": "已完成", "AA1-02": "xyz", "ZZ9-99": "已完成", "BB1-01": "" }));
  assert.equal(ret.unit, "一支部");
  assert.equal(ret.edition, "2026.1");
  assert.equal(ret.time, "2026-12-01T00:00:00Z");
  assert.deepEqual(Object.keys(ret.statuses), ["AA1-01"]);
  assert.equal(ret.dropped, 2);
  assert.equal(read(backup("", {}), "三支部.json").unit, "三支部");
});

test("files that are not returns are refused with a reason", () => {
  const cases = [null, 3, "x", [], {}, { format: "hb-fill", version: 2 },
    { format: "hb-fill", version: 1, kind: "plan", id: "dangzhibu", entries: {} },
    backup("a", {}, { id: "nope" }), backup("a", {}, { entries: null }), backup("a", {}, { entries: [] })];
  for (const c of cases) {
    const r = S.readReturn(c, META, "f.json");
    assert.equal(r.ok, false, JSON.stringify(c));
    assert.ok(r.reason.length > 0);
  }
});

test("prototype-named ids, entries and units never break anything", () => {
  for (const name of ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf"]) {
    const refused = S.readReturn(JSON.parse(JSON.stringify(backup("u", {})).replace('"id":"all"', `"id":"${name}"`)), META, "p.json");
    assert.equal(refused.ok, false, name);
    const entries = JSON.parse(`{"${name}": {"status": "已完成"}, "AA1-01": {"status": "未开始"}}`);
    const ret = read(Object.assign(backup(name, {}), { entries }), name + ".json");
    assert.equal(ret.unit, name);
    assert.deepEqual(Object.keys(ret.statuses), ["AA1-01"]);
    const sets = S.addReturns([], [ret, read(backup("other", { "AA1-01": "已完成" }))]);
    assert.equal(sets.returns.length, 2);
    const fig = S.figures(sets.returns, IDS, META);
    assert.equal(fig.units[0].counts["未开始"], 1);
    const back = S.deserialise(S.serialise(sets.returns), META);
    assert.equal(back.returns.length, 2);
    assert.equal(back.returns[0].unit, name);
  }
  const weird = JSON.parse('{"format":"hb-fill","version":1,"kind":"checklist","id":"all","fields":{"单位":{"toString":1}},' +
    '"edition":{"version":{"__proto__":1}},"entries":{"AA1-01":{"status":{"formula":"=1"}},"AA1-02":null,"BB1-01":"已完成"},' +
    '"written":"garbage"}');
  const ret = read(weird, "w.json");
  assert.equal(ret.unit, "w");
  assert.equal(ret.edition, "");
  assert.equal(ret.time, "");
  assert.equal(ret.dropped, 3);
});

test("one row per unit: newer replaces older, older is not taken, exact duplicates are ignored", () => {
  const a1 = read(backup("一支部", { "AA1-01": "未开始" }, { written: "2026-11-01T00:00:00Z" }), "a1.json");
  const a2 = read(backup("一支部", { "AA1-01": "已完成" }, { written: "2026-12-01T00:00:00Z" }), "a2.json");
  const b = read(backup("二支部", { "AA1-01": "已完成" }), "b.json");
  let set = S.addReturns([], [a1, b, b]);
  assert.deepEqual(set.log.map((l) => l.action), ["added", "added", "duplicate"]);
  set = S.addReturns(set.returns, [a2, a1]);
  assert.deepEqual(set.log.map((l) => l.action), ["replaced", "older"]);
  assert.equal(set.returns.length, 2);
  assert.equal(set.returns[0].file, "a2.json");
  assert.match(S.describe(set.log[0]), /替换了 一支部 较早的 a1\.json/);
  const line = S.loadLine(S.addReturns([], [a1, b, b, b]).log, 1);
  assert.equal(line, "载入 5 个文件：2 个单位，2 个重复已忽略，1 个无法载入");
});

test("another checklist or another edition is its own group, never mixed", () => {
  const a = read(backup("一支部", { "AA1-01": "已完成" }));
  const old = read(backup("一支部", { "AA1-01": "已完成" }, { edition: { version: "2025.1" } }));
  const few = read(backup("一支部", { "AA1-01": "已完成" }, { id: "few" }));
  const set = S.addReturns([], [a, old, few]);
  assert.equal(set.returns.length, 3);
  const g = S.groups(set.returns);
  assert.deepEqual(g.map((x) => [x.checklist, x.edition, x.returns.length]), [["all", "2026.1", 1], ["all", "2025.1", 1], ["few", "2026.1", 1]]);
});

test("figures: n/N per part and 五型; 多数 is more than half with 未填 as not started", () => {
  const rets = [
    read(backup("一", { "AA1-01": "已完成", "AA1-02": "未开始" })),
    read(backup("二", { "AA1-01": "已完成", "BB1-01": "推进中" })),
    read(backup("三", { "AA1-01": "未开始", "AA1-02": "已完成" })),
    read(backup("四", { "AA1-02": "已完成", "BB1-02": "已完成" })),
  ];
  const fig = S.figures(rets, IDS, META);
  assert.deepEqual(fig.parts.map((p) => [p.key, p.done, p.total]), [["AA", 4, 8], ["BB", 1, 8]]);
  assert.deepEqual(fig.types.map((p) => [p.key, p.done, p.total]), [["学习型", 2, 8], ["服务型", 2, 8]]);
  assert.deepEqual(fig.units.map((u) => u.counts["未填"]), [2, 2, 2, 2]);
  assert.equal(fig.all.cells, 16);
  // not started (未开始 + 未填): AA1-01 1/4, AA1-02 2/4 (half: not 多数), BB1-01 3/4, BB1-02 3/4
  assert.deepEqual(S.majority(fig).map((i) => i.id), ["BB1-01", "BB1-02"]);
  assert.deepEqual(S.behind(fig, 2).map((u) => u.ret.unit), ["三", "一"]);   // 3 not started each; then by name (pinyin)
  const three = S.figures(rets.slice(0, 3), IDS, META);   // 2 of 3 is more than half
  assert.deepEqual(S.majority(three).map((i) => i.id), ["BB1-02", "AA1-02", "BB1-01"]);
});

test("sorting and filtering", () => {
  const rets = [read(backup("乙", { "AA1-01": "已完成" })), read(backup("甲", { "AA1-01": "已完成", "BB1-01": "已完成" })),
                read(backup("丙", {}))];
  const fig = S.figures(rets, IDS, META);
  assert.deepEqual(S.sortUnits(fig.units, "progress").map((u) => u.ret.unit), ["甲", "乙", "丙"]);
  assert.deepEqual(S.sortUnits(fig.units, "behind").map((u) => u.ret.unit), ["丙", "乙", "甲"]);
  assert.deepEqual(S.sortItems(fig.items, "notstarted").map((i) => i.id), ["AA1-02", "BB1-02", "BB1-01", "AA1-01"]);
  assert.deepEqual(S.filterItems(fig.items, { part: "BB" }).map((i) => i.id), ["BB1-01", "BB1-02"]);
  assert.deepEqual(S.filterItems(fig.items, { type: "服务型" }).map((i) => i.id), ["AA1-02", "BB1-01"]);
  assert.deepEqual(S.filterItems(fig.items, { status: "已完成" }).map((i) => i.id), ["AA1-01", "BB1-01"]);
  assert.deepEqual(S.labels(rets), ["3", "2", "1"]);   // 丙 bing, 甲 jia, 乙 yi
});

// Deterministic pseudo-random values: any JSON shape a hostile or broken file could hold.
function rng(seed) { return () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648; }
function randomValue(r, depth) {
  const pick = Math.floor(r() * 9);
  const names = ["__proto__", "constructor", "toString", "AA1-01", "BB1-02", "status", "单位", "entries", "x"];
  if (depth > 3 || pick < 3) return [null, 0, -1, 1e308, "", "已完成", "=HYPERLINK(\"x\")", true][Math.floor(r() * 8)];
  if (pick < 5) return Array.from({ length: Math.floor(r() * 4) }, () => randomValue(r, depth + 1));
  const o = {};
  for (let i = 0; i < Math.floor(r() * 5); i++) Object.defineProperty(o, names[Math.floor(r() * names.length)],
    { value: randomValue(r, depth + 1), enumerable: true, configurable: true, writable: true });
  return o;
}

test("randomised files: never throws, every return read is usable by every function", () => {
  const r = rng(42);
  let set = [];
  for (let n = 0; n < 400; n++) {
    let data = randomValue(r, 0);
    if (r() < 0.5) {
      data = backup(["一", "二", "__proto__", "constructor"][Math.floor(r() * 4)], {});
      data.entries = randomValue(r, 1);
      if (r() < 0.3) data.fields = randomValue(r, 1);
      if (r() < 0.3) data.written = randomValue(r, 1);
      if (r() < 0.2) data.edition = randomValue(r, 1);
      data = JSON.parse(JSON.stringify(data));
    }
    const got = S.readReturn(data, META, "r" + n + ".json");
    if (!got.ok) { assert.equal(typeof got.reason, "string"); continue; }
    set = S.addReturns(set, [got.ret]).returns;
  }
  assert.ok(set.length > 0);
  for (const g of S.groups(set)) {
    const fig = S.figures(g.returns, IDS, META);
    for (const u of fig.units) {
      const sum = S.STATUSES.concat([S.BLANK]).reduce((a, s) => a + u.counts[s], 0);
      assert.equal(sum, IDS.length);
    }
    S.majority(fig); S.sortUnits(fig.units, "progress"); S.sortItems(fig.items, "done");
  }
  const back = S.deserialise(S.serialise(set), META);
  assert.equal(back.returns.length, set.length);
  assert.equal(S.deserialise("{not json", META).returns.length, 0);
  assert.equal(S.deserialise('{"format":"hb-summary","returns":[null,1,{"checklist":"__proto__"}]}', META).dropped, 3);
});
