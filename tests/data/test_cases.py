"""Cases: kind rules (示例 placeholders only, 来稿 with source, 警示 with problem and correction),
coverage of every section, the blank 案例报送表, the cases page and cases.json."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from docx import Document

from conftest import ROOT
from handbook.cases import FORM_FIELDS, TEMPLATE, placeholder_problem
from handbook.catalogue import load_catalogue
from handbook.errors import HandbookDataError
from handbook.export.case_form import write_blank_form

DEMO = "data/cases/demo.yaml"

CONTRIBUTED = """\
kind: 来稿
title: 组建学习小组
unit: 某某单位机关党委
date: "2026-03-02"
source:
  报送单位: 某某单位机关党委
  联系人: 张三
items: [AA1-01]
situation: 支部于2026年3月组建学习小组，共35人。
steps: [确定成员, 制定计划]
outcome: 学习小组按计划开展学习。
lessons: 小组规模要适中。
"""


def _errors(project) -> list[str]:
    with pytest.raises(HandbookDataError) as caught:
        load_catalogue(project)
    return [str(e) for e in caught.value.errors]


def _replace(project, old: str, new: str, file: str = DEMO) -> None:
    path = project / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture changed: {old!r} not in {file}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("old, new, expected", [
    ("支部准备组建学习小组。", "支部于2023年5月组建学习小组。", ":4: 案例 demo: situation：'2023年5月' 像真实日期"),
    ("支部准备组建学习小组。", "支部于2023-05-01组建学习小组。", ":4: 案例 demo: situation：'2023-05-01' 像真实日期"),
    ("支部准备组建学习小组。", "支部第一季度组建学习小组。", ":4: 案例 demo: situation：'第一季度' 像真实日期"),
    ("支部准备组建学习小组。", "支部于三月份组建学习小组。", ":4: 案例 demo: situation：'三月份' 像真实日期"),
    ("支部准备组建学习小组。", "支部组建学习小组，吸收３５人。", ":4: 案例 demo: situation：'35人' 像真实数字"),
    ("支部准备组建学习小组。", "支部组建学习小组，出勤率85%。", ":4: 案例 demo: situation：'85%' 像真实数字"),
    ("支部准备组建学习小组。", "支部投入120万元组建学习小组。", ":4: 案例 demo: situation：'120万' 像真实数字"),
    ("[确定成员, 制定计划]", "[确定成员, 赴银川学习]", ":5: 案例 demo: steps[2]：'银川' 是具体地名"),
    ("[确定成员, 制定计划]", "[确定成员, 邀请兴庆区委讲课]", ":5: 案例 demo: steps[2]：'兴庆区委' 是具体单位名称"),
    ("unit: 某机关党支部", "unit: 第一党支部", ":2: 案例 demo: unit：'第一党支部' 应以“某”开头"),
    ("kind: 示例", 'kind: 示例\ndate: "2026-01-01"', ":8: 案例 demo: date：示例不写日期"),
])
def test_sample_case_with_real_looking_detail_is_refused(fixture_project, old, new, expected):
    _replace(fixture_project, old, new)
    errors = _errors(fixture_project)
    assert any(f"{DEMO}{expected}" in e and "[not-placeholder]" in e for e in errors), errors


@pytest.mark.parametrize("text", ["某机关党委组建学习小组", "对照 GC2-03 开展组织生活大排查", "某年某月召开若干次会议",
                                  "开展“三下三帮”活动", "组织集中学习", "一次性告知", "推进乡村振兴和社区服务",
                                  "每月由一名组员领学", "某月下旬集中交流"])
def test_placeholder_wording_is_accepted(text):
    assert placeholder_problem(text) is None


def test_contributed_case_is_accepted_with_its_real_details(fixture_project):
    (fixture_project / "data/cases/laigao.yaml").write_text(CONTRIBUTED, encoding="utf-8")
    case = next(c for c in load_catalogue(fixture_project).cases if c.id == "laigao")
    assert (case.label, case.date, case.source["联系人"]) == ("来稿", "2026-03-02", "张三")


@pytest.mark.parametrize("key", ["source", "date", "lessons"])
def test_contributed_case_without_source_date_or_lessons_is_refused(fixture_project, key):
    text = CONTRIBUTED
    text = re.sub(rf"^{key}:.*\n(  .*\n)*", "", text, flags=re.M)
    assert f"{key}:" not in text
    (fixture_project / "data/cases/laigao.yaml").write_text(text, encoding="utf-8")
    errors = _errors(fixture_project)
    assert any(e.startswith("data/cases/laigao.yaml:1: 案例 laigao: " + key) and "来稿案例必须填写" in e
               for e in errors), errors


def test_contributed_case_with_a_bad_date_names_the_line(fixture_project):
    (fixture_project / "data/cases/laigao.yaml").write_text(CONTRIBUTED.replace("2026-03-02", "2026年3月2日"),
                                                            encoding="utf-8")
    assert any(e.startswith("data/cases/laigao.yaml:4:") and "date" in e and "[bad-format]" in e
               for e in _errors(fixture_project))


def test_warning_case_needs_problem_and_correction(fixture_project):
    _replace(fixture_project, "kind: 示例", "kind: 警示示例")
    errors = _errors(fixture_project)
    for key in ("problem", "correction"):
        assert any(f"{DEMO}:1: 案例 demo: {key}" in e and "警示示例案例必须填写" in e for e in errors), errors


def test_unknown_kind_is_refused(fixture_project):
    _replace(fixture_project, "kind: 示例", "kind: 范例")
    assert any(e.startswith(f"{DEMO}:7: kind：'范例' 不符合格式") for e in _errors(fixture_project))


def test_new_case_template_passes_check_once_filled(fixture_project):
    """`python -m handbook new-case` writes TEMPLATE; with real item IDs it validates."""
    result = subprocess.run([sys.executable, "-m", "handbook", "--root", str(fixture_project), "new-case", "laigao-x"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    path = fixture_project / "data/cases/laigao-x.yaml"
    assert path.read_text(encoding="utf-8").startswith(TEMPLATE.splitlines()[0])
    again = subprocess.run([sys.executable, "-m", "handbook", "--root", str(fixture_project), "new-case", "laigao-x"],
                           cwd=ROOT, capture_output=True, text=True)
    assert again.returncode != 0                      # never overwrites a case being written
    check = subprocess.run([sys.executable, "-m", "handbook", "--root", str(fixture_project), "check"],
                           cwd=ROOT, capture_output=True, text=True)
    assert check.returncode == 0, check.stderr


# ---- the real data --------------------------------------------------------------------------

def test_every_section_of_parts_one_to_five_has_a_sample(catalogue):
    sections = [s for part in catalogue.parts if part.number >= 1 for s in part.sections]
    assert sections
    covered = {s.key for c in catalogue.cases if c.label == "示例" for s in c.sections}
    assert [s.key for s in sections if s.key not in covered] == []


def test_three_warning_samples_on_clean_government_and_office_ailments(catalogue):
    ll = next(p for p in catalogue.parts if p.code == "LL")
    ailments = {i.id for i in catalogue.active_items if "机关病" in i.text}
    assert ailments
    warnings = [c for c in catalogue.cases if c.label == "警示示例"]
    assert len(warnings) >= 3
    assert all(any(i.part is ll for i in c.items) for c in warnings)
    assert any(i.id in ailments for c in warnings for i in c.items)
    for case in warnings:
        assert case.problem and case.correction


def test_sample_cases_use_placeholders_only(catalogue):
    for case in catalogue.cases:
        if case.kind == "示例":
            assert case.unit.startswith("某") and case.title.endswith("（示例）")
            for text in [case.situation, case.outcome, case.problem, case.lessons, *case.steps, *case.correction]:
                assert placeholder_problem(text) is None, (case.id, text)


def test_blank_case_form_docx_opens_and_lists_every_field(catalogue, tmp_path):
    path = tmp_path / "case-form.docx"
    write_blank_form(catalogue.edition, path)
    document = Document(str(path))
    labels = [row.cells[0].text for row in document.tables[0].rows]
    assert labels == [label for _key, label, _kind, _hint in FORM_FIELDS]
    assert catalogue.edition.line in document.sections[0].footer.paragraphs[0].text
    first = path.read_bytes()
    write_blank_form(catalogue.edition, path)
    assert path.read_bytes() == first                 # reproducible: no wall clock inside


def test_cases_page_and_json_show_each_kind(built_site, catalogue):
    site, _log = built_site
    html = (site / "cases.html").read_text(encoding="utf-8")
    ids = set(re.findall(r'id="([^"]+)"', html))
    for anchor in re.findall(r'href="#([^"]+)"', html):
        assert anchor in ids, f"filter link #{anchor} has no target"   # browsing works without JS
    for case in catalogue.cases:
        block = html[html.index(f'data-case="{case.id}"'):]
        block = block[:block.index("</div>")]
        assert f'data-kind="{case.label}"' in block and case.unit in block
    cases = json.loads((site / "api" / "cases.json").read_text(encoding="utf-8"))
    assert {c["id"]: c["kind"] for c in cases} == {c.id: c.label for c in catalogue.cases}
    assert all(c["sections"] for c in cases)
    script = (site / "api" / "case-items.js").read_text(encoding="utf-8")
    items = json.loads(script[script.index("["):script.rindex("]") + 1])
    assert [i["id"] for i in items] == [i.id for i in catalogue.active_items]
    assert (site / "downloads" / "case-form.docx").is_file()


def test_cases_keep_each_body_within_its_remit(catalogue):
    """Issue 21 point 5: the 机关党委 neither 约谈s a 处室 on business nor decides where money goes (the 党组's);
    a case does not tie a formula to a programme the speech keeps apart; 双报告 is not redefined."""
    cases = {case.id: case for case in catalogue.cases}
    text = {cid: case.text for cid, case in cases.items()}
    assert "机关党委约谈" not in text["jingshi-jiguanbing"] and "党组（党委）责成" in text["jingshi-jiguanbing"]
    assert "党组（党委）结合本机关职能研究确定可以下乡的资金" in text["sanxia-sanbang"]
    assert "党员先锋引领工程" not in text["dangyuan-fengcai"]
    assert [i.id for i in cases["dangyuan-fengcai"].items] == ["GC3-07"]
    assert "讲话未写明报到地点" in text["shuangbaodao"] and "向所在党支部报告" not in text["shuangbaodao"]
