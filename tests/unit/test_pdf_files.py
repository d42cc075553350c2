"""PDF internals: the small TrueType font (pdf_font.py) and text measuring/wrapping (pdf_file.py).

test_checklist_files.py reads whole PDFs back with poppler; these check the parts that make
them fast against the general (slow) paths they replace: fontTools' own glyph compiler and
metrics recalculation, its outline pens, and fpdf2's get_string_width.
"""

from __future__ import annotations

import pytest
from conftest import require
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.areaPen import AreaPen
from fontTools.pens.boundsPen import BoundsPen
from fontTools.pens.perimeterPen import PerimeterPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont
from fpdf import FPDF

from handbook.export import pdf_file, pdf_font
from handbook.export.pdf_file import NO_END, NO_START, _Measure, _wrap

SAMPLE = "五型模范机关建设手册对照检查清单（示例）：□已完成、◎推进中；“三会一课”《条例》GC2-03 ***"


@pytest.fixture(scope="module")
def cjk_font():
    try:
        source = pdf_file.find_cjk_font()
    except pdf_file.CJKFontMissing as e:
        require(False, str(e))
    return source, pdf_file._sc_face(source)


@pytest.fixture(scope="module")
def small(cjk_font, tmp_path_factory):
    """(source TTFont, path of the small font) for SAMPLE and ASCII."""
    source, face = cjk_font
    chars = "".join(sorted(set(SAMPLE + pdf_font.ASCII)))
    path = pdf_font.small_font(source, face, chars, tmp_path_factory.mktemp("fonts"))
    return TTFont(str(source), fontNumber=face, lazy=True), path


def outline(glyph_set, name):
    """(area, perimeter, bounds) of a glyph's outline, curves included."""
    area, perimeter, bounds = AreaPen(glyph_set), PerimeterPen(glyph_set), BoundsPen(glyph_set)
    for pen in (area, perimeter, bounds):
        glyph_set[name].draw(pen)
    return area.value, perimeter.value, bounds.bounds


def test_small_font_maps_every_character_to_the_source_glyph_shape(small):
    source, font = small[0], TTFont(str(small[1]))
    source_map, small_map = source.getBestCmap(), font.getBestCmap()
    source_glyphs, small_glyphs = source.getGlyphSet(), font.getGlyphSet()
    for ch in set(SAMPLE + pdf_font.ASCII):
        assert small_map.get(ord(ch)) == source_map[ord(ch)], ch       # same glyph, same name
        name = small_map[ord(ch)]
        assert small_glyphs[name].width == source_glyphs[name].width, ch  # same advance
        area, perimeter, bounds = outline(source_glyphs, name)
        tt_area, _, tt_bounds = outline(small_glyphs, name)
        if bounds is None:  # the space
            assert tt_bounds is None
            continue
        # Quadratic curves within 1 unit of the cubic ones, points rounded to whole units:
        # the area differs by at most ~1.5 units along the outline, the box by ~1.5 units.
        # Contours turn the other way (TrueType runs clockwise): the signed area flips.
        assert abs(tt_area + area) <= 1.5 * perimeter, ch
        assert all(abs(a - b) <= 1.5 for a, b in zip(tt_bounds, bounds)), (ch, bounds, tt_bounds)


def test_small_font_glyph_bytes_are_what_fonttools_compiles(small):
    """The glyphs are encoded by pdf_font itself: decoded and compiled again by fontTools
    (bounding boxes recalculated), each gives the same bytes."""
    font = TTFont(str(small[1]))
    glyf = font["glyf"]
    for name in font.getGlyphOrder():
        raw = getattr(glyf.glyphs[name], "data", b"")  # none for empty glyphs
        glyph = glyf[name]  # decodes it
        compiled = glyph.compile(glyf, recalcBBoxes=True)
        assert compiled == raw[:len(compiled)] and not raw[len(compiled):].strip(b"\0"), name


def test_small_font_tables_agree_with_fonttools_recalculation(small):
    """head's box and flags, maxp's counts, hhea's extremes and hmtx's side bearings, set
    by pdf_font without decoding the glyphs again, equal what fontTools recalculates."""
    font = TTFont(str(small[1]))
    before = {tag: dict(vars(font[tag])) for tag in ("head", "maxp", "hhea")}
    font["maxp"].recalc(font)  # also head's box and flags
    font["hhea"].recalc(font)
    for tag, fields in before.items():
        after = vars(font[tag])
        assert {k: v for k, v in fields.items() if after.get(k) != v} == {}, tag
    glyf = font["glyf"]
    for name in font.getGlyphOrder():
        if glyf[name].numberOfContours:
            assert font["hmtx"][name][1] == glyf[name].xMin, name


def test_small_font_is_reproducible_and_named_by_its_inputs(cjk_font, tmp_path):
    source, face = cjk_font
    first = pdf_font.small_font(source, face, "五型模范", tmp_path / "a")
    again = pdf_font.small_font(source, face, "五型模范", tmp_path / "b")
    other = pdf_font.small_font(source, face, "五型模范机关", tmp_path / "a")
    assert first.read_bytes() == again.read_bytes()
    assert first.name == again.name != other.name


def test_small_font_from_truetype_outlines_decomposes_components(tmp_path):
    """A TrueType source (HANDBOOK_CJK_FONT may name any font): quadratic outlines are kept
    as they are, not reversed, and composite glyphs are drawn out (the small font has no
    room for their components)."""
    square = TTGlyphPen(None)
    for pt in ((100, 0), (100, 500), (600, 500), (600, 0)):  # clockwise, as TrueType wants
        (square.lineTo if square.points else square.moveTo)(pt)
    square.closePath()
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder([".notdef", "square", "twice"])
    builder.setupCharacterMap({ord("A"): "square", ord("B"): "twice"})
    twice = TTGlyphPen({"square": None})
    twice.addComponent("square", (1, 0, 0, 1, 0, 0))
    twice.addComponent("square", (1, 0, 0, 1, 0, 600))
    builder.setupGlyf({".notdef": TTGlyphPen(None).glyph(), "square": square.glyph(), "twice": twice.glyph()})
    builder.setupHorizontalMetrics({".notdef": (500, 0), "square": (700, 100), "twice": (700, 100)})
    builder.setupHorizontalHeader(ascent=900, descent=-100)
    builder.setupNameTable({"familyName": "Squares", "styleName": "Regular"})
    builder.setupOS2()
    builder.setupPost()
    source = tmp_path / "squares.ttf"
    builder.save(str(source))

    font = TTFont(str(pdf_font.small_font(source, 0, "AB", tmp_path / "fonts")))
    glyphs = font.getGlyphSet()
    assert not font["glyf"]["twice"].isComposite()
    for name, contours in (("square", 1), ("twice", 2)):
        area, _, bounds = outline(glyphs, name)
        assert area == -250_000 * contours  # clockwise, as drawn
        assert bounds == (100, 0, 600, 500 + 600 * (contours - 1))
        assert glyphs[name].width == 700


@pytest.fixture
def pdf(small):
    """An FPDF with the small font at the table's size."""
    document = FPDF(orientation="landscape", unit="mm", format="A4")
    document.add_font(pdf_file.FONT, "", str(small[1]))
    document.add_page()
    document.set_font(pdf_file.FONT, size=10)
    return document


def test_measure_gives_fpdf2s_string_widths(pdf):
    measure = _Measure(pdf)
    for text in (SAMPLE, "GC2-03", " ", "", "□已完成\n", SAMPLE * 3):
        assert measure.width(text) == pdf.get_string_width(text), text


@pytest.mark.parametrize("width", [8.0, 23.5, 60.0])
def test_wrap_fits_the_width_and_keeps_line_breaking_rules(pdf, width):
    measure = _Measure(pdf)
    text = SAMPLE * 2 + "\n包括：支部党员大会；支部委员会；党小组会；党课"
    lines = _wrap(text, width, measure).split("\n")
    assert "".join(lines) == text.replace("\n", "")   # nothing lost, nothing added
    for line in lines:
        assert len(line) == 1 or pdf.get_string_width(line) <= width, line
        if width > 20:  # narrower, a run of punctuation may have to break anyway
            assert line[:1] not in NO_START and line[-1:] not in NO_END, line
    if pdf.get_string_width("GC2-03") <= width:  # an ID that fits a line is not broken
        ends = {sum(map(len, lines[:n])) for n in range(1, len(lines))}
        start = text.replace("\n", "").index("GC2-03")
        assert not ends & set(range(start + 1, start + 6)), lines
