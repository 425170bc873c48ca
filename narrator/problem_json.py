"""`narrator check --format json`: a problem, or an error that stopped the reading, as one JSON
object with the same fields (file, sheet, row, cell, column, indicator, value, expected); a field
that does not apply is None."""

from __future__ import annotations

from typing import Any


def error_json(exc: Any) -> dict[str, Any]:
    """A NarratorError in the shape of a problem: a DataError keeps its location, value and
    what was expected; others name their file."""
    loc = getattr(exc, "location", None)
    value = getattr(exc, "value", None)
    return {
        "code": "unreadable-file" if loc is not None else "unusable-input",
        "message": exc.user_message(),
        "file": loc.file if loc is not None else getattr(exc, "file", None),
        "sheet": loc.sheet if loc is not None else None,
        "row": loc.row if loc is not None else getattr(exc, "line", None),
        "cell": loc.cell if loc is not None else None,
        "column": loc.column if loc is not None else None,
        "indicator": loc.indicator if loc is not None else None,
        "value": None if value is None else str(value),
        "expected": getattr(exc, "expected", None),
    }


def problem_json(problem: Any) -> dict[str, Any]:
    loc = problem.location
    return {
        "code": problem.code,
        "message": problem.message,
        "file": loc.file,
        "sheet": loc.sheet,
        "row": loc.row,
        "cell": loc.cell,
        "column": loc.column,
        "indicator": loc.indicator,
        "value": problem.value,
        "expected": problem.expected,
    }
