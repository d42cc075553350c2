"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const text = require("../../docs/assets/javascripts/hb-text.js");

test("plain keeps strings and numbers, drops objects that would become formulas or links", () => {
  assert.equal(text.plain("已完成"), "已完成");
  assert.equal(text.plain(3), "3");
  assert.equal(text.plain(null), "");
  assert.equal(text.plain(undefined), "");
  assert.equal(text.plain({ formula: "WEBSERVICE(\"http://x\")" }), "");
  assert.equal(text.plain({ text: "点我", hyperlink: "file:///c:/calc.exe" }), "");
  assert.equal(text.plain(["=1"]), "");
  assert.equal(text.plain(NaN), "");
});

test("neutralise prefixes every formula start OWASP names, and only those", () => {
  for (const start of ["=", "+", "-", "@", "\t", "\r", "＝"]) {
    assert.equal(text.neutralise(start + "SUM(A1)"), "'" + start + "SUM(A1)", JSON.stringify(start));
  }
  assert.equal(text.neutralise("单位=某机关"), "单位=某机关");
  assert.equal(text.neutralise(" =1"), " =1");
  assert.equal(text.neutralise(""), "");
});

test("csvCell quotes commas, quotes and line breaks after neutralising", () => {
  assert.equal(text.csvCell('=HYPERLINK("http://x","y")'), '"\'=HYPERLINK(""http://x"",""y"")"');
  assert.equal(text.csvCell("第一行\n第二行"), '"第一行\n第二行"');
  assert.equal(text.csvCell("a,b"), '"a,b"');
  assert.equal(text.csvCell("普通"), "普通");
  assert.equal(text.csvLine(["1", "-2", "@x"]), "1,'-2,'@x");
});

test("score: a number from 0 to the row's points, anything else null", () => {
  assert.equal(text.score("2", 2), 2);
  assert.equal(text.score("1.5", 2), 1.5);
  assert.equal(text.score("０", 2), 0);
  assert.equal(text.score(" ２ ", 3), 2);
  for (const bad of ["30", "abc", "-1", "", "1e1", "2.", "+1", null, {formula: "1"}, "Infinity"]) {
    assert.equal(text.score(bad, 2), null, JSON.stringify(bad));
  }
  assert.equal(text.score("30", undefined), 30);           // no bound known: only the number check
});

test("linesNeeded counts wrapped lines per paragraph, CJK full, Latin half", () => {
  assert.equal(text.linesNeeded("", 10), 1);
  assert.equal(text.linesNeeded("一二三四五六七八九十", 10), 1);
  assert.equal(text.linesNeeded("一二三四五六七八九十一", 10), 2);
  assert.equal(text.linesNeeded("abcdefghijklmnopqrst", 10), 1);
  assert.equal(text.linesNeeded("第一行\n第二行\n\n第四行", 10), 4);
  assert.equal(text.linesNeeded("字".repeat(376), 14), 27);
});
