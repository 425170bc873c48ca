"""The rules: pure functions from an indicator's Context to Findings. No English here.

Every rule is listed once, in order, in `RULES`; the order is the order of sentences in a
paragraph. A rule returns a Finding (narrator.language.findings: its typed fact, the values its
phrase may print and its phrase key) or None when it has nothing to say (no previous value, no
quartile, no target...). The planner decides on the fact; the key is only where the realiser
finds the wording. Values may nest `Clause`s (the numerator/denominator, a comparison, a target)
that the phrasebook words on their own.

Keys run from general to specific so the phrasebook can fall back: a part for
"travel.worsened.considerable" is looked up, then "travel.worsened", then "travel".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal

from narrator.context import Context
from narrator.judgement import (
    definition_crossed,
    direction_of,
    judgement_of,
    part_year_total,
    period_relation,
    printed,
    target_margin,
    target_met,
)
from narrator.language.comparator import (
    COMPARATOR_KEYS,
    MISSING_KEYS,
    comparator_quartile,
)
from narrator.language.compared import compared
from narrator.language.findings import (
    AverageComparison,
    Change,
    ChangeKind,
    Clause,
    CountChange,
    CountRelation,
    Finding,
    LatestFigure,
    Movement,
    QuartilePosition,
    TargetResult,
)
from narrator.language.history_rules import HISTORY_RULES
from narrator.language.measures import count, difference, figure, unit_in_subject, word_unit
from narrator.language.national_rules import COMPARE_VALUES, NATIONAL_RULES
from narrator.language.period_refs import PeriodRef, latest_period_ref, previous_period_ref
from narrator.language.sizes import (
    never_small,
    people_moved,
    relative_change,
    size_basis,
    size_of,
    size_table,
)
from narrator.model import Comparison, Direction, Judgement, TargetKind
from narrator.quantity import Quantity
from narrator.units import Unit, places

# --- clauses ---------------------------------------------------------------------------------


def counts_phrase(ctx: Context, *, previous: bool = False) -> Clause | None:
    """ "(44 out of 93 young people)" or "(541 children)"; None when the data has no counts,
    or a denominator of 0 (no count is out of nothing: `check` queries it)."""
    ind = ctx.indicator
    numerator = ind.previous_numerator if previous else ind.numerator
    denominator = ind.previous_denominator if previous else ind.denominator
    if numerator is None or denominator == 0:
        return None
    values: dict[str, object] = {"numerator": count(numerator), "noun": ctx.noun}
    if denominator is None:
        return Clause("counts.only", values)
    return Clause("counts.of", {**values, "denominator": count(denominator)})


# --- the rules -------------------------------------------------------------------------------


def level(ctx: Context) -> Finding:
    """The latest figure, its period and its counts; "level.missing" when there is no figure.
    `plural`: the catalogue says the subject is plural (the phrasebook says "were")."""
    ind = ctx.indicator
    values: dict[str, object] = {
        "period": latest_period_ref(ctx),
        "counts": counts_phrase(ctx),
        "plural": ctx.entry is not None and ctx.entry.plural,
    }
    if ind.latest is None:
        reason = ind.missing_reason  # "annual": the dashboard said why ("Annual Indicator")
        key = f"level.missing.{reason}"
        key = key if key in MISSING_KEYS else "level.missing"
        return Finding("level", key, values, LatestFigure(False))
    values["value"] = figure(ctx, ind.latest)
    return Finding("level", f"level.{ctx.unit.value}", values, LatestFigure(True))


def _counts_travel(ctx: Context, previous_ref: PeriodRef | None) -> Finding | None:
    """No previous figure, but both counts behind it: the count's own movement ("284
    children, up from 273 at the end of March 2020"), with no judgement (a count may move
    against its rate)."""
    ind = ctx.indicator
    if ind.numerator is None or ind.previous_numerator is None or ctx.unit is Unit.COUNT:
        return None
    if ind.numerator == ind.previous_numerator:
        direction = Direction.NO_CHANGE
    else:
        rising = ind.numerator > ind.previous_numerator
        direction = Direction.INCREASE if rising else Direction.DECREASE
    values: dict[str, object] = {
        "direction": direction.value,
        "numerator": count(ind.numerator),
        "previous_numerator": count(ind.previous_numerator),
        "previous_period": previous_ref,
    }
    fact = Change(ChangeKind.COUNTS_ONLY, direction)
    return Finding("travel", f"travel.counts.{direction.value}", values, fact)


def _unlike_travel(ctx: Context, previous_ref: PeriodRef | None) -> Finding:
    """A part year against a full year: both figures said plainly, no direction or judgement."""
    ind = ctx.indicator
    assert ind.previous is not None
    values: dict[str, object] = {
        "previous": figure(ctx, ind.previous, bare=True),
        "previous_period": previous_ref,
        "previous_counts": counts_phrase(ctx, previous=True),
    }
    months = ind.latest_period.months if ind.latest_period else None
    whole = ind.previous_period is not None and ind.previous_period.months == 12
    declared = ctx.entry is not None and ctx.entry.part_year == "pro_rata"
    if declared and months and whole and ind.latest is not None:
        # pro rata: the total so far scaled to twelve months, set beside the full year
        projected = printed(ctx, printed(ctx, ind.latest) * 12 / months)
        previous = printed(ctx, ind.previous)
        direction = (
            Direction.NO_CHANGE
            if projected == previous
            else Direction.INCREASE
            if projected > previous
            else Direction.DECREASE
        )
        values |= {"projected": figure(ctx, projected, bare=True), "direction": direction.value}
        fact = Change(ChangeKind.PRO_RATA, direction)
        return Finding("travel", f"travel.pro_rata.{direction.value}", values, fact)
    return Finding("travel", "travel.unlike", values, Change(ChangeKind.UNLIKE))


def travel(ctx: Context) -> Finding | None:
    """Direction of travel since the previous period, judged by polarity.

    Keys: travel.<judgement>.<size> with a polarity ("travel.improved.slight");
    travel.<direction>.<size> without one ("travel.increase.small"); "travel.unchanged" for no
    change, with or without one; "travel.no_previous" when the previous period has no figure;
    "travel.not_comparable" when the catalogue declares a definition change between the two
    periods (no direction or judgement is made across it; `reason` says why).
    None when there is neither a previous value nor a previous period.
    """
    ind = ctx.indicator
    previous_ref = previous_period_ref(ctx)
    if ind.previous is not None and ind.latest is not None and definition_crossed(ctx):
        assert ctx.entry is not None and ctx.entry.definition_change is not None
        change = ctx.entry.definition_change
        values_nc: dict[str, object] = {
            "previous": figure(ctx, ind.previous),
            "previous_period": previous_ref,
            "previous_counts": counts_phrase(ctx, previous=True),
            "reason": change.reason,
            "since": PeriodRef(change.since, True, ctx.entry.year_type, ctx.flow),
        }
        fact = Change(ChangeKind.NOT_COMPARABLE)
        return Finding("travel", "travel.not_comparable", values_nc, fact)
    if ind.previous is None or ind.latest is None:
        if ind.previous_period is not None and ind.latest is not None:
            counted = _counts_travel(ctx, previous_ref)
            if counted is not None:
                return counted
            values_np: dict[str, object] = {"previous_period": previous_ref}
            return Finding(
                "travel", "travel.no_previous", values_np, Change(ChangeKind.NO_PREVIOUS)
            )
        return None
    direction = direction_of(ctx)
    if direction is None:  # unlike periods: a part year against a full year
        return _unlike_travel(ctx, previous_ref)
    judgement = judgement_of(ind.polarity, direction)
    rel = period_relation(ctx)
    values: dict[str, object] = {
        "direction": direction.value,
        "judgement": judgement.value if judgement else None,
        "previous": figure(ctx, ind.previous, bare=True),
        "previous_period": previous_ref,
        "previous_counts": counts_phrase(ctx, previous=True),
        "relation": rel.value if rel else None,
    }
    fact = Change(ChangeKind.MEASURED, direction, judgement)
    if direction is Direction.NO_CHANGE:
        return Finding("travel", "travel.unchanged", values, fact)
    people = people_moved(ctx)
    # one or two people are said as people, not sized; a statutory duty's change is never small
    size = "moderate" if people is not None else never_small(ctx, size_of(ctx))
    moved = difference(ctx, ind.latest, ind.previous)
    relative = None if people is not None else relative_change(ctx)
    # a count's or plain score's difference says what it counts ("4.8 people"): its unit
    noun = ctx.noun if ctx.unit in (Unit.COUNT, Unit.SCORE) and not word_unit(ctx) else None
    if relative is not None and noun is None and _says_nothing(moved):
        # nothing to say it in ("an increase of 0.6" of a ratio): its relative size is the
        # change ("an increase of 9.7%"), the previous figure beside it
        moved, relative = replace(relative, rising=None), None
    values |= {
        "people": people,
        "noun_one": ctx.noun if people == 1 else None,
        "size": size,
        "change": moved,
        "relative": relative,
        "change_noun": noun,
    }
    head = judgement.value if judgement else direction.value
    return Finding("travel", f"travel.{head}.{size}", values, fact)


def _says_nothing(change: Quantity) -> bool:
    """Whether a difference prints as a bare number: its unit needs a word after it
    (`UnitSpec.needs_word`) and it has none, nor a subject that names it ("the number of
    weeks")."""
    return change.unit.spec.needs_word and change.word is None and not change.bare


def count_change(ctx: Context) -> Finding | None:
    """The count behind a percentage, when it says what the percentage does not:
    "count_change.against" when it moved the other way (seed 004 para 15), "count_change.behind"
    when the percentage is so small its change is sized relatively (para 33: the count carries
    the size). None when the counts have a denominator (the brackets show the base moving),
    either period lacks a count or figure, the count did not change, or across a definition
    change.
    """
    ind = ctx.indicator
    if ctx.unit is not Unit.PERCENTAGE or definition_crossed(ctx):
        return None
    if ind.latest is None or ind.previous is None:
        return None
    if ind.numerator is None or ind.previous_numerator is None:
        return None
    if ind.denominator is not None or ind.previous_denominator is not None:
        return None
    if ind.numerator == ind.previous_numerator:
        return None
    moved = Direction.INCREASE if ind.numerator > ind.previous_numerator else Direction.DECREASE
    rate = direction_of(ctx)
    values: dict[str, object] = {
        "numerator": count(ind.numerator),
        "previous_numerator": count(ind.previous_numerator),
        "count_direction": moved.value,
        "rate_direction": rate.value if rate else None,
    }
    if rate in (Direction.INCREASE, Direction.DECREASE) and rate is not moved:
        fact = CountChange(CountRelation.AGAINST)
        return Finding("count_change", "count_change.against", values, fact)
    if rate is not Direction.NO_CHANGE and not size_basis(ctx).points:
        fact = CountChange(CountRelation.BEHIND)
        return Finding("count_change", "count_change.behind", values, fact)
    return None


def quartile(ctx: Context) -> Finding | None:
    """National quartile and its movement.

    Keys: "quartile.up" / "quartile.down" (moved; 1 is top), "quartile.same", and
    "quartile.placed" when the previous quartile is not known. With no latest figure for
    "This places ..." to follow (the quartile is then the published benchmark's), the same
    under "quartile.without_figure" ("quartile.without_figure.up", ...; placed is the bare
    key). None without a quartile.
    """
    ind = ctx.indicator
    bench = ctx.benchmark
    if ind.quartile is None or (
        bench is not None and (bench.quartile is not None or not bench.has_quartile)
    ):
        # with a computed quartile national_quartile says it; where LAIT shows none, neither
        # does the paragraph (check queries the dashboard's)
        return None
    values: dict[str, object] = {"quartile": ind.quartile, "previous_quartile": None}
    with_figure = ind.latest is not None
    head = "quartile." if with_figure else "quartile.without_figure."
    previous = ind.previous_quartile
    if previous is None:
        movement = Movement.PLACED
    elif ind.quartile == previous:
        movement = Movement.SAME
    else:
        movement = Movement.UP if ind.quartile < previous else Movement.DOWN
    values["previous_quartile"] = previous
    fact = QuartilePosition(ind.quartile, previous, movement, with_figure)
    return Finding("quartile", head + movement.value, values, fact)


def in_line_tolerance(ctx: Context) -> tuple[Decimal, bool]:
    """(how close to an average is "in line with" it, whether that is relative: per cent of
    the average rather than points or units), the catalogue's `in_line` first."""
    if ctx.entry is not None and ctx.entry.in_line is not None:
        return ctx.entry.in_line, False
    if ctx.unit is Unit.PERCENTAGE:
        return ctx.settings.in_line_points, False
    return ctx.settings.in_line_relative, True


def _comparison(ctx: Context, average: Decimal) -> tuple[str, Quantity]:
    assert ctx.indicator.latest is not None
    latest, other = printed(ctx, ctx.indicator.latest), printed(ctx, average)
    gap = difference(ctx, latest, other)
    tolerance, relative = in_line_tolerance(ctx)
    measured = gap.value / abs(other) * 100 if relative and other else gap.value
    if latest != other and tolerance and measured <= tolerance:
        return "in_line", gap
    position = "above" if latest > other else "below" if latest < other else "same"
    return position, gap


# the values only the national tables' comparisons give (national_rules.COMPARE_VALUES)
_NONE: dict[str, object] = {"year": None, "used": None, "total": None}


def comparators(ctx: Context) -> Finding | None:
    """The latest figure against the England and statistical-neighbour averages.

    Each comparison is a Clause "compare.<above|below|same>" with `group` "england" or
    "neighbours"; when both averages are the same figure, one Clause with group "both".
    None when there is no latest figure or no average.
    """
    ind = ctx.indicator
    if ind.latest is None or ctx.benchmark is not None:
        return None  # with national tables, national_averages says it
    groups = [("england", ind.england_average), ("neighbours", ind.neighbour_average)]
    present = [(g, avg) for g, avg in groups if avg is not None]
    if not present:
        return None
    if len(present) == 2 and printed(ctx, present[0][1]) == printed(ctx, present[1][1]):
        present = [("both", present[0][1])]
    if part_year_total(ctx):  # so far this year beside a whole year's average: said only
        items = [
            Clause(
                "compare.stated",
                {"group": group, "average": figure(ctx, average, bare=True)} | _NONE,
            )
            for group, average in present
        ]
        stated = AverageComparison(stated=True)
        return Finding("comparators", "comparators.stated", {"items": items}, stated)
    items = []
    for group, average in present:
        position, gap = _comparison(ctx, average)
        items.append(
            Clause(
                f"compare.{position}",
                {"group": group, "gap": gap, "average": figure(ctx, average, bare=True)} | _NONE,
            )
        )
    return Finding("comparators", "comparators", {"items": items}, AverageComparison())


def target(ctx: Context) -> Finding | None:
    """Whether the latest figure meets the dashboard's target: "target.met" / "target.missed".

    A ">" target is met only strictly above its value, ">=" at or above (likewise "<", "<=").
    None when there is no target, no latest figure, or (for "Increase"/"Reduce") no previous.
    """
    met = target_met(ctx)
    goal = ctx.indicator.target
    stated = met is None and goal is not None and goal.value is not None and part_year_total(ctx)
    if met is None and not stated:
        return None
    assert goal is not None
    values: dict[str, object] = {"kind": goal.kind.name.lower()}
    if goal.value is not None:
        # A target is a threshold: printed to the places the dashboard wrote it, whatever the
        # places of the figures (declared or not): never rounded to the indicator's (92.1%
        # does not "meet the target of more than 92.1%" when it is 92.05%), never padded to
        # them ("90%" stays "90%", not "90.0%", as in the appendix). A rate's base was said
        # with the figure.
        quantity = figure(ctx, goal.value, bare=ctx.unit is Unit.RATE)
        values["value"] = replace(quantity, decimals=places(goal.value))
    clause = Clause(f"goal.{goal.kind.name.lower()}", values)
    if stated:  # a total so far this year beside what may be a whole year's target: said only
        stated_values: dict[str, object] = {"goal": clause, "value": None, "exact": False}
        return Finding("target", "target.stated", stated_values, TargetResult(goal.kind, None))
    key = "target.met" if met else "target.missed"
    margin, status = target_margin(ctx), _status_word(ctx)
    # the threshold alone, for "below the 54% target", and whether the figure is exactly on it
    # ("meeting its target of 90%", not "above" it); None for a target with no figure
    latest = ctx.indicator.latest
    exact = goal.value is not None and latest is not None and printed(ctx, latest) == goal.value
    said: dict[str, object] = {"goal": clause, "value": values.get("value"), "exact": exact}
    said |= {"margin": _margin(ctx, margin), "status": status}
    return Finding("target", key, said, TargetResult(goal.kind, bool(met), margin, status))


def _margin(ctx: Context, margin: Decimal | None) -> Quantity | Clause | None:
    """The margin as printed, said the way the change is (issue 23: every difference with its
    unit): points for a percentage ("by 2.2 percentage points"), else the figure's unit and word
    ("by 0.4 per 1,000", "by £26k", "by 2 days"); a count's or plain score's with the noun it
    counts, a margin of one or two said as people ("by 24 incidents", "by one incident": the
    `margin.counted` clause). With nothing to say it in (a ratio; a count with no noun) it is
    said by its size relative to the target ("by 2.0%"), as such a change is by its relative
    size; None where there is no margin, or no unit and a target of zero to measure it from."""
    if margin is None:
        return None
    unit = Unit.POINTS if ctx.unit is Unit.PERCENTAGE else ctx.unit
    # a difference always has its unit (issue 23): "by 38.9 per 100,000", never a bare "by 38.9"
    bare = unit_in_subject(ctx) and ctx.unit is not Unit.RATE
    said = Quantity(abs(margin), unit, places(margin), ctx.per, word_unit(ctx), bare)
    if not _says_nothing(said):
        return said
    if ctx.noun is not None:
        n = said.rounded
        few = n == n.to_integral_value() and n <= size_table(ctx).people_up_to
        people = int(n) if few else None
        values = {"change": said, "noun": ctx.noun, "people": people}
        return Clause("margin.counted", values | {"noun_one": ctx.noun if people == 1 else None})
    goal = ctx.indicator.target.value if ctx.indicator.target is not None else None
    if not goal:
        return None  # nothing to measure it from: the figure and the target say it
    relative = abs(margin) / abs(goal) * 100
    return Quantity(relative, Unit.RELATIVE, ctx.settings.relative_decimals)


def _status_word(ctx: Context) -> str | None:
    """The council's status word as written ("Achieved", "Target slightly missed (within
    10%)") when it rates the target (a RAG the dashboard maps it to); None for none, for a bare
    letter ("G") and for a word that rates nothing ("Data only")."""
    cell = ctx.indicator.cells.get("rag")
    if cell is None or ctx.indicator.rag is None:
        return None
    text = " ".join(cell.text.split())
    return text if len(text) > 1 else None


@dataclass(frozen=True)
class Rule:
    """A registered rule: its name, its function, and the keys it can produce (for checking
    the phrasebook when it loads)."""

    name: str
    apply: Callable[[Context], Finding | None]
    keys: tuple[str, ...]
    provides: tuple[str, ...]


_SIZES = ("slight", "small", "moderate", "considerable")


def _national(name: str) -> Rule:
    apply, keys, provides = NATIONAL_RULES[name]
    return Rule(name, apply, keys, provides)


def _history(name: str) -> Rule:
    apply, keys, provides = HISTORY_RULES[name]
    return Rule(name, apply, keys, provides)


RULES: tuple[Rule, ...] = (
    Rule(
        "level",
        level,
        ("level.missing", *MISSING_KEYS),  # a latest figure is worded by the opening joins
        ("period", "counts", "value", "plural"),
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
            "travel.no_previous",
            "travel.not_comparable",
            "travel.unlike",
            *(f"travel.counts.{d.value}" for d in Direction),
            *(f"travel.pro_rata.{d.value}" for d in Direction),
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
            "people",
            "noun_one",
            "reason",
            "since",
            "numerator",
            "previous_numerator",
            "projected",
        ),
    ),
    _history("year_on_year"),
    _history("series"),
    _national("national_record"),
    Rule(
        "count_change",
        count_change,
        ("count_change.against", "count_change.behind"),
        ("numerator", "previous_numerator", "count_direction", "rate_direction"),
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
        # the national tables' quartile (national_quartile) adds its year and rank
        ("quartile", "previous_quartile", "year", "rank", "ranked", "value"),
    ),
    _national("national_quartile"),
    Rule("comparator_quartile", comparator_quartile, COMPARATOR_KEYS, ("comparator_quartile",)),
    Rule("comparators", comparators, ("comparators", "comparators.stated"), ("items",)),
    _national("national_averages"),
    Rule(
        "target",
        target,
        ("target.met", "target.missed", "target.stated"),
        ("goal", "value", "exact", "margin", "status"),
    ),
)

# Clause keys rules may nest inside their values, with the values each provides.
CLAUSES: dict[str, tuple[str, ...]] = {
    "counts.of": ("numerator", "denominator", "noun"),
    "counts.only": ("numerator", "noun"),
    "margin.counted": ("change", "noun", "people", "noun_one"),
    **{f"compare.{p}": COMPARE_VALUES for p in ("above", "below", "same", "in_line")},
    "compare.stated": tuple(v for v in COMPARE_VALUES if v != "gap"),
    **{f"goal.{k.name.lower()}": ("kind", "value") for k in TargetKind},
    "summary.part": ("count", "position"),
    **{f"summary.direction.{j.value}": ("count",) for j in Judgement},
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


REPORT_RULES: tuple[Rule, ...] = (
    Rule(
        "summary",
        # report-level: language.summary's quartile_summary and target_summary, over them all
        lambda ctx: None,
        (
            "summary.quartiles",
            "summary.quartiles.none",
            "summary.quartiles.one",
            "summary.targets",
            "summary.targets.one",
            "summary.targets.none",
            "summary.directions",
            "summary.directions.one",
            "summary.directions.all",
        ),
        (
            *("total", "benchmarked", "parts", "position", "judged", "met", "percent"),
            *("compared", "judgement"),
        ),
    ),
)
