"""Find glossary terms in running text: leftmost, longest match, no overlaps."""

from __future__ import annotations

import re
from typing import Iterator

from .text import display


class TermMatcher:
    """Matches every spelling of every term in display text in one regex pass.

    Alternatives are ordered longest first, so at each position the longest
    spelling wins (双报到、双报告 before a shorter term inside it).
    """

    def __init__(self, terms):
        self._by_spelling = {}
        for term in terms:
            for spelling in term.spellings:
                self._by_spelling.setdefault(display(spelling), term)
        spellings = sorted(self._by_spelling, key=len, reverse=True)
        self._pattern = re.compile("|".join(map(re.escape, spellings))) if spellings else None

    def finditer(self, text: str) -> Iterator[tuple[int, int, object]]:
        """Yield (start, end, term) for each occurrence in display(text)."""
        if self._pattern is None:
            return
        for match in self._pattern.finditer(display(text)):
            yield match.start(), match.end(), self._by_spelling[match.group()]
