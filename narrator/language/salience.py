"""How much a finding matters to a committee (issue 23: "lead with what matters, leave out what
adds nothing"). The planner asks here before it arranges a paragraph; no English here.

- An average the figure is within half the "slight" margin of, in a paragraph that gives the
  quartile, adds nothing: the quartile already says where the figure stands (the averages are
  left out, with why, for `explain`).
"""

from __future__ import annotations

from decimal import Decimal

from narrator.context import Context
from narrator.judgement import printed
from narrator.language.findings import AverageComparison, Clause, Finding
from narrator.language.sizes import band_limit
from narrator.quantity import Quantity
from narrator.units import Unit


def _slight_gap(ctx: Context, item: Clause) -> bool:
    """Whether one average comparison's gap is within half the "slight" band (points for a
    percentage, per cent of the average otherwise): too small a margin to tell a committee."""
    gap, average = item.values.get("gap"), item.values.get("average")
    if not isinstance(gap, Quantity) or not isinstance(average, Quantity):
        return False
    if ctx.unit is Unit.PERCENTAGE:
        return gap.value <= band_limit(ctx, "slight", points=True) / 2
    base = abs(printed(ctx, average.value))
    if base == 0:
        return False
    return gap.value / base * Decimal(100) <= band_limit(ctx, "slight", points=False) / 2


def averages_add_nothing(ctx: Context, averages: Finding | None, quartile: Finding | None) -> bool:
    """The paragraph gives the quartile, and the figure is within half the slight margin of
    every average it is compared with: the averages add nothing to what the quartile says."""
    if averages is None or quartile is None:
        return False
    fact = averages.fact
    if not isinstance(fact, AverageComparison) or fact.stated:
        return False
    items = averages.values.get("items")
    if not isinstance(items, list) or not items:
        return False
    return all(isinstance(i, Clause) and _slight_gap(ctx, i) for i in items)
