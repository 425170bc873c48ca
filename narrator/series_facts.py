"""What an indicator's history says about its latest figure: typed facts, no English.

Pure functions of a `Series` (narrator.series):
- `year_on_year`: the latest figure beside the same period a year earlier (quarterly, monthly
  and termly measures), with the change in the counts behind it where both dashboards give them;
- `streak`: how many moves in a row, ending with the latest, went the same way ("the fourth
  rise in a row"); a period missing from the series, or no change, ends a streak;
- `record`: the latest figure as the lowest (highest) of a run of consecutive periods ending
  with it, and the span of that run: either back to the last period as low (high) or lower
  ("the lowest since Quarter 2 2022/23") or, where the known series runs out or has a gap
  first, the number of periods ("the lowest of the last five quarters"). Never unbounded: a
  record claims only periods the series holds.

Values are compared as printed: `places` (None: as written) rounds each value half up first, so
a "rise" is one a reader of the printed figures would see.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from narrator.model import Direction
from narrator.series import Series, SeriesPoint
from narrator.units import round_half_up

MIN_RECORD_PERIODS = 3
"""A record needs the latest figure beyond at least two earlier ones in a row: "the lowest of
the last two quarters" is only a fall, and says so elsewhere."""


class Extreme(Enum):
    LOWEST = "lowest"
    HIGHEST = "highest"


@dataclass(frozen=True)
class CountChange:
    """The counts behind a rate or percentage, then and now: `difference` is now minus then
    (positive: more)."""

    then: SeriesPoint
    now: SeriesPoint
    then_count: Decimal
    now_count: Decimal
    difference: Decimal


@dataclass(frozen=True)
class YearOnYear:
    """The latest figure beside the same period a year earlier. `difference` is latest minus
    year_ago (as compared, see `places`); `counts`: the change in the numerators behind them
    (None: either dashboard gives no numerator)."""

    latest: SeriesPoint
    year_ago: SeriesPoint
    direction: Direction
    difference: Decimal
    counts: CountChange | None = None


@dataclass(frozen=True)
class Streak:
    """`moves` consecutive moves the same way (`direction`: INCREASE or DECREASE), the last
    of them into the latest figure; `start` is the point the first move started from. A streak
    of 1 is the latest move alone."""

    direction: Direction
    moves: int
    start: SeriesPoint
    latest: SeriesPoint


@dataclass(frozen=True)
class Record:
    """The latest figure is the `extreme` of `periods` consecutive periods ending with it (the
    latest included), all held by the series, strictly beyond every other one of them.

    `since`: the period just before that run, whose figure was as low (high) or lower (higher):
    "the lowest since <since>". None when the run starts the series' known run of consecutive
    periods (its first point, or the first after a gap): "the lowest of the last <periods>"."""

    extreme: Extreme
    periods: int
    first: SeriesPoint
    latest: SeriesPoint
    since: SeriesPoint | None = None


@dataclass(frozen=True)
class SeriesFacts:
    """Every fact the history gives about the latest figure; None where it gives none."""

    year_on_year: YearOnYear | None = None
    streak: Streak | None = None
    record: Record | None = None

    def __bool__(self) -> bool:
        return any((self.year_on_year, self.streak, self.record))


def _value(point: SeriesPoint, places: int | None) -> Decimal:
    return point.value if places is None else round_half_up(point.value, places)


def _direction(before: Decimal, after: Decimal) -> Direction:
    if after > before:
        return Direction.INCREASE
    if after < before:
        return Direction.DECREASE
    return Direction.NO_CHANGE


def year_on_year(series: Series, places: int | None = None) -> YearOnYear | None:
    """The latest figure against the same period a year earlier; None when the series has no
    figure a year earlier, or the measure is reported yearly (its previous period already is)."""
    latest = series.latest
    if latest is None:
        return None
    before = series.year_before(latest.period)
    if before is None:
        return None
    now, then = _value(latest, places), _value(before, places)
    counts = None
    if latest.numerator is not None and before.numerator is not None:
        counts = CountChange(
            before, latest, before.numerator, latest.numerator, latest.numerator - before.numerator
        )
    return YearOnYear(latest, before, _direction(then, now), now - then, counts)


def _moves(series: Series, places: int | None) -> list[Direction | None]:
    """The move into each point from the one before, newest first: None where the two are not
    consecutive periods (a gap) and before the first point."""
    points = series.points
    moves: list[Direction | None] = []
    for i in range(len(points) - 1, 0, -1):
        before, after = points[i - 1], points[i]
        if series.follows(before.period, after.period):
            moves.append(_direction(_value(before, places), _value(after, places)))
        else:
            moves.append(None)
    return moves


def streak(series: Series, places: int | None = None) -> Streak | None:
    """The run of moves the same way that ends with the latest figure; None when the latest
    figure did not move (no change), or has no figure for the period just before it."""
    moves = _moves(series, places)
    if not moves or moves[0] not in (Direction.INCREASE, Direction.DECREASE):
        return None
    way = moves[0]
    count = 1
    while count < len(moves) and moves[count] is way:
        count += 1
    points = series.points
    return Streak(way, count, points[len(points) - 1 - count], points[-1])


def _run(series: Series) -> int:
    """How many points, the latest included, run back without a gap."""
    points = series.points
    n = 1
    while n < len(points) and series.follows(points[-n - 1].period, points[-n].period):
        n += 1
    return n


def _record_of(
    series: Series, extreme: Extreme, places: int | None, run: int
) -> tuple[int, SeriesPoint | None]:
    """(how many periods the latest figure is strictly beyond, latest included; the point just
    before them that is as far or further, None when the run of consecutive points ends first)."""
    points = series.points
    latest = _value(points[-1], places)
    periods = 1
    while periods < run:
        other = _value(points[-periods - 1], places)
        beyond = latest < other if extreme is Extreme.LOWEST else latest > other
        if not beyond:
            return periods, points[-periods - 1]
        periods += 1
    return periods, None


def record(series: Series, places: int | None = None) -> Record | None:
    """The latest figure as the lowest or highest of the consecutive periods before it, with
    the span (see `Record`); None when it is beyond fewer than two earlier figures in a row."""
    if not series.points:
        return None
    run = _run(series)
    for extreme in Extreme:
        periods, since = _record_of(series, extreme, places, run)
        if periods >= MIN_RECORD_PERIODS:
            points = series.points
            return Record(extreme, periods, points[-periods], points[-1], since)
    return None


def series_facts(series: Series, places: int | None = None) -> SeriesFacts:
    """Every fact of the history about the latest figure, compared at `places` (None: as
    written)."""
    return SeriesFacts(year_on_year(series, places), streak(series, places), record(series, places))
