"""Vendored browser libraries match docs/assets/vendor/VENDOR.json (scripts/refresh-vendor writes both)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENDOR = ROOT / "docs" / "assets" / "vendor"


def test_vendor_json_matches_files_and_package_json():
    entries = json.loads((VENDOR / "VENDOR.json").read_text(encoding="utf-8"))
    pinned = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["dependencies"]
    assert {e["name"] for e in entries} == set(pinned)
    for entry in entries:
        path = VENDOR / entry["file"]
        assert hashlib.sha256(path.read_bytes()).hexdigest() == entry["sha256"], entry["file"]
        assert entry["version"] == pinned[entry["name"]] and entry["licence"] == "MIT"
        assert (path.parent / "LICENSE").is_file()
