"""The rules that speak of an indicator's own history (a Context's `history`, from the config's
`history:` dashboards). No English here: the facts come typed from narrator.series_facts, and
these rules hand them to the phrasebook as findings.

- year_on_year.<increase|decrease|no_change>: the latest figure beside the same period a year
  earlier (quarterly, monthly and termly measures), with the counts behind it where both
  dashboards give them; not said when the previous figure already is the year-earlier one;
- series.<streak_record|streak|record>: the latest move as the nth the same way in a row, and
  the latest figure as the lowest or highest of a span (with the span: since a period, or of
  the last n periods). Each is said once: a record the national tables already state for the
  same figure is left to them.

Registered in narrator.language.rules.RULES through HISTORY_RULES, as the national rules are.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from typing import TYPE_CHECKING

from narrator.language.findings import Finding, SeriesRun, YearEarlier
from narrator.language.measures import count, difference, figure
from narrator.language.national_rules import national_record
from narrator.language.period_refs import PeriodRef
from narrator.model import Direction
from narrator.periods import PeriodKind
from narrator.units import Unit

if TYPE_CHECKING:
    from narrator.context import Context
    from narrator.series import Series, SeriesPoint
    from narrator.series_facts import Record, Streak

# narrator.series_facts is imported by the rules that use it, with a history to read: a build
# without `history:` does not load it (nor narrator.series) at all

MIN_STREAK = 3
"""A run of moves the same way is said from the third ("the third rise in a row"): a second is
only the change the paragraph already states, said again."""

MIN_STATED_RECORD = 4
"""A record is said when it spans at least four periods, the latest included ("the lowest of
the last four quarters"); a shorter one is no news beside the change from the period before."""


def _ref(ctx: Context, point: SeriesPoint) -> PeriodRef:
    """An earlier period as prose names it: a quarter always with its year."""
    year_type = ctx.entry.year_type if ctx.entry else None
    return PeriodRef(point.period, point.period.kind is PeriodKind.QUARTER, year_type, ctx.flow)


def comparable(ctx: Context) -> Series | None:
    """The indicator's history as far back as its figures compare with the latest: from the
    first period counted the new way when the catalogue declares a definition change; None
    without a history."""
    series = ctx.history
    change = ctx.entry.definition_change if ctx.entry else None
    if series is None or change is None:
        return series
    since = change.since.end_month_index()
    kept = tuple(p for p in series.points if p.period.end_month_index() >= since)
    return replace(series, points=kept)


def year_on_year_rule(ctx: Context) -> Finding | None:
    """The latest figure against the same period a year earlier; None without a history that
    holds it, and when the paragraph's previous figure already is that period's."""
    series, ind = comparable(ctx), ctx.indicator
    if series is None or ind.latest is None:
        return None
    from narrator.series_facts import year_on_year

    fact = year_on_year(series, ctx.decimals)
    if fact is None:
        return None
    before = ind.previous_period
    if before is not None and series.at(before) is series.at(fact.year_ago.period):
        return None  # the change from the previous figure already says it
    if _stated_record(ctx) is not None and _stated_record(ctx) is fact.year_ago:
        return None  # "the lowest since the end of Quarter 1 2023/24 (24.3%)" says it
    values: dict[str, object] = {
        "year_ago": figure(ctx, fact.year_ago.value, bare=True),
        "year_ago_period": _ref(ctx, fact.year_ago),
        "change": difference(ctx, fact.latest.value, fact.year_ago.value),
        "count_change": None,
        "count_direction": None,
    }
    if fact.counts is not None and ctx.unit is not Unit.COUNT:
        values["count_change"] = count(abs(fact.counts.difference))
        values["count_direction"] = _way(fact.counts.difference)
    key = f"year_on_year.{fact.direction.value}"
    return Finding("year_on_year", key, values, YearEarlier(fact))


def _way(amount: Decimal) -> str:
    if amount == 0:
        return Direction.NO_CHANGE.value
    return Direction.INCREASE.value if amount > 0 else Direction.DECREASE.value


def _record(ctx: Context) -> Record | None:
    """The record the paragraph states: long enough, and not one the national tables state."""
    from narrator.series_facts import record

    series = comparable(ctx)
    assert series is not None
    best = record(series, ctx.decimals)
    if best is None or best.periods < MIN_STATED_RECORD or national_record(ctx) is not None:
        return None
    return best


def _stated_record(ctx: Context) -> SeriesPoint | None:
    """The point a stated record is 'since' (None: no record stated, or one of the last n)."""
    best = _record(ctx)
    return best.since if best is not None else None


def series_rule(ctx: Context) -> Finding | None:
    """The run of moves the same way ending with the latest figure, and the latest figure's
    record with its span; None when neither is long enough to say."""
    series, ind = comparable(ctx), ctx.indicator
    if series is None or ind.latest is None:
        return None
    from narrator.series_facts import streak

    run: Streak | None = streak(series, ctx.decimals)
    if run is not None and (run.moves < MIN_STREAK or ind.previous is None):
        run = None  # without the dashboard's previous figure, its latest move is not said
    best = _record(ctx)
    if run is None and best is None:
        return None
    values: dict[str, object] = {
        "run": run.moves if run else None,
        "run_direction": run.direction.value if run else None,
        "extreme": best.extreme.value if best else None,
        "periods": best.periods if best else None,
        "span_unit": series.points[-1].period.kind.value,
        "since": _ref(ctx, best.since) if best and best.since else None,
        "since_value": figure(ctx, best.since.value, bare=True) if best and best.since else None,
    }
    kind = "streak_record" if run and best else "streak" if run else "record"
    return Finding("series", f"series.{kind}", values, SeriesRun(run, best))


HISTORY_RULES: dict[
    str, tuple[Callable[[Context], Finding | None], tuple[str, ...], tuple[str, ...]]
] = {
    "year_on_year": (
        year_on_year_rule,
        tuple(f"year_on_year.{d.value}" for d in Direction),
        ("year_ago", "year_ago_period", "change", "count_change", "count_direction"),
    ),
    "series": (
        series_rule,
        ("series.streak_record", "series.streak", "series.record"),
        # `years`, `first`: the area's own record in the national tables (national_record),
        # joined to the change as the series' is (plan.RECORD_PARTS)
        (
            *("run", "run_direction", "extreme", "periods", "span_unit", "since", "since_value"),
            *("years", "first"),
        ),
    ),
}
