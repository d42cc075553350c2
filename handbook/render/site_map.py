"""Where each thing lives in the built site, and relative links between pages.

The site is built with `use_directory_urls: false`, so `gc.md` becomes `gc.html`
and every link also works when the site is opened from disk (file://).
"""

from __future__ import annotations

import functools
import posixpath

HOME = "index.md"
SOURCE = "source.md"
GLOSSARY = "glossary.md"
BY_SUBJECT = "browse/subjects.md"
BY_KIND = "browse/kinds.md"
BY_TYPE = "browse/types.md"
CHECKLISTS = "checklists/index.md"
CASES = "cases.md"
CHANGES = "changes.md"          # 修订说明
BOOKLET = "downloads/booklet.pdf"   # the whole handbook as one A4 PDF (export/booklet.py writes it)


def booklet_name(edition) -> str:
    """The booklet's Chinese download name."""
    return f"{edition.name}-{edition.version}（全书）.pdf"

# The browse-by-facet pages (render/facets.py draws them, paging.py splits them).
FACETS = {
    # facet attribute: (page, page title, vocabulary attribute, note shown under the title)
    "subjects": (BY_SUBJECT, "按责任主体浏览", "subjects", "一条要求可有多个责任主体，分别计入。"),
    "kind": (BY_KIND, "按工作类别浏览", "kinds", "每条要求归入一个工作类别（编者归类）。"),
    "types": (BY_TYPE, "按五型浏览", "types",
              "讲话未逐条对应五型，此处为编者依据内容所作归类，一条要求可归入多型；未归类的条目不列出。"),
}


def part_page(part) -> str:
    return f"{part.code.lower()}.md"


def checklist_page(checklist) -> str:
    return f"checklists/{checklist.id}.md"


def html_path(page: str) -> str:
    """Site-relative path of the built page."""
    return page[:-3] + ".html" if page.endswith(".md") else page


class _Unpaged:
    @staticmethod
    def locate(page: str, anchor: str) -> str:
        return page


_layout = _Unpaged()


def use_layout(layout) -> None:
    """Resolve every link against this page split (handbook.paging.attach calls it)."""
    global _layout
    _layout = layout


def locate(page: str, anchor: str = "") -> str:
    """The page that holds `anchor`: page 1 of a long page, or one of its continuations (gc-2.md)."""
    return _layout.locate(page, anchor)


def href(from_page: str, to_page: str, anchor: str = "") -> str:
    """Relative link from one docs page to the page holding `anchor` (and the anchor)."""
    to_page = _layout.locate(to_page, anchor)
    relative = "" if to_page == from_page else _relative(from_page, to_page)
    return f"{relative}#{anchor}" if anchor else (relative or "#")


@functools.lru_cache(maxsize=4096)
def _relative(from_page: str, to_page: str) -> str:
    # posixpath.relpath is slow and a page links to the same few pages thousands of times.
    return posixpath.relpath(html_path(to_page), posixpath.dirname(from_page) or ".")


def site_url(page: str, anchor: str = "") -> str:
    """Site-relative URL, as used in the JSON exports and the search index."""
    return html_path(_layout.locate(page, anchor)) + (f"#{anchor}" if anchor else "")


def item_url(item) -> str:
    return site_url(part_page(item.part), item.id)


def term_url(term) -> str:
    return site_url(GLOSSARY, term.id)


def paragraph_url(paragraph) -> str:
    return site_url(SOURCE, paragraph.id)
