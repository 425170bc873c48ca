"""Guess a catalogue entry from a dashboard row: its unit (the one guesser's,
`narrator.intake.unit_guess`, as a build reads an uncatalogued row), places, kind of year and
comparison from the cells and the name, and its subject and counted noun from the name
(`subject`).

Every guess carries a note saying what it was read from, so `narrator init` can put a comment
beside it for the officer to check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from narrator.intake.cumulative import cumulative_words, without_window
from narrator.intake.subject import (
    AREA_PREFIX,
    Vocabulary,
    counted_noun,
    default_vocabulary,
    noun_of,
    subject_of,
)
from narrator.intake.timing import flow_reason
from narrator.intake.unit_guess import WORD_IN_NAME, guess_unit, values_of, word_in_name
from narrator.model import CatalogueEntry, Frequency, Indicator
from narrator.periods import PeriodKind, PeriodRelation, relation
from narrator.units import DURATIONS, MANY_PLACES, WORDS, Unit, money_scale, places


@dataclass(frozen=True)
class Guess:
    """A catalogue entry guessed from a dashboard row, and why: `notes` maps a field name
    ("subject", "unit", ...) to what the guess was read from, for the officer to check."""

    entry: CatalogueEntry
    notes: dict[str, str]


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


def _unit_and_subject(
    indicator: Indicator, vocab: Vocabulary, notes: dict[str, str]
) -> tuple[Unit, int | None, str | None, str, str]:
    """(unit, rate base, word after each figure, subject, the name with any unit in brackets
    left out): the unit guesser's guess, made a score with its word when the name gives a
    duration or a unit in brackets ("Average days to relet", "Waste (tonnes)")."""
    guess = guess_unit(indicator)
    unit, notes["unit"] = guess.unit, guess.note
    name = AREA_PREFIX.sub("", indicator.name)  # "Maidstone: ...": the area is said elsewhere
    word = word_in_name(name) if unit in (Unit.COUNT, Unit.SCORE) else None
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
        duration = word in DURATIONS
        notes["unit"] = f"{source}: " + ("a duration" if duration else f"figures in {word}")
        unit = Unit.SCORE if duration else unit
        name = WORD_IN_NAME.sub("", name)
        # "the household waste collected", not "the number of household waste collected"
        subject, notes["subject"] = subject_of(name, Unit.SCORE, vocab)
    else:
        subject, notes["subject"] = subject_of(name, unit, vocab)
    if guess.per is not None:
        notes["per"] = guess.note
    return unit, guess.per, word, subject, name


def cell_word(indicator: Indicator) -> str | None:
    """The word the value cells write after each figure ("474kg" -> "kg", "12 days" ->
    "days"); None when they write none (or write money or a rate's base)."""
    unit = indicator.written_unit
    if unit is None or unit.startswith(("£", "per ")):
        return None
    return WORDS.get(unit.lower(), unit)


_FORM_START = re.compile(r"^the (?:percentage|number|rate|average|proportion|total)\b|%", re.I)
_HEAD_CUT = re.compile(r"\s(?:in|of|to|for|on|at|by|from|per|as|with|within|[a-z]+ed|[a-z]+ing)\b")
# head nouns only ever plural, as dashboards name money and stock figures
_PLURAL_HEADS = frozenset({"arrears", "earnings", "savings", "costs", "receipts", "emissions"})


def _plural(subject: str, unit: Unit) -> bool:
    """Whether a subject said as written names more than one ("the Council Tax arrears"),
    so the paragraph says "were"; never a percentage or rate, nor "the number of ...". The
    head is the phrase before its first preposition or participle."""
    if unit in (Unit.PERCENTAGE, Unit.RATE) or not subject.startswith("the "):
        return False
    if _FORM_START.search(subject):
        return False
    head = _HEAD_CUT.split(subject[4:], maxsplit=1)[0].split()
    return bool(head) and head[-1].lower() in _PLURAL_HEADS


def _scale(indicator: Indicator, unit: Unit, name: str, notes: dict[str, str]) -> str | None:
    """Money's scale: from the name ("(£000)"), else from the cells ("£1.2m"); None: pounds."""
    if unit is not Unit.MONEY:
        return None
    if (scaled := money_scale(name)) is not None:
        scale, notes["scale"] = scaled
        return scale
    if indicator.written_unit in ("£k", "£m"):
        scale = indicator.written_unit[1:]
        words = "thousands" if scale == "k" else "millions"
        notes["scale"] = f"{notes['unit']}: figures in {words} of pounds"
        return scale
    return None


def _decimals(indicator: Indicator, unit: Unit, notes: dict[str, str]) -> int | None:
    """The places to declare: none for a count of whole numbers; else undeclared (each figure,
    target and average then prints as the dashboard wrote it: "82%" stays 82%), unless a figure
    holds more than a report prints."""
    values = values_of(indicator)
    if unit is Unit.COUNT and all(v == v.to_integral_value() for v in values):
        notes["decimals"] = "whole numbers"
        return 0
    places_ = indicator.decimals
    notes["decimals"] = (
        f"{places_}  # uncomment: every figure and target to {places_} "
        f"place{'' if places_ == 1 else 's'} (else each as written)"
    )
    if places_ <= MANY_PLACES:
        return None
    # a value Excel computed, in General format ("17.4666666666667"): declared at the places of
    # the figures typed beside it, so no paragraph prints thirteen
    decimals = max((p for p in map(places, values) if p <= MANY_PLACES), default=1)
    notes["decimals"] = (
        f"a figure holds {places_} places (computed by Excel); the others {decimals}"
    )
    return decimals


def _timing(
    indicator: Indicator, name: str, unit: Unit, word: str | None, notes: dict[str, str]
) -> str | None:
    """ "flow" when the name counts what was done during the period, or is an average time or
    a count of events (narrator.intake.timing, as a build decides without `timing`); None: a
    snapshot."""
    if indicator.frequency is Frequency.ANNUAL or _YTD_NAME.search(name):
        return None
    if (m := _FLOW_NAME.search(name)) is not None:
        notes["timing"] = f"'{m.group(0)}' in the name: done during the period ('in Quarter 2')"
        return "flow"
    if (why := flow_reason(name, unit, word)) is not None:
        notes["timing"] = f"{why} ('in Quarter 2')"
        return "flow"
    return None


def _cumulative(indicator: Indicator, unit: Unit, notes: dict[str, str]) -> bool | None:
    """True when the figure looks like one that fills up through the year, reported by quarter
    or month: the name says so ("YTD", "year to date", "cumulative"; "collected" of a
    percentage: a collection rate). Not from the figures (`check` queries a rise in step with
    the months): a quarter's own 4% then 6% rises as the year would. Written with a comment
    saying why: such a figure is compared with the same point last year, never with the
    quarter before, so a wrong guess would hide a real change on the quarter. None: not
    guessed (a year's figure, a year so far the periods already say, or nothing suggests it)."""
    periods = [p for p in (indicator.latest_period, indicator.previous_period) if p is not None]
    if not periods or any(p.kind not in (PeriodKind.QUARTER, PeriodKind.MONTH) for p in periods):
        return None
    words = cumulative_words(indicator.name, unit is Unit.PERCENTAGE)
    if words is None:
        return None
    notes["cumulative"] = f"'{words}' in the name: the year so far, never judged on the quarter"
    return True


def infer_entry(indicator: Indicator, vocab: Vocabulary | None = None) -> Guess:
    """A catalogue entry for `indicator`, every field guessed from its name and cells."""
    vocab = vocab or default_vocabulary()
    notes: dict[str, str] = {}
    unit, per, word, subject, name = _unit_and_subject(indicator, vocab, notes)
    decimals = _decimals(indicator, unit, notes)
    noun: str | None = None
    # a count's noun may be its name's head ("Residential burglaries"); other units' only a
    # noun the vocabulary knows (a percentage "of children")
    guess = counted_noun if unit is Unit.COUNT else noun_of
    found = guess(subject, vocab) if word is None else None
    if found is not None:
        noun, said = found
        notes["noun"] = f"from '{said}' in the name"
    scale = _scale(indicator, unit, name, notes)
    cumulative = _cumulative(indicator, unit, notes)
    # the year so far is said by its months ("so far in 2023/24"), neither flow nor snapshot
    timing = None if cumulative else _timing(indicator, name, unit, word, notes)
    if any(
        p is not None and p.part_year for p in (indicator.latest_period, indicator.previous_period)
    ):
        # the periods say "so far in 2025/26": the subject need not say "(year to date)"
        subject = re.sub(r"\s*\((?:year to date|ytd)\)", "", subject, flags=re.I)
    # a window the periods say ("in the six months to December 2018"): not in the subject too
    subject = without_window(subject, indicator.latest_period)
    year = _year_type(indicator, subject)
    if year is not None:
        notes["year_type"] = year[1]
    comparison = None
    if _year_on_year(indicator):
        comparison = "year_on_year"
        notes["comparison"] = "the previous figure is the same period a year earlier"
    plural = _plural(subject, unit)
    if plural:
        notes["plural"] = "the subject names more than one ('were')"
    entry = CatalogueEntry(
        plural=plural,
        name=indicator.name,
        subject=subject,
        unit=Unit.SCORE if word in DURATIONS else unit,
        decimals=decimals,
        noun=noun,
        year_type=year[0] if year else None,
        per=per,
        comparison=comparison,
        timing=timing,
        word=word,
        scale=scale,
        cumulative=cumulative,
    )
    return Guess(entry, notes)
