"""Page stubs: every continuation page the layout needs is committed, and no generated stub is left
over. Runs after validation, once the layout is known (handbook/catalogue.py)."""

from __future__ import annotations

from ..stubs import STUB_NAME, STUB_NOTE


def check_stubs(current, docs_pages: set[str], docs_text, report) -> None:
    """`current` is the paging.Layout. Every continuation page has its stub; generated stubs for pages
    that no longer exist are errors."""
    wanted = current.stubs()
    for path in sorted(wanted):
        if path not in docs_pages:
            report.add("page-missing", f"docs/{path}", None,
                       f"{path.rsplit('-', 1)[0]}.md 现在排到了这一页，但缺少它的续页桩文件")
    for path in sorted(docs_pages - set(wanted)):
        match = STUB_NAME.match(path)
        if match and f"{match['base']}.md" in current.sets and STUB_NOTE in docs_text(path):
            report.add("page-stale", f"docs/{path}", None,
                       f"{match['base']}.md 现在只有 {current.sets[match['base'] + '.md'].count} 页，这个续页桩文件多余了")
