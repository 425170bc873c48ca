"""The seam between a dashboard layout's reader and the rest of the load: a `Table`.

A layout's reader turns a file's bytes into a Table: its rows as text, each numbered as a human
counts it in the file, and the header found in them (`columns.find_header`).
`text_table.read_text` reads CSV and tab-separated text, `xlsx_table.read_xlsx` workbooks.
Everything after works on the Table alone, whatever the file was: `indicator_rows` decides which
rows are indicators and the topic and theme of each, `row_reader` reads one row into an
Indicator. A new layout (a PDF-to-text scorecard, say) is a new reader returning a Table, and
one branch in `load.read_table`. Periods written in the column headings ("Q4 2010/11 Actual",
a band "Q3 2023/24" over "Value | Target") are found with the header, whatever the reader
(`headings`): the header then gives every row its periods (`Header.periods`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from narrator.errors import DataError, Location
from narrator.intake.columns import REQUIRED, Header, describe_field

# the fields that name a row (the indicator, and the topic and theme it belongs to), not a figure
LABEL_FIELDS = ("name", "topic", "theme")


@dataclass(frozen=True)
class RawRow:
    """One row of a table as text. `number` is the row as a human counts it in the file
    (1-based, header rows included; in a CSV a quoted cell with line breaks stays one row, as a
    spreadsheet shows it); `uncached` holds the columns whose Excel formula has no cached value."""

    number: int
    texts: tuple[str, ...]
    uncached: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Table:
    """A dashboard as a layout's reader found it: `rows` are all the rows of the file, or of the
    workbook's `sheet` (None for text), header rows included; `header` is where the header is and
    what each column holds; `excel` locates cells as Excel names them ("H7")."""

    source: str
    sheet: str | None
    excel: bool
    rows: tuple[RawRow, ...]
    header: Header
    delimiter: str | None = None  # a text file's column separator; None for a workbook


def missing_columns(
    source: str, sheet: str | None, rows: Sequence[RawRow], header: Header | None
) -> DataError:
    """The error for a table in which no row names the required columns: where the header
    should be, what it has, and the columns expected."""
    expected = "columns " + ", ".join(describe_field(f) for f in REQUIRED)
    if header is None:
        first = next((r for r in rows if any(t.strip() for t in r.texts)), None)
        found = [t for t in first.texts if t.strip()] if first else []
        where = Location(file=source, sheet=sheet, row=first.number if first else None)
        problem = (
            "no row names the required columns; the first row with text has"
            if first
            else "the file has no text (an empty file or sheet)"
        )
    else:
        found = [n for n in header.names if n]
        where = Location(file=source, sheet=sheet, row=rows[header.first].number)
        missing = ", ".join(describe_field(f).split(" (")[0] for f in header.missing)
        problem = f"required column(s) missing: {missing}; the columns found are"
    return DataError(where, ", ".join(found) or None, expected, problem)


def locate(table: Table, number: int, column: int | None, indicator: str | None = None) -> Location:
    """Where a cell is: row `number` of the table's file (and sheet), the 0-based `column` as
    the header names it (None: the whole row) and, in a workbook, as Excel names the cell."""
    name = (
        table.header.names[column]
        if column is not None and column < len(table.header.names)
        else None
    )
    cell = f"{column_letter(column + 1)}{number}" if table.excel and column is not None else None
    return Location(table.source, table.sheet, number, name or None, cell, indicator)


def column_letter(index: int) -> str:
    """Excel's name for a 1-based column number: 1 -> "A", 27 -> "AA" (as openpyxl's
    get_column_letter, without importing openpyxl for a CSV)."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters
