"""Entry point of the core: load and validate all data into a Catalogue.

The steps, in order: load (files → RawData, each checked against its schema), validate
(handbook/validate.py wires handbook/validations/: RawData → Catalogue), lay out (handbook/paging.py:
which long page goes on gc.html, gc-2.html …), check the continuation stubs that layout needs
(handbook/validations/page_stubs.py). Render and export only ever see a catalogue that passed all four.
"""

from __future__ import annotations

import sys
from pathlib import Path

from . import paging
from .errors import ErrorReport, HandbookDataError
from .load import load_raw
from .model import Catalogue
from .stubs import write_stubs
from .validate import validate_and_link
from .validations.page_stubs import check_stubs


def load_catalogue(root: Path | str, stubs: bool = True, unpublished_ok: bool = False) -> Catalogue:
    """Load everything under root/data; raise HandbookDataError listing every problem.

    stubs=False skips the stub check (for `python -m handbook pages`, which is about to write them);
    unpublished_ok=True accepts items not yet in data/published-ids.txt (for `publish`, which registers them)."""
    root = Path(root)
    report = ErrorReport()
    raw = load_raw(root, report)
    raw.published_list = raw.published_list and not unpublished_ok
    catalogue = validate_and_link(raw, report)
    if report or catalogue is None:
        raise HandbookDataError(report.errors)
    # Links resolve against the page split from here on.
    layout = paging.attach(catalogue)
    if stubs:
        check_stubs(layout, raw.docs_pages, lambda path: (root / "docs" / path).read_text(encoding="utf-8"), report)
        if report:
            raise HandbookDataError(report.errors)
    return catalogue


def load_or_report(root: Path | str, **options) -> Catalogue | None:
    """For commands: the catalogue, or None after printing every data error to stderr."""
    try:
        return load_catalogue(root, **options)
    except HandbookDataError as exc:
        print(exc, file=sys.stderr)
        return None


def update_stubs(root: Path | str) -> tuple[list[str], list[str]]:
    """`python -m handbook pages`: lay out root's data (stubs unchecked) and write its stubs.

    Raises HandbookDataError for any data error other than the stubs themselves."""
    catalogue = load_catalogue(root, stubs=False)
    return write_stubs(Path(root), paging.layout(catalogue))
