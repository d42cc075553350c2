"""Wording shared by the validators: how a message lists the allowed values."""

from __future__ import annotations


def one_of(values) -> str:
    """“应为以下之一：a、b、c”, at most twelve shown (messages stay one line)."""
    values = list(values)
    shown = "、".join(values[:12]) + ("……" if len(values) > 12 else "")
    return f"应为以下之一：{shown}"
