from handbook.errors import ErrorReport
from handbook.loader import load_yaml


def test_lines_are_kept_for_keys_and_list_items(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("a: 1\nitems:\n  - id: X\n    subjects: [p, q]\n  - id: Y\n", encoding="utf-8")
    report = ErrorReport()
    data = load_yaml(path, "x.yaml", report)
    assert not report
    assert data.line_of("items") == 2
    assert data["items"].line_at(1) == 5
    assert data["items"][0].line_of("subjects") == 4


def test_duplicate_keys_are_reported_not_overwritten(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("id: A\ntitle: t\nid: B\n", encoding="utf-8")
    report = ErrorReport()
    load_yaml(path, "x.yaml", report)
    assert [(e.kind, e.line) for e in report.errors] == [("duplicate-key", 3)]


def test_syntax_error_names_the_line(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("a: 1\nb: [unclosed\nc: 2\n", encoding="utf-8")
    report = ErrorReport()
    assert load_yaml(path, "x.yaml", report) is None
    assert report.errors[0].kind == "yaml-syntax" and report.errors[0].line is not None
