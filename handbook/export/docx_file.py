"""Checklist as a Word document: an A4 landscape form to fill in by hand.

Landscape, because 佐证材料/备注 needs ≥ 5 cm to write in and 要求 must stay
readable (portrait leaves it under 3 cm on scored lists); rows are at least
ROW_MIN_CM high, never split across pages, and sign-off lines follow the table."""

from __future__ import annotations

import copy
import functools
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.table import CT_Row, CT_Tbl
from docx.oxml.text.paragraph import CT_P
from docx.shared import Cm, Pt

from ..sheet import FORM, ROW_MIN_CM, STATUS_CHOICES, Sheet, status_boxes
from .reproducible import save_docx

PAGE_CM, MARGIN_CM = FORM["page_cm"], FORM["margin_cm"]   # A4 landscape (width, height)
BODY_FONT, TITLE_FONT, LATIN_FONT = FORM["body_font"], FORM["title_font"], FORM["latin_font"]
CENTRED = set(FORM["centred"])
W_R, W_T = qn("w:r"), qn("w:t")
FIRST_RUN = f"{qn('w:p')}/{W_R}"    # a cell's first paragraph's first run


def _fonts(rpr, east_asia: str) -> None:
    # python-docx's font.name only sets the Latin slots; Chinese text uses w:eastAsia.
    rfonts = rpr.get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi"):
        rfonts.set(qn(slot), LATIN_FONT)
    rfonts.set(qn("w:eastAsia"), east_asia)


def _flag(tr, tag: str) -> None:
    tr.get_or_add_trPr().append(OxmlElement(tag))


def _shade(cell, fill: str) -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shd)


def _field(paragraph, instr: str) -> None:
    # Word fills the cached "1" in when it lays out the page.
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), f" {instr} ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    fld.append(run)
    paragraph._p.append(fld)


def _styles(doc) -> None:
    normal = doc.styles["Normal"]
    normal.font.size = Pt(FORM["body_pt"])  # 五号
    rpr = normal.element.get_or_add_rPr()
    _fonts(rpr, BODY_FONT)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:eastAsia"), "zh-CN")  # Chinese line breaking and proofing
    rpr.append(lang)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.15


def _page(doc, sheet: Sheet) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = (Cm(x) for x in PAGE_CM)
    for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
        setattr(section, side, Cm(MARGIN_CM))
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run(f"{sheet.edition}    第 ")
    _field(footer, "PAGE")
    footer.add_run(" 页 / 共 ")
    _field(footer, "NUMPAGES")
    footer.add_run(" 页")
    doc.styles["Footer"].font.size = Pt(9)  # also reaches the field results


def _heading(doc, sheet: Sheet) -> None:
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_after = Pt(6)
    run = title.add_run(sheet.title)
    run.font.size = Pt(FORM["title_pt"])  # 三号
    _fonts(run._r.get_or_add_rPr(), TITLE_FONT)
    for line in (sheet.description, sheet.id_line, sheet.blanks):
        doc.add_paragraph(line).paragraph_format.space_after = Pt(6)
    doc.paragraphs[-2].runs[0].font.size = Pt(9)


def _set_text(r, text: str) -> None:
    """Give the run `r` (copied from a python-docx run) `text`, as run.text = text would."""
    if text.strip() == text and not any(c in text for c in "\t\r\n"):
        r.find(W_T).text = text  # the usual case: one w:t, no xml:space needed
    else:
        r.text = text            # python-docx's setter: w:tab/w:br, xml:space="preserve"


def copy_row(template, texts):
    """A deep copy of `template`, a w:tr python-docx made with one run in each cell to fill,
    with `texts` put in those runs in cell order: None keeps the template's cell, ""
    drops the run if there is one (python-docx adds none for empty text)."""
    # Building each row with python-docx (row.cells, add_run, widths, flags) cost ~0.7 ms
    # a row, most of a file's time; a copy of one finished row costs a tenth of that.
    tr = copy.deepcopy(template)
    for tc, text in zip(tr.tc_lst, texts):
        if text is None:
            continue
        r = tc.find(FIRST_RUN)
        if text:
            _set_text(r, text)
        elif r is not None:
            r.getparent().remove(r)
    return tr


def _detach(row):
    tr = row._tr
    tr.getparent().remove(tr)
    return tr


@dataclass(frozen=True)
class _Parts:
    """The parts of a checklist table that depend only on its columns, made by python-docx."""
    table: CT_Tbl          # properties, grid and the header row
    item: CT_Row           # a data row: "x" where each item has its own text
    line: CT_P             # 要求's further paragraphs (full text, details)
    count: CT_Row          # a 完成情况 count row, "x" for its label
    total: CT_Row | None   # scored: the 合计 row, "x" for the sum


@functools.cache
def _parts(columns: tuple[str, ...], widths_cm: tuple[float, ...]) -> _Parts:
    """Made once per process and table shape, on a scratch document; each file deep-copies
    them. Building a formatted row cell by cell with python-docx costs ~1 ms and merging
    cells ~2 ms (xpath searches), more than copying all of a file's item rows."""
    doc = Document()
    table = doc.add_table(rows=1, cols=len(columns))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False  # fixed layout: Word keeps the widths below
    widths = [Cm(w) for w in widths_cm]
    for column, width in zip(table.columns, widths):
        column.width = width

    def fill(row, cells_text):
        for cell, text in zip(row.cells, cells_text):
            paragraph = cell.paragraphs[0]
            if isinstance(text, tuple):  # 要求: bold title, then the full text and details
                paragraph.add_run(text[0]).bold = True
                for line in text[1:]:
                    cell.add_paragraph(line)
            elif text:
                paragraph.add_run(text)
        return row

    def add(cells_text, row=None):
        row = row or table.add_row()
        _flag(row._tr, "w:cantSplit")
        for name, cell, width in zip(columns, row.cells, widths):
            cell.width = width  # Word reads tcW, not only the grid
            if name in CENTRED:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        return fill(row, cells_text)

    header = add(columns, table.rows[0])
    _flag(header._tr, "w:tblHeader")  # repeat on every page
    for cell in header.cells:
        _shade(cell, "D9D9D9")
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        for run in cell.paragraphs[0].runs:
            run.bold = True

    # Data rows: widths, alignment, height, cantSplit; "x" where each item has its own text
    # (要求: the bold title, and a second paragraph, the model for the full text and
    # details); 完成情况 and the empty cells as they are in every row.
    status = "\n".join(status_boxes())  # one box a line: the column is narrow
    model = {"要求": ("x", "x"), "完成情况": status, "佐证材料/备注": "", "得分": ""}
    item = add([model.get(name, "x") for name in columns])
    item.height, item.height_rule = Cm(ROW_MIN_CM), WD_ROW_HEIGHT_RULE.AT_LEAST
    item = _detach(item)
    requirement = item.tc_lst[columns.index("要求")]
    line = requirement.p_lst[1]
    requirement.remove(line)

    # Totals, counted by hand: the label cell spans the columns on its left.
    def totals_row(label: int, cells_text):
        row = add(cells_text)
        row.cells[0].merge(row.cells[label - 1])
        row.cells[0].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        return _detach(row)

    count = totals_row(columns.index("完成情况"), ["x"] + [""] * (len(columns) - 1))
    total = None
    if "分值" in columns:
        label = columns.index("分值")
        total = totals_row(label, ["合计"] + [""] * (label - 1) + ["x", ""])
    tbl = table._tbl
    tbl.getparent().remove(tbl)
    return _Parts(tbl, item, line, count, total)


def _table(doc, sheet: Sheet) -> None:
    parts = _parts(sheet.columns, sheet.column_widths(PAGE_CM[0] - 2 * MARGIN_CM))
    tbl = copy.deepcopy(parts.table)
    doc.element.body._insert_tbl(tbl)  # where python-docx's add_table puts it: before sectPr
    columns = sheet.columns
    for r in sheet.rows:
        texts = {"序号": str(r.number), "编号": r.id, "要求": r.title, "责任主体": r.subject_list,
                 "分值": str(r.score or 0)}
        tr = copy_row(parts.item, [texts.get(name) for name in columns])
        # Title in bold, then the full text unless it only repeats the title.
        extra = ((r.text,) if r.requirement != r.text else ()) + r.details
        cell = tr.tc_lst[columns.index("要求")]
        for text in extra:
            p = copy.deepcopy(parts.line)
            cell.append(p)
            _set_text(p.find(W_R), text)
        tbl.append(tr)
    # One line per 完成情况, then (scored) 合计.
    for choice in (*STATUS_CHOICES, "未填"):
        tbl.append(copy_row(parts.count, [f"{choice}（项）"]))
    if sheet.scored:
        tbl.append(copy_row(parts.total, [None, str(sheet.total)]))


def _signatures(doc, sheet: Sheet) -> None:
    sign = doc.add_paragraph(sheet.signatures)
    sign.paragraph_format.space_before = Pt(18)
    sign.paragraph_format.keep_together = True


def write(sheet: Sheet, path: Path) -> None:
    doc = Document()
    _styles(doc)
    _page(doc, sheet)
    _heading(doc, sheet)
    _table(doc, sheet)
    _signatures(doc, sheet)

    props = doc.core_properties
    props.title = sheet.title
    props.subject = f"{sheet.title}（清单编号 {sheet.id}） · {sheet.edition}"
    props.comments = f"{sheet.description}（{sheet.edition}）"
    props.author = props.last_modified_by = sheet.handbook
    props.keywords = f"{sheet.handbook};{sheet.version};{sheet.id}"
    save_docx(doc, path, sheet.build_date)
