"""Consistency checks across a dashboard: what a careful reader would query before the
committee does. Each check is a function of one resolved indicator (or of all of them) that
returns Problems, located at the cell that is wrong; `CHECKS` lists them in one place.

Errors stop the build (the report would state something false); warnings are shown by
`narrator check` and put on the paragraph as a Word comment.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal

from narrator.context import Context
from narrator.errors import Location
from narrator.intake.located import problem as _problem
from narrator.intake.located import text as _text
from narrator.intake.period_checks import (
    cumulative_quarter,
    one_comparison_query,
    period_problems,
    report_period_mismatch,
    window_as_year_to_date,
    year_to_date_name,
)
from narrator.judgement import (
    comparison_judgement,
    direction_of,
    judgement_of,
    like_for_like,
    target_met,
)
from narrator.model import Direction, Judgement, Problem, Rag, Severity
from narrator.officer_files import Config, normalise_name
from narrator.units import Unit, places

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
    """RAG against the quartile RAG key (quartile and trend; config `rag_key: quartile`) and
    against the target."""
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
    return problems + rag_contradicts_target(ctx)


def rag_contradicts_target(ctx: Context) -> list[Problem]:
    """A Red rating on a met target, or a Green on a missed one (any RAG key)."""
    ind = ctx.indicator
    problems: list[Problem] = []
    met = target_met(ctx)
    if ind.rag is None:
        return problems
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


def unusable_denominator(ctx: Context) -> list[Problem]:
    """A count given with a denominator of 0 ("270 out of 0"), or without the denominator the
    other period's count has: queried, since neither can be right. The report then gives no
    counts for that period (a 0 denominator) or the count alone (a missing one). A row whose
    counts have no denominators at all ("(212 families)") is not queried."""
    ind = ctx.indicator
    problems = []
    for field, numerator, denominator, other in (
        ("denominator", ind.numerator, ind.denominator, ind.previous_denominator),
        ("previous_denominator", ind.previous_numerator, ind.previous_denominator, ind.denominator),
    ):
        if numerator is None:
            continue
        if denominator == 0:
            message = (
                f"a denominator of 0 with a count of {numerator}: the report leaves the counts out"
            )
        elif denominator is None and other:
            message = (
                f"no denominator for the count of {numerator}, though the other period's count "
                f"has one ({other}): the report gives the count alone"
            )
        else:
            continue
        problems.append(
            _problem(
                ctx,
                field,
                Severity.WARNING,
                "unusable-denominator",
                message,
                expected="the number the count is out of (more than 0)",
            )
        )
    return problems


def implausible_movement(ctx: Context) -> list[Problem]:
    """A movement too large to be believed without a look: a percentage moving by more than
    `rules.implausible_points` in one period (7.5% typed for 75%), any other figure growing or
    shrinking by more than `rules.implausible_factor` (only from 10 up: 1 to 6 is ordinary)."""
    ind = ctx.indicator
    if ind.latest is None or ind.previous is None or not like_for_like(ctx):
        return []
    settings = ctx.settings
    latest, previous = ind.latest, ind.previous
    before = _text(ctx, "previous") or str(previous)
    after = _text(ctx, "latest") or str(latest)
    if ctx.unit is Unit.PERCENTAGE:
        moved = abs(latest - previous)
        if moved <= settings.implausible_points or max(latest, previous) > 100:  # range error
            return []
        message = (
            f"the figure moves by {moved.normalize():f} percentage points in one period, from "
            f"{before} to {after}: more than rules.implausible_points "
            f"({settings.implausible_points})"
        )
    else:
        low, high = sorted((abs(latest), abs(previous)))
        if high < 10 or (low and high / low <= settings.implausible_factor):
            return []
        message = (
            f"the figure goes from {before} to {after}, more than "
            f"rules.implausible_factor ({settings.implausible_factor}) times larger or smaller"
        )
    return [
        _problem(
            ctx,
            "latest",
            Severity.WARNING,
            "implausible-movement",
            message,
            expected="a figure checked against its source (a slipped digit or decimal point?)",
        )
    ]


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
    written = ind.written_unit  # "£1.2m": a scale the catalogue must declare, or £1.2 is said
    if written in ("£k", "£m") and ctx.scale != written[1:]:
        problems.append(
            _problem(
                ctx,
                "latest" if texts["latest"] else "previous",
                Severity.ERROR,
                "scale-mismatch",
                f"the cells write money in {'thousands' if written == '£k' else 'millions'}, "
                "but the catalogue does not say so",
                expected=f"unit: money and scale: {written[1:]} in the catalogue",
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
    counts_disagree,
    unusable_denominator,
    period_problems,
    cumulative_quarter,
    window_as_year_to_date,
    implausible_movement,
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
        problems.extend(year_to_date_name(ctx))
        if config.rag_key == "quartile":
            problems.extend(rag_contradicts_key(ctx))
        else:
            problems.extend(rag_contradicts_target(ctx))
    problems.extend(duplicates(contexts))
    rated = [ctx for ctx in contexts if ctx.indicator.rag is not None]
    if rated and config.rag_key is None:
        problems.append(
            Problem(
                Severity.WARNING,
                "no-rag-key",
                Location(file=str(config.file)),
                f"the dashboard rates {len(rated)} indicator{'' if len(rated) == 1 else 's'} "
                "Red, Amber or Green but the config declares no rag_key: the appendix prints "
                "no key saying what the ratings mean",
                expected="rag_key: quartile, target, or the council's own "
                "(G: ..., A: ..., R: ...) in the config",
            )
        )
    return one_comparison_query(problems)
