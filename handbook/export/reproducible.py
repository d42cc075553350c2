"""Byte-reproducible office files: one date for everything, fixed zip entries.

python-docx and openpyxl stamp zip entries (and openpyxl docProps/core.xml) with
the wall clock. We write the archive ourselves with the zipfile module: same entries,
same order, fixed dates, permissions and compression, so two builds of one commit
give identical bytes whatever the folder, time zone or hour.

The libraries' own save deflates every entry, and rewriting that archive inflated and
deflated it all again (~2 × 5 ms a Word file: python-docx's two styles parts are 0.8 MB
of XML). So save_docx/save_xlsx take the entries uncompressed from the library, in
memory, and deflate them once, into the final file.
"""

from __future__ import annotations

import datetime
import io
import os
import zipfile
from pathlib import Path

ZIP_EPOCH = datetime.datetime(1980, 1, 1, tzinfo=datetime.timezone.utc)  # zip dates start here
FIRST = ("[Content_Types].xml", "_rels/.rels")  # Office readers expect these first
LEVEL = 6                                         # fixed deflate level: same bytes everywhere


def build_datetime(build_date: str) -> datetime.datetime:
    """SOURCE_DATE_EPOCH (UTC) when set, else midnight UTC of `build_date` (YYYY-MM-DD)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        moment = datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc)
    else:
        moment = datetime.datetime.fromisoformat(build_date).replace(tzinfo=datetime.timezone.utc)
    return max(moment, ZIP_EPOCH)


def _order(names: list[str]) -> list[str]:
    return [n for n in FIRST if n in names] + sorted(n for n in names if n not in FIRST)


def write_zip(path: Path, entries: dict[str, bytes], moment: datetime.datetime) -> None:
    """Write `entries` (name → uncompressed body) as a zip at `path`: sorted (content
    types first), dated `moment`, mode 0644, deflated at a fixed level."""
    stamp = moment.astimezone(datetime.timezone.utc).timetuple()[:6]
    with zipfile.ZipFile(path, "w") as target:
        for name in _order(list(entries)):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3                      # Unix, whatever the build host
            info.external_attr = (0o100644 & 0xFFFF) << 16
            target.writestr(info, entries[name], compresslevel=LEVEL)


class _Entries(dict):
    """Stands in for python-docx's zip writer: keeps each part's bytes, uncompressed."""

    def write(self, pack_uri, blob: bytes) -> None:
        self[pack_uri.membername] = blob


def docx_entries(document) -> dict[str, bytes]:
    """The zip entries python-docx's Document.save would write, without compressing them.

    Document.save → OpcPackage.save → PackageWriter.write, which opens a deflating zip;
    these are the same steps with _Entries as the writer (python-docx is pinned, and
    the tests reopen every file with python-docx)."""
    from docx.opc.pkgwriter import PackageWriter
    package = document.part.package
    parts = list(package.parts)
    for part in parts:
        part.before_marshal()
    entries = _Entries()
    PackageWriter._write_content_types_stream(entries, parts)
    PackageWriter._write_pkg_rels(entries, package.rels)
    PackageWriter._write_parts(entries, parts)
    return dict(entries)


def xlsx_entries(workbook) -> dict[str, bytes]:
    """The zip entries openpyxl writes for `workbook`, through its ExcelWriter into a stored
    (uncompressed) zip in memory. Unlike Workbook.save this does not stamp
    `properties.modified` with the wall clock."""
    from openpyxl.writer.excel import ExcelWriter
    buffer = io.BytesIO()
    ExcelWriter(workbook, zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED)).save()  # closes the zip
    with zipfile.ZipFile(buffer) as stored:
        return {name: stored.read(name) for name in stored.namelist()}


def save_docx(document, path: Path, build_date: str) -> None:
    """Save a python-docx Document so the same content always gives the same bytes."""
    moment = build_datetime(build_date)
    props = document.core_properties
    props.created = props.modified = moment.replace(tzinfo=None)
    props.revision = 1
    write_zip(path, docx_entries(document), moment)


def save_xlsx(workbook, path: Path, build_date: str) -> None:
    """Save an openpyxl Workbook reproducibly: document properties dated by the build."""
    moment = build_datetime(build_date)
    props = workbook.properties
    props.created = props.modified = moment.replace(tzinfo=None)
    write_zip(path, xlsx_entries(workbook), moment)
