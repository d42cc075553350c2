"""Checklist as an Excel workbook: one sheet to fill in on screen or print on A4.

Layout contract (the browser fills and imports these files; keep it exactly):
sheet 对照检查清单; row 1 title; row 2 the edition line with “清单编号 <id>”;
row 3 the blanks as label/value cells (单位：, 填表人：, 日期：) whose value cells
are the workbook names HB_UNIT, HB_FILLER, HB_DATE; row 4 the header (Sheet.columns);
one data row per item; then the totals rows, 编号 left empty. The workbook names
HB_CHECKLIST and HB_EDITION are two text cells in a hidden column right of the print
area holding the checklist id and the edition version (what an importer checks).
Every formula is a plain one (no shared formulas) and every validation a list or custom
rule with its formula as text: ExcelJS, which fills the template in the browser, keeps
those as they are (it reads a decimal rule's bounds as numbers, losing a reference).
See docs-dev/files.md.
"""

from __future__ import annotations

import copy
import math
import unicodedata
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

from ..sheet import ROW_MIN_CM, STATUS_CHOICES, XLSX_WRAP, Sheet
from .reproducible import save_xlsx

SHEET_NAME = "对照检查清单"       # ≤ 31 characters, none of []:*?/\
HEADER_ROW = 4                     # rows 1–3: title, edition, blanks
BLANK_ROW = 3
TABLE_CM = 25.7                    # A4 landscape minus 2 cm margins; printing fits it to width
BODY_FONT, BODY_PT = "宋体", 11
CENTRED = {"序号", "编号", "完成情况", "分值", "得分"}
DATE_CM = 3.2                      # extra column for the 日期 value when the table has no 分值/得分

# Conservative wrap estimate for 宋体 11 pt at 96 dpi: Excel's width unit is the
# font's max digit width (7–8 px: we assume 7, the narrower), a CJK character is
# 15 px (11 pt = 14.7 px, rounded up), cell padding eats 6 px. A line is 15 pt high
# plus some leading; rows get 4 pt spare.
DIGIT_PX, CJK_PX, PAD_PX = XLSX_WRAP["digit_px"], XLSX_WRAP["cjk_px"], XLSX_WRAP["pad_px"]
CM_PER_UNIT = DIGIT_PX / 96 * 2.54
LINE_PT, ROW_PAD_PT = XLSX_WRAP["line_pt"], XLSX_WRAP["row_pad_pt"]
ROW_MIN_PT = ROW_MIN_CM / 2.54 * 72

NAMES = {"单位": "HB_UNIT", "填表人": "HB_FILLER", "日期": "HB_DATE"}  # defined names of the blanks
IDENTITY = (("HB_CHECKLIST", 1), ("HB_EDITION", 2))   # defined name, row of its cell in the hidden column
TOTALS = (("已完成", '=COUNTIF({r},"已完成")'), ("推进中", '=COUNTIF({r},"推进中")'),
          ("未开始", '=COUNTIF({r},"未开始")'), ("未填", "=COUNTBLANK({r})"))

_thin = Side(style="thin", color="808080")
BORDER = Border(left=_thin, right=_thin, top=_thin, bottom=_thin)
UNDERLINE = Border(bottom=Side(style="thin", color="000000"))
HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")


def font(**kw) -> Font:
    """宋体 with the GB2312 charset, so Excel and LibreOffice pick the Chinese face."""
    return Font(name=BODY_FONT, size=kw.pop("size", BODY_PT), charset=134, **kw)


# Style objects are made once: openpyxl hashes each one a cell is given into the
# workbook's style lists, and a new Font a cell (4,000 for the checklists) cost more
# than the cells themselves.
BODY, BOLD = font(), font(bold=True)
TITLE, EDITION = font(bold=True, size=14), font(size=9, color="595959")
CENTER, RIGHT = Alignment(horizontal="center"), Alignment(horizontal="right")
HEADER_ALIGN = Alignment(horizontal="center", vertical="center", wrap_text=True)
CELL_ALIGN = {centred: Alignment(horizontal="center" if centred else "left", vertical="top", wrap_text=True)
              for centred in (False, True)}
BLANK_LABEL = Alignment(horizontal="right", vertical="bottom")
BLANK_VALUE = Alignment(horizontal="left", vertical="bottom", shrink_to_fit=True)


def style_rows(rows, style) -> None:
    """Style the first of `rows` (each a sequence of cells) with `style(cells)`, and give
    the cells of the other rows copies of its cells' StyleArrays (the font, border, …
    ids), as openpyxl's copy_worksheet does: setting cell.font/.border/.alignment hashes
    the style into the workbook's lists each time, the dearest part of a row."""
    model = None
    for cells in rows:
        if model is None:
            style(cells)
            model = [cell._style for cell in cells]
        else:
            for cell, array in zip(cells, model):
                cell._style = copy.copy(array)


def chars_per_line(width_units: float) -> float:
    """Full-width characters that fit on one line of a column `width_units` wide."""
    return max(1.0, (width_units * DIGIT_PX + 5 - PAD_PX) / CJK_PX)


def lines_needed(text, width_units: float) -> int:
    """Lines a wrapped cell needs: CJK characters count 1, others ½ (never less)."""
    per_line = chars_per_line(width_units)
    count = 0
    for line in str(text if text is not None else "").split("\n"):
        units = sum(1 if unicodedata.east_asian_width(ch) in "WFA" else 0.5 for ch in line)
        count += max(1, math.ceil(units / math.floor(per_line)))
    return count


def row_height(lines: int) -> float:
    return LINE_PT * lines + ROW_PAD_PT


def _default_font(wb) -> None:
    # Unstyled cells and new rows use fonts[0] and the Normal style: make both 宋体.
    wb._fonts = IndexedList([BODY])
    wb._named_styles["Normal"].font = BODY


def _blanks(ws, sheet: Sheet, wb, last_col: int) -> None:
    """Row 3: 单位：[value] 填表人：[value] 日期：[value], each value a defined name."""
    cols = sheet.columns
    col = {name: i for i, name in enumerate(cols, 1)}
    # label column, value range (first, last column)
    spots = (("单位", col["序号"], (col["编号"], col["要求"])),
             ("填表人", col["责任主体"], (col["完成情况"], col["完成情况"])),
             ("日期", col["佐证材料/备注"], (last_col, max(last_col, len(cols)))))
    if sheet.scored:
        spots = spots[:2] + (("日期", col["佐证材料/备注"], (col["分值"], col["得分"])),)
    for name, label, (start, end) in spots:
        ws.cell(BLANK_ROW, label, f"{name}：").alignment = BLANK_LABEL
        ws.cell(BLANK_ROW, label).font = BODY
        for c in range(start, end + 1):
            ws.cell(BLANK_ROW, c).border = UNDERLINE
        ws.cell(BLANK_ROW, start).font = BODY
        ws.cell(BLANK_ROW, start).alignment = BLANK_VALUE
        if end > start:
            ws.merge_cells(start_row=BLANK_ROW, start_column=start, end_row=BLANK_ROW, end_column=end)
        ref = f"'{SHEET_NAME}'!${get_column_letter(start)}${BLANK_ROW}"
        wb.defined_names[NAMES[name]] = DefinedName(NAMES[name], attr_text=ref)
    ws.row_dimensions[BLANK_ROW].height = 24


def write(sheet: Sheet, path: Path) -> None:
    wb = Workbook()
    _default_font(wb)
    ws = wb.active
    ws.title = SHEET_NAME
    columns = sheet.columns
    letter = {name: get_column_letter(i) for i, name in enumerate(columns, 1)}
    last = get_column_letter(len(columns))
    # Unscored tables have six columns, one short of three label/value pairs: the
    # 日期 value gets a column of its own right of the table (row 3 only).
    last_col = len(columns) if sheet.scored else len(columns) + 1
    print_last = get_column_letter(last_col)

    for row, (text, style) in enumerate(((sheet.title, TITLE), (sheet.id_line, EDITION)), 1):
        ws.cell(row, 1, text).font = style
        ws.merge_cells(f"A{row}:{print_last}{row}")
    ws["A1"].alignment = CENTER
    ws.row_dimensions[1].height = 24
    _blanks(ws, sheet, wb, last_col)

    widths = [round(cm / CM_PER_UNIT, 1) for cm in sheet.column_widths(TABLE_CM)]
    for name, width in zip(columns, widths):
        ws.column_dimensions[letter[name]].width = width
    if not sheet.scored:
        ws.column_dimensions[print_last].width = round(DATE_CM / CM_PER_UNIT, 1)

    # Excel and LibreOffice keep the default height for rows written without one,
    # hiding wrapped lines: size each row to its tallest cell, never below the
    # handwriting minimum.
    def fit(row: int, values, floor: float) -> None:
        lines = max(lines_needed(value, w) for value, w in zip(values, widths))
        ws.row_dimensions[row].height = round(max(row_height(lines), floor), 1)

    for i, name in enumerate(columns, 1):
        cell = ws.cell(HEADER_ROW, i, name)
        cell.font, cell.fill, cell.alignment, cell.border = BOLD, HEADER_FILL, HEADER_ALIGN, BORDER
    fit(HEADER_ROW, columns, 0)

    first, end = HEADER_ROW + 1, HEADER_ROW + len(sheet.rows)
    for row, r in enumerate(sheet.rows, first):
        score = [r.score or 0, None] if sheet.scored else []
        values = [r.number, r.id, r.requirement_cell, r.subject_list, None, None] + score
        for i, value in enumerate(values, 1):
            ws.cell(row, i, value)
        fit(row, values, ROW_MIN_PT)

    def body(cells):
        for cell, name in zip(cells, columns):
            cell.font, cell.border, cell.alignment = BODY, BORDER, CELL_ALIGN[name in CENTRED]
    style_rows(ws.iter_rows(min_row=first, max_row=end, max_col=len(columns)), body)

    status = DataValidation(type="list", formula1='"' + ",".join(STATUS_CHOICES) + '"',
                            allow_blank=True, showErrorMessage=True,
                            errorTitle="完成情况", error="请从下拉列表中选择：" + "、".join(STATUS_CHOICES))
    status.add(f"{letter['完成情况']}{first}:{letter['完成情况']}{end}")
    ws.add_data_validation(status)

    # Totals: one row per 完成情况 count, then (scored) 合计 and 得分率. The label
    # spans 序号…要求/责任主体, so 编号 stays empty; the figure sits under 完成情况.
    state = f"{letter['完成情况']}{first}:{letter['完成情况']}{end}"
    label_end = get_column_letter(columns.index("完成情况"))
    totals = []
    for label, formula in TOTALS:
        totals.append((f"{label}（项）", letter["完成情况"], formula.format(r=state), None))
    if sheet.scored:
        points, got = letter["分值"], letter["得分"]
        # 得分 a number between 0 and the row's own 分值 (relative references, shift down the
        # column). A custom rule: ExcelJS would turn a decimal rule's formula2 "G5" into NaN.
        cell = f"{got}{first}"
        bounds = DataValidation(type="custom", formula1=f"AND(ISNUMBER({cell}),{cell}>=0,{cell}<={points}{first})",
                                allow_blank=True, showErrorMessage=True,
                                errorTitle="得分", error="得分应为 0 到该行分值之间的数")
        bounds.add(f"{got}{first}:{got}{end}")
        ws.add_data_validation(bounds)
    row = end
    for label, col, formula, _ in totals:
        row += 1
        ws.cell(row, 1, label)
        ws[f"{col}{row}"] = formula
        ws.merge_cells(f"A{row}:{label_end}{row}")
    if sheet.scored:
        total, rate = row + 1, row + 2
        label = get_column_letter(columns.index("分值"))
        for r_, text in ((total, "合计"), (rate, "得分率")):
            ws.cell(r_, 1, text)
            ws.merge_cells(f"A{r_}:{label}{r_}")
        ws[f"{points}{total}"] = f"=SUM({points}{first}:{points}{end})"
        ws[f"{got}{total}"] = f"=SUM({got}{first}:{got}{end})"
        ws[f"{got}{rate}"] = f'=IF({points}{total}=0,"",{got}{total}/{points}{total})'
        row = rate
    def total(cells):
        for cell in cells:
            cell.border, cell.font = BORDER, BOLD
        cells[0].alignment = RIGHT
    style_rows(ws[f"A{end + 1}:{last}{row}"], total)
    for r_ in range(end + 1, row + 1):
        ws.row_dimensions[r_].height = row_height(1)
    if sheet.scored:
        ws[f"{got}{rate}"].number_format = "0.0%"  # after style_rows: the StyleArray holds it

    # The checklist id and edition as plain text cells with workbook names, in a hidden
    # column right of the print area: a reader (the browser's importer) checks them.
    hidden = get_column_letter(last_col + 1)
    for name, row_ in IDENTITY:
        value = sheet.id if name == "HB_CHECKLIST" else sheet.version
        ws.cell(row_, last_col + 1, value).number_format = "@"
        wb.defined_names[name] = DefinedName(name, attr_text=f"'{SHEET_NAME}'!${hidden}${row_}")
    ws.column_dimensions[hidden].hidden = True

    ws.freeze_panes = f"A{first}"
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.print_area = f"A1:{print_last}{row}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0  # any number of pages tall
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    for side in ("left", "right"):
        setattr(ws.page_margins, side, 2 / 2.54)
    ws.oddHeader.center.text = sheet.title
    ws.oddHeader.center.size = 9
    ws.oddFooter.left.text = sheet.edition
    ws.oddFooter.right.text = "第 &P 页 / 共 &N 页"
    for part in (ws.oddFooter.left, ws.oddFooter.right):
        part.size = 8
        part.font = f"{BODY_FONT},Regular"

    props = wb.properties
    props.title = sheet.title
    props.subject = f"{sheet.title}（清单编号 {sheet.id}）"
    props.description = sheet.edition
    props.creator = props.lastModifiedBy = sheet.handbook
    props.keywords = f"{sheet.handbook};{sheet.version};{sheet.id}"
    save_xlsx(wb, path, sheet.build_date)
