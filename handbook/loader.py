"""Load YAML keeping line numbers, so every later error can point at a line."""

from __future__ import annotations

from pathlib import Path

import yaml

from .errors import ErrorReport


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
        key = loader.construct_object(key_node, deep=True)
        key_line = key_node.start_mark.line + 1
        if key in mapping:
            loader.report.add("duplicate-key", loader.file, key_line,
                              f"key {key!r} already given at line {mapping.key_lines[key]}")
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


def load_yaml(path: Path, display_name: str, report: ErrorReport):
    """Parse one YAML file; on failure record the error and return None."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        report.add("missing-file", display_name, None, "file not found")
        return None
    except UnicodeDecodeError as exc:
        report.add("yaml-syntax", display_name, None, f"not UTF-8 text ({exc.reason})")
        return None
    loader = _LineLoader(text, report, display_name)
    try:
        return loader.get_single_data()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        problem = getattr(exc, "problem", None) or str(exc)
        report.add("yaml-syntax", display_name, line, f"invalid YAML: {problem}")
        return None
    finally:
        loader.dispose()
