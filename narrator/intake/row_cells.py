"""The cells of one indicator row, read with every problem located.

`RowCells` first clears what is no value (the words "No comparator currently available" that a
PDF extract spreads over several columns; text in a column without a name), then reads a field
at a time: a formula without a saved value, an Excel error ("#DIV/0!") or text the field's parser
cannot read becomes a Problem at that cell and the field None. Which fields an Indicator has,
and how they bear on one another, is `row_reader`'s.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TypeVar

from narrator.intake import cells
from narrator.intake.cells import CellError
from narrator.intake.table import LABEL_FIELDS, RawRow, Table, locate
from narrator.lazy_re import lazy
from narrator.model import Cell, Problem, Severity

T = TypeVar("T")

_SPILL = "nocomparatorcurrentlyavailable"
_NOT_LETTER = re.compile(r"[^a-z]")
_DIGIT = lazy(r"[0-9]")


def _spilled(texts: Sequence[str], columns: set[int]) -> list[tuple[int, int]]:
    """Runs (first, last) of adjacent cells holding pieces of "No comparator currently available",
    the words a PDF extract spreads over several columns."""

    if "compa" not in _NOT_LETTER.sub("", "".join(texts).lower()):
        return []  # a run's letters are a stretch of the row's: no run can hold "compa"
    words = ["" if _DIGIT.search(t) else _NOT_LETTER.sub("", t.lower()) for t in texts]

    def letters(i: int) -> str:
        return words[i] if i < len(words) else ""

    def piece(i: int) -> bool:
        word = letters(i)
        return i in columns and ("comparator" in word or (len(word) >= 3 and word in _SPILL))

    runs, i = [], 0
    while i < len(texts):
        j = i
        while j < len(texts) and piece(j):
            j += 1
        if (
            j > i
            and "compa" in "".join(letters(k) for k in range(i, j))
            and (j - i > 1 or ("comparator" in letters(i) and not cells.is_missing(texts[i])))
        ):
            runs.append((i, j - 1))
        i = max(j, i + 1)
    return runs


_GROUPED = re.compile(r"[0-9],[0-9]{3}(?![0-9])")  # "1,500": 1500, or 1.500 written in French
_EXCEL_ERROR = lazy(r"^#(?:DIV/0!|N/A|VALUE!|REF!|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA)$")


class RowCells:
    """Reads the cells of one indicator row, collecting located problems.

    `texts` are the row's texts with what is no value cleared; `cells` the cells read so far,
    by field (for a reviewer to find each figure's source); `problems` each with its column,
    to put them in the row's column order."""

    def __init__(self, table: Table, raw: RawRow, name: str) -> None:
        self.table, self.raw, self.name = table, raw, name
        self.problems: list[tuple[int, Problem]] = []
        self.cells: dict[str, Cell] = {}
        self.texts = list(raw.texts)
        header = table.header
        value_columns = {i for i, f in header.fields.items() if f not in LABEL_FIELDS}
        value_columns |= {i for i in range(len(raw.texts)) if i not in header.fields}
        for first, last in _spilled(raw.texts, value_columns):
            spilled = " | ".join(raw.texts[first : last + 1])
            self.problem(
                first,
                Severity.WARNING,
                "spilled-text",
                "text spread over several columns read as 'no comparator currently available' "
                "(no value)",
                spilled,
            )
            for k in range(first, last + 1):
                self.texts[k] = ""
        for i, text in enumerate(self.texts):
            if text.strip() and (i >= len(header.names) or not header.names[i]):
                self.problem(
                    i,
                    Severity.WARNING,
                    "value-in-unnamed-column",
                    "a value in a column without a name: ignored",
                    text,
                )

    def problem(
        self,
        column: int | None,
        severity: Severity,
        code: str,
        message: str,
        value: str | None,
        expected: str | None = None,
    ) -> None:
        """Record a problem at `column` of the row (None: the row as a whole)."""
        where = locate(self.table, self.raw.number, column, self.name)
        self.problems.append(
            (column or 0, Problem(severity, code, where, message, value, expected))
        )

    def text(self, name: str) -> str:
        """The field's text as found (what is no value cleared); "" when there is no such column."""
        col = self.table.header.column(name)
        return self.texts[col] if col is not None and col < len(self.texts) else ""

    def read(self, name: str, parser: Callable[[str], T | None], code: str) -> T | None:
        """The field parsed; None when the table has no such column, the cell has no value or it
        cannot be read (then an error is recorded)."""
        col = self.table.header.column(name)
        if col is None:
            return self._from_heading(name, parser, code)
        original = self.raw.texts[col] if col < len(self.raw.texts) else ""
        self.cells[name] = Cell(locate(self.table, self.raw.number, col, self.name), original)
        if col in self.raw.uncached:
            self.problem(
                col,
                Severity.ERROR,
                "formula-without-value",
                "a formula with no saved value: open and save the file in Excel",
                None,
                "a value (the workbook saved after calculation)",
            )
            return None
        text = self.texts[col] if col < len(self.texts) else ""
        if _EXCEL_ERROR.match(text.strip()):
            self.problem(
                col,
                Severity.ERROR,
                "excel-error",
                "the cell shows an Excel error: the formula behind it failed",
                original,
                "a value (correct the formula, or clear the cell if there is no value)",
            )
            return None
        try:
            value = parser(text)
        except CellError as exc:
            self.problem(col, Severity.ERROR, code, exc.message, original, exc.expected)
            return None
        if value is not None and self.table.delimiter == ";" and _GROUPED.search(original):
            self.problem(
                col,
                Severity.WARNING,
                "ambiguous-comma",
                "in a semicolon-separated file a comma may be a decimal comma: read as a "
                "thousands separator",
                original,
                "a number without a thousands separator, or with a decimal point",
            )
        return value

    def _from_heading(self, name: str, parser: Callable[[str], T | None], code: str) -> T | None:
        """A field no column holds that a column's heading gives every row (a period: "Q4
        2010/11 Actual"), located at that heading; None when no heading gives it."""
        heading = self.table.header.periods.get(name)
        if heading is None:
            return None
        col, text = heading
        number = self.table.rows[self.table.header.first].number
        self.cells[name] = Cell(locate(self.table, number, col, self.name), text)
        try:
            return parser(text)
        except CellError as exc:
            self.problem(col, Severity.ERROR, code, exc.message, text, exc.expected)
            return None

    def unreadable(self, name: str) -> bool:
        """Whether an error is recorded at the field's cell (then a missing value is not also
        warned of)."""
        col = self.table.header.column(name)
        return any(c == col and p.severity is Severity.ERROR for c, p in self.problems)
