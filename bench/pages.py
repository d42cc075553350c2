"""Page sizes with growth: for ×1, ×10, ×100 scaled projects (bench/scale.py, which also writes
the continuation stubs), `python -m handbook --root P build`: build time, peak RSS, largest page,
number of pages; then the growth exponent log(v100/v10)/log(10) of each. Asserts nothing.

    .venv/bin/python bench/pages.py [1 10 100]    # ×100 takes long; downloads cached per scale
    BENCH_DIR=/tmp/pages .venv/bin/python bench/pages.py 10   # keep the projects to look at
"""

from __future__ import annotations

import math
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from run import ENV, PY, run, site_sizes  # noqa: E402
from scale import scaled_project  # noqa: E402

LIMIT = 1024 * 1024   # issue 10: no HTML page over 1 MB at ×100


def measure(factor: int, tmp: Path) -> dict:
    project = tmp / f"x{factor}"
    shutil.rmtree(project, ignore_errors=True)
    counts = scaled_project(factor, project)
    cache = os.environ.get("HANDBOOK_CACHE_DIR") or str(tmp / f"cache{factor}")
    env = {**ENV, "HANDBOOK_CACHE_DIR": cache}
    run([PY, "-m", "handbook", "--root", str(project), "build"], env)            # warms the download cache
    seconds, rss = run([PY, "-m", "handbook", "--root", str(project), "build"], env)
    site = project / "site"
    largest, size, _total = site_sizes(site)
    pages = list(site.rglob("*.html"))
    over = sorted(p.relative_to(site).as_posix() for p in pages if p.stat().st_size > LIMIT)
    return {"factor": factor, "items": counts["items"], "seconds": seconds, "rss": rss / 1024,
            "largest": largest, "size": size, "pages": len(pages), "over": over}


def main() -> None:
    factors = [int(a) for a in sys.argv[1:]] or [1, 10, 100]
    rows = {}
    with tempfile.TemporaryDirectory() as scratch:
        tmp = os.environ.get("BENCH_DIR") or scratch
        for factor in factors:
            rows[factor] = row = measure(factor, Path(tmp))
            print(f"×{factor:<4} items {row['items']:>6}  build {row['seconds']:7.1f} s  peak RSS {row['rss']:7.0f} MiB  "
                  f"pages {row['pages']:>5}  largest {row['size'] / 1024:8.0f} KiB ({row['largest']})  "
                  f"over 1 MiB: {', '.join(row['over']) or 'none'}", flush=True)
    if 10 in rows and 100 in rows:
        a, b = rows[10], rows[100]
        exponent = lambda key: math.log(b[key] / a[key]) / math.log(10)   # noqa: E731
        print(f"growth ×10→×100 (1.0 = linear): build {exponent('seconds'):.2f}, peak RSS {exponent('rss'):.2f}, "
              f"largest page {exponent('size'):.2f}")


if __name__ == "__main__":
    main()
