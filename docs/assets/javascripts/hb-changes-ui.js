/* hb-changes-ui: draws what hb-changes.js computes: the update notice (edition change, each ID linked
   to its row, 原表述 → 新表述 for 修改), the marks on changed rows until seen, “本版已修改，请复核” with
   its 已复核 button, and “本版修订” reopening the notice. DOM only; the logic is in hb-changes.js. */
(function () {
  "use strict";

  function el(tag, cls, content) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (content !== undefined) e.textContent = content;
    return e;
  }

  /* opts: {container, store, cls, heading, lines (hbChanges.lines), rowHref(id) → href or "",
            otherHref(line) → href for rows not on the list, onDone, doneLabel} */
  function show(opts) {
    var old = opts.container.querySelector("." + opts.cls);
    if (old) old.remove();
    var box = opts.store.notice(opts.container, opts.cls + " hb-chg-notice", opts.heading);
    box.setAttribute("role", "status");
    var list = el("ul", "hb-chg-lines");
    if (!opts.lines.length) list.appendChild(el("li", "", "本版对此没有修改。"));
    opts.lines.forEach(function (line) {
      var li = el("li", "hb-chg-line hb-chg-" + line.kind);
      li.dataset.item = line.id;
      li.dataset.change = line.kind;
      li.appendChild(el("span", "hb-chg-label", line.label + "："));
      var href = opts.rowHref(line.id) || (opts.otherHref ? opts.otherHref(line) : "");
      var id = el(href ? "a" : "span", "hb-chg-id", line.id);
      if (href) id.href = href;
      li.appendChild(id);
      li.appendChild(document.createTextNode(" " + line.title));
      if (line.review) li.appendChild(el("span", "hb-chg-review", "（" + window.hbChanges.REVIEW + "）"));
      if (line.reason) li.appendChild(el("span", "hb-chg-reason", "（理由：" + line.reason + "）"));
      if (line.fields.length) {
        var fields = el("ul", "hb-chg-fields");
        line.fields.forEach(function (f) {
          var item = el("li", "", f[0] + "：");
          item.appendChild(el("del", "", f[1]));
          item.appendChild(document.createTextNode(" → "));
          item.appendChild(el("ins", "", f[2]));
          fields.appendChild(item);
        });
        li.appendChild(fields);
      }
      list.appendChild(li);
    });
    box.appendChild(list);
    opts.store.button(box, opts.doneLabel || "知道了", function () { if (opts.onDone) opts.onDone(); box.remove(); });
    return box;
  }

  var BADGES = { added: "本版新增", modified: "本版修改", review: null };

  /* Marks rows (DOM, by ID) until seen; a review row gets 已复核, which calls onConfirm(id). */
  function markRows(rows, marks, onConfirm) {
    Object.keys(rows).forEach(function (id) {
      var row = rows[id], kind = marks[id];
      var badge = row.querySelector(".hb-chg-badge");
      if (badge) badge.remove();
      row.classList.remove("hb-chg-row", "hb-chg-row-added", "hb-chg-row-modified", "hb-chg-row-review");
      delete row.dataset.hbChange;
      if (!kind) return;
      row.classList.add("hb-chg-row", "hb-chg-row-" + kind);
      row.dataset.hbChange = kind;
      var cell = row.querySelector(".hb-cl-req") || row.cells[row.cells.length > 2 ? 2 : 0];
      badge = el("span", "hb-chg-badge", BADGES[kind] || window.hbChanges.REVIEW);
      if (kind === "review" && onConfirm) {
        var b = el("button", "md-button hb-chg-confirm", "已复核");
        b.type = "button";
        b.addEventListener("click", function () { onConfirm(id); });
        badge.appendChild(b);
      }
      cell.insertBefore(badge, cell.firstChild);
    });
  }

  /* “本版修订” links ([data-hb-changes-open]) under root call open() instead of leaving the page. */
  function opener(root, open) {
    root.querySelectorAll("[data-hb-changes-open]").forEach(function (a) {
      if (a.dataset.hbReady) return;
      a.dataset.hbReady = "1";
      a.addEventListener("click", function (event) { event.preventDefault(); open(); });
    });
  }

  window.hbChangesUi = { show: show, markRows: markRows, opener: opener };
})();

/* The plan page (plan.js calls this once per render of a level): the same notice and row marks as the
   checklists, for the level's requirements. o: {root, notices, store, record, requirements, revs,
   changes, titles, save}. */
(function () {
  "use strict";
  function plan(o) {
    var C = window.hbChanges, ui = window.hbChangesUi, revs = {}, rows = {}, record = o.record;
    if (!C || !ui) return;
    o.requirements.forEach(function (r) { if (o.revs[r.id]) revs[r.id] = o.revs[r.id]; });
    o.root.querySelectorAll("tr[data-item]").forEach(function (tr) {
      rows[tr.dataset.item] = tr;
      if (!tr.id) tr.id = "plan-" + tr.dataset.item;
    });
    function titleOf(id) { return o.titles[id] || ""; }
    function mark() { ui.markRows(rows, C.marks(record, revs), confirm); }
    function confirm(id) { record.seen = C.confirm(record.seen, id, revs); o.save(record); mark(); }
    function notice(diff, reopened) {
      ui.show({ container: o.notices, store: o.store, cls: reopened ? "hb-plan-revision-notice" : "hb-plan-updated",
        heading: C.heading(diff, o.changes, reopened, "本层面的要求"),
        lines: C.lines(diff, o.changes, titleOf, C.needsReview(record, revs)),
        rowHref: function (id) { return id in rows ? "#plan-" + id : ""; },
        otherHref: function (line) {
          return o.changes ? o.store.base + o.changes.page + "#" + o.changes.anchor + "-" + line.id : "";
        },
        doneLabel: reopened ? "关闭" : "知道了",
        onDone: reopened ? null : function () { record.seen = C.acknowledge(record, revs); o.save(record); mark(); } });
    }
    var links = document.querySelectorAll("[data-hb-changes-open]");
    links.forEach(function (a) { a.dataset.hbReady = ""; a.replaceWith(a.cloneNode(true)); });   // this level's handler only
    ui.opener(document, function () {
      var diff = C.editionDiff(o.changes);
      notice(diff, true);
    });
    o.notices.querySelectorAll(".hb-plan-updated, .hb-plan-revision-notice").forEach(function (b) { b.remove(); });
    var seen = record.seen || {};
    if (!Object.keys(seen).length) {             // first look at a level the unit plans: all seen now
      if (Object.keys(record.entries || {}).length) { record.seen = C.acknowledge({ seen: {}, entries: {} }, revs); o.save(record); }
      return;
    }
    mark();
    var diff = C.compare(seen, revs);
    if (C.any(diff)) notice(diff, false);
  }
  window.hbChangesUi.plan = plan;
})();
