"""Entry point of the core: load and validate all data into a Catalogue."""

from __future__ import annotations

import sys
from pathlib import Path

from .errors import ErrorReport, HandbookDataError
from .load import load_raw
from .model import Catalogue
from .validate import validate_and_link


def load_catalogue(root: Path | str) -> Catalogue:
    """Load everything under root/data; raise HandbookDataError listing every problem."""
    report = ErrorReport()
    raw = load_raw(Path(root), report)
    catalogue = validate_and_link(raw, report)
    if report or catalogue is None:
        raise HandbookDataError(report.errors)
    return catalogue


def load_or_report(root: Path | str) -> Catalogue | None:
    """For commands: the catalogue, or None after printing every data error to stderr."""
    try:
        return load_catalogue(root)
    except HandbookDataError as exc:
        print(exc, file=sys.stderr)
        return None
