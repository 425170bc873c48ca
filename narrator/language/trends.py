"""An indicator's trend chart, as the appendix carries it: its series, target line and axis.

The series itself (period label -> value, oldest first) comes from the history the config names;
this module only decides what the chart shows of it. No English here: the chart's words are the
phrasebook's (`report.appendix.figures`).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from narrator.context import Context
from narrator.model import TargetKind
from narrator.report import Trend
from narrator.units import Unit

TARGET_LINES = frozenset(
    {TargetKind.ABOVE, TargetKind.AT_LEAST, TargetKind.BELOW, TargetKind.AT_MOST, TargetKind.EQUAL}
)
"""The targets drawn as a line: those with a figure ("Increase", "Top quartile" have none)."""


def trend_of(ctx: Context, series: Sequence[tuple[str, Decimal | None]] | None) -> Trend | None:
    """The trend chart of an indicator's series: (period label, value or None), oldest first,
    the latest period included. None when there is no series (no history for it). Its target
    line is the dashboard's target figure, for the kinds in TARGET_LINES; its axis shows the
    indicator's decimals, percentages with "%"."""
    if not series:
        return None
    target = ctx.indicator.target
    line = target.value if target is not None and target.kind in TARGET_LINES else None
    return Trend(
        indicator=ctx.name,
        points=tuple(series),
        target=line,
        decimals=ctx.decimals,
        suffix="%" if ctx.unit is Unit.PERCENTAGE else "",
    )
