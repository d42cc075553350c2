/* hb-summary: the 汇总 page's logic without the DOM (pure; browser <script> and Node).
   Reading a unit's return (a checklist's hb-fill record) defensively, managing the set of returns
   (one per unit and group; newer replaces older; exact duplicates ignored; other checklists/editions in
   their own group), and the figures: per unit, per item, per part and 五型 (n/N), the items most units have
   not started (more than half, 未填 counted as not started), sorting and filtering.
   Any file may be hostile: every map here has no prototype, every lookup is an own-property check, and a
   value of the wrong type is dropped and counted, never trusted. */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory(require("./hb-record.js"));
  else root.hbSummary = factory(root.hbRecord);
})(typeof self !== "undefined" ? self : this, function (hbRecord) {
  "use strict";

  var STATUSES = hbRecord.STATUSES;
  var BLANK = "未填";
  var SHORT = { "已完成": "已", "推进中": "推", "未开始": "未", "未填": "空" };
  var MAX_ENTRIES = 100000;

  /* Unit names in the order a Chinese reader expects (pinyin collation where the runtime has it). */
  var collator = typeof Intl === "object" && Intl.Collator ? new Intl.Collator("zh-CN") : null;   // one, not one per compare
  function byName(a, b) {
    if (a === b) return 0;
    return (collator ? collator.compare(String(a), String(b)) : 0) || (a < b ? -1 : 1);
  }

  var own = hbRecord.own, dict = hbRecord.map, isObject = hbRecord.isMap;    // the store's own-property helpers
  function get(obj, key) { return own(obj, key) ? obj[key] : undefined; }
  function text(v) { return typeof v === "string" ? v : ""; }
  function validTime(v) { return hbRecord.validTime(v) ? v : ""; }

  /* A return read from a parsed backup, checked against the site's meta (summary-meta.js):
     {ok: true, ret} or {ok: false, reason}. meta: {checklists: {id: {title, items: [ids]}}, edition: {version}}. */
  function readReturn(data, meta, fileName) {
    fileName = text(fileName) || "文件";
    var id = get(data, "id"), checklists = get(meta, "checklists");
    // The record is checked by the one schema every page uses (hb-record.js); here only which list it is.
    if (isObject(data) && get(data, "kind") === "checklist" && (typeof id !== "string" || !own(checklists, id))) {
      return { ok: false, reason: "不是本手册的清单" + (typeof id === "string" ? "（清单编号“" + id.slice(0, 40) + "”）" : "") };
    }
    var entries = get(data, "entries");
    if (isObject(entries) && Object.keys(entries).length > MAX_ENTRIES) return { ok: false, reason: "条目数过多（" + Object.keys(entries).length + "）" };
    var list = get(checklists, id), items = Array.isArray(get(list, "items")) ? list.items : [];
    var inList = dict();
    items.forEach(function (x) { if (typeof x === "string") inList[x] = true; });
    var checked = hbRecord.validate(data, { kind: "checklist", id: typeof id === "string" ? id : "",
                                            knows: function (k) { return inList[k] === true; } });
    if (checked.refusal) return { ok: false, reason: checked.refusal.replace(/。$/, "") };
    var statuses = dict(), record = checked.record;
    Object.keys(record.entries).forEach(function (k) {
      var s = record.entries[k].status;
      if (s) statuses[k] = s;
    });
    var unit = text(record.fields["单位"]).replace(/\s+/g, " ").trim(), version = record.edition.version.trim();
    return { ok: true, ret: {
      unit: unit || fileName.replace(/\.(json|xlsx)$/i, ""), unitFromFile: !unit, checklist: id,
      edition: version, time: record.written || record.updated || "", file: fileName, statuses: statuses,
      dropped: checked.problems.filter(function (p) { return own(entries, p.key); }).length   // entries left out
    } };
  }

  /* What two returns are compared by to call them "the same": unit, list, edition and every status. */
  function digest(ret) {
    var ids = Object.keys(ret.statuses).sort();
    return JSON.stringify([ret.unit, ret.checklist, ret.edition, ids.map(function (k) { return [k, ret.statuses[k]]; })]);
  }
  function groupKey(ret) { return ret.checklist + "\u0000" + ret.edition; }
  function unitKey(ret) { return groupKey(ret) + "\u0000" + ret.unit; }

  /* Add returns to a set (array, load order). Returns {returns, log}: log entries
     {file, unit, action: "added"|"replaced"|"older"|"duplicate", other: file it met}. The set is copied. */
  function addReturns(current, incoming) {
    var out = (current || []).slice(), where = dict(), digests = dict(), log = [];
    out.forEach(function (r, i) { where[unitKey(r)] = i; digests[digest(r)] = r; });
    (incoming || []).forEach(function (r) {
      var d = digest(r), k = unitKey(r);
      if (digests[d]) { log.push({ file: r.file, unit: r.unit, action: "duplicate", other: digests[d].file }); return; }
      if (where[k] === undefined) {
        where[k] = out.length; out.push(r); digests[d] = r;
        log.push({ file: r.file, unit: r.unit, action: "added" });
        return;
      }
      var old = out[where[k]];
      if (r.time && old.time && r.time < old.time) {
        log.push({ file: r.file, unit: r.unit, action: "older", other: old.file, time: r.time, otherTime: old.time });
        digests[d] = r;
        return;
      }
      delete digests[digest(old)];        // the replaced one may come back: then it is older, not a duplicate
      out[where[k]] = r; digests[d] = r;
      log.push({ file: r.file, unit: r.unit, action: "replaced", other: old.file, time: r.time, otherTime: old.time });
    });
    return { returns: out, log: log };
  }

  function removeReturn(current, index) { return current.filter(function (_r, i) { return i !== index; }); }

  /* One line for a whole load: “载入 30 个文件：28 个单位，2 个重复已忽略”. refused: count of refused files. */
  function loadLine(log, refused) {
    var n = { added: 0, replaced: 0, older: 0, duplicate: 0 };
    log.forEach(function (l) { n[l.action]++; });
    var files = log.length + refused, parts = [];
    var units = n.added + n.replaced;
    parts.push(units + " 个单位");
    if (n.replaced) parts.push(n.replaced + " 份较新的替换了同一单位的旧表");
    if (n.older) parts.push(n.older + " 份比已载入的旧，未采用");
    if (n.duplicate) parts.push(n.duplicate + " 个重复已忽略");
    if (refused) parts.push(refused + " 个无法载入");
    return "载入 " + files + " 个文件：" + parts.join("，");
  }

  function describe(l) {
    if (l.action === "added") return l.file + "：已载入（" + l.unit + "）";
    if (l.action === "duplicate") return l.file + "：与 " + l.other + " 内容相同，已忽略";
    if (l.action === "older") return l.file + "：" + l.unit + " 的这份（" + (l.time || "无时间") + "）比已载入的 " + l.other +
      "（" + l.otherTime + "）旧，未采用";
    return l.file + "：替换了 " + l.unit + " 较早的 " + l.other + "（" + (l.otherTime || "无时间") + " → " + (l.time || "无时间") + "）";
  }

  /* Groups of returns: [{key, checklist, edition, returns: [...]}] in first-seen order. */
  function groups(returns) {
    var by = dict(), out = [];
    returns.forEach(function (r) {
      var k = groupKey(r);
      if (!by[k]) { by[k] = { key: k, checklist: r.checklist, edition: r.edition, returns: [] }; out.push(by[k]); }
      by[k].returns.push(r);
    });
    return out;
  }

  function statusOf(ret, id) { var s = ret.statuses[id]; return s === undefined ? BLANK : s; }

  function blankCounts() { var c = dict(); STATUSES.concat([BLANK]).forEach(function (s) { c[s] = 0; }); return c; }

  /* Figures of one group. meta.items: {id: {title, part, types: []}}; meta.parts [{code, name}]; meta.types [name];
     ids: the group's items in catalogue order. */
  function figures(returns, ids, meta) {
    var metaItems = get(meta, "items") || {};
    var units = returns.map(function (r) {
      var c = blankCounts();
      ids.forEach(function (id) { c[statusOf(r, id)]++; });
      return { ret: r, counts: c, total: ids.length, share: ids.length ? c["已完成"] / ids.length : 0 };
    });
    var items = ids.map(function (id) {
      var c = blankCounts();
      returns.forEach(function (r) { c[statusOf(r, id)]++; });
      var m = get(metaItems, id) || {};
      return { id: id, title: text(m.title), part: text(m.part), types: Array.isArray(m.types) ? m.types : [],
               counts: c, notStarted: c["未开始"] + c[BLANK] };
    });
    function by(keyOf, labels) {
      return labels.map(function (l) {
        var done = 0, total = 0;
        items.forEach(function (it) {
          if (keyOf(it).indexOf(l.key) < 0) return;
          total += returns.length; done += it.counts["已完成"];
        });
        return { key: l.key, label: l.label, done: done, total: total };
      }).filter(function (g) { return g.total; });
    }
    var parts = by(function (it) { return [it.part]; }, (get(meta, "parts") || []).map(function (p) { return { key: p.code, label: p.name }; }));
    var types = by(function (it) { return it.types; }, (get(meta, "types") || []).map(function (t) { return { key: t, label: t }; }));
    var all = { done: 0, doing: 0, todo: 0, blank: 0, cells: ids.length * returns.length };
    items.forEach(function (it) {
      all.done += it.counts["已完成"]; all.doing += it.counts["推进中"]; all.todo += it.counts["未开始"]; all.blank += it.counts[BLANK];
    });
    return { units: units, items: items, parts: parts, types: types, all: all, unitCount: returns.length };
  }

  /* Items more than half of the units have not started (未开始 or 未填), most first, then catalogue order. */
  function majority(fig) {
    var n = fig.unitCount;
    return fig.items.map(function (it, i) { return { it: it, i: i }; })
      .filter(function (x) { return n > 0 && x.it.notStarted * 2 > n; })
      .sort(function (a, b) { return b.it.notStarted - a.it.notStarted || a.i - b.i; })
      .map(function (x) { return x.it; });
  }

  /* Units furthest behind: lowest 已完成 share, then most 未开始+未填. */
  function behind(fig, limit) {
    return fig.units.slice().sort(function (a, b) {
      return a.share - b.share || (b.counts["未开始"] + b.counts[BLANK]) - (a.counts["未开始"] + a.counts[BLANK]) ||
        byName(a.ret.unit, b.ret.unit);
    }).slice(0, limit || 10);
  }

  /* Units in the order asked: "name", "progress" (most done first), "behind" (least done first), "load". */
  function sortUnits(units, how) {
    var list = units.map(function (u, i) { return { u: u, i: i }; });
    function name(a, b) { return byName(a.u.ret.unit, b.u.ret.unit) || a.i - b.i; }
    var cmp = {
      name: name,
      progress: function (a, b) { return b.u.share - a.u.share || name(a, b); },
      behind: function (a, b) { return a.u.share - b.u.share || name(a, b); },
      load: function (a, b) { return a.i - b.i; }
    }[how] || function (a, b) { return a.i - b.i; };
    return list.sort(cmp).map(function (x) { return x.u; });
  }

  /* Items in the order asked: "catalogue", "notstarted" (most units not started first), "done" (most done first). */
  function sortItems(items, how) {
    var list = items.map(function (it, i) { return { it: it, i: i }; });
    var cmp = {
      notstarted: function (a, b) { return b.it.notStarted - a.it.notStarted || a.i - b.i; },
      done: function (a, b) { return b.it.counts["已完成"] - a.it.counts["已完成"] || a.i - b.i; }
    }[how] || function (a, b) { return a.i - b.i; };
    return list.sort(cmp).map(function (x) { return x.it; });
  }

  /* Items kept by the filters: part code, 五型 name, status (an item is kept when at least one unit has it). */
  function filterItems(items, f) {
    f = f || {};
    return items.filter(function (it) {
      if (f.part && it.part !== f.part) return false;
      if (f.type && it.types.indexOf(f.type) < 0) return false;
      if (f.status && !(it.counts[f.status] > 0)) return false;
      return true;
    });
  }

  /* Short labels for units: 1…n by name order, stable whatever the grid is sorted by. */
  function labels(returns) {
    var order = returns.map(function (r, i) { return { r: r, i: i }; })
      .sort(function (a, b) { return byName(a.r.unit, b.r.unit) || a.i - b.i; });
    var out = new Array(returns.length), width = String(returns.length).length;
    order.forEach(function (x, n) { var s = String(n + 1); while (s.length < width) s = "0" + s; out[x.i] = s; });
    return out;
  }

  function percent(done, total) { return total ? Math.round(done * 1000 / total) / 10 + "%" : "—"; }

  /* What the browser persists (localStorage): the returns as they are, checked again when read back. */
  function serialise(returns) {
    return JSON.stringify({ format: "hb-summary", version: 1, returns: returns.map(function (r) {
      var s = dict();      // a plain {} would turn an item called "__proto__" into a prototype
      Object.keys(r.statuses).forEach(function (k) { s[k] = r.statuses[k]; });
      return { unit: r.unit, unitFromFile: !!r.unitFromFile, checklist: r.checklist, edition: r.edition, time: r.time,
               file: r.file, statuses: s, dropped: r.dropped || 0 };
    }) });
  }
  /* Stored returns back; anything that no longer fits the site (unknown list, bad values) is dropped and counted. */
  function deserialise(raw, meta) {
    var data;
    try { data = JSON.parse(raw); } catch (e) { return { returns: [], dropped: raw ? 1 : 0 }; }
    var list = get(data, "returns"), out = [], dropped = 0;
    if (get(data, "format") !== "hb-summary" || !Array.isArray(list)) return { returns: [], dropped: raw ? 1 : 0 };
    list.forEach(function (r) {
      var entries = dict(), statuses = get(r, "statuses");
      if (isObject(statuses)) Object.keys(statuses).forEach(function (k) { entries[k] = { status: statuses[k] }; });
      var rebuilt = readReturn({ format: "hb-fill", version: 1, kind: "checklist", id: get(r, "checklist"),
        edition: { version: text(get(r, "edition")) }, fields: get(r, "unitFromFile") ? {} : { "单位": text(get(r, "unit")) },
        entries: entries, written: text(get(r, "time")) }, meta, text(get(r, "file")));
      if (!rebuilt.ok) { dropped++; return; }
      rebuilt.ret.dropped = typeof get(r, "dropped") === "number" ? r.dropped : 0;
      if (get(r, "unitFromFile")) { rebuilt.ret.unit = text(get(r, "unit")) || rebuilt.ret.unit; rebuilt.ret.unitFromFile = true; }
      out.push(rebuilt.ret);
    });
    return { returns: out, dropped: dropped };
  }

  return { STATUSES: STATUSES, BLANK: BLANK, SHORT: SHORT, own: own, dict: dict, readReturn: readReturn,
           addReturns: addReturns, removeReturn: removeReturn, loadLine: loadLine, describe: describe, groups: groups,
           figures: figures, majority: majority, behind: behind, sortUnits: sortUnits, sortItems: sortItems,
           filterItems: filterItems, labels: labels, percent: percent, statusOf: statusOf, digest: digest,
           serialise: serialise, deserialise: deserialise };
});
