"""Typed schemas for each kind of data file, checked before anything is modelled.

A schema says which keys a mapping may have, which are required, and the type
and format of each value. Checking reports every problem with file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .errors import ErrorReport
from .loader import Mapping, Sequence


@dataclass(frozen=True)
class Str:
    pattern: str | None = None   # regular expression the whole value must match
    pattern_help: str = ""       # human wording of the pattern for messages
    allow_empty: bool = False

    def describe(self) -> str:
        return "文字"


@dataclass(frozen=True)
class Int:
    minimum: int | None = None
    maximum: int | None = None

    def describe(self) -> str:
        return "整数"


@dataclass(frozen=True)
class List:
    of: Any
    min_items: int = 0

    def describe(self) -> str:
        return f"列表（每项为{self.of.describe()}）"


@dataclass(frozen=True)
class Map:
    fields: dict[str, "Field"]
    label: str = ""          # e.g. "条目": messages then name the entry, "条目 GC2-03"
    label_key: str = "id"

    def describe(self) -> str:
        return "映射（逐行写“键: 值”）"


@dataclass(frozen=True)
class Dict:
    """A mapping with free keys of one kind and values of one kind, e.g. {GC2-03: 3}."""
    key: Any
    value: Any

    def describe(self) -> str:
        return f"映射（键为{self.key.describe()}，值为{self.value.describe()}）"


@dataclass(frozen=True)
class Field:
    type: Any
    required: bool = True


@dataclass
class Checker:
    report: ErrorReport
    file: str

    def check(self, value: Any, spec: Any, where: str, line: int, subject: str = "") -> bool:
        """Check value against spec; return True when it is usable."""
        if isinstance(spec, Map):
            return self._check_map(value, spec, where, line, subject)
        if isinstance(spec, List):
            return self._check_list(value, spec, where, line, subject)
        if isinstance(spec, Dict):
            if not isinstance(value, dict):
                return self._wrong_type(value, spec, where, line, subject)
            key_line = value.line_of if isinstance(value, Mapping) else (lambda _k: line)
            ok = True
            for key, element in value.items():
                ok &= self.check(key, spec.key, f"{where} 的键", key_line(key), subject)
                ok &= self.check(element, spec.value, _join(where, str(key)), key_line(key), subject)
            return ok
        if isinstance(spec, Int):
            if isinstance(value, bool) or not isinstance(value, int):
                return self._wrong_type(value, spec, where, line, subject)
            if (spec.minimum is not None and value < spec.minimum) or (
                spec.maximum is not None and value > spec.maximum):
                self.report.add("bad-format", self.file, line,
                                f"{where}：{value} 超出范围 {spec.minimum}–{spec.maximum}", subject)
                return False
            return True
        if isinstance(spec, Str):
            if not isinstance(value, str):
                return self._wrong_type(value, spec, where, line, subject)
            if not spec.allow_empty and not value.strip():
                self.report.add("empty-value", self.file, line, f"{where}：应填写文字，不能为空", subject)
                return False
            if spec.pattern and not re.fullmatch(spec.pattern, value):
                self.report.add("bad-format", self.file, line,
                                f"{where}：{value!r} 不符合格式，应为{spec.pattern_help or spec.pattern}", subject)
                return False
            return True
        raise TypeError(f"unknown spec {spec!r}")

    def _wrong_type(self, value, spec, where, line, subject) -> bool:
        got = TYPE_NAMES.get(type(value).__name__, type(value).__name__)
        self.report.add("wrong-type", self.file, line, f"{where}：应为{spec.describe()}，实际是{got}", subject)
        return False

    def _check_map(self, value, spec: Map, where, line, subject) -> bool:
        if not isinstance(value, dict):
            return self._wrong_type(value, spec, where, line, subject)
        if spec.label and isinstance(value.get(spec.label_key), str):
            subject = f"{spec.label} {value[spec.label_key]}"
        ok = True
        key_line = value.line_of if isinstance(value, Mapping) else (lambda _k: line)
        for key in value:
            if key not in spec.fields:
                allowed = "、".join(spec.fields)
                self.report.add("unknown-key", self.file, key_line(key),
                                f"{_join(where, key)}：未知的键（允许：{allowed}）", subject)
                ok = False
        for key, fld in spec.fields.items():
            if key not in value:
                if fld.required:
                    self.report.add("missing-key", self.file, getattr(value, "line", line),
                                    f"{_join(where, key)}：缺少必填的键", subject)
                    ok = False
                continue
            ok &= self.check(value[key], fld.type, _join(where, key), key_line(key), subject)
        return ok

    def _check_list(self, value, spec: List, where, line, subject) -> bool:
        if not isinstance(value, list):
            return self._wrong_type(value, spec, where, line, subject)
        if len(value) < spec.min_items:
            self.report.add("empty-value", self.file, getattr(value, "line", line),
                            f"{where}：至少要有 {spec.min_items} 项",
                            subject)
            return False
        ok = True
        for index, element in enumerate(value):
            element_line = value.line_at(index) if isinstance(value, Sequence) else line
            ok &= self.check(element, spec.of, f"{where}[{index + 1}]", element_line, subject)
        return ok


# What a message calls the type a YAML value turned out to be (an unquoted 2026-01-01 is a date).
TYPE_NAMES = {"NoneType": "空值", "str": "文字", "int": "整数", "float": "小数", "bool": "真假值（true/false）",
              "list": "列表", "Sequence": "列表", "dict": "映射", "Mapping": "映射", "date": "日期（没加引号）",
              "datetime": "日期时间（没加引号）", "bytes": "二进制数据"}


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


# ---- the schemas -----------------------------------------------------------

PARAGRAPH_ID = Str(pattern=r"P\d{2,3}", pattern_help="段落编号，如 P06")
PART_CODE = Str(pattern=r"[A-Z]{2}", pattern_help="两个大写字母的部分代码，如 GC")
ITEM_ID_PATTERN = r"(?P<code>[A-Z]{2})(?P<section>\d)-(?P<seq>\d{2,4})"
ITEM_ID = Str(pattern=ITEM_ID_PATTERN, pattern_help="<部分代码><方面序号>-<两位序号>，如 GC2-03")
TERM_ID = Str(pattern=r"[a-z0-9]+(-[a-z0-9]+)*", pattern_help="以“-”连接的小写拼音，如 wuxue-wubi")

EDITION = Map({
    "name": Field(Str()),
    "version": Field(Str(pattern=r"[0-9][0-9A-Za-z.\-]*", pattern_help="版本号，如 2026.1（只用 ASCII 字符：它会写进文件名）")),
    "date": Field(Str(pattern=r"\d{4}-\d{2}-\d{2}", pattern_help="日期，写作带引号的 YYYY-MM-DD")),
})

NAMED_PHRASE = Map({"name": Field(Str()), "paragraph": Field(PARAGRAPH_ID)})

FRAMEWORK = Map({
    "title": Field(PARAGRAPH_ID),
    "salutation": Field(PARAGRAPH_ID),
    "preamble": Field(Map({"code": Field(PART_CODE), "short_name": Field(Str()),
                           "paragraph": Field(PARAGRAPH_ID)})),
    "goal": Field(NAMED_PHRASE),
    "requirement": Field(NAMED_PHRASE),
    "parts": Field(List(Map({
        "code": Field(PART_CODE),
        "number": Field(Int(1, 9)),
        "short_name": Field(Str()),
        "positioning": Field(Str()),
        "heading": Field(PARAGRAPH_ID),
        "opening": Field(PARAGRAPH_ID),
        "sections": Field(List(Map({
            "number": Field(Int(1, 9)),
            "lead": Field(Str()),
            "paragraph": Field(PARAGRAPH_ID),
        }), min_items=1)),
    }), min_items=1)),
})

VOCAB_ENTRY = Map({"id": Field(TERM_ID), "name": Field(Str()), "note": Field(Str(), required=False)},
                  label="词表项", label_key="name")
VOCABULARY = Map({
    "subjects": Field(List(VOCAB_ENTRY, min_items=1)),
    "kinds": Field(List(VOCAB_ENTRY, min_items=1)),
    "types": Field(List(VOCAB_ENTRY, min_items=1)),
})

ITEM = Map({
    "id": Field(ITEM_ID),
    "title": Field(Str()),
    "text": Field(Str()),
    "source": Field(PARAGRAPH_ID),
    "subjects": Field(List(Str(), min_items=1)),
    "kind": Field(Str()),
    "terms": Field(List(Str()), required=False),
    "types": Field(List(Str()), required=False),
    "withdrawn": Field(Str(), required=False),
    # issue 9: checkable rows vs context; qualifiers, components, duplicates, who does what per level
    "role": Field(Str(pattern=r"checkable|context", pattern_help="checkable（默认）或 context"), required=False),
    "context": Field(Str(), required=False),          # verbatim qualifier/purpose governing this item
    "components": Field(List(Str(), min_items=1), required=False),
    "implements": Field(Str(), required=False),       # a glossary term whose expansion is this row's components
    "same_as": Field(ITEM_ID, required=False),
    "levels": Field(Dict(Str(), Str()), required=False),   # subject → 组织/参加/推荐申报 …
    # issue 21: the row's title as each level reads it (editors' text), and the editors' recorded decision
    "asks": Field(Dict(Str(), Str()), required=False),
    "editor_note": Field(Str(), required=False),
}, label="条目")
REQUIREMENTS = Map({"part": Field(Str(pattern=r"[A-Z]{2}", pattern_help="部分代码，如 GC")),
                    "items": Field(List(ITEM, min_items=1))})

TERM = Map({
    "term": Field(Str()),
    "id": Field(TERM_ID),
    "group": Field(Str()),
    "aliases": Field(List(Str()), required=False),
    "expansion": Field(List(Str())),
    "note": Field(Str(), required=False),
}, label="提法", label_key="term")
GLOSSARY = Map({
    "groups": Field(List(Map({"id": Field(Str(pattern=r"[a-z]+", pattern_help="小写英文字母")),
                              "name": Field(Str())}), min_items=1)),
    "terms": Field(List(TERM, min_items=1)),
})

SECTION_KEY = Str(pattern=r"[A-Z]{2}\d", pattern_help="方面代码，如 GC2（0 表示该部分开篇）")
SELECTOR = Map({
    "ids": Field(List(ITEM_ID, min_items=1), required=False),
    "parts": Field(List(PART_CODE, min_items=1), required=False),
    "sections": Field(List(SECTION_KEY, min_items=1), required=False),
    "subjects": Field(List(Str(), min_items=1), required=False),
    "kinds": Field(List(Str(), min_items=1), required=False),
    "types": Field(List(Str(), min_items=1), required=False),
    "terms": Field(List(Str(), min_items=1), required=False),
})
CHECKLIST = Map({
    "title": Field(Str()),
    "description": Field(Str(), required=False),
    "order": Field(Int(0, 999), required=False),
    "select": Field(List(SELECTOR, min_items=1)),
    "exclude": Field(List(ITEM_ID), required=False),
    "include_context": Field(Str(pattern=r"yes|no", pattern_help="yes 或 no"), required=False),
    "level": Field(Str(), required=False),     # issue 21: the level reading this list (default 本机关)
    "scoring": Field(Map({"default": Field(Int(0, 100)),
                          "points": Field(Dict(ITEM_ID, Int(0, 100)), required=False)}), required=False),
})
CHECKLIST_ID = r"[a-z0-9]+(-[a-z0-9]+)*"

