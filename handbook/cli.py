"""Command line: `python -m handbook check` validates data without building."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

from .catalogue import load_or_report
from .errors import ERROR_KINDS, HandbookDataError
from .load import PUBLISHED_IDS_FILE

ROOT = Path(__file__).resolve().parent.parent


def _check(args) -> int:
    started = time.perf_counter()
    catalogue = load_or_report(args.root)
    if catalogue is None:
        return 1
    elapsed = time.perf_counter() - started
    print(f"数据校验通过：{len(catalogue.parts) - 1} 个部分，{len(catalogue.sections)} 个方面（含开篇），"
          f"{len(catalogue.items)} 条要求，{len(catalogue.terms)} 个提法，{len(catalogue.checklists)} 份清单；用时 {elapsed * 1000:.0f} ms")
    return 0


def _build(args) -> int:
    """Build into a scratch folder and swap it in only when complete.

    A failed build (bad data, a warning under --strict) leaves the last good
    site/ untouched; a good one replaces it in one rename.
    """
    root: Path = args.root.resolve()
    started = time.perf_counter()
    catalogue = load_or_report(root)
    if catalogue is None:
        return 1
    scratch = root / ".build"
    fresh, previous, site = scratch / "site.new", scratch / "site.old", root / args.site_dir
    shutil.rmtree(fresh, ignore_errors=True)
    scratch.mkdir(exist_ok=True)
    from .export import discard_files, start_files
    if args.generator in ("mkdocs", "zensical"):
        start_files(catalogue)            # missing downloads are made beside the page build
    if args.generator == "mkdocs":
        from .build import build_mkdocs
        ok = build_mkdocs(root, fresh, catalogue)
    elif args.generator == "zensical":  # its own venv; the driver writes the exports afterwards
        from .zensical import build_zensical
        ok = build_zensical(root, fresh, catalogue)
    else:  # any other generator command, run as `<command> build --strict --site-dir <dir>`
        command = [*args.generator.split(), "build", "--strict", "--site-dir", str(fresh)]
        ok = subprocess.run(command, cwd=root, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}).returncode == 0
    discard_files(catalogue)              # a failed build leaves workers behind: stop them
    if not ok or not (fresh / "api" / "requirements.json").is_file():
        print(f"构建失败，保留原有 {args.site_dir}/ 不变。", file=sys.stderr)
        shutil.rmtree(fresh, ignore_errors=True)
        return 1
    shutil.rmtree(previous, ignore_errors=True)
    if site.exists():
        site.rename(previous)
    fresh.rename(site)
    shutil.rmtree(previous, ignore_errors=True)
    print(f"网站已生成：{site}（{time.perf_counter() - started:.1f} s）")
    return 0


def _serve(args) -> int:
    from .serve import serve
    host, _, port = args.address.rpartition(":")
    if not port.isdigit() or not 0 < int(port) < 65536:
        print(f"地址 {args.address!r} 应写成 主机:端口，例如 HOST=127.0.0.1:8001 make serve", file=sys.stderr)
        return 2
    return serve(args.root.resolve(), host or "127.0.0.1", int(port), args.generator)


def _bundle(args) -> int:
    """Zip site/ for people without a web server: unzip, then open index.html (file://)."""
    site = args.root / "site"
    if not (site / "index.html").is_file():
        print("没有找到 site/，请先运行 make build。", file=sys.stderr)
        return 1
    catalogue = load_or_report(args.root)
    if catalogue is None:
        return 1
    edition = catalogue.edition
    target = args.root / "dist" / f"handbook-{edition.version}.zip"
    target.parent.mkdir(exist_ok=True)
    folder = f"{edition.name}-{edition.version}"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(site.rglob("*")):
            if path.is_file():
                archive.write(path, f"{folder}/{path.relative_to(site).as_posix()}")
    print(f"离线包：{target}（{target.stat().st_size / 1024 / 1024:.1f} MiB），解压后双击 index.html 即可使用。")
    return 0


def _export(args) -> int:
    """Write api/, downloads/ and the search index into a built site: the step a generator
    without mkdocs-macros' on_post_build (e.g. Zensical) runs after building."""
    from .export import write_exports
    catalogue = load_or_report(args.root)
    if catalogue is None:
        return 1
    write_exports(catalogue, args.site)
    print(f"已写入导出文件：{args.site}")
    return 0


def _publish(args) -> int:
    """Record every current item ID as published, so it can never silently disappear."""
    catalogue = load_or_report(args.root, unpublished_ok=True)   # registering them is the point
    if catalogue is None:
        return 1
    path = args.root / PUBLISHED_IDS_FILE
    known = path.read_text(encoding="utf-8").split() if path.is_file() else []
    new = [item_id for item_id in catalogue.items if item_id not in known]
    if not path.is_file():
        path.write_text("# 已发布的条目编号：只增不删。由 `python -m handbook publish` 追加。\n", encoding="utf-8")
    with path.open("a", encoding="utf-8") as out:
        out.writelines(f"{item_id}\n" for item_id in new)
    print(f"新登记 {len(new)} 个编号，共 {len(known) + len(new)} 个。")
    return 0


def _release(args) -> int:
    """Record the current edition in data/editions/<version>.json (and its IDs as published)."""
    from .editions import release
    catalogue = load_or_report(args.root)
    if catalogue is None:
        return 1
    status, path = release(args.root, catalogue)
    version = catalogue.edition.version
    if status == "conflict":
        print(f"{path} 已记录 {version} 版，而数据已有改动：已发布的版本不可更改。"
              f"请先在 data/edition.yaml 提高版本号（如 {version} → 下一版）并更新数据日期，再运行 make release。",
              file=sys.stderr)
        return 1
    _publish(args)
    print(f"{version} 版{'已记录' if status == 'written' else '此前已记录，内容相同，未改动'}：{path}"
          "（提交进仓库；修订说明页据此列出各版的变化）")
    return 0


def _new_case(args) -> int:
    """Scaffold data/cases/<id>.yaml from the 来稿 template; never overwrite a case."""
    import datetime
    import re
    from .cases import CASE_ID, TEMPLATE
    from .load import CASES_DIR
    if not re.fullmatch(CASE_ID, args.id):
        print(f"编号 {args.id!r} 只能用小写拼音或英文、数字，用“-”连接，例如 laigao-xuexi-xiaozu", file=sys.stderr)
        return 1
    path = args.root / CASES_DIR / f"{args.id}.yaml"
    if path.exists():
        print(f"{path} 已存在，未覆盖。", file=sys.stderr)
        return 1
    catalogue = load_or_report(args.root)
    if catalogue is None:
        return 1
    item = next(iter(catalogue.items))
    path.write_text(TEMPLATE.format(date=datetime.date.today().isoformat(), item=item), encoding="utf-8")
    print(f"已新建 {path.relative_to(args.root)}：填写后运行 make check 校验。")
    return 0


def _pages(args) -> int:
    """Write the continuation stubs (docs/gc-2.md …) the data needs and delete left-over ones."""
    from .catalogue import update_stubs
    try:
        written, removed = update_stubs(args.root)
    except HandbookDataError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"续页桩文件：新写 {len(written)} 个，删除 {len(removed)} 个。" + "".join(f"\n  + docs/{p}" for p in written)
          + "".join(f"\n  - docs/{p}" for p in removed))
    return 0


def _errors(_args) -> int:
    for kind, hint in ERROR_KINDS.items():
        print(f"{kind:22} {hint}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m handbook", description="五型模范机关建设手册 data tools")
    parser.add_argument("--root", type=Path, default=ROOT, help="project root (holds data/)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="validate data/ and report every error").set_defaults(func=_check)
    build = sub.add_parser("build", help="check, then build the site atomically into site/")
    build.add_argument("--site-dir", default="site")
    build.add_argument("--generator", default="mkdocs",
                       help="mkdocs (default: in this process), zensical (.venv-zensical, make build-zensical), "
                            "or a generator command run as a subprocess")
    build.set_defaults(func=_build)
    serve = sub.add_parser("serve", help="build, serve site/ and rebuild + reload on every edit")
    serve.add_argument("--address", default="127.0.0.1:8000")
    serve.add_argument("--generator", default="mkdocs", help="as for build, e.g. zensical")
    serve.set_defaults(func=_serve)
    sub.add_parser("bundle", help="zip site/ into dist/ for offline use").set_defaults(func=_bundle)
    export = sub.add_parser("export", help="write api/, downloads/ and the search index into a built site")
    export.add_argument("site", type=Path, help="the built site folder, e.g. site")
    export.set_defaults(func=_export)
    sub.add_parser("publish", help="record current item IDs in data/published-ids.txt").set_defaults(func=_publish)
    sub.add_parser("release", help="record the current edition in data/editions/<version>.json (commit it)"
                   ).set_defaults(func=_release)
    new_case = sub.add_parser("new-case", help="scaffold data/cases/<id>.yaml for a 来稿 (then make check)")
    new_case.add_argument("id", help="file name: lowercase pinyin joined by '-'"); new_case.set_defaults(func=_new_case)
    sub.add_parser("pages", help="write/delete continuation page stubs (docs/gc-2.md …) to match the data").set_defaults(func=_pages)
    sub.add_parser("errors", help="list every error kind with its hint").set_defaults(func=_errors)
    args = parser.parse_args(argv)
    return args.func(args)
