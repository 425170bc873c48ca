"""The values rules hand to the phrasebook: a nested clause (`Phrase`) and an indicator's
figures as `Quantity`s in its unit and declared precision. Shared by narrator.language.rules and
narrator.language.national_rules (rules imports both; neither imports rules).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from narrator.intake.resolve import Context
from narrator.judgement import printed
from narrator.model import Unit
from narrator.quantity import Measure, Quantity


@dataclass(frozen=True)
class Phrase:
    """A clause for the phrasebook to word: a key and its values (which may nest Phrases)."""

    key: str
    values: dict[str, object]


# --- measures --------------------------------------------------------------------------------

_UNIT_MEASURE = {
    Unit.PERCENTAGE: Measure.PERCENT,
    Unit.COUNT: Measure.COUNT,
    Unit.RATE: Measure.RATE,
    Unit.SCORE: Measure.SCORE,
}


def figure(ctx: Context, value: Decimal) -> Quantity:
    """A value of the indicator, in its unit and declared precision."""
    per = ctx.entry.per if ctx.entry else None
    return Quantity(value, _UNIT_MEASURE[ctx.unit], ctx.decimals, per)


def difference(ctx: Context, a: Decimal, b: Decimal) -> Quantity:
    """|a - b| between printed values: percentage points for percentages."""
    measure = Measure.POINTS if ctx.unit is Unit.PERCENTAGE else _UNIT_MEASURE[ctx.unit]
    per = ctx.entry.per if ctx.entry else None
    return Quantity(abs(printed(ctx, a) - printed(ctx, b)), measure, ctx.decimals, per)


def count(value: Decimal) -> Quantity:
    return Quantity(value, Measure.COUNT, 0)
