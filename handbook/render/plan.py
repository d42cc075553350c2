"""工作计划 page: the unit's 任务书 / 施工图 / 路线图, built in the browser by plan.js.

The page carries the plan model as embedded JSON (no fetch: works from file://);
rows are rendered by plan.js so a ×100 catalogue does not multiply the page markup.
"""

from __future__ import annotations

import json

from .. import plan
from ..text import display, escape_html
from .checklists import revision_link
from .html import Linker, change_scripts, store_scripts

PAGE = "plan.md"
EXPORTS = (("renwushu-docx", "任务书 Word"), ("renwushu-xlsx", "任务书 Excel"), ("shigongtu-docx", "施工图 Word"),
           ("shigongtu-xlsx", "施工图 Excel"), ("luxiantu-docx", "路线图 Word"), ("luxiantu-xlsx", "路线图 Excel"), ("json", "备份（JSON）"))
# Vendored browser libraries (docs/assets/vendor/, see VENDOR.json), loaded on the first Word/Excel export.
VENDOR = {"xlsx": "assets/vendor/exceljs/exceljs.min.js", "docx": "assets/vendor/docx/index.iife.js"}
PRINTS = (("renwushu", "打印任务书"), ("shigongtu", "打印施工图"), ("luxiantu", "打印路线图"))


DATA_SCRIPT = "api/plan-data.js"   # window.__hbPlanData: the plan model, grows with the catalogue


def plan_data_script(catalogue) -> str:
    """api/plan-data.js: the plan model as a script (file:// safe), outside the page so plan.html
    stays small at any scale."""
    data = plan.plan_data(catalogue)
    # For the notice on planned requirements that left a level's list (as the checklist pages' meta):
    # every item's title, and the reason of each withdrawn one.
    data["titles"] = {item.id: display(item.title) for item in catalogue.items.values()}
    data["withdrawn"] = {item.id: display(item.withdrawn) for item in catalogue.items.values() if item.withdrawn}
    # The update notice (hb-changes-ui.js plan()): each requirement's rev, the latest edition's changes per level.
    from ..changes import list_changes
    from .checklists import item_rev
    data["revs"] = {item.id: item_rev(item, None) for item in catalogue.items.values() if not item.withdrawn}
    data["changes"] = {lv.id: list_changes(catalogue, "", [r.id for r in lv.requirements]) for lv in plan.levels(catalogue)}
    # "<" escaped so no text from data can close a script element.
    return "window.__hbPlanData=" + json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c") + ";\n"


def plan_page(catalogue, page: str = PAGE) -> str:
    link = Linker(catalogue, page)
    version = catalogue.edition.version
    options = "".join(f'<option value="{lv.id}">{escape_html(lv.title)}</option>' for lv in plan.levels(catalogue))
    blanks = []
    for level in plan.levels(catalogue):
        links = " ".join(
            f'<a href="{link.href(plan.blank_path(level.id, kind, ext))}" '
            f'download="{escape_html(plan.blank_name(level, title, ext, version))}">{title} {ext_label}</a>'
            for kind, title in plan.BLANK_KINDS for ext, ext_label in (("docx", "Word"), ("xlsx", "Excel")))
        blanks.append(f"<li>{escape_html(level.title)}：{links}</li>")
    exports = "".join(f'<button type="button" class="md-button" data-hb-export="{key}">{label}</button>'
                      for key, label in EXPORTS)
    prints = "".join(f'<button type="button" class="md-button" data-hb-print="{key}">{label}</button>'
                     for key, label in PRINTS)
    return "\n".join([
        "# 工作计划（路线图、任务书、施工图）", "",
        '<p class="hb-lead">选择层面，把该层面的要求逐条分解为本单位的年度任务（任务书），按月排定并跟踪进展（施工图），'
        "再定出五年的阶段目标（路线图）。内容只保存在本机浏览器，可导出备份；Word、Excel 文件在浏览器中生成。</p>", "",
        f'<div class="hb-plan" data-js-only data-vendor-xlsx="{link.href(VENDOR["xlsx"])}" '
        f'data-vendor-docx="{link.href(VENDOR["docx"])}">',
        '<div class="hb-plan-head">'
        f'<label>层面 <select data-plan-level>{options}</select></label>'
        '<label>单位 <input type="text" data-plan-field="unit" placeholder="某机关"></label>'
        '<label>年度 <input type="number" data-plan-field="year" min="2000" max="2100"></label>'
        '<label>进展月份 <select data-plan-month>'
        + "".join(f'<option value="{m}">{m}月</option>' for m in range(1, 13)) + "</select></label>"
        '<span class="hb-plan-month-note" aria-live="polite"></span></div>',
        f'<div class="hb-plan-tools">{exports}<label class="md-button hb-import">导入备份'
        '<input type="file" accept="application/json,.json" data-hb-import></label>'
        f"{prints}</div>",
        '<p class="hb-plan-status" role="status" aria-live="polite"></p>',
        *[line for line in revision_link(catalogue, link) if line],   # “本版修订”, as on the checklists
        '<div class="hb-plan-notices" aria-live="polite"></div>',
        '<div class="hb-cl-gone hb-plan-gone" hidden></div>',
        '<section class="hb-plan-track" aria-label="进展"><h2>进展</h2>'
        '<div class="hb-plan-chart"></div><div class="hb-plan-alerts"></div></section>',
        '<section aria-label="任务书与施工图"><h2>任务书与施工图</h2>'
        '<div class="hb-table-wrap hb-plan-scroll"><table class="hb-plan-table"><thead></thead><tbody></tbody></table></div></section>',
        '<section aria-label="路线图"><h2>路线图（五年）</h2>'
        '<div class="hb-table-wrap"><table class="hb-plan-roadmap"><thead></thead><tbody></tbody></table></div></section>',
        '<div class="hb-plan-print" aria-hidden="true"></div>',
        "</div>",
        '<noscript><p>工作计划需要启用 JavaScript；也可下载下面的空白表格打印后手填。</p></noscript>', "",
        "## 空白表格（打印手填）", "",
        f'<ul class="hb-plan-blanks">{"".join(blanks)}</ul>', "",
        f'<script src="{link.href(DATA_SCRIPT)}"></script>',
        # the shared storage machinery, as on the checklist pages (plan.js runs after it, site-wide)
        store_scripts(link),
        change_scripts(link),
        # window.HBPlan, the record model (pure module), before plan.js
        f'<script src="{link.href("assets/javascripts/hb-plan-model.js")}"></script>',
        # window.hbPlanFiles: the 任务书 / 施工图 / 路线图 files and the printout (plan.js attaches it)
        f'<script src="{link.href("assets/javascripts/plan-files.js")}"></script>',
    ])
