"""Numbers with their meaning and their declared precision.

Rules produce `Quantity` values; only the phrasebook's `figure` filter turns one into text.
Rounding is declared here, once: half away from zero (as officers and Excel round), to
`decimals` places.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum
from functools import cache


class Measure(Enum):
    PERCENT = "percent"  # a percentage: 92.2%
    POINTS = "points"  # a difference between two percentages: 4.8 percentage points
    COUNT = "count"  # a number of things: 1,279
    RATE = "rate"  # per `per` of the population: 3.2 per 10,000
    SCORE = "score"  # a plain figure: an average score, weeks
    RELATIVE = "relative"  # a relative change of a count or score: 13.4%
    MONEY = "money"  # pounds: £1,200, £450k, £1.2m


def round_half_up(value: Decimal, decimals: int) -> Decimal:
    """Round to `decimals` places, halves away from zero.

    >>> round_half_up(Decimal("0.125"), 2)
    Decimal('0.13')
    >>> round_half_up(Decimal("-2.5"), 0)
    Decimal('-3')
    """
    return value.quantize(_quantum(decimals), rounding=ROUND_HALF_UP)


@cache
def _quantum(decimals: int) -> Decimal:
    return Decimal(1).scaleb(-decimals)


def places(value: Decimal) -> int:
    """Decimal places as written: Decimal('23.00') has 2, Decimal('1279') has 0."""
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


@dataclass(frozen=True)
class Quantity:
    """A number, what it measures, and how many decimal places to print.

    `per` is the base of a RATE (10,000 for "per 10,000"); None for other measures.
    `word` is the word said after the figure ("weeks", "tonnes"), or for MONEY its scale ("k",
    "m"); None: none.
    `bare`: print the number without its unit (the unit is said once in a paragraph, or the
    subject already names it); never for percentages, points or money.
    `rising`: for a RELATIVE change of anything but a count, whether it is a rise (worded "3.2%
    higher", so it cannot be read as a percentage figure); None for a count's relative change.
    """

    value: Decimal
    measure: Measure
    decimals: int
    per: int | None = None
    word: str | None = None
    bare: bool = False
    rising: bool | None = None

    @property
    def rounded(self) -> Decimal:
        """The value as it will be printed."""
        return round_half_up(self.value, self.decimals)

    @property
    def is_one(self) -> bool:
        """True when the printed value is exactly one (for "1 percentage point")."""
        return abs(self.rounded) == 1

    def __str__(self) -> str:  # for explain output and debugging, not for prose
        return f"{self.rounded} ({self.measure.value})"
