"""Reproducible builds: the fixture project built twice, in two folders, in two time zones,
with the same SOURCE_DATE_EPOCH, gives the same bytes in every file."""

from __future__ import annotations

import filecmp
import os
import shutil
import subprocess
import sys

import pytest

from conftest import FIXTURES, ROOT

OFFICE = (".docx", ".xlsx", ".pdf")  # made byte-reproducible by the writers themselves


def _project(base):
    target = base / "project"
    shutil.copytree(FIXTURES / "minimal", target)
    for folder in ("macros", "handbook", "overrides", "docs/assets"):
        shutil.copytree(ROOT / folder, target / folder, ignore=shutil.ignore_patterns("__pycache__"))
    return target


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory):
    sites = []
    for name, tz in (("a", "UTC"), ("b", "Asia/Kathmandu")):
        project = _project(tmp_path_factory.mktemp(name))
        env = {**os.environ, "TZ": tz, "SOURCE_DATE_EPOCH": "1767225600",
               "HANDBOOK_CACHE_DIR": str(project / ".cache")}   # each build writes its own downloads
        result = subprocess.run([sys.executable, "-m", "handbook", "build"], cwd=project, env=env,
                                capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr
        sites.append(project / "site")
    return sites


def _differing(a, b):
    names = {p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
    names |= {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()}
    assert len(names) > 20  # a real site, not an empty folder
    return sorted(n for n in names
                  if not ((a / n).is_file() and (b / n).is_file() and filecmp.cmp(a / n, b / n, shallow=False)))


def test_pages_json_search_and_sitemap_are_identical(two_builds):
    differing = [n for n in _differing(*two_builds) if not n.endswith(OFFICE)]
    assert differing == []
    assert (two_builds[0] / "sitemap.xml.gz").is_file()


def test_office_downloads_are_identical(two_builds):
    differing = [n for n in _differing(*two_builds) if n.endswith(OFFICE)]
    assert differing == [], f"{len(differing)} download files differ: {differing}"
