"""Every generated download file (checklists in four formats, plan blanks, the case
form), made once per content and kept in a cache, made in parallel while the pages build.

A FileJob names its writer ("module:function" under handbook.export), the picklable
arguments, and a cache key over those arguments, the writer's code and
SOURCE_DATE_EPOCH. A warm build finds every file in the cache and imports none of
python-docx, openpyxl or fpdf2 (~0.5 s); it only links the files into the site.

A cold build starts the missing jobs in worker processes as soon as the data is
validated (`start`), so they run beside the page build, and waits for them when the
site is written (`finish`). PDFs wait for one shared small font (pdf_font.py).
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import importlib.util
import os
import shutil
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

# HANDBOOK_CACHE_DIR lets bench/ and tests time cold builds without emptying the project's cache.
DEFAULT_CACHE_DIR = Path(__file__).resolve().parents[2] / ".build" / "downloads-cache"


def cache_dir() -> Path:
    return Path(os.environ.get("HANDBOOK_CACHE_DIR") or DEFAULT_CACHE_DIR)


@functools.cache
def module_source(*modules: str) -> bytes:
    """The code of these modules (named under handbook, e.g. "export.pdf_file"), read without importing them."""
    return b"".join(Path(importlib.util.find_spec(f"handbook.{m}").origin).read_bytes() for m in modules)


@dataclass(frozen=True)
class FileJob:
    target: str            # site-relative path, e.g. downloads/gc.pdf
    group: str             # cache folder: one per produced file, so stale versions can go
    writer: str            # "module:function" in handbook.export, called as f(*args, path)
    args: tuple            # picklable
    sources: tuple[str, ...]  # modules whose code shapes the bytes, e.g. "export.docx_file"
    salt: str = ""         # anything else that shapes the bytes (e.g. the PDF font's characters)
    content: str = ""      # a digest of args, when the caller has one (then args are not repr'd again)

    @property
    def extension(self) -> str:
        return self.target.rsplit(".", 1)[-1]

    @functools.cached_property
    def key(self) -> str:
        # SOURCE_DATE_EPOCH sets the zip entry dates inside Office files.
        epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
        head = f"{self.writer}\n{self.content or repr(self.args)}\n{self.salt}\n{epoch}\n".encode()
        return hashlib.sha256(head + module_source(*self.sources)).hexdigest()[:20]

    def cached(self, root: Path) -> Path:
        return root / self.group / f"{self.key}.{self.extension}"


def _run(job: FileJob, root: Path, font: Path | None = None) -> None:
    """In a worker: write one file into the cache, atomically, and drop its stale versions."""
    cached = job.cached(root)
    cached.parent.mkdir(parents=True, exist_ok=True)
    module, function = job.writer.split(":")
    write = getattr(importlib.import_module(f"{__package__}.{module}"), function)
    scratch = cached.with_suffix(".partial")
    try:
        if font is None:
            write(*job.args, scratch)
        else:
            write(*job.args, scratch, font=font)
    except BaseException:
        scratch.unlink(missing_ok=True)
        raise
    scratch.replace(cached)              # never leave a half-written file in the cache
    for stale in cached.parent.glob(f"*.{job.extension}"):
        if stale != cached:
            stale.unlink(missing_ok=True)


def _prepare_font(sheets, root: Path) -> Path:
    from .pdf_file import prepare_font
    return prepare_font(sheets, root / "_fonts")


class FileMaker:
    """Makes the missing files of a build in the background; `finish` puts all in the site."""

    def __init__(self, jobs: list[FileJob], font_sheets: tuple = (), root: Path | None = None):
        self.jobs, self.font_sheets, self.root = jobs, font_sheets, root or cache_dir()
        self._pools: list[ProcessPoolExecutor] = []
        self._futures: list[Future] = []
        self._pdf_thread: threading.Thread | None = None
        self._error: BaseException | None = None

    def start(self) -> FileMaker:
        missing = [job for job in self.jobs if not job.cached(self.root).is_file()]
        if not missing:
            return self
        pdfs = [job for job in missing if job.writer == "pdf_file:write"]
        office = [job for job in missing if job.writer != "pdf_file:write"]
        # Two kinds of worker, so each imports only its own libraries (fpdf2 + fontTools ~0.3 s;
        # python-docx + openpyxl ~0.15 s) instead of every worker importing all of them, and
        # the page build in this process starts at once. The PDF worker makes the font first.
        cpus = os.cpu_count() or 1
        pdf_workers = max(1, cpus // 2) if pdfs else 0
        office_workers = max(1, cpus - pdf_workers) if office else 0
        # Submitting here, in the main thread, forks the workers now, before the page
        # build starts other threads.
        if office:
            pool = ProcessPoolExecutor(max_workers=min(office_workers, len(office)))
            self._pools.append(pool)
            self._futures = [pool.submit(_run, job, self.root) for job in office]
        if pdfs:
            pool = ProcessPoolExecutor(max_workers=min(pdf_workers, len(pdfs)))
            self._pools.append(pool)
            font = pool.submit(_prepare_font, self.font_sheets, self.root)

            def submit_pdfs():  # as soon as the font exists; the page build goes on meanwhile
                try:
                    path = font.result()
                    self._futures += [pool.submit(_run, job, self.root, path) for job in pdfs]
                except BaseException as exc:  # noqa: BLE001 — re-raised by finish()
                    self._error = exc
            self._pdf_thread = threading.Thread(target=submit_pdfs, daemon=True)
            self._pdf_thread.start()
        return self

    def _shutdown(self) -> None:
        for pool in self._pools:
            pool.shutdown(cancel_futures=True)

    def cancel(self) -> None:
        if self._pdf_thread is not None:
            self._pdf_thread.join()
        self._shutdown()

    def finish(self, site_dir: Path) -> list[str]:
        """Wait for the workers, then link (or copy) every file into the site."""
        try:
            if self._pdf_thread is not None:
                self._pdf_thread.join()
            if self._error is not None:
                raise self._error
            for future in self._futures:
                future.result()          # re-raise the first writer error, e.g. a missing CJK font
        finally:
            self._shutdown()
        for job in self.jobs:
            target = site_dir / job.target
            target.parent.mkdir(parents=True, exist_ok=True)
            target.unlink(missing_ok=True)
            try:   # a hard link costs nothing; cached files are replaced, never rewritten
                os.link(job.cached(self.root), target)
            except OSError:
                shutil.copyfile(job.cached(self.root), target)
        return [job.target for job in self.jobs]
