"""What the layout readers share: reading one field with a located warning instead of a guess,
the comparison words of single-period scorecards, quarters written without their year, and
the finished Dashboard.

A layout reader works on lines of text, not on a table with named columns: a field's location
is the line it was read from (as a human counts lines in the file) and the field's name
("latest value", "comparison") stands for the column. A field that cannot be read is a WARNING
(the indicator keeps None there and the report says less) — never an error that stops a report
from an extract the officer cannot correct, and never a guessed number.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from narrator.errors import Location
from narrator.intake import cells
from narrator.intake.cells import CellError, Number
from narrator.intake.dashboard import Dashboard
from narrator.model import (
    Cell,
    Comparison,
    Indicator,
    Polarity,
    Problem,
    Rag,
    Severity,
    Target,
)
from narrator.periods import Period, PeriodKind

T = TypeVar("T")

# how each field is named in a message, in place of a column heading
LABELS = {
    "name": "indicator",
    "latest": "latest value",
    "latest_period": "period",
    "previous": "previous value",
    "previous_period": "previous period",
    "comparison": "comparison with the previous figure",
    "trend": "compared to previous data",
    "rag": "RAG",
    "quartile": "national quartile",
    "neighbour_average": "statistical neighbour average",
    "target": "target",
}


def lines_of(text: str) -> list[str]:
    """The text's lines as an editor counts them: split at line feeds (and a carriage return
    before one) only, not at the form feeds and separators `str.splitlines` also splits at."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


_UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def storable(source: str, text: str) -> tuple[str, list[Problem]]:
    """The text without the control characters a Word document cannot hold (pasted in from
    another system), each line that had one reported as a warning; tabs and line ends stay."""
    if not _UNSTORABLE.search(text):
        return text, []
    problems, lines = [], lines_of(text)
    for number, line in enumerate(lines, 1):
        if found := _UNSTORABLE.search(line):
            problems.append(
                Problem(
                    Severity.WARNING,
                    "control-character",
                    Location(source, None, number),
                    f"holds the control character U+{ord(found.group(0)):04X}, which a Word "
                    "document cannot hold: removed",
                    line,
                )
            )
            lines[number - 1] = _UNSTORABLE.sub("", line)
    return "\n".join(lines), problems


_BARE_QUARTER = re.compile(r"^(?:q|qtr|quarter)\s*([1-4])$", re.I)


def bare_quarter(text: str) -> int | None:
    """The quarter of a period written without its year ("Q1"), else None."""
    m = _BARE_QUARTER.match(cells.clean_text(text))
    return int(m.group(1)) if m else None


def quarter_period(text: str, year: int) -> Period:
    """A bare quarter ("Q1") in the financial year starting in `year`; its label stays as
    written."""
    number = bare_quarter(text)
    assert number is not None
    return Period(PeriodKind.QUARTER, year, number, cells.clean_text(text))


@dataclass
class Fields:
    """Reads the fields of one indicator from text, each with its line, collecting located
    warnings. `line` is where the indicator's name starts."""

    source: str
    line: int
    name: str
    cells: dict[str, Cell] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def where(self, what: str, line: int | None = None) -> Location:
        column = LABELS.get(what, what)
        return Location(self.source, None, line or self.line, column, None, self.name)

    def warn(
        self,
        what: str,
        code: str,
        message: str,
        value: str | None,
        expected: str | None = None,
        line: int | None = None,
    ) -> None:
        problem = Problem(Severity.WARNING, code, self.where(what, line), message, value, expected)
        self.problems.append(problem)

    def read(
        self,
        what: str,
        text: str,
        parser: Callable[[str], T | None],
        line: int | None = None,
    ) -> T | None:
        """The field parsed; None when it says there is no value, or (with a warning naming
        the text and what was expected) when it cannot be read."""
        self.cells[what] = Cell(self.where(what, line), text)
        try:
            return parser(text)
        except CellError as exc:
            self.warn(
                what,
                f"unreadable-{what.replace('_', '-')}",
                f"{exc.message}: not read",
                text,
                exc.expected,
                line,
            )
            return None

    def target(self, text: str, polarity: Polarity, line: int | None = None) -> Target | None:
        return self.read("target", text, lambda t: cells.parse_target(t, polarity), line)

    def indicator(
        self,
        *,
        topic: str | None,
        theme: str | None,
        polarity: Polarity,
        latest: Number | None,
        latest_period: Period | None,
        comparison: Comparison | None = None,
        previous: Number | None = None,
        previous_period: Period | None = None,
        target: Target | None = None,
        rag: Rag | None = None,
        quartile: int | None = None,
        neighbour: Number | None = None,
    ) -> Indicator:
        """The Indicator, with a warning when it has no latest value."""
        numbers = [n for n in (latest, previous, neighbour) if n is not None]
        said = any(p.location.column == LABELS["latest"] for p in self.problems)
        if latest is None and not said:
            self.warn("latest", "missing-latest-value", "no latest value", None)
        extra: dict[str, str] = {}
        if latest is not None and latest.percentage is not None:
            extra["percentage"] = f"{latest.percentage}%"
        return Indicator(
            name=self.name,
            topic=topic,
            theme=theme,
            polarity=polarity,
            frequency=None,
            latest=latest.value if latest else None,
            latest_period=latest_period,
            previous=previous.value if previous else None,
            previous_period=previous_period,
            target=target,
            rag=rag,
            quartile=quartile,
            neighbour_average=neighbour.value if neighbour else None,
            numerator=latest.count if latest else None,
            comparison=comparison,
            decimals=max((n.decimals for n in numbers), default=0),
            percent_sign=any(n.percent for n in numbers),
            row=Location(self.source, None, self.line, indicator=self.name),
            cells=self.cells,
            extra=extra,
        )


def note(source: str, line: int | None, code: str, message: str, value: str | None) -> Problem:
    """A warning about text that is not an indicator's field (a heading, noise, a legend)."""
    return Problem(Severity.WARNING, code, Location(source, None, line), message, value)


def dashboard(
    source: str, indicators: list[Indicator], problems: list[Problem], layout: str
) -> Dashboard:
    """The finished Dashboard, problems in line order; an error when nothing was read."""
    if not indicators:
        problems.append(
            Problem(
                Severity.ERROR,
                "no-indicators",
                Location(source),
                f"no indicator could be read as the {layout} layout",
                None,
                "an indicator's name followed by its figures",
            )
        )
    ordered = sorted(problems, key=lambda p: p.location.row or 0)
    return Dashboard(source, None, tuple(indicators), tuple(ordered), ())
