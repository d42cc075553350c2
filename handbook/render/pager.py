"""The 分页 navigation of a long page split by handbook.paging (gc.html, gc-2.html …)."""

from __future__ import annotations

from .. import paging
from .html import Linker


def paged_set(catalogue, first_page: str) -> paging.PagedSet:
    return paging.layout(catalogue).sets[first_page]


def title_suffix(paged: paging.PagedSet, number: int) -> str:
    return f"（第 {number} 页）" if number > 1 else ""


def nav(paged: paging.PagedSet, number: int, link: Linker, top: bool = True) -> str:
    """Prev / page numbers / next; '' for a page that is not split.

    The top one names the anchor map (`data-hb-anchor-map`), which anchors.js loads when
    the address names an anchor that is on another page of the set."""
    if paged.count == 1:
        return ""

    def page_href(n: int) -> str:   # the current page links to itself by name, not "#"
        return paging.posix_name(paged.page_name(n)) if n == number else link.href(paged.page_name(n))

    parts = []
    if number > 1:
        parts.append(f'<a class="hb-pager-prev" rel="prev" href="{page_href(number - 1)}">上一页</a>')
    for n in range(1, paged.count + 1):
        current = ' aria-current="page"' if n == number else ""
        parts.append(f'<a href="{page_href(n)}"{current} aria-label="第 {n} 页">{n}</a>')
    if number < paged.count:
        parts.append(f'<a class="hb-pager-next" rel="next" href="{page_href(number + 1)}">下一页</a>')
    extra = ""
    if top:
        extra = (f' data-hb-set="{paged.key}" '
                 f'data-hb-anchor-map="{link.href(f"{paging.MAP_DIR}/{paged.key}.js")}"')
    return (f'<nav class="hb-pager" aria-label="分页（第 {number} 页，共 {paged.count} 页）"{extra}>'
            f'{"".join(parts)}</nav>')
