"""handbook.markdown_raw: the renderers' HTML blocks skip Markdown's HTML parsing, and
every page comes out the same as through plain Python-Markdown (whitespace aside)."""

from __future__ import annotations

import re

import markdown
import pytest

from handbook.render import cases, checklists, facets, glossary, pages
from handbook.render import plan as plan_render

EXTENSIONS = ["attr_list", "admonition", "tables", "toc"]


def convert(text: str, raw: bool) -> str:
    return markdown.markdown(text, extensions=(["handbook.markdown_raw"] if raw else []) + EXTENSIONS)


def squeeze(html: str) -> str:
    return re.sub(r"\s+", "", html)


def test_blocks_pass_byte_for_byte_and_markdown_stays_markdown():
    block = '<div class="hb-item" data-item="GC1-01">\n<p>以***为遵循 *不是强调*</p>\n</div>'
    text = f"## 标题 {{ #GC1 }}\n\n{block}\n\n一段 **Markdown** 文字\n\n<div>未闭合的块\n\n文字</div>"
    html = convert(text, raw=True)
    assert block in html                                  # untouched: *…* is not turned into <em>
    assert '<h2 id="GC1">标题</h2>' in html
    assert "<strong>Markdown</strong>" in html
    assert "<em>" not in html


def _pages(catalogue):
    yield "index.md", pages.home_page(catalogue)
    for part in catalogue.parts:
        yield part.code, pages.part_page(catalogue, part.code)
    yield "source.md", pages.source_page(catalogue)
    yield "glossary.md", glossary.glossary_page(catalogue)
    for checklist in catalogue.checklists:
        yield checklist.id, checklists.checklist_page(catalogue, checklist.id)
    yield "checklists/index.md", checklists.checklist_index(catalogue)
    yield "summary", checklists.summary_page(catalogue)
    yield "cases.md", cases.cases_page(catalogue)
    yield "cases/submit.md", cases.case_form_page(catalogue)
    yield "plan.md", plan_render.plan_page(catalogue)
    for facet in facets.FACETS:
        yield facet, facets.facet_page(catalogue, facet)


def test_every_page_renders_as_plain_markdown_would(catalogue):
    compared = 0
    for name, text in _pages(catalogue):
        assert squeeze(convert(text, raw=True)) == squeeze(convert(text, raw=False)), name
        compared += 1
    assert compared > len(catalogue.checklists)


@pytest.mark.parametrize("chunk", ["<div>开</div>", "<table><tr><td>1</td></tr></table>", "<details><summary>相关</summary></details>"])
def test_stashed_chunks_are_block_level(chunk):
    assert convert(chunk, raw=True) == chunk
