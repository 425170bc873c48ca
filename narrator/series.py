"""An indicator's own history: its figure period by period, each with the file it came from.

Built by narrator.intake.history from the config's `history:` dashboards and the report's own
dashboard; read by the series facts (narrator.series_facts), the language stage and the
appendix charts. Plain frozen data, free of English.

A `Series` holds one point per period, ordered oldest first, the report's latest figure last.
Periods follow one another when `periods.relation` calls the earlier one the PREVIOUS of the
later at the indicator's reporting step (three months for a quarterly measure, one for a
monthly one, the next term for a termly one): a period missing between two points is a gap.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from narrator.errors import Location
from narrator.periods import Period, PeriodKind, PeriodRelation, relation


@dataclass(frozen=True)
class SeriesPoint:
    """One period's figure. `source` is the file the figure was taken from (the newest
    dashboard that gives it), `location` the cell (file, row, column) it was read from.
    `numerator`/`denominator` are the counts behind it (None: that dashboard gives none);
    `text` is the cell as written ("87.4%"; "" when not known)."""

    period: Period
    value: Decimal
    source: str
    location: Location
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    text: str = ""

    def describe(self) -> str:
        """'87.4% (history/q4.csv, row 3, column "Latest Value")': the figure as written and
        where."""
        shown = self.text or str(self.value)
        where = self.location._replace(indicator=None).describe()
        return f"{shown} ({where or self.source})"


@dataclass(frozen=True)
class Revision:
    """A figure for one period that two dashboards give differently: `earlier` as the older
    dashboard gave it, `later` as the newer one did (the one the series keeps)."""

    indicator: str
    period: Period
    earlier: SeriesPoint
    later: SeriesPoint


@dataclass(frozen=True)
class Series:
    """An indicator's figures over time, oldest first, one per period, the latest last.

    `indicator` is the name the report's dashboard gives it; `step` is how many months apart
    its periods are reported (3 quarterly, 1 monthly, 12 annual; None: by the kind of period,
    and terms follow by name); `sources` lists every file a point was read from, oldest
    dashboard first (the report's own dashboard last)."""

    indicator: str
    points: tuple[SeriesPoint, ...]
    step: int | None = None
    sources: tuple[str, ...] = ()

    @property
    def latest(self) -> SeriesPoint | None:
        """The last point (the report's latest figure); None for an empty series."""
        return self.points[-1] if self.points else None

    def at(self, period: Period) -> SeriesPoint | None:
        """The point for `period` (matched by its place in time); None when the series has
        no figure for it."""
        end = period.end_month_index()
        for point in self.points:
            if _same_period(point.period, period, end):
                return point
        return None

    def follows(self, earlier: Period, later: Period) -> bool:
        """True when `later` is the period reported just after `earlier` (no gap between)."""
        return relation(earlier, later, self.step) is PeriodRelation.PREVIOUS

    def year_before(self, period: Period) -> SeriesPoint | None:
        """The point for the same period a year before `period` (the same quarter, month or
        term); None when the series has none, and for measures reported yearly or less often
        (whose previous period is already the year before)."""
        if self.step is not None and self.step >= 12:
            return None
        for point in self.points:
            if relation(point.period, period, self.step) is PeriodRelation.YEAR_ON_YEAR:
                return point
        return None

    def timeline(self, most: int | None = None) -> tuple[tuple[Period, Decimal | None], ...]:
        """Every period from the first point to the latest, oldest first, each with its figure
        and None for a period missing between two (a gap a chart leaves open); the last `most`
        of them (None: all). Periods whose succession is not known (ranges, dates, part years)
        are the points alone."""
        out: list[tuple[Period, Decimal | None]] = []
        for point in self.points:
            if out:
                missing = _between(out[-1][0], point.period, self.step)
                out.extend((period, None) for period in missing)
            out.append((point.period, point.value))
        return tuple(out[-most:] if most else out)


_STEPPED = (PeriodKind.QUARTER, PeriodKind.MONTH, PeriodKind.TERM, PeriodKind.SPLIT_YEAR)


def _between(earlier: Period, later: Period, step: int | None) -> list[Period]:
    """The periods reported between two (none when they follow, or cannot be counted)."""
    if earlier.kind is not later.kind or earlier.kind not in (*_STEPPED, PeriodKind.YEAR):
        return []
    found: list[Period] = []
    current = earlier
    while len(found) < 240:
        current = _next(current, step)
        if current.end_month_index() >= later.end_month_index():
            return found
        found.append(current)
    return []


def _next(period: Period, step: int | None) -> Period:
    """The period reported after `period` (its step in months; terms by name)."""
    kind, year, number = period.kind, period.year, period.number
    if kind is PeriodKind.TERM:
        assert number is not None
        year, number = (year + 1, 1) if number == 3 else (year, number + 1)
    elif kind in (PeriodKind.SPLIT_YEAR, PeriodKind.YEAR):
        year += 1
    else:
        per_year = 4 if kind is PeriodKind.QUARTER else 12
        size = (step or 12 // per_year) // (12 // per_year) or 1
        assert number is not None
        year, rest = divmod(number - 1 + size, per_year)
        year, number = period.year + year, rest + 1
    made = Period(kind, year, number, "")
    return Period(kind, year, number, made.canonical())


def _same_period(a: Period, b: Period, b_end: int) -> bool:
    return (
        a.kind is b.kind
        and a.end_month_index() == b_end
        and a.start_month_index() == b.start_month_index()
    )
