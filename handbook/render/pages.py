"""The handbook's core pages: home, one page per part, and the source text.

Each function returns Markdown for one page. Headings are Markdown (so they get
TOC entries and search sections); everything taken from data is escaped.
"""

from __future__ import annotations

from ..text import display, escape_html, escape_markdown
from . import pager, site_map
from .html import Linker, badge, subject_badges


def heading(level: int, text: str, anchor: str) -> str:
    # attr_list sets the anchor; the text is escaped so `{`, `*` or `#` stay literal.
    return f"{'#' * level} {escape_markdown(text)} {{ #{anchor} }}"


def _item_block(item, link: Linker) -> str:
    meta = [
        subject_badges(item),
        badge(item.kind, "hb-kind"),
        "".join(badge(t, "hb-type") for t in item.types),
        f'<a class="hb-source" href="{link.paragraph_href(item.source)}">原文 {item.source.id}</a>',
    ]
    withdrawn = f'<p class="hb-withdrawn">已撤销：{escape_html(item.withdrawn)}</p>' if item.withdrawn else ""
    # Who does what (issue 21): each level's verb, and the editors' recorded decision, marked as theirs.
    levels = ("；".join(f"{escape_html(who)}{escape_html(verb)}" for who, verb in item.levels.items()))
    levels = f'<p class="hb-levels">各层面职责（编者说明）：{levels}</p>\n' if levels else ""
    note = (f'<p class="hb-editor-note">编者说明：{escape_html(display(item.editor_note).removeprefix("编者决定："))}</p>\n'
            if getattr(item, "editor_note", "") else "")
    return (f'<div class="hb-item" data-item="{item.id}">\n'
            f'<p class="hb-item-text">{link.excerpt(item.text)}</p>\n'
            f'<p class="hb-item-meta">{"".join(meta)}</p>\n'
            f"{levels}{note}{withdrawn}"
            f"{related_block(item, link)}"
            "</div>")


def related_block(item, link: Linker) -> str:
    """相关: the terms an item uses and the items that share a term or a section."""
    rows = []
    if item.terms:
        terms = "、".join(f'<a href="{link.term_href(t)}">{escape_html(t.term)}</a>' for t in item.terms)
        rows.append(f"<dt>提法</dt><dd>{terms}</dd>")
    shared, more = shared_term_items(item, RELATED_LIMIT)
    if shared:
        links = " ".join(f'<a href="{link.item_href(o)}" title="{escape_html(o.title)}">{o.id}</a>' for o in shared)
        if more:  # the full list is the glossary entry's: an item page stays small at any scale
            links += f' <a class="hb-more" href="{link.term_href(item.terms[0])}">更多……</a>'
        rows.append(f"<dt>同一提法</dt><dd>{links}</dd>")
    section = item.section
    if len(section.items) > 1:
        rows.append(f'<dt>同一方面</dt><dd><a href="{link.href(site_map.part_page(item.part), section.key)}">'
                    f'{escape_html(section.label or item.part.short_name)}（{len(section.items)} 条）</a></dd>')
    if item.checklists:
        links = "、".join(f'<a href="{link.href(site_map.checklist_page(c), f"cl-{item.id}")}">{escape_html(c.title)}</a>'
                         for c in item.checklists)
        rows.append(f"<dt>所在清单</dt><dd>{links}</dd>")
    if item.cases:
        links = "、".join(f'<a href="{link.href(site_map.CASES, c.id)}">{escape_html(c.title)}</a>' for c in item.cases)
        rows.append(f"<dt>示例案例</dt><dd>{links}</dd>")
    if not rows:
        return ""
    return f'<details class="hb-related"><summary>相关</summary><dl>{"".join(rows)}</dl></details>\n'


RELATED_LIMIT = 8  # 同一提法 links shown on an item; the rest are one click away in the glossary


def shared_term_items(item, limit: int):
    """Up to `limit` other items sharing a term with this one, and whether there are more.

    Stops at the limit, so the work per item does not grow with the catalogue."""
    seen, out = {item.id}, []
    for term in item.terms:
        for other in term.items:
            if other.id in seen:
                continue
            if len(out) == limit:
                return out, True
            seen.add(other.id)
            out.append(other)
    return out, False


def _paragraph_block(paragraph, link: Linker) -> str:
    return (f'<div class="hb-para">\n<p>{link.text(paragraph.text)}'
            f' <a class="hb-source" href="{link.paragraph_href(paragraph)}">原文 {paragraph.id}</a></p>\n</div>')


def home_page(catalogue, page: str = site_map.HOME) -> str:
    link = Linker(catalogue, page)
    parts = [p for p in catalogue.parts if p.number > 0]
    preamble = catalogue.parts[0]
    out = [
        f"# {escape_markdown(display(catalogue.title.text))}",
        "",
        '<div class="hb-goal">',
        f'<p class="hb-goal-label">总目标</p><p class="hb-goal-name">“{link.text(catalogue.goal, link_terms=False)}”</p>',
        f'<p class="hb-goal-req"><span>总要求</span> {link.text(catalogue.requirement, link_terms=False)}</p>',
        f'<p class="hb-goal-count">{len(parts)} 个部分 · {sum(len(p.sections) for p in parts)} 个方面 · '
        f'{len(catalogue.active_items)} 条要求 · {len(catalogue.terms)} 个提法</p>',
        "</div>",
        "",
        _quick_links(link),
        _booklet_link(catalogue, link),
        "",
        '<div class="hb-cards">',
        _card(preamble, link),
        *(_card(part, link) for part in parts),
        "</div>",
        "",
    ]
    return "\n".join(out)


QUICK_LINKS = (("提法词典", site_map.GLOSSARY), ("按责任主体", site_map.BY_SUBJECT), ("按工作类别", site_map.BY_KIND),
               ("按五型", site_map.BY_TYPE), ("对照检查清单", site_map.CHECKLISTS), ("示例案例", site_map.CASES),
               ("讲话原文", site_map.SOURCE))


def _booklet_link(catalogue, link: Linker) -> str:
    """The whole handbook as one A4 PDF (handbook/export/booklet.py); contract: a[data-hb-booklet]."""
    edition = catalogue.edition
    return (f'<p class="hb-booklet"><a class="md-button" data-hb-booklet href="{link.href(site_map.BOOKLET)}" '
            f'download="{escape_html(site_map.booklet_name(edition))}">下载全书 PDF（A4，{escape_html(edition.version)} 版，'
            f'带目录和页码，可打印印发）</a></p>')


def _quick_links(link: Linker) -> str:
    links = "".join(f'<a class="md-button" href="{link.href(page)}">{label}</a>' for label, page in QUICK_LINKS)
    return f'<p class="hb-quick">{links}</p>'


def _card(part, link: Linker) -> str:
    page = site_map.part_page(part)
    number = f'<span class="hb-card-no">{"〇一二三四五六七八九"[part.number]}</span>' if part.number else ""
    positioning = f'<span class="hb-card-pos">{escape_html(part.positioning)}</span>' if part.positioning else ""
    sections = "".join(
        f'<li><a href="{link.href(page, s.key)}">{escape_html(s.label)}</a>'
        f'<span class="hb-count">{len(s.items)}</span></li>'
        for s in part.sections)
    title = escape_html(part.title) if part.number else "讲话开篇提出的总目标、总要求和总体部署"
    return (f'<div class="hb-card" id="card-{part.code}">'
            f'<p class="hb-card-head">{number}<a href="{link.href(page)}">{escape_html(part.short_name)}</a>{positioning}</p>'
            f'<p class="hb-card-title">{title}</p>'
            f'<ul>{sections}</ul>'
            f'<p class="hb-card-foot"><a href="{link.href(page)}">{len(part.items)} 条要求 →</a></p>'
            "</div>")


def part_page(catalogue, code: str, page: str | None = None, number: int = 1) -> str:
    """A part's sections and items; `number` > 1 renders a continuation page (gc-2.md)."""
    part = catalogue.part(code)
    paged = pager.paged_set(catalogue, site_map.part_page(part))
    page = page or paged.page_name(number)
    link = Linker(catalogue, page)
    out = [f"# {escape_markdown(part.numbered_title + pager.title_suffix(paged, number))}", ""]
    if part.number and number == 1:
        out += [f'<p class="hb-part-meta">{badge(part.short_name, "hb-short")}{badge(part.positioning, "hb-pos")}'
                f'<span>{len(part.items)} 条要求</span></p>', ""]
    out += _nav_lines(paged, number, link, top=True)
    units = paged.units(number)
    for index, unit in enumerate(units):
        if unit.kind == "section":
            section = unit.obj
            out += [heading(2, _section_label(section), section.key), "", _paragraph_block(section.paragraph, link), ""]
            continue
        if index == 0 and unit.group is not None:   # the section began on an earlier page
            out += [heading(2, _section_label(unit.group) + "（续）", f"{unit.group.key}-p{number}"), ""]
        item = unit.obj
        out += [heading(3, f"{item.id} {display(item.title)}", item.id), "", _item_block(item, link), ""]
    out += _nav_lines(paged, number, link, top=False)
    return "\n".join(out)


def _section_label(section) -> str:
    return section.label if section.number else ("开篇" if section.part.number else "讲话开篇")


def _nav_lines(paged, number: int, link: Linker, top: bool) -> list[str]:
    nav = pager.nav(paged, number, link, top)
    return [nav, ""] if nav else []


def source_page(catalogue, page: str | None = None, number: int = 1) -> str:
    """The speech paragraph by paragraph, each anchored, with the items drawn from it."""
    paged = pager.paged_set(catalogue, site_map.SOURCE)
    page = page or paged.page_name(number)
    link = Linker(catalogue, page)
    out = []
    if number > 1:   # page 1 opens with the speech's title paragraph
        out += [f"# {escape_markdown(display(catalogue.title.text) + pager.title_suffix(paged, number))}", ""]
    top = _nav_lines(paged, number, link, top=True)
    if number > 1:
        out += top
    for paragraph in (unit.obj for unit in paged.units(number)):
        if paragraph.role == "title":
            out += [f"# {escape_markdown(display(paragraph.text))} {{ #{paragraph.id} }}", "", *top]
            continue
        if paragraph.role == "heading":
            out += [heading(2, display(paragraph.text), paragraph.id), ""]
            continue
        items = " ".join(f'<a href="{link.item_href(i)}" title="{escape_html(i.title)}">{i.id}</a>'
                         for i in paragraph.items)
        drawn = f'<p class="hb-drawn">本段条目：{items}</p>' if items else ""
        out += [f'<div class="hb-source-para" id="{paragraph.id}">\n'
                f'<p><span class="hb-pid">{paragraph.id}</span>{link.text(paragraph.text)}</p>\n'
                f"{drawn}\n</div>", ""]
    out += _nav_lines(paged, number, link, top=False)
    return "\n".join(out)
