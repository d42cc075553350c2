/* 对照检查清单: keep ticks and notes in localStorage (per checklist and version),
   show progress, 清空 and 打印. The table itself works without this script. */
(function () {
  "use strict";

  function storageKey(table) {
    return "hb-checklist:" + table.dataset.checklist + ":" + table.dataset.version;
  }

  function load(key) {
    try { return JSON.parse(localStorage.getItem(key)) || {}; } catch (e) { return {}; }
  }

  function save(key, state) {
    try { localStorage.setItem(key, JSON.stringify(state)); } catch (e) { /* private mode, file:// quota */ }
  }

  function collect(root, table) {
    var state = { status: {}, note: {}, score: {}, blank: {} };
    table.querySelectorAll("tbody tr[data-item]").forEach(function (row) {
      var id = row.dataset.item;
      var checked = row.querySelector("input[type=radio]:checked");
      if (checked) state.status[id] = checked.value;
      var note = row.querySelector(".hb-note").textContent;
      if (note) state.note[id] = note;
      var score = row.querySelector(".hb-score");
      if (score && score.textContent.trim()) state.score[id] = score.textContent.trim();
    });
    root.querySelectorAll(".hb-fill[data-field]").forEach(function (cell) {
      if (cell.textContent) state.blank[cell.dataset.field] = cell.textContent;
    });
    return state;
  }

  function apply(root, table, state) {
    table.querySelectorAll("tbody tr[data-item]").forEach(function (row) {
      var id = row.dataset.item;
      row.querySelectorAll("input[type=radio]").forEach(function (radio) {
        radio.checked = (state.status || {})[id] === radio.value;
      });
      row.querySelector(".hb-note").textContent = (state.note || {})[id] || "";
      var score = row.querySelector(".hb-score");
      if (score) score.textContent = (state.score || {})[id] || "";
    });
    root.querySelectorAll(".hb-fill[data-field]").forEach(function (cell) {
      cell.textContent = (state.blank || {})[cell.dataset.field] || "";
    });
  }

  function progress(root, table) {
    var rows = table.querySelectorAll("tbody tr[data-item]");
    var counts = { done: 0, doing: 0, todo: 0 };
    var score = 0;
    rows.forEach(function (row) {
      var checked = row.querySelector("input[type=radio]:checked");
      if (checked) counts[checked.value] += 1;
      var cell = row.querySelector(".hb-score");
      if (cell) score += parseFloat(cell.textContent) || 0;
    });
    var filled = counts.done + counts.doing + counts.todo;
    var text = "已完成 " + counts.done + " · 推进中 " + counts.doing + " · 未开始 " + counts.todo +
      " · 未填 " + (rows.length - filled) + "（共 " + rows.length + " 条）";
    var total = table.querySelector(".hb-score-total");
    if (total) {
      total.textContent = score ? String(score) : "";
      text += " · 得分 " + score;
    }
    root.querySelector(".hb-progress").textContent = text;
  }

  function setup(table) {
    var root = table.closest("article") || document;
    var key = storageKey(table);
    apply(root, table, load(key));
    progress(root, table);
    document.documentElement.classList.add("hb-js");

    function changed() {
      save(key, collect(root, table));
      progress(root, table);
    }
    root.addEventListener("change", changed);
    root.addEventListener("input", changed);
    // Notes take plain text only: pasted formatting from Word would otherwise come along.
    root.addEventListener("paste", function (event) {
      if (!event.target.isContentEditable) return;
      event.preventDefault();
      document.execCommand("insertText", false, event.clipboardData.getData("text/plain"));
    });
    root.querySelector("[data-action=print]").addEventListener("click", function () { window.print(); });
    root.querySelector("[data-action=clear]").addEventListener("click", function () {
      if (!window.confirm("清空本清单在本机保存的勾选和备注？")) return;
      try { localStorage.removeItem(key); } catch (e) { /* nothing stored */ }
      apply(root, table, {});
      progress(root, table);
    });
  }

  function init() {
    document.querySelectorAll("table.hb-checklist").forEach(setup);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
