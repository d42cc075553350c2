"""data/framework.yaml: title, salutation, preamble, the parts and their sections, each placed on
a paragraph of the speech whose text it quotes."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Paragraph, Part, Section
from .source import Paragraphs


@dataclass
class Framework:
    title: Paragraph | None
    salutation: Paragraph | None
    named: dict                   # goal / requirement → (name, paragraph)
    parts: list[Part]


def check_framework(raw, paragraphs: Paragraphs, report) -> Framework | None:
    if not raw.valid:
        return None
    fw, file = raw.data, raw.name
    title = paragraphs.get(fw["title"], file, fw.line_of("title"), "title")
    salutation = paragraphs.get(fw["salutation"], file, fw.line_of("salutation"), "salutation")
    for paragraph, key in ((title, "title"), (salutation, "salutation")):
        if paragraph:
            paragraphs.claim(paragraph, key, file, fw.line_of(key), key)
    named = {}
    for key in ("goal", "requirement"):
        entry = fw[key]
        paragraph = paragraphs.get(entry["paragraph"], file, entry.line_of("paragraph"), f"{key}.paragraph")
        if paragraph:
            paragraphs.phrase_in(entry["name"], paragraph, file, entry.line_of("name"), f"{key}.name")
        named[key] = (entry["name"], paragraph)
    parts = _preamble(fw["preamble"], file, paragraphs)
    codes, numbers = {fw["preamble"]["code"]: fw["preamble"].line_of("code")}, {}
    for index, entry in enumerate(fw["parts"]):
        part = _part(entry, index, file, paragraphs, report, codes, numbers)
        if part is not None:
            parts.append(part)
    return Framework(title, salutation, named, parts)


def _preamble(pre, file: str, paragraphs: Paragraphs) -> list[Part]:
    paragraph = paragraphs.get(pre["paragraph"], file, pre.line_of("paragraph"), "preamble.paragraph")
    if not paragraph:
        return []
    paragraphs.claim(paragraph, "preamble", file, pre.line_of("paragraph"), "preamble.paragraph")
    part0 = Part(pre["code"], 0, pre["short_name"], "", None)
    part0.opening = Section(part0, 0, "", paragraph)
    paragraph.section = part0.opening
    return [part0]


def _part(entry, index: int, file: str, paragraphs: Paragraphs, report, codes: dict, numbers: dict) -> Part | None:
    where = f"parts[{index + 1}]"
    for key, seen in (("code", codes), ("number", numbers)):
        if entry[key] in seen:
            report.add("duplicate-id", file, entry.line_of(key),
                       f"{where}.{key}：{entry[key]!r} 已在第 {seen[entry[key]]} 行用过")
        seen[entry[key]] = entry.line_of(key)
    if entry["number"] != index + 1:
        report.add("bad-format", file, entry.line_of("number"),
                   f"{where}.number：应为 {index + 1}（各部分按顺序编号）")
    heading = paragraphs.get(entry["heading"], file, entry.line_of("heading"), f"{where}.heading")
    opening = paragraphs.get(entry["opening"], file, entry.line_of("opening"), f"{where}.opening")
    if not heading or not opening:
        return None
    paragraphs.claim(heading, "heading", file, entry.line_of("heading"), f"{where}.heading")
    paragraphs.claim(opening, "opening", file, entry.line_of("opening"), f"{where}.opening")
    for key in ("short_name", "positioning"):
        paragraphs.phrase_in(entry[key], heading, file, entry.line_of(key), f"{where}.{key}", ignore_quotes=True)
    part = Part(entry["code"], entry["number"], entry["short_name"], entry["positioning"], heading)
    part.opening = Section(part, 0, "", opening)
    opening.section = part.opening
    for s_index, s_entry in enumerate(entry["sections"]):
        s_where = f"{where}.sections[{s_index + 1}]"
        if s_entry["number"] != s_index + 1:
            report.add("bad-format", file, s_entry.line_of("number"),
                       f"{s_where}.number：应为 {s_index + 1}（各方面按顺序编号）")
        paragraph = paragraphs.get(s_entry["paragraph"], file, s_entry.line_of("paragraph"), f"{s_where}.paragraph")
        if not paragraph:
            continue
        paragraphs.claim(paragraph, "section", file, s_entry.line_of("paragraph"), f"{s_where}.paragraph")
        paragraphs.phrase_in(s_entry["lead"], paragraph, file, s_entry.line_of("lead"), f"{s_where}.lead",
                             at_start=True)
        section = Section(part, s_entry["number"], s_entry["lead"], paragraph)
        paragraph.section = section
        part.sections.append(section)
    return part
