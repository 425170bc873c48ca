"""Consistency checks across a dashboard: what a careful reader would query before the
committee does. Each check is a function of one resolved indicator (or of all of them) that
returns Problems, located at the cell that is wrong; `CHECKS` lists them in one place.

Errors stop the build (the report would state something false); warnings are shown by
`narrator check` and put on the paragraph as a Word comment.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal

from narrator.errors import Location
from narrator.intake.catalogue import normalise_name
from narrator.intake.columns import ALIASES
from narrator.intake.config import Config
from narrator.intake.resolve import Context
from narrator.judgement import (
    comparison_judgement,
    direction_of,
    judgement_of,
    period_relation,
    target_met,
)
from narrator.model import Direction, Judgement, Problem, Rag, Severity, Unit
from narrator.periods import PeriodKind, PeriodRelation
from narrator.quantity import places

# The RAG key printed on the dashboards (seeds 001-003): which ratings a quartile allows, and
# which need a trend: green in the second quartile needs an improving trend, red in the third
# a declining one.
_RAG_BY_QUARTILE: dict[int, frozenset[Rag]] = {
    1: frozenset({Rag.GREEN}),
    2: frozenset({Rag.GREEN, Rag.AMBER}),
    3: frozenset({Rag.AMBER, Rag.RED}),
    4: frozenset({Rag.RED}),
}
_WORDS = {Direction.INCREASE: "Increase", Direction.DECREASE: "Decrease"}
_WORDS[Direction.NO_CHANGE] = "No Change"


# The trend as the dashboards' RAG key words it ("high in the second quartile with an improving
# trend", "low in the third quartile with a declining trend").
_TREND_WORDS = {
    Judgement.IMPROVED: "an improving trend",
    Judgement.WORSENED: "a declining trend",
    Judgement.UNCHANGED: "no change",
}


def _where(ctx: Context, field: str) -> Location:
    """The cell a field came from; the row and the column's usual name when there is no cell."""
    cell = ctx.indicator.cells.get(field)
    if cell is not None:
        return cell.location
    row = ctx.indicator.row
    return Location(
        file=row.file,
        sheet=row.sheet,
        row=row.row,
        column=ALIASES.get(field, (field,))[0],
        indicator=ctx.name,
    )


def _text(ctx: Context, field: str) -> str | None:
    cell = ctx.indicator.cells.get(field)
    return cell.text if cell else None


def _problem(
    ctx: Context,
    field: str,
    severity: Severity,
    code: str,
    message: str,
    expected: str | None = None,
) -> Problem:
    return Problem(severity, code, _where(ctx, field), message, _text(ctx, field), expected)


def trend_contradicts_values(ctx: Context) -> list[Problem]:
    """The dashboard's Trend says one thing, the values another."""
    stated = ctx.indicator.trend
    actual = direction_of(ctx)
    if stated is None or actual is None or stated is actual:
        return []
    ind = ctx.indicator
    return [
        _problem(
            ctx,
            "trend",
            Severity.WARNING,
            "trend-contradicts-values",
            f"the Trend column says {_WORDS[stated]!r} but the values go from "
            f"{_text(ctx, 'previous') or ind.previous} to {_text(ctx, 'latest') or ind.latest}; "
            f"the report follows the values. If the dashboard treats small changes as no "
            f"change, set rules.no_change_points in the config",
            expected=repr(_WORDS[actual]),
        )
    ]


def rag_contradicts_key(ctx: Context) -> list[Problem]:
    """RAG against the RAG key (quartile and trend) and against the target."""
    ind = ctx.indicator
    if ind.rag is None:
        return []
    problems: list[Problem] = []
    direction = direction_of(ctx)
    judgement = (
        judgement_of(ind.polarity, direction)
        if direction
        else comparison_judgement(ind.polarity, ind.comparison)  # a single-period dashboard
    )
    if ind.quartile in _RAG_BY_QUARTILE:
        allowed = set(_RAG_BY_QUARTILE[ind.quartile])
        if ind.quartile == 2 and judgement is not Judgement.IMPROVED:
            allowed.discard(Rag.GREEN)
        if ind.quartile == 3 and judgement is not Judgement.WORSENED:
            allowed.discard(Rag.RED)
        if ind.rag not in allowed:
            trend = f" with {_TREND_WORDS[judgement]}" if judgement else ""
            problems.append(
                _problem(
                    ctx,
                    "rag",
                    Severity.WARNING,
                    "rag-contradicts-key",
                    f"RAG {ind.rag.name.capitalize()} does not fit the RAG key for quartile "
                    f"{ind.quartile}{trend}",
                    expected=" or ".join(sorted(r.name.capitalize() for r in allowed)),
                )
            )
    met = target_met(ctx)
    if (met is True and ind.rag is Rag.RED) or (met is False and ind.rag is Rag.GREEN):
        goal = ind.target.text if ind.target else ""
        state = "meets" if met else "misses"
        problems.append(
            _problem(
                ctx,
                "rag",
                Severity.WARNING,
                "rag-contradicts-target",
                f"RAG {ind.rag.name.capitalize()} but the latest value {state} the target {goal!r}",
                expected="Amber or Red" if not met else "Green or Amber",
            )
        )
    return problems


def _rounds_to(exact: Decimal, shown: Decimal) -> bool:
    """True when `exact` rounds to `shown` at `shown`'s own decimal places."""
    half = Decimal(5).scaleb(-(places(shown) + 1))
    return abs(exact - shown) <= half


def counts_disagree(ctx: Context) -> list[Problem]:
    """A percentage that is not its numerator over its denominator, after rounding."""
    ind = ctx.indicator
    if ctx.unit is not Unit.PERCENTAGE:
        return []
    problems = []
    pairs = (
        ("latest", ind.latest, "numerator", ind.numerator, "denominator", ind.denominator),
        (
            "previous",
            ind.previous,
            "previous_numerator",
            ind.previous_numerator,
            "previous_denominator",
            ind.previous_denominator,
        ),
    )
    for field, value, _, numerator, _, denominator in pairs:
        if value is None or numerator is None or not denominator:
            continue
        exact = numerator / denominator * 100
        if not _rounds_to(exact, value):
            problems.append(
                _problem(
                    ctx,
                    field,
                    Severity.WARNING,
                    "counts-disagree",
                    f"{numerator} out of {denominator} is {exact:.2f}%, which does not round to "
                    f"the {field} value",
                    expected=f"{exact.quantize(Decimal(1).scaleb(-max(places(value), 1)))}%",
                )
            )
    return problems


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
    frequency = ind.frequency.value if ind.frequency else "unstated"
    if relation is PeriodRelation.YEAR_ON_YEAR and ctx.entry and ctx.entry.comparison:
        return []  # the catalogue declares the year-on-year comparison deliberate
    if relation is PeriodRelation.YEAR_ON_YEAR and (
        ind.frequency is None or ind.frequency.months != 12
    ):
        return [
            _problem(
                ctx,
                "previous_period",
                Severity.WARNING,
                "period-year-on-year",
                f"a {frequency} indicator compared with the same period a year earlier "
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
                f"the previous period {prev} is not the one just before {latest} for a "
                f"{frequency} indicator: the paragraph names {prev}",
                expected="the period just before",
            )
        ]
    return []


def percentage_range(ctx: Context) -> list[Problem]:
    """A percentage must lie between 0 and 100."""
    if ctx.unit is not Unit.PERCENTAGE:
        return []
    ind = ctx.indicator
    problems = []
    for field in ("latest", "previous", "neighbour_average", "england_average"):
        value = getattr(ind, field)
        if value is not None and not Decimal(0) <= value <= Decimal(100):
            problems.append(
                _problem(
                    ctx,
                    field,
                    Severity.ERROR,
                    "percentage-out-of-range",
                    "a percentage outside 0 to 100",
                    expected="a value from 0 to 100",
                )
            )
    return problems


def unit_mismatch(ctx: Context) -> list[Problem]:
    """Cells of one row written in different units: a count marked "%", or a proportion
    (0.63) beside a percentage (63.3%)."""
    ind = ctx.indicator
    fields = ("latest", "previous", "neighbour_average", "england_average")
    texts = {f: _text(ctx, f) for f in fields}
    marked = {f for f, t in texts.items() if t and "%" in t}
    problems: list[Problem] = []
    if ctx.unit is Unit.COUNT and marked:
        field = sorted(marked)[0]
        problems.append(
            _problem(
                ctx,
                field,
                Severity.WARNING,
                "unit-mismatch",
                "the catalogue says this indicator is a count, but the cell has a % sign",
                expected="a count, or unit: percentage in the catalogue",
            )
        )
    pair = ("latest", "previous")
    if ctx.unit is Unit.PERCENTAGE and len(marked & set(pair)) == 1:
        (percent,) = marked & set(pair)
        (other,) = set(pair) - {percent}
        value, beside = getattr(ind, other), getattr(ind, percent)
        if value is not None and beside is not None and value < 1 <= 10 <= beside:
            problems.append(
                _problem(
                    ctx,
                    other,
                    Severity.WARNING,
                    "unit-mismatch",
                    f"looks like a proportion ({value}) beside a percentage "
                    f"({texts[percent]}) for the same indicator",
                    expected=f"a percentage, such as {value * 100}%",
                )
            )
    return problems


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
    if (
        latest.kind is PeriodKind.MONTH
        and report.kind is PeriodKind.QUARTER
        and not report.start_month_index() <= latest.end_month_index() <= report.end_month_index()
    ):
        return query(
            "period-not-report-quarter",
            f"the latest month {latest.canonical()} is not in the report's quarter "
            f"{report.canonical()}",
            f"a month of {report.canonical()}",
        )
    if latest.kind is PeriodKind.TERM and latest.end_month_index() < report.start_month_index() - 1:
        return query(
            "period-before-report",
            f"the latest term {latest.canonical()} ended before the term just before the "
            f"report period {report.canonical()}",
            f"the term overlapping {report.canonical()} or the one just before",
        )
    return []


def duplicates(contexts: list[Context]) -> list[Problem]:
    """The same indicator on two rows: an error on the second, naming the first; and a warning
    when the two rows give it different units."""
    seen: dict[str, Context] = {}
    problems = []
    for ctx in contexts:
        key = normalise_name(ctx.name)
        first = seen.get(key)
        if first is None:
            seen[key] = ctx
            continue
        problems.append(
            Problem(
                Severity.ERROR,
                "duplicate-indicator",
                ctx.indicator.row,
                f"the indicator appears twice: also at {first.indicator.row.describe()}",
                ctx.name,
                "each indicator once",
            )
        )
        if first.indicator.percent_sign != ctx.indicator.percent_sign:
            marked, plain = (first, ctx) if first.indicator.percent_sign else (ctx, first)
            problems.append(
                Problem(
                    Severity.WARNING,
                    "units-differ",
                    ctx.indicator.row,
                    f"the same indicator is a percentage at {marked.indicator.row.describe()} "
                    f"but has no % sign at {plain.indicator.row.describe()}",
                    ctx.name,
                    "the same unit on every row",
                )
            )
    return problems


CHECKS: tuple[Callable[[Context], list[Problem]], ...] = (
    trend_contradicts_values,
    rag_contradicts_key,
    counts_disagree,
    period_problems,
    percentage_range,
    unit_mismatch,
)


def consistency_problems(
    contexts: Iterable[Context], config: Config, *, source: str
) -> list[Problem]:
    """Every consistency problem found, indicator by indicator in dashboard order, then the
    checks across rows. `source` names the dashboard file (for problems with no cell)."""
    contexts = list(contexts)
    problems: list[Problem] = []
    for ctx in contexts:
        for check in CHECKS:
            problems.extend(check(ctx))
        problems.extend(report_period_mismatch(ctx, config))
    problems.extend(duplicates(contexts))
    return problems
