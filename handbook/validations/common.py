"""Shared by the validators: how a message lists the allowed values; which entries of a file to check."""

from __future__ import annotations

from .. import schema
from ..errors import ErrorReport


def one_of(values) -> str:
    """“应为以下之一：a、b、c”, at most twelve shown (messages stay one line)."""
    values = list(values)
    shown = "、".join(values[:12]) + ("……" if len(values) > 12 else "")
    return f"应为以下之一：{shown}"


def usable_entries(raw, key: str, spec) -> list:
    """The entries of raw.data[key] that pass `spec`, also from a file that failed its schema
    elsewhere: their errors were reported on load, and checking the rest now lists every problem
    of the file in one run instead of one batch at a time."""
    data = raw.data
    if raw.valid:
        return list(data[key])
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        return []
    checker = schema.Checker(ErrorReport(), raw.name)   # silent: load already reported these
    return [entry for entry in data[key] if checker.check(entry, spec, "", getattr(entry, "line", 0))]
