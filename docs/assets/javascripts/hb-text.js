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

  return { plain: plain, neutralise: neutralise, csvCell: csvCell, csvLine: csvLine, FORMULA_START: FORMULA_START };
});
