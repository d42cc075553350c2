"""Checklist as CSV: the header and one line per item, nothing else, so it
imports cleanly into spreadsheets and scripts. The edition (handbook version and
build date) is therefore not in the file; the DOCX, XLSX and PDF formats carry it.
"""

from __future__ import annotations

import csv
from pathlib import Path

from ..sheet import Sheet


def write(sheet: Sheet, path: Path) -> None:
    # utf-8-sig: the BOM is what makes Excel read the file as UTF-8, not GBK.
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        out = csv.writer(f)
        out.writerow(sheet.columns)
        for r in sheet.rows:
            score = [r.score or 0, ""] if sheet.scored else []
            out.writerow([r.number, r.id, r.requirement, r.subject_list, "", ""] + score)
