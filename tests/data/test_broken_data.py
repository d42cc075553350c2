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
                    "data/requirements/AA.yaml:10: invalid YAML"),
    "unknown-key": ("data/requirements/AA.yaml", "    kind: 学习\n    terms", "    kinds: 学习\n    terms",
                    "data/requirements/AA.yaml:8: item AA0-01: items[1].kinds: unknown key"),
    "missing-key": ("data/requirements/ZS.yaml", "    title: 围绕总目标\n", "",
                    "data/requirements/ZS.yaml:3: item ZS0-01: items[1].title: required key is missing"),
    "wrong-type": ("data/requirements/ZS.yaml", "subjects: [党组（党委）]", "subjects: 党组（党委）",
                   "data/requirements/ZS.yaml:7: item ZS0-01: items[1].subjects: expected a list of text, got str"),
    "empty-value": ("data/requirements/ZS.yaml", "title: 围绕总目标", "title: ''",
                    "data/requirements/ZS.yaml:4: item ZS0-01: items[1].title: expected non-empty text"),
    "bad-format": ("data/requirements/ZS.yaml", "id: ZS0-01", "id: ZS-1",
                   "items[1].id: 'ZS-1' does not match <part code><section>-<2-digit number>"),
    "duplicate-id": ("data/requirements/ZS.yaml", "id: ZS0-02", "id: ZS0-01",
                     "data/requirements/ZS.yaml:9: item ZS0-01: id: 'ZS0-01' already used at data/requirements/ZS.yaml:3"),
    "dangling-reference": ("data/requirements/AA.yaml", "terms: [三学]", "terms: [四学]",
                           "data/requirements/AA.yaml:9: item AA0-01: terms: '四学' is not a term in data/glossary.yaml"),
    "not-in-vocabulary": ("data/requirements/AA.yaml", "subjects: [党支部]", "subjects: [机关党委会]",
                          "data/requirements/AA.yaml:14: item AA1-01: subjects: '机关党委会' is not one of 党组（党委）"),
    "id-mismatch": ("data/requirements/AA.yaml", "id: AA1-01", "id: AA0-02",
                    "data/requirements/AA.yaml:10: item AA0-02: id: expected AA1-nn for an item from P06"),
    "text-not-in-source": ("data/requirements/AA.yaml", "text: 要组建学习小组", "text: 要组建学习大组",
                           "data/requirements/AA.yaml:12: item AA1-01: text: not found verbatim in paragraph P06"),
    "uncovered-paragraph": ("data/requirements/AA.yaml", "  - id: AA0-01\n    title: 开展“三学”活动\n    text: 要开展“三学”活动\n"
                            "    source: P05\n    subjects: [机关党委]\n    kind: 学习\n    terms: [三学]\n", "",
                            "data/source/speech.txt:5: paragraph P05 (opening) asks for action but no item"),
    "duplicate-key": ("data/requirements/ZS.yaml", "    kind: 组织\n  - id: ZS0-02", "    kind: 组织\n    kind: 学习\n  - id: ZS0-02",
                      "data/requirements/ZS.yaml:9: key 'kind' already given at line 8"),
    "missing-file": ("data/vocabulary.yaml", None, None, "data/vocabulary.yaml: file not found"),
    "page-missing": ("docs/checklists/all.md", None, None,
                     "data/checklists/all.yaml: checklist all: no page docs/checklists/all.md renders this checklist"),
    "page-stale": ("docs/zs-2.md", None,
                   "---\nrender_macros: true\n---\n\n{# 续页：由 `python -m handbook pages` 生成；数据变化后再运行一次 #}\n"
                   '{{ part_page("ZS", page=2) }}\n',
                   "docs/zs-2.md: zs.md now has 1 page(s); this continuation stub is left over"),
    "empty-selection": ("data/checklists/branch.yaml", "  - subjects: [党支部]\n  - ids: [ZS0-02]",
                        "  - {subjects: [党员], kinds: [组织]}",
                        "data/checklists/branch.yaml:2: checklist branch: select: these selectors match no item"),
    "bad-duplicate": ("data/requirements/AA.yaml", "    kind: 学习\n    types: [政治型]",
                      "    kind: 学习\n    types: [政治型]\n    same_as: AA1-01",
                      "data/requirements/AA.yaml:10: item AA1-01: same_as: 'AA1-01' is not another active"),
    "bad-level": ("data/requirements/AA.yaml", "    subjects: [党支部, 党员]", "    subjects: [党支部, 党员]\n    levels: {机关党委: 组织}",
                  "item AA1-02: levels: '机关党委' is not one of this item's subjects"),
    "bad-components": ("data/requirements/AA.yaml", "    kind: 学习\n    terms: [三学]", "    kind: 学习\n    terms: [三学]\n    implements: 三学",
                       "item AA0-01: implements: '三学' is not a term with an expansion in data/glossary.yaml"),
    "bad-edition": ("data/editions/2026.1.json", None, '{"format": 1, "version": "2026.2", "date": "2026-12-01"}\n',
                    "data/editions/2026.1.json: version '2026.2' must equal the file name '2026.1'"),
    "not-placeholder": ("data/cases/demo.yaml", "支部准备组建学习小组。", "支部于2023年5月组建学习小组。",
                        "data/cases/demo.yaml:4: case demo: situation: '2023年5月' is a real-looking date"),
    "id-removed": ("data/published-ids.txt", None, "AA1-01\nAA1-03\n",
                   "data/published-ids.txt:2: item AA1-03 was published but no longer exists"),
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
     "data/checklists/branch.yaml:4: checklist branch: select[2].ids: 'ZS0-09' does not exist"),
    (("data/checklists/branch.yaml", "subjects: [党支部]", "subjects: [支部]"),
     "data/checklists/branch.yaml:3: checklist branch: select[1].subjects: '支部' does not exist"),
    (("data/checklists/branch.yaml", "points: {AA1-02: 5}", "points: {ZS0-01: 5}"),
     "data/checklists/branch.yaml:7: checklist branch: scoring.points: 'ZS0-01' is not in this checklist"),
    (("data/cases/demo.yaml", "title: 组建学习小组（示例）", "title: 组建学习小组"),
     "data/cases/demo.yaml:1: case demo: title: '组建学习小组' must end in （示例）"),
    (("data/cases/demo.yaml", "unit: 某机关党支部", "unit: 第一党支部"),
     "data/cases/demo.yaml:2: case demo: unit: '第一党支部' must start with 某"),
    (("data/cases/demo.yaml", "items: [AA1-01]", "items: [AA1-07]"),
     "data/cases/demo.yaml:3: case demo: items: 'AA1-07' does not exist"),
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
    assert result.stderr.startswith("2 data errors:")
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
    assert err.startswith("1 data error:") and "[not-in-vocabulary]" in err and "Traceback" not in err
    assert not (fixture_project / "data/cases/laigao-ceshi.yaml").exists()
