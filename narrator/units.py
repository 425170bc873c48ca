"""The one unit table: what a figure is in, how a catalogue may write it, how it is rounded,
and the words that mark a unit in a dashboard's names.

Intake reads a catalogue's `unit` with `parse_unit` and guesses an uncatalogued indicator's
unit from these marks (`narrator.intake.unit_guess`); `narrator init` writes its guesses from
the same table; the realiser words a `Quantity` by its unit's phrasebook key (`Unit.phrase`).
No English prose here beyond the notes that say what a guess was read from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum
from functools import cache

from narrator.lazy_re import lazy


class Unit(Enum):
    """What a figure is in. The first five are an indicator's own units (a catalogue `unit`);
    POINTS and RELATIVE are what a difference or a change between two figures is in."""

    PERCENTAGE = "percentage"
    COUNT = "count"
    RATE = "rate"  # per `per` of the population (catalogue)
    SCORE = "score"  # average scores, days, weeks: a plain number (with a `word` if any)
    MONEY = "money"  # pounds: £1,200, £450k, £1.2m (catalogue `scale`)
    POINTS = "points"  # a difference between two percentages: 4.8 percentage points
    RELATIVE = "relative"  # a relative change of a count or score: 13.4%

    @property
    def spec(self) -> UnitSpec:
        """This unit's row of the table."""
        return UNITS[self]

    @property
    def phrase(self) -> str:
        """The phrasebook `units:` key that words a figure in this unit."""
        return UNITS[self].phrase


@dataclass(frozen=True)
class UnitSpec:
    """One unit's row.

    phrase:    its phrasebook `units:` key ("percent"; "count.word" is used with a `word`)
    own:       an indicator's own unit, accepted as a catalogue `unit` (False: a difference)
    signed:    its figures always carry their sign ("%", "£", "percentage points"), so a subject
               that names the unit never leaves it out
    read_as:   how an uncatalogued indicator's figures were read, for its warning (None: never
               an indicator's unit)
    subject:   `narrator init`'s subject for a name no form matches ("the number of {0}")
    needs_word: a difference in it is a bare number unless a noun or word follows it ("an
               increase of 0.6" of a ratio, "25" of a count with no noun): such a change is
               said by its relative size instead ("an increase of 9.7%"), the previous figure
               beside it
    """

    phrase: str
    own: bool
    signed: bool
    read_as: str | None = None
    subject: str = "the {0}"
    needs_word: bool = False


UNITS: dict[Unit, UnitSpec] = {
    Unit.PERCENTAGE: UnitSpec(
        "percent", True, True, "a percentage", subject="the percentage of {0}"
    ),
    Unit.COUNT: UnitSpec(
        "count", True, False, "a count", subject="the number of {0}", needs_word=True
    ),
    Unit.RATE: UnitSpec(
        "rate", True, False, "a rate (its base from the name)", subject="the rate of {0}"
    ),
    Unit.SCORE: UnitSpec(
        "score",
        True,
        False,
        "a plain number, not a percentage (no % in its cells, target or name)",
        needs_word=True,
    ),
    Unit.MONEY: UnitSpec("money", True, True, "money"),
    Unit.POINTS: UnitSpec("points", False, True),
    Unit.RELATIVE: UnitSpec("relative", False, False),
}

OWN_UNITS = tuple(unit for unit, spec in UNITS.items() if spec.own)
"""The units an indicator can be in (a catalogue's `unit`), in the table's order."""

# --- durations and words after a figure -----------------------------------------------------

DURATIONS = ("days", "weeks", "months", "hours", "minutes", "years")
"""Catalogue short forms of a duration: a score said with this word ("28 days")."""

WORDS = {
    "kg": "kg",
    "kgs": "kg",
    "tonnes": "tonnes",
    "tons": "tonnes",
    "kwh": "kWh",
    "mwh": "MWh",
    "litres": "litres",
    "km": "km",
    "miles": "miles",
    **{d: d for d in DURATIONS if d != "years"},
}
"""A unit a dashboard name gives in brackets ("(kg)", "(Tonnes CO2e)") -> the word said after
each figure."""

# --- rates: "per N" -------------------------------------------------------------------------

RATE_BASES = (1000, 10000, 100000)
"""The bases a catalogue's short form names ("per 10,000")."""

# --- money: pounds, thousands, millions ------------------------------------------------------

MONEY_FORMS = {"£": None, "£k": "k", "£m": "m"}
"""A catalogue's money short forms -> the scale the dashboard writes (None: pounds)."""

MONEY_SCALES = {
    "k": lazy(r"£\s*'?000'?s?\b|£\s*k\b|\bthousands?\b", re.I),
    "m": lazy(r"£\s*m\b|£\s*millions?\b|\bmillions?\b", re.I),
}
"""How a name says the dashboard writes money in thousands ("(£000)") or millions ("(£m)")."""

_SCALE_WORDS = {"k": "thousands", "m": "millions"}


def money_scale(name: str) -> tuple[str, str] | None:
    """('k' or 'm', what it was read from) when the name says the dashboard writes money in
    thousands or millions ("Spend (£000)"); None when it writes pounds."""
    for scale, pattern in MONEY_SCALES.items():
        if m := pattern.search(name):
            said = _SCALE_WORDS[scale]
            return scale, f"'{m.group(0)}' in the name: figures in {said} of pounds"
    return None


# --- a catalogue's `unit` --------------------------------------------------------------------

PERCENT_FORMS = ("%", "percent", "per cent")

UNIT_FORMS = ", ".join(
    (
        *(unit.value for unit in OWN_UNITS),
        "duration",
        *(f"'{form}'" for form in PERCENT_FORMS[:1]),
        *(f"'per {base:,}'" for base in RATE_BASES),
        *(f"'{form}'" for form in MONEY_FORMS),
        *(f"'{d}'" for d in DURATIONS),
    )
)
"""Every spelling a catalogue's `unit` accepts, as its error message lists them."""

_PER_FORM = re.compile(r"^(?:rate\s+)?per\s+([\d,]+)$", re.I)


@dataclass(frozen=True)
class UnitForm:
    """A catalogue `unit` read: the unit and what its short form implies (None: not implied)."""

    unit: Unit
    per: int | None = None
    word: str | None = None
    scale: str | None = None


def parse_unit(text: object) -> UnitForm:
    """A catalogue unit, long or short form. Raises ValueError listing what is accepted.

    >>> parse_unit("per 10,000").per
    10000
    >>> parse_unit("£m").scale
    'm'
    """
    key = " ".join(str(text).split()).casefold()
    if key in PERCENT_FORMS:
        return UnitForm(Unit.PERCENTAGE)
    if key == "duration":
        return UnitForm(Unit.SCORE)
    if key in DURATIONS:
        return UnitForm(Unit.SCORE, word=key)
    if key in MONEY_FORMS:
        return UnitForm(Unit.MONEY, scale=MONEY_FORMS[key])
    if m := _PER_FORM.match(key):
        return UnitForm(Unit.RATE, per=int(m.group(1).replace(",", "")))
    own = {unit.value: unit for unit in OWN_UNITS}
    if key in own:
        return UnitForm(own[key])
    raise ValueError(f"unit {text!r}; use {UNIT_FORMS}")


# --- rounding --------------------------------------------------------------------------------

MANY_PLACES = 3
"""More decimal places than a committee report prints: figures read with more (a computed
Excel value in General format holds fifteen significant digits) are queried unless the
catalogue declares the indicator's places."""


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
