"""The rules that speak of the national tables (a Context's `benchmark`). No English here.

Each is registered in `narrator.language.rules.RULES` through `NATIONAL_RULES` (name, function,
keys, values) and words through its own phrase keys (`plan: parts`); its fact is a
`NationalFact`, which the planner says as a sentence of its own:

- national_record.<highest|lowest>: the area's own figure is its highest/lowest since a year,
  or in the years published;
- national_quartile.<published|local>: its rank of how many and quartile, in the year used;
- national_england.<above|below|same>: against England's figure, with England's own change on
  the year and its record;
- national_neighbours.<above|below|same>: against the statistical-neighbour mean, with its
  change on the year.

A paragraph states the benchmark year once, in its first national sentence (`year` is None in
the later ones), and a span of years once ("(since 2015/16)": an England record over the same
years as the area's own record has `first` None).

Values hold the table's own year labels ("2022/23"), never words.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING

from narrator.language.findings import Clause, Finding, NationalFact
from narrator.language.measures import difference, figure
from narrator.published import Benchmark, History, YearBenchmark

if TYPE_CHECKING:
    from narrator.context import Context


def _compared(ctx: Context, bench: Benchmark) -> Decimal | None:
    """The area's figure the comparisons start from: the dashboard's latest, else the area's
    published figure in the benchmark year."""
    if ctx.indicator.latest is not None:
        return ctx.indicator.latest
    return bench.latest.area.value


def _extreme(history: History | None, said: tuple[int, str] | None = None) -> Clause | None:
    """A series' record; `said`: the span (years, first) the paragraph has already stated,
    whose "(since ...)" is then not said again."""
    if history is None or history.extreme is None:
        return None
    e = history.extreme
    first = None if said == (e.years, e.first) and not e.since else e.first
    values: dict[str, object] = {"since": e.since, "years": e.years, "first": first}
    values["again"] = False  # set by the planner when the paragraph has said the span
    return Clause(f"national.extreme.{e.kind}", values)


def _record_span(ctx: Context, bench: Benchmark) -> tuple[int, str] | None:
    """The span of years the area's own record states in this paragraph (national_record),
    when it states one ("in the eight years published (since 2015/16)")."""
    if not bench.same_year or bench.area_history is None:
        return None
    extreme = bench.area_history.extreme
    if extreme is None or extreme.since:
        return None
    return extreme.years, extreme.first


def _year_once(bench: Benchmark, before: tuple[str, ...]) -> str | None:
    """The benchmark year, for the first national sentence of the paragraph that states it
    (in the order quartile, England, neighbours); None for the later ones, which the year
    already said covers. `before`: the sentences that come first ("quartile", "england")."""
    said = {
        "quartile": bench.quartile is not None and bench.rank is not None,
        "england": bench.latest.england.value is not None,
    }
    return None if any(said[b] for b in before) else bench.latest.year


def _change(
    ctx: Context,
    now: Decimal | None,
    before: YearBenchmark | None,
    then: Decimal | None,
    history: History | None,
) -> Clause | None:
    """A comparator's own change on the year: "an increase of 0.03 percentage points on
    2021/22 (0.08%)"; None without both years."""
    from narrator.judgement import printed

    if now is None or before is None or then is None:
        return None
    a, b = printed(ctx, now), printed(ctx, then)
    direction = "increase" if a > b else "decrease" if a < b else "no_change"
    run = history.run if history and history.run_direction == direction else 0
    values: dict[str, object] = {
        "change": difference(ctx, now, then),
        "previous": figure(ctx, then),
        "previous_year": before.year,
        "run": run if run >= 2 else None,
    }
    return Clause(f"national.change.{direction}", values)


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
    return Finding(
        "national_record", f"national_record.{extreme.kind}", values, NationalFact("record")
    )


def national_quartile(ctx: Context) -> Finding | None:
    """Rank and quartile among local authorities, by the configured use: the area's own
    published figure ("published"), or the latest figure placed against the published
    thresholds ("local"). None where the measure has no quartile or the area no figure."""

    bench = ctx.benchmark
    if bench is None or bench.quartile is None or bench.rank is None:
        return None
    local = bench.use == "local" and bench.local_value is not None
    values: dict[str, object] = {
        "year": bench.latest.year,
        "quartile": bench.quartile,
        "rank": bench.rank,
        "ranked": bench.latest.ranked,
        "value": figure(ctx, bench.local_value) if local and bench.local_value else None,
    }
    key = "national_quartile.local" if local else "national_quartile.published"
    return Finding("national_quartile", key, values, NationalFact("quartile"))


def national_england(ctx: Context) -> Finding | None:
    """The paragraph's figure against England's in the benchmark year, with England's change
    on the year before and its place in England's published series."""

    bench = ctx.benchmark
    if bench is None or bench.latest.england.value is None:
        return None
    mine = _compared(ctx, bench)
    england = bench.latest.england.value
    before = bench.previous
    values: dict[str, object] = {
        "average": figure(ctx, england),
        "year": _year_once(bench, ("quartile",)),
        "gap": difference(ctx, mine, england) if mine is not None else None,
        "change": _change(
            ctx, england, before, before.england.value if before else None, bench.england_history
        ),
        "extreme": _extreme(bench.england_history, _record_span(ctx, bench)),
    }
    position = _position(ctx, mine, england) if mine is not None else "alone"
    return Finding(
        "national_england", f"national_england.{position}", values, NationalFact("england")
    )


def national_neighbours(ctx: Context) -> Finding | None:
    """The paragraph's figure against the statistical-neighbour mean of the benchmark year (the
    neighbours with a figure, and how many), with the mean's change on the year before."""

    bench = ctx.benchmark
    if bench is None or bench.latest.neighbours is None:
        return None
    mine = _compared(ctx, bench)
    mean = bench.latest.neighbours
    before = bench.previous
    used = len(bench.latest.neighbours_used)
    total = used + len(bench.latest.neighbours_missing)
    values: dict[str, object] = {
        "average": figure(ctx, mean),
        "year": _year_once(bench, ("quartile", "england")),
        "gap": difference(ctx, mine, mean) if mine is not None else None,
        "used": used,
        "total": total,
        "change": _change(
            ctx, mean, before, before.neighbours if before else None, bench.neighbours_history
        ),
    }
    england = bench.latest.england.value
    then = before.england.value if before else None
    earlier = before.neighbours if before else None
    same_now = england is not None and _position(ctx, mean, england) == "same"
    same_before = (earlier is None and then is None) or (
        earlier is not None and then is not None and _position(ctx, earlier, then) == "same"
    )
    if same_now and same_before:
        # the same figures as England's in both years: said once, as officers do ("the rate
        # for statistical neighbours was the same as the national rate ...")
        return Finding(
            "national_neighbours",
            "national_neighbours.as_england",
            values,
            NationalFact("neighbours"),
        )
    position = _position(ctx, mine, mean) if mine is not None else "alone"
    return Finding(
        "national_neighbours", f"national_neighbours.{position}", values, NationalFact("neighbours")
    )


_POSITIONS = ("above", "below", "same", "alone")

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
        ("national_quartile.published", "national_quartile.local"),
        ("year", "quartile", "rank", "ranked", "value"),
    ),
    "national_england": (
        national_england,
        tuple(f"national_england.{p}" for p in _POSITIONS),
        ("average", "year", "gap", "change", "extreme"),
    ),
    "national_neighbours": (
        national_neighbours,
        tuple(f"national_neighbours.{p}" for p in (*_POSITIONS, "as_england")),
        ("average", "year", "gap", "used", "total", "change"),
    ),
}

NATIONAL_CLAUSES: dict[str, tuple[str, ...]] = {
    **{
        f"national.change.{d}": ("change", "previous", "previous_year", "run")
        for d in ("increase", "decrease", "no_change")
    },
    # `again`: the paragraph has said this span already (language.mentions)
    **{
        f"national.extreme.{k}": ("since", "years", "first", "again") for k in ("highest", "lowest")
    },
}
