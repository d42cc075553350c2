"""Blank 任务书 / 施工图 templates: every level's requirements, A4 landscape, columns from handbook/plan.py,
the edition in the footer; Word opened with python-docx, Excel with openpyxl."""

from __future__ import annotations

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from openpyxl import load_workbook

from handbook import plan
from handbook.export import plan_files
from handbook.export.files import FileMaker
from handbook.export.jobs import plan_jobs


@pytest.fixture(scope="module")
def written(catalogue, tmp_path_factory):
    site = tmp_path_factory.mktemp("plansite")
    maker = FileMaker(plan_jobs(catalogue), root=tmp_path_factory.mktemp("cache"))
    return site, maker.start().finish(site)


def _levels(catalogue):
    levels = plan.levels(catalogue)
    assert [lv.id for lv in levels] == [lid for lid, _t in plan.LEVELS]   # all three exist in the real data
    return levels


def test_every_level_and_kind_is_written(catalogue, written):
    site, paths = written
    expected = {plan.blank_path(lv.id, kind, ext) for lv in _levels(catalogue)
                for kind, _t in plan.BLANK_KINDS for ext in ("docx", "xlsx")}
    assert set(paths) == expected
    assert all((site / p).stat().st_size > 4000 for p in paths)


def test_level_requirements_match_checklist(catalogue):
    for level in _levels(catalogue):
        checklist = catalogue.checklist(level.id)
        assert [r.id for r in level.requirements] == [i.id for i in checklist.items]


@pytest.mark.parametrize("kind", [k for k, _t in plan.BLANK_KINDS])
def test_docx_template(catalogue, written, kind):
    site, _paths = written
    spec = plan_files._spec(kind)
    for level in _levels(catalogue):
        doc = Document(str(site / plan.blank_path(level.id, kind, "docx")))
        section = doc.sections[0]
        assert section.orientation == WD_ORIENT.LANDSCAPE and section.page_width > section.page_height
        assert abs(section.page_width.cm - 29.7) < 0.05
        assert catalogue.edition.line in section.footer.paragraphs[0].text
        assert level.title in doc.paragraphs[0].text
        table = doc.tables[0]
        assert [c.text for c in table.rows[0].cells] == [name for name, _w in spec]
        assert len(table.rows) == len(level.requirements) + 1
        for row, req in zip(table.rows[1:], level.requirements):
            assert req.id in " ".join(c.text for c in row.cells)
        widths = [round(c.width.cm, 1) for c in table.rows[1].cells]
        assert widths == [round(w, 1) for _n, w in spec]
        assert sum(w for _n, w in spec) <= plan.PAGE_CM[0] - 2 * plan.MARGIN_CM + 0.01


@pytest.mark.parametrize("kind", [k for k, _t in plan.BLANK_KINDS])
def test_xlsx_template(catalogue, written, kind):
    site, _paths = written
    spec = plan_files._spec(kind)
    for level in _levels(catalogue):
        wb = load_workbook(site / plan.blank_path(level.id, kind, "xlsx"))
        ws = wb.active
        assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4)
        assert catalogue.edition.line in ws.oddFooter.left.text
        assert level.title in ws["A1"].value
        header = [c.value for c in ws[4]]
        assert header == [name for name, _w in spec]
        ids = [ws.cell(r, 2 if kind == "shigongtu" else 3).value.split()[0] for r in range(5, ws.max_row + 1)]
        assert ids == [r.id for r in level.requirements]
        assert ws.row_dimensions[5].height >= 30              # room to write by hand


def test_plan_data_is_single_sourced(catalogue):
    data = plan.plan_data(catalogue)
    assert [c["name"] for c in data["columns"]["renwushu"]] == [n for n, _w in plan.RENWUSHU_COLUMNS]
    assert [c["name"] for c in data["columns"]["luxiantu"]][1:] == [p["title"] for p in data["parts"]]
    assert data["edition"]["version"] == catalogue.edition.version


def test_plan_data_script_escapes_script_end(catalogue, monkeypatch):
    import json

    from handbook.render import plan as plan_render
    item = next(iter(catalogue.items.values()))
    monkeypatch.setattr(item, "title", "</script><b>")
    script = plan_render.plan_data_script(catalogue)
    assert "</script>" not in script and "<b>" not in script
    data = json.loads(script.removeprefix("window.__hbPlanData=").rstrip().removesuffix(";"))
    assert data["titles"][item.id] == "</script><b>"          # escaped, not altered


def test_plan_page_stays_small_and_loads_its_data_script(catalogue):
    from handbook.render import plan as plan_render
    page = plan_render.plan_page(catalogue)
    assert 'src="api/plan-data.js"' in page
    assert not any(item.text in page for item in catalogue.items.values() if len(item.text) > 20)


def test_blank_plan_files_use_cjk_fonts_and_open_in_libreoffice(catalogue, written, tmp_path):
    """宋体 in every cell (never openpyxl's Calibri), declared East Asian fonts in Word, and LibreOffice
    opens one level's four files: landscape, the requirements and the new columns shown."""
    import zipfile

    import office
    site, _paths = written
    level = _levels(catalogue)[-1]
    for kind, _title in plan.BLANK_KINDS:
        xlsx = site / plan.blank_path(level.id, kind, "xlsx")
        ws = load_workbook(xlsx).active
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None:
                    assert cell.font.name == "宋体", (kind, cell.coordinate)
        with zipfile.ZipFile(xlsx) as z:
            assert "Calibri" not in z.read("xl/styles.xml").decode()
        shown = "\n".join(",".join(r) for r in office.sheet_rows(xlsx, tmp_path / kind))
        assert level.requirements[0].id in shown and not office.ERROR_VALUES.search(shown)
        assert ("配合" if kind == "renwushu" else "进展说明") in shown
        docx_path = site / plan.blank_path(level.id, kind, "docx")
        with zipfile.ZipFile(docx_path) as z:
            assert 'w:eastAsia="宋体"' in z.read("word/styles.xml").decode()
        pdf = office.pdf_of(docx_path, tmp_path / kind)
        width, height = office.pdf_page_size(pdf)
        assert width > height
        assert level.requirements[0].id in office.pdf_text(pdf)
        assert "Carlito" not in office.pdf_fonts(pdf)
