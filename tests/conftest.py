"""Shared fixtures: the real project, small fixture projects, a built site, a browser."""

from __future__ import annotations

import functools
import http.server
import io
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
IN_CI = os.environ.get("CI") == "true"
CHROMIUM = os.environ.get("HANDBOOK_CHROMIUM", "/usr/bin/chromium")

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def require(condition: bool, reason: str) -> None:
    """Missing system parts fail in CI (where `make test` installs them) and skip elsewhere."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: required)")
    pytest.skip(reason)  # outside CI only: IN_CI failed above


def require_tool(name: str) -> str:
    path = shutil.which(name)
    require(path is not None, f"{name} not installed (make test installs it as root)")
    return path


@pytest.fixture
def fixture_project(tmp_path) -> Path:
    """A fresh copy of the minimal valid fixture project, safe to break."""
    target = tmp_path / "project"
    shutil.copytree(FIXTURES / "minimal", target)
    return target


@pytest.fixture(scope="session")
def catalogue():
    from handbook.catalogue import load_catalogue
    return load_catalogue(ROOT)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The real handbook built once with `mkdocs build --strict`; yields (site_dir, log)."""
    site = tmp_path_factory.mktemp("site") / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    return site, log


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve_directory(directory: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    """Serve a folder on a free loopback port; returns (base URL, server to shut down)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}", server


@pytest.fixture(scope="session")
def site_url(built_site):
    """Serve the built site on a loopback port for the browser tests."""
    site, _log = built_site
    url, server = serve_directory(site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    require(Path(CHROMIUM).exists(), f"Chromium not found at {CHROMIUM}")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"])
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, site_url):
    """A fresh page that records console errors and any request leaving loopback."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.console_errors = []
    page.outside_requests = []
    page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
    page.on("pageerror", lambda e: page.console_errors.append(str(e)))

    def guard(route):
        url = route.request.url
        if url.startswith(site_url) or url.startswith("data:") or url.startswith("blob:"):
            route.continue_()
        else:
            page.outside_requests.append(url)
            route.abort()

    page.route("**/*", guard)
    yield page
    context.close()


# --- accessibility, phone, identity (tests/browser/test_a11y.py, test_phone.py, test_identity.py) ---

VENDOR = Path(__file__).resolve().parent / "vendor"


@pytest.fixture(scope="session")
def site_pages(built_site) -> list[str]:
    """Every HTML page of the built site, as paths relative to its root (404.html included)."""
    site, _log = built_site
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    assert "index.html" in pages and "404.html" in pages
    return pages


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core, vendored for the tests only (tests/vendor/README.md)."""
    return (VENDOR / "axe.min.js").read_text(encoding="utf-8")


class _ErrorPageHandler(_QuietHandler):
    """Serves the site under PREFIX and answers missing files like nginx `error_page 404`:
    status 404 with the site's 404.html, at whatever address was asked for."""
    PREFIX = "/sub/handbook/"

    def send_head(self):
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        if not path.startswith(self.PREFIX):
            return self._not_found()
        self.path = "/" + self.path[len(self.PREFIX):]
        if not Path(self.translate_path(self.path)).exists():
            return self._not_found()
        return super().send_head()

    def _not_found(self):
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@pytest.fixture(scope="session")
def subpath_site_url(built_site):
    """The built site served under a sub-path (/sub/handbook/) with a real 404 for missing pages."""
    site, _log = built_site
    handler = functools.partial(_ErrorPageHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}{_ErrorPageHandler.PREFIX}"
    server.shutdown()


@pytest.fixture
def tab(browser):
    """A fresh browser tab (desktop size, downloads accepted) that collects page errors."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.console_errors = []
    page.on("pageerror", lambda e: page.console_errors.append(str(e)))
    yield page
    context.close()


@pytest.fixture
def lay_out(catalogue, monkeypatch):
    """lay_out(budget): the real catalogue laid out with that page budget; the real layout is restored afterwards."""
    from handbook import paging

    def with_budget(budget: int):
        monkeypatch.setattr(paging, "BUDGET", budget)
        paging._LAYOUTS.clear()
        return paging.attach(catalogue)
    yield with_budget
    monkeypatch.undo()
    paging._LAYOUTS.clear()
    paging.attach(catalogue)
