"""对照检查清单 pages: a fillable table in the browser that prints cleanly on A4.

The page works without JavaScript (radios and editable cells are plain HTML);
hb-store.js + checklist.js add saving by item ID, backup/import, filled exports,
progress, 清空 and 打印. Contract for tests and scripts: README, developer section.
"""

from __future__ import annotations

import hashlib
import json
import re

from .. import levels
from ..checklist_sheet import DOWNLOAD_FORMATS, download_path, sheet_for
from ..sheet import BLANK_FIELDS, FORM, SIGNATURES, STATUS_CHOICES, XLSX_WRAP, form_table_cm
from ..changes import latest as latest_edition, list_changes
from ..text import display, escape_html, normalize
from . import pager, site_map
from .html import STORE_SCRIPTS, Linker, change_scripts, store_scripts

STATUS_VALUES = STATUS_CHOICES          # radio values are the Chinese choices themselves (contract)
A4_TABLE_CM = form_table_cm()           # A4 landscape minus 2 × 2 cm margins, as the server .docx (sheet.FORM)


def download_name(checklist, extension: str, version: str) -> str:
    """Chinese, Windows-safe file name for a blank download: 党支部对照检查清单-2026.1.docx."""
    return safe_file_name(f"{checklist.title}-{version}") + f".{extension}"


def safe_file_name(name: str) -> str:
    """Drop characters Windows forbids in file names."""
    return re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "_", name).strip(" .") or "清单"


def item_rev(item, score, level: str = levels.AGENCY) -> str:
    """Short hash of what a row shows: saved `seen` revs tell which rows changed since the last visit."""
    shown = "\t".join([levels.title_for(item, level), item.text, "、".join(item.subjects),
                       str(score if score is not None else ""),
                       getattr(item, "context", "") or "", "、".join(getattr(item, "components", []) or []),
                       levels.role_line(item, level)])
    return hashlib.sha1(shown.encode()).hexdigest()[:8]


def checklist_version(checklist) -> str:
    """Changes whenever the checklist's rows change, so saved ticks never land on the wrong row."""
    digest = hashlib.sha1()
    for item in checklist.items:
        score = checklist.points[item.id] if checklist.points else ""
        title = levels.title_for(item, levels.reader(checklist))
        digest.update(f"{item.id}\t{title}\t{item.text}\t{score}\n".encode())
    return digest.hexdigest()[:10]


def meta_path(checklist) -> str:
    """Site-relative path of the script holding a checklist's rows for the browser (fill_data.py writes it)."""
    return f"downloads/fill/{checklist.id}.meta.js"


def checklist_page(catalogue, checklist_id: str, page: str | None = None, number: int = 1) -> str:
    """A checklist's table; `number` > 1 renders a continuation page (checklists/<id>-2.md).

    Every page carries the same tools: progress, 清空, exports and import work on the whole
    checklist (checklist.js reads its rows from meta_path, not from the table on this page)."""
    checklist = catalogue.checklist(checklist_id)
    paged = pager.paged_set(catalogue, site_map.checklist_page(checklist))
    page = page or paged.page_name(number)
    units = paged.units(number)
    first = sum(len(paged.units(n)) for n in range(1, number)) + 1   # 序号 runs on across pages
    link = Linker(catalogue, page)
    scored = checklist.points is not None
    downloads = _download_links(checklist, link, "md-button hb-download", catalogue.edition.version)
    blanks = "".join(
        f'<span class="hb-blank"><span>{name}：</span><span class="hb-fill" contenteditable="true" '
        f'data-field="{name}"></span></span>' for name in BLANK_FIELDS)
    columns = ["序号", "编号", "要求", "责任主体", "完成情况", "佐证材料/备注"] + (["分值", "得分"] if scored else [])
    head = "".join(f'<th class="hb-col-{i}">{c}</th>' for i, c in enumerate(columns))
    rows = [_row(n, unit.obj, checklist, link) for n, unit in enumerate(units, start=first)]
    total = ""
    if scored and number == paged.count:
        total = (f'<tfoot><tr><td colspan="6" class="hb-total-label">合计</td><td>{checklist.total}</td>'
                 f'<td class="hb-score-total"></td></tr></tfoot>')
    edition = catalogue.edition
    scripts = store_scripts(link) + change_scripts(link)
    top, bottom = pager.nav(paged, number, link, top=True), pager.nav(paged, number, link, top=False)
    shown = (f"（共 {len(checklist.items)} 条）" if paged.count == 1 else
             f"（共 {len(checklist.items)} 条，本页第 {first}–{first + len(units) - 1} 条）")
    out = [
        f"# {escape_html(checklist.title + pager.title_suffix(paged, number))}", "",
        f'<p class="hb-lead">{link.text(checklist.description)}{shown}</p>', "",
        *revision_link(catalogue, link),
        '<div class="hb-cl-tools" data-js-only>'
        '<button type="button" class="md-button md-button--primary" data-action="print">打印</button>'
        '<button type="button" class="md-button" data-action="clear">清空</button>'
        '<span class="hb-progress" aria-live="polite"></span></div>',
        '<div class="hb-cl-tools hb-cl-files" data-js-only>'
        '<span>导出已填写：</span>'
        + "".join(f'<button type="button" class="md-button" data-hb-export="{ext}">{label}</button>'
                  for ext, label in (("xlsx", "Excel"), ("docx", "Word"), ("csv", "CSV")))
        + '<button type="button" class="md-button" data-hb-export="json">导出填写记录</button>'
        '<label class="md-button hb-import">导入…<input type="file" data-hb-import accept=".json,.xlsx" hidden></label>'
        '</div>',
        '<p class="hb-cl-rule" data-js-only>填写自动保存在本机浏览器。“导出填写记录”生成备份文件，可在另一台电脑“导入”；'
        '也可导入按空白 Excel 模板填好的 .xlsx。合并规则：逐条以更新时间较新的为准，导入从不删除本机已有的填写；会改动已有填写时先列出并询问。'
        + ('本清单分为多页，进度、清空、导出和导入都针对整份清单；打印整份清单请用下载的 PDF。' if paged.count > 1 else "")
        + '</p>',
        '<div class="hb-cl-notices" aria-live="polite"></div>',
        f'<p class="hb-cl-downloads">下载：{downloads}</p>', "",
    ]
    if top:
        out += [top, ""]
    out += [
        f'<div class="hb-print-title"><p class="hb-print-name">{escape_html(checklist.title)}</p>'
        f'<p class="hb-blanks">{blanks}</p></div>', "",
        f'<div class="hb-table-wrap"><table class="hb-checklist" data-checklist="{checklist.id}" '
        f'data-version="{checklist_version(checklist)}" data-edition="{escape_html(edition.version)}" '
        f'data-date="{escape_html(edition.date)}">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody>{total}</table></div>", "",
    ]
    if number == paged.count:
        # The printout ends as the paper form does: 合计 (checklist.js fills in the counts) and sign-off.
        out += [f'<div class="hb-print-sign"><p class="hb-print-totals">合计：已完成 ____ 条，推进中 ____ 条，'
                f'未开始 ____ 条，未填 ____ 条</p><p>{escape_html(SIGNATURES)}</p></div>', ""]
    if bottom:
        out += [bottom, ""]
    out += [
        '<div class="hb-cl-gone" hidden></div>',
        f'<p class="hb-edition">五型模范机关建设手册 · 清单版本 {checklist_version(checklist)}</p>',
        scripts,
    ]
    return "\n".join(out)


def revision_link(catalogue, link: Linker) -> list[str]:
    """“本版修订” near the list's title: reopens the update notice (hb-changes-ui.js); without
    JavaScript it leads to the edition on the 修订说明 page. None before a second edition exists."""
    diff = latest_edition(catalogue)
    if diff is None:
        return []
    return [f'<p class="hb-cl-revision">{escape_html(diff.previous)} 版 → {escape_html(diff.version)} 版 · '
            f'<a href="{link.href(site_map.CHANGES, diff.anchor)}" data-hb-changes-open>本版修订</a></p>', ""]


def meta_script(catalogue, checklist) -> str:
    """downloads/fill/<id>.meta.js: registers the checklist's rows for checklist.js (a <script>, file:// safe)."""
    body = json.dumps(checklist_meta(catalogue, checklist), ensure_ascii=False, separators=(",", ":"))
    body = body.replace("</", "<\\/")   # harmless in a .js file, and safe should it ever be inlined
    return (f"window.__hbChecklistMeta=window.__hbChecklistMeta||{{}};"
            f"__hbChecklistMeta[{json.dumps(checklist.id)}]={body};\n")


def checklist_meta(catalogue, checklist) -> dict:
    """What the browser needs beyond the table: every row of the whole checklist (whatever page shows it),
    withdrawn reasons, .docx layout, edition (single-sourced)."""
    sheet = sheet_for(checklist, catalogue.edition)
    edition = catalogue.edition
    items = {item.id: item for item in checklist.items}
    level = levels.reader(checklist)
    rev = {i: item_rev(item, checklist.points[i] if checklist.points is not None else None, level)
           for i, item in items.items()}
    return {
        "id": checklist.id,
        "title": checklist.title,
        "version": checklist_version(checklist),
        "description": display(checklist.description),
        "edition": {"version": edition.version, "date": edition.date, "line": sheet.edition},
        "columns": list(sheet.columns),
        "widths_cm": [round(w, 2) for w in sheet.column_widths(A4_TABLE_CM)],
        # The paper form (sheet.FORM) and Excel's wrap estimate: the filled Word/Excel follow the blank ones.
        "form": {**FORM, "signatures": sheet.signatures},
        "xlsx_wrap": XLSX_WRAP,
        "total": checklist.total,
        "level": level,
        # requirement: the level-phrased title, text and the reader's role line (hb-office.js prints it as is)
        "rows": [{"id": r.id, "requirement": r.requirement_cell, "subjects": r.subject_list, "score": r.score,
                  "title": r.title, "role": r.role, "rev": rev[r.id]} for r in sheet.rows],
        # Withdrawn items are few; titles of items outside this list are in downloads/fill/summary-meta.js
        # (one shared file, loaded on demand), not repeated for every checklist.
        "withdrawn": catalogue.withdrawn_reasons,
        # The latest edition's changes on this list, for the update notice and 本版修订 (hb-changes.js);
        # null when no earlier edition is recorded. Contract: docs-dev/editions.md.
        "changes": list_changes(catalogue, checklist.id, [i.id for i in checklist.items]),
    }


def _details(item, level: str = levels.AGENCY) -> str:
    context = getattr(item, "context", "") or ""
    components = getattr(item, "components", []) or []
    role = levels.role_line(item, level)
    out = f'<p class="hb-role">{escape_html(display(role))}</p>' if role else ""
    if components:
        out += '<ul class="hb-components">' + "".join(f"<li>{escape_html(display(c))}</li>" for c in components) + "</ul>"
    if context:
        out += f'<p class="hb-context">{escape_html(display(context))}</p>'
    return out


def _row(number: int, item, checklist, link: Linker) -> str:
    radios = "".join(
        f'<label><input type="radio" name="s-{item.id}" value="{value}"> <span>{label}</span></label>'
        for value, label in zip(STATUS_VALUES, STATUS_CHOICES))
    points = checklist.points[item.id] if checklist.points is not None else None
    level = levels.reader(checklist)
    title = display(levels.title_for(item, level))
    same = normalize(title) == normalize(item.text)
    requirement = (link.excerpt(item.text) if same
                   else f"<strong>{escape_html(title)}</strong><br>{link.excerpt(item.text)}")
    score = ""
    if checklist.points is not None:
        score = (f'<td class="hb-points">{checklist.points[item.id]}</td>'
                 f'<td><span class="hb-score" contenteditable="true" inputmode="numeric" data-max="{checklist.points[item.id]}"></span></td>')
    return (f'<tr id="cl-{item.id}" data-item="{item.id}" data-rev="{item_rev(item, points, level)}">'
            f'<td class="hb-cl-n">{number}</td>'
            f'<td class="hb-cl-id"><a href="{link.item_href(item)}">{item.id}</a></td>'
            f'<td class="hb-cl-req">{requirement}{_details(item, level)}</td>'
            f'<td class="hb-cl-subj">{"、".join(escape_html(s) for s in item.subjects)}</td>'
            f'<td class="hb-status" role="radiogroup" aria-label="{item.id} 完成情况">{radios}</td>'
            f'<td class="hb-cl-note"><div class="hb-note" contenteditable="true" role="textbox" aria-multiline="true" '
            f'aria-label="{item.id} 佐证材料/备注"></div></td>'
            f"{score}</tr>")


def _download_links(checklist, link: Linker, css: str = "", version: str = "") -> str:
    css_attr = f' class="{css}"' if css else ""
    return " ".join(f'<a{css_attr} href="{link.href(download_path(checklist, ext))}" '
                    f'download="{escape_html(download_name(checklist, ext, version))}">{label}</a>'
                    for ext, label in DOWNLOAD_FORMATS)


def checklist_index(catalogue, page: str | None = None, number: int = 1) -> str:
    paged = pager.paged_set(catalogue, site_map.CHECKLISTS)
    page = page or paged.page_name(number)
    link = Linker(catalogue, page)
    rows = "".join(
        f'<tr id="list-{c.id}"><td><a href="{link.href(site_map.checklist_page(c))}">{escape_html(c.title)}</a></td>'
        f"<td>{len(c.items)}</td><td>{escape_html(display(c.description))}</td>"
        f'<td class="hb-nowrap">{_download_links(c, link, version=catalogue.edition.version)}</td></tr>'
        for c in (unit.obj for unit in paged.units(number)))
    out = [f"# 对照检查清单{pager.title_suffix(paged, number)}", ""]
    if number == 1:
        out += ['<p class="hb-lead">按全部要求、责任主体、部分和五型选取条目的对照检查清单。可在浏览器中勾选和填写（自动保存在本机），'
                "可打印为 A4，也可下载 Word、Excel、CSV、PDF 文件。各单位填好的记录可在导航“填写汇总”页合并查看。</p>", ""]
    nav = pager.nav(paged, number, link)
    out += [nav, ""] if nav else []
    out += ['<div class="hb-table-wrap"><table class="hb-facet-table"><thead><tr><th>清单</th><th>条数</th><th>说明</th>'
            f"<th>下载</th></tr></thead><tbody>{rows}</tbody></table></div>", ""]
    nav = pager.nav(paged, number, link, top=False)
    out += [nav, ""] if nav else []
    return "\n".join(out).rstrip("\n")


def summary_page(catalogue, page: str = "checklists/summary.md") -> str:
    """汇总: several units' backups / filled .xlsx read in the browser only (summary.js draws, hb-summary.js decides)."""
    link = Linker(catalogue, page)
    scripts = "".join(f'<script src="{link.href(path)}"></script>' for path in (
        "downloads/fill/summary-meta.js", *STORE_SCRIPTS, "assets/javascripts/hb-summary.js",
        "assets/javascripts/hb-plan-model.js", "assets/javascripts/summary-files.js",
        "assets/javascripts/summary.js"))
    return "\n".join([
        "# 清单填写汇总", "",
        '<p class="hb-lead">机关党委等汇总单位在此载入各单位的“填写记录”备份文件（.json）或按空白模板填好的 Excel（.xlsx），'
        "查看各单位、各条目的完成情况，导出汇总 Excel 和汇总报告 Word。<strong>文件只在本浏览器中读取，不会上传或离开本机。</strong>"
        "已载入的文件保存在本机浏览器，下次打开仍在，直到点“清空”。</p>", "",
        '<div class="hb-cl-tools hb-sum-tools">'
        '<label class="md-button md-button--primary hb-import">载入各单位文件…'
        '<input type="file" data-hb-import-many multiple accept=".json,.xlsx" hidden></label>'
        '<label class="hb-sum-field">汇总单位 <input type="text" data-hb-summary-field="unit" placeholder="某机关机关党委"></label>'
        '<button type="button" class="md-button" data-hb-summary-export="xlsx" disabled>导出汇总 Excel</button>'
        '<button type="button" class="md-button" data-hb-summary-export="docx" disabled>汇总报告 Word</button>'
        '<button type="button" class="md-button" data-action="print">打印</button>'
        '<button type="button" class="md-button" data-action="clear-summary">清空</button></div>',
        '<div class="hb-sum-messages" aria-live="polite"></div>',
        '<div class="hb-summary"></div>',
        '<div class="hb-sum-print" aria-hidden="true"></div>',
        f'<p class="hb-edition">{escape_html(catalogue.edition.line)}</p>',
        scripts,
    ])
