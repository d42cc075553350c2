"""Command line: `python -m handbook check` validates data without building."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .catalogue import load_catalogue
from .errors import ERROR_KINDS, HandbookDataError

ROOT = Path(__file__).resolve().parent.parent


def _check(args) -> int:
    started = time.perf_counter()
    try:
        catalogue = load_catalogue(args.root)
    except HandbookDataError as exc:
        print(exc, file=sys.stderr)
        return 1
    elapsed = time.perf_counter() - started
    print(f"数据校验通过：{len(catalogue.parts) - 1} 个部分，{len(catalogue.sections)} 个方面（含开篇），"
          f"{len(catalogue.items)} 条要求，{len(catalogue.terms)} 个提法；用时 {elapsed * 1000:.0f} ms")
    return 0


def _errors(_args) -> int:
    for kind, hint in ERROR_KINDS.items():
        print(f"{kind:22} {hint}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m handbook", description="五型模范机关建设手册 data tools")
    parser.add_argument("--root", type=Path, default=ROOT, help="project root (holds data/)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="validate data/ and report every error").set_defaults(func=_check)
    sub.add_parser("errors", help="list every error kind with its hint").set_defaults(func=_errors)
    args = parser.parse_args(argv)
    return args.func(args)
