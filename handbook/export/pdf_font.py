"""The CJK font embedded in checklist PDFs, made small once per character set.

fpdf2 subsets the font it is given for every PDF. Given Noto CJK (a 20 MB collection
of CFF fonts with 65k glyphs each) that took ~1.5 s a PDF, most of it spent decoding
CFF charstrings. Given a TrueType font holding only the characters the checklists
use (~630 glyphs, ~180 KB) it takes ~15 ms. That font is made once (~0.3 s) and kept
in the download cache under a key of the source font, the character set and this code.

Outlines are converted from cubic (CFF) to quadratic (TrueType) curves within 1 unit
of a 1000-unit em: invisible at any print size. Hinting is dropped; PDF viewers and
printers render unhinted outlines at their resolution.

Speed: the source font is read only where needed (the cmap and hmtx entries of these
characters, their charstrings) and each glyph is encoded straight to TrueType bytes.
fontTools' general path (decoding every cmap entry, hmtx and vmtx of 65k glyphs; the
Cu2QuPen → ReverseContourPen → TTGlyphPen chain; glyf compile and bounding box
recalculation) took ~0.55 s of CPU; this one ~0.3 s, for the same glyph bytes.
"""

from __future__ import annotations

import bisect
import hashlib
import struct
from collections.abc import Sequence
from itertools import accumulate
from math import floor
from pathlib import Path

from fontTools.cu2qu import curve_to_quadratic
from fontTools.pens.basePen import BasePen

from ..sheet import STATUS_CHOICES, Sheet, status_boxes

# Printed by the PDF writer itself, not part of any sheet's fields: footer, box, counts, and
# the joiners of a row's cells (要求 with 包括：…；… and （背景：…）, 责任主体 joined by 、).
BOX = "□"  # U+25A1 is in every CJK font; Noto CJK lacks the ballot box U+2610
FIXED_TEXT = ("第页共合计未填（项）/包括：；背景、" + "".join(status_boxes(BOX)) + "".join(STATUS_CHOICES))
ASCII = "".join(chr(code) for code in range(0x20, 0x7F))
MAX_ERR = 1.0  # font units: how far a quadratic curve may stray from the cubic one
# Point flags of a TrueType glyph (OpenType spec, glyf table)
ON_CURVE, X_SHORT, Y_SHORT, REPEAT, X_SAME_OR_POSITIVE, Y_SAME_OR_POSITIVE = 0x01, 0x02, 0x04, 0x08, 0x10, 0x20


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
    """Names the small font: same source font file, same characters and same code, same bytes."""
    stat = source.stat()
    identity = f"{source}\n{stat.st_size}\n{int(stat.st_mtime)}\n{chars}\n".encode()
    return hashlib.sha256(identity + Path(__file__).read_bytes()).hexdigest()[:20]


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
    from fontTools.ttLib import TTFont, newTable
    from fontTools.ttLib.tables._g_l_y_f import Glyph

    original = TTFont(str(source), fontNumber=face, lazy=True)
    order = original.getGlyphOrder()
    gids = _glyph_ids(original, [ord(c) for c in chars])
    mapping = {code: order[gid] for code, gid in gids.items()}
    gid_of = {".notdef": 0} | {order[gid]: gid for gid in gids.values()}
    names = [".notdef", *sorted(set(gid_of) - {".notdef"})]
    advance = _advance_widths(original)
    glyph_set, draw = _outlines(original)
    reverse = "glyf" not in original  # cubic outlines run anticlockwise, TrueType's clockwise

    glyphs, metrics, boxes, maxp = {}, {}, {}, {"maxPoints": 0, "maxContours": 0}
    for name in names:
        pen = _TrueTypeGlyph(glyph_set, reverse)
        draw(name, pen)
        data, box = pen.encode()
        glyphs[name] = Glyph(data)
        metrics[name] = (advance(gid_of[name]), box[0] if box else 0)  # TrueType: lsb = xMin
        if box:
            boxes[name] = box
            maxp["maxPoints"] = max(maxp["maxPoints"], sum(map(len, pen.contours)))
            maxp["maxContours"] = max(maxp["maxContours"], len(pen.contours))

    head, hhea, os2 = original["head"], original["hhea"], original["OS/2"]
    builder = FontBuilder(head.unitsPerEm, isTTF=True)
    builder.setupGlyphOrder(names)
    builder.setupCharacterMap(mapping)
    # The glyphs are bytes already: FontBuilder.setupGlyf would check their (absent) outlines.
    builder.font["loca"], builder.font["glyf"] = newTable("loca"), newTable("glyf")
    builder.font["glyf"].glyphs, builder.font["glyf"].glyphOrder = glyphs, names
    builder.setupHorizontalMetrics(metrics)
    builder.setupHorizontalHeader(ascent=hhea.ascent, descent=hhea.descent, **_extents(metrics, boxes))
    builder.setupNameTable({"familyName": original["name"].getDebugName(1) or "CJK", "styleName": "Regular"})
    builder.setupOS2(sTypoAscender=os2.sTypoAscender, sTypoDescender=os2.sTypoDescender,
                     usWinAscent=os2.usWinAscent, usWinDescent=os2.usWinDescent, fsType=os2.fsType)
    builder.setupPost()
    # Bounding boxes and maxp counts from the encoder: fontTools would decode every glyph again.
    builder.font.recalcBBoxes = False
    builder.updateHead(xMin=min(b[0] for b in boxes.values()), yMin=min(b[1] for b in boxes.values()),
                       xMax=max(b[2] for b in boxes.values()), yMax=max(b[3] for b in boxes.values()))
    for field, value in maxp.items():
        setattr(builder.font["maxp"], field, value)
    # Reproducible bytes: the source font's dates, not the clock.
    builder.font["head"].created = builder.font["head"].modified = head.created
    builder.font.recalcTimestamp = False
    return builder.font


def _glyph_ids(font, codes: list[int]) -> dict[int, int]:
    """Glyph ID of each of `codes` the font maps. Read from the cmap's format 12 subtable
    (all of Unicode) for these code points only: fontTools decodes every entry (~44k in
    Noto CJK) and names each glyph. Fonts without one: fontTools' whole best cmap."""
    data = font.getTableData("cmap")
    for n in range(struct.unpack_from(">H", data, 2)[0]):
        platform, encoding, offset = struct.unpack_from(">HHL", data, 4 + 8 * n)
        if (platform, encoding) in ((3, 10), (0, 4), (0, 6)) and struct.unpack_from(">H", data, offset)[0] == 12:
            count = struct.unpack_from(">L", data, offset + 12)[0]
            groups = list(struct.iter_unpack(">3L", data[offset + 16:offset + 16 + 12 * count]))
            starts = [first for first, _, _ in groups]
            gids = {}
            for code in codes:
                i = bisect.bisect_right(starts, code) - 1
                if i >= 0 and code <= groups[i][1]:
                    gids[code] = groups[i][2] + code - groups[i][0]
            return gids
    best = font.getBestCmap()
    return {code: font.getGlyphID(best[code]) for code in codes if code in best}


def _advance_widths(font):
    """gid → advance width, read from hmtx only for the glyphs asked (fontTools decodes all)."""
    data, count = font.getTableData("hmtx"), font["hhea"].numberOfHMetrics
    return lambda gid: struct.unpack_from(">H", data, 4 * min(gid, count - 1))[0]


def _outlines(font):
    """(glyph set to decompose components with, or None; draw(name, pen)). CFF charstrings
    are drawn directly: a glyph set would decode hmtx and vmtx of every glyph (~60 ms)."""
    if "CFF " in font:
        charstrings = font["CFF "].cff.topDictIndex[0].CharStrings
        return None, lambda name, pen: charstrings[name].draw(pen)
    glyph_set = font.getGlyphSet()
    return glyph_set, lambda name, pen: glyph_set[name].draw(pen)


class _TrueTypeGlyph(BasePen):
    """Draws an outline as a simple TrueType glyph: cubic curves become quadratic within
    MAX_ERR (cu2qu, as Cu2QuPen), contours optionally reversed keeping their first point
    (as ReverseContourPen), coordinates rounded and a contour's closing point that repeats
    its first dropped (as TTGlyphPen), packed as fontTools' glyf compiler packs them."""

    def __init__(self, glyph_set, reverse: bool):
        super().__init__(glyph_set)
        self.reverse = reverse
        self.contours: list[list[tuple[float, float, int]]] = []
        self.contour: list[tuple[float, float, int]] = []

    def _moveTo(self, pt):
        self.contour = [(*pt, ON_CURVE)]

    def _lineTo(self, pt):
        self.contour.append((*pt, ON_CURVE))

    def _curveToOne(self, pt1, pt2, pt3):
        quadratic = curve_to_quadratic((self._getCurrentPoint(), pt1, pt2, pt3), MAX_ERR, True)
        self.contour += [(*pt, 0) for pt in quadratic[1:-1]]
        self.contour.append((*pt3, ON_CURVE))

    def _qCurveToOne(self, pt1, pt2):
        self.contour += [(*pt1, 0), (*pt2, ON_CURVE)]

    def _closePath(self):
        contour = self.contour
        if len(contour) > 1 and contour[-1][:2] == contour[0][:2]:
            contour.pop()  # TrueType contours close themselves
        if len(contour) > 1:  # a lone point is an anchor, not an outline
            self.contours.append([contour[0], *contour[:0:-1]] if self.reverse else contour)
        self.contour = []

    _endPath = _closePath  # TrueType has no open contours

    def encode(self) -> tuple[bytes, tuple[int, int, int, int] | None]:
        """(glyph data, (xMin, yMin, xMax, yMax) or None when it has no outline)."""
        if not self.contours:
            return b"", None
        points = [(floor(x + 0.5), floor(y + 0.5), on) for contour in self.contours for x, y, on in contour]
        box = (min(p[0] for p in points), min(p[1] for p in points),
               max(p[0] for p in points), max(p[1] for p in points))
        # Each point: a flag, then x and y as deltas from the previous point, each in 0 bytes
        # (no change), 1 byte (|delta| ≤ 255, sign in the flag) or 2 bytes (signed).
        flags, xs, ys = bytearray(), bytearray(), bytearray()
        x0 = y0 = 0
        last, repeat = None, 0
        for x, y, on in points:
            dx, dy, x0, y0 = x - x0, y - y0, x, y
            flag = on
            if dx == 0:
                flag |= X_SAME_OR_POSITIVE
            elif -255 <= dx <= 255:
                flag |= X_SHORT | X_SAME_OR_POSITIVE if dx > 0 else X_SHORT
                xs.append(abs(dx))
            else:
                xs += struct.pack(">h", dx)
            if dy == 0:
                flag |= Y_SAME_OR_POSITIVE
            elif -255 <= dy <= 255:
                flag |= Y_SHORT | Y_SAME_OR_POSITIVE if dy > 0 else Y_SHORT
                ys.append(abs(dy))
            else:
                ys += struct.pack(">h", dy)
            # Runs of equal flags: the second is written as is, from the third on
            # the pair becomes flag|REPEAT, count (as fontTools' compileDeltasGreedy).
            if flag == last and repeat != 255:
                repeat += 1
                if repeat == 1:
                    flags.append(flag)
                else:
                    flags[-2:] = bytes((flag | REPEAT, repeat))
            else:
                repeat = 0
                flags.append(flag)
            last = flag
        ends = list(accumulate(len(contour) for contour in self.contours))
        # numberOfContours, box, last point of each contour, no instructions
        header = struct.pack(f">5h{len(ends)}HH", len(ends), *box, *(end - 1 for end in ends), 0)
        return header + flags + xs + ys, box


def _extents(metrics: dict, boxes: dict) -> dict:
    """hhea's extremes from the glyphs' advances and boxes, as fontTools' hhea.recalc."""
    sides = [(metrics[name][1], metrics[name][0] - box[2], box[2] - box[0] + metrics[name][1])
             for name, box in boxes.items()]  # lsb, rsb, lsb + width, with lsb = xMin
    return {"advanceWidthMax": max(advance for advance, _ in metrics.values()),
            "minLeftSideBearing": min(s[0] for s in sides), "minRightSideBearing": min(s[1] for s in sides),
            "xMaxExtent": max(s[2] for s in sides)}
