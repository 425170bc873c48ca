"""What the data says before anything is worded: the direction of a change, whether it is an
improvement given the polarity, how the two periods stand, and whether the target is met.

Both the data checks (narrator.intake.checks) and the rules (narrator.language.rules) need these,
so they live here, below both. No English here; None always means "cannot be said from the data".
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from narrator.model import Comparison, Direction, Judgement, Polarity, TargetKind, Unit
from narrator.periods import PeriodRelation, relation
from narrator.quantity import round_half_up

if TYPE_CHECKING:
    from narrator.intake.resolve import Context


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


def direction_of(ctx: Context) -> Direction | None:
    """Increase, decrease or no change between printed values; None without both values."""
    ind = ctx.indicator
    if ind.latest is None or ind.previous is None:
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
    figure, for "Increase"/"Reduce" when there is no previous figure, and for "Top quartile"
    when there is no quartile."""
    ind = ctx.indicator
    target = ind.target
    if target is None or ind.latest is None:
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
