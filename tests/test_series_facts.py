"""Series facts over random series (issue 22): every streak and record claimed holds in the
series, none is missed, and a gap breaks both. The test works each fact out itself from the
positions of the periods (consecutive positions are consecutive periods), not from narrator's
period arithmetic.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from itertools import pairwise

from hypothesis import example, given
from hypothesis import strategies as st

from narrator.errors import Location
from narrator.model import Direction
from narrator.periods import Period, PeriodKind
from narrator.series import Series, SeriesPoint
from narrator.series_facts import (
    MIN_RECORD_PERIODS,
    Extreme,
    record,
    series_facts,
    streak,
    year_on_year,
)

# (kind, periods in a year, step in months for the Series)
KINDS = {"quarter": (PeriodKind.QUARTER, 4, 3), "month": (PeriodKind.MONTH, 12, 1)}
KINDS["term"] = (PeriodKind.TERM, 3, None)


def period(kind: str, position: int) -> Period:
    """The `position`th period of `kind` from the first of 2018 (Q1 2018/19, Jan-2018, Spring
    Term 2018)."""
    kind_of, per_year, _ = KINDS[kind]
    year, number = divmod(position, per_year)
    return Period(kind_of, 2018 + year, number + 1, f"{kind} {position}")


def make(kind: str, held: list[tuple[int, Decimal]]) -> Series:
    """A series holding the value at each position (ascending, distinct)."""
    points = tuple(
        SeriesPoint(period(kind, pos), value, f"file{pos}.csv", Location(file=f"file{pos}.csv"))
        for pos, value in held
    )
    return Series("indicator", points, KINDS[kind][2])


VALUES = st.integers(min_value=0, max_value=6).map(lambda n: Decimal(n) / 2)


@st.composite
def series_data(draw: st.DrawFn) -> tuple[str, list[tuple[int, Decimal]]]:
    """A kind and (position, value) pairs: positions rise by 1 (next period) or more (a gap)."""
    kind = draw(st.sampled_from(sorted(KINDS)))
    steps = draw(st.lists(st.sampled_from([1, 1, 1, 1, 2, 3]), min_size=0, max_size=12))
    positions = [5]
    for step in steps:
        positions.append(positions[-1] + step)
    values = draw(st.lists(VALUES, min_size=len(positions), max_size=len(positions)))
    return kind, list(zip(positions, values, strict=True))


def _way(before: Decimal, after: Decimal) -> Direction:
    if after > before:
        return Direction.INCREASE
    return Direction.DECREASE if after < before else Direction.NO_CHANGE


def _expected_streak(held: list[tuple[int, Decimal]]) -> tuple[Direction, int] | None:
    moves: list[Direction | None] = []
    for (p0, v0), (p1, v1) in pairwise(held):
        moves.append(_way(v0, v1) if p1 == p0 + 1 else None)
    if not moves or moves[-1] in (None, Direction.NO_CHANGE):
        return None
    way, count = moves[-1], 0
    while count < len(moves) and moves[-1 - count] is way:
        count += 1
    assert way is not None
    return way, count


def _expected_record(held: list[tuple[int, Decimal]]) -> tuple[Extreme, int, int | None] | None:
    """(extreme, periods, position of the period it is 'since' or None)."""
    latest_pos, latest = held[-1]
    for extreme in Extreme:
        periods, since = 1, None
        for pos, value in reversed(held[:-1]):
            if pos != latest_pos - periods:  # a gap: the run ends
                break
            beyond = latest < value if extreme is Extreme.LOWEST else latest > value
            if not beyond:
                since = pos
                break
            periods += 1
        if periods >= MIN_RECORD_PERIODS:
            return extreme, periods, since
    return None


@given(series_data())
@example(("quarter", [(5, Decimal(1)), (6, Decimal(2)), (7, Decimal(3)), (8, Decimal(4))]))
@example(("month", [(5, Decimal(1)), (6, Decimal(2)), (8, Decimal(3)), (9, Decimal(4))]))
def it_claims_every_true_streak_and_no_other(data: tuple[str, list[tuple[int, Decimal]]]) -> None:
    kind, held = data
    series = make(kind, held)
    found = streak(series)
    expected = _expected_streak(held)
    if expected is None:
        assert found is None
        return
    assert found is not None
    assert (found.direction, found.moves) == expected
    # it holds: each of its moves is between consecutive periods, the claimed way
    start = len(held) - 1 - found.moves
    assert found.start.period == period(kind, held[start][0])
    for (p0, v0), (p1, v1) in pairwise(held[start:]):
        assert p1 == p0 + 1 and _way(v0, v1) is found.direction
    # and it is the whole run: the move before it (if any) is a gap or another way
    if start > 0:
        (p0, v0), (p1, v1) = held[start - 1], held[start]
        assert p1 != p0 + 1 or _way(v0, v1) is not found.direction


@given(series_data())
@example(("quarter", [(5, Decimal(3)), (6, Decimal(2)), (7, Decimal(1)), (8, Decimal(0))]))
@example(("term", [(5, Decimal(1)), (6, Decimal(3)), (7, Decimal(2)), (8, Decimal(0))]))
@example(("quarter", [(5, Decimal(3)), (7, Decimal(2)), (8, Decimal(1)), (9, Decimal(0))]))
def it_claims_every_true_record_and_no_other(data: tuple[str, list[tuple[int, Decimal]]]) -> None:
    kind, held = data
    series = make(kind, held)
    found = record(series)
    expected = _expected_record(held)
    if expected is None:
        assert found is None
        return
    assert found is not None
    since = found.since.period if found.since else None
    extreme, periods, since_pos = expected
    assert (found.extreme, found.periods) == (extreme, periods)
    assert since == (period(kind, since_pos) if since_pos is not None else None)
    # it holds: the run is consecutive, held by the series, the latest strictly beyond the rest
    window = held[-found.periods :]
    assert [p for p, _ in window] == list(range(window[0][0], window[0][0] + found.periods))
    latest = held[-1][1]
    for _, value in window[:-1]:
        assert latest < value if found.extreme is Extreme.LOWEST else latest > value
    assert found.first.period == period(kind, window[0][0])
    # bounded: "since" names a period as far or further, just before the run; otherwise the run
    # goes back to a gap or the series' first figure
    before = held[-found.periods - 1] if len(held) > found.periods else None
    if found.since is not None:
        assert before is not None and before[0] == window[0][0] - 1
        assert found.since.value == before[1]
        assert before[1] <= latest if found.extreme is Extreme.LOWEST else before[1] >= latest
    else:
        assert before is None or before[0] != window[0][0] - 1


@given(series_data())
def it_finds_the_year_earlier_figure_when_the_series_has_it(
    data: tuple[str, list[tuple[int, Decimal]]],
) -> None:
    kind, held = data
    per_year = KINDS[kind][1]
    found = year_on_year(make(kind, held))
    latest_pos, latest = held[-1]
    earlier = [value for pos, value in held if pos == latest_pos - per_year]
    if not earlier:
        assert found is None
        return
    assert found is not None
    assert found.year_ago.period == period(kind, latest_pos - per_year)
    assert found.difference == latest - earlier[0]
    assert found.direction is _way(earlier[0], latest)


def it_compares_figures_as_printed() -> None:
    """87.44 then 87.41 is no fall at one place: 87.4 both times."""
    held = [(1, Decimal("87.30")), (2, Decimal("87.44")), (3, Decimal("87.41"))]
    series = make("quarter", held)
    assert streak(series) is not None
    assert streak(series, places=1) is None


def it_gives_no_year_on_year_for_a_yearly_measure() -> None:
    years = tuple(
        SeriesPoint(Period(PeriodKind.SPLIT_YEAR, y, None, f"{y}"), Decimal(y), "f", Location())
        for y in (2020, 2021, 2022)
    )
    facts = series_facts(Series("x", years, 12))
    assert facts.year_on_year is None
    assert facts.streak is not None and facts.streak.moves == 2
    assert facts.record is not None and facts.record.extreme is Extreme.HIGHEST


def it_says_nothing_of_a_series_of_one() -> None:
    facts = series_facts(make("month", [(1, Decimal(3))]))
    assert not facts


@given(series_data())
def it_lays_a_series_out_period_by_period_with_its_gaps_open(
    data: tuple[str, list[tuple[int, Decimal]]],
) -> None:
    kind, held = data
    series = make(kind, held)
    timeline = series.timeline()
    first, last = held[0][0], held[-1][0]
    values = dict(held)
    assert [p for p, _ in timeline] == [
        replace(period(kind, n), label=p.label)
        for n, (p, _) in zip(range(first, last + 1), timeline, strict=True)
    ]
    assert [v for _, v in timeline] == [values.get(n) for n in range(first, last + 1)]
    for (a, _), (b, _) in pairwise(timeline):
        assert series.follows(a, b)
    assert series.timeline(3) == timeline[-3:]
