"""The one unit guesser: what an indicator's figures are in when no catalogue entry says, read
from the marks in its cells, target and name (the unit table's, `narrator.units`).

`resolve` reads an uncatalogued indicator's figures with it; `narrator init` writes the same
guess into the catalogue it drafts, with the note saying what it was read from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from narrator.lazy_re import lazy
from narrator.model import Indicator
from narrator.units import WORDS, Unit

_PERCENT_NAME = lazy(r"%|\bper ?cent|\bpercentage\b|\bproportion\b", re.I)
# a name that says it counts ("No. of families claimed for as a % of ..."): not a percentage
# unless a figure carries "%"
_COUNT_NAME = lazy(r"^(?:the\s+)?(?:no\.?|number)\s+of\b", re.I)
# a rate's base in the name: "per 10,000", "per 1000", "per 100k", "per 100,000 population"
_PER = lazy(r"\bper\s+(\d{1,3}(?:,\d{3})+|\d+)(?:\s*(k|000s?))?\b", re.I)
# a unit in the name's brackets ("(kg)", "(tonnes CO2e)", "(days)"): the word after each figure
WORD_IN_NAME = re.compile(r"\(\s*(" + "|".join(WORDS) + r")\b[^)]*\)", re.I)
# a ratio or an index ("House price to earnings ratio", "Street cleanliness index"): a plain
# figure, whole or not, never a count (nor money without a "£")
_RATIO_NAME = lazy(r"\b(?:ratio|index)\b", re.I)
VALUE_FIELDS = ("latest", "previous", "neighbour_average", "england_average")


@dataclass(frozen=True)
class UnitGuess:
    """An uncatalogued indicator's unit, a rate's base (None for other units) and what the
    guess was read from (`narrator init` comments its guess with it)."""

    unit: Unit
    per: int | None
    note: str


def values_of(indicator: Indicator) -> list[Decimal]:
    """The figures the row gives: latest, previous and the two averages (missing ones left
    out)."""
    found = (indicator.latest, indicator.previous, indicator.neighbour_average)
    return [v for v in (*found, indicator.england_average) if v is not None]


def whole(values: list[Decimal]) -> bool:
    """True when every figure is a whole number (and there is at least one)."""
    return bool(values) and all(v == v.to_integral_value() for v in values)


def per_in_name(name: str) -> tuple[int, str] | None:
    """The base of a rate its dashboard name states ("LAC rate per 10,000" -> 10000; "per 100k"
    -> 100000) and the words it was read from; None when the name states none."""
    m = _PER.search(name)
    if m is None:
        return None
    per = int(m.group(1).replace(",", ""))
    if m.group(2):
        per *= 1000
    return per, m.group(0)


def word_in_name(name: str) -> str | None:
    """The unit the name's brackets give its figures ("(kg)" -> "kg", "(Tonnes)" -> "tonnes");
    None when it names none."""
    m = WORD_IN_NAME.search(name)
    return WORDS[m.group(1).lower()] if m else None


def _said_percent(indicator: Indicator) -> str | None:
    """What says the figures are percentages: a "%" on a figure or the target, or a name that
    speaks of one and does not say it counts; None when nothing does."""
    if indicator.percent_sign:
        return "'%' in its cells"
    if indicator.target is not None and "%" in indicator.target.text:
        return "'%' in its target"
    name = indicator.name
    if _PERCENT_NAME.search(name) and not _COUNT_NAME.match(name):
        return "the name speaks of a percentage"
    return None


def _pounds(indicator: Indicator) -> str | None:
    """What says the figures are money: a "£" on a figure or in the name; None when none."""
    if any(
        field in indicator.cells and "£" in indicator.cells[field].text for field in VALUE_FIELDS
    ):
        return "'£' in its cells"
    if "£" in indicator.name:
        return "'£' in the name"
    return None


def guess_unit(indicator: Indicator) -> UnitGuess:
    """The unit when the catalogue does not say, in this order: a "%" on a figure or the target,
    or a name speaking of a percentage, means a percentage (whole figures above 100 with it are
    a count: "1373 (50%)"); a "£" on a figure or in the name money; a base in the name ("per
    10,000", "per 100k") or in the cells ("3.2 per 1,000 population") a rate; a ratio or index
    a plain score; whole numbers a count; anything else a plain score."""
    values = values_of(indicator)
    if said := _said_percent(indicator):
        if whole(values) and any(v > 100 for v in values):
            return UnitGuess(Unit.COUNT, None, f"{said}, but its figures go above 100: a count")
        return UnitGuess(Unit.PERCENTAGE, None, said)
    if said := _pounds(indicator):
        return UnitGuess(Unit.MONEY, None, said)
    if found := per_in_name(indicator.name):
        per, words = found
        return UnitGuess(Unit.RATE, per, f"'{words}' in the name: a rate per {per:,}")
    if (written := indicator.written_unit) is not None and written.startswith("per "):
        per = int(written[4:].replace(",", ""))  # "3.2 per 1,000 population" in the cells
        return UnitGuess(Unit.RATE, per, f"'{written}' in its cells: a rate per {per:,}")
    if m := _RATIO_NAME.search(indicator.name):  # "House price to earnings ratio": not a count
        return UnitGuess(Unit.SCORE, None, f"'{m.group(0)}' in the name: a plain number")
    if whole(values):
        return UnitGuess(Unit.COUNT, None, "whole numbers in its cells")
    return UnitGuess(Unit.SCORE, None, "figures with decimals and no '%': a plain number")
