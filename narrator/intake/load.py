"""The load stage: a dashboard file (CSV, tab-separated text or XLSX) -> typed `Indicator`s.

Bad cells never stop the load: each becomes a located `Problem` (file, sheet, row as a human
counts it or Excel cell such as "H7", column as the dashboard spells it, indicator, the text as
found and what was expected), and the indicator keeps None for that field. Only a file that
cannot be read as a table at all raises `DataError`.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import re
import warnings
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any, TypeVar, cast

from narrator.errors import DataError, Location
from narrator.intake import cells
from narrator.intake.cells import CellError, Number
from narrator.intake.columns import REQUIRED, Header, describe_field, field_for, find_header
from narrator.model import (
    Cell,
    Direction,
    Indicator,
    Judgement,
    Polarity,
    Problem,
    Severity,
)

T = TypeVar("T")


@dataclass(frozen=True)
class Dashboard:
    """What a dashboard file holds: its indicators and every problem found, both in file order.

    `sheet` is the XLSX sheet read (None for CSV and text); `unknown_columns` names the columns
    kept in each Indicator.extra but not used."""

    source: str
    sheet: str | None
    indicators: tuple[Indicator, ...]
    problems: tuple[Problem, ...]
    unknown_columns: tuple[str, ...]

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity is Severity.WARNING)


@dataclass(frozen=True)
class RawRow:
    """One row of a table as text. `number` is the row as a human counts it in the file
    (1-based, header rows included; in a CSV a quoted cell with line breaks stays one row, as a
    spreadsheet shows it); `uncached` holds the columns whose Excel formula has no cached value."""

    number: int
    texts: tuple[str, ...]
    uncached: frozenset[int] = frozenset()


@dataclass(frozen=True)
class _Table:
    source: str
    sheet: str | None
    excel: bool
    rows: tuple[RawRow, ...]
    header: Header
    delimiter: str | None = None  # a text file's column separator; None for a workbook


def load_dashboard(
    path: str | Path, *, sheet: str | None = None, layout: str | None = None
) -> Dashboard:
    """Read a dashboard. Never raises for bad cells: they are collected as Problems.

    `layout` names how the file is laid out ("table", "scorecard", "markdown-table",
    "ocr-appendix", "column-runs": see narrator.intake.layouts); None reads a table when the file
    has one and otherwise the layout the text has.
    Raises DataError only when the file cannot be read at all: missing, not a table, or a table
    without the required columns (the message names them and lists the columns found)."""
    source = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise DataError(
            Location(file=source), None, "a CSV or XLSX file", exc.strerror or "cannot open"
        ) from None
    if data.startswith(b"PK\x03\x04"):
        table = _read_xlsx(source, data, sheet)
    elif data.startswith(b"\xd0\xcf\x11\xe0"):
        raise DataError(  # the OLE format of .xls, also Excel's wrapping of a protected .xlsx
            Location(file=source),
            None,
            "a .xlsx or CSV file (save it as .xlsx, without a password)",
            "an old .xls workbook or a password-protected one",
        )
    elif layout not in (None, "table"):
        return _read_layout(source, data, layout)
    else:
        try:
            table = _read_text(source, data)
        except DataError:
            if layout is None and (found := _detect_layout(data)) is not None:
                return _read_layout(source, data, found)
            raise
    if layout not in (None, "table"):
        raise DataError(
            Location(file=source),
            layout,
            "a text file (a layout other than 'table' is read from text)",
            "a workbook",
        )
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


def _detect_layout(data: bytes) -> str | None:
    from narrator.intake import layouts

    return layouts.detect(layouts.decode(data))


def _read_layout(source: str, data: bytes, layout: str) -> Dashboard:
    from narrator.intake import layouts

    dashboard: Dashboard = layouts.read(layout, source, layouts.decode(data))
    return dashboard


# --- reading text --------------------------------------------------------------------------


def _read_text(source: str, data: bytes) -> _Table:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode Text" is UTF-16
        text = data.decode("utf-16", errors="replace")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    if "\x00" in text:
        raise DataError(
            Location(file=source), None, "a CSV or tab-separated text file", "a binary file"
        )
    sample = [line for line in text.splitlines() if line.strip()][:20]
    counts = Counter({d: sum(d in line for line in sample) for d in "\t,;|"})
    delimiters = [d for d, n in counts.most_common() if n] or [","]
    best: tuple[tuple[RawRow, ...], Header | None] = ((), None)
    failed: DataError | None = None
    for delimiter in delimiters:
        records: list[list[str]] = []
        try:
            records.extend(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
        except csv.Error as exc:  # a cell longer than the csv module allows, or a stray quote
            failed = failed or DataError(
                Location(file=source, row=len(records) + 1),
                None,
                "a CSV or tab-separated text file",
                f"cannot be read as a table ({exc})",
            )
            continue
        rows = tuple(RawRow(i + 1, tuple(r)) for i, r in enumerate(records))
        header = find_header([r.texts for r in rows])
        if header is not None and not header.missing:
            return _Table(source, None, False, rows, header, delimiter)
        if best[1] is None or (header is not None and len(header.fields) > len(best[1].fields)):
            best = (rows, header)
    if failed is not None and best[1] is None:
        raise failed
    raise _missing_columns(source, None, *best)


# --- reading Excel -------------------------------------------------------------------------


def _read_xlsx(source: str, data: bytes, sheet: str | None) -> _Table:
    import openpyxl  # here, not at the top: it takes a third of a second, and CSV needs none

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
            return _Table(source, name, True, rows, header)
        if best[2] is None or (header is not None and len(header.fields) > len(best[2].fields)):
            best = (name, rows, header)
    raise _missing_columns(source, best[0], best[1], best[2])


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
        return value.isoformat()
    return str(value)


# --- the header ----------------------------------------------------------------------------


def _missing_columns(
    source: str, sheet: str | None, rows: Sequence[RawRow], header: Header | None
) -> DataError:
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


def _header_problems(table: _Table) -> list[Problem]:
    header, problems = table.header, []
    number = table.rows[header.last].number
    for i in sorted(header.unknown + header.duplicates):
        what = (
            "a second column for the same data"
            if i in header.duplicates
            else "a column narrator does not use"
        )
        problems.append(
            Problem(
                Severity.WARNING,
                "unknown-column",
                _where(table, number, i),
                f"{what}: kept as it is",
                header.names[i],
                None,
            )
        )
    if header.column("polarity") is None:
        problems.append(
            Problem(
                Severity.WARNING,
                "missing-polarity-column",
                Location(file=table.source, sheet=table.sheet, row=number),
                "no Polarity column: an indicator without a polarity in its name or trend has none",
            )
        )
    return problems


def _where(
    table: _Table, number: int, column: int | None, indicator: str | None = None
) -> Location:
    name = (
        table.header.names[column]
        if column is not None and column < len(table.header.names)
        else None
    )
    cell = f"{_column_letter(column + 1)}{number}" if table.excel and column is not None else None
    return Location(table.source, table.sheet, number, name or None, cell, indicator)


def _column_letter(index: int) -> str:
    """Excel's name for a 1-based column number: 1 -> "A", 27 -> "AA" (as openpyxl's
    get_column_letter, without importing openpyxl for a CSV)."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


# --- rows ----------------------------------------------------------------------------------

_VALUE_FIELDS = (
    "latest",
    "previous",
    "latest_period",
    "previous_period",
    "numerator",
    "denominator",
)
_LABEL_FIELDS = ("name", "topic", "theme")
_FIGURE_FIELDS = frozenset(_VALUE_FIELDS) | {"neighbour_average", "england_average"}
_FIGURE_FIELDS |= {"previous_numerator", "previous_denominator"}


def _dashboard(table: _Table) -> Dashboard:
    problems = _header_problems(table)
    header = table.header
    kept: list[tuple[RawRow, str, str, str]] = []  # row, name, topic text, theme text
    for raw in table.rows[header.last + 1 :]:
        raw = _storable(table, raw, problems)
        kind, row_problems = _classify(table, raw)
        problems.extend(row_problems)
        if kind:
            kept.append(
                (
                    raw,
                    _text(table, raw, "name"),
                    _text(table, raw, "topic"),
                    _text(table, raw, "theme"),
                )
            )
    themes = _fill_forward([t for _, _, _, t in kept])
    topics = _resolve_topics([t for _, _, t, _ in kept], themes)
    indicators: list[Indicator] = []
    for (raw, name, _, _), topic, theme in zip(kept, topics, themes, strict=True):
        if name:
            indicator, row_problems = _RowReader(table, raw, name).indicator(topic, theme)
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
    return Dashboard(table.source, table.sheet, tuple(indicators), tuple(ordered), unknown)


_UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _storable(table: _Table, raw: RawRow, problems: list[Problem]) -> RawRow:
    """The row without the control characters a Word document cannot hold (pasted into a
    cell from another system), each cell that had one reported as a warning; the row itself
    when there are none."""
    if not any(_UNSTORABLE.search(text) for text in raw.texts):
        return raw
    name = _text(table, raw, "name") or None  # as written, to say which row it was
    texts = []
    for column, text in enumerate(raw.texts):
        found = _UNSTORABLE.search(text)
        if found:
            problems.append(
                Problem(
                    Severity.WARNING,
                    "control-character",
                    _where(table, raw.number, column, name),
                    f"holds the control character U+{ord(found.group(0)):04X}, which a Word "
                    "document cannot hold: removed",
                    text,
                )
            )
            text = _UNSTORABLE.sub("", text)
        texts.append(text)
    return RawRow(raw.number, tuple(texts), raw.uncached)


def _text(table: _Table, raw: RawRow, name: str) -> str:
    """A cell's text with its spaces collapsed; "" when there is no such cell or it says N/A."""
    col = table.header.column(name)
    text = " ".join(raw.texts[col].split()) if col is not None and col < len(raw.texts) else ""
    return "" if cells.is_missing(text) else text


def _classify(table: _Table, raw: RawRow) -> tuple[bool, list[Problem]]:
    """Whether a data row is kept (an indicator, or a row that only names a topic or theme), and
    the problems of a row that is not."""
    if all(cells.is_missing(t) for t in raw.texts) and not raw.uncached:
        return False, []  # blank, or a rule line ("|--|---|") of a text table
    filled = [i for i, t in enumerate(raw.texts) if t.strip()]
    name = _text(table, raw, "name")
    labels = {table.header.column(f) for f in _LABEL_FIELDS}
    has_values = any(_text(table, raw, f) for f in _VALUE_FIELDS)
    if name:
        if all(i < 2 for i in filled) and not has_values:
            where = _where(table, raw.number, table.header.column("name"), name)
            return False, [
                Problem(
                    Severity.WARNING,
                    "skipped-row",
                    where,
                    "a note or key below the table, not an indicator: skipped",
                    name,
                )
            ]
        return True, []
    if all(i in labels for i in filled):
        return True, []
    if not has_values:
        return False, []  # a key, legend or note row
    where = _where(table, raw.number, table.header.column("name"))
    return False, [
        Problem(
            Severity.ERROR,
            "missing-indicator-name",
            where,
            "a row with values but no indicator name",
            "",
            "the indicator's name",
        )
    ]


def _fill_forward(texts: Sequence[str]) -> list[str | None]:
    out: list[str | None] = []
    for text in texts:
        out.append(text or (out[-1] if out else None))
    return out


_JOINING = (",", "-", "&", " and", " of", " to", " the", " in", " for", " with")


def _resolve_topics(texts: Sequence[str], themes: Sequence[str | None]) -> list[str | None]:
    """Each row's topic. An empty topic is the topic above; text that continues the row above
    ("resilience, confidence and capacity" under "...build strength,") extends it. Rows without a
    topic just above a new topic go with it when their theme is the new topic's and not the old
    one's: PDF extracts centre a merged topic cell over its rows."""
    blocks: list[list[str]] = []
    block_themes: list[set[str | None]] = []
    owner: list[int | None] = []
    pending: list[int] = []
    for i, text in enumerate(texts):
        above = texts[i - 1] if i else ""
        if text and above and text != above and (text[0].islower() or above.endswith(_JOINING)):
            blocks[-1].append(text)
        elif text:
            old = block_themes[-1] if block_themes else set()
            blocks.append([text])
            block_themes.append(set())
            for j in reversed(pending):
                if themes[i] is None or themes[j] != themes[i] or themes[j] in old:
                    break
                owner[j] = len(blocks) - 1
        if text:
            block_themes[-1].add(themes[i])
            pending = []
        else:
            pending.append(i)
        owner.append(len(blocks) - 1 if blocks else None)
    return [" ".join(blocks[o]) if o is not None else None for o in owner]


_SPILL = "nocomparatorcurrentlyavailable"
_NOT_LETTER = re.compile(r"[^a-z]")
_DIGIT = re.compile(r"[0-9]")


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


def _polarity_hint(text: str) -> Polarity | None:
    """A polarity written outside the Polarity column ("(high is good)"), or None."""
    if not re.search(r"good|better|polarity", text, re.I):
        return None
    try:
        return cells.parse_polarity(text)
    except CellError:
        return None


_GROUPED = re.compile(r"[0-9],[0-9]{3}(?![0-9])")  # "1,500": 1500, or 1.500 written in French
_EXCEL_ERROR = re.compile(
    r"^#(?:DIV/0!|N/A|VALUE!|REF!|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA)$"
)


class _RowReader:
    """Reads the cells of one indicator row, collecting located problems."""

    def __init__(self, table: _Table, raw: RawRow, name: str) -> None:
        self.table, self.raw, self.name = table, raw, name
        self.problems: list[tuple[int, Problem]] = []
        self.cells: dict[str, Cell] = {}
        self.texts = list(raw.texts)
        header = table.header
        value_columns = {i for i, f in header.fields.items() if f not in _LABEL_FIELDS}
        value_columns |= {i for i in range(len(raw.texts)) if i not in header.fields}
        for first, last in _spilled(raw.texts, value_columns):
            spilled = " | ".join(raw.texts[first : last + 1])
            self._problem(
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
                self._problem(
                    i,
                    Severity.WARNING,
                    "value-in-unnamed-column",
                    "a value in a column without a name: ignored",
                    text,
                )

    def _problem(
        self,
        column: int | None,
        severity: Severity,
        code: str,
        message: str,
        value: str | None,
        expected: str | None = None,
    ) -> None:
        where = _where(self.table, self.raw.number, column, self.name)
        self.problems.append(
            (column or 0, Problem(severity, code, where, message, value, expected))
        )

    def text(self, name: str) -> str:
        col = self.table.header.column(name)
        return self.texts[col] if col is not None and col < len(self.texts) else ""

    def read(self, name: str, parser: Callable[[str], T | None], code: str) -> T | None:
        """The field parsed; None when the table has no such column, the cell has no value or it
        cannot be read (then an error is recorded)."""
        col = self.table.header.column(name)
        if col is None:
            return None
        original = self.raw.texts[col] if col < len(self.raw.texts) else ""
        self.cells[name] = Cell(_where(self.table, self.raw.number, col, self.name), original)
        if col in self.raw.uncached:
            self._problem(
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
            self._problem(
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
            self._problem(col, Severity.ERROR, code, exc.message, original, exc.expected)
            return None
        if value is not None and self.table.delimiter == ";" and _GROUPED.search(original):
            self._problem(
                col,
                Severity.WARNING,
                "ambiguous-comma",
                "in a semicolon-separated file a comma may be a decimal comma: read as a "
                "thousands separator",
                original,
                "a number without a thousands separator, or with a decimal point",
            )
        return value

    def _check_duplicates(self) -> None:
        """A second column for the same data must say what the first says: the first is read,
        so a figure in the second that differs would be lost (an error for a figure or period,
        a warning for the rest; labels such as a second "Area" column are left alone)."""
        header = self.table.header
        for i in header.duplicates:
            field = field_for(header.names[i])
            col = header.column(field) if field else None
            if field is None or col is None or field in _LABEL_FIELDS:
                continue
            ours, theirs = self.text(field), self.texts[i] if i < len(self.texts) else ""
            if cells.is_missing(ours) and cells.is_missing(theirs):
                continue
            if cells.clean_text(ours).lower() == cells.clean_text(theirs).lower():
                continue
            severity = Severity.ERROR if field in _FIGURE_FIELDS else Severity.WARNING
            self._problem(
                i,
                severity,
                "columns-disagree",
                f"a second column for {describe_field(field).split(' (')[0]}, which column "
                f"{header.names[col]!r} gives as {ours!r}: only the first is read",
                theirs,
                f"the same as column {header.names[col]!r}, or one of the two renamed",
            )

    def indicator(self, topic: str | None, theme: str | None) -> tuple[Indicator, list[Problem]]:
        self._check_duplicates()
        for label in _LABEL_FIELDS:
            if (col := self.table.header.column(label)) is not None and col < len(self.raw.texts):
                where = _where(self.table, self.raw.number, col, self.name)
                self.cells[label] = Cell(where, self.raw.texts[col])
        polarity = self._polarity()
        trend = self._trend(polarity)
        latest = self.read("latest", cells.parse_value, "unreadable-value")
        previous = self.read("previous", cells.parse_value, "unreadable-value")
        neighbour = self.read("neighbour_average", cells.parse_value, "unreadable-value")
        england = self.read("england_average", cells.parse_value, "unreadable-value")
        numbers = [n for n in (latest, previous, neighbour, england) if n is not None]
        extra = {
            self.table.header.names[i]: self.raw.texts[i] if i < len(self.raw.texts) else ""
            for i in self.table.header.unknown + self.table.header.duplicates
        }
        for key, number in (
            ("", latest),
            ("previous_", previous),
            ("neighbour_average_", neighbour),
            ("england_average_", england),
        ):
            if number is not None and number.percentage is not None:
                extra[f"{key}percentage"] = f"{number.percentage}%"
        latest_period = self.read("latest_period", cells.parse_period_cell, "unreadable-period")
        self._check_latest(latest, latest_period)
        indicator = Indicator(
            name=self.name,
            topic=topic,
            theme=theme,
            polarity=polarity,
            frequency=self.read("frequency", cells.parse_frequency, "unreadable-frequency"),
            latest=latest.value if latest else None,
            latest_period=latest_period,
            previous=previous.value if previous else None,
            previous_period=self.read(
                "previous_period", cells.parse_period_cell, "unreadable-period"
            ),
            trend=trend,
            target=self.read(
                "target", lambda t: cells.parse_target(t, polarity), "unreadable-target"
            ),
            rag=self.read("rag", cells.parse_rag, "unreadable-rag"),
            quartile=self.read("quartile", cells.parse_quartile, "unreadable-quartile"),
            previous_quartile=self.read(
                "previous_quartile", cells.parse_quartile, "unreadable-quartile"
            ),
            neighbour_average=neighbour.value if neighbour else None,
            england_average=england.value if england else None,
            numerator=self._count("numerator", latest),
            denominator=self.read("denominator", cells.parse_count, "unreadable-count"),
            previous_numerator=self._count("previous_numerator", previous),
            previous_denominator=self.read(
                "previous_denominator", cells.parse_count, "unreadable-count"
            ),
            decimals=max((n.decimals for n in numbers), default=0),
            percent_sign=any(n.percent for n in numbers),
            row=Location(self.table.source, self.table.sheet, self.raw.number, indicator=self.name),
            cells=self.cells,
            extra=extra,
        )
        return indicator, [p for _, p in sorted(self.problems, key=lambda cp: cp[0])]

    def _polarity(self) -> Polarity:
        """The polarity cell; else a polarity written in the trend column ("(high is good)") or
        the name ("(low = good)"); else Polarity.NONE (warned when the cell is blank)."""
        polarity = self.read("polarity", cells.parse_polarity, "unreadable-polarity")
        if polarity is not None:
            return polarity
        for text in (self.text("trend"), *re.findall(r"\(([^()]*)\)", self.name)):
            if (hint := _polarity_hint(text)) is not None:
                return hint
        col = self.table.header.column("polarity")
        if col is not None and not self.text("polarity").strip():
            self._problem(
                col, Severity.WARNING, "missing-polarity", "no polarity: read as none", ""
            )
        return Polarity.NONE

    def _trend(self, polarity: Polarity) -> Direction | None:
        """The trend cell as a Direction. A polarity written in the trend column ("(high is
        good)", as some extracts place it) is no trend; "Better"/"Worse" become a Direction
        through the polarity."""
        text = self.text("trend")
        if _polarity_hint(text) is not None:
            try:
                cells.parse_trend(text)
            except CellError:
                self.read("trend", lambda _: None, "unreadable-trend")  # keep the cell only
                return None
        trend = cast(
            Direction | Judgement | None, self.read("trend", cells.parse_trend, "unreadable-trend")
        )
        if not isinstance(trend, Judgement):
            return trend
        if trend is Judgement.UNCHANGED:
            return Direction.NO_CHANGE
        if polarity is Polarity.NONE:
            self._problem(
                self.table.header.column("trend"),
                Severity.WARNING,
                "trend-needs-polarity",
                "a trend written as better or worse needs a polarity: ignored",
                text,
            )
            return None
        up = (trend is Judgement.IMPROVED) == (polarity is Polarity.HIGH_IS_GOOD)
        return Direction.INCREASE if up else Direction.DECREASE

    def _count(self, name: str, number: Number | None) -> Decimal | None:
        """A numerator column; when it is blank, the count in brackets after the value ("3% (420)").
        When both are given and differ, the column wins and a warning is recorded."""
        count = self.read(name, cells.parse_count, "unreadable-count")
        bracket = number.count if number is not None else None
        if bracket is None or count == bracket:
            return count
        if count is None:
            return bracket
        self._problem(
            self.table.header.column(name),
            Severity.WARNING,
            "numerator-disagrees",
            f"the count in brackets after the value ({bracket}) differs from this column",
            self.text(name),
            str(bracket),
        )
        return count

    def _check_latest(self, latest: Number | None, period: object) -> None:
        if latest is None and not self._unreadable("latest"):
            self._problem(
                self.table.header.column("latest"),
                Severity.WARNING,
                "missing-latest-value",
                "no latest value",
                self.text("latest"),
            )
        if latest is not None and period is None and not self._unreadable("latest_period"):
            self._problem(
                self.table.header.column("latest_period"),
                Severity.ERROR,
                "missing-period",
                "a latest value without its period",
                self.text("latest_period"),
                "the period the latest value is for",
            )

    def _unreadable(self, name: str) -> bool:
        col = self.table.header.column(name)
        return any(c == col and p.severity is Severity.ERROR for c, p in self.problems)
