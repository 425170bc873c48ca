"""Column names as dashboards spell them -> one schema, and finding the header in a table.

A header is matched case-, space- and punctuation-insensitively ("Target*" is "Target",
"Perform. DOT" is the trend). It may span up to four rows, as PDF extracts and spreadsheets with
merged headings write it ("National benchmark" over "(quartile 1 = top)"): the rows' texts are
joined per column. Everything here works on plain text grids; reading files is load's job.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

from narrator.intake.headings import Dated, read_heading, sort_out

# schema field -> the names dashboards give it. The first name is the one shown in messages.
ALIASES: dict[str, tuple[str, ...]] = {
    "topic": (
        "Topic",
        "Strategic Plan Outcome",
        "Outcome",
        "Priority",
        "Portfolio",
        "Directorate",
        "Corporate Priority",
        "Council Priority",
        "Outcome Area",
    ),
    "theme": ("Theme", "Area", "Service Area", "Service"),
    "name": (
        "Indicator",
        "PI Short Name",
        "Indicator Name",
        "Measure",
        "KPI",
        "Supporting Indicator",
        "Performance Indicator",
        "PI Title",
        "PI Name",
        "Title",
        "Indicator Title",
        "Measure Name",
        "Measure Title",
        "KPI Name",
        "KPI Title",
        "Metric",
        "Performance Measure",
    ),
    "polarity": (
        "Polarity",
        "Good Performance",
        "Good is",
        "Direction of good performance",
        "Desired direction",
        "Aim",
        "Good Direction",
        "Better is",
    ),
    "frequency": ("Frequency", "Reporting Frequency", "Freq", "Periodicity"),
    "previous_period": ("Previous Period", "Last Period", "Prior Period"),
    "previous": (
        "Previous Value",
        "Previous Data",
        "Previous Figure",
        "Previous",
        "Previous Actual",
        "Previous Result",
        "Last Value",
        "Prior Value",
    ),
    "latest_period": (
        "Latest Period",
        "Period",
        "Latest update",
        "Latest Data Period",
        "Current Period",
        "Reporting Period",
        "Data Period",
        "Period Covered",
        "Last Update",
    ),
    "latest": (
        "Latest Value",
        "Latest Data",
        "Current figure",
        "Current Performance",
        "Latest",
        "Value",
        "Current Value",
        "Current",
        "Actual",
        "Latest Actual",
        "Current Actual",
        "Result",
        "Latest Result",
    ),
    "trend": (
        "Trend",
        "Perform. DOT",
        "DOT",
        "Direction of travel",
        "Compared to previous data",
        "Better or worse than previous data point",
        "Short Term Trend",
        "Short Term Trend Arrow",
        "Trend Arrow",
        "Short Trend (Last Quarter)",
        "Short Trend",
    ),
    "target": ("Target", "Targets", "Current Target", "Target Value", "Latest Target"),
    "rag": (
        "Status RAG",
        "RAG",
        "RAG Status",
        "RAG Rating",
        "Status",
        "Current Status",
        "Performance Status",
        "Traffic Light",
    ),
    "quartile": (
        "National benchmark (quartile 1 = top)",
        "Quartiles",
        "Quartile",
        "National benchmark",
        "National Quartile",
        "All England Quartile",
        "England Quartile",
    ),
    "previous_quartile": ("Previous Quartile",),
    "neighbour_average": (
        "Most recent Statistical Neighbour average",
        "Statistical Neighbour average",
        "Statistical Neighbour benchmark",
        "Statistical Neighbours",
        "Statistical Neighbours average",
        "Stat Neighbours",
        "SN average",
        "SN",
    ),
    "england_average": (
        "England average",
        "National average",
        "England",
        "England value",
        "Eng average",
        "England avg",
        "National",
    ),
    "numerator": ("Numerator",),
    "denominator": ("Denominator",),
    "previous_numerator": ("Previous Numerator",),
    "previous_denominator": ("Previous Denominator",),
    "comparator_quartile": (
        "Comparator Group Quartile",
        "Comparator Quartile",
        "Nearest Neighbour Quartile",
        "CIPFA Nearest Neighbour Quartile",
        "Family Group Quartile",
    ),
    # known and kept as they are (in each Indicator's `extra`), not read
    "code": (
        "PI Code",
        "PI Ref",
        "Code",
        "Ref",
        "KPI Code",
        "KPI Ref",
        "Indicator Code",
        "Indicator Ref",
        "PI Reference",
        "Measure Code",
    ),
    "long_trend": (
        "Long Trend (Last Year)",
        "Long Trend",
        "Long Term Trend",
        "Long Term Trend Arrow",
    ),
}
# the fields narrator knows but does not read: their cells are kept as written
KEPT_FIELDS = ("code", "long_trend")
# The dashboard's own column names, in the order of the department's export.
STANDARD_COLUMNS: tuple[str, ...] = tuple(names[0] for names in ALIASES.values())
REQUIRED = ("name", "latest", "latest_period")
MAX_HEADER_ROWS = 4
MAX_SEARCH_ROWS = 2000


def normalise(name: str) -> str:
    """'National benchmark (quartile 1 = top)' -> 'nationalbenchmarkquartile1top'."""
    return re.sub(r"[^a-z0-9]", "", name.lower().replace("&", "and"))


_LOOKUP = {normalise(alias): field for field, names in ALIASES.items() for alias in names}


def field_for(name: str) -> str | None:
    """The schema field a column name means, or None when narrator does not know it.

    A stray single letter before the name (OCR noise: "e Compared to previous data") is ignored.
    """
    key = normalise(name)
    if key in _LOOKUP:
        return _LOOKUP[key]
    words = name.split()
    if len(words) > 1 and len(words[0]) == 1 and words[0].isalpha():
        return _LOOKUP.get(normalise(" ".join(words[1:])))
    return None


def describe_field(field: str) -> str:
    """'Latest Value (or Latest Data, Current figure, ...)' for messages."""
    first, *others = ALIASES[field]
    return f"{first} (or {', '.join(others)})" if others else first


@dataclass(frozen=True)
class Header:
    """A header found in a grid. `first` and `last` are 0-based indices of its rows; `names[i]` is
    column i's name as the dashboard spells it (rows joined by a space, "" when unnamed);
    `fields` maps a column index to its schema field (the first column wins when two mean the
    same field); `unknown` lists named columns narrator does not use and `duplicates` columns
    whose field an earlier column already has. `periods` are the periods headings give every
    row ("latest_period" -> the column whose heading says it, and the period as written:
    "Q4 2010/11 Actual"); `understood` says what each column with a period in its heading was
    read as, `notes` where that heading's period is not the rows' own (see `headings`)."""

    first: int
    last: int
    names: tuple[str, ...]
    fields: dict[int, str]
    unknown: tuple[int, ...]
    duplicates: tuple[int, ...]
    periods: Mapping[str, tuple[int, str]] = dataclasses.field(default_factory=dict)
    understood: Mapping[int, str] = dataclasses.field(default_factory=dict)
    notes: Mapping[int, str] = dataclasses.field(default_factory=dict)

    @property
    def missing(self) -> tuple[str, ...]:
        """Required fields no column provides (a period a heading gives provides its field)."""
        found = set(self.fields.values()) | set(self.periods)
        return tuple(f for f in REQUIRED if f not in found)

    def column(self, field: str) -> int | None:
        """The column index holding `field`, or None when the table has no such column."""
        return self._columns.get(field)

    @cached_property
    def _columns(self) -> dict[str, int]:
        """Field -> column index, the first column winning (looked up for every cell read)."""
        columns: dict[str, int] = {}
        for index, field in self.fields.items():
            columns.setdefault(field, index)
        return columns


_RULE = re.compile(r"^[\s\-:=_+]*$")  # blank, or a text table's rule line ("|--|:---:|")


def _merge(rows: Sequence[Sequence[str]]) -> tuple[str, ...]:
    width = max((len(r) for r in rows), default=0)
    return tuple(
        " ".join(" ".join(r[i].split()) for r in rows if i < len(r) and not _RULE.match(r[i]))
        for i in range(width)
    )


def _names(rows: Sequence[Sequence[str]]) -> tuple[str, ...]:
    """Each column's name in a header block. A heading that a spreadsheet merged over several
    columns is written in its first column only ("Previous" over "Period" and "Value", saved as
    CSV): a column whose upper rows are blank takes the upper rows' text from its left when its
    own name means nothing, or the same as another column's ("Value" twice), and the joined
    name means something (a field, or a period heading: "Q2 2023/24" over "Value | Target")."""
    names = list(_merge(rows))
    if len(rows) < 2:
        return tuple(names)
    fields = [field_for(n) if n else None for n in names]
    taken = Counter(f for f in fields if f)
    upper, lower = rows[:-1], rows[-1:]

    def text(r: Sequence[str], i: int) -> str:
        return "" if i >= len(r) or _RULE.match(r[i]) else " ".join(r[i].split())

    def from_left(r: Sequence[str], i: int) -> str:
        return next((text(r, j) for j in range(i - 1, -1, -1) if text(r, j)), "")

    for i, name in enumerate(names):
        own = fields[i]
        if not name or (own is not None and taken[own] < 2):
            continue  # a column with a name of its own
        if any(text(r, i) for r in upper) or not any(text(r, i) for r in lower):
            continue
        inherited = " ".join(t for t in (from_left(r, i) for r in upper) if t)
        joined = f"{inherited} {name}"
        if inherited and (field_for(joined) or read_heading(joined, field_for)) is not None:
            names[i] = joined  # "Previous Value"; "Q2 2023/24 Target", a band over its words
    return tuple(names)


def _header(first: int, last: int, names: tuple[str, ...]) -> Header:
    fields: dict[int, str] = {}
    unknown: list[int] = []
    duplicates: list[int] = []
    dated: list[Dated] = []
    for i, name in enumerate(names):
        if not name:
            continue
        known = field_for(name)
        if known is None:
            heading = read_heading(name, field_for)
            if heading is None:
                unknown.append(i)
            else:
                dated.append(dataclasses.replace(heading, column=i))
        elif known in fields.values():
            duplicates.append(i)
        else:
            fields[i] = known
    if not dated:
        return Header(first, last, names, fields, tuple(unknown), tuple(duplicates))
    found = sort_out(dated, set(fields.values()))
    fields.update(found.fields)
    unknown += [d.column for d in dated if d.column not in found.fields]
    return Header(
        first,
        last,
        names,
        dict(sorted(fields.items())),
        tuple(sorted(unknown)),
        tuple(duplicates),
        found.periods,
        found.understood,
        found.notes,
    )


def _rank(header: Header) -> tuple[int, int, int, int]:
    filled = sum(1 for n in header.names if n)
    absorbed = len(normalise("".join(header.names)))  # letters and digits, not punctuation
    complete = 0 if header.missing else 1
    return (
        complete,
        len(header.fields) + len(header.periods) - len(header.unknown) - len(header.duplicates),
        filled,
        absorbed,
    )


def find_header(rows: Sequence[Sequence[str]]) -> Header | None:
    """The header of a table: the block of up to four rows whose joined texts name the required
    columns and the most known ones. When no block names them all, the block that names most,
    so a message can list what was found; None when no row names any known column."""
    best: Header | None = None
    complete_at: int | None = None
    for last in range(min(len(rows), MAX_SEARCH_ROWS)):
        if complete_at is not None and last > complete_at + MAX_HEADER_ROWS - 1:
            break
        for first in range(max(0, last - MAX_HEADER_ROWS + 1), last + 1):
            if not any(c.strip() for c in rows[first]):
                continue  # a block starts at a row with text
            header = _header(first, last, _names(rows[first : last + 1]))
            if not header.fields:
                continue
            if best is None or _rank(header) > _rank(best):
                best = header
            if not header.missing and complete_at is None:
                complete_at = last
    return best
