"""Continuation stubs: the committed docs/gc-2.md … files a long page needs (handbook/paging.py
decides how many). `python -m handbook pages` writes and deletes them (write_stubs);
handbook/validations/page_stubs.py checks them. Generated stubs carry STUB_NOTE, so a page an
editor wrote is never taken for one.
"""

from __future__ import annotations

import re
from pathlib import Path

STUB_NOTE = "{# 续页：由 `python -m handbook pages` 生成；数据变化后再运行一次 #}"
STUB_NAME = re.compile(r"^(?P<base>.+)-(?P<n>[0-9]+)\.md$")


def write_stubs(root: Path, current) -> tuple[list[str], list[str]]:
    """Write the stubs of `current` (a paging.Layout) and delete stale generated ones; returns (written, removed)."""
    docs = root / "docs"
    wanted = current.stubs()
    written, removed = [], []
    for path, text in sorted(wanted.items()):
        target = docs / path
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
            written.append(path)
    for target in sorted(docs.rglob("*.md")):
        path = target.relative_to(docs).as_posix()
        match = STUB_NAME.match(path)
        if (path not in wanted and match and f"{match['base']}.md" in current.sets
                and STUB_NOTE in target.read_text(encoding="utf-8")):
            target.unlink()
            removed.append(path)
    return written, removed
