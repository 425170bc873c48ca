"""The "markdown table" layout: a table converted from a PDF into markdown rows ("| a | b |").

What such a conversion does, and how it is read:
- the first header cell is the report's title ("Children and Families Performance 2021/22
  Quarter 2"): the indicator names sit under it, and its year is the year of quarters written
  bare ("Q2") (when it names none, the report period's year is used; either way a warning
  says so);
- an outcome is a row with only its first cell filled (two such rows in a row are one outcome
  wrapped); a later table's header row of that shape is an outcome too, and a first row that
  repeats it (OCR gives it twice, once garbled) replaces it;
- a row without a name continues the row above: a period split over two rows ("Summer" /
  "Census 2021") is joined; any other text in it is OCR noise beside a figure, and is reported;
- a row whose name is a garbled copy of the next row's, and whose figures cannot be read, is
  reported and not read;
- polarity may sit in the "Compared to previous data" column ("(high is good)");
- the RAG key and footnotes end the table.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from narrator.errors import Location
from narrator.intake import cells
from narrator.intake.cells import CellError
from narrator.intake.columns import field_for
from narrator.intake.comparison import parse_comparison
from narrator.intake.dashboard import Dashboard
from narrator.intake.layouts.common import (
    Fields,
    bare_quarter,
    dashboard,
    lines_of,
    note,
    quarter_period,
)
from narrator.model import Comparison, Indicator, Polarity, Problem, Severity
from narrator.periods import Period

NAME = "markdown-table"

_RULE = re.compile(r"^\|?[\s|:-]*-[\s|:-]*$")
_TITLE_YEAR = re.compile(r"\b(20\d{2})\s*/\s*\d{2}\b")


def _cells(line: str) -> list[str]:
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") else inner
    return [" ".join(c.split()) for c in inner.split("|")]


def detect(text: str) -> bool:
    """Mostly markdown rows with a rule line, whose first row names a value and a period
    column (its first cell is a title, not "Indicator": else it is a plain table)."""
    lines = [ln for ln in lines_of(text) if ln.strip()]
    piped = [ln for ln in lines if ln.lstrip().startswith("|")]
    if len(piped) < 3 or len(piped) < len(lines) // 2 or not any(_RULE.match(ln) for ln in piped):
        return False
    fields = {field_for(c) for c in _cells(piped[0])[1:] if c}
    return {"latest", "latest_period"} <= fields


def _similar(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a.lower(), b.lower()).ratio()


class _Row:
    def __init__(self, number: int, texts: list[str]) -> None:
        self.number, self.texts = number, texts

    def get(self, column: int | None) -> str:
        if column is None or column >= len(self.texts):
            return ""
        return self.texts[column]


def _marks_beside(source: str, row: _Row, rest: list[str]) -> list[Problem]:
    """A warning for a name with marks but no letters or digits beside it ("~", "¦"): read as
    an outcome heading, it may be an indicator whose figures could not be read."""
    if all(re.fullmatch(r"[-–—.\s]*", t) for t in rest):
        return []
    return [
        note(
            source,
            row.number,
            "unreadable-line",
            "a name with marks but no figures beside it: read as an outcome heading (if it is "
            "an indicator, its figures could not be read)",
            " | ".join(row.texts),
        )
    ]


@dataclass
class _Reading:
    """The table's rows sorted as they are read: outcome headings (`topic`, from
    `heading_row`), indicator rows with their topic (`pending`), the continuation lines under
    each (by the row's id) and what was not read (`problems`)."""

    source: str
    columns: dict[str, int]
    quarter_year: int | None
    heading_row: int
    problems: list[Problem] = field(default_factory=list)
    topic: str | None = None
    pending: list[tuple[_Row, str]] = field(default_factory=list)
    continuation: dict[int, list[_Row]] = field(default_factory=dict)

    def open_heading(self) -> bool:
        """True when the current outcome has no indicator under it yet."""
        return self.topic is not None and not pending_since(self.pending, self.topic)

    def nameless(self, row: _Row, rest: list[str]) -> None:
        """A row with text but no name: the last indicator's continuation, else not read."""
        if self.pending:
            self.continuation.setdefault(id(self.pending[-1][0]), []).append(row)
            return
        self.problems.append(
            note(
                self.source,
                row.number,
                "stray-text",
                "text under no indicator: not read",
                " | ".join(rest),
            )
        )

    def outcome(self, row: _Row, name: str) -> None:
        """A name with no figures: an outcome heading, or the second line of one."""
        if self.open_heading() and name[:1].islower():
            assert self.topic is not None
            self.topic = f"{self.topic} {name}"
            return
        if self.open_heading():
            assert self.topic is not None
            self.problems.append(_empty_heading(self.source, self.heading_row, self.topic))
        self.topic, self.heading_row = name, row.number

    def take(self, row: _Row, following: _Row | None) -> None:
        """Sort one row (`following`: the next row with a name, None at the end)."""
        name = row.texts[0] if row.texts else ""
        rest = [t for t in row.texts[1:] if t]
        if not name and not rest:
            return
        if not name:
            self.nameless(row, rest)
            return
        if not re.search(r"[A-Za-z]{3}", name):
            self.problems.append(
                note(
                    self.source,
                    row.number,
                    "stray-text",
                    "a row that names no indicator: not read",
                    " | ".join(row.texts),
                )
            )
            return
        if not [t for t in rest if re.search(r"[0-9A-Za-z]", t)]:
            self.problems.extend(_marks_beside(self.source, row, rest))
            self.outcome(row, name)
            return
        if self.open_heading() and _similar(name, self.topic or "") > 0.6:
            self.problems.append(
                note(
                    self.source,
                    row.number,
                    "noise-beside-heading",
                    f"the outcome {name!r} read again (OCR gives it twice): the text beside it is "
                    "noise and is not read",
                    " | ".join(rest),
                )
            )
            self.topic = name
            return
        if following is not None and _garbled_copy(row, following, self.columns, self.quarter_year):
            self.problems.append(
                Problem(
                    Severity.WARNING,
                    "garbled-copy",
                    Location(self.source, None, row.number, None, None, name),
                    f"a garbled copy of the next row ({following.texts[0]!r}): neither its "
                    "period nor its value can be read, so it is not read",
                    " | ".join(row.texts),
                )
            )
            return
        self.pending.append((row, self.topic or ""))


def _columns(header: _Row) -> dict[str, int]:
    """Each field's column, by the header's headings (the first of a field counts)."""
    columns: dict[str, int] = {}
    for i, heading in enumerate(header.texts[1:], 1):
        found = field_for(heading) if heading else None
        if found and found not in columns:
            columns[found] = i
    return columns


def _bare_quarter_note(source: str, indicators: list[Indicator]) -> list[Problem]:
    """A note on the first quarter written without a year, read in the report's year."""
    bare = [i for i in indicators if i.latest_period and bare_quarter(i.latest_period.label)]
    if not bare:
        return []
    first = bare[0].latest_period
    assert first is not None
    return [
        note(
            source,
            bare[0].row.row,
            "quarter-without-year",
            f"quarters written without a year ('{first.label}') are read in "
            f"{first.year_label}, the report's year: the table's title names none",
            first.label,
        )
    ]


def read(source: str, text: str, *, quarter_year: int | None = None) -> Dashboard:
    """Read the markdown table; `quarter_year` is the year of a bare quarter when the title
    names none."""
    rows = [
        _Row(number, _cells(line))
        for number, line in enumerate(lines_of(text), 1)
        if line.lstrip().startswith("|") and not _RULE.match(line)
    ]
    if not rows:
        return dashboard(source, [], [], NAME)
    header = rows[0]
    reading = _Reading(source, _columns(header), quarter_year, header.number)
    if m := _TITLE_YEAR.search(header.texts[0]):
        reading.quarter_year = int(m.group(1))
        reading.problems.append(
            note(
                source,
                header.number,
                "quarter-without-year",
                f"quarters written without a year ('Q1') are read in {m.group(0)}, the year the "
                "title names",
                header.texts[0],
            )
        )
    body = rows[1:]
    for index, row in enumerate(body):
        if any("rag rating key" in t.lower() for t in row.texts):
            break  # the key under the table, and anything after it, is not read
        following = next((r for r in body[index + 1 :] if r.texts and r.texts[0]), None)
        reading.take(row, following)
    if reading.open_heading():
        assert reading.topic is not None
        reading.problems.append(_empty_heading(source, reading.heading_row, reading.topic))
    problems = reading.problems
    indicators: list[Indicator] = []
    for row, row_topic in reading.pending:
        indicator, said = _indicator(
            source,
            row,
            reading.continuation.get(id(row), []),
            reading.columns,
            row_topic or None,
            reading.quarter_year,
        )
        indicators.append(indicator)
        problems.extend(said)
    if not _TITLE_YEAR.search(header.texts[0]):
        problems.extend(_bare_quarter_note(source, indicators))
    return dashboard(source, indicators, problems, NAME)


def _empty_heading(source: str, number: int, text: str) -> Problem:
    """A row with only a name and no indicator under it: an outcome with none, or an
    indicator whose figures are all missing. Said, naming it, either way."""
    return Problem(
        Severity.WARNING,
        "empty-heading",
        Location(source, None, number, None, None, text),
        "a row with only a name and no indicator under it: read as an outcome heading (if it "
        "is an indicator, its figures are missing)",
        text,
    )


def pending_since(pending: list[tuple[_Row, str]], topic: str) -> bool:
    """Whether an indicator has been read under `topic` already."""
    return bool(pending) and pending[-1][1] == topic


def _garbled_copy(
    row: _Row, following: _Row, columns: dict[str, int], quarter_year: int | None
) -> bool:
    """Whether a row is OCR's garbled second reading of the row after it: a name much like
    the next one's but not the same, and both its period and its value written but unreadable."""
    name, other = row.texts[0], following.texts[0]
    if name == other or _similar(name, other) <= 0.6:
        return False
    period, value = row.get(columns.get("latest_period")), row.get(columns.get("latest"))
    written = not cells.is_missing(period) and not cells.is_missing(value)
    return written and not _period_ok(period, quarter_year) and not _readable(value)


def _readable(text: str) -> bool:
    try:
        cells.parse_value(text)
    except CellError:
        return False
    return True


def _indicator(
    source: str,
    row: _Row,
    below: list[_Row],
    columns: dict[str, int],
    topic: str | None,
    quarter_year: int | None,
) -> tuple[Indicator, list[Problem]]:
    name = row.texts[0]
    fields = Fields(source, row.number, name)
    period_col = columns.get("latest_period")
    period_text = row.get(period_col)
    for extra in below:
        for i, piece in enumerate(extra.texts[1:], 1):
            if not piece or not re.search(r"[0-9A-Za-z]", piece):
                continue
            if i == period_col and not _period_ok(period_text, quarter_year):
                period_text = f"{period_text} {piece}".strip()
            elif i == period_col and _same_words(period_text, piece):
                continue  # the period's second line, given again
            else:
                what = next((f for f, c in columns.items() if c == i), f"column {i + 1}")
                fields.warn(
                    what,
                    "noise-below-row",
                    "text on the line below the indicator (OCR noise beside its figure): not read",
                    piece,
                    line=extra.number,
                )
    trend_text = row.get(columns.get("trend"))
    polarity = cells.bracketed_polarity(name)
    comparison: Comparison | None = None
    hint = cells.bracketed_polarity(f"({trend_text})") if trend_text else None
    if hint is not None:
        polarity = hint
    elif trend_text:
        comparison, said = fields.read("comparison", trend_text, parse_comparison) or (None, None)
        polarity = polarity or said
    polarity = polarity or Polarity.NONE
    latest = fields.read("latest", row.get(columns.get("latest")), cells.parse_value)
    period = fields.read("latest_period", period_text, lambda t: _period(t, quarter_year))
    indicator = fields.indicator(
        topic=topic,
        theme=None,
        polarity=polarity,
        latest=latest,
        latest_period=period,
        comparison=comparison,
        target=fields.target(row.get(columns.get("target")), polarity),
        rag=fields.read("rag", row.get(columns.get("rag")), cells.parse_rag),
        quartile=fields.read("quartile", row.get(columns.get("quartile")), cells.parse_quartile),
        neighbour=fields.read(
            "neighbour_average", row.get(columns.get("neighbour_average")), cells.parse_value
        ),
    )
    return indicator, fields.problems


def _same_words(a: str, b: str) -> bool:
    return b.lower() in a.lower()


def _period(text: str, quarter_year: int | None) -> Period | None:
    if bare_quarter(text) is not None:
        if quarter_year is None:
            raise CellError(
                f"a quarter without its year: {text!r}", "a quarter with its year ('Q2 2021/22')"
            )
        return quarter_period(text, quarter_year)
    return cells.parse_period_cell(text)


def _period_ok(text: str, quarter_year: int | None) -> bool:
    try:
        return _period(text, quarter_year) is not None
    except CellError:
        return False
