"""The same Sheet written twice gives identical bytes in every format, whatever the
folder, time zone or wall clock; dates inside come from the build date."""

from __future__ import annotations

import datetime
import io
import os
import time
import zipfile

import pytest
from conftest import require
from docx import Document
from openpyxl import Workbook, load_workbook

from handbook.export import csv_file, docx_file, pdf_file, reproducible, xlsx_file
from test_checklist_files import make_sheet

WRITERS = {"docx": docx_file.write, "xlsx": xlsx_file.write, "pdf": pdf_file.write, "csv": csv_file.write}


@pytest.fixture
def timezone():
    """Switch the process time zone (time.tzset), restoring it afterwards."""
    before = os.environ.get("TZ")

    def switch(name: str) -> None:
        os.environ["TZ"] = name
        time.tzset()

    yield switch
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()


def write_all(sheet, folder):
    folder.mkdir(parents=True)
    try:
        pdf_file.find_cjk_font()
        formats = WRITERS
    except pdf_file.CJKFontMissing as e:
        require(False, str(e))
        formats = {k: v for k, v in WRITERS.items() if k != "pdf"}
    out = {}
    for ext, write in formats.items():
        path = folder / f"{sheet.id}.{ext}"
        write(sheet, path)
        out[ext] = path.read_bytes()
    return out


@pytest.mark.parametrize("epoch", [None, "1764979200"], ids=["build-date", "SOURCE_DATE_EPOCH"])
def test_same_sheet_same_bytes(tmp_path, monkeypatch, timezone, epoch):
    if epoch:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    else:
        monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    sheet = make_sheet(True)
    timezone("UTC")
    first = write_all(sheet, tmp_path / "a")
    time.sleep(2.1)  # zip times have 2 s resolution: make a wall-clock leak visible
    timezone("Asia/Shanghai")
    second = write_all(sheet, tmp_path / "elsewhere" / "b")
    assert first.keys() == second.keys()
    for ext in first:
        assert first[ext] == second[ext], f"{ext} differs between two writes"


def test_dates_inside_come_from_the_build_date(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    sheet = make_sheet(False)
    expected = datetime.datetime(2025, 11, 29)  # make_sheet's build_date
    for ext in ("docx", "xlsx"):
        path = tmp_path / f"s.{ext}"
        WRITERS[ext](sheet, path)
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
        assert {info.date_time for info in infos} == {(2025, 11, 29, 0, 0, 0)}
        assert {info.external_attr >> 16 for info in infos} == {0o100644}
        names = [info.filename for info in infos]
        assert names[0] == "[Content_Types].xml" and names[2:] == sorted(names[2:])
    props = Document(str(tmp_path / "s.docx")).core_properties
    assert props.created.replace(tzinfo=None) == props.modified.replace(tzinfo=None) == expected
    props = load_workbook(tmp_path / "s.xlsx").properties
    assert props.created == props.modified == expected


def test_build_datetime(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764979200")
    assert reproducible.build_datetime("2000-01-01") == datetime.datetime(2025, 12, 6, tzinfo=datetime.timezone.utc)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert reproducible.build_datetime("2026-12-01") == datetime.datetime(2026, 12, 1, tzinfo=datetime.timezone.utc)
    assert reproducible.build_datetime("1970-01-01").year == 1980  # zip dates start in 1980


def unzip(archive) -> dict[str, bytes]:
    with zipfile.ZipFile(archive) as z:
        return {name: z.read(name) for name in z.namelist()}


def test_entries_are_what_the_libraries_save(tmp_path):
    """docx_entries/xlsx_entries reach into python-docx's package writer and openpyxl's
    ExcelWriter to skip their compression: they must give what Document.save and
    Workbook.save put in the zip, entry for entry."""
    doc = Document()
    doc.add_paragraph("对照检查")
    doc.sections[0].footer.paragraphs[0].text = "页脚"
    saved = io.BytesIO()
    doc.save(saved)
    assert reproducible.docx_entries(doc) == unzip(saved)

    wb = Workbook()
    wb.active["A1"] = "对照检查"
    wb.save(tmp_path / "a.xlsx")   # stamps properties.modified: xlsx_entries then writes the same
    assert reproducible.xlsx_entries(wb) == unzip(tmp_path / "a.xlsx")


def test_write_zip(tmp_path):
    moment = datetime.datetime(2026, 3, 4, 5, 6, 8, tzinfo=datetime.timezone.utc)
    entries = {"word/b.xml": b"<b/>" * 100, "[Content_Types].xml": b"<t/>", "_rels/.rels": b"<r/>", "a.xml": b""}
    reproducible.write_zip(tmp_path / "z.zip", entries, moment)
    with zipfile.ZipFile(tmp_path / "z.zip") as archive:
        infos = archive.infolist()
    assert [i.filename for i in infos] == ["[Content_Types].xml", "_rels/.rels", "a.xml", "word/b.xml"]
    assert {(i.date_time, i.compress_type, i.external_attr >> 16) for i in infos} == {
        ((2026, 3, 4, 5, 6, 8), zipfile.ZIP_DEFLATED, 0o100644)}
    assert unzip(tmp_path / "z.zip") == entries
