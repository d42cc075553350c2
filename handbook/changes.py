"""What changed between editions, computed from the recorded snapshots (handbook/editions.py)
and, when it differs from the last one, the live data as the current, unreleased edition.

One Diff per edition after the first: 新增 (added), 撤销 (withdrawn, with reason and the IDs
the reason names as where it went), 修改 (title, text, role, subjects, levels: old → new),
调整清单 (checklist membership: left / joined), and glossary terms and checklists added or
removed. Every comparison is a dictionary lookup: linear in the number of items.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from .editions import Snapshot, snapshot

ITEM_ID = re.compile(r"[A-Z]{2}[0-9]+-[0-9]+")
# Fields of an item compared for 修改, with their Chinese names (in this order on the page).
FIELDS = (("title", "标题"), ("text", "原文"), ("role", "性质"), ("subjects", "责任主体"), ("levels", "层级"))
ROLE_NAMES = {"checkable": "可对照检查", "context": "原则、目标或方法（不逐条打勾）"}


@dataclass
class Change:
    id: str
    kind: str                      # added, withdrawn, modified, moved
    title: str                     # current title (the old one for an item no longer present)
    fields: dict = field(default_factory=dict)    # modified: name → (old, new), raw values
    reason: str = ""               # withdrawn
    to: list = field(default_factory=list)        # withdrawn: item IDs named in the reason
    left: list = field(default_factory=list)      # moved: checklist IDs it left
    joined: list = field(default_factory=list)    # moved: checklist IDs it joined


@dataclass
class Diff:
    version: str
    date: str
    released: bool
    previous: str                  # version compared against ('' for the first recorded edition)
    changes: list = field(default_factory=list)   # Change, in reading order of the newer edition, by kind
    terms_added: list = field(default_factory=list)      # (id, term)
    terms_removed: list = field(default_factory=list)
    terms_modified: list = field(default_factory=list)   # (id, term, old expansion, new expansion)
    lists_added: list = field(default_factory=list)      # (id, title)
    lists_removed: list = field(default_factory=list)
    count: int = 0                 # items in this edition (active)

    @property
    def anchor(self) -> str:
        return "v" + self.version.replace(".", "-") + ("" if self.released else "-draft")

    def of(self, kind: str) -> list[Change]:
        return [c for c in self.changes if c.kind == kind]

    @property
    def empty(self) -> bool:
        return not (self.changes or self.terms_added or self.terms_removed or self.terms_modified
                    or self.lists_added or self.lists_removed)


KINDS = (("added", "新增"), ("withdrawn", "撤销"), ("modified", "修改"), ("moved", "调整清单"))


def editions(catalogue) -> list[Snapshot]:
    """Recorded snapshots, oldest first, plus the live data when it differs from the last one."""
    recorded = list(getattr(catalogue, "editions", []) or [])
    live = snapshot(catalogue)
    if not recorded or not recorded[-1].same_content(live):
        recorded.append(live)
    return recorded


def diff(old: Snapshot | None, new: Snapshot) -> Diff:
    active = {i for i, e in new.items.items() if not e.get("withdrawn")}
    out = Diff(new.version, new.date, new.released, old.version if old else "", count=len(active))
    if old is None:
        return out
    was_active = {i for i, e in old.items.items() if not e.get("withdrawn")}
    lists_old, lists_new = _membership(old), _membership(new)
    for item_id, entry in new.items.items():
        title = entry["title"]
        if item_id in active and item_id not in was_active:
            out.changes.append(Change(item_id, "added", title))
            continue
        if item_id in was_active and item_id not in active:
            reason = entry.get("withdrawn", "")
            out.changes.append(Change(item_id, "withdrawn", title, reason=reason,
                                      to=[i for i in ITEM_ID.findall(reason) if i != item_id]))
            continue
        if item_id not in active:
            continue
        before = old.items[item_id]
        fields = {name: (before.get(name, _empty(name)), entry.get(name, _empty(name)))
                  for name, _label in FIELDS if before.get(name, _empty(name)) != entry.get(name, _empty(name))}
        if fields:
            out.changes.append(Change(item_id, "modified", title, fields=fields))
        left = [c for c in lists_old.get(item_id, []) if c not in lists_new.get(item_id, [])]
        joined = [c for c in lists_new.get(item_id, []) if c not in lists_old.get(item_id, [])]
        # Lists that are themselves new or gone are reported once, as lists, not per item.
        left = [c for c in left if c in new.checklists]
        joined = [c for c in joined if c in old.checklists]
        if left or joined:
            out.changes.append(Change(item_id, "moved", title, left=left, joined=joined))
    for item_id, entry in old.items.items():   # gone from the data altogether (never in the real handbook)
        if item_id not in new.items and item_id in was_active:
            out.changes.append(Change(item_id, "withdrawn", entry["title"], reason="已从数据中删除"))
    order = {kind: n for n, (kind, _label) in enumerate(KINDS)}
    out.changes.sort(key=lambda c: order[c.kind])   # stable: reading order within a kind
    out.terms_added = [(t, e["term"]) for t, e in new.terms.items() if t not in old.terms]
    out.terms_removed = [(t, e["term"]) for t, e in old.terms.items() if t not in new.terms]
    out.terms_modified = [(t, e["term"], old.terms[t].get("expansion", []), e.get("expansion", []))
                          for t, e in new.terms.items()
                          if t in old.terms and (old.terms[t].get("expansion", []) != e.get("expansion", [])
                                                 or old.terms[t]["term"] != e["term"])]
    out.lists_added = [(c, e["title"]) for c, e in new.checklists.items() if c not in old.checklists]
    out.lists_removed = [(c, e["title"]) for c, e in old.checklists.items() if c not in new.checklists]
    return out


def _empty(name: str):
    return {"subjects": [], "levels": {}}.get(name, "")


def _membership(snap: Snapshot) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for list_id, entry in snap.checklists.items():
        for item_id in entry["items"]:
            out.setdefault(item_id, []).append(list_id)
    return out


_HISTORY: list = []   # [(catalogue, diffs)]: computed once per catalogue (pages, api, meta all ask)


def history(catalogue) -> list[Diff]:
    """One Diff per edition, newest first; the oldest recorded edition has previous ''."""
    if not (_HISTORY and _HISTORY[0][0] is catalogue):
        snaps = editions(catalogue)
        diffs = [diff(snaps[n - 1] if n else None, snap) for n, snap in enumerate(snaps)]
        _HISTORY[:] = [(catalogue, diffs[::-1])]
    return _HISTORY[0][1]


def latest(catalogue) -> Diff | None:
    """What the current edition changed against the one before it (None: no earlier edition)."""
    diffs = history(catalogue)
    return diffs[0] if diffs and diffs[0].previous else None


def show(name: str, value) -> str:
    """A field value as one line of Chinese text (raw; callers apply display/escape)."""
    if name == "role":
        return ROLE_NAMES.get(value, value)
    if name == "subjects":
        return "、".join(value) or "（无）"
    if name == "levels":
        return "；".join(f"{k}：{v}" for k, v in value.items()) or "（未细分）"
    return value


@functools.lru_cache(maxsize=None)
def field_label(name: str) -> str:
    return dict(FIELDS)[name]


def list_changes(catalogue, checklist_id: str, item_ids: list[str]) -> dict | None:
    """What the update notice of one checklist (or the plan's list) needs about the latest edition:
    {from, to, anchor, items: {ID: {kind, title, fields: [[名称, 原表述, 新表述]], reason, to}}}, for the
    items now on the list (added, modified, joined) and those that left it (withdrawn, left).
    None when there is no earlier edition. Texts in display form (Chinese punctuation)."""
    from .text import display
    snaps = editions(catalogue)
    diff = latest(catalogue)
    if diff is None or len(snaps) < 2:
        return None
    old, new = snaps[-2], snaps[-1]
    on_list = set(item_ids)
    if checklist_id:
        was_on = set(old.checklists.get(checklist_id, {}).get("items", []))
    else:   # the plan's level: no recorded membership; its withdrawn items are the edition's
        was_on = set(item_ids) | {c.id for c in diff.changes if c.kind == "withdrawn"}
    items = {}
    for change in diff.changes:
        entry = {"kind": change.kind, "title": display(change.title)}
        if change.kind == "added" and change.id in on_list:
            items[change.id] = entry
        elif change.kind == "withdrawn" and change.id in was_on:
            items[change.id] = {**entry, "reason": display(change.reason), "to": change.to}
        elif change.kind == "modified" and change.id in on_list:
            entry["fields"] = [[field_label(name), display(show(name, old_value)), display(show(name, new_value))]
                               for name, (old_value, new_value) in change.fields.items()]
            items[change.id] = entry
    for item_id in sorted(on_list - was_on, key=item_ids.index):   # joined this list (moved or selectors changed)
        if item_id not in items and item_id in old.items and not old.items[item_id].get("withdrawn"):
            items[item_id] = {"kind": "joined", "title": display(new.items[item_id]["title"])}
    for item_id in sorted(was_on - on_list):
        if item_id not in items and item_id in new.items and not new.items[item_id].get("withdrawn"):
            items[item_id] = {"kind": "left", "title": display(new.items[item_id]["title"])}
    return {"from": diff.previous, "to": diff.version, "released": diff.released, "anchor": diff.anchor,
            "page": "changes.html", "items": items}
