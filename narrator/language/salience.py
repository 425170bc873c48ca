"""How much each finding matters to a committee (issue 23: "lead with what matters, leave out
what adds nothing"). The planner asks `choose` before it arranges a paragraph; no English here:
a `Score` says what kind of salience a finding has (`Kind`), how strong (`Strength`) and on
what it was measured (`Basis`, with the amount and the limit it was measured against).

What is scored, and how strongly:
- a target missed (TARGET): STRONG beyond the "small" band (percentage points for a
  percentage, per cent of the target otherwise: narrator.language.sizes), NOTED within it;
- the change (MOVEMENT), against the indicator's own history where the history holds at least
  `MIN_MOVES` earlier moves between consecutive periods: STRONG beyond `UNUSUAL_TIMES` the
  typical (median) move, NONE within it; without that history, by the size bands: STRONG
  beyond "moderate" (considerable), NONE otherwise. A change of one or two of what the
  indicator counts (its base: narrator.language.sizes.people_moved) is NONE whatever its size;
- the quartile's movement (QUARTILE): STRONG into or out of the top or bottom quartile,
  NOTABLE for any other move;
- a record (RECORD): the history's record (stated, with its span) or the national tables' own
  record for the area: STRONG;
- conflict between facts (CONFLICT): an improvement down a quartile, or a change for the worse
  up one, STRONG (the concession must be said in one sentence); an improvement still short of
  the target, or a change for the worse that meets it, NOTABLE; a count moving against its
  rate, NOTABLE; a change judged against a quartile that stands still on the other side,
  NOTED.

The lead is the strongest score of NOTABLE or above (ties by `Kind` order: a record, then an
unusual movement, a quartile change, a target, a conflict); none leads in a paragraph with
nothing notable. What adds nothing is left out, with why:
- an average the figure is within half the "slight" margin of, in a paragraph that gives the
  quartile: the quartile already says where the figure stands.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum, IntEnum
from itertools import pairwise
from typing import TypeVar

from narrator.context import Context
from narrator.judgement import printed
from narrator.language.findings import (
    AverageComparison,
    Change,
    ChangeKind,
    Clause,
    CountChange,
    CountRelation,
    Finding,
    Movement,
    PublishedRecord,
    QuartilePosition,
    SeriesRun,
    TargetResult,
)
from narrator.language.history_rules import comparable
from narrator.language.sizes import band_limit, in_points, people_moved, size_basis
from narrator.model import Judgement
from narrator.quantity import Quantity
from narrator.units import Unit, round_half_up

MIN_MOVES = 3
"""The history judges a movement when it holds at least this many earlier moves (between
consecutive periods, the latest move not counted); with fewer, the size bands judge it."""

F = TypeVar("F")

UNUSUAL_TIMES = Decimal(2)
"""A movement is unusual beyond this many times the indicator's typical (median) move."""


class Kind(Enum):
    """What kind of salience a score is, in the order a tie is led by."""

    RECORD = "record"
    MOVEMENT = "movement"
    QUARTILE = "quartile change"
    TARGET = "target missed"
    CONFLICT = "conflict"


class Strength(IntEnum):
    """How strongly a finding asks to be said: NONE adds nothing of itself, NOTED is said where
    it falls, NOTABLE makes the paragraph worth more than its figure, STRONG leads it."""

    NONE = 0
    NOTED = 1
    NOTABLE = 2
    STRONG = 3


class Basis(Enum):
    """On what a score was measured (for `narrator explain`)."""

    BEYOND_SMALL_BAND = "missed by more than the small band"
    WITHIN_SMALL_BAND = "missed within the small band"
    BEYOND_TYPICAL = "beyond the typical move of its history"
    WITHIN_TYPICAL = "within the typical move of its history"
    CONSIDERABLE = "considerable by the size bands"
    WITHIN_BANDS = "not beyond the moderate size band"
    FEW_PEOPLE = "a change of one or two on its base"
    INTO_BOTTOM = "into the bottom quartile"
    OUT_OF_BOTTOM = "out of the bottom quartile"
    INTO_TOP = "into the top quartile"
    OUT_OF_TOP = "out of the top quartile"
    MIDDLE_MOVE = "between the middle quartiles"
    HISTORY_RECORD = "a record of its own history"
    NATIONAL_RECORD = "a record of the published years"
    BETTER_DOWN_A_QUARTILE = "an improvement down a quartile"
    WORSE_UP_A_QUARTILE = "a change for the worse up a quartile"
    BETTER_TARGET_MISSED = "an improvement still short of the target"
    WORSE_TARGET_MET = "a change for the worse that meets the target"
    COUNT_AGAINST_RATE = "the count moved against its rate"
    AGAINST_STANDING = "the change and the quartile it stays in pull apart"


@dataclass(frozen=True)
class Score:
    """One finding's salience: `amount` and `limit` are what it was measured and the limit it
    was measured against (None where the basis has no number: a quartile, a record)."""

    finding: Finding
    kind: Kind
    strength: Strength
    basis: Basis
    amount: Decimal | None = None
    limit: Decimal | None = None


class Omission(Enum):
    """Why a finding is left out (for the plan's `left_out`)."""

    AVERAGES_WITHIN_SLIGHT = "averages within half the slight margin, the quartile said"


@dataclass(frozen=True)
class Choice:
    """The planner's answer: every score, strongest first; the lead (the strongest of NOTABLE
    or above; None: nothing notable); the findings left out, each with why."""

    scores: tuple[Score, ...]
    lead: Score | None
    left_out: tuple[tuple[Finding, Omission], ...] = ()

    def of(self, kind: Kind) -> Score | None:
        """The strongest score of `kind`; None when no finding has one."""
        return next((s for s in self.scores if s.kind is kind), None)

    @property
    def notable(self) -> bool:
        """Something in the paragraph is NOTABLE or STRONG."""
        return self.lead is not None


def _fact(findings: Iterable[Finding], kind: type[F]) -> tuple[Finding, F] | None:
    for f in findings:
        if isinstance(f.fact, kind):
            return f, f.fact
    return None


def _band_limit(ctx: Context, band: str) -> tuple[bool, Decimal]:
    """(points?, limit) of a size band for this indicator (the phrasebook's size table, the
    config's rules: over it): points for a percentage, per cent otherwise."""
    points = ctx.unit is Unit.PERCENTAGE
    return points, band_limit(ctx, band, points=points)


def target_score(ctx: Context, finding: Finding) -> Score | None:
    """A missed target by how far: STRONG beyond the small band, NOTED within it (or without
    a margin to measure); None for a target met or not judged."""
    result = finding.fact
    if not isinstance(result, TargetResult) or result.met is not False:
        return None
    if result.margin is None or ctx.indicator.latest is None:
        return Score(finding, Kind.TARGET, Strength.NOTED, Basis.WITHIN_SMALL_BAND)
    points, limit = _band_limit(ctx, "small")
    amount = abs(result.margin)
    if not points:
        goal = abs(printed(ctx, ctx.indicator.latest) - result.margin)
        if goal == 0:
            return Score(finding, Kind.TARGET, Strength.NOTED, Basis.WITHIN_SMALL_BAND)
        amount = amount / goal * Decimal(100)
    beyond = amount > limit
    return Score(
        finding,
        Kind.TARGET,
        Strength.STRONG if beyond else Strength.NOTED,
        Basis.BEYOND_SMALL_BAND if beyond else Basis.WITHIN_SMALL_BAND,
        amount,
        limit,
    )


def typical_move(ctx: Context) -> Decimal | None:
    """The median size of the indicator's earlier moves between consecutive periods of its
    history (as printed; the latest move not counted); None with fewer than MIN_MOVES."""
    series = comparable(ctx)
    if series is None or len(series.points) < MIN_MOVES + 2:
        return None
    points = series.points[:-1]  # the move into the latest is the one judged
    sizes = sorted(
        abs(round_half_up(b.value, ctx.decimals) - round_half_up(a.value, ctx.decimals))
        for a, b in pairwise(points)
        if series.follows(a.period, b.period)
    )
    if len(sizes) < MIN_MOVES:
        return None
    middle = len(sizes) // 2
    if len(sizes) % 2:
        return sizes[middle]
    return (sizes[middle - 1] + sizes[middle]) / 2


def movement_score(ctx: Context, finding: Finding) -> Score | None:
    """The measured change against the indicator's history (or, without one, the size
    bands); None without a measured change."""
    change, ind = finding.fact, ctx.indicator
    if not isinstance(change, Change) or change.kind is not ChangeKind.MEASURED:
        return None
    if ind.latest is None or ind.previous is None or not change.moved:
        return None
    if people_moved(ctx) is not None:
        return Score(finding, Kind.MOVEMENT, Strength.NONE, Basis.FEW_PEOPLE)
    typical = typical_move(ctx)
    if typical is not None:
        move = abs(printed(ctx, ind.latest) - printed(ctx, ind.previous))
        limit = typical * UNUSUAL_TIMES
        beyond = move > limit if typical > 0 else size_basis(ctx).size != "slight"
        strength = Strength.STRONG if beyond else Strength.NONE
        basis = Basis.BEYOND_TYPICAL if beyond else Basis.WITHIN_TYPICAL
        return Score(finding, Kind.MOVEMENT, strength, basis, move, limit)
    sized = size_basis(ctx)
    considerable = sized.size == "considerable"
    return Score(
        finding,
        Kind.MOVEMENT,
        Strength.STRONG if considerable else Strength.NONE,
        Basis.CONSIDERABLE if considerable else Basis.WITHIN_BANDS,
        sized.amount,
        sized.bands[-1][1],
    )


_EDGES = {
    (True, 4): Basis.INTO_BOTTOM,
    (False, 4): Basis.OUT_OF_BOTTOM,
    (True, 1): Basis.INTO_TOP,
    (False, 1): Basis.OUT_OF_TOP,
}


def quartile_score(finding: Finding) -> Score | None:
    """A quartile that moved: STRONG across the top's or the bottom's edge, NOTABLE between
    the middle two; None when it stayed or its previous is not known."""
    position = finding.fact
    if not isinstance(position, QuartilePosition) or position.previous is None:
        return None
    if position.movement not in (Movement.UP, Movement.DOWN):
        return None
    for (into, edge), basis in _EDGES.items():
        if (position.quartile == edge) is into and edge in (position.quartile, position.previous):
            return Score(finding, Kind.QUARTILE, Strength.STRONG, basis)
    return Score(finding, Kind.QUARTILE, Strength.NOTABLE, Basis.MIDDLE_MOVE)


def record_score(finding: Finding) -> Score | None:
    """A record stated with its span: the history's, or the area's own in the published
    years."""
    fact = finding.fact
    if isinstance(fact, SeriesRun) and fact.record is not None:
        return Score(finding, Kind.RECORD, Strength.STRONG, Basis.HISTORY_RECORD)
    if isinstance(fact, PublishedRecord):
        return Score(finding, Kind.RECORD, Strength.STRONG, Basis.NATIONAL_RECORD)
    return None


def _conflicts(findings: list[Finding]) -> list[Score]:
    """Where the facts pull apart: the change against the quartile, the target, the count."""
    out: list[Score] = []
    found = _fact(findings, Change)
    judgement = found[1].judgement if found else None
    better, worse = judgement is Judgement.IMPROVED, judgement is Judgement.WORSENED
    quartile = _fact(findings, QuartilePosition)
    if found and quartile and quartile[1].with_figure and (better or worse):
        change, (position_finding, position) = found[0], quartile
        moved = position.movement
        if better and moved is Movement.DOWN:
            out.append(Score(change, Kind.CONFLICT, Strength.STRONG, Basis.BETTER_DOWN_A_QUARTILE))
        elif worse and moved is Movement.UP:
            out.append(Score(change, Kind.CONFLICT, Strength.STRONG, Basis.WORSE_UP_A_QUARTILE))
        elif moved in (Movement.SAME, Movement.PLACED) and (position.quartile <= 2) is worse:
            out.append(
                Score(position_finding, Kind.CONFLICT, Strength.NOTED, Basis.AGAINST_STANDING)
            )
    target = _fact(findings, TargetResult)
    if found and target and target[1].met is not None:
        if better and target[1].met is False:
            out.append(
                Score(target[0], Kind.CONFLICT, Strength.NOTABLE, Basis.BETTER_TARGET_MISSED)
            )
        elif worse and target[1].met is True:
            out.append(Score(target[0], Kind.CONFLICT, Strength.NOTABLE, Basis.WORSE_TARGET_MET))
    counts = _fact(findings, CountChange)
    if counts and counts[1].relation is CountRelation.AGAINST:
        out.append(Score(counts[0], Kind.CONFLICT, Strength.NOTABLE, Basis.COUNT_AGAINST_RATE))
    return out


def scores(ctx: Context, findings: list[Finding]) -> list[Score]:
    """Every finding's score that has one, strongest first (ties in `Kind` order, then in
    the findings' order)."""
    out: list[Score] = []
    for f in findings:
        for score in (
            target_score(ctx, f),
            movement_score(ctx, f),
            quartile_score(f),
            record_score(f),
        ):
            if score is not None:
                out.append(score)
    out += _conflicts(findings)
    order = list(Kind)
    return sorted(out, key=lambda s: (-s.strength, order.index(s.kind)))


def _slight_gap(ctx: Context, item: Clause) -> bool:
    """Whether one average comparison's gap is within half the "slight" band (points for a
    percentage, per cent of the average otherwise, as a change is sized: a tiny percentage,
    below `relative_below_points`, by its relative gap, so 0.07% against 0.11% is not slight;
    a gap of one printed step always is): too small a margin to tell a committee."""
    gap, average = item.values.get("gap"), item.values.get("average")
    if not isinstance(gap, Quantity) or not isinstance(average, Quantity):
        return False
    if gap.rounded <= Decimal(1).scaleb(-gap.decimals):
        return True  # a gap of one printed step ("1.4%" against "1.3%"): at the figures' precision
    base = abs(printed(ctx, average.value))
    latest = ctx.indicator.latest
    mine = abs(printed(ctx, latest)) if latest is not None else base
    if in_points(ctx, base, mine):
        return gap.value <= band_limit(ctx, "slight", points=True) / 2
    if base == 0:
        return False
    return gap.value / base * Decimal(100) <= band_limit(ctx, "slight", points=False) / 2


def averages_add_nothing(ctx: Context, averages: Finding | None, quartile: Finding | None) -> bool:
    """The paragraph gives the quartile, and the figure is within half the slight margin of
    every average it is compared with: the averages add nothing to what the quartile says."""
    if averages is None or quartile is None:
        return False
    fact = averages.fact
    if not isinstance(fact, AverageComparison) or fact.stated:
        return False
    items = averages.values.get("items")
    if not isinstance(items, list) or not items:
        return False
    return all(isinstance(i, Clause) and _slight_gap(ctx, i) for i in items)


def choose(ctx: Context, findings: list[Finding]) -> Choice:
    """What leads the paragraph of `findings` (those the planner still holds: a target the
    config leaves unsaid is not among them) and what is left out, with why."""
    scored = tuple(scores(ctx, findings))
    lead = scored[0] if scored and scored[0].strength >= Strength.NOTABLE else None
    left_out: list[tuple[Finding, Omission]] = []
    averages = _fact(findings, AverageComparison)
    quartile = _fact(findings, QuartilePosition)
    if averages and averages_add_nothing(ctx, averages[0], quartile[0] if quartile else None):
        left_out.append((averages[0], Omission.AVERAGES_WITHIN_SLIGHT))
    return Choice(scored, lead, tuple(left_out))
