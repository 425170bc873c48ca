"""The suite's own shape: a test whose every assert sits inside a loop or an `if` passes on
empty input, and a test file that imports another test file's helpers ties the two together
(shared helpers live in tests/helpers.py)."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent
CHECKS = ("check", "assert")  # helpers that assert, called as statements (check_paragraph)


def _asserts_outside_loops(body: list[ast.stmt]) -> int:
    """The asserts (and assert-helper calls) run whatever the data: not inside a loop or an
    `if`, only inside `with` and `try`."""
    count = 0
    for statement in body:
        if isinstance(statement, ast.Assert):
            count += 1
        elif isinstance(statement, ast.With | ast.Try):
            count += _asserts_outside_loops(statement.body)
        elif isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call):
            func = statement.value.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            count += name.startswith(CHECKS)
    return count


def vacuous_tests(source: str) -> list[str]:
    """The tests in `source` that loop or branch and assert nothing outside the loops and
    branches: on empty input they would pass without checking anything."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.FunctionDef) or not node.name.startswith(("it_", "test_")):
            continue
        loops = any(isinstance(n, ast.For | ast.While) for n in ast.walk(node))
        branches = any(isinstance(n, ast.If) for n in node.body)
        if (loops or branches) and _asserts_outside_loops(node.body) == 0:
            found.append(node.name)
    return found


def it_has_no_test_that_passes_on_empty_input() -> None:
    files = sorted(TESTS.glob("test_*.py"))
    assert len(files) > 30
    found = {f"{p.name}:{name}" for p in files for name in vacuous_tests(p.read_text())}
    assert found == set()


def it_sees_a_test_that_only_asserts_in_a_loop() -> None:
    source = (
        "def it_a(rows):\n    for r in rows:\n        assert r\n"
        "def it_b(rows):\n    assert rows\n    for r in rows:\n        assert r\n"
        "def it_c(rows):\n    if rows:\n        assert rows[0]\n"
        "def it_d(rows):\n    for r in rows:\n        check_row(r)\n    check_all(rows)\n"
    )
    assert vacuous_tests(source) == ["it_a", "it_c"]


def it_keeps_test_files_from_importing_each_other() -> None:
    imports = {
        f"{path.name} imports {name}"
        for path in sorted(TESTS.glob("*.py"))
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.ImportFrom) and node.module
        for name in [node.module]
        if name.startswith("tests.test_")
    }
    assert imports == set()
