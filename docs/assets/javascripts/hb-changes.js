/* hb-changes: what changed on a list since the user last looked, and which of their entries need
   review after a new edition or an import from an earlier one. Pure (no DOM): checklist.js and
   plan.js call it, hb-changes-ui.js draws it. Contract: docs-dev/editions.md.

   revs:    {ID: rev} of every row of the list now (meta.rows[].rev)
   seen:    record.seen, {ID: rev} as last acknowledged; a rev that differs from revs[ID] flags the row
   changes: meta.changes, {from, to, anchor, page, items: {ID: {kind, title, fields: [[名称, 原, 新]], reason, to}}}
            (null when no earlier edition is recorded) */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory(require("./hb-record.js"));
  else root.hbChanges = factory(root.hbRecord);
})(typeof self !== "undefined" ? self : this, function (hbRecord) {
  "use strict";

  var REVIEW = "本版已修改，请复核";
  var PENDING = "review:";   // seen[ID] = "review:<old rev>": acknowledged, the entry still to review
  var LABELS = { added: "新增", withdrawn: "撤销", modified: "修改", joined: "移入本清单", left: "移出本清单" };

  function keys(o) { return Object.keys(o || {}); }

  var hasContent = hbRecord.hasContent;      // what counts as filled is the store's rule, for every kind

  /* Rows added, removed and changed since `seen`, in list order (seen order for removed). */
  function compare(seen, revs) {
    var out = { added: [], removed: [], changed: [] };
    seen = seen || {};
    if (!keys(seen).length) return out;        // never looked: nothing to report
    keys(revs).forEach(function (id) {
      if (!(id in seen)) out.added.push(id);
      else if (seen[id] !== revs[id] && !pending(seen[id])) out.changed.push(id);
    });
    keys(seen).forEach(function (id) { if (!(id in revs)) out.removed.push(id); });
    return out;
  }

  function pending(rev) { return typeof rev === "string" && rev.indexOf(PENDING) === 0; }

  function any(diff) { return diff.added.length + diff.removed.length + diff.changed.length > 0; }

  /* Entries the user filled whose row changed since they were made: “本版已修改，请复核” until confirmed. */
  function needsReview(record, revs) {
    var seen = (record && record.seen) || {}, entries = (record && record.entries) || {};
    return keys(revs).filter(function (id) {
      return hasContent(entries[id]) && (id in seen) && seen[id] !== revs[id];
    });
  }

  /* id → "added" | "modified" | "review" for rows to mark until seen. */
  function marks(record, revs) {
    var diff = compare(record && record.seen, revs), out = {};
    diff.added.forEach(function (id) { out[id] = "added"; });
    diff.changed.forEach(function (id) { out[id] = "modified"; });
    needsReview(record, revs).forEach(function (id) { out[id] = "review"; });
    return out;
  }

  /* After 知道了: every row seen as it is now, except filled entries still to review (kept flagged). */
  function acknowledge(record, revs) {
    var review = {}, seen = {};
    needsReview(record, revs).forEach(function (id) { review[id] = true; });
    keys(revs).forEach(function (id) {
      var old = record.seen[id];
      seen[id] = review[id] ? (pending(old) ? old : PENDING + old) : revs[id];
    });
    return seen;
  }

  /* The user confirmed one reviewed entry. */
  function confirm(seen, id, revs) {
    var out = {};
    keys(seen).forEach(function (k) { out[k] = seen[k]; });
    if (id in revs) out[id] = revs[id];
    return out;
  }

  /* record.seen after importing `incoming` (a backup, or a filled Excel read into a record) that may
     come from an earlier edition: its entries of rows reworded since are flagged for review. A backup
     knows the rev each row had (incoming.seen); an Excel file only its edition, then the edition's
     changes tell which rows were reworded. */
  function seenAfterImport(record, incoming, revs, changes, version) {
    var seen = {}, mine = (record && record.seen) || {};
    if (keys(mine).length) keys(mine).forEach(function (id) { seen[id] = mine[id]; });
    else keys(revs).forEach(function (id) { seen[id] = revs[id]; });   // nothing seen yet: all seen now
    var theirs = (incoming && incoming.seen) || {};
    var from = incoming && incoming.edition && incoming.edition.version;
    var items = (changes && changes.items) || {};
    keys(incoming && incoming.entries).forEach(function (id) {
      if (!(id in revs) || !hasContent(incoming.entries[id])) return;
      if (theirs[id] && theirs[id] !== revs[id]) seen[id] = pending(theirs[id]) ? theirs[id] : PENDING + theirs[id];
      else if (!theirs[id] && from && version && from !== version && items[id] && items[id].kind === "modified") {
        seen[id] = PENDING + "edition:" + from;             // any value other than the rev flags it
      }
    });
    return seen;
  }

  /* The notice heading: 本清单已更新（2026.1 → 2026.2）：新增 1 条、撤销 1 条、修改 1 条 */
  function heading(diff, changes, reopened, what) {
    var edition = changes && changes.from ? "（" + changes.from + " 版 → " + changes.to + " 版）" : "";
    return (reopened ? "本版修订" : (what || "本清单") + "已更新") + edition + "：新增 " + diff.added.length + " 条、撤销 " +
      diff.removed.length + " 条、修改 " + diff.changed.length + " 条";
  }

  /* Lines of the notice, each {id, kind, label, title, fields, reason, to, review}. */
  function lines(diff, changes, titleOf, review) {
    var items = (changes && changes.items) || {}, flagged = {}, out = [];
    (review || []).forEach(function (id) { flagged[id] = true; });
    function line(id, fallback) {
      var c = items[id] || {}, kind = c.kind && c.kind !== "joined" && c.kind !== "left" ? c.kind : fallback;
      if (fallback === "added" && c.kind === "joined") kind = "joined";
      if (fallback === "removed" && c.kind === "left") kind = "left";
      if (fallback === "removed" && !c.kind) kind = "withdrawn";
      out.push({ id: id, kind: kind, label: LABELS[kind] || LABELS.modified, title: (titleOf && titleOf(id)) || c.title || "",
                 fields: c.fields || [], reason: c.reason || "", to: c.to || [], review: !!flagged[id] });
    }
    diff.added.forEach(function (id) { line(id, "added"); });
    diff.removed.forEach(function (id) { line(id, "removed"); });
    diff.changed.forEach(function (id) { line(id, "modified"); });
    return out;
  }

  /* For “本版修订” (reopened at any time): the edition's changes on this list as a diff. */
  function editionDiff(changes) {
    var diff = { added: [], removed: [], changed: [] };
    keys(changes && changes.items).forEach(function (id) {
      var kind = changes.items[id].kind;
      if (kind === "added" || kind === "joined") diff.added.push(id);
      else if (kind === "withdrawn" || kind === "left") diff.removed.push(id);
      else diff.changed.push(id);
    });
    return diff;
  }

  /* The edition a file names in its edition line (“五型模范机关建设手册 · 2026.1 版 · 生成于 …”), or "". */
  function editionIn(text) {
    var m = /(?:^|\s|·)([0-9]{4}\.[0-9]+) 版(?:\s|·|$)/.exec(String(text || ""));
    return m ? m[1] : "";
  }

  return { REVIEW: REVIEW, pending: pending, editionIn: editionIn, LABELS: LABELS, compare: compare, any: any, needsReview: needsReview, marks: marks,
           acknowledge: acknowledge, confirm: confirm, seenAfterImport: seenAfterImport, heading: heading,
           lines: lines, editionDiff: editionDiff, hasContent: hasContent };
});
