"""The package's layering, read from its source: a stage never imports a later one.

intake (read and check what the user gives) -> language (decide and word) -> word (the .docx),
with national (published tables and benchmarks) beside language, importing neither language
nor word; intake never imports national (national reads intake's config and dashboard, one
way); the shared types at the top of the package (Context, the unit table, the published
figures' types, what an officer's files become, the checked YAML reader...) import no stage,
and judgement, shared by intake's checks and language's rules, imports only them. The
language stage imports nothing of narrator's but itself, the shared modules and judgement:
no arrow back into intake, none across into national's computing (a rule reads what national
worked out from the Benchmark on its Context). Every import counts, a lazy one inside a
function included. No function is longer than 80 lines, and no two modules import each other,
however indirectly.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "narrator"
MAX_FUNCTION_LINES = 80

# package -> the packages it must never import
FORBIDDEN = {
    "narrator.intake": ("narrator.language", "narrator.word", "narrator.national"),
    "narrator.language": ("narrator.word",),
    "narrator.national": ("narrator.language", "narrator.word"),
}
STAGES = ("narrator.intake", "narrator.language", "narrator.word", "narrator.national")
SHARED = (
    "narrator.atomic",
    "narrator.context",
    "narrator.errors",
    "narrator.limits",
    "narrator.load_cache",
    "narrator.model",
    "narrator.notes",
    "narrator.officer_files",
    "narrator.package_files",
    "narrator.periods",
    "narrator.published",
    "narrator.quantity",
    "narrator.report",
    "narrator.schema",
    "narrator.series",
    "narrator.series_facts",
    "narrator.settings",
    "narrator.units",
    "narrator.yamlfile",
    "narrator.yamltext",
)
for _module in SHARED:
    FORBIDDEN[_module] = STAGES
# judgement, shared by intake's data checks and language's rules, reads only the shared types
FORBIDDEN["narrator.judgement"] = STAGES
# package -> all of narrator it may import (the package itself, for its __version__, exactly)
ALLOWED = {"narrator.language": ("narrator.language", *SHARED, "narrator.judgement")}


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
    forbidden = {
        f"{module} imports {name}"
        for package, later in FORBIDDEN.items()
        if _within(module, package)
        for name in imported
        if any(_within(name, stage) for stage in later)
    }
    outside = {
        f"{module} imports {name}"
        for package, allowed in ALLOWED.items()
        if _within(module, package)
        for name in imported
        if _within(name, "narrator") and name != "narrator"
        if not any(_within(name, ok) for ok in allowed)
    }
    return sorted(forbidden | outside)


def it_finds_every_stage_and_shared_module() -> None:
    modules = _modules()
    named = (*STAGES, *SHARED, "narrator.judgement")
    missing = [name for name in named if name not in modules]
    assert missing == [], "named in this test but not in the package"


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
        ("narrator.language.rules", "from narrator.intake import cells", True),
        ("narrator.language.groups", "from narrator.intake.catalogue import Catalogue", True),
        ("narrator.language.phrases", "from narrator.intake.yamlfile import read_mapping", True),
        ("narrator.language.rules", "def f():\n    from narrator.national import compute\n", True),
        ("narrator.language.national_rules", "from narrator.national.attach import x", True),
        ("narrator.language.rules", "from narrator import pipeline", True),
        ("narrator.language.groups", "from narrator.officer_files import Catalogue", False),
        ("narrator.language.phrases", "from narrator import load_cache, yamlfile", False),
        ("narrator.language.national_rules", "from narrator.published import Benchmark", False),
        ("narrator.language.rules", "from narrator.judgement import judge\nimport decimal", False),
        ("narrator.language.plan", "from .findings import Finding", False),
        ("narrator.intake.load", "from narrator.intake import cells", False),
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


def functions(source: str) -> Iterator[tuple[str, int]]:
    """(name, length in lines) of every function and method in `source`, nested ones included;
    a function's length runs from its `def` (decorators excluded) to its last line."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            assert node.end_lineno is not None
            yield node.name, node.end_lineno - node.lineno + 1


def it_keeps_every_function_within_80_lines() -> None:
    lengths = {
        f"{path.relative_to(PACKAGE.parent)}:{name}": n
        for path in sorted(PACKAGE.rglob("*.py"))
        for name, n in functions(path.read_text(encoding="utf-8"))
    }
    assert len(lengths) > 500  # the whole package was read
    too_long = {name: n for name, n in lengths.items() if n > MAX_FUNCTION_LINES}
    assert too_long == {}


def it_measures_a_function_from_def_to_its_last_line() -> None:
    source = "def f():\n" + "    x = 1\n" * 80 + "\n\nclass C:\n    def g(self):\n        pass\n"
    assert dict(functions(source)) == {"f": 81, "g": 2}


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


def _classes(name: str) -> list[str]:
    """The modules that define a class called `name`."""
    return sorted(
        module
        for module, path in _modules().items()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ClassDef) and node.name == name
    )


def it_defines_context_once_with_the_shared_types() -> None:
    assert _classes("Context") == ["narrator.context"]


def it_has_one_unit_enumeration() -> None:
    enums = {
        module: node.name
        for module, path in _modules().items()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ClassDef)
        and any(getattr(base, "id", "") == "Enum" for base in node.bases)
        and any(
            isinstance(item, ast.Assign)
            and any(getattr(t, "id", "").startswith("PERCENT") for t in item.targets)
            for item in node.body
        )
    }
    assert enums == {"narrator.units": "Unit"}
