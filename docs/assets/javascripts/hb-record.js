/* hb-record: the user's saved work as data (pure; browser <script> and Node, no DOM, no storage).
   One record format, hb-fill version 1, for every kind the handbook keeps:
     {format:"hb-fill", version:1, kind, id, title, edition:{version,date}, fields:{<name>: text},
      entries:{<key>: {…, t}}, seen:{<item ID>: rev}, updated, written}
   kind "checklist": entries {<item ID>: {status, note, score, t}}; fields 单位/填表人/日期.
   kind "plan": entries {<requirement ID>: {lead, owner, partner, due, goal, months:[1…12],
                progress:{"<month>": {status: done|doing|late, note}}, t}, "task:<id>": {item, title, …, t}};
                fields 单位, 年度, 路线图:<y>:<part>.
   Here: the schema (validate), the merge of an imported record (never erases: a field the import does not
   carry is left alone, an older entry changes nothing), and the edits a page makes (applied to what is
   stored now, field by field, so two tabs never write over each other). Every map this module returns has
   no prototype, so an entry called "constructor" or "__proto__" is just a refused key, never a property. */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.hbRecord = factory();
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var FORMAT = "hb-fill", VERSION = 1;
  var STATUSES = ["已完成", "推进中", "未开始"];
  var OLD_STATUS = Object.assign(Object.create(null), { done: "已完成", doing: "推进中", todo: "未开始" });  // before hb-fill
  var PLAN_TEXT = ["lead", "owner", "partner", "due", "goal", "title", "item"];
  var PLAN_PROGRESS = ["done", "doing", "late"];
  var TASK = "task:";
  var MAX_TEXT = 20000;                 // one note or field: far beyond any real 佐证材料 text
  var MAX_KEY = 80;
  var MAX_PROBLEMS_SHOWN = 12;
  // Names an ordinary object already answers to: refused as keys so that no code path, ours or a
  // library's, can mistake user data for a method or a prototype.
  var FORBIDDEN = ["__proto__", "constructor", "prototype", "hasOwnProperty", "isPrototypeOf",
    "propertyIsEnumerable", "toString", "toLocaleString", "valueOf", "__defineGetter__", "__defineSetter__",
    "__lookupGetter__", "__lookupSetter__"];
  var TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

  function map() { return Object.create(null); }
  function own(obj, key) { return obj !== null && typeof obj === "object" && Object.prototype.hasOwnProperty.call(obj, key); }
  function isMap(v) { return v !== null && typeof v === "object" && !Array.isArray(v); }
  function keys(obj) { return isMap(obj) ? Object.keys(obj) : []; }

  function now() { return new Date().toISOString(); }

  function validTime(t) {
    if (typeof t !== "string" || !TIME.test(t)) return false;
    var ms = Date.parse(t), year = +t.slice(0, 4);
    return isFinite(ms) && year >= 1970;                      // 1970: migrated entries are stamped the epoch
  }

  function safeKey(k) {
    return typeof k === "string" && k.length > 0 && k.length <= MAX_KEY && FORBIDDEN.indexOf(k) < 0 &&
      !/[\x00-\x1f]/.test(k);
  }

  function blankRecord(kind, id, title, edition) {
    var ed = edition || {};
    return { format: FORMAT, version: VERSION, kind: kind, id: id, title: title || id,
             edition: { version: String(ed.version || ""), date: String(ed.date || "") },
             fields: map(), entries: map(), seen: map(), updated: "", written: "" };
  }

  /* ---- entry schemas, one per kind: (key, value) → {entry} or {problem} ---- */
  function text(value, what, key) {
    if (value === undefined) return { skip: true };
    if (typeof value !== "string") return { problem: what + "不是文字" };
    if (value.length > MAX_TEXT) return { problem: what + "超过 " + MAX_TEXT + " 字" };
    return { value: value };
  }

  function checklistEntry(key, value) {
    if (!isMap(value)) return { problem: "内容无法识别" };
    var out = map(), r;
    if (value.status !== undefined && value.status !== "") {
      var status = OLD_STATUS[value.status] || value.status;
      if (STATUSES.indexOf(status) < 0) return { problem: "完成情况“" + String(value.status).slice(0, 20) + "”无法识别" };
      out.status = status;
    } else if (value.status === "") out.status = "";
    r = text(value.note, "备注"); if (r.problem) return r; if (!r.skip) out.note = r.value;
    if (typeof value.score === "number") {
      if (!isFinite(value.score)) return { problem: "得分无法识别" };
      out.score = String(value.score);
    } else {
      // A score is kept as typed (the page marks one outside 0…分值 and never counts it: hbText.score).
      r = text(value.score, "得分"); if (r.problem) return r;
      if (!r.skip) out.score = r.value.trim();
    }
    return finishEntry(value, out);
  }

  function planEntry(key, value) {
    if (!isMap(value)) return { problem: "内容无法识别" };
    var out = map(), r, i;
    for (i = 0; i < PLAN_TEXT.length; i++) {
      r = text(value[PLAN_TEXT[i]], PLAN_TEXT[i]); if (r.problem) return r; if (!r.skip) out[PLAN_TEXT[i]] = r.value;
    }
    if (key.indexOf(TASK) === 0 && !out.item) return { problem: "自定任务没有对应的要求编号" };
    if (value.months !== undefined) {
      if (!Array.isArray(value.months) || !value.months.every(function (m) { return m === Math.floor(m) && m >= 1 && m <= 12; }))
        return { problem: "月份应为 1–12" };
      out.months = value.months.filter(function (m, n, all) { return all.indexOf(m) === n; }).sort(function (a, b) { return a - b; });
    }
    if (value.progress !== undefined) {
      if (!isMap(value.progress)) return { problem: "进展无法识别" };
      var progress = map(), bad = "";
      keys(value.progress).forEach(function (m) {
        var p = value.progress[m];
        if (bad) return;
        if (!/^(?:[1-9]|1[0-2])$/.test(m) || !isMap(p)) { bad = "进展的月份应为 1–12"; return; }
        var status = p.status === undefined ? "" : p.status;
        if (status !== "" && PLAN_PROGRESS.indexOf(status) < 0) { bad = "进展“" + String(status).slice(0, 20) + "”无法识别"; return; }
        if (p.note !== undefined && typeof p.note !== "string") { bad = "进展说明不是文字"; return; }
        var one = map();
        if (p.status !== undefined) one.status = status;
        if (p.note !== undefined) one.note = p.note;
        progress[m] = one;
      });
      if (bad) return { problem: bad };
      out.progress = progress;
    }
    return finishEntry(value, out);
  }

  function finishEntry(value, out) {
    if (value.t !== undefined && value.t !== "") {
      if (!validTime(value.t)) return { problem: "更新时间“" + String(value.t).slice(0, 30) + "”无法识别" };
      out.t = value.t;
    }
    return { entry: out };
  }

  var ENTRY = { checklist: checklistEntry, plan: planEntry };

  /* ---- content and comparison ---- */
  function hasContent(entry) {
    if (!isMap(entry)) return false;
    return keys(entry).some(function (k) {
      if (k === "t" || k === "item") return false;
      var v = entry[k];
      if (Array.isArray(v)) return v.length > 0;
      if (isMap(v)) return keys(v).some(function (m) { return hasContent(v[m]); });
      return v !== "" && v !== undefined && v !== null;
    });
  }

  /* Values compared by content, `t` aside; "", missing, [] and {} are all "empty". */
  function canonical(value) {
    if (value === null || value === undefined || value === "") return "";
    if (Array.isArray(value)) return value.length ? "[" + value.map(canonical).join(",") + "]" : "";
    if (typeof value === "object") {
      var ks = keys(value).filter(function (k) { return k !== "t" && canonical(value[k]) !== ""; }).sort();
      return ks.length ? "{" + ks.map(function (k) { return JSON.stringify(k) + ":" + canonical(value[k]); }).join(",") + "}" : "";
    }
    return JSON.stringify(String(value));
  }
  function same(a, b) { return canonical(a) === canonical(b); }

  /* ---- the whole record ----
     validate(data, {kind, id, knows(key) → bool (optional)}) → {refusal, record, problems:[{key, message}]}
     refusal: the file as a whole is not this page's record (nothing may be taken from it);
     problems: entries or fields left out, each named. */
  function identify(data, kind, id) {
    if (!isMap(data) || data.format !== FORMAT) return "不是本手册的填写记录文件。";
    if (data.version !== VERSION) return "填写记录格式版本 " + String(data.version).slice(0, 20) + " 无法识别（本手册支持版本 1）。";
    if (data.kind !== kind) return "这是“" + String(data.kind).slice(0, 40) + "”的记录，不是本页的记录。";
    if (data.id !== id) return "这是另一份" + (kind === "plan" ? "工作计划" : "清单") + "（" +
      String(data.title || data.id).slice(0, 60) + "）的填写记录，不是本页的。";
    if (!isMap(data.entries)) return "填写记录缺少条目（entries）。";
    return "";
  }

  function validate(data, options) {
    var kind = options.kind, id = options.id, knows = options.knows;
    var refusal = identify(data, kind, id);
    if (refusal) return { refusal: refusal, record: null, problems: [] };
    var problems = [], record = blankRecord(kind, id, typeof data.title === "string" ? data.title : id,
      isMap(data.edition) ? { version: typeof data.edition.version === "string" ? data.edition.version : "",
                             date: typeof data.edition.date === "string" ? data.edition.date : "" } : {});
    function problem(key, message) { problems.push({ key: key, message: message }); }
    keys(data.fields).forEach(function (name) {
      var v = data.fields[name];
      if (!safeKey(name)) problem(String(name).slice(0, 40), "栏目名无法识别");
      else if (typeof v !== "string") problem(name, "不是文字");
      else if (v.length > MAX_TEXT) problem(name, "超过 " + MAX_TEXT + " 字");
      else record.fields[name] = v;
    });
    if (data.fields !== undefined && !isMap(data.fields)) problem("fields", "单位等栏目无法识别");
    var check = ENTRY[kind];
    keys(data.entries).forEach(function (key) {
      if (!safeKey(key)) { problem(String(key).slice(0, 40), "编号无法识别"); return; }
      if (knows && !knows(key, data.entries[key])) { problem(key, "本手册（本清单）没有这个编号"); return; }
      var r = check(key, data.entries[key]);
      if (r.problem) problem(key, r.problem); else record.entries[key] = r.entry;
    });
    keys(data.seen).forEach(function (key) {
      if (safeKey(key) && typeof data.seen[key] === "string" && data.seen[key].length <= MAX_KEY) record.seen[key] = data.seen[key];
    });
    record.updated = validTime(data.updated) ? data.updated : "";
    record.written = validTime(data.written) ? data.written : "";
    return { refusal: "", record: record, problems: problems };
  }

  /* Problems as one line a user can read: grouped by message, at most MAX_PROBLEMS_SHOWN keys each. */
  function describe(problems) {
    var groups = [], by = map();
    problems.forEach(function (p) {
      if (!by[p.message]) { by[p.message] = []; groups.push(p.message); }
      by[p.message].push(p.key);
    });
    return groups.map(function (message) {
      var ks = by[message], shown = ks.slice(0, MAX_PROBLEMS_SHOWN).join("、");
      return message + "：" + shown + (ks.length > MAX_PROBLEMS_SHOWN ? " 等 " + ks.length + " 处" : "");
    }).join("；");
  }

  function copy(value) {
    if (Array.isArray(value)) return value.map(copy);
    if (isMap(value)) { var out = map(); keys(value).forEach(function (k) { out[k] = copy(value[k]); }); return out; }
    return value;
  }

  /* ---- import: merge(local, incoming) → {record, changes, added, kept}
     Per entry the newer `t` wins; a tie or an older incoming entry only fills fields this entry has never
     held. A winning entry
     changes only the fields it carries (a hand-filled sheet's empty cell is not carried: "not filled",
     never "delete my note"). Fields (单位 …): a non-empty incoming value is taken.
     changes: [{key, field, from, to}] for places that hold a value now and would get another one;
     added: places that are empty now and would be filled; kept: local entries the import leaves as they are. */
  function merge(local, incoming) {
    var out = copy(local), changes = [], added = 0, kept = 0;
    out.fields = out.fields || map(); out.entries = out.entries || map();
    keys(incoming.entries).forEach(function (key) {
      var theirs = incoming.entries[key], mine = out.entries[key];
      if (!hasContent(theirs)) return;
      if (!mine) { out.entries[key] = copy(theirs); added++; return; }
      var result = copy(mine), changed = false;
      if (String(theirs.t || "") <= String(mine.t || "")) {
        // Older: it only fills what this entry has never held (a field cleared here stays cleared).
        keys(theirs).forEach(function (field) {
          if (field === "t" || own(mine, field) || canonical(theirs[field]) === "") return;
          result[field] = copy(theirs[field]); added++; changed = true;
        });
        if (changed) out.entries[key] = result;
        return;
      }
      keys(theirs).forEach(function (field) {
        if (field === "t" || same(mine[field], theirs[field])) return;
        if (canonical(theirs[field]) === "") return;          // an import never erases: an empty value changes nothing
        if (canonical(mine[field]) !== "") changes.push({ key: key, field: field, from: mine[field], to: theirs[field] });
        else added++;
        result[field] = copy(theirs[field]);
        changed = true;
      });
      if (changed) { result.t = theirs.t; out.entries[key] = result; }
    });
    var changedKeys = map();
    changes.forEach(function (c) { changedKeys[c.key] = true; });
    keys(local.entries).forEach(function (key) { if (hasContent(local.entries[key]) && !changedKeys[key]) kept++; });
    keys(incoming.fields).forEach(function (name) {
      var value = incoming.fields[name];
      if (!value || out.fields[name] === value) return;
      if (out.fields[name]) changes.push({ key: name, field: "", from: out.fields[name], to: value });
      else added++;
      out.fields[name] = value;
    });
    if (!keys(out.seen).length && keys(incoming.seen).length) out.seen = copy(incoming.seen);
    return { record: out, changes: changes, added: added, kept: kept };
  }

  var FIELD_NAMES = { status: "完成情况", note: "备注", score: "得分", lead: "牵头部门", owner: "责任人", partner: "配合部门",
    due: "完成时限", goal: "年度目标", months: "月份安排", progress: "进展", title: "任务" };
  function show(value) {
    var s = Array.isArray(value) ? value.join("、") : isMap(value) ? "…" : String(value === undefined ? "" : value);
    s = s.replace(/\s+/g, " ");
    return s.length > 16 ? s.slice(0, 16) + "…" : s || "空";
  }
  /* The confirm question before an import that would replace something. */
  function confirmText(result) {
    var lines = result.changes.slice(0, 8).map(function (c) {
      return c.key + (c.field ? " " + (FIELD_NAMES[c.field] || c.field) : "") + "：" + show(c.from) + " → " + show(c.to);
    });
    return "导入将改动本机已有的 " + result.changes.length + " 处填写（每条以更新时间较新的为准）：\n" + lines.join("\n") +
      (result.changes.length > 8 ? "\n……" : "") + (result.added ? "\n另填入 " + result.added + " 处空白。" : "") +
      "\n本机其余 " + result.kept + " 条填写保持不变。继续导入？";
  }

  /* ---- edits a page makes, applied to the record as stored now ----
     edit = {key, field, value, t}: one field of one entry ("status", "note", "score", "lead", "months", …;
     for a plan month's progress field "progress.<month>.status" / "progress.<month>.note");
     {key, remove: true} deletes an entry (an own task's 删除); {field: <record field>, value} sets 单位 etc. */
  function applyEdit(record, edit) {
    if (edit.key === undefined) {
      if (edit.value) record.fields[edit.field] = edit.value; else delete record.fields[edit.field];
      return record;
    }
    if (!safeKey(edit.key)) return record;
    if (edit.remove) { delete record.entries[edit.key]; return record; }
    var entry = record.entries[edit.key] ? copy(record.entries[edit.key]) : map();
    var path = String(edit.field).split(".");
    if (path[0] === "progress") {
      var progress = entry.progress || (entry.progress = map());
      var month = progress[path[1]] || (progress[path[1]] = map());
      if (edit.value) month[path[2]] = edit.value; else delete month[path[2]];
      if (!month.status && !month.note) delete progress[path[1]];
    } else if (edit.field === "months") {
      entry.months = edit.value.slice().sort(function (a, b) { return a - b; });
    } else if (edit.field === "month") {                  // {field:"month", value:<1…12>, on:bool}: one box ticked
      var list = (entry.months || []).filter(function (m) { return m !== edit.value; });
      if (edit.on) list.push(edit.value);
      entry.months = list.sort(function (a, b) { return a - b; });
    } else {
      entry[edit.field] = edit.value;
    }
    entry.t = edit.t || now();
    // An emptied row leaves nothing behind, as before; an own task stays until it is deleted.
    if (!hasContent(entry) && String(edit.key).indexOf(TASK) !== 0) delete record.entries[edit.key];
    else record.entries[edit.key] = entry;
    return record;
  }

  /* JSON for storage and backups; the prototype-free maps serialise like plain objects. */
  function serialise(record, pretty) { return JSON.stringify(record, null, pretty ? 1 : 0); }

  return {
    FORMAT: FORMAT, VERSION: VERSION, STATUSES: STATUSES, OLD_STATUS: OLD_STATUS, TASK: TASK, FORBIDDEN: FORBIDDEN,
    map: map, own: own, isMap: isMap, now: now, validTime: validTime, safeKey: safeKey, blankRecord: blankRecord,
    identify: identify, validate: validate, describe: describe, hasContent: hasContent, canonical: canonical,
    same: same, copy: copy, merge: merge, confirmText: confirmText, applyEdit: applyEdit, serialise: serialise
  };
});
