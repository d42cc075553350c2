"""The CJK font embedded in checklist PDFs, made small once per character set.

fpdf2 subsets the font it is given for every PDF. Given Noto CJK (a 20 MB collection
of CFF fonts with 65k glyphs each) that took ~1.5 s a PDF, most of it spent decoding
CFF charstrings. Given a TrueType font holding only the characters the checklists
use (~750 glyphs, ~230 KB) it takes ~0.1 s. That font is made once (~1 s) and kept
in the download cache under a key of the source font and the character set.

Outlines are converted from cubic (CFF) to quadratic (TrueType) curves within 1 unit
of a 1000-unit em: invisible at any print size. Hinting is dropped; PDF viewers and
printers render unhinted outlines at their resolution.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

from ..sheet import STATUS_CHOICES, Sheet, status_boxes

# Printed by the PDF writer itself, not part of any sheet's fields: footer, box, counts, and
# the joiners of a row's cells (要求 with 包括：…；… and （背景：…）, 责任主体 joined by 、).
BOX = "□"  # U+25A1 is in every CJK font; Noto CJK lacks the ballot box U+2610
FIXED_TEXT = ("第页共合计未填（项）/包括：；背景、" + "".join(status_boxes(BOX)) + "".join(STATUS_CHOICES))
ASCII = "".join(chr(code) for code in range(0x20, 0x7F))


def characters(sheets: Sequence[Sheet], texts: Sequence[str] | None = None) -> str:
    """Every character the PDF writer may draw for these sheets, sorted. `texts`: the
    sheets' repr(), when the caller has them already (it holds every field of every row)."""
    chars = set(ASCII) | set(FIXED_TEXT)
    for sheet, text in zip(sheets, texts or map(repr, sheets)):
        chars.update(text)
        for line in (sheet.edition, sheet.blanks, sheet.signatures, sheet.id_line, *sheet.columns):
            chars.update(line)
    chars.discard("\n")
    return "".join(sorted(chars))


def font_key(source: Path, chars: str) -> str:
    """Names the small font: same source font file and same characters, same bytes."""
    stat = source.stat()
    identity = f"{source}\n{stat.st_size}\n{int(stat.st_mtime)}\n{chars}"
    return hashlib.sha256(identity.encode()).hexdigest()[:20]


def small_font(source: Path, face: int, chars: str, cache_dir: Path) -> Path:
    """A TrueType font with `chars` from face `face` of `source`, made once and cached."""
    target = cache_dir / f"{font_key(source, chars)}.ttf"
    if target.is_file():
        return target
    cache_dir.mkdir(parents=True, exist_ok=True)
    scratch = target.with_suffix(".partial")
    _build_small_font(source, face, chars).save(str(scratch))
    scratch.replace(target)  # another process may have written the same font: same bytes
    return target


def _build_small_font(source: Path, face: int, chars: str):
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import TTFont

    original = TTFont(str(source), fontNumber=face, lazy=True)
    cmap = original.getBestCmap()
    mapping = {ord(c): cmap[ord(c)] for c in chars if ord(c) in cmap}
    names = [".notdef", *sorted(set(mapping.values()) - {".notdef"})]
    glyph_set, advance = original.getGlyphSet(), original["hmtx"]
    glyphs, metrics = {}, {}
    for name in names:
        pen = TTGlyphPen(None)
        glyph_set[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyphs[name], metrics[name] = pen.glyph(), advance[name]

    head, hhea, os2 = original["head"], original["hhea"], original["OS/2"]
    builder = FontBuilder(head.unitsPerEm, isTTF=True)
    builder.setupGlyphOrder(names)
    builder.setupCharacterMap(mapping)
    builder.setupGlyf(glyphs)
    builder.setupHorizontalMetrics(metrics)
    builder.setupHorizontalHeader(ascent=hhea.ascent, descent=hhea.descent)
    builder.setupNameTable({"familyName": original["name"].getDebugName(1) or "CJK", "styleName": "Regular"})
    builder.setupOS2(sTypoAscender=os2.sTypoAscender, sTypoDescender=os2.sTypoDescender,
                     usWinAscent=os2.usWinAscent, usWinDescent=os2.usWinDescent, fsType=os2.fsType)
    builder.setupPost()
    # Reproducible bytes: the source font's dates, not the clock.
    builder.font["head"].created = builder.font["head"].modified = head.created
    builder.font.recalcTimestamp = False
    return builder.font
