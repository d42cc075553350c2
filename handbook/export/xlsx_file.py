"""Checklist as an Excel workbook: one sheet with a 完成情况 dropdown and, when
scored, SUM formulas that total 分值 and 得分 as the form is filled in."""

from __future__ import annotations

import math
import unicodedata
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from ..sheet import STATUS_CHOICES, Sheet

SHEET_NAME = "对照检查清单"       # ≤ 31 characters, none of []:*?/\
HEADER_ROW = 4                     # rows 1–3: title, edition, blanks
CM_PER_UNIT = 0.2                  # Excel width unit ≈ one Latin digit ≈ 0.2 cm
TABLE_CM = 17.0                    # A4 minus 2 cm margins; printing fits it to width
CENTRED = {"序号", "编号", "完成情况", "分值", "得分"}
LINE_PT = 16                       # row height per line of 11 pt Chinese text, with leading

_thin = Side(style="thin", color="808080")
BORDER = Border(left=_thin, right=_thin, top=_thin, bottom=_thin)
HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")


def _lines(text, width: float) -> int:
    """Lines a wrapped cell needs; Chinese characters are two width units wide."""
    units = [sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)
             for line in str(text or "").split("\n")]
    return sum(max(1, math.ceil(u / (width - 1))) for u in units)


def write(sheet: Sheet, path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_NAME
    columns = sheet.columns
    letter = {name: get_column_letter(i) for i, name in enumerate(columns, 1)}
    last = get_column_letter(len(columns))

    for row, (text, font) in enumerate(((sheet.title, Font(bold=True, size=14)),
                                        (sheet.edition, Font(size=9, color="595959")),
                                        (sheet.blanks, Font())), 1):
        ws.cell(row, 1, text).font = font
        ws.merge_cells(f"A{row}:{last}{row}")
    ws["A1"].alignment = Alignment(horizontal="center")

    ws.append(columns)
    for cell in ws[HEADER_ROW]:
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)

    for r in sheet.rows:
        score = [r.score or 0, None] if sheet.scored else []
        ws.append([r.number, r.id, r.requirement, r.subject_list, None, None] + score)
    first, end = HEADER_ROW + 1, HEADER_ROW + len(sheet.rows)

    widths = [round(cm / CM_PER_UNIT, 1) for cm in sheet.column_widths(TABLE_CM)]
    for name, width in zip(columns, widths):
        ws.column_dimensions[letter[name]].width = width
        align = Alignment(horizontal="center" if name in CENTRED else "left",
                          vertical="top", wrap_text=True)
        for (cell,) in ws[f"{letter[name]}{first}:{letter[name]}{end}"]:
            cell.alignment = align
    for row in ws[f"A{HEADER_ROW}:{last}{end}"]:
        for cell in row:
            cell.border = BORDER
        # Excel and LibreOffice keep the default height for rows written without
        # one, hiding wrapped lines: size each row to its tallest cell.
        lines = max(_lines(cell.value, w) for cell, w in zip(row, widths))
        ws.row_dimensions[row[0].row].height = LINE_PT * lines + 3

    status = DataValidation(type="list", formula1='"' + ",".join(STATUS_CHOICES) + '"',
                            allow_blank=True, showErrorMessage=True,
                            errorTitle="完成情况", error="请从下拉列表中选择：" + "、".join(STATUS_CHOICES))
    status.add(f"{letter['完成情况']}{first}:{letter['完成情况']}{end}")
    ws.add_data_validation(status)

    if sheet.scored:
        points, got = letter["分值"], letter["得分"]
        # 得分 between 0 and the row's own 分值 (relative reference, shifts down the column)
        bounds = DataValidation(type="decimal", operator="between", formula1="0",
                                formula2=f"{points}{first}", allow_blank=True,
                                showErrorMessage=True, errorTitle="得分", error="得分应在 0 与分值之间")
        bounds.add(f"{got}{first}:{got}{end}")
        ws.add_data_validation(bounds)
        total, rate = end + 1, end + 2
        label = get_column_letter(columns.index("分值"))
        for row, text in ((total, "合计"), (rate, "得分率")):
            ws.cell(row, 1, text).font = Font(bold=True)
            ws.cell(row, 1).alignment = Alignment(horizontal="right")
            ws.merge_cells(f"A{row}:{label}{row}")
        ws[f"{points}{total}"] = f"=SUM({points}{first}:{points}{end})"
        ws[f"{got}{total}"] = f"=SUM({got}{first}:{got}{end})"
        ws[f"{got}{rate}"] = f'=IF({points}{total}=0,"",{got}{total}/{points}{total})'
        ws[f"{got}{rate}"].number_format = "0.0%"
        for row in ws[f"A{total}:{last}{rate}"]:
            for cell in row:
                cell.border = BORDER
                cell.font = Font(bold=True)

    ws.freeze_panes = f"A{first}"
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_PORTRAIT
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0  # any number of pages tall
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.oddFooter.left.text = sheet.edition
    ws.oddFooter.right.text = "第 &P 页 / 共 &N 页"
    for part in (ws.oddFooter.left, ws.oddFooter.right):
        part.size = 8

    wb.properties.title = sheet.title
    wb.properties.subject = sheet.description
    wb.properties.description = sheet.edition
    wb.properties.creator = sheet.handbook
    wb.save(path)
