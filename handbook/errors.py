"""Every kind of data error, in one place, each with a hint on how to fix it.

Messages read like compiler output so editors can jump to the spot, in Chinese for the editors;
the kind codes stay English so scripts and tests can match them:
    data/requirements/GC.yaml:41: 条目 GC2-03: subjects：'机关党委会' 不在词表中，应为以下之一：… [not-in-vocabulary]
        提示：使用 data/vocabulary.yaml 中的值，或先在那里添加新值。
New kinds are appended at the end of ERROR_KINDS (other branches add theirs too).
"""

from __future__ import annotations

from dataclasses import dataclass, field

ERROR_KINDS: dict[str, str] = {
    "missing-file": "补上这个文件，或改正引用它的路径。",
    "yaml-syntax": "检查缩进和引号：以引号开头或含有“: ”的文字要整体加双引号。",
    "duplicate-key": "同一个映射里写了两次同一个键；YAML 会悄悄只留最后一个。",
    "unknown-key": "删掉这个键或改正拼写；data/README.md 列出了允许的键。",
    "missing-key": "补上这个键；data/README.md 列出了必填的键。",
    "wrong-type": "按提示的类型写：列表写成 [a, b] 或逐行“- ”。",
    "empty-value": "填写内容；空值在页面上会显示为空白。",
    "bad-format": "按提示的格式写；编号只用 ASCII 字符，才能在网址、Word 和 Excel 中保持不变。",
    "duplicate-id": "编号不能重复使用：给新条目取下一个未用的编号。",
    "dangling-reference": "只能引用已存在的内容：检查拼写，或先补上被引用的条目。",
    "not-in-vocabulary": "使用 data/vocabulary.yaml 中的值，或先在那里添加新值。",
    "id-mismatch": "编号中的部分代码和方面序号，必须与条目出处段落所在的部分和方面一致。",
    "text-not-in-source": "从出处段落逐字复制原文；不连续的片段之间用 …… 隔开。",
    "id-removed": "已发布的编号会被报告引用：保留该条目，改为标注 `withdrawn: 理由`，不要删除。",
    "uncovered-paragraph": "每个提出要求的段落，至少要有一个条目出自该段。",
    "page-missing": "新增 docs/checklists/<id>.md，内容为 `{{ checklist_page(\"<id>\") }}`（可照抄同目录的文件），并在 mkdocs.yml 的 nav 中列出；"
                    "缺少续页（docs/gc-2.md 等）：运行 `python -m handbook pages`（make pages）并提交生成的桩文件。",
    "page-stale": "数据现在需要的页数变少了：运行 `python -m handbook pages`（make pages），它会删除多余的续页桩文件。",
    "bad-duplicate": "same_as 必须指向另一条有效、可勾选、本身不是重复项的条目。",
    "bad-level": "levels 的键必须是本条的责任主体之一；值写简短的动词短语，如 组织、参加。",
    "bad-components": "只有代表一组内容的行才写组成部分：要么写 `components:`，要么写 `implements:` 一个有展开的提法，不能两者都写。",
    "not-placeholder": "示例不是真实事件：写 某机关/某单位、某年某月、若干/一批、某地；真实案例的类别是“来稿”，并写明日期和来源。",
    "empty-selection": "清单至少要选中一个条目；检查它的选取条件。",
    "id-unpublished": "新条目确认无误后运行 `.venv/bin/python -m handbook publish`，把编号登记到 data/published-ids.txt（只增不删），再提交。",
    "too-large": "数据文件有上限（嵌套层数、别名（*引用）展开、单段文字长度），防止一个文件拖垮构建：拆短文字，少用嵌套和别名，直接写出内容。",
    "bad-everyday-word": "data/everyday.yaml 只收讲话未用的日常党务用语；讲话用过的词应收入提法词典（glossary.yaml）。",
    "bad-edition": "data/editions/ 下的文件只由 `make release` 写出：用 git 恢复（git checkout -- data/editions/），不要手工修改。",
}


@dataclass(frozen=True)
class DataError:
    kind: str
    file: str
    line: int | None
    message: str
    subject: str = ""  # e.g. "条目 GC2-03", so the reader knows which entry

    def __post_init__(self) -> None:
        if self.kind not in ERROR_KINDS:  # a typo here would hide the hint
            raise ValueError(f"unknown error kind {self.kind!r}")   # a programming error: stays English

    @property
    def hint(self) -> str:
        return ERROR_KINDS[self.kind]

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        subject = f" {self.subject}:" if self.subject else ""
        return f"{where}:{subject} {self.message} [{self.kind}]\n    提示：{self.hint}"


@dataclass
class ErrorReport:
    """Collects errors so one run reports all of them, not just the first."""

    errors: list[DataError] = field(default_factory=list)

    def add(self, kind: str, file: str, line: int | None, message: str, subject: str = "") -> None:
        self.errors.append(DataError(kind, file, line, message, subject))

    def __bool__(self) -> bool:
        return bool(self.errors)

    def __len__(self) -> int:
        return len(self.errors)


class HandbookDataError(Exception):
    """Raised when data is invalid; carries every error found."""

    def __init__(self, errors: list[DataError]):
        self.errors = errors
        count = len(errors)
        lines = [f"数据有 {count} 处错误："] + [str(e) for e in errors[:self.SHOWN]]
        if count > self.SHOWN:   # a systematic mistake should not bury the terminal
            lines.append(f"……另有 {count - self.SHOWN} 处未列出（先改正上面这些，再运行 make check）")
        super().__init__("\n".join(lines))

    SHOWN = 50
