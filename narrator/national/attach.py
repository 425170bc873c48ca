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
from narrator.published import Benchmark
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
        how = (
            f"the latest figure placed against the {year} published quartile thresholds"
            if bench.use == "local"
            else f"{bench.area_name}'s published {year} figure ranked among local authorities"
        )
        problems.append(
            Problem(
                Severity.WARNING,
                "benchmark-quartile-disagrees",
                _where(ctx, "quartile", "National benchmark"),
                f"the dashboard's quartile is {ind.quartile}, but the national tables give "
                f"{bench.quartile} ({how}, {bench.measure})",
                str(ind.quartile),
                f"quartile {bench.quartile}",
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
