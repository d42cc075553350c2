/* hb-plan-model: the 工作计划 record without the DOM (pure; browser <script> and Node). Defines window.HBPlan
   in the browser (plan.html and the 汇总 page load it with <script src> before plan.js / summary.js):
   conversion of the older plan shape, the plan records in any parsed file, whether an entry holds anything,
   a task's state (its latest month's state) and the counts the 汇总 page shows. */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory();
  else if (!root.HBPlan) root.HBPlan = factory();     // loaded by the page and site-wide: define once
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";
  var KIND = "plan";
  var FIELD_KEYS = ["lead", "owner", "partner", "due", "goal"];
  var TASK = "task:";                         // entry key of an own task: task:<task id>
  var UNIT = "单位", YEAR = "年度", ROADMAP = "路线图:";   // record fields; roadmap cells 路线图:<year 0…4>:<part code>
  var EPOCH = "1970-01-01T00:00:00.000Z";     // older than anything written since: a converted entry never wins a tie
  var hasOwn = Object.prototype.hasOwnProperty;
  function isObject(v) { return v !== null && typeof v === "object"; }
  function own(o, k) { return isObject(o) && hasOwn.call(o, k); }
  /* obj[k] = v that stays an own property whatever k is (a key "__proto__" must not become a prototype) */
  function put(obj, k, v) { Object.defineProperty(obj, k, { value: v, enumerable: true, writable: true, configurable: true }); }

  /* ---- the plan record: hb-store's hb-fill v1 record (kind "plan", id = level id) ----
     entries: {<requirement ID>: {lead, owner, partner, due, goal, months: [1…12], progress: {"<month>": {status, note}}, t},
               "task:<task id>": {item: <requirement ID>, title, …the same…, t}}
     fields:  {单位, 年度, "路线图:<y>:<part>": text}.  Pure functions, on every page (the 汇总 page uses them). */

  function iso(t, fallback) {
    if (typeof t === "number" && isFinite(t) && t > 0) return new Date(t).toISOString();
    return typeof t === "string" && t ? t : fallback;
  }

  /* The shape plan.js wrote before it shared hb-store's record: {unit, year, rows, tasks, track, roadmap, updated(ms)}. */
  function fromLegacy(value, version) {
    var updated = iso(value.updated, EPOCH);
    var record = { format: "hb-fill", version: 1, kind: KIND, id: String(value.id || ""), title: value.title || value.id || "",
                   edition: { version: typeof value.edition === "string" ? value.edition : (version || "") },
                   fields: {}, entries: {}, seen: {}, updated: updated, written: "" };
    if (value.unit) put(record.fields, UNIT, String(value.unit));
    if (value.year) put(record.fields, YEAR, String(value.year));
    Object.keys(value.roadmap || {}).forEach(function (y) {
      Object.keys(value.roadmap[y] || {}).forEach(function (code) {
        if (value.roadmap[y][code]) put(record.fields, ROADMAP + y + ":" + code, String(value.roadmap[y][code]));
      });
    });
    function convert(old, track) {
      var e = {}, newest = typeof old.t === "number" ? old.t : 0;
      FIELD_KEYS.forEach(function (k) { if (old[k]) e[k] = String(old[k]); });
      if (Array.isArray(old.months) && old.months.length) e.months = old.months.slice();
      Object.keys(track || {}).forEach(function (m) {
        var p = track[m] || {};
        if (!p.status && !p.note) return;
        e.progress = e.progress || {};
        put(e.progress, m, { status: String(p.status || ""), note: String(p.note || "") });
        if (typeof p.t === "number" && p.t > newest) newest = p.t;
      });
      e.t = iso(newest || old.t, updated);
      return e;
    }
    var track = value.track || {};
    Object.keys(value.rows || {}).forEach(function (id) { put(record.entries, id, convert(value.rows[id] || {}, own(track, id) ? track[id] : null)); });
    Object.keys(value.tasks || {}).forEach(function (id) {
      var old = value.tasks[id] || {};
      if (old.deleted) return;
      var e = convert(old, own(track, id) ? track[id] : null);
      e.item = String(old.item || old.under || "");
      e.title = String(old.title || old.text || "");
      put(record.entries, TASK + id, e);
    });
    Object.keys(track).forEach(function (id) {    // progress recorded on a row that had no other entry
      if (!own(record.entries, id) && !own(value.tasks, id)) put(record.entries, id, convert({}, track[id]));
    });
    return record;
  }

  /* Plan records in a parsed file or stored value, any shape: [] when there are none. */
  function legacy(data) {       // the older plan.js wrote format "hb-fill" too, but rows/tasks/track, no entries
    return !data.entries && !!(data.rows || data.tasks || data.track || data.roadmap);
  }
  function records(data) {
    if (!data || typeof data !== "object") return [];
    if (data.kind === KIND && legacy(data)) return [fromLegacy(data)];          // an old stored record
    if (data.format === "hb-fill") return data.kind === KIND ? [data] : [];
    if (Array.isArray(data.records)) {               // old backup file {handbook, version, exported, records}
      return data.records.filter(function (r) { return r && r.kind === KIND && r.value && typeof r.value === "object"; })
        .map(function (r) { var v = r.value; v.id = v.id || r.id; return fromLegacy(v, data.version); });
    }
    return [];
  }

  function hasContent(e) {
    if (!e || typeof e !== "object") return false;
    return FIELD_KEYS.some(function (k) { return e[k]; }) || (e.months || []).length > 0 || !!e.title ||
      Object.keys(e.progress || {}).some(function (m) { return e.progress[m] && (e.progress[m].status || e.progress[m].note); });
  }

  function everStatus(e, status) {
    var p = (e && e.progress) || {};
    return Object.keys(p).some(function (m) { return p[m] && p[m].status === status; });
  }

  /* The months with a progress status, latest last; a task's state is its latest month's state
     (done in March but 滞后 in May is 滞后). */
  function latestMonth(e) {
    var p = isObject(e) && isObject(e.progress) ? e.progress : {}, best = 0;
    Object.keys(p).forEach(function (m) {
      var n = +m;
      if (n >= 1 && n <= 12 && n === Math.floor(n) && isObject(p[m]) && p[m].status && n > best) best = n;
    });
    return best;
  }
  function state(e) { var m = latestMonth(e); return m ? String(e.progress[String(m)].status) : ""; }

  /* For the 汇总 page: counts of one saved plan record (either shape): done / late by each task's latest state. */
  function summarize(r) {
    r = r && r.format === "hb-fill" && !legacy(r) ? r : records(r)[0] || {};
    var n = 0, done = 0, late = 0, entries = r.entries || {};
    Object.keys(entries).forEach(function (k) {
      var e = entries[k];
      if (!hasContent(e) && k.indexOf(TASK) !== 0) return;
      n++;
      var st = state(e);
      if (st === "done") done++;
      if (st === "late") late++;
    });
    var fields = r.fields || {};
    return { id: r.id, unit: fields[UNIT] || "", year: fields[YEAR] || "", tasks: n, done: done, late: late,
             updated: r.updated || "" };
  }
  return { kind: KIND, FIELD_KEYS: FIELD_KEYS, TASK: TASK, UNIT: UNIT, YEAR: YEAR, ROADMAP: ROADMAP,
           summarize: summarize, records: records, fromLegacy: fromLegacy, hasContent: hasContent, legacy: legacy,
           everStatus: everStatus, latestMonth: latestMonth, state: state };
});
