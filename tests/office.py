"""Open Office files the way a reader does: LibreOffice headless converts them to CSV (what Calc shows,
formulas recalculated) and PDF (what Writer lays out), and poppler reads the PDF's text and page size.

One private LibreOffice profile per test run (-env:UserInstallation), created on first use, and one
conversion at a time (a lock): two soffice processes on one profile fail, and the machine is shared.
This is as close as the tests come to WPS and Excel; it does not run either of them."""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

from conftest import require, require_tool

_LOCK = threading.Lock()
_PROFILE: list[Path] = []
ERROR_VALUES = re.compile(r"#NAME\?|#VALUE!|#REF!|#DIV/0!|#N/A|Err:\d+")
# Calc's CSV filter: comma, double quote, UTF-8 (76), from line 1, cells as shown (number formats applied),
# formulas as their results; the first sheet (the form).
CSV_FILTER = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false'


def soffice() -> str:
    path = shutil.which("soffice") or shutil.which("libreoffice")
    require(path is not None, "LibreOffice (libreoffice-calc-nogui, libreoffice-writer-nogui) not installed "
                              "(make test installs it as root)")
    return path


def _profile() -> Path:
    if not _PROFILE:
        _PROFILE.append(Path(tempfile.mkdtemp(prefix="hb-lo-profile-")))
    return _PROFILE[0]


def convert_many(sources: list[Path], target_filter: str, out_dir: Path) -> list[Path]:
    """Every source converted by one LibreOffice run into out_dir with `target_filter` ("pdf", CSV_FILTER)."""
    program = soffice()
    out_dir.mkdir(parents=True, exist_ok=True)
    extension = target_filter.split(":")[0]
    with _LOCK:
        result = subprocess.run(
            [program, "--headless", "--norestore", f"-env:UserInstallation={_profile().as_uri()}",
             "--convert-to", target_filter, "--outdir", str(out_dir), *map(str, sources)],
            capture_output=True, text=True, timeout=120 + 30 * len(sources))
    made = [out_dir / f"{source.stem}.{extension}" for source in sources]
    for source, path in zip(sources, made):
        assert path.exists(), f"LibreOffice did not convert {source.name}: {result.stdout}{result.stderr}"
    return made


def convert(source: Path, target_filter: str, out_dir: Path) -> Path:
    """source converted by LibreOffice into out_dir with `target_filter`; returns the file."""
    return convert_many([source], target_filter, out_dir)[0]


def sheet_rows(xlsx: Path, work: Path) -> list[list[str]]:
    """The first sheet as Calc shows it after opening (formulas recalculated), as rows of strings."""
    made = convert(xlsx, CSV_FILTER, work)
    return list(csv.reader(io.StringIO(made.read_text(encoding="utf-8"))))


def pdf_of(path: Path, work: Path) -> Path:
    return convert(path, "pdf", work)


def pdf_text(pdf: Path, layout: bool = False, first_page_only: bool = False) -> str:
    """The PDF's text: in content order (a table cell's lines together), or laid out as on the page."""
    pages = ["-f", "1", "-l", "1"] if first_page_only else []
    return subprocess.run([require_tool("pdftotext"), "-layout" if layout else "-raw", *pages, str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout


def pdf_fonts(pdf: Path) -> str:
    return subprocess.run([require_tool("pdffonts"), str(pdf)], capture_output=True, text=True, check=True).stdout


def pdf_page_size(pdf: Path) -> tuple[float, float]:
    """(width, height) of the first page in points."""
    info = subprocess.run([require_tool("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True).stdout
    m = re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info)
    assert m, info
    return float(m.group(1)), float(m.group(2))


def squash(text: str) -> str:
    """Text without white space: a wrapped note is compared character by character."""
    return re.sub(r"\s+", "", text)
