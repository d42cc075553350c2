"""data/cases/*.yaml: the rules that depend on a case's kind (which fields a 示例, a 来稿 or a 警示
case needs, placeholders only in a 示例) and the items it cites.

A case whose file broke its schema (a bad date, say) is still checked here as far as its data
allows, so one run lists every problem of the file; only a case that passes everything is linked."""

from __future__ import annotations

import re

from ..cases import CASE_ID, FIELD_NAMES, KINDS, REQUIRED, Case, placeholder_problem
from ..errors import ErrorReport
from ..schema import ITEM_ID_PATTERN


def link_cases(raw_cases, items: dict, declared_ids: set[str], report: ErrorReport) -> list[Case]:
    """Check kind-dependent rules, resolve item IDs and attach each case to its items."""
    result = []
    for raw in raw_cases:
        if not isinstance(raw.data, dict):
            continue   # empty or not a mapping: reported on load
        case_id = raw.name.rsplit("/", 1)[1][:-len(".yaml")]
        subject = f"案例 {case_id}"
        if not re.fullmatch(CASE_ID, case_id):
            report.add("bad-format", raw.name, None, f"文件名 {case_id!r} 只能用小写拼音或英文、数字，以“-”连接", subject)
            continue
        data = raw.data
        ok = _kind_rules(raw, data, subject, report)
        chosen = _cited_items(raw, data, items, declared_ids, subject, report)
        if not raw.valid or not ok or chosen is None:
            continue
        case = Case(case_id, data["kind"].removeprefix("警示"), data["kind"].startswith("警示"), data["title"],
                    data["unit"], chosen, data.get("situation", ""), list(data.get("steps") or []),
                    data.get("outcome", ""), data.get("lessons", ""), data.get("problem", ""),
                    list(data.get("correction") or []), data.get("date", ""), dict(data.get("source") or {}),
                    raw.name)
        for item in chosen:
            item.cases.append(case)
        result.append(case)
    position = {item_id: n for n, item_id in enumerate(items)}      # items arrive in reading order
    return sorted(result, key=lambda c: (position[c.items[0].id], c.id))


def _kind_rules(raw, data, subject: str, report: ErrorReport) -> bool:
    """The fields this kind of case needs; placeholders in a 示例. A bad kind is the schema's message."""
    if data.get("kind") not in KINDS:
        return False
    warning = data["kind"].startswith("警示")
    kind = data["kind"].removeprefix("警示")
    ok = True
    for key in REQUIRED[(kind, warning)]:
        if key not in data:
            report.add("missing-key", raw.name, data.line,
                       f"{key}（{FIELD_NAMES[key]}）：{data['kind']}案例必须填写", subject)
            ok = False
    if kind == "示例":
        ok &= _check_placeholders(raw, data, subject, report)
    return ok


def _cited_items(raw, data, items: dict, declared_ids: set[str], subject: str, report: ErrorReport) -> list | None:
    """The items the case cites, or None when one of them cannot be cited."""
    cited = data.get("items")
    if not isinstance(cited, list):
        return None   # the schema said what is wrong
    chosen = []
    for index, item_id in enumerate(cited):
        if not isinstance(item_id, str) or not re.fullmatch(ITEM_ID_PATTERN, item_id):
            continue  # the schema said what is wrong
        if item_id in items and items[item_id].withdrawn:
            # A withdrawn (e.g. merged) item would send readers to a struck-out entry.
            report.add("dangling-reference", raw.name, cited.line_at(index),
                       f"items：{item_id!r} 已撤销（{items[item_id].withdrawn}），请改引它并入的条目", subject)
        elif item_id in items:
            chosen.append(items[item_id])
        elif item_id not in declared_ids:
            report.add("dangling-reference", raw.name, cited.line_at(index), f"items：条目 {item_id!r} 不存在", subject)
    return chosen if len(chosen) == len(cited) else None


def _text_fields(data) -> list[tuple[str, str, int]]:
    """(where, text, line) for every free-text field of a case that holds text."""
    out = []
    for key in ("title", "unit", "situation", "outcome", "lessons", "problem"):
        if isinstance(data.get(key), str):
            out.append((key, data[key], data.line_of(key)))
    for key in ("steps", "correction"):
        values = data.get(key)
        for index, text in enumerate(values if isinstance(values, list) else []):
            if isinstance(text, str):
                out.append((f"{key}[{index + 1}]", text, values.line_at(index)))
    return out


def _check_placeholders(raw, data, subject: str, report: ErrorReport) -> bool:
    ok = True
    unit, title = data.get("unit"), data.get("title")
    if isinstance(unit, str) and not unit.startswith("某"):
        report.add("not-placeholder", raw.name, data.line_of("unit"),
                   f"unit：{unit!r} 应以“某”开头（如 某机关党委）", subject)
        ok = False
    if isinstance(title, str) and not title.endswith("（示例）"):
        report.add("not-placeholder", raw.name, data.line_of("title"), f"title：{title!r} 应以“（示例）”结尾", subject)
        ok = False
    for where, text, line in _text_fields(data):
        problem = placeholder_problem(text)
        if problem:
            report.add("not-placeholder", raw.name, line, f"{where}：{problem}", subject)
            ok = False
    for key in ("date", "source"):
        if key in data:
            report.add("not-placeholder", raw.name, data.line_of(key),
                       f"{key}：示例不写{FIELD_NAMES[key]}（只有来稿才写）", subject)
            ok = False
    return ok
