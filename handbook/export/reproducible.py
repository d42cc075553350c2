"""Byte-reproducible office files: one date for everything, fixed zip entries.

python-docx and openpyxl stamp zip entries (and openpyxl docProps/core.xml) with
the wall clock. We rewrite the archive with the zipfile module: same entries,
same order, fixed dates, permissions and compression, so two builds of one commit
give identical bytes whatever the folder, time zone or hour.
"""

from __future__ import annotations

import datetime
import os
import zipfile
from pathlib import Path

ZIP_EPOCH = datetime.datetime(1980, 1, 1, tzinfo=datetime.timezone.utc)  # zip dates start here
FIRST = ("[Content_Types].xml", "_rels/.rels")  # Office readers expect these first


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


def rezip(path: Path, moment: datetime.datetime, replace: dict[str, bytes] | None = None) -> None:
    """Rewrite the zip at `path` in place: entries sorted (content types first),
    dated `moment`, mode 0644, deflated at a fixed level; `replace` swaps entry bodies."""
    replace = replace or {}
    with zipfile.ZipFile(path) as source:
        entries = {name: source.read(name) for name in source.namelist()}
    entries.update(replace)
    stamp = moment.astimezone(datetime.timezone.utc).timetuple()[:6]
    scratch = path.with_name(path.name + ".rezip")
    with zipfile.ZipFile(scratch, "w") as target:
        for name in _order(list(entries)):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3                      # Unix, whatever the build host
            info.external_attr = (0o100644 & 0xFFFF) << 16
            target.writestr(info, entries[name], compresslevel=6)
    scratch.replace(path)


def save_docx(document, path: Path, build_date: str) -> None:
    """Save a python-docx Document so the same content always gives the same bytes."""
    moment = build_datetime(build_date)
    props = document.core_properties
    props.created = props.modified = moment.replace(tzinfo=None)
    props.revision = 1
    document.save(str(path))
    rezip(path, moment)


def save_xlsx(workbook, path: Path, build_date: str) -> None:
    """Save an openpyxl Workbook reproducibly: openpyxl stamps `modified` with the clock on save,
    so the document properties are written again after it."""
    from openpyxl.xml.functions import tostring
    moment = build_datetime(build_date).replace(tzinfo=None)
    props = workbook.properties
    props.created = props.modified = moment
    workbook.save(path)
    props.modified = moment
    rezip(path, build_datetime(build_date), {"docProps/core.xml": tostring(props.to_tree())})
