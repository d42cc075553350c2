"""`python -m handbook serve`: a rebuild replaces the site and bumps the version the page
polls; a data error keeps the last good site and is reported; the reload script is only
in served pages, never in site/."""

from __future__ import annotations

import json
import shutil
import threading
import urllib.request

from conftest import FIXTURES, ROOT

from handbook.serve import STATUS, Builder, make_server


def test_rebuild_reports_errors_and_keeps_the_last_good_site(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "minimal", project)
    for folder in ("macros", "handbook", "overrides", "docs/assets"):
        shutil.copytree(ROOT / folder, project / folder, ignore=shutil.ignore_patterns("__pycache__"))
    builder = Builder(project)
    builder.build()
    assert (builder.version, builder.error) == (1, "")
    good = (project / "site/index.html").read_bytes()

    vocabulary = project / "data/vocabulary.yaml"
    vocabulary.write_text(vocabulary.read_text(encoding="utf-8").replace("name: 党支部", "name: 支部"), encoding="utf-8")
    builder.build()
    assert builder.version == 1 and "data/requirements/AA.yaml:14" in builder.error
    assert (project / "site/index.html").read_bytes() == good

    server = make_server(builder, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        status = json.loads(urllib.request.urlopen(base + STATUS).read())
        assert status["version"] == 1 and "AA1-01" in status["error"]
        page = urllib.request.urlopen(base + "/index.html").read()
        assert STATUS.encode() in page and STATUS.encode() not in good
    finally:
        server.shutdown()
