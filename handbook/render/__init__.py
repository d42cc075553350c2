"""Render: the catalogue as Markdown/HTML fragments for the pages under docs/."""
