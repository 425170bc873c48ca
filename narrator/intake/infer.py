"""Guess a catalogue entry from a dashboard row: its unit, places, rate base, kind of year and
comparison from the cells and the name, and its subject and counted noun from the name
(`subject`).

Every guess carries a note saying what it was read from, so `narrator init` can put a comment
beside it for the officer to check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from narrator.intake.subject import Vocabulary, default_vocabulary, noun_of, subject_of
from narrator.model import CatalogueEntry, Frequency, Indicator, Unit
from narrator.periods import PeriodKind, PeriodRelation, relation


@dataclass(frozen=True)
class Guess:
    """A catalogue entry guessed from a dashboard row, and why: `notes` maps a field name
    ("subject", "unit", ...) to what the guess was read from, for the officer to check."""

    entry: CatalogueEntry
    notes: dict[str, str]


# --- the unit --------------------------------------------------------------------------------

_PER = re.compile(r"\bper\s+(\d{1,3}(?:,\d{3})+|\d+)(?:\s*(k|000s?))?\b", re.I)
_PERCENT_NAME = re.compile(r"%|\bper ?cent|\bpercentage\b|\bproportion\b", re.I)
_MONEY_NAME = re.compile(
    r"£|\b(?:cost|costs|spend|spending|expenditure|budget|income|savings?|overspend|"
    r"underspend|price|fees?)\b",
    re.I,
)
_NOT_PERCENT = re.compile(
    r"\b(?:average|mean|median|score|points?|days?|weeks?|months?|hours?|minutes?|ratio|index|"
    r"rate|time|length|duration|age|number|no\.|count|total)\b",
    re.I,
)


def _values(indicator: Indicator) -> list[Decimal]:
    found = (indicator.latest, indicator.previous, indicator.neighbour_average)
    return [v for v in (*found, indicator.england_average) if v is not None]


def _money_unit() -> Unit | None:
    """The money unit when this narrator has one (None: money figures are plain numbers)."""
    return Unit.__members__.get("MONEY")


def infer_unit_of(indicator: Indicator) -> tuple[Unit, int | None, str]:
    """(unit, per for a rate or None, what it was read from)."""
    cells = " ".join(c.text for c in indicator.cells.values())
    target = indicator.target.text if indicator.target else ""
    name = indicator.name
    if m := _PER.search(name):
        per = int(m.group(1).replace(",", ""))
        if m.group(2):
            per *= 1000
        return Unit.RATE, per, f"'{m.group(0)}' in the name: a rate per {per:,}"
    values = _values(indicator)
    said_percent = (
        "'%' in its cells"
        if indicator.percent_sign
        else "'%' in its target"
        if "%" in target
        else "the name speaks of a percentage"
        if _PERCENT_NAME.search(name)
        else None
    )
    if said_percent and all(0 <= v <= 100 for v in values):
        return Unit.PERCENTAGE, None, said_percent
    if said_percent and all(v == v.to_integral_value() for v in values):
        # "1373 (50%)": a count, with its share of something in brackets
        return Unit.COUNT, None, f"{said_percent}, but its figures go above 100: a count"
    money = _money_unit()
    if "£" in cells or _MONEY_NAME.search(name):
        said = "'£' in its cells" if "£" in cells else "the name speaks of money"
        if money is not None:
            return money, None, said
        return Unit.SCORE, None, f"{said}: printed as a plain number"
    if values and all(v == v.to_integral_value() for v in values):
        return Unit.COUNT, None, "whole numbers in its cells"
    if values and all(0 <= v <= 100 for v in values) and not _NOT_PERCENT.search(name):
        return (
            Unit.PERCENTAGE,
            None,
            "no '%' anywhere, but its figures lie between 0 and 100 with decimals",
        )
    return Unit.SCORE, None, "figures with decimals and no '%': a plain number"


_ACADEMIC = re.compile(
    r"\b(?:school|schools|pupils?|students?|exclusions?|suspensions?|absence|attainment|"
    r"key stage|ks\d|gcse|a level|academic|eyfs|progress 8|attainment 8)\b",
    re.I,
)


def _year_type(indicator: Indicator, subject: str) -> tuple[str, str] | None:
    periods = (indicator.latest_period, indicator.previous_period)
    if not any(p is not None and p.kind is PeriodKind.SPLIT_YEAR for p in periods):
        return None
    if indicator.frequency is Frequency.TERM or _ACADEMIC.search(f"{indicator.name} {subject}"):
        return "academic", "school figures by split year: read as academic years"
    return "financial", "split years ('2022/23') read as financial years"


def _year_on_year(indicator: Indicator) -> bool:
    previous, latest = indicator.previous_period, indicator.latest_period
    if previous is None or latest is None:
        return False
    months = indicator.frequency.months if indicator.frequency else None
    if months == 12:
        return False
    return relation(previous, latest, months) is PeriodRelation.YEAR_ON_YEAR


def infer_entry(indicator: Indicator, vocab: Vocabulary | None = None) -> Guess:
    """A catalogue entry for `indicator`, every field guessed from its name and cells."""
    vocab = vocab or default_vocabulary()
    notes: dict[str, str] = {}
    unit, per, unit_note = infer_unit_of(indicator)
    notes["unit"] = unit_note
    subject, notes["subject"] = subject_of(indicator.name, unit, vocab)
    values = _values(indicator)
    if unit is Unit.COUNT and all(v == v.to_integral_value() for v in values):
        decimals = 0
        notes["decimals"] = "whole numbers"
    else:
        decimals = indicator.decimals
        notes["decimals"] = "the places the dashboard writes"
    noun: str | None = None
    found = noun_of(subject, vocab)
    if found is not None:
        noun, word = found
        notes["noun"] = f"from '{word}' in the name"
    if per is not None:
        notes["per"] = unit_note
    year = _year_type(indicator, subject)
    if year is not None:
        notes["year_type"] = year[1]
    comparison = None
    if _year_on_year(indicator):
        comparison = "year_on_year"
        notes["comparison"] = "the previous figure is the same period a year earlier"
    entry = CatalogueEntry(
        name=indicator.name,
        subject=subject,
        unit=unit,
        decimals=decimals,
        noun=noun,
        year_type=year[0] if year else None,
        per=per,
        comparison=comparison,
    )
    return Guess(entry, notes)
