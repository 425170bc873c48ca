"""A workbook dashboard's reader: .xlsx -> `Table`, each cell's text as the sheet shows it.

Numbers are written with the places and percent sign of their number format; a merged cell's
value is put where Excel shows it (a heading over its columns, a topic down its rows); a formula
without a saved value is marked so the row reader can say so. With no sheet named, the first
sheet whose table has the required columns is read.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import warnings
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from narrator.errors import DataError, InputError, Location
from narrator.intake.columns import Header, find_header
from narrator.intake.table import RawRow, Table, missing_columns


def read_xlsx(source: str, data: bytes, sheet: str | None) -> Table:
    """The table of `sheet` (None: of the first sheet that has one). Raises DataError for a
    damaged workbook, a sheet it does not have, or no table with the required columns."""
    import openpyxl  # here, not at the top: it takes a third of a second, and CSV needs none

    from narrator.limits import check_workbook

    try:
        check_workbook(data, source)
    except InputError as exc:
        raise DataError(Location(file=source), None, "a .xlsx workbook", exc.message) from None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about features it does not read
            values = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
            formulas = openpyxl.load_workbook(io.BytesIO(data), data_only=False)
    except Exception as exc:  # a damaged workbook fails in zipfile, XML or openpyxl code
        raise DataError(
            Location(file=source), None, "a .xlsx workbook", f"not a workbook ({exc})"
        ) from None
    names = [ws.title for ws in values.worksheets]
    if sheet is not None and sheet not in names:
        raise DataError(
            Location(file=source, sheet=sheet), sheet, f"one of the sheets {names}", "no such sheet"
        )
    best: tuple[str | None, tuple[RawRow, ...], Header | None] = (None, (), None)
    for name in [sheet] if sheet is not None else names:
        plain = _sheet_rows(values[name], formulas[name])
        merges = _merged_ranges(values[name])
        rows = _fill_merged(plain, merges, across=None, down_below=None)
        header = find_header([r.texts for r in rows])
        if header is not None and not header.missing:
            heading = {r.number for r in rows[header.first : header.last + 1]}
            rows = _fill_merged(plain, merges, heading, rows[header.last].number)
            return Table(source, name, True, rows, header)
        if best[2] is None or (header is not None and len(header.fields) > len(best[2].fields)):
            best = (name, rows, header)
    raise missing_columns(source, best[0], best[1], best[2])


def _sheet_rows(values: Any, formulas: Any) -> tuple[RawRow, ...]:
    """A worksheet's rows as text; `formulas` is the same sheet loaded with its formulas."""
    rows: list[RawRow] = []
    for vrow, frow in zip(values.iter_rows(), formulas.iter_rows(), strict=False):
        texts = tuple(_excel_text(c.value, c.number_format) for c in vrow)
        uncached = frozenset(
            i
            for i, (v, f) in enumerate(zip(vrow, frow, strict=False))
            if v.value is None and f.data_type == "f"
        )
        rows.append(RawRow(vrow[0].row, texts, uncached))
    return tuple(rows)


def _merged_ranges(worksheet: Any) -> tuple[tuple[int, int, int, int], ...]:
    """The sheet's merged cells as (top row, left column, bottom row, right column), 1-based."""
    return tuple(
        (r.min_row, r.min_col, r.max_row, r.max_col) for r in worksheet.merged_cells.ranges
    )


def _fill_merged(
    rows: tuple[RawRow, ...],
    merges: Sequence[tuple[int, int, int, int]],
    across: set[int] | None,
    down_below: int | None,
) -> tuple[RawRow, ...]:
    """The rows with a merged cell's value where Excel shows it (openpyxl keeps it in the
    top-left cell only). In the rows `across` (the header; None: every row) a heading merged
    over several columns ("Previous" over "Period" and "Value") names each of them; below row
    `down_below` (None: nowhere) a value merged over several rows (a topic, a polarity, a
    target) belongs to each. A value merged across the columns of a data row (a note, "No
    comparator currently available") stays one cell's."""
    if not merges:
        return rows
    index = {r.number: i for i, r in enumerate(rows)}
    texts = [list(r.texts) for r in rows]
    # a row with nothing of its own is the lower part of taller merged cells (a long name
    # merged over two rows, with its values): it is no row of its own, and stays blank
    own = {r.number for r in rows if any(t.strip() for t in r.texts)}
    for top, left, bottom, right in merges:
        first = index.get(top)
        if first is None or left > len(texts[first]) or not texts[first][left - 1]:
            continue
        value = texts[first][left - 1]
        if across is None or top in across:
            for col in range(left + 1, min(right, len(texts[first])) + 1):
                texts[first][col - 1] = texts[first][col - 1] or value
        if down_below is None or top <= down_below:
            continue  # a heading merged down into the data is no row's value
        for number in range(top + 1, bottom + 1):
            i = index.get(number)
            if i is None or number not in own:
                continue
            if left <= len(texts[i]) and not texts[i][left - 1]:
                texts[i][left - 1] = value
    return tuple(RawRow(r.number, tuple(t), r.uncached) for r, t in zip(rows, texts, strict=True))


def _places(number_format: str) -> int | None:
    """Decimal places an Excel number format shows; None for "General"."""
    section = re.sub(r'"[^"]*"|\[[^\]]*\]', "", number_format.split(";")[0])
    if m := re.search(r"\.([0#?]+)", section):
        return len(m.group(1))
    return 0 if re.search(r"[0#?]", section) else None


def _excel_text(value: object, number_format: str) -> str:
    """A cell's value as the sheet shows it: 0.2285 formatted "0.00%" is "22.85%"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, int | float):
        if not math.isfinite(value) or abs(value) >= 1e15:  # cells.py refuses it, with its text
            return format(value, ".15g")
        number = Decimal(format(value, ".15g"))
        percent = "%" in re.sub(r'"[^"]*"', "", number_format)
        if percent:
            number *= 100
        places = _places(number_format)
        if places is not None:
            number = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        return f"{number:f}{'%' if percent else ''}"
    if isinstance(value, dt.datetime | dt.date):
        if "m" in number_format.lower() and "d" not in number_format.lower():
            return value.strftime("%b-%Y")
        if isinstance(value, dt.datetime) and value.time() == dt.time():
            # a date Excel holds as a datetime at midnight (openpyxl reads every date so):
            # "30/06/2023", as a UK sheet shows it, not "2023-06-30T00:00:00"
            return value.strftime("%d/%m/%Y")
        return value.isoformat()
    return str(value)
