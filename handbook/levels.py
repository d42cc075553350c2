"""Who reads a checklist row: each level's list asks what that level does (issue 21, point 1).

A checklist is read by one level (`level:` in data/checklists/<id>.yaml: 党组（党委）, 机关党委, 党支部,
党员) or, by default, by the whole agency (本机关: the 全部 list, the part and 五型 lists, the
考核评分表). For that reader a row shows
- its title phrased for the reader (`asks[level]`, editors' text) or the item's title, and
- a role line naming what the reader does (`levels[level]`), and who organises it when that is
  above the agency.
Pages, Word/Excel/CSV/PDF (through sheet.SheetRow) and the browser's filled exports (meta.js
rows[].requirement) all take both from here, so the five formats cannot disagree.
"""

from __future__ import annotations

AGENCY = "本机关"                 # the default reader: the assessed agency as a whole
ABOVE = "机关工委（上级）"          # vocabulary name of the organiser above the agency (editors' label)
ABOVE_NOTE = "编者归类，讲话未点名组织者"
# The organiser above *runs* the programme (its text is the organiser's act: 抓实轮训, 举办论坛): every level
# inside the agency needs its own phrasing. 部署 (deployed above, carried out here) needs none.
RUNS = ("组织", "举办", "组织选树")


def reader(checklist) -> str:
    return getattr(checklist, "level", "") or AGENCY


def title_for(item, level: str) -> str:
    """The row's short title for this reader: editors' phrasing for the level, else the item's title."""
    asks = getattr(item, "asks", {}) or {}
    return asks.get(level) or item.title


def role_for(item, level: str) -> str:
    """What the reader does: the level's verb, or for the agency each of its own levels' verbs."""
    levels = getattr(item, "levels", {}) or {}
    if level != AGENCY:
        return levels.get(level, "")
    inside = [(who, verb) for who, verb in levels.items() if who != ABOVE]
    if not inside or (len(inside) == 1 and ABOVE not in levels):
        return ""     # one level inside the agency and nobody above: the row's own words say it
    return "；".join(f"{who}{verb}" for who, verb in inside)


def role_line(item, level: str) -> str:
    """The line shown under 要求 on every format: 党支部职责：书记参加；机关工委（上级）组织（…）."""
    role = role_for(item, level)
    if not role:
        return ""
    line = f"{level}职责：{role}"
    levels = getattr(item, "levels", {}) or {}
    if ABOVE in levels:
        line += f"；{ABOVE}{levels[ABOVE]}（{ABOVE_NOTE}）"
    return line


def check(items, checklists, report, subjects) -> None:
    """asks/level keys name real levels; a programme organised above the agency is phrased for every
    level inside it and for the agency, so no list shows the organiser's wording.

    Called from validate.py once items and checklists are modelled; `report` is its ErrorReport."""
    names = set(subjects) | {AGENCY}
    for item in items.values():
        asks = getattr(item, "asks", {}) or {}
        for key in asks:
            if key != AGENCY and key not in item.levels:
                report.add("bad-level", item.file, item.line,
                           f"asks: {key!r} 须是本条 levels 中的层面或“{AGENCY}”（现有 {list(item.levels)}）",
                           f"item {item.id}")
        if ABOVE in item.subjects and item.checkable and not item.withdrawn and item.same_as is None:
            runs = item.levels.get(ABOVE) in RUNS
            missing = [who for who in [*item.levels, AGENCY] if runs and who != ABOVE and who not in asks]
            if ABOVE not in item.levels or missing:
                report.add("bad-level", item.file, item.line,
                           f"有{ABOVE}的条目须在 levels 中写明它的职责；由它组织或举办的，还须为本机关各层面写 asks，缺：{missing or [ABOVE]}",
                           f"item {item.id}")
    for checklist in checklists:
        level = getattr(checklist, "level", "")
        if level and level not in names:
            report.add("not-in-vocabulary", checklist.file, None,
                       f"level: {level!r} 不是 vocabulary.yaml 中的责任主体，也不是“{AGENCY}”", f"checklist {checklist.id}")
