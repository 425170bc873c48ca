"""The rules that speak of the national tables (a Context's `benchmark`). No English here.

Each is registered in `narrator.language.rules.RULES` through `NATIONAL_RULES` (name, function,
keys, values). Their facts are the ones the dashboard's own rules give, so the planner joins
them on the one route (issue 23: officers join the quartile to the change, "This is an
improvement on the Quarter 4 figure ..., and now places Leicestershire in the second quartile
of all local authorities by published benchmarks", and never say the averages' own histories):

- national_record: the area's own figure is its highest/lowest since a year, or in the years
  published (a `PublishedRecord`, joined to the change as its history where it fits);
- national_quartile: its rank of how many and quartile, in the year used (a
  `QuartilePosition` whose `source` says published or local, with its `Ranking`);
- national_averages: against England's figure and the statistical-neighbour mean (an
  `AverageComparison` whose items are the dashboard's `compare.*` clauses), with the averages'
  own changes on the year, runs and records as typed `AverageHistory`s (left out by the
  planner, which says why).

A paragraph states the benchmark year once: in the quartile where there is one, else in the
first average's clause (`year`). Values hold the table's own year labels ("2022/23"), never
words.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING

from narrator.language.findings import (
    AverageComparison,
    AverageHistory,
    Clause,
    Finding,
    Movement,
    PublishedRecord,
    QuartilePosition,
    QuartileSource,
    Ranking,
)
from narrator.language.measures import difference, figure
from narrator.model import Direction
from narrator.published import Benchmark, History

if TYPE_CHECKING:
    from narrator.context import Context


def _compared(ctx: Context, bench: Benchmark) -> Decimal | None:
    """The area's figure the comparisons start from: the dashboard's latest, else the area's
    published figure in the benchmark year."""
    if ctx.indicator.latest is not None:
        return ctx.indicator.latest
    return bench.latest.area.value


def _position(ctx: Context, mine: Decimal, other: Decimal) -> str:
    from narrator.judgement import printed

    a, b = printed(ctx, mine), printed(ctx, other)
    return "above" if a > b else "below" if a < b else "same"


def national_record(ctx: Context) -> Finding | None:
    """The area's published figure in the benchmark year against its own published series:
    said only when the paragraph's figure is that year's."""

    bench = ctx.benchmark
    if bench is None or not bench.same_year or bench.area_history is None:
        return None
    extreme = bench.area_history.extreme
    if extreme is None:
        return None
    values: dict[str, object] = {
        "since": extreme.since,
        "years": extreme.years,
        "first": extreme.first,
        "year": bench.latest.year,
    }
    fact = PublishedRecord(extreme.kind == "highest", extreme.since, extreme.years)
    return Finding("national_record", f"national_record.{extreme.kind}", values, fact)


def national_quartile(ctx: Context) -> Finding | None:
    """Rank and quartile among local authorities, by the configured use: the area's own
    published figure (`published`), or the latest figure placed against the published
    thresholds (`local`: where it would be). None where the measure has no quartile or the
    area no figure."""

    bench = ctx.benchmark
    if bench is None or bench.quartile is None or bench.rank is None:
        return None
    local = bench.use == "local" and bench.local_value is not None
    source = QuartileSource.LOCAL if local else QuartileSource.PUBLISHED
    values: dict[str, object] = {
        "quartile": bench.quartile,
        "previous_quartile": None,
        "year": bench.latest.year,
        "rank": bench.rank,
        "ranked": bench.latest.ranked,
        "value": figure(ctx, bench.local_value) if local and bench.local_value else None,
    }
    fact = QuartilePosition(
        bench.quartile,
        None,
        Movement.PLACED,
        with_figure=ctx.indicator.latest is not None,
        source=source,
        ranking=Ranking(bench.rank, bench.latest.ranked, bench.latest.year),
    )
    return Finding("national_quartile", f"quartile.benchmark.{source.value}", values, fact)


def _history(
    ctx: Context, group: str, now: Decimal | None, then: Decimal | None, history: History | None
) -> AverageHistory | None:
    """An average's own change on the year before, its run and its record; None without the
    year before's figure and a record."""
    bench = ctx.benchmark
    assert bench is not None
    record = history.extreme.kind if history and history.extreme else None
    direction: Direction | None = None
    run = None
    if now is not None and then is not None and bench.previous is not None:
        moved = _position(ctx, now, then)
        direction = {"above": Direction.INCREASE, "below": Direction.DECREASE}.get(
            moved, Direction.NO_CHANGE
        )
        if history and history.run_direction == direction.value and history.run >= 2:
            run = history.run
    elif record is None:
        return None
    year = bench.previous.year if bench.previous is not None else bench.latest.year
    return AverageHistory(group, year, direction, run, record)


def _histories(ctx: Context, bench: Benchmark) -> tuple[AverageHistory, ...]:
    before = bench.previous
    found = (
        _history(
            ctx,
            "england",
            bench.latest.england.value,
            before.england.value if before else None,
            bench.england_history,
        ),
        _history(
            ctx,
            "neighbours",
            bench.latest.neighbours,
            before.neighbours if before else None,
            bench.neighbours_history,
        ),
    )
    return tuple(h for h in found if h is not None)


def _items(ctx: Context, bench: Benchmark, mine: Decimal | None) -> list[Clause]:
    """The `compare.*` clauses (England, the neighbours; `both` where they print the same),
    the benchmark year in the first when no quartile says it; `compare.stated` without a
    figure of the area's."""
    england, mean = bench.latest.england.value, bench.latest.neighbours
    used = len(bench.latest.neighbours_used)
    total = used + len(bench.latest.neighbours_missing)
    present: list[tuple[str, Decimal]] = [
        (g, v) for g, v in (("england", england), ("neighbours", mean)) if v is not None
    ]
    if england is not None and mean is not None and _position(ctx, mean, england) == "same":
        present = [("both", england)]
    said_year = bench.quartile is not None and bench.rank is not None
    items = []
    for n, (group, average) in enumerate(present):
        values: dict[str, object] = {
            "group": group,
            "average": figure(ctx, average, bare=True),
            "year": None if said_year or n else bench.latest.year,
            "used": used if group != "england" else None,
            "total": total if group != "england" else None,
        }
        if mine is None:
            items.append(Clause("compare.stated", values))
            continue
        values["gap"] = difference(ctx, mine, average)
        items.append(Clause(f"compare.{_position(ctx, mine, average)}", values))
    return items


def national_averages(ctx: Context) -> Finding | None:
    """The paragraph's figure against England's and the statistical-neighbour mean in the
    benchmark year (the neighbours with a figure, and how many), as the dashboard's averages
    are compared; stated, not compared, when the area has no figure. The averages' own
    histories ride on the fact for the planner to weigh. None without either average."""

    bench = ctx.benchmark
    if bench is None:
        return None
    mine = _compared(ctx, bench)
    items = _items(ctx, bench, mine)
    if not items:
        return None
    fact = AverageComparison(mine is None, _histories(ctx, bench), published=True)
    key = "comparators.stated" if mine is None else "comparators"
    return Finding("national_averages", key, {"items": items}, fact)


# (name, rule, keys, values provided), for rules.RULES
_Registered = tuple[Callable[["Context"], "Finding | None"], tuple[str, ...], tuple[str, ...]]
NATIONAL_RULES: dict[str, _Registered] = {
    "national_record": (
        national_record,
        ("national_record.highest", "national_record.lowest"),
        ("since", "years", "first", "year"),
    ),
    "national_quartile": (
        national_quartile,
        tuple(
            f"quartile.benchmark.{s.value}"
            for s in (QuartileSource.PUBLISHED, QuartileSource.LOCAL)
        ),
        ("quartile", "previous_quartile", "year", "rank", "ranked", "value"),
    ),
    "national_averages": (
        national_averages,
        ("comparators", "comparators.stated"),
        ("items",),
    ),
}

# the compare clauses' values the national tables add to the dashboard's (`year`: the
# benchmark year, said once; `used`/`total`: the neighbours with a figure, of how many)
COMPARE_VALUES = ("group", "gap", "average", "year", "used", "total")
