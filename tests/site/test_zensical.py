"""The second build target: the real handbook built by `python -m handbook build` with MkDocs
and with `--generator zensical` gives the same page bodies and byte-identical exports; the
Zensical site loads no search index of its own and its search box is styled like MkDocs'.

Zensical lives in .venv-zensical (make build-zensical; `make test` installs it)."""

from __future__ import annotations

import filecmp
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, require, serve_directory

ZENSICAL_PYTHON = Path(os.environ.get("HANDBOOK_ZENSICAL_PYTHON") or ROOT / ".venv-zensical" / "bin" / "python")
PROJECT_PARTS = ("data", "docs", "overrides", "macros", "handbook", "mkdocs.yml")
EXPORT_DIRS = ("api", "downloads", "search")     # downloads/ holds the fill data (downloads/fill/)
# Theme chrome inside <article>: Zensical's skip-link target; blank lines around the content.
ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
SKIP_TARGET = '<a id="__skip" tabindex="-1"></a>'


def _require_zensical() -> None:
    require(ZENSICAL_PYTHON.is_file(), f"Zensical not installed at {ZENSICAL_PYTHON} (make build-zensical)")


def _copy_project(target: Path) -> Path:
    target.mkdir(parents=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copyfile(source, target / part)
    return target


def _build(project: Path, *args: str, cache: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600", "HANDBOOK_CACHE_DIR": str(cache),
           "HANDBOOK_ZENSICAL_PYTHON": str(ZENSICAL_PYTHON)}
    return subprocess.run([sys.executable, "-m", "handbook", "build", *args], cwd=project, env=env,
                          capture_output=True, text=True)


@pytest.fixture(scope="module")
def two_sites(tmp_path_factory):
    """(mkdocs site, zensical site): one copy of the real project per generator, each with its
    own downloads cache, so identical Office files are made twice, not copied from one cache."""
    _require_zensical()
    sites = []
    for generator in ("mkdocs", "zensical"):
        base = tmp_path_factory.mktemp(generator)
        project = _copy_project(base / "project")
        result = _build(project, "--generator", generator, cache=base / "cache")
        assert result.returncode == 0, result.stdout + result.stderr
        sites.append(project / "site")
    return sites


def _body(html: str) -> str:
    articles = ARTICLE.findall(html)
    assert len(articles) == 1, "expected one <article class=md-content__inner>"
    return re.sub(r"\n\s*\n+", "\n", articles[0].replace(SKIP_TARGET, "")).strip()


def _files(folder: Path, pattern: str = "*") -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob(pattern) if p.is_file()}


def test_every_page_body_is_identical(two_sites):
    mkdocs, zensical = two_sites
    pages = _files(mkdocs, "*.html")
    assert "index.html" in pages and "404.html" in pages
    assert _files(zensical, "*.html") == pages
    differing = [page for page in sorted(pages)
                 if _body((mkdocs / page).read_text(encoding="utf-8"))
                 != _body((zensical / page).read_text(encoding="utf-8"))]
    assert differing == []


def test_every_export_is_byte_identical(two_sites):
    mkdocs, zensical = two_sites
    exports = {f"{folder}/{name}" for folder in EXPORT_DIRS for name in _files(mkdocs / folder)}
    assert {"api/requirements.json", "search/handbook-index.js"} <= exports
    assert any(name.startswith("downloads/fill/") for name in exports)
    assert {f"{folder}/{name}" for folder in EXPORT_DIRS for name in _files(zensical / folder)} == exports
    differing = [name for name in sorted(exports)
                 if not filecmp.cmp(mkdocs / name, zensical / name, shallow=False)]
    assert differing == []


def test_zensical_search_index_is_neither_written_nor_loaded(two_sites):
    _mkdocs, zensical = two_sites
    assert not (zensical / "search.json").exists() and not (zensical / "search.js").exists()
    for bundle in (zensical / "assets" / "javascripts").glob("bundle.*.min.js"):
        assert '(".md-search")?' not in bundle.read_text(encoding="utf-8")


def _visit(browser, url: str, path: str, requests: list[str]):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{url}/{path}")
    page.wait_for_load_state("networkidle")
    return context, page


INPUT_STYLE = """() => { const s = getComputedStyle(document.querySelector('.hb-search .md-search__input'));
  return {height: s.height, fontSize: s.fontSize, background: s.backgroundColor, border: s.borderTopStyle,
          padding: s.paddingLeft, color: s.color}; }"""


def test_zensical_pages_fetch_no_second_index_and_the_search_box_works(two_sites, browser):
    mkdocs, zensical = two_sites
    styles = {}
    for name, site in (("mkdocs", mkdocs), ("zensical", zensical)):
        url, server = serve_directory(site)
        requests: list[str] = []
        try:
            context, page = _visit(browser, url, "checklists/dangzu.html", requests)
            styles[name] = page.evaluate(INPUT_STYLE)
            page.click(".hb-search .md-search__input")
            page.keyboard.type("政治")
            page.wait_for_selector("[data-hb-search-results] li", state="visible")
            assert page.locator("[data-hb-search-results] li").count() > 0
            inner = page.locator(".hb-search .md-search__inner").bounding_box()
            assert inner and inner["width"] > 300, f"{name}: the opened search box is not laid out"
            context.close()
        finally:
            server.shutdown()
        outside = [r for r in requests if not r.startswith(url) and not r.startswith(("data:", "blob:"))]
        assert outside == [], f"{name} loads from outside the site: {outside}"
        fetched = {r[len(url):].split("?")[0] for r in requests}
        assert "/search/handbook-index.js" in fetched
        assert not fetched & {"/search.json", "/search.js", "/search/search_index.json"}, fetched
    # Styled by the stylesheets, not the browser default (e.g. a white 2px-inset 13px field) …
    assert styles["zensical"]["border"] == "none" and styles["zensical"]["fontSize"] != "13.3333px"
    # … and the same as in the MkDocs build.
    assert styles["zensical"] == styles["mkdocs"]


def test_data_edits_show_despite_zensical_page_cache(tmp_path):
    """Zensical caches pages by docs/, the macros module and the configuration (site folder and
    edition included), not data/; the runner builds clean. Both renders go to one folder, as
    the driver's always do (.build/site.new); without `clean` the second shows the old note."""
    _require_zensical()
    project = _copy_project(tmp_path / "project")
    env = {**os.environ, "PYTHONPATH": str(project)}
    vocabulary = project / "data" / "vocabulary.yaml"

    def render(site: Path) -> str:
        result = subprocess.run([str(ZENSICAL_PYTHON), "-m", "handbook.zensical", str(project), str(site)],
                                cwd=project, env=env, capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr
        return (site / "browse" / "subjects.html").read_text(encoding="utf-8")

    note = re.search(r"note: ([^,}]+)}", vocabulary.read_text(encoding="utf-8")).group(1)
    assert note in render(project / "out1")
    vocabulary.write_text(vocabulary.read_text(encoding="utf-8").replace(note, note + "（改）", 1), encoding="utf-8")
    assert note + "（改）" in render(project / "out1")


def test_a_failed_zensical_build_keeps_the_last_good_site(tmp_path):
    _require_zensical()
    project = _copy_project(tmp_path / "project")
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("last good build", encoding="utf-8")
    page = project / "docs" / "glossary.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n{{ no_such_macro() }}\n", encoding="utf-8")
    result = _build(project, "--generator", "zensical", cache=tmp_path / "cache")
    assert result.returncode == 1
    assert "构建失败" in result.stderr and "no_such_macro" in result.stdout + result.stderr
    assert (project / "site" / "index.html").read_text(encoding="utf-8") == "last good build"
