"""Checklist as a Word document: an A4 landscape form to fill in by hand.

Landscape, because 佐证材料/备注 needs ≥ 5 cm to write in and 要求 must stay
readable (portrait leaves it under 3 cm on scored lists); rows are at least
ROW_MIN_CM high, never split across pages, and sign-off lines follow the table."""

from __future__ import annotations

import copy
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from ..sheet import ROW_MIN_CM, STATUS_CHOICES, Sheet, status_boxes
from .reproducible import save_docx

PAGE_CM, MARGIN_CM = (29.7, 21.0), 2.0   # A4 landscape (width, height)
BODY_FONT, TITLE_FONT, LATIN_FONT = "宋体", "黑体", "Times New Roman"
CENTRED = {"序号", "编号", "分值", "得分"}
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
    normal.font.size = Pt(10.5)  # 五号
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
    run.font.size = Pt(16)  # 三号
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


def _table(doc, sheet: Sheet):
    columns = sheet.columns
    table = doc.add_table(rows=1, cols=len(columns))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False  # fixed layout: Word keeps the widths below
    widths = [Cm(w) for w in sheet.column_widths(PAGE_CM[0] - 2 * MARGIN_CM)]
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

    # One data row made by python-docx (widths, alignment, height, cantSplit; 完成情况
    # and the empty cells as in every row; "x" where each row has its own text), then
    # copied for every item. 要求's second paragraph is the model for its extra lines.
    status = "\n".join(status_boxes())  # one box a line: the column is narrow
    fixed = {"完成情况": status, "佐证材料/备注": "", "得分": ""}
    blank = add([fixed.get(name, ("x", "x") if name == "要求" else "x") for name in columns])
    blank.height, blank.height_rule = Cm(ROW_MIN_CM), WD_ROW_HEIGHT_RULE.AT_LEAST
    template = _detach(blank)
    requirement = template.tc_lst[columns.index("要求")]
    line = requirement.p_lst[1]
    requirement.remove(line)

    # Totals, counted by hand: one line per 完成情况, then (scored) 合计, the label cell
    # spanning the columns on its left. Made while the table is one row long (merging
    # searches the whole table) and the count row once, copied for each 完成情况.
    def totals_row(label: int, cells_text):
        row = add(cells_text)
        row.cells[0].merge(row.cells[label - 1])
        row.cells[0].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        return _detach(row)

    count = totals_row(columns.index("完成情况"), ["x"] + [""] * (len(columns) - 1))
    totals = [copy_row(count, [f"{choice}（项）"]) for choice in (*STATUS_CHOICES, "未填")]
    if sheet.scored:
        label = columns.index("分值")
        totals.append(totals_row(label, ["合计"] + [""] * (label - 1) + [str(sheet.total), ""]))

    for r in sheet.rows:
        texts = {"序号": str(r.number), "编号": r.id, "要求": r.title, "责任主体": r.subject_list,
                 "分值": str(r.score or 0)}
        tr = copy_row(template, [texts.get(name) for name in columns])
        # Title in bold, then the full text unless it only repeats the title.
        extra = ((r.text,) if r.requirement != r.text else ()) + r.details
        cell = tr.tc_lst[columns.index("要求")]
        for text in extra:
            p = copy.deepcopy(line)
            cell.append(p)
            _set_text(p.find(W_R), text)
        table._tbl.append(tr)
    for tr in totals:
        table._tbl.append(tr)
    return table


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
