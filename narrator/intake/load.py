"""The load stage: a dashboard file (CSV, tab-separated text or XLSX) -> typed `Indicator`s.

Bad cells never stop the load: each becomes a located `Problem` (file, sheet, row as a human
counts it or Excel cell such as "H7", column as the dashboard spells it, indicator, the text as
found and what was expected), and the indicator keeps None for that field. Only a file that
cannot be read as a table at all raises `DataError`.

The steps, each in its own module:
1. a layout's reader turns the file's bytes into a `Table` (`table`, the seam): `text_table`
   for CSV and text, `xlsx_table` for workbooks; `read_table` picks the reader;
2. `indicator_rows`: which rows below the header are indicators, and their topics and themes;
3. `row_reader` (with `row_cells`): each indicator row -> an Indicator and its problems.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from narrator.errors import DataError, InputError, Location
from narrator.intake import layouts
from narrator.intake.dashboard import Dashboard
from narrator.intake.indicator_rows import header_problems, indicator_rows
from narrator.intake.row_reader import read_row
from narrator.intake.table import Table
from narrator.intake.text_table import decode_text, read_text
from narrator.intake.xlsx_table import read_xlsx
from narrator.model import Indicator, Problem, Severity

__all__ = ["Dashboard", "load_dashboard", "read_table"]  # Dashboard: where callers found it
from narrator.periods import Period


def load_dashboard(
    path: str | Path,
    *,
    sheet: str | None = None,
    layout: str | None = None,
    report_period: Period | None = None,
    most: int | None = None,
) -> Dashboard:
    """Read a dashboard. Never raises for bad cells: they are collected as Problems.

    `layout` names how the file is laid out: "table" (a header row naming the columns),
    "period-headings" (a table whose headings name the periods: an error when none does), or a
    text layout of narrator.intake.layouts ("scorecard", "markdown-table", "ocr-appendix",
    "column-runs"); None reads a table when the file has one, else the layout its text has.
    `report_period` (None: not known) gives a layout's quarters written without a year ("Q1")
    the report's year when the file itself names none (a warning says so).
    Raises DataError only when the file cannot be read at all: missing, not a table (nor any
    layout), a workbook given a text layout, a table without the required columns (the
    message names them and lists the columns found), or more rows below the header (or
    indicators in a layout) than `most` (None: narrator.limits.MAX_INDICATORS, one report's
    worth), counted before any table row is read."""
    from narrator.limits import MAX_INDICATORS, read_input

    source = str(path)
    try:
        data = read_input(Path(path), "dashboard")
    except InputError as exc:
        raise DataError(Location(file=source), None, "a CSV or XLSX file", exc.message) from None
    limit = most or MAX_INDICATORS
    workbook = data.startswith(b"PK\x03\x04")
    if layout not in (None, *layouts.TABLE_LAYOUTS):
        if workbook:
            raise DataError(
                Location(file=source),
                layout,
                "a text file (only a table is read from a workbook)",
                "a workbook",
            )
        return _limited(_read_layout(source, data, layout, report_period), limit)
    try:
        table = read_table(source, data, sheet)
    except DataError:
        if layout is None and not workbook and (found := _detect_layout(data)) is not None:
            return _limited(_read_layout(source, data, found, report_period), limit)
        raise
    if layout == "period-headings" and not table.header.understood:
        raise DataError(
            Location(file=source, sheet=table.sheet, row=table.rows[table.header.first].number),
            ", ".join(n for n in table.header.names if n) or None,
            "column headings that name the periods ('2009/10 Outturn', 'Q4 2010/11 Actual', "
            "a band 'Q3 2023/24' over 'Value')",
            "layout: period-headings, but no heading names a period",
        )
    rows = len(table.rows) - table.header.last - 1
    if rows > limit:
        raise _too_many(source, table.sheet, limit, f"{rows:,} rows below the header")
    dashboard = _dashboard(table)
    if sheet is not None and not table.excel:
        ignored = Problem(
            Severity.WARNING,
            "sheet-ignored",
            Location(file=source),
            "a sheet was named but the file is text, not a workbook: the sheet is ignored",
            sheet,
            "a .xlsx workbook, or no sheet",
        )
        return dataclasses.replace(dashboard, problems=(ignored, *dashboard.problems))
    return dashboard


def _too_many(source: str, sheet: str | None, limit: int, found: str) -> DataError:
    return DataError(
        Location(file=source, sheet=sheet),
        None,
        f"at most {limit:,} indicator rows in one report (the limit): split the dashboard "
        "into smaller ones, or build one report per authority or service with "
        "`narrator build-all --split-by COLUMN`",
        found,
    )


def _limited(dashboard: Dashboard, limit: int) -> Dashboard:
    """A layout's dashboard, or the limit's DataError when it holds more indicators."""
    if len(dashboard.indicators) > limit:
        raise _too_many(dashboard.source, None, limit, f"{len(dashboard.indicators):,} indicators")
    return dashboard


def _detect_layout(data: bytes) -> str | None:
    return layouts.detect(decode_text(data))


def _read_layout(source: str, data: bytes, layout: str, report_period: Period | None) -> Dashboard:
    """The dashboard as the text layout `layout` reads it (see narrator.intake.layouts)."""
    year = None
    if report_period is not None:  # the financial year the report period ends in
        year, month = divmod(report_period.end_month_index() - 1, 12)
        year -= 0 if month + 1 >= 4 else 1
    return layouts.read(layout, source, decode_text(data), quarter_year=year)


def read_table(source: str, data: bytes, sheet: str | None) -> Table:
    """The file's table, read by the reader of its layout: a workbook by its first bytes, else
    text. `sheet` is the workbook's sheet to read (None: the first with a table; ignored for
    text). Raises DataError when no reader finds a table with the required columns."""
    if data.startswith(b"PK\x03\x04"):
        return read_xlsx(source, data, sheet)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise DataError(  # the OLE format of .xls, also Excel's wrapping of a protected .xlsx
            Location(file=source),
            None,
            "a .xlsx or CSV file (save it as .xlsx, without a password)",
            "an old .xls workbook or a password-protected one",
        )
    return read_text(source, data)


def _dashboard(table: Table) -> Dashboard:
    """The table's indicators, each row read, and every problem ordered by row."""
    problems = header_problems(table)
    header = table.header
    indicators: list[Indicator] = []
    for raw, name, topic, theme in indicator_rows(table, problems):
        indicator, row_problems = read_row(table, raw, name, topic, theme)
        indicators.append(indicator)
        problems.extend(row_problems)
    if not indicators:
        problems.append(
            Problem(
                Severity.ERROR,
                "no-indicators",
                Location(table.source, table.sheet, table.rows[header.last].number),
                "no indicator rows below the header",
                None,
                "at least one row naming an indicator, with its latest value and period",
            )
        )
    unknown = tuple(header.names[i] for i in sorted(header.unknown + header.duplicates))
    ordered = sorted(problems, key=lambda p: p.location.row or 0)
    headings = tuple((header.names[i], said) for i, said in sorted(header.understood.items()))
    return Dashboard(
        table.source, table.sheet, tuple(indicators), tuple(ordered), unknown, headings
    )
