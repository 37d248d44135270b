"""The architecture, checked from the code's own imports (read with ``ast``, followed
transitively).

Data flows one way: model/config (with language, tomlfile) → extract → diff → store → app →
adapters → wiring. The pure core (model, config, language, tomlfile, errors, extract, diff,
render) does no network or database I/O; only adapters and the wiring talk to Telegram, HTTP or
feeds; only store (and the wiring that opens it) uses sqlite-utils.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / "bot"

IO_LIBS = {"telegram", "httpx", "feedparser", "trafilatura", "apscheduler"}
DB_LIBS = {"sqlite_utils", "sqlite3"}
PURE = ("bot.model", "bot.config", "bot.language", "bot.tomlfile", "bot.errors", "bot.extract",
        "bot.diff", "bot.render")  # fmt: skip
WIRING = ("bot.cli", "bot.scheduler", "bot.process", "bot.worker", "bot.__main__")
# what each layer may import from bot/ (a prefix matches the module and its submodules)
ALLOWED = {
    "bot.model": ("bot.model",),
    "bot.errors": ("bot.errors",),
    "bot.tomlfile": ("bot.tomlfile", "bot.errors"),
    "bot.language": ("bot.language", "bot.errors", "bot.tomlfile"),
    "bot.config": ("bot.config", "bot.model", "bot.errors", "bot.language", "bot.tomlfile"),
    "bot.extract": ("bot.extract", "bot.model", "bot.config", "bot.language"),
    "bot.diff": ("bot.diff", "bot.model"),
    "bot.render": ("bot.render", "bot.model"),
    "bot.store": ("bot.store", "bot.model", "bot.errors"),
    "bot.app": ("bot.app", "bot.model", "bot.config", "bot.language", "bot.errors", "bot.extract",
                "bot.diff", "bot.store", "bot.render"),
    "bot.adapters": ("bot.adapters", "bot.app", "bot.model", "bot.config", "bot.language",
                     "bot.errors", "bot.extract", "bot.store", "bot.render"),
}  # fmt: skip
MAX_LINES = 450


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def import_graph(root: Path) -> dict[str, set[str]]:
    """Module -> every module it imports, anywhere in its body (lazy imports count: they run)."""
    graph: dict[str, set[str]] = {}
    for path in sorted(root.rglob("*.py")):
        name = _module_name(path, root)
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:  # relative import
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*anchor, base] if base else anchor)
                targets.add(base)
                # "from bot import render" imports the module bot.render
                targets.update(f"{base}.{a.name}" for a in node.names)
        graph[name] = targets
    known = set(graph)
    return {
        m: {t for t in ts if t in known or not t.startswith(root.name)} - {m}
        for m, ts in graph.items()
    }


def reachable(graph: dict[str, set[str]], start: str, through: tuple[str, ...] = ()) -> set[str]:
    """Everything ``start`` imports, directly or not; modules under ``through`` are not entered."""
    seen: set[str] = set()
    todo = list(graph.get(start, ()))
    while todo:
        mod = todo.pop()
        if mod in seen:
            continue
        seen.add(mod)
        if not _under(mod, through):
            todo.extend(graph.get(mod, ()))
    return seen


def _under(module: str, prefixes: tuple[str, ...]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in prefixes)


def _layer(module: str) -> str | None:
    for layer in sorted(ALLOWED, key=len, reverse=True):
        if _under(module, (layer,)):
            return layer
    return None


def violations(root: Path) -> list[str]:
    """Every breach of the layering rules in the tree under ``root``."""
    graph = import_graph(root)
    found = []
    for module in graph:
        top = {m.split(".")[0] for m in reachable(graph, module)}
        if _under(module, WIRING) or _under(module, ("bot.adapters",)):
            pass
        elif top & IO_LIBS:
            found.append(f"{module} reaches {sorted(top & IO_LIBS)}")
        if _under(module, PURE) and top & DB_LIBS:
            found.append(f"{module} reaches {sorted(top & DB_LIBS)}")
        direct_db = {m.split(".")[0] for m in graph[module]} & DB_LIBS
        if direct_db and not _under(module, ("bot.store", *WIRING)):
            found.append(f"{module} imports {sorted(direct_db)} (only store/ may)")
        layer = _layer(module)
        if layer is not None:
            inside = {m for m in graph[module] if m.startswith("bot.") or m == "bot"}
            bad = sorted(m for m in inside if not _under(m, ALLOWED[layer]) and m != "bot")
            if bad:
                found.append(f"{module} ({layer}) imports {bad}")
    found.extend(f"import cycle: {' -> '.join(c)}" for c in cycles(graph))
    return found


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Groups of modules that import each other (strongly connected, more than one module)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in graph:
                continue
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                out.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_the_tree_keeps_its_layers() -> None:
    assert violations(ROOT) == []


def test_every_module_belongs_to_a_layer() -> None:
    graph = import_graph(ROOT)
    homeless = [m for m in graph if _layer(m) is None and not _under(m, WIRING) and m != "bot"]
    assert homeless == []


def test_no_module_is_two_concerns() -> None:
    long = {
        str(p.relative_to(ROOT)): n
        for p in ROOT.rglob("*.py")
        if "extract" not in p.parts
        and (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


# --- the checker itself catches what it is for ---------------------------------------------------


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "bot"
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for folder in {p.parent for p in root.rglob("*.py")} | {root}:
        (folder / "__init__.py").touch()
    return root


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        # a pure module reaching Telegram through a helper it imports
        (
            {"render/text.py": "from bot.render import helper\n",
             "render/helper.py": "def f():\n    import telegram\n"},
            "bot.render.text reaches ['telegram']",
        ),
        # a use case importing sqlite-utils itself
        ({"app/notify.py": "import sqlite_utils\n"}, "bot.app.notify imports ['sqlite_utils']"),
        # a use case reaching httpx through store
        ({"app/poll.py": "from bot.store import x\n", "store/__init__.py": "import httpx\n"},
         "bot.app.poll reaches ['httpx']"),
        # the core importing upwards
        ({"diff/score.py": "from bot.store import Store\n", "store/__init__.py": ""},
         "bot.diff.score (bot.diff) imports"),
        # two modules importing each other
        ({"app/a.py": "from bot.app import b\n", "app/b.py": "from bot.app.a import x\n"},
         "import cycle: bot.app.a -> bot.app.b"),
    ],
)  # fmt: skip
def test_the_checker_finds_each_kind_of_breach(
    tmp_path: Path, files: dict[str, str], expected: str
) -> None:
    found = violations(_tree(tmp_path, files))
    assert any(v.startswith(expected) for v in found), found


def test_the_checker_passes_a_clean_tree(tmp_path: Path) -> None:
    files = {
        "model.py": "from dataclasses import dataclass\n",
        "store/__init__.py": "import sqlite_utils\nfrom bot.model import dataclass\n",
        "app/ingest.py": "from bot.store import Store\n",
        "adapters/fetch.py": "import httpx\nfrom bot.app import ingest\n",
    }
    assert violations(_tree(tmp_path, files)) == []
