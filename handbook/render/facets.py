"""Browse by facet: 责任主体, 工作类别, 五型. Plain HTML tables, so they work without JavaScript."""

from __future__ import annotations

from ..text import escape_html
from . import pager, site_map
from .html import Linker
from .pages import heading
from .site_map import FACETS

# Heading of the matrix's first column (an empty header cell has no accessible name).
COLUMN = {"subjects": "责任主体", "kind": "工作类别", "types": "五型"}


def facet_page(catalogue, facet: str, page: str | None = None, number: int = 1) -> str:
    default_page, title, vocabulary_attr, note = FACETS[facet]
    paged = pager.paged_set(catalogue, default_page)
    page = page or paged.page_name(number)
    link = Linker(catalogue, page)
    vocabulary = getattr(catalogue, vocabulary_attr)
    groups = catalogue.items_by(facet)
    out = [f"# {title}{pager.title_suffix(paged, number)}", "", f'<p class="hb-lead">{escape_html(note)}</p>', ""]
    nav = pager.nav(paged, number, link)
    out += [nav, ""] if nav else []
    rows: list[str] = []

    def flush() -> None:
        if rows:
            out.extend([f'<div class="hb-table-wrap"><table class="hb-facet-table"><thead><tr><th>编号</th><th>要求</th>'
                        f'<th>出处</th></tr></thead><tbody>{"".join(rows)}</tbody></table></div>', ""])
            rows.clear()

    for index, unit in enumerate(paged.units(number)):
        if unit.kind == "matrix":
            out += [_matrix(catalogue, facet, vocabulary, groups, link), ""]
        elif unit.kind == "entry":
            flush()
            entry, items = unit.obj, groups[unit.obj.name]
            out += [heading(2, f"{entry.name}（{len(items)}）", entry.id), ""]
            if entry.note:
                out += [f'<p class="hb-muted">{escape_html(entry.note)}</p>', ""]
            if not items:
                out += ['<p class="hb-muted">暂无条目。</p>', ""]
        else:
            if index == 0:   # the entry began on an earlier page
                entry = unit.group
                out += [heading(2, f"{entry.name}（{len(groups[entry.name])}）（续）", f"{entry.id}-p{number}"), ""]
            i = unit.obj
            rows.append(f'<tr><td><a href="{link.item_href(i)}">{i.id}</a></td><td>{escape_html(i.title)}</td>'
                        f'<td><a href="{link.href(site_map.part_page(i.part), i.section.key)}">'
                        f"{escape_html(i.part.short_name)} · {escape_html(i.section.label)}</a></td></tr>")
    flush()
    nav = pager.nav(paged, number, link, top=False)
    out += [nav, ""] if nav else []
    return "\n".join(out)


def _matrix(catalogue, facet: str, vocabulary, groups, link: Linker) -> str:
    """Counts per entry and part; each entry links to its section of the page."""
    parts = catalogue.parts
    page = FACETS[facet][0]
    head = "".join(f'<th scope="col">{escape_html(p.short_name)}</th>' for p in parts)
    rows = []
    for entry in vocabulary:
        items = groups[entry.name]
        counts = [sum(1 for i in items if i.part is p) for p in parts]
        cells = "".join(f"<td>{c or ''}</td>" for c in counts)
        rows.append(f'<tr><th scope="row"><a href="{link.href(page, entry.id)}">{escape_html(entry.name)}</a></th>'
                    f"<td><strong>{len(items)}</strong></td>{cells}</tr>")
    return (f'<div class="hb-table-wrap"><table class="hb-matrix"><thead><tr><th scope="col">{COLUMN[facet]}</th>'
            f'<th scope="col">合计</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>')
