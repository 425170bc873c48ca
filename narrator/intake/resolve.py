"""Resolve each dashboard indicator against the catalogue: what unit it is in, how many places
to print, how to speak of it. The result, a `Context` (`narrator.context`), is everything a rule
may look at, worked out here once.
"""

from __future__ import annotations

import re
from dataclasses import replace

from narrator.context import Context
from narrator.errors import Location
from narrator.intake.cumulative import as_declared, without_window
from narrator.intake.timing import flow_reason
from narrator.intake.unit_guess import (
    VALUE_FIELDS,
    guess_unit,
    per_in_name,
    values_of,
    word_in_name,
)
from narrator.lazy_re import lazy
from narrator.model import CatalogueEntry, Indicator, Problem, Severity
from narrator.officer_files import Catalogue
from narrator.periods import Period
from narrator.settings import RuleSettings, SizeTable
from narrator.units import MANY_PLACES, Unit, money_scale

# a subject's own "(year to date)", "(YTD)", ", so far this year": said by the period instead
_SO_FAR = lazy(
    r"\s*\((?:financial )?(?:year to date|f?ytd|so far(?: this year)?)\)"
    r"|,?\s+(?:financial )?(?:year to date|f?ytd|so far this year)\s*$",
    re.I,
)


# Subjects that count what was done during the period: "... completed in the quarter".
_FLOW = re.compile(
    r"\b(?:in|during|within) the (?:quarter|month|period|term)\b|\bin (?:the )?(?:quarter|month)\b",
    re.I,
)


def _written_places(text: str) -> int:
    """Decimal places a cell's text writes ("17.4666" -> 4; "92%" -> 0)."""
    m = re.search(r"\.(\d+)", text)
    return len(m.group(1)) if m else 0


def is_flow(entry: CatalogueEntry | None, name: str, unit: Unit = Unit.SCORE) -> bool:
    """The catalogue's `timing`; else True when the subject (or the dashboard name) says the
    figure counts what happened in the period ("... in the quarter"), or it is an average time
    or a count of events (narrator.intake.timing); else a snapshot."""
    return timing_of(entry, name, unit)[0]


def timing_of(entry: CatalogueEntry | None, name: str, unit: Unit) -> tuple[bool, str]:
    """(whether the figure is a flow, why), as `is_flow` decides it, for `explain`."""
    if entry is not None and entry.timing is not None:
        return entry.timing == "flow", "the catalogue's `timing`"
    text = entry.subject if entry is not None and entry.subject else name
    if (m := _FLOW.search(text)) is not None:
        return True, f"'{m.group(0)}' in the subject (no `timing` in the catalogue)"
    word = entry.word if entry is not None else None
    if (why := flow_reason(text, unit, word)) is not None:
        return True, f"{why} (no `timing` in the catalogue)"
    return False, "nothing says it is done during the period (no `timing` in the catalogue)"


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


def _subject(entry: CatalogueEntry | None, indicator: Indicator) -> str | None:
    """The catalogue's subject phrase; None means "word it from the dashboard name". When the
    latest figure is a year to date, the period says so ("so far in 2023/24"), so a "(year to
    date)" or "(YTD)" in the subject is left out: said once; so too a window's own "(last 6
    months)" when the period is that window."""
    if entry is None or entry.subject is None:
        return None
    latest = indicator.latest_period
    if latest is not None and latest.part_year:
        return _SO_FAR.sub("", entry.subject).strip() or entry.subject
    return without_window(entry.subject, latest)


def _noun(entry: CatalogueEntry | None, indicator: Indicator, unit: Unit) -> str | None:
    """What the indicator's counts count: the catalogue's `noun` (None there: nothing is
    named); for an uncatalogued count, the noun `narrator init` would guess from its name
    ("Residential burglaries" counts burglaries), or None when the name names none."""
    if entry is not None:
        return entry.noun
    if unit is not Unit.COUNT or word_in_name(indicator.name) is not None:
        return None
    from narrator.intake.subject import counted_noun, subject_of  # only for uncatalogued rows

    found = counted_noun(subject_of(indicator.name, unit)[0])
    return found[0] if found else None


def _per(entry: CatalogueEntry | None, indicator: Indicator, unit: Unit) -> int | None:
    """A rate's base: the catalogue's `per`, else the one the dashboard name states; None for
    other units."""
    if entry is not None and entry.per is not None:
        return entry.per
    found = per_in_name(indicator.name) if unit is Unit.RATE else None
    return found[0] if found else None


def _scale(entry: CatalogueEntry | None, indicator: Indicator, unit: Unit) -> str | None:
    """Money's scale, "k" or "m": the catalogue's `scale`, else the one the dashboard name
    states ("Spend (£000)"); None for pounds and for other units."""
    if unit is not Unit.MONEY:
        return None
    if entry is not None:
        return entry.scale
    found = money_scale(indicator.name)
    return found[0] if found else None


def _decimals(entry: CatalogueEntry | None, indicator: Indicator, unit: Unit) -> int:
    """The places to print: the catalogue's, else none for a count of whole numbers, else the
    most the dashboard wrote."""
    if entry and entry.decimals is not None:
        return entry.decimals
    if unit is Unit.COUNT and all(v == v.to_integral_value() for v in values_of(indicator)):
        return 0
    return indicator.decimals


def _uncatalogued(catalogue: Catalogue, indicator: Indicator, unit: Unit, decimals: int) -> Problem:
    """The warning for an indicator the catalogue lacks, saying how its figures were read."""
    return Problem(
        Severity.WARNING,
        "not-in-catalogue",
        Location(file=catalogue.source, indicator=indicator.name),
        "no catalogue entry: the paragraph is worded from the dashboard name and its "
        f"figures are read as {unit.spec.read_as}, to {decimals} decimal "
        f"place{'' if decimals == 1 else 's'}",
        expected="an entry with subject, unit, decimals and noun",
    )


def _many_places(indicator: Indicator, decimals: int) -> Problem:
    """The warning for figures held to more places than a report prints, at the cell that
    holds the most (a computed previous value beside a typed latest)."""
    held = [
        indicator.cells[f]
        for f in VALUE_FIELDS
        if f in indicator.cells and _written_places(indicator.cells[f].text) == decimals
    ]
    cell = held[0] if held else indicator.cells.get("latest") or indicator.cells.get("previous")
    return Problem(
        Severity.WARNING,
        "many-decimal-places",
        cell.location if cell else Location(indicator=indicator.name),
        f"the figures hold {decimals} decimal places, as a value Excel computed and "
        "shows in General format does, and the paragraph prints them all",
        cell.text if cell else None,
        expected="'decimals' for this indicator in the catalogue, or the cells "
        "formatted to the places the dashboard shows",
    )


def resolve(
    indicator: Indicator,
    catalogue: Catalogue,
    *,
    area: str,
    report_period: Period | None,
    settings: RuleSettings,
    comparison: str | None = None,
    sizes: SizeTable | None = None,
) -> tuple[Context, list[Problem]]:
    """Build the Context for one indicator, with a warning when the catalogue lacks it.
    `comparison` is the config's declared comparison for every indicator (None: undeclared);
    `sizes` the phrasebook's size bands (None: the bundled phrasebook's).
    A latest part year "to date" is taken to end where the report period ends; a cumulative
    figure's quarters and months are the year so far, and a name's window its months
    (narrator.intake.cumulative)."""
    problems: list[Problem] = []
    entry = catalogue.lookup(indicator.name)
    indicator = as_declared(_end_to_date(indicator, report_period), entry)
    unit = entry.unit if entry and entry.unit else guess_unit(indicator).unit
    decimals = _decimals(entry, indicator, unit)
    if entry is None:
        problems.append(_uncatalogued(catalogue, indicator, unit, decimals))
    if decimals > MANY_PLACES and (entry is None or entry.decimals is None):
        problems.append(_many_places(indicator, decimals))
    context = Context(
        indicator,
        entry,
        unit,
        decimals,
        area,
        report_period,
        settings,
        comparison=entry.comparison if entry and entry.comparison else comparison,
        flow=is_flow(entry, indicator.name, unit),
        subject=_subject(entry, indicator),
        per=_per(entry, indicator, unit),
        scale=_scale(entry, indicator, unit),
        noun=_noun(entry, indicator, unit),
        sizes=sizes,
    )
    return context, problems
