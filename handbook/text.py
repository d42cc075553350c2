"""Text helpers: width normalisation, Chinese display punctuation, escaping."""

from __future__ import annotations

import functools
import html
import re
import unicodedata

GAP = "……"  # marks a gap between fragments of a non-contiguous excerpt

# The source mixes ASCII punctuation into Chinese text; readers see full-width.
_DISPLAY_PUNCT = str.maketrans({",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "?": "？", "!": "！"})
_WHITESPACE = re.compile(r"\s+")


def normalize(text: str) -> str:
    """Width-normalised form used for every text comparison (NFKC, no whitespace)."""
    return _WHITESPACE.sub("", unicodedata.normalize("NFKC", text))


def display(text: str) -> str:
    """Text as readers see it: ASCII ,:;()?! become their Chinese full-width forms."""
    return text.translate(_DISPLAY_PUNCT)


def fragments(excerpt: str) -> list[str]:
    """Split an excerpt at gap markers into the fragments that must occur in order."""
    return [f for f in excerpt.split(GAP) if f.strip()]


def find_in_order(excerpt: str, paragraph: str) -> int | None:
    """Return the normalised start offset of the excerpt in the paragraph, or None.

    Every fragment must occur in the paragraph after the previous one; one pass.
    """
    haystack = normalize_paragraph(paragraph)
    position, start = 0, None
    for fragment in fragments(excerpt):
        needle = normalize(fragment)
        found = haystack.find(needle, position)
        if found < 0:
            return None
        if start is None:
            start = found
        position = found + len(needle)
    return start


# Every item, context and component of a paragraph is looked up in it: normalise it once.
normalize_paragraph = functools.lru_cache(maxsize=1024)(normalize)


# Python-Markdown's backslash-escapable characters, plus those that start HTML.
_MD_SPECIAL = set("\\`*_{}[]()>#+-.!")


def escape_markdown(text: str) -> str:
    """Escape text for inline Markdown so `***`, `[x]` or `{#…}` stay literal."""
    out = []
    for ch in text:
        if ch in _MD_SPECIAL:
            out.append("\\" + ch)
        elif ch == "<":
            out.append("&lt;")
        elif ch == "&":
            out.append("&amp;")
        elif ch == "|":
            out.append("&#124;")
        else:
            out.append(ch)
    return "".join(out)


def escape_html(text: str) -> str:
    """Escape text for HTML; braces become entities so no template engine sees `{{`."""
    return html.escape(text, quote=True).replace("{", "&#123;").replace("}", "&#125;")
