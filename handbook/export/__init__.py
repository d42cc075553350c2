"""Exports: JSON under site/api/ and checklist downloads under site/downloads/."""

from .api import write_exports

__all__ = ["write_exports"]
