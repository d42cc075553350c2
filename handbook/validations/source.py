"""The speech's paragraphs (data/source/speech.txt): lookups by ID, which role each plays in the
framework, which phrase must occur in which paragraph, and whether every directive paragraph
yields an item."""

from __future__ import annotations

from ..errors import ErrorReport
from ..load import FRAMEWORK_FILE, SOURCE_FILE
from ..model import Paragraph
from ..text import normalize, normalize_paragraph

ROLE_NAMES = {"title": "标题", "salutation": "称谓", "preamble": "开头总体要求", "heading": "部分标题",
              "opening": "部分开篇", "section": "方面段落"}


class Paragraphs:
    def __init__(self, source_lines: list[str], report: ErrorReport):
        self.report = report
        self.count = len(source_lines)
        self.by_id = {f"P{n:02d}": Paragraph(f"P{n:02d}", n, text)
                      for n, text in enumerate(source_lines, start=1) if text.strip()}

    def get(self, pid: str, file: str, line: int, where: str, subject: str = "") -> Paragraph | None:
        paragraph = self.by_id.get(pid)
        if paragraph is None:
            self.report.add("dangling-reference", file, line,
                            f"{where}：{SOURCE_FILE} 中没有段落 {pid}（共 P01–P{self.count:02d}）", subject)
        return paragraph

    def claim(self, paragraph: Paragraph, role: str, file: str, line: int, where: str) -> None:
        if paragraph.role != "other":
            self.report.add("duplicate-id", file, line,
                            f"{where}：段落 {paragraph.id} 已用作{ROLE_NAMES.get(paragraph.role, paragraph.role)}")
        paragraph.role = role

    def phrase_in(self, phrase: str, paragraph: Paragraph, file: str, line: int, where: str,
                  at_start: bool = False, ignore_quotes: bool = False) -> None:
        haystack, needle = normalize_paragraph(paragraph.text), normalize(phrase)
        if ignore_quotes:   # short names such as 五型机关 are written 创建“五型”机关
            haystack = haystack.replace("“", "").replace("”", "")
        found = haystack.startswith(needle) if at_start else needle in haystack
        if not found:
            place = "开头" if at_start else "中"
            self.report.add("text-not-in-source", file, line, f"{where}：段落 {paragraph.id} {place}找不到 {phrase!r}")

    def check_coverage(self) -> None:
        """Every paragraph that asks for action yields at least one item that is not withdrawn."""
        for paragraph in self.by_id.values():
            if paragraph.is_directive and not any(not i.withdrawn for i in paragraph.items):
                self.report.add("uncovered-paragraph", SOURCE_FILE, paragraph.line,
                                f"段落 {paragraph.id}（{ROLE_NAMES[paragraph.role]}）提出了要求，但没有条目出自该段")

    def check_placed(self) -> None:
        """Every paragraph has its place in the framework."""
        for paragraph in self.by_id.values():
            if paragraph.role == "other":
                self.report.add("dangling-reference", FRAMEWORK_FILE, None,
                                f"{SOURCE_FILE} 的段落 {paragraph.id} 没有在框架中安排位置")
