"""The periods a paragraph names, as the rules hand them to the realiser: which period, whether
its year is said, how a split year is spoken, whether the figure is a flow or a snapshot, and a
declared comparison to name in its place ("the last report in April 2024"). No English here.
"""

from __future__ import annotations

from dataclasses import dataclass

from narrator.context import Context
from narrator.judgement import period_relation
from narrator.periods import Period, PeriodKind, PeriodRelation


@dataclass(frozen=True)
class PeriodRef:
    """A period as prose will name it.

    show_year: say the year even for a quarter ("Quarter 1 2023/24") because it is not the
               report's own year or not the period just before.
    year_type: "academic" or "financial" for split years; None when the catalogue is silent.
    flow:      the figure counts what was done during the period ("in Quarter 1"), not what
               stood at its end ("at the end of Quarter 1").
    basis:     a declared comparison the name should say ("last_report": "the last report in
               October 2020"), or "same_period" for a year to date against the same point a
               year earlier ("the same period last year"); None: the period's own name.
    """

    period: Period
    show_year: bool
    year_type: str | None = None
    flow: bool = False
    basis: str | None = None


def _year_type(ctx: Context) -> str | None:
    return ctx.entry.year_type if ctx.entry else None


def latest_period_ref(ctx: Context) -> PeriodRef | None:
    """The latest period; the year is said for a quarter unless it is the report's quarter."""
    period = ctx.indicator.latest_period
    if period is None:
        return None
    report = ctx.report_period
    is_report_quarter = report is not None and (period.kind, period.year, period.number) == (
        report.kind,
        report.year,
        report.number,
    )
    show = period.kind is PeriodKind.QUARTER and not is_report_quarter
    return PeriodRef(period, show, _year_type(ctx), ctx.flow)


def previous_period_ref(ctx: Context) -> PeriodRef | None:
    """The previous period; a quarter carries its year unless it is the one just before."""
    ind = ctx.indicator
    if ind.previous_period is None:
        return None
    latest = latest_period_ref(ctx)
    just_before = period_relation(ctx) is PeriodRelation.PREVIOUS
    show = ind.previous_period.kind is PeriodKind.QUARTER and (
        not just_before or (latest is not None and latest.show_year)
    )
    # "the last report in June 2023" dates the report by the period: true of a quarter, a
    # month or a date, false of a year, a rolling year, a term or a year so far (the last
    # report was not "in 2021/22"); those are named as themselves
    dated = ind.previous_period.kind in (PeriodKind.QUARTER, PeriodKind.MONTH, PeriodKind.DATE)
    basis = "last_report" if ctx.comparison == "last_report" and dated else None
    if basis is None and ind.latest_period is not None:
        # a year to date against the same point a year earlier, as officers name it ("the
        # same period last year"), not by its months ("April to September 2022")
        both_so_far = ind.previous_period.part_year and ind.latest_period.part_year
        if both_so_far and period_relation(ctx) is PeriodRelation.YEAR_ON_YEAR:
            basis = "same_period"
    return PeriodRef(ind.previous_period, show, _year_type(ctx), ctx.flow, basis)
