"""Join the national tables to a report: each catalogued indicator with a national measure gets
its Benchmark on its Context, and the dashboard's own benchmarks are checked against it.

Checks (warnings, located at the dashboard cell):
- "benchmark-quartile-disagrees": the dashboard's quartile is not the one computed;
- "benchmark-average-disagrees": its England or statistical-neighbour average, printed at the
  indicator's places, is not the published one of the year compared;
- "benchmark-polarity-disagrees": the dashboard's polarity is not the one the tables rank by;
- "national-newer": the tables hold a newer year for the area than the dashboard's latest
  period (the dashboard is behind).
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from narrator.context import Context
from narrator.errors import Location
from narrator.judgement import printed
from narrator.model import Polarity, Problem, Severity
from narrator.officer_files import Config
from narrator.periods import Period, PeriodKind
from narrator.published import Benchmark, quartile_of
from narrator.units import Unit

_POLARITY = {Polarity.HIGH_IS_GOOD: "high", Polarity.LOW_IS_GOOD: "low", Polarity.NONE: "none"}


def period_end(period: Period | None) -> int | None:
    """The calendar year an annual period ends in ('2022/23' -> 2023, '2024' -> 2024); None
    for quarters, terms, months and ranges, whose benchmark is the latest published year."""
    if period is None:
        return None
    if period.kind is PeriodKind.SPLIT_YEAR:
        return period.year + 1
    if period.kind is PeriodKind.YEAR:
        return period.year
    return None


def _same_year(ctx: Context, bench: Benchmark) -> bool:
    """True when the dashboard's latest figure is for the benchmark year (or there is none)."""
    from narrator.published import year_end

    if ctx.indicator.latest is None:
        return True
    return period_end(ctx.indicator.latest_period) == year_end(bench.latest.year)


def attach_benchmarks(
    contexts: list[Context], config: Config, found: dict[str, Benchmark] | None = None
) -> tuple[list[Context], list[Problem]]:
    """The contexts with their benchmarks, and the checks' problems. Contexts without a
    national measure (or a report without a `national:` block) are returned as they are.
    `found`: benchmarks already computed (a report built from the tables alone)."""
    national = config.national
    wanted = [c for c in contexts if c.entry is not None and c.entry.national is not None]
    if national is None or not wanted:
        return contexts, []
    from narrator.national.benchmarks import Request, benchmarks_for

    requests = []
    for ctx in wanted:
        assert ctx.entry is not None and ctx.entry.national is not None
        requests.append(
            Request(
                indicator=ctx.name,
                spec=ctx.entry.national,
                period_end=period_end(ctx.indicator.latest_period),
                local=ctx.indicator.latest,
                polarity=_POLARITY[ctx.indicator.polarity],
            )
        )
    base = config.catalogue.parent if config.catalogue else config.folder
    problems: list[Problem] = []
    if found is None:
        found = benchmarks_for(national, config.area, requests, base=base, problems=problems)
    out: list[Context] = []
    for ctx in contexts:
        bench = found.get(ctx.name)
        if bench is None:
            out.append(ctx)
            continue
        ctx = replace(ctx, benchmark=replace(bench, same_year=_same_year(ctx, bench)))
        out.append(ctx)
        problems.extend(benchmark_problems(ctx, bench))
    return out, problems


def _where(ctx: Context, field: str, column: str) -> Location:
    cell = ctx.indicator.cells.get(field)
    if cell is not None:
        return cell.location
    row = ctx.indicator.row
    return Location(row.file, row.sheet, row.row, column, None, ctx.name)


def _shown(ctx: Context, value: Decimal) -> str:
    sign = "%" if ctx.unit is Unit.PERCENTAGE else ""
    return f"{printed(ctx, value)}{sign}"


def benchmark_problems(ctx: Context, bench: Benchmark) -> list[Problem]:
    """The dashboard's own polarity, quartile and averages against the published ones, and
    whether the tables are newer than the dashboard."""
    return [
        *_polarity_problems(ctx, bench),
        *_quartile_problems(ctx, bench),
        *_average_problems(ctx, bench),
        *_newer_problems(ctx, bench),
    ]


def _polarity_problems(ctx: Context, bench: Benchmark) -> list[Problem]:
    """The dashboard's polarity when the tables rank the measure the other way."""
    ind = ctx.indicator
    problems: list[Problem] = []
    mine = _POLARITY[ind.polarity]
    if mine != "none" and bench.polarity != "none" and mine != bench.polarity:
        problems.append(
            Problem(
                Severity.WARNING,
                "benchmark-polarity-disagrees",
                _where(ctx, "polarity", "Polarity"),
                f"the dashboard's polarity is {mine} = good, but the national tables rank "
                f"{bench.measure} with {bench.polarity} = good: rank and quartile follow the "
                "tables",
                ind.polarity.value,
                f"{bench.polarity} (or `polarity` in the catalogue's `national`)",
            )
        )
    return problems


def _quartile_problems(ctx: Context, bench: Benchmark) -> list[Problem]:
    """The dashboard's quartile when it is not the computed one, or when the tables show
    none."""
    ind = ctx.indicator
    year = bench.latest.year
    problems: list[Problem] = []
    if ind.quartile is not None and bench.quartile is not None and ind.quartile != bench.quartile:
        problems.append(
            Problem(
                Severity.WARNING,
                "benchmark-quartile-disagrees",
                _where(ctx, "quartile", "National benchmark"),
                f"the dashboard gives quartile {ind.quartile}, but the national tables give "
                f"{bench.quartile}: {_quartile_why(ctx, bench, ind.quartile, bench.quartile)}",
                str(ind.quartile),
                f"quartile {bench.quartile}, which the report states",
            )
        )
    if ind.quartile is not None and not bench.has_quartile:
        problems.append(
            Problem(
                Severity.WARNING,
                "benchmark-quartile-disagrees",
                _where(ctx, "quartile", "National benchmark"),
                f"the dashboard gives quartile {ind.quartile}, but the national tables show no "
                f"quartile for {bench.measure} ({year}: the data dictionary says LAIT shows none, "
                "or the measure has no polarity); the paragraph states none",
                str(ind.quartile),
                "no quartile",
            )
        )
    return problems


_PERCENTILES = ("25th", "50th", "75th")


def _band(ctx: Context, quartile: int, thresholds: tuple[Decimal, ...], polarity: str) -> str:
    """Where a figure in `quartile` stands among the thresholds (the 25th, 50th and 75th
    percentiles): 'between the 50th and 75th percentiles (82.25% and 89.725%)'. Quartile 1 is
    above the 75th percentile for High polarity, at or below the 25th for Low."""
    sign = "%" if ctx.unit is Unit.PERCENTAGE else ""
    shown = [f"{format(t.normalize(), 'f')}{sign}" for t in thresholds]
    step = 4 - quartile if polarity == "high" else quartile - 1  # 0: the lowest figures
    if step == 0:
        return f"at or below the 25th percentile ({shown[0]})"
    if step == 3:
        return f"above the 75th percentile ({shown[2]})"
    low, high = _PERCENTILES[step - 1], _PERCENTILES[step]
    return f"between the {low} and {high} percentiles ({shown[step - 1]} and {shown[step]})"


def _quartile_why(ctx: Context, bench: Benchmark, given: int, computed: int) -> str:
    """Why the tables give `computed` (the figure placed, between which published percentiles
    of which year), and, when the year before's gives the dashboard's `given`, that the
    dashboard may have used that year's. Without a figure or thresholds: which year's
    published figures."""
    latest, before = bench.latest, bench.previous
    local = bench.use == "local" and bench.local_value is not None
    figure = bench.local_value if local else latest.area.value
    if figure is None or latest.thresholds is None:
        return f"the {latest.year} published figures for {bench.measure}"
    shown = _shown(ctx, figure)
    if not local:
        shown = f"{bench.area_name}'s published {latest.year} figure, {shown},"
    why = (
        f"{shown} is {_band(ctx, computed, latest.thresholds, bench.polarity)} "
        f"of the local authorities' {latest.year} figures for {bench.measure}"
    )
    if before is None or before.thresholds is None:
        return why
    if local:
        cut = tuple(float(t) for t in before.thresholds)
        earlier = quartile_of(float(figure), (cut[0], cut[1], cut[2]), bench.polarity)
        if earlier == given:
            band = _band(ctx, given, before.thresholds, bench.polarity)
            why += (
                f"; against their {before.year} figures it is {band}, quartile {given}, so the "
                "dashboard may have used the year before's thresholds"
            )
    elif before.quartile == given:
        why += (
            f"; {given} is {bench.area_name}'s {before.year} position, so the dashboard may "
            "give the year before's"
        )
    return why


def _average_problems(ctx: Context, bench: Benchmark) -> list[Problem]:
    """The dashboard's England and neighbour averages, at the indicator's places, when they
    are not the published ones of the year compared."""
    ind = ctx.indicator
    year = bench.latest.year
    problems: list[Problem] = []
    pairs = (
        ("england_average", "England average", ind.england_average, bench.latest.england.value),
        (
            "neighbour_average",
            "Most recent Statistical Neighbour average",
            ind.neighbour_average,
            bench.latest.neighbours,
        ),
    )
    for field, column, typed, published in pairs:
        if typed is None or published is None:
            continue
        if printed(ctx, typed) != printed(ctx, published):
            what = "England" if field == "england_average" else "statistical-neighbour"
            problems.append(
                Problem(
                    Severity.WARNING,
                    "benchmark-average-disagrees",
                    _where(ctx, field, column),
                    f"the dashboard's {what} average is {_shown(ctx, typed)}, but the national "
                    f"tables give {_shown(ctx, published)} for {year} ({bench.measure})",
                    _shown(ctx, typed),
                    f"{_shown(ctx, published)} ({year})",
                )
            )
    return problems


def _newer_problems(ctx: Context, bench: Benchmark) -> list[Problem]:
    """A warning when the tables hold a newer year for the area than the dashboard's latest
    period (the dashboard is behind)."""
    ind = ctx.indicator
    problems: list[Problem] = []
    end = period_end(ind.latest_period)
    from narrator.published import year_end

    newest_end = year_end(bench.newest)
    latest_end = year_end(bench.latest.year)
    behind = newest_end is not None and (
        (end is not None and newest_end > end)
        or (end is None and latest_end is not None and newest_end > latest_end)
    )
    if behind and bench.newest_figure.value is not None:
        shown = _shown(ctx, bench.newest_figure.value)
        period = ind.latest_period.label if ind.latest_period else "none"
        problems.append(
            Problem(
                Severity.WARNING,
                "national-newer",
                _where(ctx, "latest_period", "Latest Period"),
                f"the national tables hold {bench.newest} for {bench.area_name} ({shown}), "
                f"newer than the dashboard's latest period: the dashboard is behind "
                f"({bench.measure})",
                period,
                f"{bench.newest} ({shown})",
            )
        )
    return problems
