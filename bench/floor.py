"""The floor a handbook build is compared with: the same rendered pages (macro output
saved as plain Markdown) built by plain mkdocs-material, no plugins, same theme and
the standard markdown_extensions (not handbook.markdown_raw: plain MkDocs parses the HTML)."""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import sys
from pathlib import Path
from types import SimpleNamespace

import jinja2

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


class _Env:
    """Just enough of mkdocs-macros' env for macros/main.py's define_env."""

    def __init__(self, project: Path):
        self.project_dir = str(project)
        self.macros: dict = {}
        self.page = None
        self.conf: dict = {"extra": {}}

    def macro(self, function):
        self.macros[function.__name__] = function
        return function


def floor_project(project: Path, target: Path) -> None:
    spec = importlib.util.spec_from_file_location("handbook_macros_floor", project / "macros/main.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    env = _Env(project)
    module.define_env(env)
    shutil.copytree(project / "docs", target / "docs", ignore=shutil.ignore_patterns("*.md"))
    shutil.copytree(project / "overrides", target / "overrides")
    for page in sorted((project / "docs").rglob("*.md")):
        uri = page.relative_to(project / "docs").as_posix()
        text = page.read_text(encoding="utf-8")
        if "render_macros: true" in text:
            body = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
            env.page = SimpleNamespace(file=SimpleNamespace(src_uri=uri))
            text = jinja2.Template(body).render(**env.macros)
        out = target / "docs" / uri
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"(?ms)^plugins:\n.*?(?=^\S)", "plugins: []\n\n", config)
    # Plain Markdown too: without the handbook's raw-block extension, the HTML goes through Markdown.
    config = re.sub(r"(?m)^  - handbook\.markdown_raw.*\n", "", config)
    # The theme templates read the edition the macros module puts into config.extra.
    edition = json.dumps(env.conf["extra"].get("handbook_edition", {}), ensure_ascii=False)
    config = re.sub(r"(?m)^extra:\n", f"extra:\n  handbook_edition: {edition}\n", config, count=1)
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")


if __name__ == "__main__":
    floor_project(Path(sys.argv[1]), Path(sys.argv[2]))
