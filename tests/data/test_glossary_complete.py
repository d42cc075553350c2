"""Issue 9 point 7: every formula of the speech is a glossary entry or alias, or excluded with a reason.

Candidates are derived from the speech text itself, so a new formula in the source (or a
term dropped from the glossary) makes this test fail, naming the phrase.
"""

from __future__ import annotations

import re

import yaml

from conftest import ROOT
from handbook.text import normalize

EXCLUSIONS_FILE = ROOT / "data/glossary-exclusions.yaml"

# Verbs and connectives that lead into a named programme in running text (开展……活动):
# stripped so the candidate is the name, not the sentence around it.
LEADING = re.compile(r"^(?:持续深化拓展|持续深化|深入推进|深入开展|常态化开展|全面实施|扎实开展|定期举办|大力推行|"
                     r"全面推行|推动开展|建立健全|落实好|实施好|开展|举办|实施|抓实|推进|深化|健全|以|通过|和|及|等|要)+")
QUOTED = re.compile(r"“([^”]+)”")
# numeral + 量词/formula word: 两大工程, 三个务必, 4个层面, 五争当, 四警, 六廉 … (二十大 is a congress, not a formula)
NUMBERED = re.compile(r"(?<![二十])(?:[两三四五六七八九]|\d)(?:个|大|项|下|强|警|廉|学|争当|型)[^,。;、“”]{0,2}")
NAMED = re.compile(r"[^,。;、“”]{2,20}?(?:工程|活动|论坛|名录|轮训|交流会|创新榜|风采展|竞赛|展示|行动|大讲堂|大排查|联系点|制度)")


def _key(text: str) -> str:
    """Compare names without quotes, enumeration commas and commas: “活”思维、“活”内容 ~ 活思维活内容."""
    return re.sub(r"[“”、·,\s]", "", normalize(text))


def _shared(a: str, b: str, reverse: bool = False) -> int:
    n = 0
    while n < min(len(a), len(b)) and (a[-1 - n] == b[-1 - n] if reverse else a[n] == b[n]):
        n += 1
    return n


def parallels(text: str) -> list[str]:
    """排比: runs of three or more 、-separated clauses sharing a head (廉洁思想、廉洁组织…) or a tail
    (意义重大、责任重大…, 政治型、服务型…). The first and last clause lose the words that lead in or run on."""
    found = []
    for segment in re.split(r"[,。;:“”]", text.replace("“", "").replace("”", "")):
        parts = segment.split("、")
        start = 0
        while start + 2 < len(parts):
            head, tail = _shared(parts[start + 1], parts[start + 2]), _shared(parts[start + 1], parts[start + 2], True)
            end = start + 2
            while end + 1 < len(parts) and len(parts[end]) <= 14 and (
                    (head and _shared(parts[end], parts[end + 1]) >= head)
                    or (tail and _shared(parts[end], parts[end + 1], True) >= tail)):
                end += 1
            run = parts[start:end + 1]
            first, last = _trim(run, head, tail)
            if (head or tail) and first and last and len(run[1]) <= 14:
                found.append("、".join([first, *run[1:-1], last]))
                start = end + 1
            else:
                start += 1
    return found


def _trim(run: list[str], head: int, tail: int) -> tuple[str, str]:
    """The first clause from where its shared head starts (or as long as the second); the last up to its
    shared tail (or as long as the one before). '' when the clause does not have the shared shape."""
    if head:
        at = run[0].rfind(run[1][:head])
        first = run[0][at:] if at >= 0 else ""
        last = run[-1][:len(run[-2])] if run[-1].startswith(run[1][:head]) else ""
    else:
        first = run[0][-len(run[1]):] if run[0].endswith(run[1][-tail:]) else ""
        at = run[-1].find(run[1][-tail:])
        last = run[-1][:at + tail] if at >= 0 else ""
    return first, last


def candidates(speech: str) -> dict[str, str]:
    """Phrase → why it is a candidate, in order of first occurrence."""
    text = normalize(speech)
    found: dict[str, str] = {}
    for match in QUOTED.finditer(text):
        found.setdefault(match.group(1), "quoted")
    for match in NUMBERED.finditer(text):
        found.setdefault(match.group(0), "numbered")
    for match in NAMED.finditer(text):
        name = re.split(r"以及(?:开展)?", match.group(0))[-1]     # 学习小组以及开展政治理论大讲堂
        found.setdefault(LEADING.sub("", name), "named")
    for run in parallels(text):
        found.setdefault(run, "parallel")
    return found


def _covered_keys(catalogue) -> list[str]:
    keys = []
    for term in catalogue.terms.values():
        keys += [_key(s) for s in [*term.spellings, *term.expansion]]
        if term.expansion:                       # a quoted list that spells out the whole expansion
            keys.append("".join(_key(e) for e in term.expansion))
    return keys


def _exclusions() -> dict[str, str]:
    data = yaml.safe_load(EXCLUSIONS_FILE.read_text(encoding="utf-8"))
    return {entry["phrase"]: entry["reason"] for entry in data["exclusions"]}


def test_candidate_extraction_finds_known_formulas():
    found = candidates("要采取点上试、线上推、面上扩等措施,紧盯4个层面,开展“三下三帮”活动,学习党的二十大精神,"
                       "深入开展政治理论大讲堂")
    assert "三下三帮" in found and "4个层面" in found and "政治理论大讲堂" in found
    assert not any(c.startswith("十大") for c in found)
    found = candidates("让廉洁思想、廉洁组织、廉洁作风、廉洁文化在机关落地生根,做好工作意义重大、责任重大、使命重大。")
    assert found.get("廉洁思想、廉洁组织、廉洁作风、廉洁文化") == "parallel"
    assert found.get("意义重大、责任重大、使命重大") == "parallel"


def test_every_formula_of_the_speech_is_in_the_glossary(catalogue):
    speech = (ROOT / "data/source/speech.txt").read_text(encoding="utf-8")
    covered = _covered_keys(catalogue)
    excluded = {_key(p) for p in _exclusions()}
    missing = [f"{why}: {phrase}" for phrase, why in candidates(speech).items()
               if _key(phrase) not in excluded and not any(_key(phrase) in k for k in covered)]
    assert not missing, "add a glossary entry/alias or an exclusion with a reason:\n" + "\n".join(missing)


def test_exclusions_are_real_candidates_with_reasons():
    speech = (ROOT / "data/source/speech.txt").read_text(encoding="utf-8")
    found = {_key(c) for c in candidates(speech)}
    for phrase, reason in _exclusions().items():
        assert _key(phrase) in found, f"stale exclusion {phrase!r}: not a candidate of the speech"
        assert len(reason.strip()) >= 4, f"exclusion {phrase!r} needs a reason"


def test_issue_formulas_are_entries(catalogue):
    """The formulas the issue names, each one entry (not split into meaningless halves)."""
    spellings = {_key(s) for t in catalogue.terms.values() for s in t.spellings}
    for formula in ["点上试、线上推、面上扩", "突出“新”字", "突出“实”字", "突出“严”字", "相加相融相乘",
                    "岗位大练兵大比武大竞赛", "“是什么”“为什么”“干什么”", "机关中的“基层”、接“天线”的“一线”",
                    "4个层面", "管好关键人、管到关键处、管住关键事、管在关键时", "机关党员干部集中、执政骨干集中、权力责任集中"]:
        assert _key(formula) in spellings, formula
    assert "天线" not in catalogue.terms and "一线" not in catalogue.terms


def test_notes_are_the_speechs_words_or_marked_as_the_editors(catalogue):
    """Issue 21: a note quoting the speech starts 讲话原文： and is verbatim; every other note is shown as 编者说明."""
    from handbook.text import find_in_order
    speech = (ROOT / "data/source/speech.txt").read_text(encoding="utf-8")
    quoted = [t for t in catalogue.terms.values() if t.note_label == "讲话原文"]
    assert quoted
    for term in quoted:
        assert any(find_in_order(term.note_text.rstrip("。"), line) is not None for line in speech.splitlines()), term.term
    for term in catalogue.terms.values():
        if term.note and term.note_label != "讲话原文":
            assert term.note_label == "编者说明", term.term
            assert term.expansion or term.summary.startswith(f"{term.term}：编者说明："), term.term


def test_parallel_formulas_list_their_parts(catalogue):
    for term in catalogue.terms.values():
        if term.group == "parallel":
            assert len(term.expansion) >= 3 and term.aliases, term.term
    assert catalogue.terms["廉洁思想廉洁组织廉洁作风廉洁文化"].expansion == ["廉洁思想", "廉洁组织", "廉洁作风", "廉洁文化"]
    assert catalogue.terms["三个集中"].expansion[0] == "党员干部集中"
    assert all(e.startswith(("强化", "带头")) or e.endswith("过硬")
               for e in catalogue.terms["三强化四过硬五带头"].expansion)
