"""Realise findings as sentences, through the phrasebook. The only place words are made.

Values are prepared for the templates here: a Quantity becomes its formatted figure ("92.2%",
"4.8 percentage points", "1,279"), a PeriodRef a SpokenPeriod (`.when`, `.name`), a nested
findings.Clause its worded clause, and a value named in the phrasebook's `terms` that table's word.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any

from narrator.context import Context
from narrator.errors import PhrasebookError
from narrator.language.findings import Clause, Finding
from narrator.language.period_refs import PeriodRef
from narrator.language.phrase_bounds import PhraseLimit
from narrator.language.phrases import Phrasebook
from narrator.language.plan import (
    OPENING_VALUES,
    SLOTS,
    ParagraphPlan,
    Part,
    PlannedSentence,
    alone,
)
from narrator.language.templating import MissingValue, Phrase
from narrator.periods import PeriodKind
from narrator.quantity import Quantity


def format_number(value: Decimal, decimals: int, locale: str) -> str:
    """`value` (already rounded) with thousands separators and exactly `decimals` places.

    >>> format_number(Decimal("1279"), 0, "en_GB")
    '1,279'
    >>> format_number(Decimal("23.00"), 2, "en_GB")
    '23.00'
    """
    if not value.is_finite():
        raise ValueError(f"not a finite number: {value}")
    if _plain_symbols(locale):
        # Python's own grouping and half-even rounding give babel's text for such a locale (a
        # tenth of the time: formatting was a sixth of a large build).
        return f"{value:,.{max(decimals, 0)}f}"
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return str(format_decimal(value, format=pattern, locale=locale))


@cache
def _plain_symbols(locale: str) -> bool:
    """Whether `locale` writes numbers with "." for the decimal point, "," between thousands and
    "-" for minus, as Python's format does (en_GB does; de_DE, fr_FR do not). Kept by
    narrator.load_cache.remembered: a later build need not load babel's locale data."""
    from narrator.load_cache import remembered

    def answer() -> bool:
        from babel.numbers import get_decimal_symbol, get_group_symbol, get_minus_sign_symbol

        symbols = (get_decimal_symbol(locale), get_group_symbol(locale))
        return (*symbols, get_minus_sign_symbol(locale)) == (".", ",", "-")

    return bool(remembered("babel", f"plain number symbols {locale}", answer))


@dataclass(frozen=True)
class SpokenPeriod:
    """A period for templates: `when` ("at the end of Quarter 1"), `name` ("the end of
    Quarter 4"). Printing it gives `name`."""

    when: str
    name: str

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class Sentence:
    """One realised sentence: the finding it came from (the first, when it joins several), the
    join used ("plan.joins.opening") and its variant, the text, and the planned sentence it
    realises."""

    finding: Finding
    key: str
    variant: int
    text: str
    plan: PlannedSentence


def opening_words(text: str) -> str:
    """A sentence's first two words, folded: what a reader hears as its opening."""
    return " ".join(text.split()[:2]).casefold().rstrip(",;:")


def stable_index(seed: str, count: int) -> int:
    """A variant number that depends only on `seed` (not on Python's hash randomisation)."""
    if count == 1:
        return 0  # the one variant (most phrases have one): nothing to hash
    digest = hashlib.sha256(seed.encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big") % count


@cache
def _provides() -> dict[str, tuple[str, ...]]:
    """Each rule's name -> the values it declares it may provide."""
    from narrator.language.rules import REPORT_RULES, RULES

    provides: dict[str, tuple[str, ...]] = {}
    for rule in (*RULES, *REPORT_RULES):
        provides.setdefault(rule.name, rule.provides)  # the first of a name, as a scan finds
    return provides


def tidy(text: str, *, sentence: bool) -> str:
    """Fold white space (templates span lines) and, for a sentence, capitalise its start."""
    text = " ".join(text.split())
    if sentence and text:
        text = text[0].upper() + text[1:]
    return text


class Realiser:
    """Words findings with one phrasebook, for one report area."""

    def __init__(self, book: Phrasebook, area: str) -> None:
        self.book = book
        self.area = area
        self._periods: dict[PeriodRef, SpokenPeriod] = {}  # a dashboard has few periods
        self._phrases: dict[tuple[str, str], tuple[Phrase, ...]] = {}
        self._globals_of: Context | None = None
        self._globals: dict[str, Any] = {}
        # the indicator worded before the current one in this section, and the current one:
        # a phrase's variant avoids the one the neighbour's name would choose
        self._neighbour: str | None = None
        self._current: str | None = None

    # --- values ----------------------------------------------------------------------------
    def figure(self, quantity: Quantity) -> str:
        """A Quantity as printed: rounded to its declared places, in its unit's words."""
        n = format_number(quantity.rounded, quantity.decimals, self.book.locale)
        if quantity.bare:
            return n
        per = format_number(Decimal(quantity.per), 0, self.book.locale) if quantity.per else None
        measure = quantity.unit.phrase
        if quantity.word and measure in ("count", "score"):
            measure += ".word"
        phrase = self.book.units.get(measure) or self.book.units[quantity.unit.phrase]
        word = quantity.word or ""
        if quantity.is_one and word:
            word = str(self.book.terms.get("unit_singular", {}).get(word, word))
        values = {"n": n, "one": quantity.is_one, "per": per, "word": word}
        values["zero"] = quantity.rounded == 0
        values["rising"] = quantity.rising
        return self._render(phrase, values, False)

    def period(self, ref: PeriodRef) -> SpokenPeriod:
        """How a period is spoken: when a figure was, and its name after "from" or "on"."""
        spoken = self._periods.get(ref)
        if spoken is None:
            spoken = self._periods[ref] = self._speak_period(ref)
        return spoken

    def _speak_period(self, ref: PeriodRef) -> SpokenPeriod:
        p = ref.period
        kind = p.kind.value
        if p.kind in (PeriodKind.SPLIT_YEAR, PeriodKind.PART_YEAR) and ref.year_type:
            kind = f"{kind}.{ref.year_type}"
        if ref.flow:
            kind = f"{kind}.flow"
        months = self.book.terms.get("month", [])
        terms = self.book.terms.get("term", {})
        spans = p.kind in (PeriodKind.RANGE, PeriodKind.PART_YEAR)
        values = {
            "number": p.number,
            "term": terms.get(p.term_name, p.term_name) if p.term_name else None,
            "month": months[p.number - 1]
            if p.kind in (PeriodKind.MONTH, PeriodKind.RANGE, PeriodKind.PART_YEAR, PeriodKind.DATE)
            and p.number
            else None,
            "year": p.year,
            "year_label": p.year_label,
            "show_year": ref.show_year,
            "start_month": months[p.start_month - 1] if spans else None,
            "start_year": p.start_year if spans else None,
            "months": p.months,
            "day": p.day,
            "whole_years": spans and p.start_month == 1 and p.number == 12,
        }
        when = self._render(self._period_phrase(self.book.periods_when, kind), values, False)
        name = self._render(self._period_phrase(self.book.periods_name, kind), values, False)
        if ref.basis:
            head = kind.split(".")[0]
            bare_table = self.book.periods_bare if head in self.book.periods_bare else None
            bare = self._render(
                self._period_phrase(bare_table or self.book.periods_name, kind), values, False
            )
            basis = self.book.periods_basis[ref.basis]
            name = self._render(basis, {"name": name, "when": when, "bare": bare}, False)
        return SpokenPeriod(when, name)

    def _unknown_period(self) -> SpokenPeriod | None:
        """A previous period the dashboard does not name (it gives the previous figure only),
        as the phrasebook's `periods.*.unknown` words it; None when the phrasebook has none."""
        when, name = self.book.periods_when.get("unknown"), self.book.periods_name.get("unknown")
        if when is None or name is None:
            return None
        return SpokenPeriod(self._render(when, {}, False), self._render(name, {}, False))

    @staticmethod
    def _period_phrase(table: dict[str, Phrase], kind: str) -> Phrase:
        """The most specific phrase: "quarter.flow", then "quarter"; "split_year.academic.flow",
        then "split_year.academic", then "split_year"."""
        probe = kind
        while probe not in table and "." in probe:
            probe = probe.rsplit(".", 1)[0]
        return table[probe]

    def prepare(self, name: str, value: object, ctx: Context | None) -> object:
        """A rule value as a template sees it."""
        if value is None and name == "previous_period":
            return self._unknown_period()
        if value is None or isinstance(value, bool):
            return value
        if isinstance(value, Quantity):
            return self.figure(value)
        if isinstance(value, PeriodRef):
            return self.period(value)
        if isinstance(value, Clause):
            return self.clause(value, ctx)
        if isinstance(value, list | tuple):
            return [self.prepare(name, v, ctx) for v in value]
        table = self.book.terms.get(name)
        if isinstance(table, dict) and isinstance(value, str | int) and value in table:
            return table[value]
        return value

    def globals(self, ctx: Context | None) -> dict[str, Any]:
        """The values every phrase may use, for `ctx` (None: a report-level phrase), as a new
        dict the caller may add to. The last indicator's are kept: its sentences and clauses
        are worded one after another."""
        if ctx is None or ctx is not self._globals_of:
            self._globals = self._make_globals(ctx)
            self._globals_of = ctx
        return dict(self._globals)

    def _make_globals(self, ctx: Context | None) -> dict[str, Any]:
        if ctx is None:
            return {"subject": None, "name": None, "area": self.area, "noun": None}
        subject = ctx.subject
        if subject is None:
            fallback = self.book.subject["fallback"]
            subject = self._render(fallback, {"name": ctx.name, "area": self.area}, False)
        return {"subject": subject, "name": ctx.name, "area": self.area, "noun": ctx.noun}

    # --- rendering -------------------------------------------------------------------------
    def _render(self, phrase: Phrase, values: dict[str, Any], sentence: bool) -> str:
        try:
            text = phrase.render(**values)
        except MissingValue as exc:
            raise PhrasebookError(
                self.book.source, phrase.key, f"{exc} (values: {values})"
            ) from exc
        except PhraseLimit as exc:
            raise PhrasebookError(
                self.book.source, phrase.key, f"{exc}: simplify the phrase"
            ) from exc
        except Exception as exc:  # jinja2 UndefinedError, SecurityError, TypeError in a filter,
            # MemoryError from a filter asked for a huge text
            raise PhrasebookError(self.book.source, phrase.key, str(exc)) from exc
        return tidy(text, sentence=sentence)

    def clause(self, clause: Clause, ctx: Context | None) -> str:
        phrases = self._find("clauses", clause.key)
        values = self.globals(ctx)
        values |= {k: self.prepare(k, v, ctx) for k, v in clause.values.items()}
        seed = (ctx.name if ctx else "") + clause.key
        return self._render(phrases[stable_index(seed, len(phrases))], values, False)

    def alone(self, finding: Finding, ctx: Context | None) -> Sentence:
        """Word one finding as a sentence of its own (a report-level finding: `ctx` None)."""
        return self.planned(alone(finding), ctx)

    def _find(self, section: str, key: str) -> tuple[Phrase, ...]:
        """Phrasebook.find, remembered: a report asks for the same few keys thousands of times."""
        found = self._phrases.get((section, key))
        if found is None:
            found = self._phrases[(section, key)] = self.book.find(section, key)
        return found

    @staticmethod
    def _declared(finding: Finding) -> tuple[str, ...]:
        return _provides().get(finding.rule, ())

    def paragraph(self, findings: list[Finding], ctx: Context) -> list[Sentence]:
        """All sentences of one indicator's own paragraph, as the planner arranges them."""
        from narrator.language.plan import plan_paragraph

        return self.realise_plan(plan_paragraph(findings, ctx), ctx)

    # --- planned sentences -----------------------------------------------------------------
    def new_section(self) -> None:
        """Forget the previous section's last indicator: a choice in one section never
        changes another section's wording."""
        self._neighbour = self._current = None

    def _enter(self, ctx: Context) -> None:
        """`ctx`'s paragraph is worded next: the indicator before it becomes its neighbour."""
        if ctx.name != self._current:
            self._neighbour, self._current = self._current, ctx.name

    def _choose(self, key: str, count: int, ctx: Context | None) -> int:
        """Which of `count` variants: by the indicator's name, or the next one when the
        neighbouring indicator's name (the one worded before it) would choose the same (so
        neighbouring paragraphs do not repeat a wording). Names alone decide: a corrected
        figure, which may change which phrases a paragraph uses, never changes another
        paragraph's wording."""
        choice = stable_index((ctx.name if ctx else "") + key, count)
        neighbour = self._neighbour if ctx is not None else None
        if count > 1 and neighbour is not None and stable_index(neighbour + key, count) == choice:
            choice = (choice + 1) % count
        return choice

    def part(self, part: Part, ctx: Context | None) -> str:
        """One finding worded as a piece of a sentence (plan.parts), leaving out what another
        part says."""
        finding = part.finding
        phrases = self._find("parts", part.key)
        choice = self._choose(part.key, len(phrases), ctx)
        values = self.globals(ctx)
        values |= dict.fromkeys(self._declared(finding))
        values |= {
            k: None if k in part.leave_out else self.prepare(k, v, ctx)
            for k, v in finding.values.items()
        }
        return self._render(phrases[choice], values, False)

    def realise_plan(
        self,
        plan: ParagraphPlan,
        ctx: Context,
        *,
        avoid_opening: str | None = None,
    ) -> list[Sentence]:
        """Word a paragraph plan. `avoid_opening`: two words the first sentence should not
        open with (the previous paragraph's), when the phrasebook offers a variant that
        does not."""
        self._enter(ctx)
        out = []
        for i, planned in enumerate(plan.sentences):
            avoid = avoid_opening if i == 0 else None
            out.append(self.planned(planned, ctx, avoid_opening=avoid))
        return out

    def planned(
        self,
        planned: PlannedSentence,
        ctx: Context | None,
        *,
        avoid_opening: str | None = None,
    ) -> Sentence:
        """Word one planned sentence: its parts, put together by its join."""
        phrases = self._find("joins", planned.join)
        values = self.globals(ctx)
        values |= dict.fromkeys((*self._declared_rule("level"), *OPENING_VALUES))
        if planned.opening is not None:
            values |= {k: self.prepare(k, v, ctx) for k, v in planned.opening.values.items()}
        values |= planned.extra
        values |= dict.fromkeys(SLOTS, "")
        for part in planned.parts:
            values[part.slot] = self.part(part, ctx)
        start = self._choose(planned.join, len(phrases), ctx)
        text, choice = "", start
        for step in range(len(phrases)):
            choice = (start + step) % len(phrases)
            text = self._render(phrases[choice], values, True)
            if avoid_opening is None or opening_words(text) != avoid_opening:
                break
        first = planned.findings[0]
        return Sentence(first, phrases[choice].key, choice, text, planned)

    @staticmethod
    def _declared_rule(rule: str) -> tuple[str, ...]:
        return _provides().get(rule, ())
