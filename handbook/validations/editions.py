"""data/edition.yaml and data/published-ids.txt: the edition every output names, and the IDs that
were published (cited in reports, so never removed, and every new one registered)."""

from __future__ import annotations

from ..edition import Edition
from ..load import PUBLISHED_IDS_FILE, REQUIREMENTS_DIR

PUBLISH_COMMAND = ".venv/bin/python -m handbook publish"


def check_edition(raw) -> Edition | None:
    if not raw.valid:
        return None
    return Edition(raw.data["name"], raw.data["version"], raw.data["date"])


def check_published(published_ids: list[tuple[int, str]], declared: set[str], report) -> None:
    """A published ID is still written in a requirement file (an item that fails its own checks
    counts as present: its own message says what is wrong, an id-removed would mislead)."""
    for line, item_id in published_ids:
        if item_id not in declared:
            report.add("id-removed", PUBLISHED_IDS_FILE, line,
                       f"条目 {item_id} 已发布，但 {REQUIREMENTS_DIR}/ 中已没有这个编号")


def check_registered(published_ids: list[tuple[int, str]] | None, items: dict, report) -> None:
    """Every item's ID is in the published list, once the project keeps one (None: no list yet)."""
    if published_ids is None:
        return
    known = {item_id for _line, item_id in published_ids}
    for item in items.values():
        if item.id not in known:
            report.add("id-unpublished", item.file, item.line,
                       f"编号 {item.id} 还没有登记在 {PUBLISHED_IDS_FILE}；确认无误后运行 `{PUBLISH_COMMAND}` 登记",
                       f"条目 {item.id}")
