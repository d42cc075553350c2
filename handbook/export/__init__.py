"""Exports: JSON under site/api/, download files under site/downloads/, search data."""

from __future__ import annotations

from pathlib import Path

from ..paging import write_anchor_maps
from .api import write_api
from .changes_data import write_changes_json
from .case_form import write_case_items
from .downloads import write_checklists_json
from .files import FileMaker
from .fill_data import write_fill_data
from .jobs import file_maker
from .plan_data import write_plan_data
from .search import write_search_data

# Download files already being made for a catalogue (start_files), by id(catalogue).
_STARTED: dict[int, FileMaker] = {}


def start_files(catalogue) -> None:
    """Start making missing download files in worker processes, beside the page build."""
    _STARTED[id(catalogue)] = file_maker(catalogue).start()


def discard_files(catalogue) -> None:
    """Stop what start_files began if the build failed before write_exports took it."""
    maker = _STARTED.pop(id(catalogue), None)
    if maker is not None:
        maker.cancel()


def write_exports(catalogue, site_dir: Path) -> None:
    maker = _STARTED.pop(id(catalogue), None) or file_maker(catalogue).start()
    maker.finish(site_dir)
    write_api(catalogue, site_dir)
    write_anchor_maps(catalogue, site_dir)   # api/pages/*.js: anchor → page of split pages
    write_checklists_json(catalogue, site_dir)
    write_fill_data(catalogue, site_dir)      # after the downloads: wraps their .xlsx bytes
    write_search_data(catalogue, site_dir)
    write_case_items(catalogue, site_dir)
    write_plan_data(catalogue, site_dir)
    write_changes_json(catalogue, site_dir)   # api/changes.json: 修订说明 as data


__all__ = ["discard_files", "start_files", "write_exports"]
