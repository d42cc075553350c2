"""mkdocs-macros adapter: exposes the handbook core to pages. Keep it thin.

Pages opt in with `render_macros: true` and call e.g. `{{ part_page("GC") }}`.
All real work lives in the `handbook` package, which knows nothing of MkDocs,
so the same calls work under Zensical's macros support.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from handbook.catalogue import load_catalogue  # noqa: E402
from handbook.errors import HandbookDataError  # noqa: E402
from handbook.export import write_exports  # noqa: E402
from handbook.render import cases, checklists, facets, glossary, pages  # noqa: E402
from handbook.render import changes as changes_render  # noqa: E402
from handbook.render import plan as plan_render  # noqa: E402


class HandbookBuildError(Exception):
    """Data errors surfaced to the site generator; the message lists every one."""


def _load(project_dir: Path):
    from handbook.build import preloaded
    catalogue = preloaded(project_dir)  # already validated by `python -m handbook build`
    if catalogue is not None:
        return catalogue
    try:
        return load_catalogue(project_dir)
    except HandbookDataError as exc:
        # MkDocs prints PluginError messages cleanly and aborts the build.
        try:
            from mkdocs.exceptions import PluginError
        except ImportError:  # another generator: a plain exception still stops it
            raise HandbookBuildError(str(exc)) from None
        raise PluginError(str(exc)) from None


# The catalogue is a cyclic object graph; mkdocs-macros would recursively convert
# anything put into env.variables, so it is kept here instead.
_state: dict = {}


def expose_edition(conf, edition) -> None:
    """Theme templates (footer, print header, 404) read the edition from config.extra."""
    conf["extra"]["handbook_edition"] = {
        "name": edition.name, "version": edition.version, "date": edition.date,
        "build_date": edition.build_date, "label": edition.label, "line": edition.line}


def page_source_path(page) -> str:
    """The page's Markdown path relative to docs/, e.g. "checklists/dangzu.md": MkDocs keeps it
    in page.file.src_uri, Zensical (no File object) in page.path."""
    file = getattr(page, "file", None)
    return file.src_uri if file is not None else page.path


def define_env(env):
    # Data comes from the project being built (the folder of its mkdocs.yml), so fixture
    # projects under tests/ build with this same adapter.
    catalogue = _state["catalogue"] = _load(Path(env.project_dir))
    expose_edition(env.conf, catalogue.edition)

    def current_page() -> str:
        return page_source_path(env.page)

    @env.macro
    def home_page():
        return pages.home_page(catalogue, current_page())

    @env.macro
    def part_page(code, page=1):   # page ≥ 2: a continuation stub (gc-2.md), see handbook/paging.py
        return pages.part_page(catalogue, code, current_page(), page)

    @env.macro
    def source_page(page=1):
        return pages.source_page(catalogue, current_page(), page)

    @env.macro
    def glossary_page(page=1):
        return glossary.glossary_page(catalogue, current_page(), page)

    @env.macro
    def checklist_page(checklist_id, page=1):   # page ≥ 2: checklists/<id>-2.md, see handbook/paging.py
        return checklists.checklist_page(catalogue, checklist_id, current_page(), page)

    @env.macro
    def checklist_index(page=1):
        return checklists.checklist_index(catalogue, current_page(), page)

    @env.macro
    def checklist_summary():
        return checklists.summary_page(catalogue, current_page())

    @env.macro
    def cases_page(page=1):
        return cases.cases_page(catalogue, current_page(), page)

    @env.macro
    def plan_page():
        return plan_render.plan_page(catalogue, current_page())

    @env.macro
    def case_form_page():
        return cases.case_form_page(catalogue, current_page())

    @env.macro
    def changes_page(page=1):   # 修订说明; page ≥ 2: docs/changes-2.md
        return changes_render.changes_page(catalogue, current_page(), page)

    @env.macro
    def facet_page(facet, page=1):
        return facets.facet_page(catalogue, facet, current_page(), page)


def on_post_build(env):
    site_dir = Path(env.conf["site_dir"])
    write_exports(_state["catalogue"], site_dir)
    if env.conf["extra"].get("handbook_search"):
        # Material's lunr index (≈1 MB) is never loaded while the handbook search is on.
        (site_dir / "search" / "search_index.json").unlink(missing_ok=True)
