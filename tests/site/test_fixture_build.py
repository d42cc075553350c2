"""End to end on the small fixture project: it builds, links resolve, and a failed build
never replaces or damages the last good site."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from conftest import ROOT
from crawler import broken_links


@pytest.fixture
def buildable_project(fixture_project):
    """The fixture project with the generator code, theme overrides and assets of the real one."""
    for folder in ("macros", "handbook", "overrides", "docs/assets"):
        shutil.copytree(ROOT / folder, fixture_project / folder, ignore=shutil.ignore_patterns("__pycache__"))
    return fixture_project


def _build(project):
    return subprocess.run([sys.executable, "-m", "handbook", "build"], cwd=project,
                          capture_output=True, text=True)


def test_fixture_project_builds_with_working_links(buildable_project):
    result = _build(buildable_project)
    assert result.returncode == 0, result.stdout + result.stderr
    site = buildable_project / "site"
    assert broken_links(site) == []
    html = (site / "aa.html").read_text(encoding="utf-8")
    assert 'id="AA1-02"' in html and "要<span class=\"hb-gap\">……</span>举办读书班" in html
    assert "推进***示范工作" in (site / "zs.html").read_text(encoding="utf-8")
    for extension in ("docx", "xlsx", "csv", "pdf"):
        assert (site / f"downloads/branch.{extension}").is_file()


def test_failed_build_keeps_the_last_good_site(buildable_project):
    assert _build(buildable_project).returncode == 0
    site = buildable_project / "site"
    before = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    vocabulary = buildable_project / "data/vocabulary.yaml"
    vocabulary.write_text(vocabulary.read_text(encoding="utf-8").replace("name: 党支部", "name: 支部"),
                          encoding="utf-8")
    result = _build(buildable_project)
    assert result.returncode == 1
    assert "data/requirements/AA.yaml:14: 条目 AA1-01: subjects：'党支部' 不在词表中，应为以下之一" in result.stderr
    after = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before


def test_generator_failure_after_validation_keeps_the_site(buildable_project):
    """Data valid, but the page generator fails (here: a page calls an unknown macro)."""
    assert _build(buildable_project).returncode == 0
    site = buildable_project / "site"
    marker = (site / "index.html").read_bytes()
    (buildable_project / "docs/broken.md").write_text("---\nrender_macros: true\n---\n\n{{ no_such_macro() }}\n",
                                                      encoding="utf-8")
    result = _build(buildable_project)
    assert result.returncode == 1
    assert "保留原有 site/ 不变" in result.stderr
    assert (site / "index.html").read_bytes() == marker and not (site / "broken.html").exists()


def test_export_command_writes_the_same_files_as_the_build(buildable_project, tmp_path):
    assert _build(buildable_project).returncode == 0
    target = tmp_path / "exported"
    result = subprocess.run([sys.executable, "-m", "handbook", "export", str(target)], cwd=buildable_project,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    built = buildable_project / "site"
    for name in ("api/requirements.json", "api/glossary.json", "api/checklists.json", "search/handbook-index.js",
                 "downloads/branch.csv"):
        assert (target / name).read_bytes() == (built / name).read_bytes(), name


def test_offline_bundle_holds_the_whole_site(buildable_project):
    import zipfile
    assert _build(buildable_project).returncode == 0
    result = subprocess.run([sys.executable, "-m", "handbook", "bundle"], cwd=buildable_project,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    (archive,) = (buildable_project / "dist").glob("handbook-*.zip")
    names = zipfile.ZipFile(archive).namelist()
    site_files = sorted(p.relative_to(buildable_project / "site").as_posix()
                        for p in (buildable_project / "site").rglob("*") if p.is_file())
    assert sorted(n.split("/", 1)[1] for n in names) == site_files
    assert any(n.endswith("/search/handbook-index.js") for n in names)
    assert not any(n.endswith("search_index.json") for n in names)     # Material's unused index is dropped
