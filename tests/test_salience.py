"""Salience (issue 23): each finding's typed score and what leads the paragraph, on made-up
indicators (Northmoor-like quarters, not the sample). The paragraphs these choices give are held
word for word on Carrowby in tests/test_voice.py."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal as D

import pytest

from narrator.context import Context
from narrator.errors import Location
from narrator.language.plan import Shape, plan_paragraph
from narrator.language.rules import apply_rules
from narrator.language.salience import Basis, Kind, Strength, choose, typical_move
from narrator.model import Polarity, Target, TargetKind
from narrator.periods import parse_period
from narrator.series import Series, SeriesPoint
from narrator.units import Unit
from tests.helpers import make


def _with_history(ctx: Context, values: list[tuple[str, str]]) -> Context:
    """`ctx` with a quarterly history: (period, value) oldest first, the latest last."""
    points = tuple(
        SeriesPoint(parse_period(p), D(v), "history.csv", Location(file="history.csv"))
        for p, v in values
    )
    return replace(ctx, history=Series(ctx.name, points, step=3))


def _lead(ctx: Context) -> tuple[Kind, Strength, Basis] | None:
    lead = choose(ctx, apply_rules(ctx)).lead
    return (lead.kind, lead.strength, lead.basis) if lead else None


ABOVE_90 = Target(TargetKind.ABOVE, D("90"), ">90%")


def it_scores_a_missed_target_by_the_small_band() -> None:
    # 85.0% against more than 90%: 5.0 points short, beyond small_points 3
    badly = make("85.0", "84.0", target=ABOVE_90)
    assert _lead(badly) == (Kind.TARGET, Strength.STRONG, Basis.BEYOND_SMALL_BAND)
    # 88.0%: 2.0 points short, within the band; the slight rise still short (a conflict)
    scores = choose(
        make("88.0", "87.0", target=ABOVE_90), apply_rules(make("88.0", "87.0", target=ABOVE_90))
    )
    target = scores.of(Kind.TARGET)
    assert target is not None and target.strength is Strength.NOTED
    conflict = scores.of(Kind.CONFLICT)
    assert conflict is not None and conflict.basis is Basis.BETTER_TARGET_MISSED
    assert scores.lead is conflict  # notable, but nothing leads from the opening for it


def it_scores_a_missed_target_on_a_count_against_the_target_itself() -> None:
    # 121 against at most 100: 21% over, beyond small_relative 5
    ctx = make(
        "121",
        "118",
        unit=Unit.COUNT,
        decimals=0,
        polarity=Polarity.LOW_IS_GOOD,
        target=Target(TargetKind.AT_MOST, D("100"), "<=100"),
    )
    score = choose(ctx, apply_rules(ctx)).of(Kind.TARGET)
    assert score is not None and score.strength is Strength.STRONG
    assert score.amount == D(21) and score.limit == D(5)


def it_judges_a_movement_by_its_own_history() -> None:
    # 4.0 points after moves of 0.5, 0.4 and 0.6 (median 0.5): unusual, though the size bands
    # alone call it moderate
    history = [
        ("Q1 2023/24", "75.9"),
        ("Q2 2023/24", "76.4"),
        ("Q3 2023/24", "76.0"),
        ("Q4 2023/24", "76.6"),
        ("Q1 2024/25", "72.6"),
    ]
    ctx = _with_history(
        make("72.6", "76.6", latest_period="Q1 2024/25", previous_period="Q4 2023/24"), history
    )
    assert typical_move(ctx) == D("0.5")
    move = choose(ctx, apply_rules(ctx)).of(Kind.MOVEMENT)
    assert move is not None and (move.strength, move.basis) == (
        Strength.STRONG,
        Basis.BEYOND_TYPICAL,
    )
    assert (move.amount, move.limit) == (D("4.0"), D("1.0"))
    bare = replace(ctx, history=None)
    move = choose(bare, apply_rules(bare)).of(Kind.MOVEMENT)
    assert move is not None and (move.strength, move.basis) == (Strength.NONE, Basis.WITHIN_BANDS)


def it_needs_three_earlier_moves_to_judge_by_history() -> None:
    ctx = _with_history(
        make("72.0", "76.0", latest_period="Q1 2024/25", previous_period="Q4 2023/24"),
        [("Q3 2023/24", "76.4"), ("Q4 2023/24", "76.0"), ("Q1 2024/25", "72.0")],
    )
    assert typical_move(ctx) is None


def it_says_a_few_people_are_not_an_unusual_movement() -> None:
    # 1 to 3 children: a considerable relative change, but two children
    ctx = make("3", "1", unit=Unit.COUNT, decimals=0)
    move = choose(ctx, apply_rules(ctx)).of(Kind.MOVEMENT)
    assert move is not None and (move.strength, move.basis) == (Strength.NONE, Basis.FEW_PEOPLE)


@pytest.mark.parametrize(
    ("quartile", "previous", "basis", "strength"),
    [
        (4, 3, Basis.INTO_BOTTOM, Strength.STRONG),
        (3, 4, Basis.OUT_OF_BOTTOM, Strength.STRONG),
        (1, 2, Basis.INTO_TOP, Strength.STRONG),
        (2, 1, Basis.OUT_OF_TOP, Strength.STRONG),
        (3, 2, Basis.MIDDLE_MOVE, Strength.NOTABLE),
    ],
)
def it_scores_a_quartile_change_by_the_edge_it_crosses(
    quartile: int, previous: int, basis: Basis, strength: Strength
) -> None:
    ctx = make("50.0", "49.9", quartile=quartile, previous_quartile=previous)
    score = choose(ctx, apply_rules(ctx)).of(Kind.QUARTILE)
    assert score is not None and (score.basis, score.strength) == (basis, strength)


def it_leads_with_nothing_when_nothing_is_notable() -> None:
    ctx = make("50.5", "50.0", quartile=2, previous_quartile=2)
    choice = choose(ctx, apply_rules(ctx))
    assert choice.lead is None and not choice.notable
    plan = plan_paragraph(apply_rules(ctx), ctx)
    assert plan.shape is Shape.CHANGE_WITH_POSITION and len(plan.sentences) == 2


def it_joins_an_unusual_movement_to_the_opening_and_is_deterministic() -> None:
    ctx = make("70.0", "85.0", quartile=3, previous_quartile=3)  # 15 points: considerable
    plan = plan_paragraph(apply_rules(ctx), ctx)
    assert plan.shape is Shape.CHANGE_IN_OPENING
    assert plan == plan_paragraph(apply_rules(ctx), ctx)
    assert plan.salience[0].kind is Kind.MOVEMENT


def it_says_a_missed_target_after_a_change_that_leads_when_both_would_run_long() -> None:
    """15.0 points (considerable) with its counts both times: the figure, its counts and the
    change fill the opening; the missed target follows in a short sentence of its own."""
    from narrator.language.phrases import load_phrasebook
    from narrator.language.realise import Realiser

    ctx = make(
        "70.0",
        "85.0",
        target=ABOVE_90,
        numerator=D(70),
        denominator=D(100),
        previous_numerator=D(85),
        previous_denominator=D(100),
    )
    plan = plan_paragraph(apply_rules(ctx), ctx)
    said = [s.text for s in Realiser(load_phrasebook(), "Northmoor").realise_plan(plan, ctx)]
    assert said == [
        "At the end of Quarter 1, the figure for Test indicator was 70.0% (70 out of 100 "
        "children), a decrease of 15.0 percentage points from the end of Quarter 4 (85.0%, 85 "
        "out of 100 children).",
        "The latest figure is below the 90% target.",
    ]


def it_joins_a_change_and_a_target_that_pull_apart_with_but() -> None:
    """An improvement still 2.0 points short of its target (within the small band): the
    conflict leads, said in one sentence ("... but below the 90% target")."""
    from narrator.language.phrases import load_phrasebook
    from narrator.language.realise import Realiser

    ctx = make("88.0", "85.0", target=ABOVE_90)
    assert _lead(ctx) == (Kind.CONFLICT, Strength.NOTABLE, Basis.BETTER_TARGET_MISSED)
    plan = plan_paragraph(apply_rules(ctx), ctx)
    said = [s.text for s in Realiser(load_phrasebook(), "Northmoor").realise_plan(plan, ctx)]
    assert said == [
        "At the end of Quarter 1, the figure for Test indicator was 88.0%, a small improvement of "
        "3.0 percentage points on the end of Quarter 4 (85.0%) but below the 90% target."
    ]


def it_leads_with_a_record_only_where_the_opening_holds_it() -> None:
    """The lowest of five quarters leads, said with the figure; with a subject of 24 words, the
    counts and a target the opening would run past 45 words, and the record extends the change
    where it falls."""
    history = [
        ("Q1 2023/24", "60.0"),
        ("Q2 2023/24", "59.0"),
        ("Q3 2023/24", "58.0"),
        ("Q4 2023/24", "57.0"),
        ("Q1 2024/25", "56.0"),
    ]
    ctx = _with_history(
        make("56.0", "57.0", latest_period="Q1 2024/25", previous_period="Q4 2023/24"), history
    )
    assert _lead(ctx) == (Kind.RECORD, Strength.STRONG, Basis.HISTORY_RECORD)
    opening = plan_paragraph(apply_rules(ctx), ctx).sentences[0]
    assert [p.slot for p in opening.parts] == ["record"]
    long = replace(
        ctx,
        subject="the percentage of children and young people with an education, health and care "
        "plan issued within twenty weeks of the request, excluding exceptions, this year",
        indicator=replace(ctx.indicator, numerator=D(56), denominator=D(100), target=ABOVE_90),
    )
    plan = plan_paragraph(apply_rules(long), long)
    assert "record" not in [p.slot for p in plan.sentences[0].parts]
    why = (
        "the record is said where it falls: the opening would run long with it, or the change "
        "moves away from it"
    )
    assert ("the paragraph's shape (change with position)", why) in plan.left_out
    assert any(p.slot == "history" for s in plan.sentences for p in s.parts)
