"""A small crawler over a built site: every internal link and anchor must resolve."""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _PageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("name"):
            self.ids.add(attrs["name"])
        for key in ("href", "src"):
            if attrs.get(key) and not (tag == "link" and attrs.get("rel") in ("canonical",)):
                self.links.append(attrs[key])


def parse(path: Path) -> _PageParser:
    parser = _PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def broken_links(site: Path) -> list[str]:
    """Return 'page -> link (reason)' for every internal link or anchor that does not resolve."""
    pages = {p.relative_to(site).as_posix(): parse(p) for p in site.rglob("*.html")}
    problems = []
    for name, parsed in pages.items():
        for link in parsed.links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith("//") or link.startswith("mailto:"):
                continue
            if parts.path.startswith("/"):     # root-relative (Material's 404 page): from the site root
                target = posixpath.normpath(unquote(parts.path).lstrip("/"))
            elif parts.path:
                target = posixpath.normpath(posixpath.join(posixpath.dirname(name), unquote(parts.path)))
                if target.endswith("/") or (site / target).is_dir():
                    target = posixpath.join(target, "index.html")
            else:
                target = name
            if not (site / target).is_file():
                problems.append(f"{name} -> {link} (no file {target})")
                continue
            anchor = unquote(parts.fragment)
            if anchor and target.endswith(".html"):
                if anchor not in pages[target].ids:
                    problems.append(f"{name} -> {link} (no anchor #{anchor} in {target})")
    return problems
