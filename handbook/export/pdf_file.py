"""Checklist as a printable A4 PDF with an embedded, subset CJK font.

fpdf2 (≥ 2.8) reads OpenType collections with CFF outlines directly: add_font()
takes the .ttc plus `collection_font_number`, and embeds the subset as a CIDFontType0C
font with a ToUnicode map, so text extraction and search work. We pick the Simplified
Chinese face of the collection by its family name (Noto's order is JP, KR, SC, TC, HK).
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from fontTools.ttLib import TTCollection
from fpdf import FPDF

from ..sheet import ROW_MIN_CM, STATUS_CHOICES, Sheet, status_boxes
from .pdf_font import BOX, characters, small_font
from .reproducible import build_datetime

FONT_ENV = "HANDBOOK_CJK_FONT"
FAMILIES = ("Noto Serif CJK SC", "Noto Sans CJK SC")
FONT_PATHS = (Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"),
              Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"))
# fc-match always answers, with a Latin fallback if need be: accept CJK files only.
CJK_FILE = re.compile(r"CJK|SourceHan|wqy|DroidSansFallback|uming|ukai|simsun|simhei|msyh", re.I)

FONT = "cjk"
MARGIN_MM, PADDING_MM = 15.0, 1.2
CENTRED = {"序号", "编号", "分值", "得分"}
# Chinese line-breaking rules (禁则) that fpdf2 does not know: no line starts with
# closing punctuation or ends with opening punctuation.
NO_START = set("，。、；：？！”’）》」』】〕…—·%,.;:?!)]}")
NO_END = set("“‘（《「『【〔([{")


class CJKFontMissing(RuntimeError):
    pass


def find_cjk_font() -> Path:
    """The CJK font file to embed: $HANDBOOK_CJK_FONT, else fontconfig, else Debian's path."""
    if os.environ.get(FONT_ENV):
        path = Path(os.environ[FONT_ENV])
        if path.is_file():
            return path
        raise CJKFontMissing(f"{FONT_ENV}={path} is not a font file")
    for family in FAMILIES:
        try:
            found = subprocess.run(["fc-match", "-f", "%{file}", f"{family}:lang=zh-cn"],
                                   capture_output=True, text=True, timeout=10).stdout.strip()
        except (OSError, subprocess.SubprocessError):  # no fontconfig: try the paths
            break
        if found and CJK_FILE.search(Path(found).name) and Path(found).is_file():
            return Path(found)
    for path in FONT_PATHS:
        if path.is_file():
            return path
    raise CJKFontMissing(
        "no CJK font found; install Debian's fonts-noto-cjk (apt-get install fonts-noto-cjk) "
        f"or set {FONT_ENV} to a .ttf/.otf/.ttc font file with Chinese glyphs")


def _sc_face(path: Path) -> int:
    """Index of the Simplified Chinese face in a .ttc/.otc collection, 0 for single fonts."""
    if path.suffix.lower() not in (".ttc", ".otc"):
        return 0
    with TTCollection(path, lazy=True) as collection:
        names = [font["name"].getDebugName(1) or "" for font in collection.fonts]
    return next((i for i, name in enumerate(names) if name.split()[-1:] == ["SC"]), 0)


class _Measure:
    """Widths of text in the current font and size, the numbers FPDF.get_string_width gives
    (advances in 1/1000 em from the font's hmtx, rounded by fpdf2, summed, scaled), without its
    cost: it copies the graphics state and splits the text into fragments on every call."""

    def __init__(self, pdf: FPDF):
        self.advance = pdf.current_font.cw          # code point → advance, 1/1000 em
        self.font_size_pt, self.k = pdf.font_size_pt, pdf.k

    def units(self, text: str) -> int:
        return sum(self.advance[ord(ch)] for ch in text)

    def mm(self, units: int) -> float:
        return units * self.font_size_pt * 0.001 / self.k  # fpdf2's order of operations

    def width(self, text: str) -> float:
        return self.mm(self.units(text))


def _wrap(text: str, width: float, measure: _Measure) -> str:
    """Text with line breaks where it overflows `width` (mm), obeying 禁则."""
    def glued(a: str, b: str) -> bool:  # Latin words and IDs like GC2-03 break at spaces only
        return a in NO_END or b in NO_START or ((a + b).isascii() and " " not in a + b)

    advance, lines = measure.advance, []
    for paragraph in text.split("\n"):
        line: list[str] = []
        used = 0  # width of `line`, font units
        for ch in paragraph:
            line.append(ch)
            used += advance[ord(ch)]
            if len(line) > 1 and measure.mm(used) > width:
                cut = len(line) - 1  # line[:cut] stays, the rest starts the next line
                while cut > 1 and glued(line[cut - 1], line[cut]):
                    cut -= 1
                cut = cut if cut > 1 else len(line) - 1  # no good place: break anyway
                lines.append("".join(line[:cut]))
                line = line[cut:]
                used = measure.units(line)
        lines.append("".join(line))
    return "\n".join(lines)


PAGE_MM = (297.0, 210.0)  # A4 landscape


def column_widths_mm(sheet: Sheet) -> tuple[float, ...]:
    """Width (mm) of each column of the table, which spans the page between the margins."""
    return tuple(w * 10 for w in sheet.column_widths((PAGE_MM[0] - 2 * MARGIN_MM) / 10))


class _Table:
    """A ruled table drawn with fpdf2's primitives (rect, text). Cells are wrapped by _wrap
    (禁则 included), so fpdf2's own table and line breaking, ~80% of a PDF's time, are not
    needed. A row is never split: one that does not fit starts a new page under the heading."""

    LINE_MM = 5.0

    def __init__(self, pdf: FPDF, widths: list[float], measure: _Measure):
        self.pdf, self.widths, self.measure = pdf, widths, measure
        self.heading: list = []

    def draw(self, cells: list[tuple], min_height: float = 0.0, fill: bool = False) -> None:
        """cells: (text, align L/C/R[, columns spanned])."""
        pdf, spans = self.pdf, []
        column = 0
        for cell in cells:
            span = cell[2] if len(cell) > 2 else 1
            width = sum(self.widths[column:column + span])
            lines = _wrap(cell[0], width - 2 * PADDING_MM - 0.1, self.measure).split("\n") if cell[0] else []
            spans.append((lines, cell[1], pdf.l_margin + sum(self.widths[:column]), width))
            column += span
        height = max(min_height, max(len(lines) for lines, *_ in spans) * self.LINE_MM + 2 * PADDING_MM)
        if pdf.get_y() + height > pdf.page_break_trigger and pdf.get_y() > pdf.t_margin + 1:
            pdf.add_page()
            if self.heading and cells is not self.heading:
                self.draw(self.heading, fill=True)
        top = pdf.get_y()
        ascent = self.LINE_MM / 2 + pdf.font_size * 0.35   # baseline of a line centred in LINE_MM
        if fill:
            pdf.set_fill_color(217, 217, 217)
        for lines, align, left, width in spans:
            pdf.rect(left, top, width, height, style="DF" if fill else "D")
        if fill:  # back to the text colour: while they differ fpdf2 wraps each text() in q … Q
            pdf.set_fill_color(pdf.text_color)
        for lines, align, left, width in spans:
            for n, line in enumerate(lines):
                free = width - 2 * PADDING_MM - self.measure.width(line)
                x = left + PADDING_MM + {"L": 0, "C": free / 2, "R": free}[align]
                pdf.text(x, top + PADDING_MM + n * self.LINE_MM + ascent, line)
        pdf.set_y(top + height)


class _Pdf(FPDF):
    edition = ""

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, size=8)
        self.set_text_color(90)
        self.cell(0, 5, f"{self.edition}    第 {self.page_no()} 页 / 共 {{nb}} 页", align="C")


def prepare_font(sheets: list[Sheet], cache_dir: Path) -> Path:
    """The small TrueType font (pdf_font.py) covering every character of these sheets."""
    source = find_cjk_font()
    return small_font(source, _sc_face(source), characters(sheets), cache_dir)


def write(sheet: Sheet, path: Path, font: Path | None = None) -> None:
    """Write the PDF; `font` is prepare_font()'s result for a set of sheets including
    this one (fast), else the system CJK font is subset directly (~1.5 s)."""
    # A4 landscape like the Word form: ≥ 5 cm to write in 佐证材料/备注.
    pdf = _Pdf(orientation="landscape", unit="mm", format="A4")
    pdf.edition = sheet.edition
    if font is None:
        font = find_cjk_font()
        pdf.add_font(FONT, "", font, collection_font_number=_sc_face(font))
    else:
        pdf.add_font(FONT, "", font)
    # Speed: when fpdf2 writes the subset, fontTools would recompute every bounding
    # box by drawing each glyph. The source font's boxes still enclose the subset's.
    pdf.fonts[FONT].ttfont.recalcBBoxes = False
    pdf.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
    pdf.set_auto_page_break(True, margin=18)
    pdf.set_title(sheet.title)
    pdf.set_subject(f"{sheet.title}（清单编号 {sheet.id}） · {sheet.edition}")
    pdf.set_keywords(f"{sheet.handbook} {sheet.version} {sheet.id}")
    pdf.set_creator(sheet.handbook)
    # Dates and the trailer /ID (fpdf2 hashes the content with this date) from the
    # build date, never the wall clock; fpdf2's font subset tag is fixed (MPDFAA).
    pdf.set_creation_date(build_datetime(sheet.build_date))
    pdf.set_author(sheet.handbook)
    pdf.set_lang("zh-CN")
    pdf.add_page()

    pdf.set_font(FONT, size=16)
    pdf.cell(0, 10, sheet.title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, size=10.5)
    pdf.multi_cell(0, 6, sheet.description, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, size=9)
    pdf.cell(0, 6, sheet.id_line, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, size=10.5)
    pdf.cell(0, 8, sheet.blanks, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)

    columns = sheet.columns
    widths = list(column_widths_mm(sheet))
    status = "\n".join(status_boxes(BOX))
    pdf.set_font(FONT, size=10)

    table = _Table(pdf, widths, _Measure(pdf))  # one font, one size below
    table.heading = [(text, "C") for text in columns]
    table.draw(table.heading, fill=True)
    align = ["C" if c in CENTRED else "L" for c in columns]
    for r in sheet.rows:
        score = [str(r.score or 0), ""] if sheet.scored else []
        cells = [str(r.number), r.id, r.requirement_cell, r.subject_list, status, ""] + score
        table.draw(list(zip(cells, align)), min_height=ROW_MIN_CM * 10)
    label = columns.index("完成情况")
    for choice in (*STATUS_CHOICES, "未填"):  # counted by hand
        table.draw([(f"{choice}（项）", "R", label)] + [("", "L")] * (len(columns) - label))
    if sheet.scored:
        table.draw([("合计", "R", columns.index("分值")), (str(sheet.total), "C"), ("", "L")])
    pdf.set_font(FONT, size=10.5)
    if pdf.will_page_break(20):
        pdf.add_page()
    pdf.ln(10)
    pdf.cell(0, 8, sheet.signatures, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
