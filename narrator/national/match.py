"""Which published measure (a LAIT data dictionary row) a dashboard's indicator is.

`narrator init --national FOLDER` proposes a measure for an indicator only on strong evidence,
because a wrong benchmark is worse than none:

1. every content word of the measure's name is in the indicator's name (read through the
   vocabulary in matching.yaml: "CSC" is "children's social care", "re-referrals" are
   "referrals ... within 12 months of a previous referral");
2. the indicator's own content words are mostly (by weight) in the measure's name and y-axis
   title: a word the measure lacks costs as much as its rarity among all measures' names;
3. the units agree (a percentage never matches a count, nor a rate per 10,000), and a measure
   whose unit cannot be read is never proposed;
4. the polarities agree where both are known, and so do the kinds of year (academic or
   financial) where both are known;
5. the best candidate clearly beats the next (a near tie is no proposal).

Pure Python on plain data: the folder's tables are read by `narrator.national.tables`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from narrator.units import Unit

VOCABULARY = Path(__file__).with_name("matching.yaml")
MIN_COVERAGE = 0.75
"""Share of the indicator's word weight the measure must hold (rule 2)."""
MARGIN = 1.25
"""The best candidate's score must be this many times the next one's (rule 5)."""


@dataclass(frozen=True)
class Measure:
    """One published measure, as the data dictionary describes it.

    polarity:  "high", "low", "none" (the dictionary's "-"), or None when it gives none
    year_type: the dictionary's Year_Type ("Financial Year", "Academic Year"...), "" if none
    axis:      the chart's y-axis title ("% of referrals", "Rate per 10,000"), "" if none
    others:    the other names the dictionary gives the same code (LAIT lists a few measures
               under two topics, once as "CIN - % with ..." and once as "% with ..."): every
               name's words must be in the indicator's
    """

    code: str
    name: str
    polarity: str | None = None
    year_type: str = ""
    axis: str = ""
    others: tuple[str, ...] = ()

    @property
    def unit(self) -> tuple[Unit, str | None] | None:
        """The measure's unit and a rate's base, read from its axis title and name; None when
        neither says (such a measure is never proposed)."""
        return unit_of(f"{self.axis} | {self.name}")


@dataclass(frozen=True)
class Wanted:
    """One dashboard indicator to match.

    unit, per:  the catalogue's unit and a rate's base (None: not known, so nothing matches)
    polarity:   "high", "low", or None when the dashboard gives none
    year_type:  "academic" or "financial" when known, else None
    """

    name: str
    unit: Unit | None
    per: str | None = None
    polarity: str | None = None
    year_type: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Proposal:
    """The measure proposed for an indicator, its score (0 to 1) and the runner-up's code."""

    indicator: str
    measure: Measure
    score: float
    runner_up: str | None = None


# --- words -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Vocabulary:
    """matching.yaml, compiled: phrases read as their group's first phrase, ignored words."""

    phrases: re.Pattern[str]
    replacements: tuple[str, ...]  # by the phrase's group in `phrases`, from 1
    words: dict[str, str]
    ignore: frozenset[str]


def _fold(text: str) -> str:
    text = text.casefold().replace("’", "'").replace("‘", "'").replace("–", "-")
    text = text.replace("&", " and ").replace("%", " percent ")
    text = re.sub(r"[^a-z0-9'\- ]+", " ", text)
    text = re.sub(r"(?<![a-z0-9])-|-(?![a-z0-9])", " ", text)
    return " ".join(text.split())


@cache
def vocabulary(path: Path = VOCABULARY) -> Vocabulary:
    """The matching vocabulary (matching.yaml beside this module, or another file)."""
    from narrator.yamltext import load_yaml

    raw = load_yaml(path.read_text(encoding="utf-8")) or {}
    canonical: dict[str, str] = {}
    for group in raw.get("same", []):
        phrases = [_fold(str(p)) for p in group]
        for phrase in phrases:
            canonical.setdefault(phrase, phrases[0])
    words = {k: v for k, v in canonical.items() if " " not in k and "-" not in k}
    ordered = sorted((p for p in canonical if p not in words), key=len, reverse=True)
    pattern = "|".join(f"({_plural_form(p)})" for p in ordered) or "(?!)"
    compiled = re.compile(rf"(?<![a-z0-9'])(?:{pattern})(?![a-z0-9'])")
    replacements = tuple(canonical[p] for p in ordered)
    ignore = frozenset(_fold(str(w)) for w in raw.get("ignore", []))
    return Vocabulary(compiled, replacements, words, ignore)


def _plural_form(phrase: str) -> str:
    """A phrase as a pattern that allows a plural 's' on each word ('referral to ...' finds
    'referrals to ...')."""
    return r"s?\s+".join(re.escape(word) for word in phrase.split()) + "s?"


def _stem(word: str) -> str:
    word = word.removesuffix("'s").strip("'").replace("'", "")
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    for suffix in ("ing", "ed"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            word = word[: -len(suffix)]
            break
    if len(word) > 4 and word.endswith("e"):
        word = word[:-1]
    return word


def _word(token: str, vocab: Vocabulary) -> str:
    """A single word read through the vocabulary ('pupils' -> 'child', 'csc' -> ...)."""
    return vocab.words.get(token, vocab.words.get(token.removesuffix("s"), token))


def words_of(text: str, vocab: Vocabulary | None = None) -> frozenset[str]:
    """The content words of a name: phrases read through the vocabulary, stemmed, without
    ignored words and calendar years ('16-17 NEET (from 2016)' -> {16, 17, neet})."""
    vocab = vocab or vocabulary()
    folded = vocab.phrases.sub(
        lambda m: f" {vocab.replacements[(m.lastindex or 1) - 1]} ", _fold(text)
    )
    found: set[str] = set()
    for token in re.split(r"[\s\-]+", folded):
        token = token.strip("'")
        for part in _word(token, vocab).split():
            part = _word(part, vocab) if " " not in _word(part, vocab) else part
            if not part or part in vocab.ignore or re.fullmatch(r"(?:19|20)\d\d", part):
                continue
            stem = _stem(part)
            if stem and stem not in vocab.ignore:
                found.add(stem)
    return frozenset(found)


# --- units -----------------------------------------------------------------------------------

_RATE = re.compile(r"\bper\s+(\d{1,3}(?:,\d{3})+|\d+)\b", re.I)
_PERCENT = re.compile(r"%|\bpercent(?:age)?\b|\bproportion\b", re.I)
_SCORE = re.compile(r"\b(?:score|average|points?)\b", re.I)
_COUNT = re.compile(r"^\s*(?:number|total (?:number|cases)|no\.)\b", re.I)
_MONEY = re.compile(r"£|\b(?:cost|costs|spend|budget|expenditure)\b", re.I)


def unit_of(text: str) -> tuple[Unit, str | None] | None:
    """A published measure's unit from its axis title and name ('Rate per 10,000' -> rate per
    10000; '% of referrals' -> percentage; 'Number of children' -> count); None when unsure."""
    axis = text.split("|")[0]
    rate = _RATE.search(text)
    if rate:
        return Unit.RATE, rate.group(1).replace(",", "")
    for part in (axis, text):
        if _PERCENT.search(part):
            return Unit.PERCENTAGE, None
        if _MONEY.search(part):
            return Unit.MONEY, None
        if _SCORE.search(part):
            return Unit.SCORE, None
        if _COUNT.search(part) or re.search(r"\bnumber\b", part, re.I):
            return Unit.COUNT, None
    return None


def _units_agree(wanted: Wanted, measure: Measure) -> bool:
    found = measure.unit
    if wanted.unit is None or found is None or wanted.unit is not found[0]:
        return False
    if wanted.unit is Unit.RATE:
        return (wanted.per or "").replace(",", "") == (found[1] or "")
    return True


def _year_kind(year_type: str) -> str | None:
    text = year_type.casefold()
    return "academic" if "academic" in text else "financial" if "financial" in text else None


def _compatible(wanted: Wanted, measure: Measure) -> bool:
    """Rules 3 and 4: units, polarity and kind of year."""
    if not _units_agree(wanted, measure):
        return False
    known = {"high", "low"}
    both = wanted.polarity in known and measure.polarity in known
    if both and wanted.polarity != measure.polarity:
        return False
    kind = _year_kind(measure.year_type)
    return not (wanted.year_type and kind and wanted.year_type != kind)


# --- scoring ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Index:
    measures: tuple[Measure, ...]
    names: tuple[frozenset[str], ...]
    texts: tuple[frozenset[str], ...]
    weight: dict[str, float]

    def of(self, words: Iterable[str]) -> float:
        return sum(self.weight.get(w, self.unseen) for w in words)

    @property
    def unseen(self) -> float:
        return math.log(len(self.measures) + 1) + 1


def _index(measures: Sequence[Measure], vocab: Vocabulary) -> _Index:
    names = tuple(
        frozenset().union(*(words_of(n, vocab) for n in (m.name, *m.others))) for m in measures
    )
    texts = tuple(n | words_of(m.axis, vocab) for n, m in zip(names, measures, strict=True))
    counts: dict[str, int] = {}
    for text in texts:
        for word in text:
            counts[word] = counts.get(word, 0) + 1
    total = len(measures) + 1
    weight = {w: math.log(total / (n + 1)) + 1 for w, n in counts.items()}
    return _Index(tuple(measures), names, texts, weight)


def _score(mine: frozenset[str], name: frozenset[str], text: frozenset[str], at: _Index) -> float:
    """0 when a rule fails, else the weight the indicator shares with the measure's name over
    the weight of both together (a weighted Jaccard index)."""
    if not name or not name <= mine:
        return 0.0
    if at.of(mine & text) < MIN_COVERAGE * at.of(mine):
        return 0.0
    return at.of(mine & name) / at.of(mine | name)


def propose(
    wanted: Sequence[Wanted], measures: Sequence[Measure], vocab: Vocabulary | None = None
) -> dict[str, Proposal]:
    """A proposal per indicator name that has one on strong evidence (see the module's rules);
    an indicator with none, or with two near-equal candidates, is left out. `measures`: one
    per code (`Measure.others` holds a code's other names)."""
    vocab = vocab or vocabulary()
    at = _index(measures, vocab)
    out: dict[str, Proposal] = {}
    for item in wanted:
        mine = frozenset().union(*(words_of(n, vocab) for n in (item.name, *item.aliases)))
        scored = sorted(
            (
                (_score(mine, name, text, at), i)
                for i, (name, text) in enumerate(zip(at.names, at.texts, strict=True))
                if _compatible(item, at.measures[i])
            ),
            key=lambda pair: (-pair[0], pair[1]),
        )
        scored = [pair for pair in scored if pair[0] > 0]
        if not scored:
            continue
        best, index = scored[0]
        runner = scored[1] if len(scored) > 1 else None
        if runner is not None and best < MARGIN * runner[0]:
            continue
        out[item.name] = Proposal(
            item.name,
            at.measures[index],
            round(best, 3),
            at.measures[runner[1]].code if runner else None,
        )
    return out
