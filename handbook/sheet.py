"""A checklist as a plain table: what every checklist format (page, Word, Excel,
CSV, PDF) renders. Built from the catalogue by checklists.py; writers only read it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .text import normalize

STATUS_CHOICES = ("已完成", "推进中", "未开始")   # 完成情况
BLANK_FIELDS = ("单位", "填表人", "日期")          # title-block blanks filled by hand
SIGNATURES = "填表人签字：______________    审核人签字：______________    日期：____年__月__日"

# Width (cm) of every column but 要求; 要求 takes the rest. Paper forms are A4
# landscape: 佐证材料/备注 gets 5 cm to write in by hand and 要求 still keeps
# ≥ 11 cm (portrait would leave it under 3 cm on scored lists).
_FIXED_CM = {"序号": 1.2, "编号": 1.7, "责任主体": 2.4, "完成情况": 2.3,
             "佐证材料/备注": 5.5, "分值": 1.2, "得分": 1.4}
NOTES_MIN_CM = 5.0       # room for handwriting in 佐证材料/备注
ROW_MIN_CM = 1.2         # minimum data-row height on paper: a tick and a short note

# The paper form in one place: the blank Word/Excel (export/docx_file.py, xlsx_file.py) and the
# browser's filled exports (hb-office.js, through downloads/fill/<id>.meta.js "form") all read it,
# so a filled file cannot drift from the blank one. Contract: docs-dev/files.md.
FORM = {
    "page_cm": (29.7, 21.0),          # A4 landscape (width, height)
    "margin_cm": 2.0,
    "orientation": "landscape",
    "body_font": "宋体",               # East Asian font of all text
    "title_font": "黑体",              # title and headings
    "latin_font": "Times New Roman",  # Latin slots (digits, IDs)
    "body_pt": 10.5,                  # 五号
    "title_pt": 16,                   # 三号
    "small_pt": 9,                    # description, footer
    "row_min_cm": ROW_MIN_CM,
    "header_fill": "D9D9D9",
    "centred": ("序号", "编号", "分值", "得分"),
}
# Excel row heights from the text (xlsx_file.lines_needed; hb-office.js the same for filled notes):
# width unit = the font's digit width (7 px assumed), a CJK character 15 px, padding 6 px,
# a line 15.6 pt plus 4 pt spare per row.
XLSX_WRAP = {"digit_px": 7, "cjk_px": 15, "pad_px": 6, "line_pt": 15.6, "row_pad_pt": 4}


def form_table_cm() -> float:
    """Width of the form's table: the page minus both margins."""
    return FORM["page_cm"][0] - 2 * FORM["margin_cm"]


def status_boxes(box: str = "☐") -> tuple[str, ...]:
    """完成情况 pre-printed for ticking by hand: one "☐ 已完成" per STATUS_CHOICES entry."""
    return tuple(f"{box} {choice}" for choice in STATUS_CHOICES)


@dataclass(frozen=True)
class SheetRow:
    number: int               # 序号, 1-based
    id: str                   # item ID, e.g. GC2-03
    title: str                # short title
    text: str                 # full requirement text, display punctuation
    subjects: tuple[str, ...]  # 责任主体
    score: int | None = None  # 分值 (scored checklists only)
    context: str = ""         # why the requirement exists, shown as （背景：…）
    components: tuple[str, ...] = ()  # parts the requirement consists of, shown as 包括：A；B
    role: str = ""            # what the list's reader does, e.g. 党支部职责：书记参加 (handbook.levels.role_line)

    @property
    def requirement(self) -> str:
        """要求 on one line, "title：text"; just the text where the title only repeats it."""
        return self.text if normalize(self.title) == normalize(self.text) else f"{self.title}：{self.text}"

    @property
    def details(self) -> tuple[str, ...]:
        """Lines shown under 要求 in every format: the reader's role, 包括：A；B；C, then （背景：…）."""
        lines = [self.role] if self.role else []
        if self.components:
            lines.append("包括：" + "；".join(self.components))
        if self.context:
            lines.append(f"（背景：{self.context}）")
        return tuple(lines)

    @property
    def requirement_cell(self) -> str:
        """要求 with its details, one per line: the single-cell form (Excel, CSV, PDF)."""
        return "\n".join((self.requirement, *self.details))

    @property
    def subject_list(self) -> str:
        """责任主体 as one cell: 党组（党委）、机关党委."""
        return "、".join(self.subjects)


@dataclass(frozen=True)
class Sheet:
    id: str                   # checklist ID, used in file names: <id>.docx …
    title: str                # 清单名称, e.g. 党支部对照检查清单
    description: str
    handbook: str             # 五型模范机关建设手册
    version: str              # handbook version, e.g. 0.1.0
    build_date: str           # YYYY-MM-DD
    rows: tuple[SheetRow, ...] = field(default_factory=tuple)

    @property
    def scored(self) -> bool:
        return any(row.score is not None for row in self.rows)

    @property
    def total(self) -> int | None:
        return sum(row.score or 0 for row in self.rows) if self.scored else None

    @property
    def columns(self) -> tuple[str, ...]:
        base = ("序号", "编号", "要求", "责任主体", "完成情况", "佐证材料/备注")
        return base + (("分值", "得分") if self.scored else ())

    @property
    def edition(self) -> str:
        """Footer line naming handbook, version and build date."""
        return f"{self.handbook} · {self.version} 版 · 生成于 {self.build_date}"

    @property
    def blanks(self) -> str:
        """Title-block line: 单位：________  填表人：________  日期：____年__月__日."""
        blank = {"日期": "____年__月__日"}
        return "  ".join(f"{name}：{blank.get(name, '________')}" for name in BLANK_FIELDS)

    @property
    def signatures(self) -> str:
        """Sign-off line printed under the table of paper forms."""
        return SIGNATURES

    @property
    def id_line(self) -> str:
        """Edition line that also names the checklist: Excel's row 2, read back on import."""
        return f"{self.edition} · 清单编号 {self.id}"

    def column_widths(self, total_cm: float) -> tuple[float, ...]:
        """Width (cm) of each of `columns` in a table `total_cm` wide; 要求 is the widest."""
        rest = total_cm - sum(_FIXED_CM[c] for c in self.columns if c != "要求")
        return tuple(_FIXED_CM.get(c, rest) for c in self.columns)
