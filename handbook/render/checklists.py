"""对照检查清单 pages: a fillable table in the browser that prints cleanly on A4.

The page works without JavaScript (radios and editable cells are plain HTML);
checklist.js adds saving to localStorage, progress, 清空 and 打印.
"""

from __future__ import annotations

import hashlib

from ..sheet import BLANK_FIELDS, STATUS_CHOICES
from ..text import display, escape_html
from . import site_map
from .html import Linker

DOWNLOAD_FORMATS = (("docx", "Word"), ("xlsx", "Excel"), ("csv", "CSV"), ("pdf", "PDF"))
STATUS_VALUES = ("done", "doing", "todo")   # stored values for STATUS_CHOICES, in the same order


def download_path(checklist, extension: str) -> str:
    """Site-relative path of a download, e.g. downloads/dangzhibu.docx."""
    return f"downloads/{checklist.id}.{extension}"


def checklist_version(checklist) -> str:
    """Changes whenever the checklist's rows change, so saved ticks never land on the wrong row."""
    digest = hashlib.sha1()
    for item in checklist.items:
        score = checklist.points[item.id] if checklist.points else ""
        digest.update(f"{item.id}\t{item.title}\t{item.text}\t{score}\n".encode())
    return digest.hexdigest()[:10]


def checklist_page(catalogue, checklist_id: str, page: str | None = None) -> str:
    checklist = catalogue.checklist(checklist_id)
    page = page or site_map.checklist_page(checklist)
    link = Linker(catalogue, page)
    scored = checklist.points is not None
    downloads = _download_links(checklist, link, "md-button hb-download")
    blanks = "".join(
        f'<span class="hb-blank"><span>{name}：</span><span class="hb-fill" contenteditable="true" '
        f'data-field="{name}"></span></span>' for name in BLANK_FIELDS)
    columns = ["序号", "编号", "要求", "责任主体", "完成情况", "佐证材料/备注"] + (["分值", "得分"] if scored else [])
    head = "".join(f'<th class="hb-col-{i}">{c}</th>' for i, c in enumerate(columns))
    rows = [_row(n, item, checklist, link) for n, item in enumerate(checklist.items, start=1)]
    total = ""
    if scored:
        total = (f'<tfoot><tr><td colspan="6" class="hb-total-label">合计</td><td>{checklist.total}</td>'
                 f'<td class="hb-score-total"></td></tr></tfoot>')
    out = [
        f"# {escape_html(checklist.title)}", "",
        f'<p class="hb-lead">{link.text(checklist.description)}（共 {len(checklist.items)} 条）</p>', "",
        f'<div class="hb-cl-tools" data-js-only>'
        f'<button type="button" class="md-button md-button--primary" data-action="print">打印</button>'
        f'<button type="button" class="md-button" data-action="clear">清空</button>'
        f'<span class="hb-progress" aria-live="polite"></span></div>',
        f'<p class="hb-cl-downloads">下载：{downloads}</p>', "",
        f'<div class="hb-print-title"><p class="hb-print-name">{escape_html(checklist.title)}</p>'
        f'<p class="hb-blanks">{blanks}</p></div>', "",
        f'<div class="hb-table-wrap"><table class="hb-checklist" data-checklist="{checklist.id}" '
        f'data-version="{checklist_version(checklist)}">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody>{total}</table></div>", "",
        f'<p class="hb-edition">五型模范机关建设手册 · 清单版本 {checklist_version(checklist)}</p>',
    ]
    return "\n".join(out)


def _row(number: int, item, checklist, link: Linker) -> str:
    radios = "".join(
        f'<label><input type="radio" name="s-{item.id}" value="{value}"> {label}</label>'
        for value, label in zip(STATUS_VALUES, STATUS_CHOICES))
    score = ""
    if checklist.points is not None:
        score = (f'<td class="hb-points">{checklist.points[item.id]}</td>'
                 f'<td><span class="hb-score" contenteditable="true" inputmode="numeric" data-max="{checklist.points[item.id]}"></span></td>')
    return (f'<tr id="cl-{item.id}" data-item="{item.id}">'
            f"<td>{number}</td>"
            f'<td class="hb-cl-id"><a href="{link.item_href(item)}">{item.id}</a></td>'
            f'<td><strong>{escape_html(item.title)}</strong><br>{link.excerpt(item.text)}</td>'
            f'<td>{"、".join(escape_html(s) for s in item.subjects)}</td>'
            f'<td class="hb-status">{radios}</td>'
            f'<td><div class="hb-note" contenteditable="true"></div></td>'
            f"{score}</tr>")


def _download_links(checklist, link: Linker, css: str = "") -> str:
    css_attr = f' class="{css}"' if css else ""
    return " ".join(f'<a{css_attr} href="{link.href(download_path(checklist, ext))}" download>{label}</a>'
                    for ext, label in DOWNLOAD_FORMATS)


def checklist_index(catalogue, page: str = site_map.CHECKLISTS) -> str:
    link = Linker(catalogue, page)
    rows = "".join(
        f'<tr><td><a href="{link.href(site_map.checklist_page(c))}">{escape_html(c.title)}</a></td>'
        f"<td>{len(c.items)}</td><td>{escape_html(display(c.description))}</td>"
        f'<td class="hb-nowrap">{_download_links(c, link)}</td></tr>'
        for c in catalogue.checklists)
    return "\n".join([
        "# 对照检查清单", "",
        '<p class="hb-lead">按全部要求、责任主体、部分和五型选取条目的对照检查清单。可在浏览器中勾选和填写（自动保存在本机），'
        "可打印为 A4，也可下载 Word、Excel、CSV、PDF 文件。</p>", "",
        '<div class="hb-table-wrap"><table class="hb-facet-table"><thead><tr><th>清单</th><th>条数</th><th>说明</th>'
        f"<th>下载</th></tr></thead><tbody>{rows}</tbody></table></div>",
    ])
