"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const C = require("../../docs/assets/javascripts/hb-changes.js");

const revs = { A: "a2", B: "b1", N: "n1" };                 // A reworded, N new, W withdrawn
const seen = { A: "a1", B: "b1", W: "w1" };
const changes = { from: "2026.1", to: "2026.2", anchor: "v2026-2", page: "changes.html", items: {
  A: { kind: "modified", title: "新标题", fields: [["标题", "旧标题", "新标题"]] },
  N: { kind: "added", title: "新条目" },
  W: { kind: "withdrawn", title: "撤销的", reason: "并入 A", to: ["A"] } } };

test("compare lists added, removed and changed rows; nothing before the first look", () => {
  assert.deepEqual(C.compare(seen, revs), { added: ["N"], removed: ["W"], changed: ["A"] });
  assert.deepEqual(C.compare({}, revs), { added: [], removed: [], changed: [] });
  assert.equal(C.any(C.compare(revs, revs)), false);
});

test("the heading names the edition change when one is recorded", () => {
  const diff = C.compare(seen, revs);
  assert.equal(C.heading(diff, changes), "本清单已更新（2026.1 版 → 2026.2 版）：新增 1 条、撤销 1 条、修改 1 条");
  assert.equal(C.heading(diff, null), "本清单已更新：新增 1 条、撤销 1 条、修改 1 条");
  assert.equal(C.heading(diff, changes, true), "本版修订（2026.1 版 → 2026.2 版）：新增 1 条、撤销 1 条、修改 1 条");
});

test("lines carry old → new wording, reason and the review flag", () => {
  const out = C.lines(C.compare(seen, revs), changes, (id) => ({ W: "撤销的" })[id] || "", ["A"]);
  assert.deepEqual(out.map((l) => [l.id, l.label]), [["N", "新增"], ["W", "撤销"], ["A", "修改"]]);
  assert.deepEqual(out[2].fields, [["标题", "旧标题", "新标题"]]);
  assert.equal(out[2].review, true);
  assert.equal(out[1].reason, "并入 A");
  assert.deepEqual(out[1].to, ["A"]);
  assert.equal(out[0].title, "新条目");                       // from the changes when titleOf has none
});

test("filled entries of reworded rows need review until confirmed; 知道了 keeps them flagged", () => {
  const record = { seen: { ...seen }, entries: { A: { status: "已完成", t: "x" }, B: { status: "未开始" } } };
  assert.deepEqual(C.needsReview(record, revs), ["A"]);
  assert.deepEqual(C.marks(record, revs), { N: "added", A: "review" });
  record.seen = C.acknowledge(record, revs);
  assert.equal(record.seen.A, "review:a1");
  assert.equal(record.seen.N, "n1");
  assert.equal("W" in record.seen, false);
  assert.equal(C.any(C.compare(record.seen, revs)), false);     // the notice does not come back …
  assert.deepEqual(C.marks(record, revs), { A: "review" });    // … the row stays flagged
  record.seen = C.confirm(record.seen, "A", revs);
  assert.deepEqual(C.needsReview(record, revs), []);
  assert.deepEqual(C.marks(record, revs), {});
});

test("an empty entry is not flagged", () => {
  const record = { seen: { A: "a1" }, entries: { A: { status: "", note: "", t: "x" } } };
  assert.deepEqual(C.needsReview(record, { A: "a2" }), []);
});

test("importing a backup from an earlier edition flags its entries of reworded rows", () => {
  const record = { seen: {}, entries: {} };
  const incoming = { edition: { version: "2026.1" }, seen: { A: "a1", B: "b1" },
                     entries: { A: { note: "旧版填写" }, B: { note: "未变" } } };
  const out = C.seenAfterImport(record, incoming, revs, changes, "2026.2");
  assert.deepEqual(out, { A: "review:a1", B: "b1", N: "n1" });
  assert.deepEqual(C.needsReview({ seen: out, entries: incoming.entries }, revs), ["A"]);
});

test("an Excel file (no seen) from an earlier edition is flagged by the edition's changes", () => {
  const incoming = { edition: { version: "2026.1" }, entries: { A: { status: "已完成" }, B: { status: "已完成" } } };
  const out = C.seenAfterImport({ seen: { A: "a2", B: "b1" } }, incoming, revs, changes, "2026.2");
  assert.equal(C.pending(out.A), true);
  assert.equal(out.B, "b1");
  const same = C.seenAfterImport({ seen: { A: "a2" } }, { ...incoming, edition: { version: "2026.2" } }, revs, changes, "2026.2");
  assert.equal(same.A, "a2");                                  // same edition: nothing to review
});

test("editionDiff reopens the edition's changes on the list", () => {
  assert.deepEqual(C.editionDiff(changes), { added: ["N"], removed: ["W"], changed: ["A"] });
  assert.deepEqual(C.editionDiff({ items: { X: { kind: "joined" }, Y: { kind: "left" } } }),
                   { added: ["X"], removed: ["Y"], changed: [] });
  assert.deepEqual(C.editionDiff(null), { added: [], removed: [], changed: [] });
  const out = C.lines(C.editionDiff({ items: { X: { kind: "joined", title: "x" }, Y: { kind: "left", title: "y" } } }),
                      { items: { X: { kind: "joined", title: "x" }, Y: { kind: "left", title: "y" } } });
  assert.deepEqual(out.map((l) => l.label), ["移入本清单", "移出本清单"]);
});

test("editionIn reads the version from a file's edition line", () => {
  assert.equal(C.editionIn("五型模范机关建设手册 · 2026.1 版 · 生成于 2026-12-01 · 清单编号 quanbu"), "2026.1");
  assert.equal(C.editionIn("示例手册 · 2027.12 版"), "2027.12");
  assert.equal(C.editionIn("共 2026.1 条"), "");
  assert.equal(C.editionIn(null), "");
});
