"""data/vocabulary.yaml: 责任主体, 工作类别 and 五型, each ID and name listed once."""

from __future__ import annotations

from ..model import VocabularyEntry


def check_vocabulary(raw, report) -> dict[str, list[VocabularyEntry]] | None:
    if not raw.valid:
        return None
    result = {}
    for key in ("subjects", "kinds", "types"):
        seen = {}
        entries = []
        for index, entry in enumerate(raw.data[key]):
            for field_name in ("id", "name"):
                value = entry[field_name]
                if (field_name, value) in seen:
                    report.add("duplicate-id", raw.name, entry.line_of(field_name),
                               f"{key}[{index + 1}].{field_name}：{value!r} 已在第 {seen[field_name, value]} 行列出")
                seen[field_name, value] = entry.line_of(field_name)
            entries.append(VocabularyEntry(entry["id"], entry["name"], entry.get("note", "")))
        result[key] = entries
    return result
