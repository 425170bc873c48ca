"""The package's layering, read from its source: a stage never imports a later one.

intake (read and check what the user gives) -> language (decide and word) -> word (the .docx),
with national (published tables and benchmarks) beside language, importing neither language
nor word; the shared types at the top of the package import no stage. Every import counts, a
lazy one inside a function included. Every module stays under 500 lines, and no two modules
import each other, however indirectly.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "narrator"
MAX_LINES = 500

# package -> the packages it must never import
FORBIDDEN = {
    "narrator.intake": ("narrator.language", "narrator.word"),
    "narrator.language": ("narrator.word",),
    "narrator.national": ("narrator.language", "narrator.word"),
}
STAGES = ("narrator.intake", "narrator.language", "narrator.word", "narrator.national")
SHARED = (
    "narrator.atomic",
    "narrator.errors",
    "narrator.limits",
    "narrator.model",
    "narrator.notes",
    "narrator.periods",
    "narrator.quantity",
    "narrator.report",
    "narrator.settings",
)
for _module in SHARED:
    FORBIDDEN[_module] = STAGES
# judgement, shared by intake's data checks and language's rules, reads intake's Context: it sits
# between the two
FORBIDDEN["narrator.judgement"] = ("narrator.language", "narrator.word", "narrator.national")


def _name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports(path: Path, module: str) -> set[str]:
    """Every module `path` imports, anywhere in it, as full dotted names (relative imports
    resolved; `from a import b` counts as importing both `a` and `a.b`)."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def _within(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def _breaches(module: str, imported: set[str]) -> list[str]:
    return sorted(
        f"{module} imports {name}"
        for package, forbidden in FORBIDDEN.items()
        if _within(module, package)
        for name in imported
        for later in forbidden
        if _within(name, later)
    )


def it_finds_every_stage_and_shared_module() -> None:
    modules = _modules()
    for name in (*STAGES, *SHARED, "narrator.judgement"):
        assert name in modules, f"{name} is named in this test but not in the package"


def it_keeps_each_stage_from_importing_a_later_one() -> None:
    breaches = [
        breach
        for module, path in _modules().items()
        for breach in _breaches(module, imports(path, module))
    ]
    assert breaches == []


@pytest.mark.parametrize(
    ("module", "source", "breach"),
    [
        ("narrator.intake.load", "from narrator.word import write", True),
        ("narrator.intake.load", "from ..language.rules import decide", True),
        ("narrator.intake.load", "def f():\n    import narrator.word.write\n", True),
        ("narrator.language.rules", "from narrator.word.write import write_report", True),
        ("narrator.national.lait", "from narrator.language import rules", True),
        ("narrator.model", "from narrator.intake.load import Dashboard", True),
        ("narrator.language.rules", "from narrator.intake import cells", False),
        ("narrator.word.write", "from narrator.language import assemble", False),
        ("narrator.pipeline", "from narrator.word.write import write_report", False),
    ],
)
def it_sees_a_bad_import_wherever_it_is_written(
    tmp_path: Path, module: str, source: str, breach: bool
) -> None:
    parts = module.split(".")
    path = tmp_path.joinpath(*parts).with_suffix(".py")
    path.parent.mkdir(parents=True)
    path.write_text(source, encoding="utf-8")
    assert bool(_breaches(module, imports(path, module))) is breach


def it_keeps_every_module_under_500_lines() -> None:
    lines = {
        str(path.relative_to(PACKAGE.parent)): len(path.read_text(encoding="utf-8").splitlines())
        for path in PACKAGE.rglob("*.py")
    }
    too_long = {path: n for path, n in lines.items() if n >= MAX_LINES}
    assert too_long == {}


def _loops(graph: dict[str, set[str]]) -> list[frozenset[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    loops: list[frozenset[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                loops.append(frozenset(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return loops


def it_has_no_import_loops() -> None:
    modules = _modules()
    graph = {
        module: {name for name in imports(path, module) if name in modules and name != module}
        for module, path in modules.items()
    }
    # a package's __init__ is imported on the way to each of its modules: no edge of a loop
    graph = {
        m: {n for n in targets if modules[n].name != "__init__.py"} for m, targets in graph.items()
    }
    loops = set(_loops(graph))
    assert loops == set()


def it_finds_a_loop() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _loops(graph) == [frozenset({"a", "b", "c"})]
