"""Issue 9: every checklist row is a requirement the unit can do and tick, shown without tooltips.

The heuristics are deliberately simple and written down in data/README.md (检查项与背景项):
a row must name a programme/system/formula of the glossary, or have one of the action verbs
below followed by an object. Counts are computed from the catalogue, never hard-coded.
"""

from __future__ import annotations

import re

from handbook import levels
from handbook.text import display, normalize

# Verbs with which the speech asks for something a unit does and can show evidence of.
ACTION_VERBS = ("开展", "举办", "组建", "组织", "实施", "推行", "建立", "健全", "落实", "抓实", "抓好", "做实",
                "推进", "制定", "提出", "拿出", "保障", "打造", "建设", "加强", "创新", "纠治", "深化", "引导",
                "教育", "改进", "把牢", "加固", "强化", "创建", "学习", "整治", "减负", "加", "装", "统一", "管好",
                "做到", "建好")
# Shortest row a unit can tick: a two-character verb and a three-character object (加强政治监督 = 6,
# 举办研讨班 = 5); anything shorter is a bare slogan such as 继续探索创新's siblings 搭建载体.
MIN_ROW_CHARS = 5
MAX_TITLE_CHARS = 16


def _plain(text: str) -> str:
    return re.sub(r"\*\*\*|……|[“”、,，]", "", display(text))


def _rows(catalogue):
    return [(checklist, item) for checklist in catalogue.checklists for item in checklist.items]


def test_checklists_hold_each_checkable_requirement_once(catalogue):
    for checklist in catalogue.checklists:
        ids = [item.id for item in checklist.items]
        assert len(ids) == len(set(ids)), checklist.id
        for item in checklist.items:
            assert item.checkable and item.same_as is None and not item.withdrawn, (checklist.id, item.id)


def test_context_items_are_left_out_but_kept_in_the_catalogue(catalogue):
    context = [item for item in catalogue.active_items if not item.checkable]
    assert context, "the speech has principles and goals: some items must be context"
    listed = {item.id for _checklist, item in _rows(catalogue)}
    assert not listed & {item.id for item in context}
    for item in context:
        assert item.source.items and item in item.section.items      # still on part pages and in 原文


def test_duplicates_point_at_a_listed_original(catalogue):
    listed = {item.id for _checklist, item in _rows(catalogue)}
    duplicates = [item for item in catalogue.active_items if item.same_as]
    assert duplicates
    for item in duplicates:
        assert item.same_as in listed, item.id


def _actionable(item, spellings) -> bool:
    text = _plain(item.text)
    if any(s in text for s in spellings):
        return True
    return any(re.search(verb + r"\S{2,}", text) for verb in ACTION_VERBS)


def test_every_row_has_an_action_with_an_object_or_a_named_programme(catalogue):
    spellings = {_plain(s) for term in catalogue.terms.values() for s in term.spellings if len(_plain(s)) >= 3}
    vacuous = sorted({item.id for _c, item in _rows(catalogue) if not _actionable(item, spellings)})
    assert not vacuous, f"rows that cannot be ticked on their own: {vacuous}"


def test_heuristic_rejects_bare_methods(catalogue):
    class Fake:
        def __init__(self, text):
            self.text = text
    for bare in ("继续探索创新", "搭建有效载体", "找准工作抓手", "分类指导、精准施策、统筹推进"):
        assert not _actionable(Fake(bare), set()), bare


def test_no_row_is_shorter_than_a_verb_and_an_object(catalogue):
    short = [(c.id, i.id) for c, i in _rows(catalogue) if len(_plain(i.text)) < MIN_ROW_CHARS]
    assert not short


def test_titles_are_short_or_the_text_itself(catalogue):
    for item in catalogue.active_items:
        if normalize(item.title) != normalize(item.text):
            assert len(display(item.title)) <= MAX_TITLE_CHARS, (item.id, item.title)


def test_titles_keep_fixed_phrases_whole(catalogue):
    for item in catalogue.active_items:
        for phrase in ("为民务实清廉", "相加、相融、相乘"):
            if phrase in display(item.text):
                title = display(item.title)
                assert phrase in title or not any(part in title for part in phrase.split("、")[:1]), item.id


def test_rows_standing_for_a_list_show_their_components(catalogue):
    """A row naming a formula whose parts its own text leaves out must carry the parts.

    Rows split out of a list (落实好领导干部基层联系点……等制度) name one part, not the formula: not affected."""
    for _c, item in _rows(catalogue):
        text = normalize(item.text)
        for term in item.terms:
            names_formula = any(normalize(s) in text for s in term.spellings)
            if term.expansion and names_formula and not all(normalize(e) in text for e in term.expansion):
                assert item.components, (item.id, term.term)


def test_components_come_from_the_term_the_row_implements(catalogue):
    row = next(item for item in catalogue.active_items if "五学五比" in item.text)
    assert row.components == [display(e) for e in catalogue.terms["五学五比"].expansion]
    assert len(row.components) == len(catalogue.terms["五学五比"].expansion) > 1


def test_levels_say_how_each_level_relates(catalogue):
    organised = [item for item in catalogue.active_items if levels.ABOVE in item.subjects]
    assert organised, "programmes organised above the agency name that level"
    for item in organised:
        assert set(item.levels) == set(item.subjects), item.id       # every level is told what it does
        assert all(verb.strip() for verb in item.levels.values())


def test_party_members_get_no_institutional_tasks(catalogue):
    institutional = ("健全", "建立健全", "制定", "保障", "举办")
    for item in catalogue.active_items:
        if "党员" in item.subjects and item.checkable:
            assert not _plain(item.text).lstrip("要").startswith(institutional), item.id


def test_branch_list_holds_the_integrity_requirements_that_bind_branches(catalogue):
    branch = catalogue.checklist("dangzhibu")
    texts = "".join(item.text for item in branch.items)
    assert "警示教育" in texts and "机关病" in texts


def test_branch_rows_for_programmes_organised_above_say_what_the_branch_does(catalogue):
    branch = catalogue.checklist("dangzhibu")
    for item in branch.items:
        if levels.ABOVE in item.subjects:
            assert item.level_of("党支部"), item.id


def test_score_sheet_weights_by_substance(catalogue):
    sheet = catalogue.checklist("kaohe-pingfen")
    assert sheet.points and len(set(sheet.points.values())) > 1
    assert all(1 <= p <= 5 for p in sheet.points.values())
    assert "示例" in sheet.title and "示例" in sheet.description


def test_party_members_are_told_how_they_take_part_in_organised_work(catalogue):
    """A programme a party organisation runs (组织/引导/实施/开展 …) asks 党员 to take part, not to run it."""
    organising = re.compile(r"^(?:要)?(?:深入|常态化|持续|扎实|推动|大力|全面)?(?:组织|引导|教育引导|实施|开展|推进|推行|通过|以|深化)")
    for item in catalogue.active_items:
        if item.checkable and item.same_as is None and "党员" in item.subjects and organising.match(_plain(item.text)):
            assert item.level_of("党员"), item.id


# Issue 21, point 3: attitudes, aims and exhortations a unit cannot do on its own and show evidence for.
ATTITUDE = re.compile(r"(作表率|劲头|本色|意识|更高标准|更严要求|科学谋划|主动服务|主题突出|形式多样|关键人|关键处)")
MAX_ATTITUDE_SHARE = 0.05


def _programmes(catalogue) -> set[str]:
    return {_plain(s) for term in catalogue.terms.values() if term.group == "programme"
            for s in term.spellings if len(_plain(s)) >= 3}


def _attitude(item, spellings) -> bool:
    """Names no programme (工程与活动) and speaks of a stance rather than a thing done."""
    text = _plain(item.text)
    return not any(s in text for s in spellings) and bool(ATTITUDE.search(text))


def test_at_most_five_percent_of_any_list_are_attitudes(catalogue):
    spellings = _programmes(catalogue)
    for checklist in catalogue.checklists:
        attitudes = [i.id for i in checklist.items if _attitude(i, spellings)]
        assert len(attitudes) <= MAX_ATTITUDE_SHARE * len(checklist.items), (checklist.id, attitudes)


def test_attitude_heuristic_finds_the_speechs_attitudes(catalogue):
    """The eight rows issue 21 named are attitudes by this test's rule, and now context, not rows."""
    named = ["ZX0-03", "ZX1-08", "LL1-07", "LL2-06", "LL3-01", "LL3-11", "WX1-04", "FW1-08"]
    caught = [i for i in named if _attitude(catalogue.items[i], _programmes(catalogue))]
    assert caught == named
    assert all(not catalogue.items[i].checkable for i in named)


def test_region_wide_programmes_name_their_organiser(catalogue):
    """Programmes the speech deploys across the region carry the organiser above, with a recorded decision."""
    for item in catalogue.active_items:
        if levels.ABOVE in item.subjects:
            assert item.levels.get(levels.ABOVE), item.id
            assert item.editor_note.startswith("编者决定"), item.id
    vocabulary = {s.name: s.note for s in catalogue.subjects}
    assert "讲话未点名" in vocabulary[levels.ABOVE] and "机关党委" in vocabulary[levels.ABOVE]


def test_political_work_has_its_own_category(catalogue):
    assert catalogue.items["ZX0-01"].kind == "政治建设"
    assert "机关党委" in catalogue.items["LL2-02"].subjects
    assert catalogue.items["FW2-09"] in catalogue.checklist("dangzu").items
