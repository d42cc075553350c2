"""Each broken fixture stops loading with a message naming file, line, field and expectation."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT
from handbook.catalogue import load_catalogue
from handbook.errors import ERROR_KINDS, HandbookDataError

# (file, text to replace, replacement, expected message fragment)
BROKEN = {
    "yaml-syntax": ("data/requirements/AA.yaml", "    kind: 学习\n    terms: [三学]", "    kind: [学习\n",
                    "data/requirements/AA.yaml:10: YAML 写法有误：“[”与“]”不配对"),
    "unknown-key": ("data/requirements/AA.yaml", "    kind: 学习\n    terms", "    kinds: 学习\n    terms",
                    "data/requirements/AA.yaml:8: 条目 AA0-01: items[1].kinds：未知的键（允许：id、title"),
    "missing-key": ("data/requirements/ZS.yaml", "    title: 围绕总目标\n", "",
                    "data/requirements/ZS.yaml:3: 条目 ZS0-01: items[1].title：缺少必填的键"),
    "wrong-type": ("data/requirements/ZS.yaml", "subjects: [党组（党委）]", "subjects: 党组（党委）",
                   "data/requirements/ZS.yaml:7: 条目 ZS0-01: items[1].subjects：应为列表（每项为文字），实际是文字"),
    "empty-value": ("data/requirements/ZS.yaml", "title: 围绕总目标", "title: ''",
                    "data/requirements/ZS.yaml:4: 条目 ZS0-01: items[1].title：应填写文字，不能为空"),
    "bad-format": ("data/requirements/ZS.yaml", "id: ZS0-01", "id: ZS-1",
                   "items[1].id：'ZS-1' 不符合格式，应为<部分代码><方面序号>-<两位序号>"),
    "duplicate-id": ("data/requirements/ZS.yaml", "id: ZS0-02", "id: ZS0-01",
                     "data/requirements/ZS.yaml:9: 条目 ZS0-01: id：'ZS0-01' 已在 data/requirements/ZS.yaml:3 用过"),
    "dangling-reference": ("data/requirements/AA.yaml", "terms: [三学]", "terms: [四学]",
                           "data/requirements/AA.yaml:9: 条目 AA0-01: terms：'四学' 不是 data/glossary.yaml 中的提法"),
    "not-in-vocabulary": ("data/requirements/AA.yaml", "subjects: [党支部]", "subjects: [机关党委会]",
                          "data/requirements/AA.yaml:14: 条目 AA1-01: subjects：'机关党委会' 不在词表中，应为以下之一：党组（党委）"),
    "id-mismatch": ("data/requirements/AA.yaml", "id: AA1-01", "id: AA0-02",
                    "data/requirements/AA.yaml:10: 条目 AA0-02: id：出自 P06（AA 第 1 方面）的条目编号应为 AA1-nn"),
    "text-not-in-source": ("data/requirements/AA.yaml", "text: 要组建学习小组", "text: 要组建学习大组",
                           "data/requirements/AA.yaml:12: 条目 AA1-01: text：在段落 P06 中找不到原文"),
    "uncovered-paragraph": ("data/requirements/AA.yaml", "  - id: AA0-01\n    title: 开展“三学”活动\n    text: 要开展“三学”活动\n"
                            "    source: P05\n    subjects: [机关党委]\n    kind: 学习\n    terms: [三学]\n", "",
                            "data/source/speech.txt:5: 段落 P05（部分开篇）提出了要求，但没有条目出自该段"),
    "duplicate-key": ("data/requirements/ZS.yaml", "    kind: 组织\n  - id: ZS0-02", "    kind: 组织\n    kind: 学习\n  - id: ZS0-02",
                      "data/requirements/ZS.yaml:9: 键 'kind' 已在第 8 行写过"),
    "missing-file": ("data/vocabulary.yaml", None, None, "data/vocabulary.yaml: 找不到文件"),
    "page-missing": ("docs/checklists/all.md", None, None,
                     "data/checklists/all.yaml: 清单 all: 没有页面 docs/checklists/all.md 显示这份清单"),
    "page-stale": ("docs/zs-2.md", None,
                   "---\nrender_macros: true\n---\n\n{# 续页：由 `python -m handbook pages` 生成；数据变化后再运行一次 #}\n"
                   '{{ part_page("ZS", page=2) }}\n',
                   "docs/zs-2.md: zs.md 现在只有 1 页，这个续页桩文件多余了"),
    "empty-selection": ("data/checklists/branch.yaml", "  - subjects: [党支部]\n  - ids: [ZS0-02]",
                        "  - {subjects: [党员], kinds: [组织]}",
                        "data/checklists/branch.yaml:2: 清单 branch: select：这些选取条件没有选中任何条目"),
    "bad-duplicate": ("data/requirements/AA.yaml", "    kind: 学习\n    types: [政治型]",
                      "    kind: 学习\n    types: [政治型]\n    same_as: AA1-01",
                      "data/requirements/AA.yaml:10: 条目 AA1-01: same_as：'AA1-01' 应是另一条有效"),
    "bad-level": ("data/requirements/AA.yaml", "    subjects: [党支部, 党员]", "    subjects: [党支部, 党员]\n    levels: {机关党委: 组织}",
                  "条目 AA1-02: levels：'机关党委' 不是本条的责任主体（党支部、党员）之一"),
    "bad-components": ("data/requirements/AA.yaml", "    kind: 学习\n    terms: [三学]", "    kind: 学习\n    terms: [三学]\n    implements: 三学",
                       "条目 AA0-01: implements：'三学' 不是 data/glossary.yaml 中有展开（expansion）的提法"),
    "bad-edition": ("data/editions/2026.1.json", None, '{"format": 1, "version": "2026.2", "date": "2026-12-01"}\n',
                    "data/editions/2026.1.json: version“2026.2”应与文件名“2026.1”相同"),
    "not-placeholder": ("data/cases/demo.yaml", "支部准备组建学习小组。", "支部于2023年5月组建学习小组。",
                        "data/cases/demo.yaml:4: 案例 demo: situation：'2023年5月' 像真实日期"),
    "bad-everyday-word": ("data/everyday.yaml", None, "words:\n  - word: 学习小组\n    items: [AA1-01]\n    why: 示例。\n",
                          "data/everyday.yaml:2: word 学习小组: 讲话用了“学习小组”"),
    "id-removed": ("data/published-ids.txt", None, "AA1-01\nAA1-03\n",
                   "data/published-ids.txt:2: 条目 AA1-03 已发布，但 data/requirements/ 中已没有这个编号"),
    # a new item (AA1-02) never registered: the message names the command the README gives
    "id-unpublished": ("data/published-ids.txt", None, "ZS0-01\nZS0-02\nAA0-01\nAA1-01\n",
                       "data/requirements/AA.yaml:17: 条目 AA1-02: 编号 AA1-02 还没有登记在 data/published-ids.txt；"
                       "确认无误后运行 `.venv/bin/python -m handbook publish` 登记"),
    "too-large": ("data/requirements/ZS.yaml", "title: 围绕总目标", "title: " + "[" * 600 + "]" * 600,
                  "data/requirements/ZS.yaml:4: 列表、映射嵌套超过 40 层"),
}


def _break(project, kind):
    file, old, new, _expected = BROKEN[kind]
    path = project / file
    if old is None and new is None:
        path.unlink()
        return
    if old is None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(new, encoding="utf-8")
        return
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture changed: {old!r} not in {file}"
    text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")


def test_fixture_project_is_valid(fixture_project):
    catalogue = load_catalogue(fixture_project)
    assert list(catalogue.items) == ["ZS0-01", "ZS0-02", "AA0-01", "AA1-01", "AA1-02"]
    branch = next(c for c in catalogue.checklists if c.id == "branch")
    assert [i.id for i in branch.items] == ["ZS0-02", "AA1-01", "AA1-02"]       # reading order, each once
    assert branch.points == {"ZS0-02": 2, "AA1-01": 2, "AA1-02": 5} and branch.total == 9


@pytest.mark.parametrize("mutation, expected", [
    (("data/checklists/branch.yaml", "ids: [ZS0-02]", "ids: [ZS0-09]"),
     "data/checklists/branch.yaml:4: 清单 branch: select[2].ids：'ZS0-09' 不存在"),
    (("data/checklists/branch.yaml", "subjects: [党支部]", "subjects: [支部]"),
     "data/checklists/branch.yaml:3: 清单 branch: select[1].subjects：'支部' 不存在"),
    (("data/checklists/branch.yaml", "points: {AA1-02: 5}", "points: {ZS0-01: 5}"),
     "data/checklists/branch.yaml:7: 清单 branch: scoring.points：'ZS0-01' 不在这份清单中"),
    (("data/cases/demo.yaml", "title: 组建学习小组（示例）", "title: 组建学习小组"),
     "data/cases/demo.yaml:1: 案例 demo: title：'组建学习小组' 应以“（示例）”结尾"),
    (("data/cases/demo.yaml", "unit: 某机关党支部", "unit: 第一党支部"),
     "data/cases/demo.yaml:2: 案例 demo: unit：'第一党支部' 应以“某”开头"),
    (("data/cases/demo.yaml", "items: [AA1-01]", "items: [AA1-07]"),
     "data/cases/demo.yaml:3: 案例 demo: items：条目 'AA1-07' 不存在"),
])
def test_checklist_references_are_checked(fixture_project, mutation, expected):
    file, old, new = mutation
    path = fixture_project / file
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    with pytest.raises(HandbookDataError) as caught:
        load_catalogue(fixture_project)
    assert any(expected in str(e) for e in caught.value.errors), caught.value


@pytest.mark.parametrize("kind", sorted(BROKEN))
def test_broken_data_fails_with_message(fixture_project, kind):
    _break(fixture_project, kind)
    with pytest.raises(HandbookDataError) as caught:
        load_catalogue(fixture_project)
    messages = [str(e) for e in caught.value.errors]
    expected = BROKEN[kind][3]
    assert any(expected in m for m in messages), "\n".join(messages)
    matching = [e for e in caught.value.errors if expected in str(e)]
    assert matching[0].kind == kind
    assert ERROR_KINDS[kind] in str(matching[0])          # every message carries its hint


def test_every_error_kind_has_a_broken_fixture():
    untested = set(ERROR_KINDS) - set(BROKEN)
    assert not untested


def test_check_command_exits_nonzero_and_prints_every_error(fixture_project):
    _break(fixture_project, "not-in-vocabulary")
    _break(fixture_project, "text-not-in-source")
    result = subprocess.run([sys.executable, "-m", "handbook", "--root", str(fixture_project), "check"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr.startswith("数据有 2 处错误：")
    assert "[not-in-vocabulary]" in result.stderr and "[text-not-in-source]" in result.stderr


def _edit(project, file, old, new):
    path = project / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture changed: {old!r} not in {file}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_context_duplicates_components_and_levels_are_modelled(fixture_project):
    """Issue 9: context and duplicates stay out of checklists; qualifiers, components and levels reach the item."""
    _edit(fixture_project, "data/requirements/AA.yaml", "    subjects: [党支部, 党员]\n",
          "    subjects: [党支部, 党员]\n    role: context\n")
    _edit(fixture_project, "data/checklists/branch.yaml", "points: {AA1-02: 5}", "points: {AA1-01: 5}")
    _edit(fixture_project, "data/requirements/AA.yaml", "    kind: 学习\n    types: [政治型]",
          "    kind: 学习\n    types: [政治型]\n    context: 举办读书班\n    components: [组建学习小组, 举办读书班]\n"
          "    levels: {党支部: 组织}")
    _edit(fixture_project, "data/requirements/ZS.yaml", "  - id: ZS0-02\n", "  - id: ZS0-02\n    same_as: AA1-01\n")
    catalogue = load_catalogue(fixture_project)
    items = catalogue.items
    assert items["AA1-01"].checkable and not items["AA1-02"].checkable
    assert items["AA1-01"].context == "举办读书班" and items["AA0-01"].context == ""
    assert items["AA1-01"].components == ["组建学习小组", "举办读书班"] and items["AA0-01"].components == []
    assert items["AA1-01"].levels == {"党支部": "组织"} and items["AA1-01"].level_of("党员") == ""
    assert items["ZS0-02"].same_as == "AA1-01" and items["AA1-01"].same_as is None
    branch = catalogue.checklist("branch")
    assert [i.id for i in branch.items] == ["AA1-01"]          # context and the duplicate left out
    assert "AA1-02" not in {i.id for i in catalogue.checklist("all").items}


def test_checklist_can_ask_for_context_items(fixture_project):
    _edit(fixture_project, "data/requirements/AA.yaml", "    subjects: [党支部, 党员]\n",
          "    subjects: [党支部, 党员]\n    role: context\n")
    _edit(fixture_project, "data/checklists/branch.yaml", "points: {AA1-02: 5}", "points: {AA1-01: 5}")
    _edit(fixture_project, "data/checklists/all.yaml", "select:", "include_context: 'yes'\nselect:")
    assert "AA1-02" in {i.id for i in load_catalogue(fixture_project).checklist("all").items}


@pytest.mark.parametrize("command", [["publish"], ["new-case", "laigao-ceshi"], ["export", "site"]])
def test_every_command_reports_broken_data_without_a_traceback(fixture_project, command, capsys):
    from handbook.cli import main
    _break(fixture_project, "not-in-vocabulary")
    assert main(["--root", str(fixture_project), *command]) == 1
    err = capsys.readouterr().err
    assert err.startswith("数据有 1 处错误：") and "[not-in-vocabulary]" in err and "Traceback" not in err
    assert not (fixture_project / "data/cases/laigao-ceshi.yaml").exists()
