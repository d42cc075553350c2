"""A checklist as a plain table: what every checklist format (page, Word, Excel,
CSV, PDF) renders. Built from the catalogue by checklists.py; writers only read it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

STATUS_CHOICES = ("已完成", "推进中", "未开始")   # 完成情况
BLANK_FIELDS = ("单位", "填表人", "日期")          # title-block blanks filled by hand


@dataclass(frozen=True)
class SheetRow:
    number: int               # 序号, 1-based
    id: str                   # item ID, e.g. GC2-03
    title: str                # short title
    text: str                 # full requirement text, display punctuation
    subjects: tuple[str, ...]  # 责任主体
    score: int | None = None  # 分值 (scored checklists only)


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
        return f"{self.handbook} {self.version} · 生成于 {self.build_date}"
