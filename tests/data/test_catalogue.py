"""The real catalogue: faithful to the speech, complete, and with stable IDs."""

from __future__ import annotations

import re
import unicodedata

from conftest import ROOT

SEED = ROOT.parent / "shared" / "seed" / "000_d3b2b71aaa5530de.txt"

# Sentences of directive paragraphs that state facts or reasons and ask nothing,
# so no item is drawn from them (reviewed by hand; first characters of each).
STATEMENTS = {
    "P03": ["***总书记对机关党的建设高度重视", "今年是贯彻落实党的二十大精神的开局之年"],
    "P05": ["贯彻落实党的二十大精神,是当前和今后"],
    "P06": ["只有全面、系统、深入学习"],
    "P07": ["党的二十大精神内容十分丰富"],
    "P08": ["学习贯彻党的二十大精神,重在行动"],
    "P10": ["政治功能是根本、管方向"],
    "P11": ["机关党委是机关党建的骨干"],
    "P12": ["党支部是机关中的“基层”"],
    "P15": ["围绕中心、建设队伍、服务群众,是机关党建的职责所在"],
    "P16": ["党委的中心就是党建的重心"],
    "P17": ["机关党组织和党员作用发挥得怎么样"],
    "P18": ["服务群众既是我们党的根本宗旨"],
    "P20": ["模范机关创建是一项长期的系统工程"],
    "P21": ["改革创新是模范机关创建生命力"],
    "P23": ["严格制度、严肃考评是抓好创建工作"],
    "P25": ["为政清廉才能取信于民", "***总书记在二十届中央纪委二次全会上"],
    "P27": ["机关职能涉及改革发展稳定方方面面"],
    "P28": ["机关党员干部集中、执政骨干集中"],
}


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _spans(item) -> list[tuple[int, int]]:
    """Where each fragment of the item's excerpt sits in its paragraph (normalised)."""
    paragraph, spans, position = _norm(item.source.text), [], 0
    for fragment in (f for f in item.text.split("……") if f):
        start = paragraph.find(_norm(fragment), position)
        assert start >= 0, f"{item.id}: {fragment!r} not in {item.source.id}"
        spans.append((start, start + len(_norm(fragment))))
        position = spans[-1][1]
    return spans


def test_source_text_is_the_speech_verbatim():
    text = (ROOT / "data/source/speech.txt").read_text(encoding="utf-8")
    if SEED.exists():       # the project also builds without ../shared beside it
        assert text == SEED.read_text(encoding="utf-8")
    assert text.count("***") == 6 and len(text.splitlines()) == 28


def test_catalogue_is_large_and_ids_are_well_formed(catalogue):
    assert len(catalogue.items) >= 120
    for item_id, item in catalogue.items.items():
        assert re.fullmatch(r"[A-Z]{2}[0-3]-\d{2}", item_id)
        assert item_id.startswith(item.section.key + "-")


def test_every_item_text_occurs_in_its_paragraph(catalogue):
    for item in catalogue.items.values():
        assert _spans(item)


def test_every_id_is_published(catalogue):
    published = set((ROOT / "data/published-ids.txt").read_text(encoding="utf-8").split())
    assert set(catalogue.items) <= published, "run `python -m handbook publish` after adding items"


def test_every_directive_paragraph_yields_items(catalogue):
    directive = [p for p in catalogue.paragraphs.values() if p.is_directive]
    assert len(directive) == 1 + 5 * 4
    for paragraph in directive:
        assert paragraph.items, paragraph.id


def test_every_directive_sentence_is_covered_or_a_known_statement(catalogue):
    leads = {_norm(s.lead) + "。" for s in catalogue.sections.values() if s.lead}
    for paragraph in (p for p in catalogue.paragraphs.values() if p.is_directive):
        text = _norm(paragraph.text)
        covered = [False] * len(text)
        for item in paragraph.items:
            for start, end in _spans(item):
                covered[start:end] = [True] * (end - start)
        known = [_norm(s) for s in STATEMENTS.get(paragraph.id, [])]
        for match in re.finditer(r"[^。]+。?", text):
            sentence = match.group()
            if any(covered[match.start():match.end()]) or sentence in leads:
                continue
            assert any(sentence.startswith(k) for k in known), f"{paragraph.id}: no item for {sentence!r}"


def test_redaction_is_kept_in_items(catalogue):
    redacted = [i for i in catalogue.items.values() if "***" in i.text]
    assert redacted, "items quoting the redacted name keep *** as is"
    for item in redacted:
        assert "***" in item.source.text


def test_term_backlinks_are_symmetric(catalogue):
    for item in catalogue.items.values():
        for term in item.terms:
            assert item in term.items
    for term in catalogue.terms.values():
        for item in term.items:
            assert term in item.terms
