"""The cases page: 示例 / 来稿 / 警示 cases, browsable by kind, part and section, and 五型.

Browsing works without JavaScript: each grouping is a list of links to the case anchors,
so the page also works from file:// and in print.
"""

from __future__ import annotations

from ..cases import FORM_FIELDS, FORM_KINDS, KIND_GROUPS
from ..text import escape_html
from . import pager, site_map
from .html import Linker
from .pages import heading

CASE_FORM = "cases/submit.md"     # the 案例征集 page
DOCX_SCRIPT = "assets/vendor/docx/index.iife.js"   # the vendored docx library (defines window.docx), site-relative
BADGE = {label: css for label, _anchor, css in KIND_GROUPS}

NOTICE = ('<div class="admonition warning"><p class="admonition-title">示例与来稿</p>'
          "<p>标为“示例”“警示示例”的案例是编写组为说明如何落实条目而拟写的，不是真实事例；单位均以“某机关”代称，"
          "不含真实名称、人名、日期和数据。标为“来稿”的案例由报送单位提供，注明了来源。</p></div>")


def kind_badge(case) -> str:
    return f'<span class="hb-badge {BADGE[case.label]}" data-kind="{escape_html(case.label)}">{escape_html(case.label)}</span>'


def _links(cases, link: Linker) -> str:
    return "".join(f'<li><a href="{link.href(site_map.CASES, c.id)}">{escape_html(c.title)}</a> {kind_badge(c)}</li>'
                   for c in cases)


def _filters(catalogue, link: Linker) -> list[str]:
    cases = catalogue.cases
    jump = lambda anchor, text: f'<a href="{link.href(site_map.CASES, anchor)}">{text}</a>'   # noqa: E731
    return [heading(2, "浏览", "browse"), "",
            '<p class="hb-case-filters">按类别：' + "　".join(
                jump(anchor, label) for label, anchor, _css in KIND_GROUPS
                if any(c.label == label for c in cases))
            + "<br>按部分：" + "　".join(
                jump(f"part-{p.code.lower()}", escape_html(p.short_name)) for p in catalogue.parts
                if any(p in c.parts for c in cases))
            + "<br>按五型：" + "　".join(
                jump(f"type-{t.id}", escape_html(t.name)) for t in catalogue.types
                if any(t.name in c.types for c in cases)) + "</p>", "",
            heading(3, "按类别", "by-kind"), ""]


def _browse_unit(unit, link: Linker) -> list[str]:
    """One browse list (or its continuation) of the 浏览 section; see handbook.paging.cases_units."""
    if unit.kind == "kind":
        label, anchor, total, chunk, continued = unit.obj
        head = f"<p><strong>{label}</strong>（续）</p>" if continued else f'<p id="{anchor}"><strong>{label}</strong>（{total}）</p>'
        return [f"{head}<ul>{_links(chunk, link)}</ul>", ""]
    if unit.kind == "part":
        part, rows, continued = unit.obj
        items = "".join(f'<li id="sec-{section.key.lower()}"><a href="{link.href(site_map.part_page(part), section.key)}">'
                        f"{escape_html(section.label)}</a><ul>{_links(chosen, link)}</ul></li>" for section, chosen in rows)
        head = (f"<p><strong>{escape_html(part.short_name)}</strong>（续）</p>" if continued
                else f'<p id="part-{part.code.lower()}"><strong>{escape_html(part.short_name)}</strong></p>')
        return [f"{head}<ul>{items}</ul>", ""]
    entry, chunk, continued = unit.obj
    head = (f"<p><strong>{escape_html(entry.name)}</strong>（续）</p>" if continued
            else f'<p id="type-{entry.id}"><strong>{escape_html(entry.name)}</strong></p>')
    return [f"{head}<ul>{_links(chunk, link)}</ul>", ""]


def case_block(case, link: Linker) -> str:
    items = "".join(f'<li><a href="{link.item_href(i)}">{i.id}</a> {escape_html(i.title)}</li>' for i in case.items)
    meta = [kind_badge(case), escape_html(case.unit)]
    if case.date:
        meta.append(escape_html(case.date))
    parts = [f'<p class="hb-case-meta">{" ".join(meta)}</p>']
    if case.source:
        parts.append("<p><strong>来源</strong>　" + "；".join(
            f"{escape_html(k)}：{escape_html(v)}" for k, v in case.source.items()) + "</p>")
    parts.append(f"<p><strong>情况</strong>　{link.text(case.situation)}</p>")
    if case.problem:
        parts.append(f"<p><strong>问题</strong>　{link.text(case.problem)}</p>")
    if case.steps:
        parts.append("<p><strong>做法</strong></p><ol>" + "".join(f"<li>{link.text(s)}</li>" for s in case.steps) + "</ol>")
    if case.correction:
        parts.append("<p><strong>纠正</strong></p><ol>" + "".join(f"<li>{link.text(s)}</li>" for s in case.correction) + "</ol>")
    if case.outcome:
        parts.append(f"<p><strong>成效</strong>　{link.text(case.outcome)}</p>")
    if case.lessons:
        parts.append(f"<p><strong>经验</strong>　{link.text(case.lessons)}</p>")
    parts.append(f'<p><strong>{"违反的条目" if case.warning else "对应条目"}</strong></p><ul class="hb-term-items">{items}</ul>')
    return f'<div class="hb-case" data-case="{case.id}" data-kind="{escape_html(case.label)}">{"".join(parts)}</div>'


def cases_page(catalogue, page: str | None = None, number: int = 1) -> str:
    paged = pager.paged_set(catalogue, site_map.CASES)
    page = page or paged.page_name(number)
    link = Linker(catalogue, page)
    out = [f"# 案例{pager.title_suffix(paged, number)}", ""]
    if number == 1:
        out += [NOTICE, "", f'<p>想报送本单位的案例？请使用<a href="{link.href(CASE_FORM)}">案例征集表</a>。</p>', ""]
    nav = pager.nav(paged, number, link)
    out += [nav, ""] if nav else []
    for unit in paged.units(number):
        if unit.kind == "browse":     # the first unit of page 1
            out += _filters(catalogue, link)
        elif unit.kind == "heading":
            out += [heading(3, *unit.obj), ""]
        elif unit.kind == "all":
            out += [heading(2, "全部案例", "all"), ""]
        elif unit.kind == "case":
            out += [heading(3, unit.obj.title, unit.obj.id), "", case_block(unit.obj, link), ""]
        else:
            out += _browse_unit(unit, link)
    nav = pager.nav(paged, number, link, top=False)
    out += [nav, ""] if nav else []
    return "\n".join(out)


def _field(key: str, label: str, kind: str, hint: str) -> str:
    ident = "cf-" + key.replace("source.", "source-").replace("报送单位", "unit").replace("联系人", "contact")
    hint_html = f'<small id="{ident}-hint" class="hb-cf-hint">{escape_html(hint)}</small>'
    attrs = f'id="{ident}" data-key="{escape_html(key)}" data-kind="{kind}" aria-describedby="{ident}-hint"'
    if kind == "kind":
        options = "".join(f"<option>{k}</option>" for k in FORM_KINDS)
        control = f"<select {attrs}>{options}</select>"
    elif kind == "items":
        control = (f'<input type="search" id="{ident}-q" autocomplete="off" role="combobox" aria-expanded="false" '
                   f'aria-autocomplete="list" aria-controls="{ident}-list" aria-describedby="{ident}-hint" '
                   f'placeholder="例如：学习小组、LL1-05">'
                   f'<ul id="{ident}-list" role="listbox" class="hb-cf-options" aria-label="可选条目" hidden></ul>'
                   f'<ul {attrs} class="hb-cf-chosen" aria-label="已选条目" aria-live="polite"></ul>')
        return f'<div class="hb-cf-field"><label for="{ident}-q">{escape_html(label)}</label>{control}{hint_html}</div>'
    elif kind in ("text", "list"):
        control = f'<textarea {attrs} rows="{4 if kind == "list" else 3}"></textarea>'
    else:
        control = f'<input type="{"date" if kind == "date" else "text"}" {attrs}>'
    return f'<div class="hb-cf-field"><label for="{ident}">{escape_html(label)}</label>{control}{hint_html}</div>'


def blank_form_name(version: str) -> str:
    """Chinese file name of the blank 案例报送表 download (the URL stays downloads/case-form.docx)."""
    return f"案例报送表（{version}版）.docx"


def case_form_page(catalogue, page: str = CASE_FORM, blank_form: str = "downloads/case-form.docx",
                   items_script: str = "api/case-items.js") -> str:
    """The 案例征集 form: works offline; case-form.js turns the fields into YAML and Word."""
    import posixpath
    up = posixpath.relpath(".", posixpath.dirname(page) or ".")
    rel = lambda path: escape_html(posixpath.join(up, path))   # noqa: E731 (site-relative → page-relative)
    fields = "".join(_field(*f) for f in FORM_FIELDS)
    link = Linker(catalogue, page)
    return "\n".join([
        "# 案例征集", "",
        "<p>欢迎各单位报送落实讲话要求的案例，包括好的做法（来稿）和出现问题后纠正的案例（警示来稿）。"
        "在下面填写，点“生成 Word 报送表”得到填好的案例报送表；点“下载数据文件”得到 YAML 文件，"
        f"交编写组放入 <code>data/cases/</code>，经 <code>make check</code> 校验后收入<a href=\"{link.href(site_map.CASES)}\">案例</a>。"
        "填写内容随时保存在本机浏览器中，下次打开仍在，不会上传。</p>", "",
        f'<p>也可以下载<a href="{rel(blank_form)}" download="{escape_html(blank_form_name(catalogue.edition.version))}">'
        '空白案例报送表（Word）</a>手工填写。</p>', "",
        f'<form id="hb-case-form" class="hb-case-form" data-docx-src="{rel(DOCX_SCRIPT)}" '
        f'data-edition="{escape_html(catalogue.edition.line)}" novalidate>{fields}'
        '<p class="hb-cf-actions"><button type="button" class="md-button md-button--primary" id="cf-word">生成 Word 报送表</button> '
        '<button type="button" class="md-button" id="cf-yaml">下载数据文件（YAML）</button></p>'
        '<p id="cf-status" role="status" aria-live="polite"></p></form>', "",
        f'<script src="{rel(items_script)}"></script>',
        f'<script src="{rel("assets/javascripts/hb-text.js")}"></script>',
        f'<script src="{rel("assets/javascripts/case-form.js")}"></script>', ""])
