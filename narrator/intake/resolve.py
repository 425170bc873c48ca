"""Resolve each dashboard indicator against the catalogue: what unit it is in, how many places
to print, how to speak of it. The result, a `Context`, is everything a rule may look at.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import TYPE_CHECKING

from narrator.errors import Location
from narrator.intake.catalogue import Catalogue
from narrator.model import CatalogueEntry, Indicator, Problem, Severity, Unit
from narrator.periods import Period
from narrator.settings import RuleSettings

if TYPE_CHECKING:
    from narrator.national.model import Benchmark
    from narrator.series import Series

_PERCENT_NAME = re.compile(r"%|\bper ?cent|\bpercentage\b|\bproportion\b", re.I)
# a subject's own "(year to date)", "(YTD)", ", so far this year": said by the period instead
_SO_FAR = re.compile(
    r"\s*\((?:financial )?(?:year to date|f?ytd|so far(?: this year)?)\)"
    r"|,?\s+(?:financial )?(?:year to date|f?ytd|so far this year)\s*$",
    re.I,
)


@dataclass(frozen=True)
class Context:
    """One indicator with what the rules need to judge it.

    entry:          its catalogue entry, None when the catalogue has none
    unit, decimals: resolved (catalogue first, then the data)
    area:           the council or area named in prose ("Leicestershire")
    report_period:  the period the report covers, None when the config gives none
    comparison:     what the previous figure is, as declared (catalogue, else config):
                    "previous", "year_on_year", "last_report" or "earlier"; None: undeclared
    flow:           True when the figure counts what was done during the period ("in Quarter
                    1"), False for a snapshot at its end ("at the end of Quarter 1")
    benchmark:      what the national tables say about it (None: no national measure)
    history:        its figures in earlier dashboards, with the latest (None: the config
                    names no `history:`, or no earlier dashboard gives a figure for it)
    """

    indicator: Indicator
    entry: CatalogueEntry | None
    unit: Unit
    decimals: int
    area: str
    report_period: Period | None
    settings: RuleSettings
    comparison: str | None = None
    flow: bool = False
    benchmark: Benchmark | None = None
    history: Series | None = None

    @property
    def name(self) -> str:
        return self.indicator.name

    @property
    def subject(self) -> str | None:
        """The catalogue's subject phrase; None means "word it from the dashboard name".
        When the latest figure is a year to date, the period says so ("so far in 2023/24"),
        so a "(year to date)" or "(YTD)" in the subject is left out: said once."""
        if self.entry is None or self.entry.subject is None:
            return None
        latest = self.indicator.latest_period
        if latest is not None and latest.part_year:
            return _SO_FAR.sub("", self.entry.subject).strip() or self.entry.subject
        return self.entry.subject

    @property
    def per(self) -> int | None:
        """A rate's base: the catalogue's `per`, else the one the dashboard name states; None
        for other units."""
        if self.entry is not None and self.entry.per is not None:
            return self.entry.per
        return per_in_name(self.indicator.name) if self.unit is Unit.RATE else None

    @property
    def scale(self) -> str | None:
        """Money's scale, "k" or "m": the catalogue's `scale`, else the one the dashboard name
        states ("Spend (£000)"); None for pounds and for other units."""
        if self.unit is not Unit.MONEY:
            return None
        if self.entry is not None:
            return self.entry.scale
        from narrator.intake.infer import money_scale

        found = money_scale(self.indicator.name)
        return found[0] if found else None

    @property
    def noun(self) -> str | None:
        """What counts count ("children"); None when the catalogue does not say."""
        return self.entry.noun if self.entry else None


def _values(indicator: Indicator) -> list[Decimal]:
    found = (indicator.latest, indicator.previous, indicator.neighbour_average)
    return [v for v in (*found, indicator.england_average) if v is not None]


_COUNT_NAME = re.compile(r"^(?:the\s+)?(?:no\.?|number)\s+of\b", re.I)
_PER_NAME = re.compile(r"\bper\s+(1,?000|10,?000|100,?000)\b", re.I)
_VALUE_FIELDS = ("latest", "previous", "neighbour_average", "england_average")


def _written_places(text: str) -> int:
    """Decimal places a cell's text writes ("17.4666" -> 4; "92%" -> 0)."""
    m = re.search(r"\.(\d+)", text)
    return len(m.group(1)) if m else 0


def per_in_name(name: str) -> int | None:
    """The base of a rate its dashboard name states ("LAC rate per 10,000"), else None."""
    m = _PER_NAME.search(name)
    return int(m.group(1).replace(",", "")) if m else None


def infer_unit(indicator: Indicator) -> Unit:
    """The unit when the catalogue does not say: a "%" anywhere (values, target, name) means a
    percentage; a "£" on a value money; "per 10,000" (1,000, 100,000) in the name a rate;
    whole numbers mean a count; anything else is a plain score. A name that says it counts
    ("No. of families claimed for as a % of ...") is not a percentage unless a value carries
    "%"."""
    target_text = indicator.target.text if indicator.target else ""
    named = _PERCENT_NAME.search(indicator.name) and not _COUNT_NAME.match(indicator.name)
    if indicator.percent_sign or "%" in target_text or named:
        return Unit.PERCENTAGE
    cells = (indicator.cells.get(field) for field in _VALUE_FIELDS)
    if any(cell is not None and "£" in cell.text for cell in cells):
        return Unit.MONEY
    if per_in_name(indicator.name) is not None:
        return Unit.RATE
    values = _values(indicator)
    if values and all(v == v.to_integral_value() for v in values):
        return Unit.COUNT
    return Unit.SCORE


# How an uncatalogued indicator's figures were read, for its warning: a percentage written
# without "%" anywhere is read as a plain number, and the officer should know.
_GUESSED = {
    Unit.PERCENTAGE: "a percentage",
    Unit.COUNT: "a count",
    Unit.RATE: "a rate (its base from the name)",
    Unit.SCORE: "a plain number, not a percentage (no % in its cells, target or name)",
    Unit.MONEY: "money",
}


MANY_PLACES = 3
"""More decimal places than a committee report prints: figures read with more (a computed
Excel value in General format holds fifteen significant digits) are queried unless the
catalogue declares the indicator's places."""


# Subjects that count what was done during the period: "... completed in the quarter".
_FLOW = re.compile(
    r"\b(?:in|during|within) the (?:quarter|month|period|term)\b|\bin (?:the )?(?:quarter|month)\b",
    re.I,
)


def is_flow(entry: CatalogueEntry | None, name: str) -> bool:
    """The catalogue's `timing`; else True when the subject (or the dashboard name) says the
    figure counts what happened in the period."""
    if entry is not None and entry.timing is not None:
        return entry.timing == "flow"
    text = entry.subject if entry is not None and entry.subject else name
    return _FLOW.search(text) is not None


def _end_to_date(indicator: Indicator, report_period: Period | None) -> Indicator:
    """A latest part year "to date" ends where the report period ends; a previous one written
    beside it for the year before ("2016/17 to date" beside "2017/18 to date") is the same point
    a year earlier."""
    latest, previous = indicator.latest_period, indicator.previous_period
    if latest is None:
        return indicator
    ended = latest.to_date_end(report_period)
    if ended is latest:
        return indicator
    indicator = replace(indicator, latest_period=ended)
    if previous is not None and previous.part_year and previous.number is None:
        assert previous.start is not None and ended.start is not None
        if previous.start == ended.start - 12:
            year, month = divmod(ended.end_month_index() - 12 - 1, 12)
            same_point = Period(previous.kind, year, month + 1, previous.label, previous.start)
            indicator = replace(indicator, previous_period=same_point)
    return indicator


def resolve(
    indicator: Indicator,
    catalogue: Catalogue,
    *,
    area: str,
    report_period: Period | None,
    settings: RuleSettings,
    comparison: str | None = None,
) -> tuple[Context, list[Problem]]:
    """Build the Context for one indicator, with a warning when the catalogue lacks it.
    `comparison` is the config's declared comparison for every indicator (None: undeclared).
    A latest part year "to date" is taken to end where the report period ends."""
    problems: list[Problem] = []
    entry = catalogue.lookup(indicator.name)
    indicator = _end_to_date(indicator, report_period)
    unit = entry.unit if entry and entry.unit else infer_unit(indicator)
    if entry and entry.decimals is not None:
        decimals = entry.decimals
    elif unit is Unit.COUNT and all(v == v.to_integral_value() for v in _values(indicator)):
        decimals = 0
    else:
        decimals = indicator.decimals
    if entry is None:
        problems.append(
            Problem(
                Severity.WARNING,
                "not-in-catalogue",
                Location(file=catalogue.source, indicator=indicator.name),
                "no catalogue entry: the paragraph is worded from the dashboard name and its "
                f"figures are read as {_GUESSED[unit]}, to {decimals} decimal "
                f"place{'' if decimals == 1 else 's'}",
                expected="an entry with subject, unit, decimals and noun",
            )
        )
    if decimals > MANY_PLACES and (entry is None or entry.decimals is None):
        # the cell that holds the most places (a computed previous value beside a typed latest)
        held = [
            indicator.cells[f]
            for f in _VALUE_FIELDS
            if f in indicator.cells and _written_places(indicator.cells[f].text) == decimals
        ]
        cell = held[0] if held else indicator.cells.get("latest") or indicator.cells.get("previous")
        problems.append(
            Problem(
                Severity.WARNING,
                "many-decimal-places",
                cell.location if cell else Location(indicator=indicator.name),
                f"the figures hold {decimals} decimal places, as a value Excel computed and "
                "shows in General format does, and the paragraph prints them all",
                cell.text if cell else None,
                expected="'decimals' for this indicator in the catalogue, or the cells "
                "formatted to the places the dashboard shows",
            )
        )
    declared = entry.comparison if entry and entry.comparison else comparison
    context = Context(
        indicator,
        entry,
        unit,
        decimals,
        area,
        report_period,
        settings,
        declared,
        is_flow(entry, indicator.name),
    )
    return context, problems
