"""Plan model (工作计划): levels, their requirements, and the column specs of every plan output.

One source for the page (embedded JSON read by plan.js), the blank paper templates
(handbook/export/plan_files.py) and the browser exports: column names and widths live here only.
"""

from __future__ import annotations

from dataclasses import dataclass

from .levels import title_for
from .text import display

# Level id = the id of the checklist that holds that level's requirements.
LEVELS = (("dangzu", "党组（党委）"), ("jiguan-dangwei", "机关党委"), ("dangzhibu", "党支部"))
MONTHS = tuple(f"{m}月" for m in range(1, 13))
PROGRESS = (("done", "完成"), ("doing", "推进"), ("late", "滞后"))   # per month per task
YEARS = 5                                                          # 路线图: five years from 年度

# (column name, width in cm on A4 landscape with 1.5 cm margins: 26.7 cm in all)
# Every field a plan row asks for reaches a file: 配合部门 in the 任务书; the month's 进展 (status and
# note) as 当月进展 in the 任务书 and, month by month, in the 施工图 (status in the month's cell,
# notes in 进展说明). plan.js (renwushuRows/shigongtuRows) fills exactly these columns.
RENWUSHU_COLUMNS = (("序号", 1.0), ("任务", 6.0), ("对应要求", 2.4), ("牵头", 2.6), ("配合", 2.6),
                    ("责任人", 2.2), ("时限", 2.2), ("成效标志", 4.5), ("当月进展", 3.2))
SHIGONGTU_COLUMNS = ((("序号", 1.0), ("任务", 5.6), ("牵头", 2.0)) + tuple((m, 1.2) for m in MONTHS)
                     + (("进展说明", 3.7),))
LUXIANTU_FIRST = ("年度", 2.2)            # then one column per part, sharing the rest
PAGE_CM = (29.7, 21.0)                   # A4 landscape
MARGIN_CM = 1.5


@dataclass(frozen=True)
class Requirement:
    id: str
    title: str
    text: str
    part: str          # part code, e.g. GC
    part_title: str


@dataclass(frozen=True)
class Level:
    id: str
    title: str
    requirements: tuple[Requirement, ...]


def levels(catalogue) -> list[Level]:
    """The levels whose checklist exists in this catalogue (fixture projects may lack some)."""
    known = {c.id: c for c in catalogue.checklists}
    out = []
    for level_id, title in LEVELS:
        if level_id not in known:
            continue
        # The level's own phrasing (书记参加…轮训, not 抓实…轮训): handbook/levels.py, issue 21
        reqs = tuple(Requirement(i.id, display(title_for(i, title)), display(i.text), i.part.code, i.part.short_name)
                     for i in known[level_id].items)
        out.append(Level(level_id, title, reqs))
    return out


def parts(catalogue) -> list[tuple[str, str]]:
    """Parts a roadmap row is split into (part 0, the opening, has no column)."""
    return [(p.code, p.short_name) for p in catalogue.parts if p.number > 0]


def luxiantu_columns(catalogue) -> tuple[tuple[str, float], ...]:
    names = [name for _code, name in parts(catalogue)]
    rest = round((PAGE_CM[0] - 2 * MARGIN_CM - LUXIANTU_FIRST[1]) / max(1, len(names)), 2)
    return (LUXIANTU_FIRST,) + tuple((n, rest) for n in names)


def columns(catalogue) -> dict:
    spec = {"renwushu": RENWUSHU_COLUMNS, "shigongtu": SHIGONGTU_COLUMNS, "luxiantu": luxiantu_columns(catalogue)}
    return {kind: [{"name": n, "cm": w} for n, w in cols] for kind, cols in spec.items()}


def blank_path(level_id: str, kind: str, extension: str) -> str:
    """Site-relative path of a blank paper template, e.g. downloads/plan/dangzhibu-renwushu.docx."""
    return f"downloads/plan/{level_id}-{kind}.{extension}"


BLANK_KINDS = (("renwushu", "任务书"), ("shigongtu", "施工图"))


def blank_name(level: Level, kind_title: str, extension: str, version: str) -> str:
    """Chinese file name offered by the download link."""
    return f"{level.title}{kind_title}（{version}版）.{extension}"


def plan_data(catalogue) -> dict:
    """Everything plan.js needs, embedded in plan.html as JSON (works from file://)."""
    edition = catalogue.edition
    return {
        "edition": {"name": edition.name, "version": edition.version, "date": edition.date,
                    "build_date": edition.build_date, "line": edition.line},
        "levels": [{"id": lv.id, "title": lv.title,
                    "requirements": [{"id": r.id, "title": r.title, "text": r.text, "part": r.part}
                                     for r in lv.requirements]} for lv in levels(catalogue)],
        "parts": [{"code": c, "title": t} for c, t in parts(catalogue)],
        "months": list(MONTHS),
        "progress": [{"value": v, "label": label} for v, label in PROGRESS],
        "years": YEARS,
        "columns": columns(catalogue),
    }
