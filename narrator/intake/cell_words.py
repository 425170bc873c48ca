"""The words and units councils write in dashboard cells, beside their figures: a placeholder
saying why a value cell has no figure ("Annual Indicator"), a unit after a figure ("474kg",
"12 days", "3.2 per 1,000 population"), and the shapes of polarity words. The words are data
(vocabulary.yaml, read by `words`); `cells` parses with them.
"""

from __future__ import annotations

import re

from narrator.intake.words import default_words
from narrator.intake.words import key as words_key
from narrator.lazy_re import lazy
from narrator.model import Polarity, Rag


def placeholder_reason(text: str) -> str | None:
    """Why a value cell has no figure, when it says so in one of vocabulary.yaml's
    `placeholders` ("Annual Indicator" -> "annual", "Not due" -> "not_due"); None when the
    cell says no such thing (a figure, a blank, "N/A")."""
    if not text or not re.search(r"[A-Za-z]", text):
        return None
    return default_words().lookup("placeholders").get(words_key(text))


def _unit_words() -> dict[str, str]:
    """Unit word key -> the word as vocabulary.yaml writes it ("kgs" -> "kgs")."""
    return {words_key(w): w for w in default_words().unit_words}


def _bases() -> set[int]:
    """The bases of rates vocabulary.yaml's `cell_units.per` names (1,000, 10,000, ...)."""
    found = (re.search(r"\d[\d,]*", per) for per in default_words().per)
    return {int(m.group(0).replace(",", "")) for m in found if m}


_PER_CELL = lazy(r"^(?P<body>.*?\d)\s*per\s+(?P<per>\d{1,3}(?:,\d{3})+|\d+)(?:\s+\w+)?$", re.I)
_WORD_CELL = lazy(r"^(?P<body>[+-]?[\d,.]*\d)\s*(?P<word>[a-z][a-z]*)$", re.I)


def cell_unit(text: str) -> tuple[str, str | None]:
    """A figure and the unit written after it in the cell, when vocabulary.yaml's `cell_units`
    name it ("474kg" -> ("474", "kg"), "12 days", "3.2 per 1,000 population" -> ("3.2",
    "per 1,000")); (text, None) when the cell carries no such unit."""
    if m := _PER_CELL.match(text):
        per = int(m.group("per").replace(",", ""))
        if per in _bases():
            return m.group("body"), f"per {per:,}"
    if (m := _WORD_CELL.match(text)) and (word := _unit_words().get(words_key(m.group("word")))):
        return m.group("body"), word
    return text, None


# "High = Good", "Higher is better", "(low is good)", "Smaller values are best" (InPhase),
# "Bigger is better", "Good = Low", "Up is good", "Aim high"; compared as _key leaves them.
_POLARITY = lazy(
    r"^(?:aim)?(?:(high|low|big|small|large|up|down)(?:ger|er|r)?(?:values?|figures?|numbers?)?"
    r"(?:(?:=|is|are)(?:good|better|best))?|(?:good|best|better)(?:=|is)(high|low)(?:er)?)$"
)
_HIGH_WORDS = {"high", "big", "large", "up"}
_POLARITY_WORDS = {
    "h": Polarity.HIGH_IS_GOOD,
    "l": Polarity.LOW_IS_GOOD,
    "maximise": Polarity.HIGH_IS_GOOD,
    "maximize": Polarity.HIGH_IS_GOOD,
    "minimise": Polarity.LOW_IS_GOOD,
    "minimize": Polarity.LOW_IS_GOOD,
    "increaseisgood": Polarity.HIGH_IS_GOOD,
    "decreaseisgood": Polarity.LOW_IS_GOOD,
    "max": Polarity.HIGH_IS_GOOD,
    "min": Polarity.LOW_IS_GOOD,
}
# measures a dashboard tracks without a good direction ("Contextual", "Data only")
_NO_POLARITY = {"none", "neutral", "na", "contextual", "contextonly", "context", "dataonly"}
_NO_POLARITY |= {"tracker", "trackeronly", "monitor", "monitoring", "monitoronly", "nodirection"}
_ARROWS = {"↑": Polarity.HIGH_IS_GOOD, "▲": Polarity.HIGH_IS_GOOD, "⬆": Polarity.HIGH_IS_GOOD}
_ARROWS |= {"↓": Polarity.LOW_IS_GOOD, "▼": Polarity.LOW_IS_GOOD, "⬇": Polarity.LOW_IS_GOOD}
POLARITY_EXPECTED = (
    "'High = Good', 'Low = Good', 'Higher is better', 'Lower is better', '(high is good)', "
    "'Low is good', 'Bigger values are best', 'Smaller values are best', 'Good = High', "
    "'H', 'L', 'Maximise', 'Minimise', 'Max', 'Min', an arrow (↑ ▲ for high, ↓ ▼ for low), "
    "'N/A', 'None', 'Neutral', 'Contextual', 'Data only', 'Tracker' or '(no polarity)'"
)


# the meaning of vocabulary.yaml's status words: the target met, nearly met, missed, or no rating
_STATUS_RAG: dict[str, Rag | None] = {
    "met": Rag.GREEN,
    "near": Rag.AMBER,
    "missed": Rag.RED,
    "none": None,
}
