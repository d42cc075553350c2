"""Find glossary terms in running text: leftmost, longest match, no overlaps."""

from __future__ import annotations

import re
from typing import Iterator

from .text import display


def trie_pattern(words) -> str:
    """One regex for many literal words, shaped as their trie: re tries a flat alternation
    word by word at every position (cost grows with the number of words), a trie character
    by character. Continuations come before "the word ends here", so at each position the
    longest word wins, as a longest-first alternation would."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


class TermMatcher:
    """Matches every spelling of every term in display text in one regex pass.

    The pattern is the spellings' trie, so at each position the longest spelling wins
    (双报到、双报告 before a shorter term inside it), and its cost does not grow with the
    size of the glossary.
    """

    def __init__(self, terms):
        self._by_spelling = {}
        for term in terms:
            for spelling in term.spellings:
                self._by_spelling.setdefault(display(spelling), term)
        self._pattern = re.compile(trie_pattern(self._by_spelling)) if self._by_spelling else None

    def finditer(self, text: str) -> Iterator[tuple[int, int, object]]:
        """Yield (start, end, term) for each occurrence in display(text)."""
        if self._pattern is None:
            return
        for match in self._pattern.finditer(display(text)):
            yield match.start(), match.end(), self._by_spelling[match.group()]
