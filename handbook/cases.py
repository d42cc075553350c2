"""Cases: 示例 (written by the editors, placeholders only), 来稿 (contributed by a unit), either
possibly a 警示 case (what went wrong, which requirements it breaches, how it was corrected).

One schema for the file's shape (checked on load), then rules that depend on the kind,
checked by handbook/validations/cases.py: every message names file:line, the field and what was expected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .schema import ITEM_ID, ITEM_ID_PATTERN, Field, List, Map, Str
from .text import normalize

KINDS = ("示例", "来稿", "警示示例", "警示来稿")   # 警示…: what went wrong, breached items, correction
# Kind labels in the order the cases page groups them, their anchor on that page and the badge
# class (colours defined in handbook.css): the page (render/cases.py) and its split (paging.py) share it.
KIND_GROUPS = (("示例", "kind-sample", "hb-sample"), ("警示示例", "kind-warning", "hb-subject"),
               ("来稿", "kind-contributed", "hb-kind"), ("警示来稿", "kind-warning-contributed", "hb-subject"))
CASE_ID = r"[a-z0-9]+(-[a-z0-9]+)*"
DATE = r"\d{4}-\d{2}-\d{2}"

# Every key a case file may hold; which ones are required depends on kind/warning (REQUIRED below).
CASE = Map({
    "kind": Field(Str(pattern="|".join(KINDS), pattern_help="示例、来稿、警示示例或警示来稿")),
    "title": Field(Str()),
    "unit": Field(Str()),
    "date": Field(Str(pattern=DATE, pattern_help="日期，写作带引号的 YYYY-MM-DD"), required=False),
    "source": Field(Map({"报送单位": Field(Str()), "联系人": Field(Str())}), required=False),
    "items": Field(List(ITEM_ID, min_items=1)),
    "situation": Field(Str(), required=False),   # 情况
    "steps": Field(List(Str(), min_items=1), required=False),   # 做法
    "outcome": Field(Str(), required=False),     # 成效
    "lessons": Field(Str(), required=False),     # 经验
    "problem": Field(Str(), required=False),     # 警示: what went wrong
    "correction": Field(List(Str(), min_items=1), required=False),   # 警示: how it was corrected
})

# Required keys by case flavour; the Chinese names are what the form and the page call them.
FIELD_NAMES = {"situation": "情况", "steps": "做法", "outcome": "成效", "lessons": "经验",
               "problem": "问题", "correction": "纠正", "date": "日期", "source": "来源"}
REQUIRED = {
    ("示例", False): ("situation", "steps", "outcome"),
    ("示例", True): ("situation", "problem", "correction"),
    ("来稿", False): ("date", "source", "situation", "steps", "outcome", "lessons"),
    ("来稿", True): ("date", "source", "situation", "problem", "correction", "lessons"),
}

# What a 示例 must not contain, because it would read as a real event (one reason each).
# Text is width-normalised first, so full-width digits (２０２３) are caught too.
NOT_PLACEHOLDER: tuple[tuple[str, str], ...] = (
    # dates: 2023年5月, 2023-05-01 / 2023.5.1, 5月1日, 二〇二三年, 第一季度, 三月份 — 示例 write 某年某月
    (r"\d{2,4}\s*年(\s*\d{1,2}\s*月)?|\d{4}\s*[-/.]\s*\d{1,2}(\s*[-/.]\s*\d{1,2})?|\d{1,2}\s*月\s*\d{1,2}\s*[日号]"
     r"|[〇零一二三四五六七八九]{4}\s*年|第[一二三四1-4]季度"
     r"|(?<![每某])(十[一二]|[一二三四五六七八九十])月(份|[上中下]旬|底|初|[一二三四五六七八九十]+[日号])",
     "像真实日期（应写 某年某月）"),
    # figures: a number with a unit, a percentage or money — 示例 write 若干/一批/多名
    (r"\d+(\.\d+)?\s*(%|‰|人|名|位|万|亿|千|百|元|个|次|项|件|场|期|篇|家|户|天|日|小时|年|批|条|份|所|支|余)"
     r"|百分之[零一二三四五六七八九十百点]+|[一二三四五六七八九十百千]+[十百千万亿]+\s*(元|人|名|户|余)",
     "像真实数字（应写 若干、一批、多名）"),
    # named places: provincial-level names and the cities of the region the speech was given in
    (r"北京|天津|上海|重庆|河北|山西|内蒙古|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东"
     r"|广西|海南|四川|贵州|云南|西藏|陕西|甘肃|青海|宁夏|新疆|香港|澳门|台湾|银川|石嘴山|吴忠|固原|中卫",
     "是具体地名（应写 某地、某市）"),
    # named organisations: a proper name before a government/enterprise suffix; 某 marks a placeholder
    (r"(?<![某本该各全])[\u4e00-\u9fff]{2}(省|市|县|区|州)(委|政府|人大|政协|纪委)"
     r"|(?<![某本该各全])[\u4e00-\u9fff]{2}(大学|学院|医院|公司|集团|银行|中学(?!习)|小学(?!习))",
     "是具体单位名称（应写 某单位、某公司）"),
)
_NOT_PLACEHOLDER = tuple((re.compile(p), why) for p, why in NOT_PLACEHOLDER)
_ITEM_IDS = re.compile(ITEM_ID_PATTERN)


def placeholder_problem(text: str) -> str | None:
    """Why text would read as a real event, or None. Item IDs such as GC2-03 are not figures."""
    plain = _ITEM_IDS.sub(" ", normalize(text))
    for pattern, why in _NOT_PLACEHOLDER:
        match = pattern.search(plain)
        if match:
            return f"{match.group(0)!r} {why}"
    return None


@dataclass(eq=False)
class Case:
    """A case file under data/cases/. A 示例 is never a real event; a 来稿 names its source."""

    id: str
    kind: str                   # 示例 | 来稿
    warning: bool               # a 警示 case: problem, breached items, correction
    title: str
    unit: str
    items: list                 # the requirements it carries out (or, for 警示, breaches)
    situation: str
    steps: list[str] = field(default_factory=list)
    outcome: str = ""
    lessons: str = ""
    problem: str = ""
    correction: list[str] = field(default_factory=list)
    date: str = ""
    source: dict = field(default_factory=dict)
    file: str = ""

    def __repr__(self) -> str:
        return f"Case({self.id!r})"

    @property
    def label(self) -> str:
        """示例 / 来稿 / 警示示例 / 警示来稿: shown as a badge and in search and JSON."""
        return f"警示{self.kind}" if self.warning else self.kind

    @property
    def text(self) -> str:
        """All running text, for the search index."""
        return "".join([self.situation, self.problem, *self.steps, *self.correction, self.outcome, self.lessons])

    @property
    def sections(self) -> list:
        return list(dict.fromkeys(item.section for item in self.items))

    @property
    def parts(self) -> list:
        return list(dict.fromkeys(item.part for item in self.items))

    @property
    def types(self) -> list[str]:
        return list(dict.fromkeys(t for item in self.items for t in item.types))


TEMPLATE = """\
# 案例文件：kind 写“示例”（编写组拟写，只用“某机关”等占位写法）或“来稿”（各单位报送，须注明来源）。
# 警示案例 kind 写“警示示例”或“警示来稿”，并写 problem（问题）和 correction（纠正），items 填所违反的条目编号。
# 写好后运行 make check 校验；出错时会指出文件:行号:字段。
kind: 来稿
title: 标题
unit: 报送单位全称
date: "{date}"
source:
  报送单位: 报送单位全称
  联系人: 姓名、电话
items: [{item}]
situation: 基本情况。
steps:
  - 主要做法一。
  - 主要做法二。
outcome: 取得的成效。
lessons: 可供借鉴的经验。
"""


# The fields of a 来稿, in form order: (key in the YAML file, label, input, hint). The browser form,
# the Word 案例报送表 (blank and filled) and the YAML writer all follow this one list.
FORM_FIELDS: tuple[tuple[str, str, str, str], ...] = (
    ("kind", "案例类别", "kind", "来稿：好的做法；警示来稿：出现的问题及纠正"),
    ("title", "案例标题", "line", "一句话概括做法或问题"),
    ("unit", "单位", "line", "案例发生的单位全称"),
    ("date", "报送日期", "date", "YYYY-MM-DD"),
    ("source.报送单位", "报送单位", "line", "负责报送的单位"),
    ("source.联系人", "联系人", "line", "姓名及联系电话"),
    ("items", "对应条目", "items", "输入关键词或编号查找讲话中的要求条目，可选多条"),
    ("situation", "基本情况", "text", "背景和起因"),
    ("steps", "主要做法", "list", "每行写一条"),
    ("outcome", "取得成效", "text", "可以核实的结果"),
    ("problem", "存在问题", "text", "仅警示来稿：哪里出了问题"),
    ("correction", "纠正措施", "list", "仅警示来稿：每行写一条"),
    ("lessons", "经验启示", "text", "可供其他单位借鉴之处"),
)
FORM_KINDS = ("来稿", "警示来稿")
