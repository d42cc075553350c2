"""Exports: JSON under site/api/ and checklist downloads under site/downloads/."""

from pathlib import Path

from ..paging import write_anchor_maps
from .api import write_api
from .case_form import write_case_form
from .downloads import write_downloads
from .fill_data import write_fill_data
from .plan_files import write_plan_files
from .search import write_search_data


def write_exports(catalogue, site_dir: Path) -> None:
    write_api(catalogue, site_dir)
    write_anchor_maps(catalogue, site_dir)   # api/pages/*.js: anchor → page of split pages
    write_downloads(catalogue, site_dir)
    write_fill_data(catalogue, site_dir)      # after downloads: wraps their .xlsx bytes
    write_search_data(catalogue, site_dir)
    write_plan_files(catalogue, site_dir)
    write_case_form(catalogue, site_dir)


__all__ = ["write_exports"]
