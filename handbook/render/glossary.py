"""提法词典: every slogan, programme and metaphor, with its expansion, where it
appears and which items implement it (both computed, never typed)."""

from __future__ import annotations

from ..text import escape_html
from . import pager, site_map
from .html import Linker
from .pages import heading


def glossary_page(catalogue, page: str | None = None, number: int = 1) -> str:
    paged = pager.paged_set(catalogue, site_map.GLOSSARY)
    page = page or paged.page_name(number)
    link = Linker(catalogue, page)
    counts = {group.id: 0 for group in catalogue.groups}
    for term in catalogue.terms.values():
        counts[term.group] += 1
    jump = " · ".join(f'<a href="{link.href(site_map.GLOSSARY, g.id)}">{escape_html(g.name)}（{counts[g.id]}）</a>'
                      for g in catalogue.groups)
    out = [f"# 提法词典{pager.title_suffix(paged, number)}", "",
           f'<p class="hb-lead">讲话中的数字提法、工程活动和形象说法，共 {len(catalogue.terms)} 个。'
           f"正文中带虚线的提法可悬停查看展开、点击跳到这里。</p>",
           f'<p class="hb-jump">{jump}</p>', ""]
    nav = pager.nav(paged, number, link)
    out += [nav, ""] if nav else []
    for index, unit in enumerate(paged.units(number)):
        if unit.kind == "group":
            out += [heading(2, unit.obj.name, unit.obj.id), ""]
            continue
        if index == 0:   # the group began on an earlier page
            out += [heading(2, unit.group.name + "（续）", f"{unit.group.id}-p{number}"), ""]
        term = unit.obj
        out += [heading(3, term.heading, term.id), "", _entry(term, link), ""]
    nav = pager.nav(paged, number, link, top=False)
    out += [nav, ""] if nav else []
    return "\n".join(out)


def _entry(term, link: Linker) -> str:
    rows = []
    if term.expansion:
        parts = "".join(f"<li>{link.text(e, skip_term=term)}</li>" for e in term.expansion)
        rows.append(f'<dt>展开</dt><dd><ol class="hb-expansion">{parts}</ol></dd>')
    else:
        rows.append('<dt>展开</dt><dd class="hb-muted">讲话未逐项展开</dd>')
    if term.aliases:
        rows.append(f"<dt>原文写法</dt><dd>{'；'.join(link.text(a, link_terms=False) for a in term.aliases)}</dd>")
    if term.note:
        rows.append(f"<dt>{term.note_label}</dt><dd>{link.text(term.note_text, skip_term=term)}</dd>")
    places = " ".join(f'<a href="{link.paragraph_href(p)}">{p.id}</a>' for p in term.paragraphs)
    rows.append(f"<dt>出处</dt><dd>{places}</dd>")
    if term.items:
        items = "".join(f'<li><a href="{link.item_href(i)}">{i.id}</a> {escape_html(i.title)}</li>'
                        for i in term.items)
        rows.append(f'<dt>相关条目（{len(term.items)}）</dt><dd><ul class="hb-term-items">{items}</ul></dd>')
    return f'<dl class="hb-term-entry" data-term="{escape_html(term.id)}">{"".join(rows)}</dl>'
