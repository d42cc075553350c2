"""Editors are answered in Chinese, all at once, without follow-on errors, and never with a traceback
(issue 21 point 8, issue 18 point 7). Each test breaks a copy of the minimal fixture project."""

from __future__ import annotations

import errno
import re
import socket
import subprocess
import sys

import pytest

from conftest import ROOT
from handbook.catalogue import load_catalogue
from handbook.errors import ERROR_KINDS, HandbookDataError
from handbook.loader import MAX_ALIAS_EXPANSION, MAX_DEPTH, MAX_STRING

DEMO = "data/cases/demo.yaml"
HAN = re.compile(r"[\u4e00-\u9fff]")


def _errors(project) -> list:
    with pytest.raises(HandbookDataError) as caught:
        load_catalogue(project)
    return caught.value.errors


def _edit(project, file, old, new):
    path = project / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture changed: {old!r} not in {file}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _check(project) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "handbook", "--root", str(project), "check"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)


# --- Chinese ------------------------------------------------------------------------------

def test_every_hint_is_chinese():
    assert all(HAN.search(hint) for hint in ERROR_KINDS.values()), \
        [kind for kind, hint in ERROR_KINDS.items() if not HAN.search(hint)]


def test_check_output_is_chinese_and_keeps_kind_codes(fixture_project):
    _edit(fixture_project, "data/requirements/AA.yaml", "subjects: [党支部]", "subjects: [机关党委会]")
    result = _check(fixture_project)
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert lines[0] == "数据有 1 处错误："
    assert lines[1].endswith("[not-in-vocabulary]") and "不在词表中" in lines[1]
    assert lines[2].strip().startswith("提示：") and HAN.search(lines[2])
    assert not re.search(r"\b(is not|does not|expected|hint|found)\b", result.stderr)


# --- every error of a file in one run -------------------------------------------------------

def test_a_case_file_reports_every_problem_at_once(fixture_project):
    """A bad date (a schema error) used to hide the missing lessons and the unknown item."""
    (fixture_project / "data/cases/laigao.yaml").write_text(
        "kind: 来稿\ntitle: 学习小组\nunit: 某单位\ndate: 2026年3月2日\n"
        "source: {报送单位: 某单位, 联系人: 张三}\nitems: [AA1-01, AA1-09]\n"
        "situation: 情况。\nsteps: [做法]\noutcome: 成效。\n", encoding="utf-8")
    found = {(e.kind, e.line) for e in _errors(fixture_project) if e.file == "data/cases/laigao.yaml"}
    assert found == {("bad-format", 4), ("missing-key", 1), ("dangling-reference", 6)}, found


# --- no follow-on errors -------------------------------------------------------------------

def test_a_wrong_text_is_one_error_not_also_id_removed(fixture_project):
    (fixture_project / "data/published-ids.txt").write_text("ZS0-01\nZS0-02\nAA0-01\nAA1-01\nAA1-02\n",
                                                           encoding="utf-8")
    load_catalogue(fixture_project)                     # registered and valid: no error
    _edit(fixture_project, "data/requirements/AA.yaml", "text: 要组建学习小组", "text: 要组建学习大组")
    errors = _errors(fixture_project)
    assert [e.kind for e in errors] == ["text-not-in-source"], [str(e) for e in errors]


def test_an_unreadable_requirement_file_is_one_error(fixture_project):
    """AA.yaml cannot be read: its IDs cited by checklists, cases and published-ids are not reported too."""
    (fixture_project / "data/published-ids.txt").write_text("ZS0-01\nZS0-02\nAA0-01\nAA1-01\nAA1-02\n",
                                                           encoding="utf-8")
    _edit(fixture_project, "data/requirements/AA.yaml", "    kind: 学习\n    terms: [三学]", "    kind: [学习\n")
    errors = _errors(fixture_project)
    assert [e.kind for e in errors] == ["yaml-syntax"], [str(e) for e in errors]


def test_every_item_of_a_file_is_checked_although_one_breaks_the_schema(fixture_project):
    """AA0-01 lacks its title (schema); AA1-01's wrong text used to wait for the next run."""
    _edit(fixture_project, "data/requirements/AA.yaml", "    title: 开展“三学”活动\n", "")
    _edit(fixture_project, "data/requirements/AA.yaml", "text: 要组建学习小组", "text: 要组建学习大组")
    found = [(e.kind, e.subject) for e in _errors(fixture_project)]
    assert found == [("missing-key", "条目 AA0-01"), ("text-not-in-source", "条目 AA1-01")], found


def test_a_checklist_file_reports_every_problem_at_once(fixture_project):
    """A bad order (schema) and an unknown subject in a selector come in the same run."""
    _edit(fixture_project, "data/checklists/branch.yaml", "subjects: [党支部]", "subjects: [支部]")
    _edit(fixture_project, "data/checklists/branch.yaml", "select:", "order: 默认\nselect:")
    found = {(e.kind, e.line) for e in _errors(fixture_project) if e.file == "data/checklists/branch.yaml"}
    assert found == {("wrong-type", 2), ("not-in-vocabulary", 4)}, found


def test_a_broken_term_is_one_error_not_one_per_item(fixture_project):
    """The term 三学 fails its own check; AA0-01, which names it, is not reported as citing a missing term."""
    _edit(fixture_project, "data/glossary.yaml", "    id: sanxue\n", "    id: San_Xue\n")
    found = [(e.kind, e.subject) for e in _errors(fixture_project)]
    assert found == [("bad-format", "提法 三学")], found


def test_a_failed_item_is_not_reported_again_by_scoring(fixture_project):
    _edit(fixture_project, "data/requirements/AA.yaml", "    subjects: [党支部, 党员]",
          "    subjects: [党支部, 党员]\n    levels: {机关党委: 组织}")
    assert [e.kind for e in _errors(fixture_project)] == ["bad-level"]


def test_new_item_without_published_id_names_the_command(fixture_project):
    (fixture_project / "data/published-ids.txt").write_text("ZS0-01\nZS0-02\nAA0-01\nAA1-01\n", encoding="utf-8")
    errors = _errors(fixture_project)
    assert [(e.kind, e.subject) for e in errors] == [("id-unpublished", "条目 AA1-02")]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = re.search(r"`(\S+ -m handbook publish)`", readme)[1]
    assert command in errors[0].message and command in errors[0].hint


def test_publish_registers_the_new_item_it_was_asked_for(fixture_project):
    from handbook.cli import main
    published = fixture_project / "data/published-ids.txt"
    published.write_text("ZS0-01\nZS0-02\nAA0-01\nAA1-01\n", encoding="utf-8")
    assert _check(fixture_project).returncode == 1
    assert main(["--root", str(fixture_project), "publish"]) == 0
    assert published.read_text(encoding="utf-8").split()[-1] == "AA1-02"
    assert _check(fixture_project).returncode == 0


def test_a_project_without_published_ids_is_not_asked_to_publish(fixture_project):
    assert not (fixture_project / "data/published-ids.txt").exists()
    load_catalogue(fixture_project)


# --- hostile or broken YAML: a message with file and line, never a traceback ---------------

HOSTILE = {
    "list-key": ("data/cases/demo.yaml", "unit: 某机关党支部\n", "unit: 某机关党支部\n[a, b]: 1\n",
                 "wrong-type", 3, "键只能是文字"),
    "deep-500": ("data/requirements/ZS.yaml", "title: 围绕总目标", "title: " + "[" * 600 + "]" * 600,
                 "too-large", 4, f"嵌套超过 {MAX_DEPTH} 层"),
    "deep-30000": ("data/requirements/ZS.yaml", "title: 围绕总目标", "title: " + "[" * 40000 + "]" * 40000,
                   "too-large", 4, f"嵌套超过 {MAX_DEPTH} 层"),
    "long-string": ("data/glossary.yaml", None, "note: " + "长" * (MAX_STRING + 1) + "\n",
                    "too-large", 1, "超过上限"),
    "alias-bomb": ("data/cases/demo.yaml", "kind: 示例\n",
                   "kind: 示例\nx: &big " + "x" * 3000 + "\ny: [" + ", ".join(["*big"] * 2000) + "]\n",
                   "too-large", 9, "别名（*big）展开后超过"),
    "bad-date": ("data/edition.yaml", None, "name: 手册\nversion: '1'\ndate: 2026-13-45\n",
                 "yaml-syntax", None, "日期、数字请加引号"),
    "empty-case": ("data/cases/demo.yaml", None, "", "empty-value", None, "文件是空的"),
    "comment-only-case": ("data/cases/demo.yaml", None, "# 还没写\n", "empty-value", None, "文件是空的"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_yaml_is_a_message_not_a_traceback(fixture_project, name):
    file, old, new, kind, line, words = HOSTILE[name]
    if old is None:
        (fixture_project / file).write_text(new, encoding="utf-8")
    else:
        _edit(fixture_project, file, old, new)
    result = _check(fixture_project)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr[-2000:]
    assert "Segmentation" not in result.stderr and result.returncode != -11
    errors = [e for e in _errors(fixture_project) if e.file == file]
    assert errors and errors[0].kind == kind and errors[0].line == line and words in errors[0].message, \
        [str(e) for e in errors]


def test_alias_limit_leaves_room_for_ordinary_anchors(fixture_project):
    """Aliases are allowed: a short anchor reused a few times loads."""
    assert MAX_ALIAS_EXPANSION > 10_000
    _edit(fixture_project, "data/checklists/branch.yaml", "subjects: [党支部]", "subjects: &who [党支部]")
    load_catalogue(fixture_project)


# --- serve on a busy port ------------------------------------------------------------------

def test_serve_on_a_busy_port_says_so_in_chinese(fixture_project):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run([sys.executable, "-m", "handbook", "--root", str(fixture_project), "serve",
                                 "--address", f"127.0.0.1:{port}"], cwd=ROOT, capture_output=True, text=True,
                                timeout=60)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"端口 {port} 已被占用" in result.stderr
    assert f"HOST=127.0.0.1:{port + 1} make serve" in result.stderr
    assert not (fixture_project / "site").exists()          # refused before building


def test_port_problem_suggests_the_documented_command():
    from handbook.serve import port_problem
    message = port_problem(OSError(errno.EADDRINUSE, "Address already in use"), "127.0.0.1", 8000)
    assert "HOST=127.0.0.1:8001 make serve" in message
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "HOST=127.0.0.1:8001 make serve" in readme
