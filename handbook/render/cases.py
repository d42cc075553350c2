"""示例案例: sample cases showing how items might be carried out, always labelled 示例."""

from __future__ import annotations

from ..text import escape_html
from . import site_map
from .html import Linker
from .pages import heading


def cases_page(catalogue, page: str = site_map.CASES) -> str:
    link = Linker(catalogue, page)
    out = ["# 示例案例", "",
           '<div class="admonition warning"><p class="admonition-title">示例</p>'
           "<p>以下案例是编写组为说明如何落实条目而拟写的示例，不是真实事例；单位均以“某机关”代称，"
           "不含真实名称、人名和数据。各单位可对照自身情况参考。</p></div>", ""]
    for case in catalogue.cases:
        items = "".join(f'<li><a href="{link.item_href(i)}">{i.id}</a> {escape_html(i.title)}</li>' for i in case.items)
        steps = "".join(f"<li>{link.text(step)}</li>" for step in case.steps)
        out += [heading(2, case.title, case.id), "",
                f'<div class="hb-case" data-case="{case.id}">'
                f'<p><span class="hb-badge hb-sample">示例</span> {escape_html(case.unit)}</p>'
                f"<p><strong>情况</strong>　{link.text(case.situation)}</p>"
                f"<p><strong>做法</strong></p><ol>{steps}</ol>"
                f"<p><strong>成效</strong>　{link.text(case.outcome)}</p>"
                f'<p><strong>对应条目</strong></p><ul class="hb-term-items">{items}</ul></div>', ""]
    return "\n".join(out)
