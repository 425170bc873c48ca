"""What the data says before anything is worded: the direction of a change, whether it is an
improvement given the polarity, how the two periods stand, and whether the target is met.

Both the data checks (narrator.intake.checks) and the rules (narrator.language.rules) need these,
so they live here, below both. No English here; None always means "cannot be said from the data".
"""

from __future__ import annotations

from decimal import Decimal

from narrator.context import Context
from narrator.model import Comparison, Direction, Judgement, Polarity, TargetKind
from narrator.periods import PeriodRelation, comparable, relation
from narrator.units import Unit, round_half_up


def printed(ctx: Context, value: Decimal) -> Decimal:
    """The value as the report prints it: differences are taken between printed values, so a
    reader who subtracts the printed figures gets the printed difference."""
    return round_half_up(value, ctx.decimals)


def period_relation(ctx: Context) -> PeriodRelation | None:
    """How the previous period stands to the latest; None when either is missing."""
    ind = ctx.indicator
    if ind.previous_period is None or ind.latest_period is None:
        return None
    months = ind.frequency.months if ind.frequency else None
    return relation(ind.previous_period, ind.latest_period, months)


def like_for_like(ctx: Context) -> bool:
    """Whether the previous figure may be judged against the latest: False for a part year
    against a full year (or a part year of another length), and for a count or money done in
    periods of different lengths (a flow: a quarter's total against a year's), unless the
    catalogue declares `part_year: as_is`. True when either period is missing."""
    ind = ctx.indicator
    if ind.previous_period is None or ind.latest_period is None:
        return True
    if ctx.entry is not None and ctx.entry.part_year == "as_is":
        return True
    if ctx.flow and ctx.unit in (Unit.COUNT, Unit.MONEY):
        # what was done in a quarter against what was done in a year: unlike totals
        before, after = ind.previous_period.months, ind.latest_period.months
        if before and after and before != after:
            return False
    return comparable(ind.previous_period, ind.latest_period)


def direction_of(ctx: Context) -> Direction | None:
    """Increase, decrease or no change between printed values; None without both values, or
    when they cover unlike periods (a part year against a full year: see like_for_like)."""
    ind = ctx.indicator
    if ind.latest is None or ind.previous is None or not like_for_like(ctx):
        return None
    latest, previous = printed(ctx, ind.latest), printed(ctx, ind.previous)
    change = abs(latest - previous)
    settings = ctx.settings
    if ctx.unit is Unit.PERCENTAGE:
        within = change <= settings.no_change_points
    else:
        relative = change / abs(previous) * 100 if previous else None
        within = relative is not None and relative <= settings.no_change_relative
    if latest == previous or within:
        return Direction.NO_CHANGE
    return Direction.INCREASE if latest > previous else Direction.DECREASE


def judgement_of(polarity: Polarity, direction: Direction) -> Judgement | None:
    """Improved or worsened given polarity; None when the polarity makes no judgement.

    >>> judgement_of(Polarity.LOW_IS_GOOD, Direction.DECREASE)
    <Judgement.IMPROVED: 'improved'>
    """
    if polarity is Polarity.NONE:
        return None
    if direction is Direction.NO_CHANGE:
        return Judgement.UNCHANGED
    good = Direction.INCREASE if polarity is Polarity.HIGH_IS_GOOD else Direction.DECREASE
    return Judgement.IMPROVED if direction is good else Judgement.WORSENED


def part_year_total(ctx: Context) -> bool:
    """A count, sum of money or rate so far this year (a part-year period), which a target or
    average for the whole year cannot judge (289.4 admissions per 100,000 in six months is not
    "below" a year's 560.8); False when the catalogue declares `part_year: as_is`."""
    period = ctx.indicator.latest_period
    totals = (Unit.COUNT, Unit.MONEY, Unit.RATE)
    if period is None or not period.part_year or ctx.unit not in totals:
        return False
    return ctx.entry is None or ctx.entry.part_year != "as_is"


_SAID = {
    Comparison.BETTER: Judgement.IMPROVED,
    Comparison.WORSE: Judgement.WORSENED,
    Comparison.SIMILAR: Judgement.UNCHANGED,
    Comparison.SAME: Judgement.UNCHANGED,
}


def comparison_judgement(polarity: Polarity, comparison: Comparison | None) -> Judgement | None:
    """What a single-period dashboard's comparison word says of the change: its own judgement
    ("Better" is improved), or a direction ("Higher") judged by the polarity; None for "New",
    for no word, and for a direction without a polarity.

    >>> comparison_judgement(Polarity.LOW_IS_GOOD, Comparison.HIGHER)
    <Judgement.WORSENED: 'worsened'>
    """
    if comparison is None or comparison is Comparison.NEW:
        return None
    if comparison in _SAID:
        return _SAID[comparison]
    up = Direction.INCREASE if comparison is Comparison.HIGHER else Direction.DECREASE
    return judgement_of(polarity, up)


def target_met(ctx: Context) -> bool | None:
    """Whether the latest figure meets the target; None when there is no target or no latest
    figure, for "Increase"/"Reduce" when there is no previous figure, for "Top quartile"
    when there is no quartile, and for a total so far this year against a numeric target
    (see part_year_total)."""
    ind = ctx.indicator
    target = ind.target
    if target is None or ind.latest is None:
        return None
    if target.value is not None and part_year_total(ctx):
        return None
    latest = printed(ctx, ind.latest)
    if target.kind in (TargetKind.INCREASE, TargetKind.REDUCE):
        direction = direction_of(ctx)
        if direction is None:
            return None
        wanted = Direction.INCREASE if target.kind is TargetKind.INCREASE else Direction.DECREASE
        return direction is wanted
    if target.kind is TargetKind.TOP_QUARTILE:
        return None if ind.quartile is None else ind.quartile == 1
    assert target.value is not None
    goal = target.value
    return {
        TargetKind.ABOVE: latest > goal,
        TargetKind.AT_LEAST: latest >= goal,
        TargetKind.BELOW: latest < goal,
        TargetKind.AT_MOST: latest <= goal,
        TargetKind.EQUAL: latest == goal,
    }[target.kind]


def target_margin(ctx: Context) -> Decimal | None:
    """How far the latest figure stands from a numeric target, as printed: latest minus target
    (negative below it), so a reader who subtracts the printed figures gets the printed margin;
    None when the target is not judged (see target_met), has no number ("Increase", "Top
    quartile") or the figure equals it."""
    ind = ctx.indicator
    target = ind.target
    if target is None or target.value is None or ind.latest is None or target_met(ctx) is None:
        return None
    margin = printed(ctx, ind.latest) - target.value
    return margin or None


def definition_crossed(ctx: Context) -> bool:
    """Whether a definition change declared in the catalogue falls between the previous and
    the latest period (the latest counted the new way, the previous the old)."""
    change = ctx.entry.definition_change if ctx.entry else None
    ind = ctx.indicator
    if change is None or ind.latest_period is None or ind.previous_period is None:
        return False
    since = change.since.end_month_index()
    return ind.previous_period.end_month_index() < since <= ind.latest_period.end_month_index()
