"""`python -m handbook serve`: rebuild on every edit, serve site/, reload the browser.

Each rebuild is `python -m handbook build` in a fresh interpreter, so edits to handbook/
and macros/ take effect (mkdocs serve keeps the old modules loaded), and the build's
atomic swap keeps the last good site/ when data is wrong; the error is then shown on
the page until the next good build. The reload script is injected only here, never
written into site/.
"""

from __future__ import annotations

import errno
import http.server
import json
import subprocess
import sys
import threading
import time
from pathlib import Path

CODE_ROOT = Path(__file__).resolve().parent.parent
WATCHED = ("data", "handbook", "macros", "docs", "overrides", "mkdocs.yml")
STATUS = "/__handbook_status"
RELOAD_SCRIPT = f"""<script>(() => {{ let seen = null; const box = document.createElement("pre");
box.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:50vh;overflow:auto;margin:0;padding:1em;"
  + "background:#b71c1c;color:#fff;z-index:10000;white-space:pre-wrap;font-size:14px";
async function poll() {{
  try {{ const s = await (await fetch("{STATUS}", {{cache: "no-store"}})).json();
    if (seen !== null && s.version !== seen) return location.reload();
    seen = s.version; box.textContent = s.error ? "构建失败，页面仍是上一次成功的版本：\\n\\n" + s.error : "";
    if (s.error && !box.isConnected) document.body.append(box); if (!s.error) box.remove();
  }} catch (e) {{}}
  setTimeout(poll, 500); }}
poll(); }})();</script>""".encode()


class Builder:
    def __init__(self, root: Path, generator: str = "mkdocs"):
        self.root = root
        self.generator = generator
        self.version = 0
        self.error = ""
        self.last_seconds = 0.0
        self._lock = threading.Lock()
        self._pending = threading.Event()

    def build(self) -> None:
        started = time.perf_counter()
        # cwd: where this handbook package lives, so a project without its own copy builds too.
        result = subprocess.run([sys.executable, "-m", "handbook", "--root", str(self.root), "build",
                                 "--generator", self.generator],
                                cwd=CODE_ROOT, capture_output=True, text=True)
        self.last_seconds = time.perf_counter() - started
        with self._lock:
            if result.returncode == 0:
                self.error, self.version = "", self.version + 1
                print(f"已重新生成（{self.last_seconds:.1f} s）", flush=True)
            else:
                self.error = (result.stderr or result.stdout).strip()[:8000]
                print(self.error, file=sys.stderr, flush=True)

    def status(self) -> bytes:
        with self._lock:
            return json.dumps({"version": self.version, "error": self.error}, ensure_ascii=False).encode()

    def request(self) -> None:
        self._pending.set()

    def loop(self) -> None:
        while True:
            self._pending.wait()
            time.sleep(0.2)  # an editor's save is often several writes: build once
            self._pending.clear()
            self.build()


def _handler(builder: Builder, site: Path):
    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(site), **kwargs)

        def log_message(self, *_args):
            pass

        def do_GET(self):
            if self.path == STATUS:
                return self._send(builder.status(), "application/json; charset=utf-8")
            path = Path(self.translate_path(self.path))
            if path.is_dir():
                path = path / "index.html"
            if path.suffix == ".html" and path.is_file():
                body = path.read_bytes().replace(b"</body>", RELOAD_SCRIPT + b"</body>", 1)
                return self._send(body, "text/html; charset=utf-8")
            return super().do_GET()

        def _send(self, body: bytes, kind: str):
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)
    return Handler


def make_server(builder: Builder, host: str, port: int) -> http.server.ThreadingHTTPServer:
    server = http.server.ThreadingHTTPServer((host, port), _handler(builder, builder.root / "site"))
    server.builder = builder
    return server


def port_problem(exc: OSError, host: str, port: int) -> str:
    """Why the preview cannot listen on host:port, in Chinese, with the way out."""
    other = f"HOST={host if host not in ('', '0.0.0.0') else '127.0.0.1'}:{port + 1} make serve"
    if exc.errno == errno.EADDRINUSE:
        return f"端口 {port} 已被占用（可能已有一个预览在运行）。换一个端口：{other}"
    if exc.errno == errno.EACCES:
        return f"没有权限使用端口 {port}（1024 以下的端口需要管理员权限）。换一个端口：{other}"
    return f"无法在 {host}:{port} 上提供预览（{exc.strerror or exc}）。检查地址，或换一个：{other}"


def serve(root: Path, host: str = "127.0.0.1", port: int = 8000, generator: str = "mkdocs") -> int:
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer

    try:   # before the first build: a busy port should not cost a build to find out
        server = make_server(Builder(root, generator), host, port)
    except OSError as exc:
        print(port_problem(exc, host, port), file=sys.stderr)
        return 1
    builder = server.builder
    builder.build()
    if builder.version == 0:
        print("首次构建失败；修改后会自动重试。", file=sys.stderr)

    class OnEdit(FileSystemEventHandler):
        def on_any_event(self, event):
            path = str(getattr(event, "dest_path", "") or event.src_path)
            if event.event_type in ("opened", "closed_no_write") or "__pycache__" in path:
                return
            if any(Path(path).is_relative_to(root / name) for name in WATCHED):
                builder.request()

    observer = Observer()
    for name in WATCHED:
        target = root / name
        if target.is_dir():
            observer.schedule(OnEdit(), str(target), recursive=True)
    observer.schedule(OnEdit(), str(root), recursive=False)  # mkdocs.yml
    observer.start()
    threading.Thread(target=builder.loop, daemon=True).start()
    print(f"手册预览：http://{host}:{port}/ （修改 data/、handbook/、macros/、docs/ 后自动重新生成并刷新）", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        observer.stop()
    return 0
