"""Checklist downloads (Word, Excel, CSV, PDF) and site/api/checklists.json."""

from __future__ import annotations

import functools
import hashlib
import importlib
import importlib.util
import json
import os
import shutil
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from ..render import site_map
from ..render.checklists import DOWNLOAD_FORMATS, download_path
from ..sheet import Sheet, SheetRow
from ..text import display

# Writer modules are imported only when a file is missing from the cache: python-docx,
# openpyxl and fpdf2 take ~0.5 s to import, which a warm build never needs.
WRITER_MODULES = {"docx": "docx_file", "xlsx": "xlsx_file", "csv": "csv_file", "pdf": "pdf_file"}


def _writer(extension: str):
    return importlib.import_module(f"{__package__}.{WRITER_MODULES[extension]}").write


@functools.cache
def _writer_source(extension: str) -> bytes:
    """The writer's code and the archive rewriter it ends with: a change to either renews the file."""
    modules = (WRITER_MODULES[extension], "reproducible")
    return b"".join(Path(importlib.util.find_spec(f"{__package__}.{m}").origin).read_bytes() for m in modules)


# HANDBOOK_CACHE_DIR lets bench/ time cold builds without emptying the project's cache.
CACHE_DIR = Path(os.environ.get("HANDBOOK_CACHE_DIR") or Path(__file__).resolve().parents[2] / ".build" / "downloads-cache")


def _cache_key(sheet: Sheet, extension: str) -> str:
    """Same sheet and same writer code give the same file: reuse it (serve rebuilds on every save)."""
    # SOURCE_DATE_EPOCH sets the zip entry dates inside the files, so it is part of the key too.
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    return hashlib.sha256(f"{sheet!r}\n{epoch}\n".encode() + _writer_source(extension)).hexdigest()[:20]


def _cached_path(sheet: Sheet, extension: str) -> Path:
    # One folder per checklist: a prefix glob would let "gc" sweep away "gc-x1"'s files.
    return CACHE_DIR / sheet.id / f"{_cache_key(sheet, extension)}.{extension}"


def _render(sheet: Sheet, extension: str, cached: Path) -> None:
    scratch = cached.with_suffix(".partial")
    _writer(extension)(sheet, scratch)
    scratch.replace(cached)              # never leave a half-written file in the cache
    for stale in cached.parent.glob(f"*.{extension}"):
        if stale != cached:
            stale.unlink(missing_ok=True)


def _fill_cache(jobs: list[tuple[Sheet, str, Path]]) -> None:
    """Render missing files, in parallel: a cold build writes 16 PDFs of ~1–2 s each."""
    missing = [job for job in jobs if not job[2].is_file()]
    if not missing:
        return
    for _sheet, _extension, cached in missing:
        cached.parent.mkdir(parents=True, exist_ok=True)
    if len(missing) == 1 or (os.cpu_count() or 1) == 1:
        for job in missing:
            _render(*job)
        return
    with ProcessPoolExecutor(max_workers=os.cpu_count()) as pool:
        for future in [pool.submit(_render, *job) for job in missing]:
            future.result()              # re-raise the first writer error, e.g. a missing CJK font


def sheet_for(checklist, edition) -> Sheet:
    rows = tuple(
        SheetRow(number, item.id, item.title, display(item.text), tuple(item.subjects),
                 checklist.points[item.id] if checklist.points is not None else None,
                 context=item.context, components=tuple(item.components))
        for number, item in enumerate(checklist.items, start=1))
    return Sheet(checklist.id, checklist.title, display(checklist.description), edition.name,
                 edition.version, edition.build_date, rows)


def write_downloads(catalogue, site_dir: Path) -> list[dict]:
    """Write every checklist in every format; return the checklists.json entries."""
    edition = catalogue.edition
    sheets = {checklist.id: sheet_for(checklist, edition) for checklist in catalogue.checklists}
    jobs = [(sheet, ext, _cached_path(sheet, ext)) for sheet in sheets.values() for ext, _label in DOWNLOAD_FORMATS]
    _fill_cache(jobs)
    for sheet, extension, cached in jobs:
        target = site_dir / download_path(sheet, extension)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cached, target)
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
    (site_dir / "api" / "checklists.json").write_text(json.dumps(entries, ensure_ascii=False, indent=1),
                                                      encoding="utf-8")
    return entries
