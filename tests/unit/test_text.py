import markdown
import pytest

from handbook.text import display, escape_html, escape_markdown, find_in_order, normalize


def test_normalize_folds_width_and_whitespace():
    assert normalize("党组(党委), 机关党委") == normalize("党组（党委），机关党委")


def test_display_uses_chinese_punctuation_and_keeps_redaction():
    assert display("要以***总书记,党组(党委):") == "要以***总书记，党组（党委）："


@pytest.mark.parametrize("excerpt, expected", [
    ("开展组织生活大排查", 6),
    ("开展……书记轮训", 6),
    ("书记轮训……开展组织", None),   # fragments out of order
    ("开展组织生活大检查", None),
])
def test_find_in_order(excerpt, expected):
    paragraph = "要深入推进,开展组织生活大排查,抓实千名党支部书记轮训"
    assert find_in_order(excerpt, paragraph) == expected


@pytest.mark.parametrize("text", ["要以***总书记", "a *b* _c_ `d` [e](f) {#g} <h> & | #i", "{{ x }} {% y %} {# z #}"])
def test_escaped_markdown_renders_literally(text):
    html = markdown.markdown(escape_markdown(text), extensions=["attr_list"])
    assert "<strong>" not in html and "<em>" not in html and "<code>" not in html and "<a " not in html
    expected = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "&#124;")
    assert html == f"<p>{expected}</p>"


def test_escape_html_hides_template_braces():
    assert escape_html('{{ x }} <b> "q"') == "&#123;&#123; x &#125;&#125; &lt;b&gt; &quot;q&quot;"


def test_term_matcher_takes_the_longest_spelling_at_each_position():
    from types import SimpleNamespace

    from handbook.terms import TermMatcher, trie_pattern
    terms = [SimpleNamespace(id=i, spellings=[s]) for i, s in
             enumerate(["双报到", "双报到双报告", "五型", "五型机关", "机关", "三下三帮"])]
    found = [(start, end, t.spellings[0]) for start, end, t in
             TermMatcher(terms).finditer("落实双报到双报告，创建五型机关，机关党员三下三帮，五型")]
    assert found == [(2, 8, "双报到双报告"), (11, 15, "五型机关"), (16, 18, "机关"), (20, 24, "三下三帮"), (25, 27, "五型")]
    assert trie_pattern(["ab", "a"]) == "a(?:b)?"
