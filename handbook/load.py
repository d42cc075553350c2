"""Load every data file and check its shape against its schema."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import cases, schema
from .editions import load_editions
from .errors import ErrorReport
from .loader import load_yaml
from .stubs import STUB_NOTE

SOURCE_FILE = "data/source/speech.txt"
FRAMEWORK_FILE = "data/framework.yaml"
VOCABULARY_FILE = "data/vocabulary.yaml"
EDITION_FILE = "data/edition.yaml"
GLOSSARY_FILE = "data/glossary.yaml"
REQUIREMENTS_DIR = "data/requirements"
PUBLISHED_IDS_FILE = "data/published-ids.txt"
CHECKLISTS_DIR = "data/checklists"
CHECKLIST_PAGES_DIR = "docs/checklists"
CASES_DIR = "data/cases"


@dataclass
class RawFile:
    name: str          # path relative to the project root, as shown in messages
    data: object       # parsed YAML (Mapping/Sequence with line numbers)
    valid: bool        # passed its schema


@dataclass
class RawData:
    source_lines: list[str]
    framework: RawFile
    vocabulary: RawFile
    glossary: RawFile
    edition: RawFile
    requirements: list[RawFile] = field(default_factory=list)
    published_ids: list[tuple[int, str]] = field(default_factory=list)   # (line, ID)
    published_list: bool = False      # data/published-ids.txt exists: every item must then be in it
    checklists: list[RawFile] = field(default_factory=list)
    checklist_pages: set[str] = field(default_factory=set)   # stems of docs/checklists/*.md
    docs_pages: set[str] = field(default_factory=set)        # every docs/**/*.md, relative (continuation stubs)
    root: Path | None = None
    cases: list[RawFile] = field(default_factory=list)
    editions: list = field(default_factory=list)             # recorded editions (data/editions/*.json), oldest first


def _load_checked(root: Path, name: str, spec, report: ErrorReport) -> RawFile:
    errors = len(report)
    data = load_yaml(root / name, name, report)
    if data is None:
        if len(report) == errors:   # parsed, but nothing in it: an empty file is never meant
            report.add("empty-value", name, None, "文件是空的（或只有注释）")
        return RawFile(name, None, False)
    valid = schema.Checker(report, name).check(data, spec, "", getattr(data, "line", 1))
    return RawFile(name, data, valid)


def load_raw(root: Path, report: ErrorReport) -> RawData:
    source_path = root / SOURCE_FILE
    try:
        source_lines = source_path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        report.add("missing-file", SOURCE_FILE, None, "缺少讲话原文")
        source_lines = []
    raw = RawData(
        source_lines=source_lines,
        framework=_load_checked(root, FRAMEWORK_FILE, schema.FRAMEWORK, report),
        vocabulary=_load_checked(root, VOCABULARY_FILE, schema.VOCABULARY, report),
        glossary=_load_checked(root, GLOSSARY_FILE, schema.GLOSSARY, report),
        edition=_load_checked(root, EDITION_FILE, schema.EDITION, report),
    )
    published = root / PUBLISHED_IDS_FILE
    if published.is_file():
        raw.published_list = True
        for number, line in enumerate(published.read_text(encoding="utf-8").splitlines(), start=1):
            entry = line.split("#", 1)[0].strip()
            if entry:
                raw.published_ids.append((number, entry))
    requirement_paths = sorted((root / REQUIREMENTS_DIR).glob("*.yaml"))
    if not requirement_paths:
        report.add("missing-file", REQUIREMENTS_DIR, None, "没有找到任何条目文件（*.yaml）")
    for path in requirement_paths:
        name = f"{REQUIREMENTS_DIR}/{path.name}"
        raw.requirements.append(_load_checked(root, name, schema.REQUIREMENTS, report))
    for path in sorted((root / CHECKLISTS_DIR).glob("*.yaml")):
        raw.checklists.append(_load_checked(root, f"{CHECKLISTS_DIR}/{path.name}", schema.CHECKLIST, report))
    for path in sorted((root / CASES_DIR).glob("*.yaml")):
        raw.cases.append(_load_checked(root, f"{CASES_DIR}/{path.name}", cases.CASE, report))
    raw.editions = load_editions(root, report)
    raw.root = root
    raw.docs_pages = {p.relative_to(root / "docs").as_posix() for p in (root / "docs").rglob("*.md")}
    # index, 汇总 and continuation stubs (quanbu-2.md, written by `pages`) render no checklist of their own.
    raw.checklist_pages = {p.stem for p in (root / CHECKLIST_PAGES_DIR).glob("*.md")
                           if STUB_NOTE not in p.read_text(encoding="utf-8")} - {"index", "summary"}
    return raw
