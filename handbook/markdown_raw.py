"""Python-Markdown extension: the handbook's HTML blocks skip Markdown's HTML parsing.

The page renderers emit Markdown headings (for the TOC) between large, already escaped
HTML blocks. Python-Markdown parses every raw HTML block with html.parser only to find
where it ends, and MkDocs parses the page once more to collect anchor ids: at ×10 data
that was over half of the build. A block that starts a paragraph-level chunk with a
block-level tag and ends with a tag is complete by construction (the renderers never
put blank lines inside their blocks), so it goes straight into the HTML stash and comes
out byte for byte.

Listed in mkdocs.yml under markdown_extensions as `handbook.markdown_raw`; plain
Python-Markdown, so any generator that reads markdown_extensions can use it.
"""

from __future__ import annotations

import re

from markdown import Extension
from markdown.preprocessors import Preprocessor

# Tags the renderers open their blocks with (all block-level for Python-Markdown).
BLOCK_START = re.compile(r"<(?:div|table|details|section|nav|dl|ul|ol|form|figure|aside|fieldset|p)[\s>]")


class RawBlockPreprocessor(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        chunk: list[str] = []

        def flush():
            if chunk and BLOCK_START.match(chunk[0]) and chunk[-1].rstrip().endswith(">"):
                out.append(self.md.htmlStash.store("\n".join(chunk)))
            else:
                out.extend(chunk)
            chunk.clear()

        for line in lines:
            if line.strip():
                chunk.append(line)
            else:
                flush()
                out.append(line)
        flush()
        return out


class RawBlockExtension(Extension):
    def extendMarkdown(self, md) -> None:
        # After whitespace normalisation (30), before MkDocs' anchor scan (21) and html_block (20).
        md.preprocessors.register(RawBlockPreprocessor(md), "handbook_raw_blocks", 26)


def makeExtension(**kwargs):  # noqa: N802 — Python-Markdown's entry point name
    return RawBlockExtension(**kwargs)
