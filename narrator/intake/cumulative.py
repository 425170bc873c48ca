"""Figures that fill up through the year, and windows of months (issue 21).

A council-tax collection rate of 81.50% at Q3 against 54.81% at Q2 is the year filling up
(April to December against April to September), not a change on the quarter. The catalogue
declares such a figure `cumulative: true`; its quarters and months are then read as the year so
far (`narrator.periods.year_to_date`), so it is compared with the same point last year and
never with the previous quarter. Undeclared, `check` queries a rise in step with the months.

A window ("last 6 months", "rolling 12 months") is said as a window ("in the six months to
December 2018"), never as a year so far: a dashboard name that says it re-reads a part year of
that length as the window; one it cannot (another length) is queried by `check`.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from narrator.lazy_re import lazy
from narrator.model import CatalogueEntry, Indicator
from narrator.periods import Period, PeriodKind, year_to_date

# Names of figures that fill up through the year. "Collected" and "collection" say so of a
# percentage only (a collection rate: "% of Council Tax collected" is the year so far), not of a
# quantity ("Household waste collected", in tonnes, is the quarter's own).
CUMULATIVE_NAME = re.compile(
    r"\bcumulative\b|\bYTD\b|\byear[- ]to[- ]date\b|\bso far (?:this|in the) year\b", re.I
)
COLLECTION_NAME = re.compile(r"\bcollect(?:ed|ion)\b", re.I)

# a window in the name: "(last 6 months)", "rolling 12 months", "in the previous 3 months"
_WINDOW_NAME = re.compile(
    r"\b(?:last|previous|past|rolling)\s+(\d{1,2}|three|six|nine|twelve)\s*months?\b", re.I
)
_NUMBER_WORDS = {"three": 3, "six": 6, "nine": 9, "twelve": 12}
# a subject's own window, said by the period instead ("the number of incidents (last six
# months)" in the six months to December 2018)
_WINDOW_SAID = lazy(
    r"\s*\((?:in the\s+)?(?:last|previous|past|rolling)\s+(?:\d{1,2}|three|six|nine|twelve)\s*"
    r"months?\)|,?\s+(?:in the\s+)?(?:last|previous|past|rolling)\s+(?:\d{1,2}|three|six|nine|"
    r"twelve)\s*months?\s*$",
    re.I,
)

# how near a rise must be to the months' own ratio (9 months / 6 months = 1.5) to be read as
# the year filling up: within a twentieth of it (54.81% to 81.50% is 1.487), between figures
# written to three or more significant figures (4% to 6% is 1.5 by the coarseness of whole
# numbers, and says nothing)
_IN_STEP = Decimal("0.05")
_FIGURES = 3


def cumulative_words(name: str, percentage: bool) -> str | None:
    """The words of a name that say its figure fills up through the year ("YTD", "year to
    date", "cumulative"; "collected" of a percentage); None when it says none."""
    if m := CUMULATIVE_NAME.search(name):
        return m.group(0)
    if percentage and (m := COLLECTION_NAME.search(name)):
        return m.group(0)
    return None


def window_in_name(name: str) -> tuple[int, str] | None:
    """(months, the words) of a window a name says ("last 6 months": 6); None: none."""
    m = _WINDOW_NAME.search(name)
    if m is None:
        return None
    said = m.group(1).lower()
    return (int(said) if said.isdigit() else _NUMBER_WORDS[said]), m.group(0)


def without_window(subject: str, period: Period | None) -> str:
    """The subject without its own window ("(last 6 months)") when the period is a window and
    says it ("in the six months to December 2018"); as it is otherwise."""
    if period is None or period.kind is not PeriodKind.RANGE:
        return subject
    return _WINDOW_SAID.sub("", subject).strip() or subject


def _as_window(period: Period) -> Period:
    """A part year read as the window of months it is."""
    return Period(PeriodKind.RANGE, period.year, period.number, period.label, period.start)


def as_declared(indicator: Indicator, entry: CatalogueEntry | None) -> Indicator:
    """The indicator's periods as its catalogue entry and name say they run: a cumulative
    figure's quarters and months as the year so far; a year so far whose name says it is a
    window of as many months ("last 6 months" over April to September), or that stands beside
    a window as long, as that window."""
    latest, previous = indicator.latest_period, indicator.previous_period
    if entry is not None and entry.cumulative:
        return replace(
            indicator,
            latest_period=year_to_date(latest) if latest else None,
            previous_period=year_to_date(previous) if previous else None,
        )
    window = window_in_name(indicator.name)
    months = window[0] if window else _window_beside(latest, previous)
    if months is None:
        return indicator

    def read(period: Period | None) -> Period | None:
        fits = period is not None and period.part_year and period.number is not None
        if period is None or not fits or period.months != months:
            return period
        return _as_window(period)

    return replace(indicator, latest_period=read(latest), previous_period=read(previous))


def _window_beside(latest: Period | None, previous: Period | None) -> int | None:
    """The months of a window one period is, when the other is a part year as long ("Jan-Jun
    2018" beside "Jul-Dec 2018": two windows of six months, not a year so far beside one);
    None otherwise."""
    for one, other in ((latest, previous), (previous, latest)):
        if one is None or other is None or one.kind is not PeriodKind.RANGE:
            continue
        if other.part_year and other.months == one.months:
            return one.months
    return None


def same_year_steps(indicator: Indicator) -> tuple[Period, Period] | None:
    """(previous, latest) when both are quarters, or both months, of one financial year with
    the previous one earlier: where a figure filling up through the year would rise in step
    with the months. None otherwise."""
    previous, latest = indicator.previous_period, indicator.latest_period
    if previous is None or latest is None or previous.kind is not latest.kind:
        return None
    if latest.kind not in (PeriodKind.QUARTER, PeriodKind.MONTH):
        return None
    if _financial_year(previous) != _financial_year(latest):
        return None
    return (previous, latest) if previous.months_after(latest) < 0 else None


def _financial_year(period: Period) -> int:
    """The first calendar year of the financial year (April to March) the period ends in."""
    return (period.end_month_index() - 4) // 12


def months_so_far(period: Period) -> int:
    """Months from the April that starts the period's financial year to its end."""
    return (period.end_month_index() - 4) % 12 + 1


def rises_in_step(indicator: Indicator) -> bool:
    """Whether the latest figure stands to the previous as the months of the year so far do
    (54.81% at Q2 and 81.50% at Q3: 1.487 against 9/6), within a twentieth, both written to
    three significant figures or more: the mark of a figure that fills up through the year.
    False without both figures in one financial year."""
    steps = same_year_steps(indicator)
    if steps is None or indicator.latest is None or indicator.previous is None:
        return False
    if indicator.previous <= 0 or indicator.latest <= indicator.previous:
        return False
    if min(_significant(indicator.previous), _significant(indicator.latest)) < _FIGURES:
        return False
    expected = Decimal(months_so_far(steps[1])) / Decimal(months_so_far(steps[0]))
    ratio = indicator.latest / indicator.previous
    return abs(ratio - expected) <= expected * _IN_STEP


def _significant(value: Decimal) -> int:
    """Significant figures as written: 54.81 has 4, 6 has 1, 0.05 has 1, 120 has 3."""
    digits = value.as_tuple().digits
    return len(digits) - next((i for i, d in enumerate(digits) if d), len(digits))
