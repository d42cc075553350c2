"""The second build target: Zensical renders the pages from the same mkdocs.yml, docs/ and
macros/ as MkDocs does.

Zensical lives in its own venv (.venv-zensical, requirements-zensical.txt), so the driver
(`python -m handbook build --generator zensical`, in .venv) runs it as a subprocess:
`<.venv-zensical>/bin/python -m handbook.zensical ROOT SITE_DIR`. This module is both halves;
nothing here imports Zensical or MkDocs at module level.

What the runner changes in the configuration it hands Zensical (mkdocs.yml is not edited):
- site_dir: the driver's scratch folder (Zensical has no --site-dir);
- plugins.search.enabled = false: Zensical enables its own search even when mkdocs.yml lists
  none; off, it neither writes search.json nor loads it in the pages;
- theme.variant = classic: Material's look, which handbook.css is written against;
- extra.handbook_edition: theme templates read it, and Zensical renders them from the parsed
  configuration, not from what the macros module writes into its per-page copy.
After the build it removes Zensical's search index (search.json) and the line of its JavaScript
bundle that would fetch it. The search box is styled by the handbook's own search.css.
It also builds with `clean` (Zensical's page cache is keyed on docs/ and the macros module,
not on data/ or handbook/, so data edits would not show) and strict. Zensical never calls the
macros module's on_post_build; the driver writes the exports afterwards (handbook.export).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

# The venv the Makefile's build-zensical target creates, next to this checkout's handbook/.
DEFAULT_PYTHON = Path(__file__).resolve().parent.parent / ".venv-zensical" / "bin" / "python"
PYTHON_ENV = "HANDBOOK_ZENSICAL_PYTHON"   # another interpreter with requirements-zensical.txt
# Zensical's bundle fetches search.json (search.js under file://) on every page that has a
# .md-search element, which the handbook's search box is: `X=Se(".md-search")?Af():Ze`.
# The index observable is only used by [data-md-component=search], which the handbook's
# box does not have, so the loader is replaced by Ze (an empty observable).
SEARCH_LOADER = re.compile(r'(\b[\w$]+=)[\w$]+\("\.md-search"\)\?[\w$]+\(\):([\w$]+)')


def zensical_python() -> Path:
    return Path(os.environ.get(PYTHON_ENV) or DEFAULT_PYTHON)


def build_zensical(root: Path, site_dir: Path, catalogue) -> bool:
    """Render the pages with Zensical into site_dir, then write the handbook's exports.
    False on any failure (the message is already printed)."""
    python = zensical_python()
    if not python.is_file():
        print(f"没有找到 Zensical 环境 {python}：请先运行 make build-zensical"
              f"（或用环境变量 {PYTHON_ENV} 指定装有 requirements-zensical.txt 的 Python）。", file=sys.stderr)
        return False
    package_root = str(Path(__file__).resolve().parent.parent)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")]))}
    command = [str(python), "-m", "handbook.zensical", str(root), str(site_dir)]
    if subprocess.run(command, cwd=root, env=env).returncode != 0:
        return False
    from .export import write_exports
    write_exports(catalogue, site_dir)
    return True


def _configure(root: Path, site_dir: Path, catalogue) -> None:
    """Wrap zensical.config._apply_defaults (every config path goes through it) to adjust
    the parsed mkdocs.yml before Zensical sees it."""
    from zensical import config as zconfig
    sys.path.insert(0, str(root))
    from macros.main import expose_edition

    apply_defaults = zconfig._apply_defaults

    def apply(config: dict, path: str) -> dict:
        config["site_dir"] = str(site_dir)
        plugins = config.get("plugins") or []
        if isinstance(plugins, dict):
            plugins["search"] = {"enabled": False}
        else:
            config["plugins"] = [*plugins, {"search": {"enabled": False}}]
        # Material's look, which the handbook's CSS is written against ("modern" is the default).
        config["theme"] = {**(config.get("theme") or {}), "variant": "classic"}
        config.setdefault("extra", {})
        expose_edition(config, catalogue.edition)
        return apply_defaults(config, path)

    zconfig._apply_defaults = apply


def run(root: Path, site_dir: Path) -> int:
    """Inside .venv-zensical: load the data once for every page, then build."""
    from zensical import build

    from .build import _PRELOADED
    from .catalogue import load_or_report

    root = root.resolve()
    catalogue = load_or_report(root)
    if catalogue is None:
        return 1
    # Zensical re-executes macros/main.py (define_env) for every page; without this each
    # page would load and validate data/ again.
    _PRELOADED[root] = catalogue
    _configure(root, site_dir.resolve(), catalogue)
    try:
        build(str(root / "mkdocs.yml"), {"clean": True, "strict": True})
    except Exception as exc:  # Zensical reports Python and Rust errors as RuntimeError
        print(f"Zensical 构建失败：{exc}", file=sys.stderr)
        return 1
    return _finish(site_dir)


def _finish(site_dir: Path) -> int:
    """Remove Zensical's search index and its loader (the handbook's search box is styled by
    assets/stylesheets/search.css alone, Zensical's theme lacking Material's search CSS)."""
    for index in ("search.json", "search.js"):   # the index; search.js is its file:// form
        (site_dir / index).unlink(missing_ok=True)
    bundles = sorted((site_dir / "assets" / "javascripts").glob("bundle.*.min.js"))
    for bundle in bundles:
        text = bundle.read_text(encoding="utf-8")
        stripped, count = SEARCH_LOADER.subn(r"\1\2", text)
        if count != 1:
            print(f"{bundle}: 应有 1 处搜索索引加载代码，找到 {count} 处；"
                  f"Zensical 版本与 requirements-zensical.txt 不符？", file=sys.stderr)
            return 1
        bundle.write_text(stripped, encoding="utf-8")
    if not bundles:
        print(f"{site_dir}/assets/javascripts/ 中没有 Zensical 的 bundle.*.min.js", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print("usage: python -m handbook.zensical PROJECT_ROOT SITE_DIR", file=sys.stderr)
        raise SystemExit(2)
    raise SystemExit(run(Path(sys.argv[1]), Path(sys.argv[2])))
