"""Every kind of data error, in one place, each with a hint on how to fix it.

Messages read like compiler output so editors can jump to the spot:
    data/requirements/GC.yaml:41: item GC2-03: subjects: '机关党委会' is not one of … [not-in-vocabulary]
"""

from __future__ import annotations

from dataclasses import dataclass, field

ERROR_KINDS: dict[str, str] = {
    "missing-file": "Create the file, or fix the path that refers to it.",
    "yaml-syntax": "Check indentation and quoting; strings that start with a quote or contain ': ' need double quotes.",
    "duplicate-key": "A mapping names the same key twice; YAML would silently keep only the last one.",
    "unknown-key": "Remove the key or correct its spelling; data/README.md lists the allowed keys.",
    "missing-key": "Add the key; data/README.md lists the required keys.",
    "wrong-type": "Use the type shown; lists are written [a, b] or as '- ' lines.",
    "empty-value": "Write the text; an empty value would render as a blank on the page.",
    "bad-format": "Follow the pattern shown; IDs are ASCII so they survive URLs, Word and Excel.",
    "duplicate-id": "IDs are never reused: give the new entry the next free number.",
    "dangling-reference": "Refer only to things that exist: check the spelling or add the missing entry.",
    "not-in-vocabulary": "Use a value from data/vocabulary.yaml, or add the new value there first.",
    "id-mismatch": "The ID's part code and section number must match the paragraph the item comes from.",
    "text-not-in-source": "Copy the text verbatim from the source paragraph; separate non-contiguous fragments with ……",
    "id-removed": "Published IDs are cited in reports: keep the item and mark it `withdrawn: 理由` instead of deleting it.",
    "uncovered-paragraph": "Every paragraph that asks for action needs at least one item drawn from it.",
    "page-missing": "Add docs/checklists/<id>.md holding `{{ checklist_page(\"<id>\") }}` (copy a sibling) and list it in mkdocs.yml nav; "
                    "a missing continuation page (docs/gc-2.md …): run `python -m handbook pages` (make pages) and commit the stubs.",
    "page-stale": "The data now fills fewer pages: run `python -m handbook pages` (make pages), which deletes left-over continuation stubs.",
    "bad-duplicate": "same_as must name another active, checkable item that is not itself a duplicate.",
    "bad-level": "levels keys must be among the item's subjects; give a short verb phrase such as 组织 or 参加.",
    "bad-components": "Give components only for a row that stands for a list: either `components:` or `implements:` a term with an expansion, not both.",
    "not-placeholder": "A 示例 is never a real event: write 某机关/某单位, 某年某月, 若干/一批, 某地; real cases are kind 来稿 with date and source.",
    "empty-selection": "A checklist must select at least one item; check its selectors.",
    "bad-edition": "Files in data/editions/ are written by `make release` only: restore the file from git (git checkout -- data/editions/), never edit it by hand.",
}


@dataclass(frozen=True)
class DataError:
    kind: str
    file: str
    line: int | None
    message: str
    subject: str = ""  # e.g. "item GC2-03", so the reader knows which entry

    def __post_init__(self) -> None:
        if self.kind not in ERROR_KINDS:  # a typo here would hide the hint
            raise ValueError(f"unknown error kind {self.kind!r}")

    @property
    def hint(self) -> str:
        return ERROR_KINDS[self.kind]

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        subject = f" {self.subject}:" if self.subject else ""
        return f"{where}:{subject} {self.message} [{self.kind}]\n    hint: {self.hint}"


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
        lines = [f"{count} data error{'s' if count != 1 else ''}:"] + [str(e) for e in errors[:self.SHOWN]]
        if count > self.SHOWN:   # a systematic mistake should not bury the terminal
            lines.append(f"… and {count - self.SHOWN} more (fix the first ones and run `make check` again)")
        super().__init__("\n".join(lines))

    SHOWN = 50
