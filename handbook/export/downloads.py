"""Checklist downloads (Word, Excel, CSV, PDF) as FileJobs, and site/api/checklists.json."""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path

from .. import levels
from ..render import site_map
from ..render.checklists import DOWNLOAD_FORMATS, download_path
from ..sheet import Sheet, SheetRow
from ..text import display
from .files import FileJob
from .pdf_font import characters

# Writer modules, imported only in the worker that makes a missing file (files.py).
WRITER_MODULES = {"docx": "docx_file", "xlsx": "xlsx_file", "csv": "csv_file", "pdf": "pdf_file"}


def sheet_for(checklist, edition) -> Sheet:
    """The checklist as a Sheet (the downloads and the page's meta script both use it: made once)."""
    return _sheet(checklist, edition, edition.build_date)


@functools.lru_cache(maxsize=None)
def _sheet(checklist, edition, build_date: str) -> Sheet:   # build_date follows SOURCE_DATE_EPOCH
    level = levels.reader(checklist)       # each level's list asks what that level does (issue 21)
    rows = tuple(
        SheetRow(number, item.id, display(levels.title_for(item, level)), display(item.text), tuple(item.subjects),
                 checklist.points[item.id] if checklist.points is not None else None,
                 context=item.context, components=tuple(item.components), role=levels.role_line(item, level))
        for number, item in enumerate(checklist.items, start=1))
    return Sheet(checklist.id, checklist.title, display(checklist.description), edition.name,
                 edition.version, build_date, rows)


def download_jobs(catalogue) -> tuple[list[FileJob], tuple[Sheet, ...]]:
    """One job per checklist and format, and the sheets whose characters the PDF font needs."""
    sheets = tuple(sheet_for(checklist, catalogue.edition) for checklist in catalogue.checklists)
    texts = [repr(sheet) for sheet in sheets]          # once per sheet: the cache keys and the font's characters
    pdf_salt = hashlib.sha256(characters(sheets, texts).encode()).hexdigest()[:16]  # the shared font
    jobs = []
    for sheet, text in zip(sheets, texts):
        content = hashlib.sha256(text.encode()).hexdigest()
        for extension, _label in DOWNLOAD_FORMATS:
            module = WRITER_MODULES[extension]
            sources = (f"export.{module}", "export.reproducible", "sheet") + (
                ("export.pdf_font",) if extension == "pdf" else ())
            jobs.append(FileJob(download_path(sheet, extension), sheet.id, f"{module}:write",
                                (sheet,), sources, pdf_salt if extension == "pdf" else "", content))
    return jobs, sheets


def write_checklists_json(catalogue, site_dir: Path) -> list[dict]:
    """site/api/checklists.json: every checklist with its items and download paths."""
    edition = catalogue.edition
    entries = []
    for checklist in catalogue.checklists:
        downloads = {ext: download_path(checklist, ext) for ext, _label in DOWNLOAD_FORMATS}
        entries.append({
            "id": checklist.id,
            "title": checklist.title,
            "description": display(checklist.description),
            "items": [i.id for i in checklist.items],
            "points": checklist.points,
            "total": checklist.total,
            "url": site_map.site_url(site_map.checklist_page(checklist)),
            "downloads": downloads,
            "version": edition.version,
            "data_date": edition.date,
            "build_date": edition.build_date,
        })
    (site_dir / "api").mkdir(parents=True, exist_ok=True)
    (site_dir / "api" / "checklists.json").write_text(json.dumps(entries, ensure_ascii=False, separators=(",", ":")),
                                                      encoding="utf-8")
    return entries
