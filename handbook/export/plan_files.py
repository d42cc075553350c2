"""Blank paper templates of the plan (任务书, 施工图) per level, as .docx and .xlsx.

A4 landscape, pre-filled with the level's requirements, rows left open for handwriting,
the edition in the footer. Column names and widths come from handbook/plan.py.
Imported only by the worker that makes a missing file (files.py; jobs in jobs.py).
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, PatternFill, Side
from openpyxl.utils import get_column_letter

from .reproducible import save_docx, save_xlsx
from .. import plan
from . import docx_file, xlsx_file

BLANK_LINE = "单位：________________    年度：________    填表人：__________    日期：__________"
ROW_HEIGHT_PT = 42          # room to write by hand
_thin = Side(style="thin", color="808080")
# Style objects made once (see xlsx_file: openpyxl hashes every one a cell is given).
BORDER = Border(left=_thin, right=_thin, top=_thin, bottom=_thin)
# 宋体 (GB2312 charset) everywhere, as the checklist workbook: never openpyxl's default Calibri.
TITLE, EDITION, PLAIN, BOLD = (xlsx_file.TITLE, xlsx_file.EDITION, xlsx_file.BODY, xlsx_file.BOLD)
CENTER, TOP_WRAP = Alignment(horizontal="center"), Alignment(vertical="top", wrap_text=True)
HEADER_ALIGN = Alignment(horizontal="center", vertical="center", wrap_text=True)
HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")


def _rows(level: plan.Level, kind: str) -> list[list[str]]:
    """One row per requirement: its number and "ID title" where the spec names it, the rest left to write in."""
    spec = [name for name, _w in _spec(kind)]
    where = spec.index("对应要求" if kind == "renwushu" else "任务")
    rows = []
    for n, r in enumerate(level.requirements, 1):
        values = [""] * len(spec)
        values[0], values[where] = str(n), f"{r.id} {r.title}"
        rows.append(values)
    return rows


def _spec(kind: str):
    return plan.RENWUSHU_COLUMNS if kind == "renwushu" else plan.SHIGONGTU_COLUMNS


def _title(level: plan.Level, kind_title: str) -> str:
    return f"{level.title}年度任务分解表（{kind_title}）" if kind_title == "任务书" else f"{level.title}施工图（月度推进表）"


def write_docx(level: plan.Level, kind: str, kind_title: str, edition, path: Path) -> None:
    doc = Document()
    docx_file._styles(doc)
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = (Cm(x) for x in plan.PAGE_CM)
    for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
        setattr(section, side, Cm(plan.MARGIN_CM))
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run(f"{edition.line}    第 ")
    docx_file._field(footer, "PAGE")
    footer.add_run(" 页 / 共 ")
    docx_file._field(footer, "NUMPAGES")
    footer.add_run(" 页")
    doc.styles["Footer"].font.size = Pt(8)

    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(_title(level, kind_title))
    run.font.size = Pt(16)
    docx_file._fonts(run._r.get_or_add_rPr(), docx_file.TITLE_FONT)
    doc.add_paragraph(BLANK_LINE).paragraph_format.space_after = Pt(6)

    spec = _spec(kind)
    table = doc.add_table(rows=1, cols=len(spec))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    widths = [Cm(w) for _n, w in spec]
    for column, width in zip(table.columns, widths):
        column.width = width
    for cell, (name, _w), width in zip(table.rows[0].cells, spec, widths):
        cell.width = width
        cell.paragraphs[0].add_run(name).bold = True
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        docx_file._shade(cell, "D9D9D9")
    docx_file._flag(table.rows[0]._tr, "w:tblHeader")
    # One row made by python-docx, with a run wherever some row has text, copied for each
    # requirement (docx_file.copy_row: building rows cell by cell was most of the time).
    rows = _rows(level, kind)
    row = table.add_row()
    docx_file._flag(row._tr, "w:cantSplit")
    row.height = Pt(ROW_HEIGHT_PT)
    for i, (cell, width) in enumerate(zip(row.cells, widths)):
        cell.width = width
        if any(values[i] for values in rows):
            cell.paragraphs[0].add_run("x")
    template = row._tr
    table._tbl.remove(template)
    for values in rows:
        table._tbl.append(docx_file.copy_row(template, values))
    props = doc.core_properties
    props.title, props.subject, props.author = _title(level, kind_title), edition.line, edition.name
    save_docx(doc, path, edition.build_date)


def write_xlsx(level: plan.Level, kind: str, kind_title: str, edition, path: Path) -> None:
    wb = Workbook()
    xlsx_file._default_font(wb)     # unstyled cells and the Normal style: 宋体
    ws = wb.active
    ws.title = kind_title
    spec = _spec(kind)
    last = get_column_letter(len(spec))
    for row, (text, font) in enumerate(((_title(level, kind_title), TITLE), (edition.line, EDITION),
                                        (BLANK_LINE, PLAIN)), 1):
        ws.cell(row, 1, text).font = font
        ws.merge_cells(f"A{row}:{last}{row}")
    ws["A1"].alignment = CENTER
    ws.append([name for name, _w in spec])
    header = 4
    for cell in ws[header]:
        cell.font, cell.fill, cell.alignment, cell.border = BOLD, HEADER_FILL, HEADER_ALIGN, BORDER
    for values in _rows(level, kind):
        ws.append(values)
    end = ws.max_row
    for i, (_name, cm) in enumerate(spec, 1):
        ws.column_dimensions[get_column_letter(i)].width = round(cm / 0.2, 1)
    def body(cells):
        for cell in cells:
            cell.border, cell.alignment, cell.font = BORDER, TOP_WRAP, PLAIN
    xlsx_file.style_rows(ws[f"A{header + 1}:{last}{end}"], body)
    for row in range(header + 1, end + 1):
        ws.row_dimensions[row].height = ROW_HEIGHT_PT
    ws.freeze_panes = f"A{header + 1}"
    ws.print_title_rows = f"{header}:{header}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.oddFooter.left.text = edition.line
    ws.oddFooter.right.text = "第 &P 页 / 共 &N 页"
    for part in (ws.oddFooter.left, ws.oddFooter.right):
        part.size = 8
        part.font = f"{xlsx_file.BODY_FONT},Regular"
    wb.properties.title, wb.properties.description = _title(level, kind_title), edition.line
    wb.properties.creator = edition.name
    save_xlsx(wb, path, edition.build_date)


