"""Read one dashboard cell of one kind: pure functions from text to a typed value.

Every parser returns None when the dashboard has no value there (blank, "N/A", "NA", "n/a", "-")
and raises `CellError` (a ValueError saying what would be accepted) when the text cannot be read
without guessing. They read through the noise of PDF and OCR extracts that a human reads through
(non-breaking spaces, a stray leading ". ", a trailing ".", a unicode minus) but never change a
number to make it readable: "9 2.2%" and "1.234,5" are errors, not 92.2 and 1234.5.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from narrator.intake.cell_words import (
    _ARROWS,
    _HIGH_WORDS,
    _NO_POLARITY,
    _POLARITY,
    _POLARITY_WORDS,
    _STATUS_RAG,
    POLARITY_EXPECTED,
    cell_unit,
    placeholder_reason,
)
from narrator.intake.words import default_words
from narrator.intake.words import key as words_key
from narrator.lazy_re import lazy
from narrator.limits import MAX_NUMBER_DIGITS, MAX_NUMBER_PLACES
from narrator.model import Direction, Frequency, Judgement, Polarity, Rag, Target, TargetKind
from narrator.periods import ACCEPTED as PERIODS_ACCEPTED
from narrator.periods import Period, parse_period


class CellError(ValueError):
    """A cell that cannot be read. `expected` says what would have been accepted."""

    def __init__(self, message: str, expected: str) -> None:
        super().__init__(message)
        self.message = message
        self.expected = expected


# --- cleaning --------------------------------------------------------------------------------

_SPACES = "\u00a0\u2002\u2003\u2004\u2005\u2006\u2007\u2009\u200a\u202f\u3000"
_SPACE: dict[int, str | None] = {ord(c): " " for c in _SPACES}
_SPACE.update({ord(c): None for c in "\u200b\u200c\u200d\u2060\ufeff"})
_DASH = dict.fromkeys(map(ord, "\u2212\u2010\u2011\u2012\u2013\u2014\ufe63\uff0d"), "-")
_LEADING_NOISE = re.compile(r"^[.·•]\s+(?=\S)")

MISSING = frozenset({"", "n/a", "na", "-", "--", "n.a", "not available", "not applicable"})
# In a figure's cell only (an indicator may be named "C"): the government statistics symbols
# for a figure withheld or not available ("c" confidential, "x" not available, "z" not
# applicable, ":" and ".."), "*" (suppressed as a small number) and what performance systems
# write while a figure is awaited.
NO_FIGURE = frozenset(
    {"c", "x", "z", ":", "..", "*", "**", "n/k", "nk", "dna", "tbc", "suppressed"}
    | {"not yet available", "awaiting data", "not yet published", "not published"}
    | {"unavailable", "data not available", "not due", "not yet due"}
)


def no_figure(text: str) -> bool:
    """True when a figure's cell holds no figure: missing (is_missing), withheld (NO_FIGURE) or
    a council's placeholder for a figure not due this period ("Annual Indicator": see
    `placeholder_reason`)."""
    return (
        is_missing(text)
        or clean_text(text).lower() in NO_FIGURE
        or placeholder_reason(text) is not None
    )


_NO_COMPARATOR = re.compile(r"^no (?:comparator|data|value)s?(?: currently)?(?: available)?$")


@lru_cache(maxsize=4096)
def clean_text(text: str) -> str:
    """The text as a human reads it: one space between words, dashes and minus signs as "-",
    no stray leading ". " and no trailing full stop. (Cached: dashboards repeat their cells,
    "N/A", periods, polarities, and every cell is cleaned more than once.)"""
    text = str(text).translate(_SPACE).translate(_DASH)
    text = " ".join(text.split())
    text = _LEADING_NOISE.sub("", text)
    return text.rstrip(". ")


@lru_cache(maxsize=4096)
def is_missing(text: str) -> bool:
    """True when the cell says the dashboard has no value: blank, "N/A", "NA", "n/a", "-" (or a
    run of dashes, as a text table's rule line), "no comparator currently available"."""
    low = clean_text(text).lower()
    return low in MISSING or set(low) == {"-"} or bool(_NO_COMPARATOR.match(low))


# --- numbers ---------------------------------------------------------------------------------

_NUMBER = re.compile(
    r"^(?P<sign>[+-])?(?P<int>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)?(?P<frac>\.[0-9]+)?$"
)
_WITH_PAREN = re.compile(r"^(?P<main>[^()]+?)\s*\((?P<inner>[^()]+)\)$")
NUMBER_EXPECTED = (
    "a number such as '92.2%', '0.9', '1,279' or '23.00%', optionally with a count or "
    "percentage in brackets ('3% (420)', '1373 (50%)')"
)


@dataclass(frozen=True)
class Number:
    """A value cell read exactly. `decimals` is the places written ("23.00%" has 2), `percent`
    whether it carried a "%" sign. `count` is a count written in brackets after a value
    ("3% (420)" -> 420) and `percentage` a percentage written in brackets after a count
    ("1373 (50%)" -> 50); each is None when the cell has none."""

    value: Decimal
    decimals: int
    percent: bool
    count: Decimal | None = None
    percentage: Decimal | None = None
    unit: str | None = None  # a unit written in the cell: "£", "£k", "£m", "kg", "per 1,000"


_SIGN_SPACE = re.compile(r"^([+-])\s+")
_SCIENTIFIC = lazy(r"^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)[eE][+-]?[0-9]+$|^[+-]?inf(?:inity)?$", re.I)


def _short(text: str) -> str:
    """The text for a message: quoted, and cut to 40 characters when longer."""
    return repr(text) if len(text) <= 40 else repr(text[:37] + "...")


_SPACE_INSIDE = re.compile(r"\s")


def _decimal(text: str) -> tuple[Decimal, int]:
    """A plain number (no "%"): its exact value and decimal places; CellError if ambiguous."""
    compact = _SIGN_SPACE.sub(r"\1", text)
    if m := re.match(r"^[+-]?[\d,.]+\s+([a-z][a-z .]*)$", compact, re.I):
        # "12.5 days", "3.4 wks": the unit belongs in the catalogue, the number in the cell
        raise CellError(
            f"a number with a word after it ({m.group(1)!r}): {text!r}",
            "the number alone ('12.5'), with the unit in the catalogue (unit: days, or "
            "word: tonnes)",
        )
    if not re.search(r"\d", compact):
        raise CellError(f"not a number: {text!r}", NUMBER_EXPECTED)
    if _SPACE_INSIDE.search(compact):
        raise CellError(f"a space inside a number is ambiguous: {text!r}", NUMBER_EXPECTED)
    m = _NUMBER.match(compact)
    if not m or not (m.group("int") or m.group("frac")):
        if _SCIENTIFIC.match(compact):
            raise CellError(
                f"a number in scientific notation: {_short(text)}",
                "the figure written out ('1,279', '0.9'): format the cell as a number",
            )
        raise CellError(f"not a number: {_short(text)}", NUMBER_EXPECTED)
    whole = (m.group("int") or "").replace(",", "").lstrip("0")
    places = len(m.group("frac") or ".") - 1
    if len(whole) > MAX_NUMBER_DIGITS or places > MAX_NUMBER_PLACES:
        raise CellError(
            f"a figure with {len(whole)} digits before the point and {places} after: "
            f"{_short(text)}",
            f"a figure of at most {MAX_NUMBER_DIGITS} digits before the decimal point (the "
            f"precision Excel keeps) and {MAX_NUMBER_PLACES} after it",
        )
    value = Decimal(compact.replace(",", ""))
    if value == 0:
        value = value.copy_abs()
    return value, len(m.group("frac") or ".") - 1


_POUNDS = re.compile(r"^([+-]?)\s*£\s*")


def _single(text: str) -> Number:
    """One number, with or without a "%" sign; money may carry its "£" and scale ("£1,200",
    "£1.2m", "£450k"), any other figure a unit word of vocabulary.yaml's `cell_units` ("474kg",
    "12 days", "3.2 per 1,000 population"), kept as the Number's `unit`."""
    unit: str | None = None
    if _POUNDS.match(text):
        text, unit = _POUNDS.sub(r"\1", text), "£"
        scales = default_words().money_scales
        if text[-1:].lower() in scales and len(text) > 1 and text[-2:-1].isdigit():
            text, unit = text[:-1], f"£{text[-1:].lower()}"
    elif re.search(r"[a-z]$|\bper\s+[\d,]+$", text, re.I):
        text, unit = cell_unit(text)
    percent = text.endswith("%")
    body = text[:-1].rstrip() if percent else text
    if not body:
        raise CellError("a '%' sign without a number", NUMBER_EXPECTED)
    if body[0] in "<>=≤≥":
        raise CellError(f"a bound, not a value: {text!r}", NUMBER_EXPECTED)
    value, decimals = _decimal(body)
    if percent and not Decimal(0) <= value <= Decimal(100):
        raise CellError(f"a percentage outside 0-100%: {text!r}", "a percentage from 0% to 100%")
    return Number(value, decimals, percent, unit=unit)


def parse_value(text: str) -> Number | None:
    """A value cell: "92.2%", "0.9", "1,279", "23.00%", "3% (420)", "1373 (50%)".

    None when the dashboard has no value. A percentage with a "%" must lie in 0-100; a number
    without one is kept as written (its unit is decided later)."""
    if no_figure(text):
        return None
    clean = clean_text(text)
    m = _WITH_PAREN.match(clean)
    if not m:
        return _single(clean)
    main, inner = _single(m.group("main")), _single(m.group("inner"))
    if inner.percent and not main.percent:
        return Number(main.value, main.decimals, False, percentage=inner.value, unit=main.unit)
    if not inner.percent and _is_whole(inner.value) and inner.value >= 0:
        return Number(main.value, main.decimals, main.percent, count=inner.value, unit=main.unit)
    raise CellError(f"cannot tell which figure is the value in {clean!r}", NUMBER_EXPECTED)


def parse_percentage(text: str) -> Number | None:
    """A cell that must carry a "%" sign ("50%"); None when the dashboard has no value."""
    number = parse_value(text)
    if number is not None and not number.percent:
        raise CellError(f"not a percentage: {clean_text(text)!r}", "a percentage such as '50%'")
    return number


def _is_whole(value: Decimal) -> bool:
    return value == value.to_integral_value()


def parse_count(text: str) -> Decimal | None:
    """A count (numerator, denominator): a whole number >= 0 ("1,279", "743.0" -> 743).

    None when the dashboard has no value."""
    if no_figure(text):
        return None
    expected = "a whole number such as '270' or '1,279'"
    clean = clean_text(text)
    try:
        value, _ = _decimal(clean)
    except CellError as exc:
        raise CellError(exc.message, expected) from None
    if not _is_whole(value) or value < 0:
        raise CellError(f"not a count: {clean!r}", expected)
    return value.to_integral_value()


# --- categories ------------------------------------------------------------------------------


def _key(text: str) -> str:
    """Lower case, letters and digits only: how category words are compared."""
    return re.sub(r"[^a-z0-9=<>]", "", clean_text(text).lower())


_ORDINALS = {"1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "first": 1, "second": 2, "third": 3}
_ORDINALS.update({"fourth": 4, "top": 1, "bottom": 4})
# "Upper quartile", "Lower middle quartile": the published names of the four quartiles
_ORDINALS.update({"upper": 1, "upper middle": 2, "lower middle": 3, "lower": 4})
QUARTILE_EXPECTED = "a quartile 1 to 4 ('1', '2nd', 'Top quartile', 'Next to top')"


def parse_quartile(text: str) -> int | None:
    """A national quartile, 1 (top) to 4; None when the dashboard has none."""
    if is_missing(text):
        return None
    clean = clean_text(text).lower()
    if (said := default_words().quartile_of(clean)) is not None:
        return said
    word = re.sub(r"\s*quartile\s*", " ", clean).strip()
    if word in _ORDINALS:
        return _ORDINALS[word]
    if (said := default_words().quartile_of(word)) is not None:
        return said
    try:
        value, _ = _decimal(word)
    except CellError:
        raise CellError(f"not a quartile: {clean_text(text)!r}", QUARTILE_EXPECTED) from None
    if not _is_whole(value) or not 1 <= value <= 4:
        raise CellError(f"a quartile outside 1-4: {clean_text(text)!r}", QUARTILE_EXPECTED)
    return int(value)


def parse_polarity(text: str) -> Polarity | None:
    """Which way is good. "N/A", "None", "Neutral" and "(no polarity)" are Polarity.NONE; None
    means a blank cell."""
    clean = clean_text(text)
    if not clean:
        return None
    if clean.strip("() ") in _ARROWS:
        return _ARROWS[clean.strip("() ")]
    key = _key(text)
    aim = default_words().lookup("aims").get(words_key(text))
    if aim is not None:
        return Polarity(aim)
    if is_missing(text) or "nopolarity" in key or key in _NO_POLARITY:
        return Polarity.NONE
    if key in _POLARITY_WORDS:
        return _POLARITY_WORDS[key]
    if m := _POLARITY.match(key):
        high = m.group(1) in _HIGH_WORDS or m.group(2) == "high"
        return Polarity.HIGH_IS_GOOD if high else Polarity.LOW_IS_GOOD
    raise CellError(f"not a polarity: {clean!r}", POLARITY_EXPECTED)


_FREQUENCY = {
    Frequency.MONTH: {"m", "month", "monthly", "mth", "mthly", "everymonth", "permonth"},
    Frequency.QUARTER: {
        "q",
        "quarter",
        "quarterly",
        "qtr",
        "qtrly",
        "qtly",
        "lastmthofqtr",
        "lastmonthofquarter",
        "everyquarter",
        "perquarter",
        "3monthly",
        "threemonthly",
    },
    Frequency.TERM: {"t", "term", "termly", "everyterm", "perterm"},
    Frequency.ANNUAL: {
        "a",
        "y",
        "annual",
        "annually",
        "year",
        "yearly",
        "yr",
        "perannum",
        "pa",
        "12monthly",
        "academicyear",
        "financialyear",
        "calendaryear",
    },
}
FREQUENCY_EXPECTED = (
    "'Monthly' ('Month', 'Mth', 'M'), 'Quarterly' ('Quarter', 'Qtr', 'Q', 'Last Mth of Qtr', "
    "'3 monthly'), 'Termly' ('Term', 'T') or 'Annual' ('Annually', 'Yearly', 'Year', 'A', 'Y', "
    "'Per annum', 'Financial year', 'Academic year', 'Calendar year')"
)


def polarity_hint(text: str) -> Polarity | None:
    """A polarity written outside the Polarity column ("(high is good)" in a trend cell,
    "low = good" in a name's brackets); None when `text` says none."""
    if not re.search(r"good|better|best|polarity", text, re.I):
        return None
    try:
        return parse_polarity(text)
    except CellError:
        return None


def bracketed_polarity(name: str) -> Polarity | None:
    """A polarity written in brackets in an indicator's name ("... (low = good)"), else None."""
    for inner in re.findall(r"\(([^()]*)\)", name):
        if (hint := polarity_hint(inner)) is not None:
            return hint
    return None


def parse_frequency(text: str) -> Frequency | None:
    """How often the indicator is reported; None when the dashboard does not say."""
    if is_missing(text):
        return None
    # "Quarterly (cumulative)", "Annual (academic)": how it is counted, said in passing
    key = _key(re.sub(r"\s*\([^()]*\)\s*$", "", clean_text(text)) or text)
    for frequency, words in _FREQUENCY.items():
        if key in words:
            return frequency
    raise CellError(f"not a reporting frequency: {clean_text(text)!r}", FREQUENCY_EXPECTED)


_TREND: dict[str, Direction | Judgement] = {}
_TREND.update(
    dict.fromkeys(
        ["increase", "increased", "increasing", "up", "higher", "rise"], Direction.INCREASE
    )
)
_TREND.update(
    dict.fromkeys(
        ["decrease", "decreased", "decreasing", "down", "lower", "fall"], Direction.DECREASE
    )
)
_TREND.update(
    dict.fromkeys(["nochange", "unchanged", "same", "stable", "static"], Direction.NO_CHANGE)
)
_TREND.update(dict.fromkeys(["improve", "improved", "improving", "better"], Judgement.IMPROVED))
_TREND.update(
    dict.fromkeys(
        ["worse", "worsened", "worsening", "deteriorated", "declined"], Judgement.WORSENED
    )
)
_TREND["similar"] = Judgement.UNCHANGED
TREND_EXPECTED = "'Increase', 'Decrease', 'No Change' (or 'Better', 'Worse', 'Similar')"


def parse_trend(text: str) -> Direction | Judgement | None:
    """The dashboard's trend: a Direction, or a Judgement ("Better") that the loader turns into a
    Direction with the polarity. None when there is none ("N/A", "New": nothing to compare)."""
    if is_missing(text):
        return None
    key = _key(re.sub(r"[-(]*\s*no polarity\)?\s*$", "", clean_text(text), flags=re.I))
    if key in {"", "new"}:
        return None
    if key in _TREND:
        return _TREND[key]
    raise CellError(f"not a trend: {clean_text(text)!r}", TREND_EXPECTED)


_RAG = {"green": Rag.GREEN, "g": Rag.GREEN, "amber": Rag.AMBER, "a": Rag.AMBER}
_RAG.update({"red": Rag.RED, "r": Rag.RED})
# status words performance systems print in place of the colour
_RAG.update(dict.fromkeys(["ontrack", "ontarget", "achieved", "met", "exceeded"], Rag.GREEN))
_RAG.update(dict.fromkeys(["atrisk", "neartarget", "closetotarget", "warning"], Rag.AMBER))
_RAG.update(dict.fromkeys(["offtrack", "offtarget", "notachieved", "notmet", "alert"], Rag.RED))
_NOT_RATED = {"dataonly", "baseline", "grey", "gray", "notrated", "norating", "notarget"}


def parse_rag(text: str) -> Rag | None:
    """A RAG status; None for "N/A" or blank."""
    if is_missing(text):
        return None
    key = _key(text)
    if key in _RAG:
        return _RAG[key]
    if key in _NOT_RATED:
        return None
    status = default_words().lookup("status").get(words_key(text))
    if status is not None:
        return _STATUS_RAG[status]
    raise CellError(
        f"not a RAG status: {clean_text(text)!r}",
        "'Green', 'Amber', 'Red', 'G', 'A', 'R', 'On track', 'At risk', 'Off track', 'Met', "
        "'Not met', 'Achieved', 'Target met', 'Target slightly missed', 'Data only', 'N/A', or "
        "another status word of vocabulary.yaml",
    )


# --- targets and periods ---------------------------------------------------------------------

_OPERATORS = {">=": TargetKind.AT_LEAST, "≥": TargetKind.AT_LEAST, "=>": TargetKind.AT_LEAST}
_OPERATORS.update({"<=": TargetKind.AT_MOST, "≤": TargetKind.AT_MOST, "=<": TargetKind.AT_MOST})
_OPERATORS.update({">": TargetKind.ABOVE, "<": TargetKind.BELOW, "=": TargetKind.EQUAL})
_TARGET = re.compile(r"^(>=|=>|<=|=<|≥|≤|>|<|=)?\s*(.+)$")
_TARGET_WORDS = {"increase": TargetKind.INCREASE, "reduce": TargetKind.REDUCE}
_TARGET_WORDS.update({"decrease": TargetKind.REDUCE, "reduction": TargetKind.REDUCE})
_TARGET_WORDS.update({"topquartile": TargetKind.TOP_QUARTILE})
_NO_TARGET = {"notarget", "none", "tbc", "tobeconfirmed"}
TARGET_EXPECTED = (
    "a target such as '<20.8%', '>90.3%', '>= 95%', 'Increase', 'Reduce', 'Top quartile' "
    "or 'no target'"
)


def parse_target(text: str, polarity: Polarity = Polarity.NONE) -> Target | None:
    """A target. None for "no target", "N/A" or blank. A bare figure ("95%") is read with the
    polarity ("at least" when high is good, "at most" when low is good); without a polarity it
    is an error rather than a guess."""
    if is_missing(text):
        return None
    clean = clean_text(text)
    key = _key(clean)
    if key in _NO_TARGET:
        return None
    if key in _TARGET_WORDS:
        return Target(_TARGET_WORDS[key], None, clean)
    m = _TARGET.match(clean)
    assert m is not None  # the pattern accepts any non-empty text
    try:
        number = _single(m.group(2))
    except CellError as exc:
        raise CellError(exc.message, TARGET_EXPECTED) from None
    if m.group(1):
        kind = _OPERATORS[m.group(1)]
    elif polarity is Polarity.HIGH_IS_GOOD:
        kind = TargetKind.AT_LEAST
    elif polarity is Polarity.LOW_IS_GOOD:
        kind = TargetKind.AT_MOST
    else:
        raise CellError(f"a target without '<' or '>' needs a polarity: {clean!r}", TARGET_EXPECTED)
    return Target(kind, number.value, clean)


def parse_period_cell(text: str) -> Period | None:
    """A reporting period ("Q1 2024/25", "Spring 2023", "Dec-22"); None when blank or N/A."""
    if is_missing(text):
        return None
    try:
        return parse_period(clean_text(text))
    except ValueError as exc:
        raise CellError(str(exc), PERIODS_ACCEPTED) from None
