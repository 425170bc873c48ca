"""One indicator row of a table -> an `Indicator` and the row's problems.

The steps, in order: a second column for the same data must agree with the first; the label
cells are kept; the polarity is read (from its column, else from the trend column or the name),
then the trend through it; then the figures, periods, target, RAG and quartiles, each through
`RowCells.read`; a count in brackets after a value stands in for a blank numerator column; last,
a latest value without its period is an error. Bad cells never stop the row: the field is None
and the problem located.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import cast

from narrator.errors import Location
from narrator.intake import cells
from narrator.intake.cell_words import placeholder_reason
from narrator.intake.cells import CellError, Number
from narrator.intake.columns import KEPT_FIELDS, describe_field, field_for
from narrator.intake.comparison import parse_comparison
from narrator.intake.row_cells import RowCells
from narrator.intake.table import LABEL_FIELDS, RawRow, Table, locate
from narrator.model import (
    Cell,
    Comparison,
    Direction,
    Indicator,
    Judgement,
    Polarity,
    Problem,
    Rag,
    Severity,
)

# the fields a second column must not contradict (an error; a warning for the rest)
_FIGURE_FIELDS = frozenset(
    {
        "latest",
        "previous",
        "latest_period",
        "previous_period",
        "numerator",
        "denominator",
        "neighbour_average",
        "england_average",
        "previous_numerator",
        "previous_denominator",
    }
)


def read_row(
    table: Table, raw: RawRow, name: str, topic: str | None, theme: str | None
) -> tuple[Indicator, list[Problem]]:
    """Row `raw` of `table`, the indicator `name` under `topic` and `theme` (None: none given),
    as an Indicator, with its problems in column order."""
    row = RowCells(table, raw, name)
    _check_duplicates(row)
    for label in LABEL_FIELDS:
        if (col := table.header.column(label)) is not None and col < len(raw.texts):
            row.cells[label] = Cell(locate(table, raw.number, col, name), raw.texts[col])
    polarity = _polarity(row)
    latest = row.read("latest", cells.parse_value, "unreadable-value")
    if polarity is Polarity.NONE and latest is not None and not row.text("polarity").strip():
        polarity = _status_polarity(row, latest.value) or polarity
    previous = row.read("previous", cells.parse_value, "unreadable-value")
    comparison = _comparison(row, previous)
    trend = _trend(row, polarity, comparison is not None)
    neighbour = row.read("neighbour_average", cells.parse_value, "unreadable-value")
    england = row.read("england_average", cells.parse_value, "unreadable-value")
    numbers = [n for n in (latest, previous, neighbour, england) if n is not None]
    kept = [i for i, f in table.header.fields.items() if f in KEPT_FIELDS]
    extra = {
        table.header.names[i]: raw.texts[i] if i < len(raw.texts) else ""
        for i in sorted(table.header.unknown + table.header.duplicates + tuple(kept))
    }
    for key, number in (
        ("", latest),
        ("previous_", previous),
        ("neighbour_average_", neighbour),
        ("england_average_", england),
    ):
        if number is not None and number.percentage is not None:
            extra[f"{key}percentage"] = f"{number.percentage}%"
    latest_period = row.read("latest_period", cells.parse_period_cell, "unreadable-period")
    _check_latest(row, latest, latest_period)
    indicator = Indicator(
        name=name,
        topic=topic,
        theme=theme,
        polarity=polarity,
        frequency=row.read("frequency", cells.parse_frequency, "unreadable-frequency"),
        latest=latest.value if latest else None,
        latest_period=latest_period,
        previous=previous.value if previous else None,
        previous_period=row.read("previous_period", cells.parse_period_cell, "unreadable-period"),
        trend=trend,
        comparison=comparison,
        target=row.read("target", lambda t: cells.parse_target(t, polarity), "unreadable-target"),
        rag=row.read("rag", cells.parse_rag, "unreadable-rag"),
        quartile=row.read("quartile", cells.parse_quartile, "unreadable-quartile"),
        previous_quartile=row.read(
            "previous_quartile", cells.parse_quartile, "unreadable-quartile"
        ),
        neighbour_average=neighbour.value if neighbour else None,
        england_average=england.value if england else None,
        numerator=_count(row, "numerator", latest),
        denominator=row.read("denominator", cells.parse_count, "unreadable-count"),
        previous_numerator=_count(row, "previous_numerator", previous),
        previous_denominator=row.read(
            "previous_denominator", cells.parse_count, "unreadable-count"
        ),
        decimals=max((n.decimals for n in numbers), default=0),
        percent_sign=any(n.percent for n in numbers),
        comparator_quartile=row.read(
            "comparator_quartile", cells.parse_quartile, "unreadable-quartile"
        ),
        missing_reason=placeholder_reason(row.text("latest")) if latest is None else None,
        written_unit=_written_unit(row, numbers),
        row=Location(table.source, table.sheet, raw.number, indicator=name),
        cells=row.cells,
        extra=extra,
    )
    return indicator, [p for _, p in sorted(row.problems, key=lambda cp: cp[0])]


def _check_duplicates(row: RowCells) -> None:
    """A second column for the same data must say what the first says: the first is read,
    so a figure in the second that differs would be lost (an error for a figure or period,
    a warning for the rest; labels such as a second "Area" column are left alone)."""
    header = row.table.header
    for i in header.duplicates:
        field = field_for(header.names[i])
        col = header.column(field) if field else None
        if field is None or col is None or field in LABEL_FIELDS:
            continue
        ours, theirs = row.text(field), row.texts[i] if i < len(row.texts) else ""
        if cells.is_missing(ours) and cells.is_missing(theirs):
            continue
        if cells.clean_text(ours).lower() == cells.clean_text(theirs).lower():
            continue
        severity = Severity.ERROR if field in _FIGURE_FIELDS else Severity.WARNING
        row.problem(
            i,
            severity,
            "columns-disagree",
            f"a second column for {describe_field(field).split(' (')[0]}, which column "
            f"{header.names[col]!r} gives as {ours!r}: only the first is read",
            theirs,
            f"the same as column {header.names[col]!r}, or one of the two renamed",
        )


def _polarity(row: RowCells) -> Polarity:
    """The polarity cell; else a polarity written in the trend column ("(high is good)") or
    the name ("(low = good)"); else Polarity.NONE (warned when the cell is blank)."""
    polarity = row.read("polarity", cells.parse_polarity, "unreadable-polarity")
    if polarity is not None:
        return polarity
    hint = cells.polarity_hint(row.text("trend")) or cells.bracketed_polarity(row.name)
    if hint is not None:
        return hint
    col = row.table.header.column("polarity")
    if col is not None and not row.text("polarity").strip():
        row.problem(col, Severity.WARNING, "missing-polarity", "no polarity: read as none", "")
    return Polarity.NONE


def _status_polarity(row: RowCells, latest: Decimal) -> Polarity | None:
    """Which way is good when no column says it but the status does: a latest figure above a
    bare target ("97.5%") rated as the target met is high-is-good, rated missed (or nearly
    met) low-is-good, and the other way round below it. None when the row has no bare target,
    no status that rates it, or a figure on the target (which says nothing)."""
    text = row.text("target")
    if cells.is_missing(text) or not re.match(r"^\s*[£+-]?\s*\d", text):
        return None
    try:
        target = cells.parse_target(text, Polarity.HIGH_IS_GOOD)
        rag = cells.parse_rag(row.text("rag"))
    except CellError:
        return None
    if target is None or target.value is None or rag is None or latest == target.value:
        return None
    above = latest > target.value
    return Polarity.HIGH_IS_GOOD if above == (rag is Rag.GREEN) else Polarity.LOW_IS_GOOD


def _comparison(row: RowCells, previous: Number | None) -> Comparison | None:
    """The trend cell's word as a single-period dashboard's comparison ("Better", "Similar",
    "New", "Higher - no polarity") when the row gives no previous value; None when it gives
    one (its figures are compared instead), or the trend cell holds no such word."""
    if previous is not None or not cells.is_missing(row.text("previous")):
        return None
    try:
        comparison, _ = parse_comparison(row.text("trend"))
    except CellError:
        return None
    return comparison


def _trend(row: RowCells, polarity: Polarity, compared: bool = False) -> Direction | None:
    """The trend cell as a Direction. A polarity written in the trend column ("(high is
    good)", as some extracts place it) is no trend; "Better"/"Worse" become a Direction
    through the polarity (without one they are ignored, with a warning, unless `compared`:
    the row has no previous value and the word is read as its comparison instead)."""
    text = row.text("trend")
    if cells.polarity_hint(text) is not None:
        try:
            cells.parse_trend(text)
        except CellError:
            row.read("trend", lambda _: None, "unreadable-trend")  # keep the cell only
            return None
    trend = cast(
        Direction | Judgement | None, row.read("trend", cells.parse_trend, "unreadable-trend")
    )
    if not isinstance(trend, Judgement):
        return trend
    if trend is Judgement.UNCHANGED:
        return Direction.NO_CHANGE
    if polarity is Polarity.NONE:
        if compared:
            return None
        row.problem(
            row.table.header.column("trend"),
            Severity.WARNING,
            "trend-needs-polarity",
            "a trend written as better or worse needs a polarity: ignored",
            text,
        )
        return None
    up = (trend is Judgement.IMPROVED) == (polarity is Polarity.HIGH_IS_GOOD)
    return Direction.INCREASE if up else Direction.DECREASE


def _count(row: RowCells, name: str, number: Number | None) -> Decimal | None:
    """A numerator column; when it is blank, the count in brackets after the value ("3% (420)").
    When both are given and differ, the column wins and a warning is recorded."""
    count = row.read(name, cells.parse_count, "unreadable-count")
    bracket = number.count if number is not None else None
    if bracket is None or count == bracket:
        return count
    if count is None:
        return bracket
    row.problem(
        row.table.header.column(name),
        Severity.WARNING,
        "numerator-disagrees",
        f"the count in brackets after the value ({bracket}) differs from this column",
        row.text(name),
        str(bracket),
    )
    return count


def _check_latest(row: RowCells, latest: Number | None, period: object) -> None:
    """A row without a latest value is warned of; a latest value without its period is an
    error (neither when the cell could not be read: that error is already recorded)."""
    said = placeholder_reason(row.text("latest"))  # "Annual Indicator": the report says
    if latest is None and not row.unreadable("latest") and said is None:
        row.problem(
            row.table.header.column("latest"),
            Severity.WARNING,
            "missing-latest-value",
            "no latest value",
            row.text("latest"),
        )
    if latest is not None and period is None and not row.unreadable("latest_period"):
        row.problem(
            row.table.header.column("latest_period"),
            Severity.ERROR,
            "missing-period",
            "a latest value without its period",
            row.text("latest_period"),
            "the period the latest value is for",
        )


def _written_unit(row: RowCells, numbers: list[Number]) -> str | None:
    """The unit the row's value cells carry ("£m", "kg"); None when they carry none. Cells
    that carry different units are an error: the figures cannot be compared as written."""
    units = {n.unit for n in numbers if n.unit is not None}
    if len(units) > 1:
        row.problem(
            row.table.header.column("latest"),
            Severity.ERROR,
            "mixed-units",
            f"the row's figures are written in different units ({', '.join(sorted(units))})",
            row.text("latest"),
            "every figure of an indicator in the same unit ('£1.2m' and '£0.9m', not '£900k')",
        )
        return None
    return units.pop() if units else None
