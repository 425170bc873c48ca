"""The rules: pure functions from an indicator's Context to Findings. No English here.

Every rule is listed once, in order, in `RULES`; the order is the order of sentences in a
paragraph. A rule returns a Finding (a phrase key plus typed values) or None when it has nothing
to say (no previous value, no quartile, no target...). Values may nest `Phrase`s: clauses (the
numerator/denominator, a comparison, a target) that the phrasebook words on their own.

Keys run from general to specific so the phrasebook can fall back: a phrase for
"travel.worsened.considerable" is looked up, then "travel.worsened", then "travel".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal

from narrator.intake.resolve import Context
from narrator.judgement import (
    comparison_judgement,
    direction_of,
    judgement_of,
    period_relation,
    printed,
    target_met,
)
from narrator.model import (
    Comparison,
    Direction,
    Finding,
    TargetKind,
    Unit,
)
from narrator.periods import Period, PeriodKind, PeriodRelation
from narrator.quantity import Measure, Quantity, places


@dataclass(frozen=True)
class Phrase:
    """A clause for the phrasebook to word: a key and its values (which may nest Phrases)."""

    key: str
    values: dict[str, object]


@dataclass(frozen=True)
class PeriodRef:
    """A period as prose will name it.

    show_year: say the year even for a quarter ("Quarter 1 2023/24") because it is not the
               report's own year or not the period just before.
    year_type: "academic" or "financial" for split years; None when the catalogue is silent.
    """

    period: Period
    show_year: bool
    year_type: str | None = None


# --- measures --------------------------------------------------------------------------------

_UNIT_MEASURE = {
    Unit.PERCENTAGE: Measure.PERCENT,
    Unit.COUNT: Measure.COUNT,
    Unit.RATE: Measure.RATE,
    Unit.SCORE: Measure.SCORE,
}


def figure(ctx: Context, value: Decimal) -> Quantity:
    """A value of the indicator, in its unit and declared precision."""
    per = ctx.entry.per if ctx.entry else None
    return Quantity(value, _UNIT_MEASURE[ctx.unit], ctx.decimals, per)


def difference(ctx: Context, a: Decimal, b: Decimal) -> Quantity:
    """|a - b| between printed values: percentage points for percentages."""
    measure = Measure.POINTS if ctx.unit is Unit.PERCENTAGE else _UNIT_MEASURE[ctx.unit]
    per = ctx.entry.per if ctx.entry else None
    return Quantity(abs(printed(ctx, a) - printed(ctx, b)), measure, ctx.decimals, per)


def count(value: Decimal) -> Quantity:
    return Quantity(value, Measure.COUNT, 0)


# --- periods ---------------------------------------------------------------------------------


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
    return PeriodRef(period, show, _year_type(ctx))


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
    return PeriodRef(ind.previous_period, show, _year_type(ctx))


# --- clauses ---------------------------------------------------------------------------------


def counts_phrase(ctx: Context, *, previous: bool = False) -> Phrase | None:
    """ "(44 out of 93 young people)" or "(541 children)"; None when the data has no counts."""
    ind = ctx.indicator
    numerator = ind.previous_numerator if previous else ind.numerator
    denominator = ind.previous_denominator if previous else ind.denominator
    if numerator is None:
        return None
    values: dict[str, object] = {"numerator": count(numerator), "noun": ctx.noun}
    if denominator is None:
        return Phrase("counts.only", values)
    return Phrase("counts.of", {**values, "denominator": count(denominator)})


# --- the rules -------------------------------------------------------------------------------


def level(ctx: Context) -> Finding:
    """The latest figure, its period and its counts; "level.missing" when there is no figure."""
    ind = ctx.indicator
    values: dict[str, object] = {
        "period": latest_period_ref(ctx),
        "counts": counts_phrase(ctx),
    }
    if ind.latest is None:
        return Finding("level", "level.missing", values)
    values["value"] = figure(ctx, ind.latest)
    return Finding("level", f"level.{ctx.unit.value}", values)


def _relative(ctx: Context) -> Quantity | None:
    ind = ctx.indicator
    if ind.latest is None or ind.previous is None:
        return None
    previous = printed(ctx, ind.previous)
    if previous == 0:
        return None
    change = abs(printed(ctx, ind.latest) - previous) / abs(previous) * 100
    return Quantity(change, Measure.RELATIVE, ctx.settings.relative_decimals)


def relative_change(ctx: Context) -> Quantity | None:
    """|latest - previous| / previous as a percentage of the printed values; None for
    percentages (which change in points) and when the previous value is zero or missing."""
    if ctx.unit is Unit.PERCENTAGE:
        return None
    return _relative(ctx)


@dataclass(frozen=True)
class SizeBasis:
    """What a change's size word was decided on, for `narrator explain`.

    amount: the change measured for sizing (percentage points, or a relative change in per
            cent); None when it cannot be measured (a relative change from zero), which sizes
            as "moderate".
    bands:  (setting name, upper limit) for slight, small and moderate, in order; beyond the
            last the change is "considerable".
    """

    amount: Decimal | None
    points: bool
    bands: tuple[tuple[str, Decimal], ...]
    size: str


def size_basis(ctx: Context) -> SizeBasis:
    """The size of the change between previous and latest (both must be present), by the
    declared thresholds, with what it was measured on."""
    settings = ctx.settings
    ind = ctx.indicator
    assert ind.latest is not None and ind.previous is not None
    small_base = max(printed(ctx, ind.latest), printed(ctx, ind.previous))
    points = ctx.unit is Unit.PERCENTAGE and small_base >= settings.relative_below_points
    if points:
        amount: Decimal | None = difference(ctx, ind.latest, ind.previous).value
    else:
        rel = _relative(ctx)
        amount = rel.value if rel else None
    suffix = "points" if points else "relative"
    names = [f"{band}_{suffix}" for band in ("slight", "small", "moderate")]
    bands = tuple((name, getattr(settings, name)) for name in names)
    size = "moderate" if amount is None else "considerable"
    if amount is not None:
        for band, (_, limit) in zip(("slight", "small", "moderate"), bands, strict=True):
            if amount <= limit:
                size = band
                break
    return SizeBasis(amount, points, bands, size)


def size_of(ctx: Context) -> str:
    """ "slight", "small", "moderate" or "considerable", by the declared thresholds."""
    return size_basis(ctx).size


def travel(ctx: Context) -> Finding | None:
    """Direction of travel since the previous period, judged by polarity.

    Keys: travel.<judgement>.<size> with a polarity ("travel.improved.slight",
    "travel.unchanged"); travel.<direction>.<size> without one ("travel.increase.small",
    "travel.no_change"); "travel.no_previous" when the previous period has no figure.
    None when there is neither a previous value nor a previous period.
    """
    ind = ctx.indicator
    previous_ref = previous_period_ref(ctx)
    if ind.previous is None or ind.latest is None:
        if ind.previous_period is not None and ind.latest is not None:
            return Finding("travel", "travel.no_previous", {"previous_period": previous_ref})
        return None
    direction = direction_of(ctx)
    assert direction is not None
    judgement = judgement_of(ind.polarity, direction)
    rel = period_relation(ctx)
    values: dict[str, object] = {
        "direction": direction.value,
        "judgement": judgement.value if judgement else None,
        "previous": figure(ctx, ind.previous),
        "previous_period": previous_ref,
        "previous_counts": counts_phrase(ctx, previous=True),
        "relation": rel.value if rel else None,
    }
    if direction is Direction.NO_CHANGE:
        key = "travel.unchanged" if judgement else "travel.no_change"
        return Finding("travel", key, values)
    size = size_of(ctx)
    values |= {
        "size": size,
        "change": difference(ctx, ind.latest, ind.previous),
        "relative": relative_change(ctx),
        "change_noun": ctx.noun if ctx.unit is Unit.COUNT else None,
    }
    head = judgement.value if judgement else direction.value
    return Finding("travel", f"travel.{head}.{size}", values)


def compared(ctx: Context) -> Finding | None:
    """A single-period dashboard's comparison word, when it gives no previous figure.

    Keys: "compared.better", "compared.worse", "compared.similar", "compared.same" (the
    dashboard's own judgement), "compared.new" (nothing earlier to compare with),
    "compared.higher" / "compared.lower" (a direction: with no polarity, no judgement), and
    "compared.higher.improved" ... "compared.lower.worsened" when a polarity judges the
    direction. `period_kind` is the latest period's kind ("quarter", "year", ...) so that "new"
    can say "this quarter" only of a quarter. None when there is no word, or a previous
    figure (then `travel` speaks), or no latest figure.
    """
    ind = ctx.indicator
    word = ind.comparison
    if word is None or ind.previous is not None or ind.latest is None:
        return None
    period = ind.latest_period
    values: dict[str, object] = {
        "word": word.value,
        "judgement": None,
        "period_kind": period.kind.value if period else None,
    }
    key = f"compared.{word.value}"
    if word in (Comparison.HIGHER, Comparison.LOWER):
        judgement = comparison_judgement(ind.polarity, word)
        if judgement is not None:
            values["judgement"] = judgement.value
            key += f".{judgement.value}"
    return Finding("compared", key, values)


def quartile(ctx: Context) -> Finding | None:
    """National quartile and its movement.

    Keys: "quartile.up" / "quartile.down" (moved; 1 is top), "quartile.same", and
    "quartile.placed" when the previous quartile is not known. With no latest figure for
    "This places ..." to follow (the quartile is then the published benchmark's), the same
    under "quartile.without_figure" ("quartile.without_figure.up", ...; placed is the bare
    key). None without a quartile.
    """
    ind = ctx.indicator
    if ind.quartile is None:
        return None
    values: dict[str, object] = {"quartile": ind.quartile, "previous_quartile": None}
    head = "quartile.without_figure." if ind.latest is None else "quartile."
    if ind.previous_quartile is None:
        return Finding("quartile", head + "placed", values)
    values["previous_quartile"] = ind.previous_quartile
    if ind.quartile == ind.previous_quartile:
        return Finding("quartile", head + "same", values)
    moved = "up" if ind.quartile < ind.previous_quartile else "down"
    return Finding("quartile", head + moved, values)


def _comparison(ctx: Context, average: Decimal) -> tuple[str, Quantity]:
    assert ctx.indicator.latest is not None
    latest, other = printed(ctx, ctx.indicator.latest), printed(ctx, average)
    position = "above" if latest > other else "below" if latest < other else "same"
    return position, difference(ctx, latest, other)


def comparators(ctx: Context) -> Finding | None:
    """The latest figure against the England and statistical-neighbour averages.

    Each comparison is a Phrase "compare.<above|below|same>" with `group` "england" or
    "neighbours"; when both averages are the same figure, one Phrase with group "both".
    None when there is no latest figure or no average.
    """
    ind = ctx.indicator
    if ind.latest is None:
        return None
    groups = [("england", ind.england_average), ("neighbours", ind.neighbour_average)]
    present = [(g, avg) for g, avg in groups if avg is not None]
    if not present:
        return None
    if len(present) == 2 and printed(ctx, present[0][1]) == printed(ctx, present[1][1]):
        present = [("both", present[0][1])]
    items = []
    for group, average in present:
        position, gap = _comparison(ctx, average)
        items.append(
            Phrase(
                f"compare.{position}",
                {"group": group, "gap": gap, "average": figure(ctx, average)},
            )
        )
    return Finding("comparators", "comparators", {"items": items})


def target(ctx: Context) -> Finding | None:
    """Whether the latest figure meets the dashboard's target: "target.met" / "target.missed".

    A ">" target is met only strictly above its value, ">=" at or above (likewise "<", "<=").
    None when there is no target, no latest figure, or (for "Increase"/"Reduce") no previous.
    """
    met = target_met(ctx)
    if met is None:
        return None
    goal = ctx.indicator.target
    assert goal is not None
    values: dict[str, object] = {"kind": goal.kind.name.lower()}
    if goal.value is not None:
        # A target is a threshold: printed to at least its own places, never rounded to the
        # indicator's (92.1% does not "meet the target of more than 92.1%" when it is 92.05%).
        shown = max(ctx.decimals, places(goal.value.normalize()))
        values["value"] = replace(figure(ctx, goal.value), decimals=shown)
    clause = Phrase(f"goal.{goal.kind.name.lower()}", values)
    return Finding("target", "target.met" if met else "target.missed", {"goal": clause})


@dataclass(frozen=True)
class Rule:
    """A registered rule: its name, its function, and the keys it can produce (for checking
    the phrasebook when it loads)."""

    name: str
    apply: Callable[[Context], Finding | None]
    keys: tuple[str, ...]
    provides: tuple[str, ...]


_SIZES = ("slight", "small", "moderate", "considerable")

RULES: tuple[Rule, ...] = (
    Rule(
        "level",
        level,
        (*(f"level.{u.value}" for u in Unit), "level.missing"),
        ("period", "counts", "value"),
    ),
    Rule(
        "travel",
        travel,
        (
            *(
                f"travel.{h}.{s}"
                for h in ("improved", "worsened", "increase", "decrease")
                for s in _SIZES
            ),
            "travel.unchanged",
            "travel.no_change",
            "travel.no_previous",
        ),
        (
            "direction",
            "judgement",
            "previous",
            "previous_period",
            "previous_counts",
            "relation",
            "size",
            "change",
            "relative",
            "change_noun",
        ),
    ),
    Rule(
        "compared",
        compared,
        (
            *(f"compared.{w.value}" for w in Comparison),
            *(f"compared.{w}.{j}" for w in ("higher", "lower") for j in ("improved", "worsened")),
        ),
        ("word", "judgement", "period_kind"),
    ),
    Rule(
        "quartile",
        quartile,
        ("quartile.up", "quartile.down", "quartile.same", "quartile.placed"),
        ("quartile", "previous_quartile"),
    ),
    Rule("comparators", comparators, ("comparators",), ("items",)),
    Rule("target", target, ("target.met", "target.missed"), ("goal",)),
)

# Clause keys rules may nest inside their values, with the values each provides.
CLAUSES: dict[str, tuple[str, ...]] = {
    "counts.of": ("numerator", "denominator", "noun"),
    "counts.only": ("numerator", "noun"),
    **{f"compare.{p}": ("group", "gap", "average") for p in ("above", "below", "same")},
    **{f"goal.{k.name.lower()}": ("kind", "value") for k in TargetKind},
}


def apply_rules(ctx: Context) -> list[Finding]:
    """Every rule's finding for one indicator, in paragraph order, skipping rules with none."""
    findings = []
    for rule in RULES:
        finding = rule.apply(ctx)
        if finding is not None:
            findings.append(finding)
    return findings


# --- report-level rules ----------------------------------------------------------------------


def quartile_summary(contexts: list[Context]) -> Finding:
    """How many measures are reported, how many have a national quartile, and how many sit in
    each quartile. Parts are Phrases "summary.part" for quartiles with at least one measure.
    Key "summary.quartiles", or "summary.quartiles.none" when no measure has a quartile."""
    quartiles = [c.indicator.quartile for c in contexts if c.indicator.quartile is not None]
    parts = [
        Phrase("summary.part", {"count": quartiles.count(q), "position": q})
        for q in (1, 2, 3, 4)
        if quartiles.count(q)
    ]
    values: dict[str, object] = {
        "total": len(contexts),
        "benchmarked": len(quartiles),
        "parts": parts,
    }
    key = "summary.quartiles" if quartiles else "summary.quartiles.none"
    return Finding("summary", key, values)


REPORT_RULES: tuple[Rule, ...] = (
    Rule(
        "summary",
        lambda ctx: None,  # report-level: applied by quartile_summary over all indicators
        ("summary.quartiles", "summary.quartiles.none"),
        ("total", "benchmarked", "parts"),
    ),
)
CLAUSES["summary.part"] = ("count", "position")
