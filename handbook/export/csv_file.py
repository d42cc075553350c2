"""Checklist as CSV: the header, one line per item, then a blank line and a note
naming the edition (handbook version and build date). Importers stop at the blank
line; people opening it in Excel see which edition they hold.
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
            out.writerow([r.number, r.id, r.requirement_cell, r.subject_list, "", ""] + score)
        out.writerow([])
        out.writerow(["说明", "", sheet.id_line])
