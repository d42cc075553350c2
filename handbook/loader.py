"""Load YAML keeping line numbers, so every later error can point at a line.

A data file can also be hostile or simply broken in ways that would crash or swamp the build:
nesting deep enough to exhaust Python's recursion (≈ 500 levels) or the C stack (≈ 30,000), a
long string repeated through thousands of aliases (gigabytes once expanded), a list used as a
key. `check_limits` walks the parser's event stream first (libyaml's parser keeps its own stack,
so no recursion) and stops at the first limit passed; only then is the document composed.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .errors import ErrorReport

MAX_DEPTH = 40                      # nested lists/mappings; the data's deepest is 5
MAX_STRING = 50_000                 # characters in one text value; the data's longest is under 1,000
# Characters (and values) aliases may add to one file once expanded: at least this many, and up to
# ALIAS_RATIO times the file's own size, so expansion grows linearly with the file, never beyond it.
# yaml.safe_dump writes shared lists as aliases: the ×100 bench data expands by ≤ 0.25× its size.
MAX_ALIAS_EXPANSION = 200_000
ALIAS_RATIO = 10


class Mapping(dict):
    """A dict that remembers the line of itself and of each key (1-based)."""

    line: int = 0
    key_lines: dict

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class Sequence(list):
    """A list that remembers its own line and the line of each element."""

    line: int = 0
    item_lines: list

    def line_at(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


# libyaml's parser (when PyYAML was built with it) is several times faster; the
# constructors below are Python either way and see the same line marks.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_BaseLoader):
    """Safe loader that records lines and reports duplicate keys instead of overwriting."""

    def __init__(self, stream, report: ErrorReport, file: str):
        super().__init__(stream)
        self.report = report
        self.file = file


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> Mapping:
    loader.flatten_mapping(node)
    mapping = Mapping()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    for key_node, value_node in node.value:
        key_line = key_node.start_mark.line + 1
        if not isinstance(key_node, yaml.ScalarNode):
            shape = "列表" if isinstance(key_node, yaml.SequenceNode) else "映射"
            loader.report.add("wrong-type", loader.file, key_line,
                              f"键只能是文字，这里用了{shape}作键（是否多写了“[”“{{”或“? ”？）")
            continue
        key = loader.construct_object(key_node, deep=True)
        if key in mapping:
            loader.report.add("duplicate-key", loader.file, key_line,
                              f"键 {key!r} 已在第 {mapping.key_lines[key]} 行写过")
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = key_line
    return mapping


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> Sequence:
    sequence = Sequence(loader.construct_object(child, deep=True) for child in node.value)
    sequence.line = node.start_mark.line + 1
    sequence.item_lines = [child.start_mark.line + 1 for child in node.value]
    return sequence


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


_STARTS = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_ENDS = (yaml.SequenceEndEvent, yaml.MappingEndEvent)


def check_limits(text: str) -> tuple[int | None, str] | None:
    """(line, what) of the first limit the document passes, or None. One pass over the parser's events
    (exact types, not isinstance: this runs over every value of every file)."""
    frames: list[list] = []            # open lists/mappings: [anchor, size so far]
    sizes: dict[str, int] = {}         # anchor → size of what it names (characters + values)
    expanded, allowed = 0, max(MAX_ALIAS_EXPANSION, ALIAS_RATIO * len(text))
    for event in yaml.parse(text, Loader=_BaseLoader):
        kind = type(event)
        if kind is yaml.ScalarEvent:
            anchor, size = event.anchor, len(event.value) + 1
            if size > MAX_STRING:
                return _line(event), f"一段文字有 {size - 1:,} 个字符，超过上限 {MAX_STRING:,}"
        elif kind in _STARTS:
            frames.append([event.anchor, 1])
            if len(frames) > MAX_DEPTH:
                return _line(event), f"列表、映射嵌套超过 {MAX_DEPTH} 层"
            continue
        elif kind in _ENDS:
            anchor, size = frames.pop()
        elif kind is yaml.AliasEvent:
            anchor, size = None, sizes.get(event.anchor, 0)
            expanded += size
            if expanded > allowed:
                return (_line(event),
                        f"别名（*{event.anchor}）展开后超过 {allowed:,} 个字符（文件本身的 {ALIAS_RATIO} 倍以上）")
        else:
            continue
        if anchor:
            sizes[anchor] = size
        if frames:
            frames[-1][1] += size
    return None


def _line(event) -> int | None:
    return event.start_mark.line + 1 if event.start_mark else None


# PyYAML's most frequent problems, in the editors' words; anything else is shown as PyYAML says it.
PROBLEMS = {
    "mapping values are not allowed here": "这里不能出现“: ”（含冒号的文字要整体加双引号）",
    "could not find expected ':'": "缺少“: ”（或上一行的引号没有闭合）",
    "found character '\\t' that cannot start any token": "不能用 Tab 缩进，请改用空格",
    "found character that cannot start any token": "这里有不能开头的字符（常见：用 Tab 缩进，或文字以 @、` 开头而没加引号）",
    "found unexpected end of stream": "文件在引号或括号闭合之前就结束了",
    "expected <block end>, but found '<block sequence start>'": "“- ”列表项的缩进与上文不一致",
    "expected <block end>, but found '<block mapping start>'": "缩进与上文不一致",
    "expected ',' or ']', but got '<stream end>'": "“[”没有对应的“]”",
    "did not find expected ',' or ']'": "“[”与“]”不配对，或列表项之间缺少逗号",
    "did not find expected ',' or '}'": "“{”与“}”不配对，或各项之间缺少逗号",
    "did not find expected key": "缩进与上文不一致，或上一行的引号没有闭合",
    "did not find expected '-' indicator": "“- ”列表项的缩进与上文不一致",
    "mapping values are not allowed in this context": "这里不能出现“: ”（含冒号的文字要整体加双引号）",
    "found unknown escape character": "双引号里的反斜杠“\\”要写成“\\\\”，或改用单引号",
    "expected ',' or '}', but got '<stream end>'": "“{”没有对应的“}”",
    "found undefined alias": "引用了未定义的锚点（*名称 之前要先有 &名称）",
    "expected a single document in the stream": "一个文件只能有一个文档（删掉多余的“---”）",
}


def _problem(text: str) -> str:
    for english, chinese in PROBLEMS.items():
        if text.startswith(english):
            return f"{chinese}（{text}）"
    return text


def load_yaml(path: Path, display_name: str, report: ErrorReport):
    """Parse one YAML file; on failure record the error and return None (also for an empty file)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        report.add("missing-file", display_name, None, "找不到文件")
        return None
    except UnicodeDecodeError as exc:
        report.add("yaml-syntax", display_name, None, f"不是 UTF-8 编码的文本（{exc.reason}）")
        return None
    try:
        limit = check_limits(text)
        if limit:
            report.add("too-large", display_name, limit[0], limit[1])
            return None
        loader = _LineLoader(text, report, display_name)
        try:
            return loader.get_single_data()
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        problem = getattr(exc, "problem", None) or str(exc)
        report.add("yaml-syntax", display_name, line, f"YAML 写法有误：{_problem(problem)}")
        return None
    except (ValueError, OverflowError) as exc:   # e.g. an unquoted date that is no date: 2026-13-45
        report.add("yaml-syntax", display_name, None, f"有无法读取的值（日期、数字请加引号）：{exc}")
        return None
