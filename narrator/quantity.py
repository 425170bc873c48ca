"""Numbers with their meaning and their declared precision.

Rules produce `Quantity` values; only the phrasebook's `figure` filter turns one into text.
Rounding is declared once, in the unit table (`narrator.units.round_half_up`): half away from
zero (as officers and Excel round), to `decimals` places.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from narrator.units import Unit, round_half_up


@dataclass(frozen=True)
class Quantity:
    """A number, its unit, and how many decimal places to print.

    `unit` is what it is in (a difference of percentages is in POINTS, a relative change in
    RELATIVE). `per` is the base of a RATE (10,000 for "per 10,000"); None for other units.
    `word` is the word said after the figure ("weeks", "tonnes"), or for MONEY its scale ("k",
    "m"); None: none.
    `bare`: print the number without its unit (a rate's base, said once in a paragraph, or a
    unit the subject already names); never for percentages, points or money.
    `rising`: for a RELATIVE change of anything but a count, whether it is a rise (worded "3.2%
    higher", so it cannot be read as a percentage figure); None for a count's relative change.
    """

    value: Decimal
    unit: Unit
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
        return f"{self.rounded} ({self.unit.phrase})"
