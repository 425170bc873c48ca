"""Checks of an indicator's periods: the previous period against the latest (order, gaps,
comparisons declared or not, queried once per report) and the latest against the report
period. Split from narrator.intake.checks, which runs them."""

from __future__ import annotations

import calendar
import re

from narrator.context import Context
from narrator.intake.cumulative import (
    cumulative_words,
    months_so_far,
    rises_in_step,
    same_year_steps,
    window_in_name,
)
from narrator.intake.located import problem as _problem
from narrator.judgement import like_for_like, period_relation
from narrator.model import Frequency, Problem, Severity
from narrator.officer_files import Config
from narrator.periods import Period, PeriodKind, PeriodRelation
from narrator.units import Unit

_ADJECTIVE = {
    Frequency.MONTH: "monthly",
    Frequency.QUARTER: "quarterly",
    Frequency.TERM: "termly",
    Frequency.ANNUAL: "annual",
}


def period_problems(ctx: Context) -> list[Problem]:
    """The previous period must precede the latest, one reporting interval before it."""
    ind = ctx.indicator
    relation = period_relation(ctx)
    if relation is None:
        return []
    assert ind.previous_period is not None and ind.latest_period is not None
    prev, latest = ind.previous_period.canonical(), ind.latest_period.canonical()
    if relation is PeriodRelation.NOT_BEFORE:
        return [
            _problem(
                ctx,
                "previous_period",
                Severity.ERROR,
                "period-order",
                f"the previous period {prev} does not come before the latest period {latest}",
                expected=f"a period before {latest}",
            )
        ]
    # "a monthly indicator", "an annual indicator" (never "a month indicator", "a annual")
    frequency = _ADJECTIVE[ind.frequency] if ind.frequency else "unstated"
    a_frequency = ("an " if frequency[0] in "aeiou" else "a ") + frequency
    declared = ctx.comparison or (ctx.entry.comparison if ctx.entry else None)
    if declared in ("last_report", "earlier"):
        return []  # any earlier period, declared deliberate (catalogue or config)
    if relation is PeriodRelation.YEAR_ON_YEAR and (
        declared == "year_on_year" or ind.previous_period.part_year
    ):
        return []  # declared, or a year to date against the same point last year
    if not like_for_like(ctx):
        return []  # a part year against a full year: both are said plainly, not compared
    if relation is PeriodRelation.YEAR_ON_YEAR and (
        ind.frequency is None or ind.frequency.months != 12
    ):
        return [
            _problem(
                ctx,
                "previous_period",
                Severity.WARNING,
                "period-year-on-year",
                f"{a_frequency} indicator compared with the same period a year earlier "
                f"({prev} to {latest}): the paragraph names {prev}, not the previous period",
                expected="the period just before, or 'comparison: year_on_year' in the catalogue",
            )
        ]
    if relation is PeriodRelation.EARLIER:
        return [
            _problem(
                ctx,
                "previous_period",
                Severity.WARNING,
                "period-gap",
                f"the previous period {prev} is not the one just before {latest} for "
                f"{a_frequency} indicator: the paragraph names {prev}",
                expected="the period just before",
            )
        ]
    return []


def report_period_mismatch(ctx: Context, config: Config) -> list[Problem]:
    """A latest quarter or month that is not in the report's quarter, a latest term older than
    the one just before the report period, or any latest period that starts after the report
    period ends. Years are not queried: annual figures are published a year or more late."""
    report = config.report_period
    latest = ctx.indicator.latest_period
    if report is None or latest is None:
        return []

    def query(code: str, message: str, expected: str) -> list[Problem]:
        return [_problem(ctx, "latest_period", Severity.WARNING, code, message, expected=expected)]

    if latest.start_month_index() > report.end_month_index():
        return query(
            "period-after-report",
            f"the latest period {latest.canonical()} starts after the report period "
            f"{report.canonical()}",
            f"a period up to {report.canonical()}",
        )
    if (
        latest.kind is PeriodKind.QUARTER
        and report.kind is PeriodKind.QUARTER
        and ((latest.year, latest.number) != (report.year, report.number))
    ):
        return query(
            "period-not-report-quarter",
            f"the latest period {latest.canonical()} is not the report's quarter "
            f"{report.canonical()}: the paragraph names it with its year",
            report.canonical(),
        )
    what = {
        PeriodKind.MONTH: "month",
        PeriodKind.DATE: "date",
        PeriodKind.PART_YEAR: "year to date",
    }
    if (
        latest.kind in what
        and latest.number is not None  # a year "to date" with no end: it ends with the report
        and report.kind is PeriodKind.QUARTER
        and not report.start_month_index() <= latest.end_month_index() <= report.end_month_index()
    ):
        return query(
            "period-not-report-quarter",
            f"the latest {what[latest.kind]} {latest.canonical()} does not end in the report's "
            f"quarter {report.canonical()}",
            f"a {what[latest.kind]} ending in {report.canonical()}",
        )
    if latest.kind is PeriodKind.TERM and latest.end_month_index() < report.start_month_index() - 1:
        return query(
            "period-before-report",
            f"the latest term {latest.canonical()} ended before the term just before the "
            f"report period {report.canonical()}",
            f"the term overlapping {report.canonical()} or the one just before",
        )
    return []


_YEAR_TO_DATE = re.compile(r"\bYTD\b|\byear to date\b", re.I)


def year_to_date_name(ctx: Context) -> list[Problem]:
    """A name that says "(YTD)" beside a latest period that is one quarter or month ("Q3
    2023/24"): the paragraph would speak of that quarter ("at the end of Quarter 3") when the
    figure covers the year so far (April to December)."""
    ind = ctx.indicator
    latest = ind.latest_period
    if latest is None or latest.kind not in (PeriodKind.QUARTER, PeriodKind.MONTH):
        return []
    if not _YEAR_TO_DATE.search(ind.name):
        return []
    text = ind.cells["latest_period"].text if "latest_period" in ind.cells else latest.label
    return [
        _problem(
            ctx,
            "latest_period",
            Severity.WARNING,
            "period-year-to-date",
            f"the name says year to date but the latest period {latest.canonical()} is a "
            f"single {latest.kind.value}: the paragraph speaks of that {latest.kind.value} "
            "alone",
            expected=f"the period written as a year to date ('{text} YTD', spoken 'so far in "
            "...'), 'cumulative: true' in the catalogue, or 'year to date' taken out of the name",
        )
    ]


def cumulative_quarter(ctx: Context) -> list[Problem]:
    """A figure undeclared in the catalogue that rose from one quarter (or month) of a year to
    the next as a figure filling up through the year does (in step with the months, or named
    so: "YTD", "cumulative", a percentage "collected"): the paragraph would call the year
    filling up a change on the quarter. `cumulative: false` in the catalogue says it is not."""
    ind = ctx.indicator
    if ctx.entry is not None and ctx.entry.cumulative is not None:
        return []
    steps = same_year_steps(ind)
    if steps is None or ind.latest is None or ind.previous is None or ind.latest <= ind.previous:
        return []
    words = cumulative_words(ind.name, ctx.unit is Unit.PERCENTAGE)
    if words is None and not rises_in_step(ind):
        return []
    previous, latest = steps
    why = (
        f"'{words}' in the name"
        if words
        else f"in step with the months: {months_so_far(previous)} and {months_so_far(latest)} "
        "months from April"
    )
    said = {f: ind.cells[f].text if f in ind.cells else str(getattr(ind, f)) for f in _FIGURES}
    return [
        _problem(
            ctx,
            "latest",
            Severity.WARNING,
            "period-cumulative",
            f"the figure rose from {said['previous']} ({previous.canonical()}) to "
            f"{said['latest']} ({latest.canonical()}) as a figure that fills up through the "
            f"year does ({why}): the paragraph would judge it as a change on "
            f"{previous.canonical()}",
            expected="'cumulative: true' for this indicator in the catalogue (compared with the "
            "same point last year, never the previous quarter), or 'cumulative: false' if each "
            "figure is its own period's",
        )
    ]


_FIGURES = ("previous", "latest")


def window_as_year_to_date(ctx: Context) -> list[Problem]:
    """A name that says a window ("last 6 months", "rolling 12 months") beside a latest period
    read as a year so far that is not that window (another length, "2018/19 to date"), or a
    window the catalogue declares cumulative: the paragraph would say "so far in 2018/19"."""
    ind = ctx.indicator
    window = window_in_name(ind.name)
    latest = ind.latest_period
    if window is None or latest is None or not latest.part_year:
        return []
    months, words = window
    declared = ctx.entry is not None and bool(ctx.entry.cumulative)
    length = f"{latest.months} months" if latest.months else "its months not known"
    return [
        _problem(
            ctx,
            "latest_period",
            Severity.WARNING,
            "period-window-year-to-date",
            f"the name says a window ('{words}') but the latest period {latest.canonical()} is "
            f"read as a year so far ({length}"
            + (", the catalogue declaring the figure cumulative" if declared else "")
            + f"): the paragraph would say 'so far in {latest.year_label}', not the "
            f"{months} months to its end",
            expected=f"the period written as the window ('{months} months to "
            f"{_month_year(latest)}')"
            + (", 'cumulative: true' taken out of the catalogue" if declared else "")
            + ", or the window taken out of the name",
        )
    ]


def _month_year(period: Period) -> str:
    """'Dec 18': a period's last month as a window's end is written; '...' when not known."""
    if period.number is None:
        return "..."
    return f"{calendar.month_abbr[period.number]} {period.year % 100:02d}"


_COMPARISON_CODES = ("period-year-on-year", "period-gap")


def one_comparison_query(problems: list[Problem]) -> list[Problem]:
    """Undeclared comparisons with other than the period just before, queried once for the
    report with the indicators listed (on the first one's paragraph), not on every paragraph;
    a single one keeps its own cell and message."""
    found = [p for p in problems if p.code in _COMPARISON_CODES]
    if len(found) < 2:
        return problems
    first = found[0]
    names = [p.location.indicator or "?" for p in found]
    query = Problem(
        Severity.WARNING,
        "period-comparison",
        first.location,
        f"{len(found)} indicators are compared with other than the period just before, and "
        f"each paragraph names the period it is compared with: {'; '.join(names)}",
        None,
        "the period just before, or the comparison declared: 'comparison:' (previous, "
        "year_on_year, last_report or earlier) for the report in the config, or for an "
        "indicator in the catalogue",
    )
    kept = [p for p in problems if p.code not in _COMPARISON_CODES]
    index = problems.index(first)
    return [*kept[:index], query, *kept[index:]]
