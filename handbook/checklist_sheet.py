"""A checklist as its table (Sheet) and its four downloads' formats and paths.

The one module both the checklist page (render/checklists.py: links, the meta script) and the
files (export/downloads.py: Word, Excel, CSV, PDF) take them from, so neither imports the other.
"""

from __future__ import annotations

import functools

from . import levels
from .sheet import Sheet, SheetRow
from .text import display

DOWNLOAD_FORMATS = (("docx", "Word"), ("xlsx", "Excel"), ("csv", "CSV"), ("pdf", "PDF"))


def download_path(checklist, extension: str) -> str:
    """Site-relative path of a download, e.g. downloads/dangzhibu.docx."""
    return f"downloads/{checklist.id}.{extension}"


def sheet_for(checklist, edition) -> Sheet:
    """The checklist as a Sheet (the downloads and the page's meta script both use it: made once)."""
    return _sheet(checklist, edition, edition.build_date)


@functools.lru_cache(maxsize=None)
def _sheet(checklist, edition, build_date: str) -> Sheet:   # build_date follows SOURCE_DATE_EPOCH
    level = levels.reader(checklist)       # each level's list asks what that level does
    rows = tuple(
        SheetRow(number, item.id, display(levels.title_for(item, level)), display(item.text), tuple(item.subjects),
                 checklist.points[item.id] if checklist.points is not None else None,
                 context=item.context, components=tuple(item.components), role=levels.role_line(item, level))
        for number, item in enumerate(checklist.items, start=1))
    return Sheet(checklist.id, checklist.title, display(checklist.description), edition.name,
                 edition.version, build_date, rows)
