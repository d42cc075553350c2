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
