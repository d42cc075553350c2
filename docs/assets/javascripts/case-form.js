/* 案例征集: turns the form into a YAML file for data/cases/ and a filled Word 案例报送表.
 * Works offline (file://): the item list comes from a <script> (window.HB_CASE_ITEMS), the Word
 * file is built in the browser by the vendored `docx` library, loaded only when asked for.
 * Field keys, labels and order come from the page (rendered from handbook/cases.py FORM_FIELDS). */
(function () {
  "use strict";
  var form = document.getElementById("hb-case-form");
  if (!form) return;
  var ITEMS = window.HB_CASE_ITEMS || [];
  var BY_ID = Object.create(null);          // no prototype: an ID read from a draft is only ever an ID
  ITEMS.forEach(function (item) { BY_ID[item.id] = item; });
  var MAX_OPTIONS = 12;
  var status = document.getElementById("cf-status");
  var query = document.getElementById("cf-items-q");
  var options = document.getElementById("cf-items-list");
  var chosen = document.getElementById("cf-items");
  var picked = [];
  var active = -1;

  // Width-normalise like handbook/text.py normalize: full-width ASCII → half-width, lower case.
  function norm(text) {
    return String(text || "").replace(/[\uff01-\uff5e]/g, function (c) {
      return String.fromCharCode(c.charCodeAt(0) - 0xfee0);
    }).replace(/\u3000/g, " ").toLowerCase();
  }

  function say(message) { status.textContent = message; }

  // ---- requirement picker: search as you type -------------------------------------------
  function matches(q) {
    var words = norm(q).split(/\s+/).filter(Boolean);
    if (!words.length) return [];
    return ITEMS.filter(function (item) {
      var hay = norm(item.id + " " + item.title + " " + item.where);
      return picked.indexOf(item.id) < 0 && words.every(function (w) { return hay.indexOf(w) >= 0; });
    }).slice(0, MAX_OPTIONS);
  }

  function showOptions() {
    var found = matches(query.value);
    options.textContent = "";
    active = -1;
    found.forEach(function (item, index) {
      var li = document.createElement("li");
      li.id = "cf-opt-" + index;
      li.setAttribute("role", "option");
      li.dataset.id = item.id;
      li.textContent = item.id + " " + item.title;
      li.title = item.where;
      li.addEventListener("mousedown", function (event) { event.preventDefault(); pick(item.id); });
      options.appendChild(li);
    });
    options.hidden = !found.length;      // an empty listbox is invalid ARIA
    query.setAttribute("aria-expanded", found.length ? "true" : "false");
    query.removeAttribute("aria-activedescendant");
  }

  function highlight(index) {
    var all = options.querySelectorAll("li");
    if (!all.length) return;
    active = (index + all.length) % all.length;
    all.forEach(function (li, i) { li.setAttribute("aria-selected", i === active ? "true" : "false"); });
    query.setAttribute("aria-activedescendant", all[active].id);
  }

  function pick(id) {
    if (!BY_ID[id] || picked.indexOf(id) >= 0) return;
    picked.push(id);
    renderChosen();
    saveDraft();
    query.value = "";
    showOptions();
    query.focus();
  }

  function renderChosen() {
    chosen.textContent = "";
    picked.forEach(function (id) {
      var li = document.createElement("li");
      li.dataset.id = id;
      li.appendChild(document.createTextNode(id + " " + BY_ID[id].title + " "));
      var remove = document.createElement("button");
      remove.type = "button";
      remove.className = "hb-cf-remove";
      remove.textContent = "移除";
      remove.setAttribute("aria-label", "移除 " + id);
      remove.addEventListener("click", function () {
        picked = picked.filter(function (x) { return x !== id; });
        renderChosen();
        saveDraft();
        query.focus();
      });
      li.appendChild(remove);
      chosen.appendChild(li);
    });
  }

  query.addEventListener("input", showOptions);
  query.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown") { event.preventDefault(); highlight(active + 1); }
    else if (event.key === "ArrowUp") { event.preventDefault(); highlight(active - 1); }
    else if (event.key === "Enter") {
      event.preventDefault();
      var all = options.querySelectorAll("li");
      var target = all[active >= 0 ? active : 0];
      if (target) pick(target.dataset.id);
    } else if (event.key === "Escape") closeOptions();
  });
  function closeOptions() { options.textContent = ""; options.hidden = true; query.setAttribute("aria-expanded", "false"); }
  query.addEventListener("blur", closeOptions);

  // ---- reading the form -------------------------------------------------------------------
  function fields() {
    return Array.prototype.map.call(form.querySelectorAll("[data-key]"), function (el) {
      var label = form.querySelector('label[for="' + (el.dataset.kind === "items" ? el.id + "-q" : el.id) + '"]');
      var value;
      if (el.dataset.kind === "items") value = picked.slice();
      else if (el.dataset.kind === "list") value = el.value.split(/\n/).map(function (s) { return s.trim(); }).filter(Boolean);
      else value = el.value.trim();
      return { key: el.dataset.key, label: label ? label.textContent : el.dataset.key, kind: el.dataset.kind, value: value };
    });
  }

  function isWarning() { return /^警示/.test(document.getElementById("cf-kind").value); }

  // Fields a 来稿 needs (handbook/cases.py REQUIRED); 问题/纠正 only in a 警示来稿, 做法/成效 only otherwise.
  function relevant(field) {
    if (field.key === "problem" || field.key === "correction") return isWarning();
    if (field.key === "steps" || field.key === "outcome") return !isWarning();
    return true;
  }

  // Show only the fields of the chosen kind (a hidden field is also left out of YAML and Word).
  function toggleFields() {
    Array.prototype.forEach.call(form.querySelectorAll("[data-key]"), function (el) {
      el.closest(".hb-cf-field").hidden = !relevant({ key: el.dataset.key });
    });
  }
  document.getElementById("cf-kind").addEventListener("change", toggleFields);
  toggleFields();

  function missing(list) {
    return list.filter(function (f) { return relevant(f) && (Array.isArray(f.value) ? !f.value.length : !f.value); })
      .map(function (f) { return f.label; });
  }

  // ---- the draft survives a reload: saved on every change, in this browser only ---------------
  // Each change writes only its own field into the draft as stored now, so the same form open in two
  // tabs keeps what was typed in each; the other tab shows it (the box being typed in is left alone).
  var DRAFT = "hb-case-form-draft";
  function storedDraft() {
    var values;
    try { values = JSON.parse(localStorage.getItem(DRAFT) || "null"); } catch (e) { values = null; }
    return values && typeof values === "object" && !Array.isArray(values) ? values : null;
  }
  function saveDraft(event) {
    var values = storedDraft() || {}, el = event && event.target;
    var key = el && el.dataset && el.dataset.key;
    if (key && el.dataset.kind !== "items") values[key] = el.value;
    else values.items = picked.slice();
    try { localStorage.setItem(DRAFT, JSON.stringify(values)); } catch (e) { /* storage off: form still works */ }
  }
  function restoreDraft() {
    var values = storedDraft();
    if (!values) return;
    var typing = document.activeElement;
    Array.prototype.forEach.call(form.querySelectorAll("[data-key]"), function (el) {
      if (el !== typing && el.dataset.kind !== "items" && typeof values[el.dataset.key] === "string") el.value = values[el.dataset.key];
    });
    if (Array.isArray(values.items)) picked = values.items.filter(function (id) { return typeof id === "string" && BY_ID[id]; });
    renderChosen();
    toggleFields();
  }
  form.addEventListener("input", saveDraft);
  form.addEventListener("change", saveDraft);
  window.addEventListener("storage", function (event) { if (event.key === DRAFT) restoreDraft(); });
  restoreDraft();

  // ---- YAML: every value as a JSON string, which is a valid YAML double-quoted scalar ----------
  function q(text) { return JSON.stringify(text); }

  function toYaml(list) {
    var out = ["# 案例来稿：由手册网站“案例征集”页生成。放入 data/cases/ 后运行 make check 校验。"];
    var source = [];
    list.forEach(function (f) {
      if (!relevant(f)) return;
      if (f.key.indexOf("source.") === 0) { source.push("  " + f.key.slice(7) + ": " + q(f.value)); return; }
      if (f.key === "items") { out.push("items: [" + f.value.join(", ") + "]"); return; }
      if (f.kind === "list") { out.push(f.key + ":"); f.value.forEach(function (v) { out.push("  - " + q(v)); }); return; }
      out.push(f.key + ": " + q(f.value));
      if (f.key === "date") out.push("source:", "@@SOURCE@@");
    });
    return out.join("\n").replace("@@SOURCE@@", source.join("\n")) + "\n";
  }

  /* The YAML's file name (the case id in data/cases/) is derived, never typed: the kind, the date and
     a short checksum of title and unit, e.g. laigao-20261120-k3x9qa (lowercase ASCII, as handbook/cases.py
     CASE_ID requires). The Word file is named in Chinese from its title and date. */
  function checksum(text) {
    var h = 0x811c9dc5;                                   // FNV-1a, 32 bits
    for (var i = 0; i < text.length; i++) { h ^= text.charCodeAt(i); h = Math.imul(h, 0x01000193) >>> 0; }
    return ("000000" + h.toString(36)).slice(-6);
  }
  function fileId() {
    var kind = document.getElementById("cf-kind").value === "警示来稿" ? "jingshi" : "laigao";
    var date = (document.getElementById("cf-date").value || "").replace(/-/g, "");
    return kind + "-" + date + "-" + checksum(document.getElementById("cf-title").value + "\n" + document.getElementById("cf-unit").value);
  }
  function wordName() {
    var title = document.getElementById("cf-title").value.trim().replace(/[\\/:*?"<>|\x00-\x1f]+/g, "_").slice(0, 40);
    return "案例报送表-" + title + "-" + document.getElementById("cf-date").value + ".docx";
  }

  function download(blob, name) {
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }

  function ready() {
    var list = fields();
    var gaps = missing(list);
    if (gaps.length) { say("请先填写：" + gaps.join("、")); return null; }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(document.getElementById("cf-date").value)) { say("报送日期请写成 YYYY-MM-DD"); return null; }
    return { list: list, id: fileId(), word: wordName() };
  }

  document.getElementById("cf-yaml").addEventListener("click", function () {
    var got = ready();
    if (!got) return;
    download(new Blob([toYaml(got.list)], { type: "text/yaml;charset=utf-8" }), got.id + ".yaml");
    say("已生成 " + got.id + ".yaml，请交编写组放入 data/cases/。");
  });

  // ---- Word: the vendored docx library, loaded on first use ------------------------------------
  var docxLoading = null;
  function loadDocx() {
    if (window.docx) return Promise.resolve(window.docx);
    if (!docxLoading) {
      docxLoading = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = form.dataset.docxSrc;
        script.onload = function () { window.docx ? resolve(window.docx) : reject(new Error("docx")); };
        script.onerror = function () { docxLoading = null; reject(new Error("docx")); };
        document.head.appendChild(script);
      });
    }
    return docxLoading;
  }

  // Text as typed, as plain text (hb-text.js): never a formula, link or rich text; one paragraph a line.
  function plain(value) { return window.hbText ? window.hbText.plain(value) : (typeof value === "string" ? value : ""); }
  var SONG = { ascii: "Times New Roman", hAnsi: "Times New Roman", eastAsia: "宋体" };
  var HEI = { ascii: "Times New Roman", hAnsi: "Times New Roman", eastAsia: "黑体" };

  function wordFile(d, list) {
    function cellText(value) {
      var lines = Array.isArray(value) ? value.map(function (v) {
        return BY_ID[v] ? v + " " + BY_ID[v].title : plain(v);
      }) : plain(value).split("\n");
      return lines.map(function (line) { return new d.Paragraph({ children: [new d.TextRun({ text: line, font: SONG })] }); });
    }
    var rows = list.filter(relevant).map(function (f) {
      return new d.TableRow({ children: [
        new d.TableCell({ width: { size: 22, type: d.WidthType.PERCENTAGE }, children: [new d.Paragraph({ children: [new d.TextRun({ text: f.label, bold: true, font: SONG })] })] }),
        new d.TableCell({ width: { size: 78, type: d.WidthType.PERCENTAGE }, children: cellText(f.value) }),
      ] });
    });
    return new d.Document({
      creator: "五型模范机关建设手册",
      title: "案例报送表",
      styles: { default: { document: { run: { font: SONG, size: 21 } } } },
      sections: [{
        footers: { default: new d.Footer({ children: [new d.Paragraph(form.dataset.edition)] }) },
        children: [
          new d.Paragraph({ alignment: d.AlignmentType.CENTER, spacing: { after: 200 },
            children: [new d.TextRun({ text: "案例报送表", font: HEI, size: 32 })] }),
          new d.Table({ width: { size: 100, type: d.WidthType.PERCENTAGE }, rows: rows }),
        ],
      }],
    });
  }

  document.getElementById("cf-word").addEventListener("click", function () {
    var got = ready();
    if (!got) return;
    say("正在生成 Word 报送表……");
    loadDocx().then(function (d) {
      return d.Packer.toBlob(wordFile(d, got.list));
    }).then(function (blob) {
      download(blob, got.word);
      say("已生成 " + got.word + "。");
    }, function () {
      say("无法加载 Word 生成组件，请改用空白案例报送表或下载数据文件。");
    });
  });
})();
