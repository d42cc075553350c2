"""Small HTML builders shared by the page renderers. All text passes escape_html."""

from __future__ import annotations

from ..terms import TermMatcher
from ..text import GAP, display, escape_html
from . import site_map


class Linker:
    """Builds escaped HTML for running text, linking glossary terms to their entries."""

    def __init__(self, catalogue, page: str):
        self.catalogue = catalogue
        self.page = page
        self._matcher = _matcher_for(catalogue)

    def href(self, to_page: str, anchor: str = "") -> str:
        return escape_html(site_map.href(self.page, to_page, anchor))

    def item_href(self, item) -> str:
        return self.href(site_map.part_page(item.part), item.id)

    def term_href(self, term) -> str:
        return self.href(site_map.GLOSSARY, term.id)

    def paragraph_href(self, paragraph) -> str:
        return self.href(site_map.SOURCE, paragraph.id)

    def text(self, raw: str, link_terms: bool = True, skip_term=None) -> str:
        """Display text as HTML: Chinese punctuation, terms linked with a hover summary.

        `skip_term` suppresses self-links (a glossary entry does not link to itself).
        """
        shown = display(raw)
        if not link_terms:
            return escape_html(shown)
        out, position = [], 0
        for start, end, term in self._matcher.finditer(shown):
            if term is skip_term:
                continue
            out.append(escape_html(shown[position:start]))
            out.append(f'<a class="hb-term" href="{self.term_href(term)}" title="{escape_html(term.summary)}">'
                       f"{escape_html(shown[start:end])}</a>")
            position = end
        out.append(escape_html(shown[position:]))
        return "".join(out)

    def excerpt(self, raw: str) -> str:
        """An item's excerpt, with gap markers shown as a muted ellipsis."""
        parts = raw.split(GAP)
        return '<span class="hb-gap">……</span>'.join(self.text(p) for p in parts)


_MATCHERS: dict[int, TermMatcher] = {}


def _matcher_for(catalogue) -> TermMatcher:
    # One matcher per catalogue: compiling the alternation once per page would be wasted work.
    key = id(catalogue)
    if key not in _MATCHERS:
        _MATCHERS.clear()
        _MATCHERS[key] = TermMatcher(catalogue.terms.values())
    return _MATCHERS[key]


def badge(text: str, css: str) -> str:
    return f'<span class="hb-badge {css}">{escape_html(text)}</span>'


def subject_badges(item) -> str:
    return "".join(badge(s, "hb-subject") for s in item.subjects)


# The browser's store of the user's work, in load order: hb-record.js (schema, merge, edits; pure) and
# hb-text.js (user text written into files as plain text, never a formula or link; pure) before hb-store.js
# (localStorage, other tabs, files). Every page that keeps user work loads exactly these.
STORE_SCRIPTS = ("assets/javascripts/hb-record.js", "assets/javascripts/hb-text.js", "assets/javascripts/hb-store.js")


# What changed between editions (hb-changes.js, pure) and its notice (hb-changes-ui.js): checklists and plan.
CHANGE_SCRIPTS = ("assets/javascripts/hb-changes.js", "assets/javascripts/hb-changes-ui.js")


def store_scripts(link: Linker) -> str:
    return "".join(f'<script src="{link.href(path)}"></script>' for path in STORE_SCRIPTS)


def change_scripts(link: Linker) -> str:
    return "".join(f'<script src="{link.href(path)}"></script>' for path in CHANGE_SCRIPTS)
