/* hb-text: user text made safe for the files it is written into (pure; browser <script> and Node).
   User text is always written as plain text: never a formula, a hyperlink or rich text in any file.
   CSV follows OWASP's advice on CSV injection: a cell starting with = + - @, a tab or a carriage return
   is prefixed with an apostrophe, so a spreadsheet shows it as text instead of evaluating it. */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.hbText = factory();
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var FORMULA_START = /^[=+\-@\t\r＝＋－＠]/;

  /* Any value → the text a user would see; objects (a crafted {formula:…} or {hyperlink:…}) become "". */
  function plain(value) {
    if (value === null || value === undefined) return "";
    if (typeof value === "string") return value;
    if (typeof value === "number") return isFinite(value) ? String(value) : "";
    if (typeof value === "boolean") return value ? "是" : "否";
    return "";
  }

  /* Text for a spreadsheet cell that a spreadsheet must not read as a formula. */
  function neutralise(value) {
    var text = plain(value);
    return FORMULA_START.test(text) ? "'" + text : text;
  }

  /* One CSV field: neutralised, quoted when it holds a comma, quote or line break. */
  function csvCell(value) {
    var text = neutralise(value);
    return /[",\n\r]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  /* One CSV line (CRLF is added by the caller, as RFC 4180 and Excel expect). */
  function csvLine(values) { return values.map(csvCell).join(","); }

  /* A 得分 as typed → the number it is when it lies between 0 and `max` (the row's 分值), else null.
     Full-width digits and spaces are width-normalised first ("２" is 2); "", "abc", "-1", "3" on a
     2-point row, "1e1" are all null: never counted, never written to a file as a score. */
  function score(value, max) {
    var text = plain(value).normalize("NFKC").replace(/\s+/g, "");
    if (!/^\d+(\.\d+)?$/.test(text)) return null;
    var n = parseFloat(text), limit = parseFloat(max);
    if (!isFinite(n) || n < 0 || (isFinite(limit) && n > limit)) return null;
    return n;
  }

  /* Lines a note takes in a wrapped cell `chars` full-width characters wide (half-width count ½). */
  function linesNeeded(value, chars) {
    var per = Math.max(1, Math.floor(chars)), count = 0;
    plain(value).split("\n").forEach(function (line) {
      var units = 0;
      for (var i = 0; i < line.length; i++) units += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u2460-\u24ff\u2500-\u27bf\u3000-\u303f]/.test(line[i]) || line.charCodeAt(i) >= 0xd800 && line.charCodeAt(i) < 0xdc00 ? 1 : 0.5;
      count += Math.max(1, Math.ceil(units / per));
    });
    return count;
  }

  return { plain: plain, neutralise: neutralise, csvCell: csvCell, csvLine: csvLine, score: score,
           linesNeeded: linesNeeded, FORMULA_START: FORMULA_START };
});
