"""The 案例征集 downloads: a blank 案例报送表 (.docx, python-docx) and the item list the
browser form searches, as a script (a <script src> also loads from file://, fetch does not)."""

from __future__ import annotations

import copy
import json
from pathlib import Path

from ..cases import FORM_FIELDS
from .reproducible import save_docx
from ..text import display

BLANK_FORM = "downloads/case-form.docx"      # site-relative; the form page links to it
ITEMS_SCRIPT = "api/case-items.js"           # defines window.HB_CASE_ITEMS


def items_script(catalogue) -> str:
    items = [{"id": i.id, "title": display(i.title), "where": f"{i.part.short_name} {i.section.label}"}
             for i in catalogue.active_items]
    return "window.HB_CASE_ITEMS = " + json.dumps(items, ensure_ascii=False, separators=(",", ":")) + ";\n"


def write_blank_form(edition, path: Path) -> None:
    """The blank 案例报送表 (made by a files.py worker: python-docx is imported only here)."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    from .docx_file import TITLE_FONT, _fonts, _styles     # the module, not the package: no import circle

    document = Document()
    _styles(document)                # 宋体 declared for East Asian text, as every other Word file
    section = document.sections[0]   # A4 portrait (python-docx's default page is US Letter)
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
        setattr(section, side, Cm(2.0))
    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = heading.add_run("案例报送表")
    run.font.size = Pt(16)
    _fonts(run._r.get_or_add_rPr(), TITLE_FONT)
    document.add_paragraph("填写后交机关党委；也可在手册网站“案例征集”页在线填写，直接生成本表和数据文件。")
    document.sections[0].footer.paragraphs[0].text = edition.line
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    # Two model rows made by python-docx (the hint, then for longer answers three empty
    # paragraphs), deep-copied for each field: building rows cell by cell cost more.
    models = {}
    for long in (False, True):
        row = table.add_row()
        cells = row.cells
        cells[0].text = "x"
        cells[1].text = ""
        cells[1].paragraphs[0].add_run("x").font.size = Pt(8)
        if long:
            for _ in range(3):
                cells[1].add_paragraph("")
        models[long] = row._tr
        table._tbl.remove(row._tr)
    for _key, label, kind, hint in FORM_FIELDS:
        tr = copy.deepcopy(models[kind in ("text", "list")])
        label_cell, hint_cell = tr.tc_lst
        label_cell.p_lst[0].r_lst[0].text = label    # python-docx's CT_R.text, as run.text
        hint_cell.p_lst[0].r_lst[-1].text = hint
        table._tbl.append(tr)
    props = document.core_properties
    props.title, props.subject = "案例报送表", edition.line
    path.parent.mkdir(parents=True, exist_ok=True)
    save_docx(document, path, edition.build_date)   # same data, same bytes: no wall clock


def write_case_items(catalogue, site_dir: Path) -> None:
    script = site_dir / ITEMS_SCRIPT
    script.parent.mkdir(parents=True, exist_ok=True)
    script.write_text(items_script(catalogue), encoding="utf-8")
