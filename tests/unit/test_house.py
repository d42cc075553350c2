"""The house rules of handbook/ (issue 23), measured on the source with ast:
no import circle, and no class or function longer than MAX_LINES."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "handbook"
MAX_LINES = 300   # one class or function; the old _Linker was 446


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules(package: Path = PACKAGE) -> dict[str, Path]:
    return {module_name(path): path for path in sorted(package.rglob("*.py"))}


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """Modules of `known` that `name` imports anywhere (top level or inside a function: both run)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            candidates = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[:len(package.split(".")) - (node.level - 1)]
                prefix = ".".join(base + ([node.module] if node.module else []))
            else:
                prefix = node.module
            # `from . import paging` imports a module; `from .paging import X` the module holding X
            candidates = [prefix] + [f"{prefix}.{alias.name}" for alias in node.names]
        else:
            continue
        found |= {c for c in candidates if c in known and c != name}
    return found


def import_graph(package: Path = PACKAGE) -> dict[str, set[str]]:
    found = modules(package)
    return {name: imports_of(name, path, set(found)) for name, path in found.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index, low, on_stack, stack, result = {}, {}, set(), [], []
    counter = 0
    for start in graph:
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter; counter += 1
        stack.append(start); on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter; counter += 1
                    stack.append(child); on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop(); on_stack.discard(member); component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    result.append(sorted(component))
    return result


def test_cycle_finder_finds_a_circle(tmp_path):
    """The finder itself: a two-module circle through a function-level relative import is found."""
    package = tmp_path / "handbook"
    (package / "render").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "render" / "__init__.py").write_text("")
    (package / "paging.py").write_text("from .render import pager\n")
    (package / "render" / "pager.py").write_text("def f():\n    from .. import paging\n")
    (package / "load.py").write_text("from .paging import X\n")
    found = {module_name_in(tmp_path, p): p for p in package.rglob("*.py")}
    graph = {name: imports_of(name, path, set(found)) for name, path in found.items()}
    assert cycles(graph) == [["handbook.paging", "handbook.render.pager"]]


def module_name_in(root: Path, path: Path) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_no_import_circle_in_handbook():
    graph = import_graph()
    assert len(graph) > 40                      # the walk really saw the package
    assert "handbook.paging" in graph["handbook.render.pager"]
    found = cycles(graph)
    assert not found, "import circles in handbook/: " + "; ".join(" ↔ ".join(c) for c in found)


def long_definitions(path: Path, limit: int = MAX_LINES) -> list[str]:
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            length = node.end_lineno - node.lineno + 1
            if length > limit:
                out.append(f"{path.relative_to(path.parents[1]) if len(path.parents) > 1 else path}:"
                           f"{node.lineno} {node.name} ({length} lines)")
    return out


def test_length_finder_finds_a_long_function(tmp_path):
    path = tmp_path / "big.py"
    path.write_text("def small():\n    return 1\n\n\nclass Big:\n" + "    x = 1\n" * 12)
    assert long_definitions(path, limit=10) == [f"{tmp_path.name}/big.py:5 Big (13 lines)"]


def test_no_class_or_function_longer_than_limit():
    found = [entry for path in modules().values() for entry in long_definitions(path)]
    assert not found, f"longer than {MAX_LINES} lines: {found}"


def test_layers_point_down():
    """load and validation know nothing of pages; page splitting knows no renderer; render never imports export."""
    graph = import_graph()
    below_pages = [m for m in graph if m in ("handbook.load", "handbook.loader", "handbook.schema", "handbook.validate",
                                             "handbook.model") or m.startswith("handbook.validations")]
    for module in below_pages:
        upward = {m for m in graph[module] if m.startswith(("handbook.paging", "handbook.render", "handbook.export"))}
        assert not upward, f"{module} imports {upward}"
    renderers = {m for m in graph if m.startswith("handbook.render.")}      # the modules, not the package
    assert graph["handbook.paging"] & renderers == {"handbook.render.site_map"}
    assert not graph["handbook.paging"] & {"handbook.load", "handbook.validate", "handbook.catalogue"}
    for module in renderers:
        assert not {m for m in graph[module] if m.startswith("handbook.export")}, module


# ---- the browser code (docs/assets/javascripts, not the vendored libraries), measured with esprima ----
JS_DIR = ROOT / "docs" / "assets" / "javascripts"


def _wrappers(program) -> set:
    """A file's top-level module wrapper(s): a function called at the Program's top level (the IIFE), or passed
    as an argument of such a call (the UMD factory). They hold the whole file, so they are not measured."""
    out = set()
    for statement in program.body:
        call = statement.expression if statement.type == "ExpressionStatement" else None
        while call is not None and call.type == "UnaryExpression":     # !function () {…}()
            call = call.argument
        if call is None or call.type != "CallExpression":
            continue
        if call.callee.type != "FunctionExpression":
            continue                            # a plain call (addEventListener(…, function…)) is measured
        for node in [call.callee] + list(call.arguments):
            if node.type == "FunctionExpression":
                out.add(id(node))
    return out


def long_js_functions(path: Path, limit: int = MAX_LINES) -> list[str]:
    import esprima
    program = esprima.parseScript(path.read_text(encoding="utf-8"), {"loc": True})
    skip, out = _wrappers(program), []

    def walk(node):
        if isinstance(node, list):
            for child in node:
                walk(child)
            return
        if not hasattr(node, "type"):
            return
        if node.type in ("FunctionDeclaration", "FunctionExpression", "ArrowFunctionExpression") and id(node) not in skip:
            length = node.loc.end.line - node.loc.start.line + 1
            if length > limit:
                name = node.id.name if getattr(node, "id", None) else "(anonymous)"
                out.append(f"{path.name}:{node.loc.start.line} {name} ({length} lines)")
        for key, value in vars(node).items():
            if key != "loc" and (isinstance(value, list) or hasattr(value, "type")):
                walk(value)

    walk(program)
    return out


def test_js_length_finder_finds_a_long_function(tmp_path):
    path = tmp_path / "big.js"
    body = "  var x = 1;\n" * 12
    path.write_text("(function () {\n" + body + "  function big() {\n" + body + "  }\n"
                    "  function small() { return 1; }\n})();\n"
                    "(function (root, factory) { root.x = factory(); })(this, function () {\n" + body + "});\n"
                    "function topLevel() {\n" + body + "}\n"
                    "document.addEventListener(\"x\", function () {\n" + body + "});\n")
    assert long_js_functions(path, limit=10) == ["big.js:14 big (14 lines)", "big.js:44 topLevel (14 lines)",
                                                 "big.js:58 (anonymous) (14 lines)"]


def test_no_js_function_longer_than_limit():
    files = sorted(JS_DIR.glob("*.js"))
    assert len(files) > 10                      # the walk really saw the browser code
    found = [entry for path in files for entry in long_js_functions(path)]
    assert not found, f"browser functions longer than {MAX_LINES} lines: {found}"
