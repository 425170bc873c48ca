"""Where a check's problem is: the cell a field came from, its text, and the Problem itself.
Shared by the data checks (narrator.intake.checks, narrator.intake.period_checks)."""

from __future__ import annotations

from narrator.context import Context
from narrator.errors import Location
from narrator.intake.columns import ALIASES
from narrator.model import Problem, Severity


def where(ctx: Context, field: str) -> Location:
    """The cell a field came from; the row and the column's usual name when there is no cell."""
    cell = ctx.indicator.cells.get(field)
    if cell is not None:
        return cell.location
    row = ctx.indicator.row
    return Location(
        file=row.file,
        sheet=row.sheet,
        row=row.row,
        column=ALIASES.get(field, (field,))[0],
        indicator=ctx.name,
    )


def text(ctx: Context, field: str) -> str | None:
    cell = ctx.indicator.cells.get(field)
    return cell.text if cell else None


def problem(
    ctx: Context,
    field: str,
    severity: Severity,
    code: str,
    message: str,
    expected: str | None = None,
) -> Problem:
    return Problem(severity, code, where(ctx, field), message, text(ctx, field), expected)
