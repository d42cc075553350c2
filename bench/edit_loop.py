"""The editing loop: seconds from saving a data file to the reloaded page showing the edit,
under `python -m handbook serve` (rebuild in a fresh process, page polls and reloads).

    python bench/edit_loop.py PROJECT [RUNS]     # prints the median and each run

The edit appends a marker to a glossary term's note (free text, so the data stays valid)
and waits in Chromium until glossary.html shows it.
"""

from __future__ import annotations

import os
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_served(url: str, limit: float = 900) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + "__handbook_status", timeout=2) as response:
                if b'"version": 0' not in response.read():
                    return
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"serve did not answer at {url} in {limit:.0f} s")


def edit_loop(project: Path, runs: int = 3) -> list[float]:
    from playwright.sync_api import sync_playwright

    port = _free_port()
    url = f"http://127.0.0.1:{port}/"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen([sys.executable, "-m", "handbook", "--root", str(project), "serve",
                               "--address", f"127.0.0.1:{port}"], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    glossary = project / "data" / "glossary.yaml"
    original = glossary.read_text(encoding="utf-8")
    seconds = []
    try:
        _wait_served(url)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                                 args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page()
            page.goto(url + "glossary.html")
            for run in range(runs):
                marker = f"编辑测量{run + 1}号"
                text = re.sub(r"(?m)^(\s+note: )", rf"\g<1>{marker}", glossary.read_text(encoding="utf-8"), count=1)
                assert marker in text, "no term note to edit"
                started = time.perf_counter()
                glossary.write_text(text, encoding="utf-8")
                page.wait_for_function("m => document.body && document.body.innerText.includes(m)",
                                       arg=marker, timeout=900_000, polling=50)
                seconds.append(time.perf_counter() - started)
                time.sleep(1)  # let the watcher settle before the next save
            browser.close()
    finally:
        glossary.write_text(original, encoding="utf-8")
        server.terminate()
        server.wait(timeout=30)
    return seconds


if __name__ == "__main__":
    times = edit_loop(Path(sys.argv[1]).resolve(), int(sys.argv[2]) if len(sys.argv) > 2 else 3)
    print(f"save → reloaded page: median {statistics.median(times):.1f} s ({', '.join(f'{t:.1f}' for t in times)})")
