"""Issue 3: glossary complete, terms linked wherever they occur, no broken link anywhere."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from crawler import broken_links
from handbook.text import display, normalize

# Numbered and named 提法 of the speech, written down by hand from the text.
SLOGANS = [
    "三个表率、一个模范", "一条主线", "两大工程", "三项服务", "五型", "六廉", "第一方阵", "第一任务",
    "第一职责", "第一梯队", "第一形象", "五学五比", "大学习、大讨论、大宣传、大实践", "微宣讲、微党课、微故事",
    "路线图", "任务书", "施工图", "实景画", "奋进新征程、建功新时代", "五争当", "三强化四过硬五带头",
    "清单制+责任制", "最美党务工作者", "四强", "一支部一品牌", "千名党支部书记轮训", "两大提升工程", "三个务必",
    "一展二评三选树", "三下三帮", "节约粮食·光盘行动", "双强双带", "机关+基层", "送政策、送技术、送服务",
    "双报到、双报告", "说走就走", "机关干部基层工作周", "亮党员徽章、亮党员身份", "菜单式、点单式",
    "送上门、沉下去", "讲政治、守纪律、负责任、有效率", "四警", "风向标", "庸懒散浮拖", "机关病",
    "跳起来摘桃子", "安全锁", "摄像头", "大数据", "流程图", "工作圈", "社交圈", "监督网", "中央八项规定",
]


def test_every_slogan_is_in_the_glossary(catalogue):
    spellings = {normalize(s) for t in catalogue.terms.values() for s in t.spellings}
    missing = [s for s in SLOGANS if normalize(s) not in spellings and normalize(s.replace("、", "")) not in spellings]
    assert not missing


def test_glossary_expansions_are_verbatim(catalogue):
    speech = normalize("".join(p.text for p in catalogue.paragraphs.values()))
    for term in catalogue.terms.values():
        for component in term.expansion:
            assert normalize(component) in speech, (term.term, component)
    expected = {"四警": 4, "六廉": 6, "五型": 5, "三下三帮": 6, "五学五比": 10, "四强": 4}
    for name, count in expected.items():
        assert len(catalogue.terms[name].expansion) == count, name


def test_no_broken_internal_links_or_anchors(built_site):
    site, _log = built_site
    assert broken_links(site) == []


class _RunningText(HTMLParser):
    """Text of the article outside links, headings and badges: where a term would be unlinked."""
    SKIP = {"a", "h1", "h2", "h3", "h4", "h5", "h6", "script", "style"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth_article = 0
        self.skip = []
        self.chunks = []

    def handle_starttag(self, tag, attrs):
        classes = dict(attrs).get("class") or ""
        if tag == "article":
            self.depth_article += 1
        if tag in self.SKIP or "hb-badge" in classes:
            self.skip.append(tag)

    def handle_endtag(self, tag):
        if self.skip and self.skip[-1] == tag:
            self.skip.pop()
        if tag == "article":
            self.depth_article -= 1

    def handle_data(self, data):
        if self.depth_article and not self.skip:
            self.chunks.append(data)


@pytest.mark.parametrize("page", ["zs.html", "zx.html", "gc.html", "fw.html", "wx.html", "ll.html", "source.html"])
def test_every_term_occurrence_is_linked(built_site, catalogue, page):
    site, _log = built_site
    html = (site / page).read_text(encoding="utf-8")
    parser = _RunningText()
    parser.feed(html)
    text = "\n".join(parser.chunks)
    assert len(text) > 500
    for term in catalogue.terms.values():
        for spelling in term.spellings:
            assert display(spelling) not in text, f"{term.term} unlinked on {page}"
    linked = re.findall(r'<a class="hb-term" href="glossary\.html#([a-z0-9-]+)" title="([^"]+)">', html)
    assert linked and all(title for _, title in linked)


def test_term_links_carry_the_expansion_as_tooltip(built_site, catalogue):
    site, _log = built_site
    html = (site / "fw.html").read_text(encoding="utf-8")
    term = catalogue.terms["三下三帮"]
    assert f'href="glossary.html#{term.id}" title="三下三帮：资金下乡、资源下乡' in html


def test_glossary_json_matches_the_catalogue(built_site, catalogue):
    site, _log = built_site
    exported = json.loads((site / "api/glossary.json").read_text(encoding="utf-8"))
    assert [e["term"] for e in exported] == list(catalogue.terms)
    for entry in exported:
        term = catalogue.terms[entry["term"]]
        assert entry["items"] == [i.id for i in term.items]
        assert entry["url"] == f"glossary.html#{term.id}"


def test_requirements_json_related_is_consistent(built_site, catalogue):
    site, _log = built_site
    exported = {e["id"]: e for e in json.loads((site / "api/requirements.json").read_text(encoding="utf-8"))}
    for item_id, entry in exported.items():
        item = catalogue.items[item_id]
        sharing = {o.id for t in item.terms for o in t.items} | {o.id for o in item.section.items}
        assert set(entry["related"]) == sharing - {item_id}
        for other in entry["related"]:      # relatedness is symmetric
            assert item_id in exported[other]["related"]


def test_facet_pages_count_every_item(built_site, catalogue):
    site, _log = built_site
    for page, facet in (("browse/subjects.html", "subjects"), ("browse/kinds.html", "kind"),
                        ("browse/types.html", "types")):
        html = (site / page).read_text(encoding="utf-8")
        for name, items in catalogue.items_by(facet).items():
            assert f"{name}（{len(items)}）" in html
            for item in items:
                assert f'href="../{item.part.code.lower()}.html#{item.id}"' in html


def test_checklist_and_case_backlinks_are_symmetric_and_shown(built_site, catalogue):
    site, _log = built_site
    for checklist in catalogue.checklists:
        for item in checklist.items:
            assert checklist in item.checklists
    for case in catalogue.cases:
        for item in case.items:
            assert case in item.cases
            html = (site / f"{item.part.code.lower()}.html").read_text(encoding="utf-8")
            block = html.split(f'data-item="{item.id}"', 1)[1].split('class="hb-item"', 1)[0]
            assert f'href="cases.html#{case.id}"' in block
            if item.checklists:   # context items (issue 9) are in no checklist
                assert f'href="checklists/{item.checklists[0].id}.html#cl-{item.id}"' in block


def test_sample_cases_are_labelled_and_use_placeholders(built_site, catalogue):
    site, _log = built_site
    assert catalogue.cases
    html = (site / "cases.html").read_text(encoding="utf-8")
    for case in catalogue.cases:
        if case.kind == "示例":   # 示例 and 警示示例; a 来稿 names its real unit
            assert case.title.endswith("（示例）") and case.unit.startswith("某")
        block = html.split(f'data-case="{case.id}"', 1)[1]
        assert block.startswith(f' data-kind="{case.label}"><p class="hb-case-meta"><span class="hb-badge')
