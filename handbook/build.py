"""Build the site in this process, handing the already validated catalogue to the macros
adapter (one Python start-up, one load). The generator is imported lazily, so the core
stays free of MkDocs."""

from __future__ import annotations

import logging
import os
from pathlib import Path

# Catalogues validated by the build driver, by project folder: macros/main.py takes its
# catalogue from here instead of loading data/ a second time.
_PRELOADED: dict[Path, object] = {}


def preloaded(project_dir: Path | str):
    return _PRELOADED.get(Path(project_dir).resolve())


def build_mkdocs(root: Path, site_dir: Path, catalogue) -> bool:
    """`mkdocs build --strict --site-dir site_dir`, in-process. False on any failure."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    log = logging.getLogger("mkdocs")
    if not log.handlers:  # what the mkdocs CLI would print: warnings and errors
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        handler.setLevel(logging.WARNING)
        log.addHandler(handler)
        log.setLevel(logging.INFO)
    _PRELOADED[root.resolve()] = catalogue
    _lazy_requests()
    _skip_macros_git_info()
    try:
        config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(site_dir), strict=True)
        build(config)
        return True
    except (Abort, MkDocsException, SystemExit) as exc:
        if str(exc):
            log.error(str(exc))
        return False
    finally:
        _PRELOADED.pop(root.resolve(), None)


def _skip_macros_git_info() -> None:
    """mkdocs-macros runs `git log`/`git describe` on every build for a `git` page variable
    no page uses, and has no switch for it."""
    try:
        from mkdocs_macros import context
    except ImportError:
        return
    context.get_git_info = lambda: {"status": False, "message": "not collected by python -m handbook build"}


def _lazy_requests() -> None:
    """mkdocs-macros imports `requests` (with urllib3, charset_normalizer …, ~0.2 s) only to
    fetch macros from a URL, which the handbook never does: import it on first use instead."""
    import importlib
    import importlib.util
    import sys
    import types

    if "requests" in sys.modules or importlib.util.find_spec("requests") is None:
        return

    class LazyRequests(types.ModuleType):
        def __getattr__(self, name):
            sys.modules.pop("requests", None)
            return getattr(importlib.import_module("requests"), name)

    sys.modules["requests"] = LazyRequests("requests")
