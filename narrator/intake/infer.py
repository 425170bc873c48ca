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

from narrator.intake.subject import (
    AREA_PREFIX,
    Vocabulary,
    default_vocabulary,
    noun_of,
    subject_of,
)
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


# "(£000)", "£'000s", "(£k)": the dashboard writes money in thousands; "(£m)", "£ millions" in
# millions. A figure of 20,905 under "(£000)" is £20.9 million, never £20,905.
_THOUSANDS = re.compile(r"£\s*'?000'?s?\b|£\s*k\b|\bthousands?\b", re.I)
_MILLIONS = re.compile(r"£\s*m\b|£\s*millions?\b|\bmillions?\b", re.I)
# a unit in the name's brackets ("(kg)", "(tonnes CO2e)", "(days)"): the word after each figure
_WORD_UNIT = re.compile(
    r"\(\s*(kg|kgs|tonnes|tons|kwh|mwh|litres|km|miles|days|weeks|months|hours|minutes)\b[^)]*\)",
    re.I,
)
_DURATION_WORDS = ("days", "weeks", "months", "hours", "minutes")
# names that count what was done or spent during the period ("completed", "admissions", "spend"):
# spoken "in Quarter 2", not "at the end of Quarter 2"
_FLOW_NAME = re.compile(
    r"\b(?:received|completed|admissions?|admitted|starts|started|adopted|adoptions|entrants|"
    r"conceptions|quitters|quits|collected|repaired|relets?|re-lets?|relet|issued|processed|"
    r"determined|reported|incidents|referrals|re-referrals|requests|enquiries|visits|"
    r"made safe|waste|recycling|composting|landfill|per day|per week|spend|spent|spending|"
    r"expenditure)\b",
    re.I,
)
# a year to date in the name ("(YTD)"): the period says when, not "in Quarter 3"
_YTD_NAME = re.compile(r"\bYTD\b|\byear to date\b|\bcumulative\b", re.I)
# "Average days to relet ...": a duration in days, said "the average time to relet ..."
_AVERAGE_DURATION = re.compile(
    r"^((?:average|mean|median)\s+)(?:(?:no\.?|number)\s+of\s+)?"
    r"(days|weeks|hours|minutes|months)\b(?:\s+taken)?",
    re.I,
)


_SCALE_WORDS = {"k": "thousands", "m": "millions"}


def money_scale(name: str) -> tuple[str, str] | None:
    """('k' or 'm', what it was read from) when the name says the dashboard writes money in
    thousands or millions ("Spend (£000)"); None when it writes pounds."""
    if m := _THOUSANDS.search(name):
        return "k", f"'{m.group(0)}' in the name: figures in thousands of pounds"
    if m := _MILLIONS.search(name):
        return "m", f"'{m.group(0)}' in the name: figures in millions of pounds"
    return None


def word_unit_of(name: str) -> str | None:
    """The unit the name's brackets give its figures ("(kg)" -> "kg", "(Tonnes)" -> "tonnes");
    None when it names none."""
    m = _WORD_UNIT.search(name)
    if m is None:
        return None
    word = m.group(1).lower()
    return {"kgs": "kg", "tons": "tonnes", "kwh": "kWh", "mwh": "MWh"}.get(word, word)


_MANY_PLACES = 3  # more than a committee report prints (as resolve.MANY_PLACES)


def _places_of(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _values(indicator: Indicator) -> list[Decimal]:
    found = (indicator.latest, indicator.previous, indicator.neighbour_average)
    return [v for v in (*found, indicator.england_average) if v is not None]


def _money_unit() -> Unit | None:
    """The money unit when this narrator has one (None: money figures are plain numbers)."""
    return Unit.__members__.get("MONEY")


_RATIO_NAME = re.compile(r"\b(?:ratio|index)\b", re.I)


def _written(indicator: Indicator) -> tuple[Unit, int | None, str] | None:
    """The unit the value cells carry ("£1.2m": money; "3.2 per 1,000": a rate per 1,000);
    None when they carry none, or a word ("474kg") that `cell_word` gives."""
    unit = indicator.written_unit
    cell = indicator.cells.get("latest") or indicator.cells.get("previous")
    shown = f"'{cell.text}' in its cells" if cell else "its cells"
    if unit is None:
        return None
    if unit.startswith("£"):
        money = _money_unit()
        return (money, None, shown) if money is not None else (Unit.SCORE, None, shown)
    if unit.startswith("per "):
        per = int(unit[4:].replace(",", ""))
        return Unit.RATE, per, f"{shown}: a rate per {per:,}"
    return None


def cell_word(indicator: Indicator) -> str | None:
    """The word the value cells write after each figure ("474kg" -> "kg", "12 days" ->
    "days"); None when they write none (or write money or a rate's base)."""
    unit = indicator.written_unit
    if unit is None or unit.startswith(("£", "per ")):
        return None
    return {"kgs": "kg", "tons": "tonnes", "kwh": "kWh", "mwh": "MWh"}.get(unit.lower(), unit)


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
    if (written := _written(indicator)) is not None:
        return written
    if m := _RATIO_NAME.search(name):
        return Unit.SCORE, None, f"'{m.group(0)}' in the name: a plain number, not money"
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


_FORM_START = re.compile(r"^the (?:percentage|number|rate|average|proportion|total)\b|%", re.I)
_HEAD_CUT = re.compile(r"\s(?:in|of|to|for|on|at|by|from|per|as|with|within|[a-z]+ed|[a-z]+ing)\b")


def _plural(subject: str) -> bool:
    """Whether a subject said as written names more than one ("the Council Tax arrears"),
    so the paragraph says "were"; never for "the percentage of ...", "the number of ...".
    The head is the phrase before its first preposition or participle."""
    if not subject.startswith("the ") or _FORM_START.search(subject):
        return False
    head = _HEAD_CUT.split(subject[4:], maxsplit=1)[0].split()
    last = head[-1].lower() if head else ""
    return last in _PLURAL_HEADS


# head nouns only ever plural, as dashboards name money and stock figures
_PLURAL_HEADS = frozenset({"arrears", "earnings", "savings", "costs", "receipts", "emissions"})


def infer_entry(indicator: Indicator, vocab: Vocabulary | None = None) -> Guess:
    """A catalogue entry for `indicator`, every field guessed from its name and cells."""
    vocab = vocab or default_vocabulary()
    notes: dict[str, str] = {}
    unit, per, unit_note = infer_unit_of(indicator)
    notes["unit"] = unit_note
    name = AREA_PREFIX.sub("", indicator.name)  # "Maidstone: ...": the area is said elsewhere
    word = word_unit_of(name) if unit in (Unit.COUNT, Unit.SCORE) else None
    average = _AVERAGE_DURATION.match(name) if unit in (Unit.COUNT, Unit.SCORE) else None
    source = f"'({word})' in the name"
    if word is None and average is None and (written := cell_word(indicator)) is not None:
        cell = indicator.cells.get("latest") or indicator.cells.get("previous")
        source = f"'{cell.text if cell else written}' in its cells"
        word = written
    if word is None and average is not None:
        word = average.group(2).lower()
        notes["unit"] = f"'{average.group(0)}' in the name: a duration in {word}"
        unit = Unit.SCORE
        name = f"{average.group(1)}time{name[average.end() :]}"
        subject, notes["subject"] = subject_of(name, Unit.SCORE, vocab)
    elif word is not None:
        duration = word in _DURATION_WORDS
        notes["unit"] = f"{source}: " + ("a duration" if duration else f"figures in {word}")
        unit = Unit.SCORE if duration else unit
        name = _WORD_UNIT.sub("", name)
        # "the household waste collected", not "the number of household waste collected"
        subject, notes["subject"] = subject_of(name, Unit.SCORE, vocab)
    else:
        subject, notes["subject"] = subject_of(name, unit, vocab)
    values = _values(indicator)
    decimals: int | None
    if unit is Unit.COUNT and all(v == v.to_integral_value() for v in values):
        decimals = 0
        notes["decimals"] = "whole numbers"
    else:
        # Not declared: each figure, target and average then prints as the dashboard wrote it
        # ("82%" stays 82%); declared, every one prints to these places ("82.0%").
        decimals = None
        places = indicator.decimals
        notes["decimals"] = (
            f"{places}  # uncomment: every figure and target to {places} "
            f"place{'' if places == 1 else 's'} (else each as written)"
        )
        if places > _MANY_PLACES:
            # a value Excel computed, in General format ("17.4666666666667"): declared at the
            # places of the figures typed beside it, so no paragraph prints thirteen
            typed = [p for p in map(_places_of, values) if p <= _MANY_PLACES]
            decimals = max(typed, default=1)
            notes["decimals"] = (
                f"a figure holds {places} places (computed by Excel); the others {decimals}"
            )
    noun: str | None = None
    found = noun_of(subject, vocab) if word is None else None
    if found is not None:
        noun, said = found
        notes["noun"] = f"from '{said}' in the name"
    scale: str | None = None
    if unit is Unit.MONEY and (scaled := money_scale(name)) is not None:
        scale, notes["scale"] = scaled
    elif unit is Unit.MONEY and indicator.written_unit in ("£k", "£m"):
        scale = indicator.written_unit[1:]
        notes["scale"] = f"{notes['unit']}: figures in {_SCALE_WORDS[scale]} of pounds"
    timing: str | None = None
    if (
        (m := _FLOW_NAME.search(name))
        and indicator.frequency is not Frequency.ANNUAL
        and not _YTD_NAME.search(name)
    ):
        timing = "flow"
        notes["timing"] = f"'{m.group(0)}' in the name: done during the period ('in Quarter 2')"
    if per is not None:
        notes["per"] = unit_note
    if any(
        p is not None and p.part_year for p in (indicator.latest_period, indicator.previous_period)
    ):
        # the periods say "so far in 2025/26": the subject need not say "(year to date)"
        subject = re.sub(r"\s*\((?:year to date|ytd)\)", "", subject, flags=re.I)
    year = _year_type(indicator, subject)
    if year is not None:
        notes["year_type"] = year[1]
    comparison = None
    if _year_on_year(indicator):
        comparison = "year_on_year"
        notes["comparison"] = "the previous figure is the same period a year earlier"
    plural = unit not in (Unit.PERCENTAGE, Unit.RATE) and _plural(subject)
    if plural:
        notes["plural"] = "the subject names more than one ('were')"
    entry = CatalogueEntry(
        plural=plural,
        name=indicator.name,
        subject=subject,
        unit=Unit.SCORE if word in _DURATION_WORDS else unit,
        decimals=decimals,
        noun=noun,
        year_type=year[0] if year else None,
        per=per,
        comparison=comparison,
        timing=timing,
        word=word,
        scale=scale,
    )
    return Guess(entry, notes)
