"""The planning stage, between the rules and the realiser: which findings share a sentence, in
what order, joined by which relation, and which fact is left out because another says it.

This is SimpleNLG's document and sentence planning, kept small. The rules hand over findings
(English-free); the planner arranges them into a `ParagraphPlan` of `PlannedSentence`s; the
realiser words each through the phrasebook's `plan:` section (`parts` for a finding inside a
sentence, `joins` for the sentence that holds them). No English is made here: a relation is a
name ("elaboration", "concession"), and the connective that says it is phrasebook data.

How officers plan a paragraph (seed 004 paragraphs 14-34), and so the planner:
- the opening sentence gives the latest figure, with the target joined ("..., short of the
  target of more than 97.2%"), unless the config says targets are not mentioned;
- the change and the position are one sentence: elaboration (", and now places") when they
  agree, concession ("although it continues to place") when they pull apart (para 14, 18);
  or, in the other shape, the change joins the opening (para 17, 20) and the position follows
  with the area first ("Leicestershire is now placed in ...", para 15);
- a count moving against its percentage is its own sentence, a contrast (para 15); the count
  behind a tiny percentage joins the change (para 33); either way the counts it states are left
  out of the brackets that would say them again;
- a later member of a group opens with its label ("For three-year-olds, the figure was"), the
  overall member with "Overall," (para 23);
- a finding the planner does not know (a new kind of rule) is a sentence of its own, worded by
  the phrasebook's `sentences`, after the rest: nothing is dropped for want of a plan.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from narrator.context import Context
from narrator.model import Finding, TargetKind

# Values a join may use besides the opening finding's values and the phrase globals.
SLOTS = ("change", "behind", "position", "compare", "target", "part")
OPENING_VALUES = ("label", "same_period", "moved", "target_concedes")

# Every phrase key the planner asks the phrasebook for (checked when the phrasebook loads).
PART_KEYS = (
    "travel.improved",
    "travel.worsened",
    "travel.increase",
    "travel.decrease",
    "travel.unchanged",
    "travel.no_change",
    *(f"quartile.{m}" for m in ("placed", "same", "up", "down")),
    *(f"quartile.subject.{m}" for m in ("placed", "same", "up", "down")),
    "comparators",
    "target.met",
    "target.missed",
    "count_change.against",
    "count_change.behind",
)
JOIN_KEYS = (
    "opening",
    "member",
    "overall",
    "change_position.elaboration",
    "change_position.concession",
    "change",
    "position",
    "compare",
    "alone",
)

# The rules whose findings the planner places; any other finding is a sentence of its own.
_PLACED = ("level", "travel", "count_change", "quartile", "comparators", "target")
_JOINABLE_TRAVEL = ("improved", "worsened", "increase", "decrease", "unchanged", "no_change")


def planned_key(key: str) -> tuple[tuple[str, str], ...] | None:
    """Where a planned paragraph words a finding with `key`, as (section, key) pairs: the
    `joins` that open a paragraph for the latest figure, the `parts` for a finding joined into
    a sentence; None for a finding said on its own from `sentences` (no latest figure, no
    previous, a definition break, a part year, a target stated, a quartile without a figure,
    any other rule)."""
    head, _, rest = key.partition(".")
    kind = rest.split(".", 1)[0]
    if head == "level":
        return None if kind == "missing" else tuple(("joins", j) for j in JOIN_KEYS[:3])
    if head == "travel":
        return (("parts", key),) if kind in _JOINABLE_TRAVEL else None
    if head == "quartile":
        subject = ("parts", f"quartile.subject.{rest}")
        return None if kind == "without_figure" else (("parts", key), subject)
    if head == "comparators":
        return None if kind == "stated" else (("parts", key),)
    if head == "count_change":
        return (("parts", key),)
    if head == "target":  # by the target's kind, as _target_key asks ("target.missed.below")
        kinds = (("parts", f"{key}.{k.name.lower()}") for k in TargetKind)
        return (("parts", key), *kinds) if kind in ("met", "missed") else None
    return None


class Role(Enum):
    """An indicator's place in its paragraph: its own paragraph, or a group's opening, later
    or overall member."""

    ALONE = "alone"
    OPENING = "opening"
    MEMBER = "member"
    OVERALL = "overall"


class Shape(Enum):
    """How a paragraph says its change: with the position ("This is an improvement ..., and
    places ...") or in the opening sentence ("... was 83.1% ..., a decrease of ...")."""

    CHANGE_WITH_POSITION = "change with position"
    CHANGE_IN_OPENING = "change in opening"


@dataclass(frozen=True)
class Part:
    """A finding worded inside a sentence: `slot` names its place in the join, `key` its
    phrase under plan.parts, `leave_out` the values not said because another part says them."""

    slot: str
    finding: Finding
    key: str
    leave_out: tuple[str, ...] = ()


@dataclass(frozen=True)
class PlannedSentence:
    """One sentence of the plan.

    join:      the phrase key under plan.joins; None: `finding` is worded alone by the
               phrasebook's `sentences` (a finding the planner does not join)
    opening:   the level finding whose values the join uses (subject, value, period, counts);
               None for a sentence that does not give the figure
    parts:     the findings joined in, by slot
    relation:  "opening", "elaboration", "concession", "contrast", "sequence" or
               "definition break": how this sentence relates its findings (for `explain`)
    why:       the reason the relation was chosen, for `explain`
    finding:   the finding a sentence of its own says (join None); None otherwise
    extra:     further values for the join (label, same_period, moved, target_concedes)
    """

    join: str | None
    relation: str
    why: str
    opening: Finding | None = None
    parts: tuple[Part, ...] = ()
    finding: Finding | None = None
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def findings(self) -> tuple[Finding, ...]:
        """Every finding this sentence says, the opening first."""
        found = [f for f in (self.opening, self.finding) if f is not None]
        return (*found, *(p.finding for p in self.parts))


@dataclass(frozen=True)
class ParagraphPlan:
    """An indicator's sentences in order, and what was left out and why."""

    role: Role
    shape: Shape
    sentences: tuple[PlannedSentence, ...]
    left_out: tuple[tuple[str, str], ...] = ()


def relation_of(travel: Finding, quartile: Finding) -> tuple[str, str]:
    """Elaboration or concession between a change and the quartile position, with why.

    They pull apart when an improvement leaves the area in the lower half (third or fourth
    quartile) or moving down, or a change for the worse leaves it in the upper half or moving
    up; otherwise (or when the change has no judgement) they agree."""
    judgement = travel.values.get("judgement")
    if judgement not in ("improved", "worsened"):
        return "elaboration", "the change has no judgement to set against the position"
    moved = quartile.key.rsplit(".", 1)[-1]
    position = quartile.values["quartile"]
    assert isinstance(position, int)
    good = moved == "up" or (moved != "down" and position <= 2)
    where = f"quartile {position} ({moved})"
    if (judgement == "improved") is good:
        return "elaboration", f"the change ({judgement}) and the position, {where}, agree"
    return "concession", f"the change ({judgement}) and the position, {where}, pull apart"


def _target_key(finding: Finding) -> str:
    """target.missed.below etc.: a target's part by its kind, so a ceiling is not 'short of'."""
    goal = finding.values.get("goal")
    kind = getattr(goal, "key", "").rsplit(".", 1)[-1]
    return f"{finding.key}.{kind}" if kind else finding.key


def plan_paragraph(
    findings: list[Finding],
    ctx: Context,
    *,
    role: Role = Role.ALONE,
    shape: Shape = Shape.CHANGE_WITH_POSITION,
    same_period: bool = False,
) -> ParagraphPlan:
    """Arrange one indicator's findings (in rule order) into sentences.

    `shape` is the paragraph's choice of where the change goes (the caller alternates it for
    variety); a group's later members always say the change in their opening. `same_period`:
    a later member's latest period is the group opening's, so its sentence need not say it.
    """
    by_rule = {f.rule: f for f in findings if f.rule in _PLACED}
    others = [f for f in findings if f.rule not in _PLACED]
    level = by_rule.get("level")
    if role in (Role.MEMBER, Role.OVERALL):
        shape = Shape.CHANGE_IN_OPENING
    if level is None or level.key.startswith("level.missing"):
        # nothing to join to: every finding says itself, in rule order
        alone = tuple(_own(f, "sequence", "no latest figure to join to") for f in findings)
        return ParagraphPlan(role, shape, alone)

    left_out: list[tuple[str, str]] = []
    target = by_rule.get("target")
    mention = ctx.settings.targets
    if target is not None and (
        mention == "never" or (mention == "when_missed" and target.key == "target.met")
    ):
        left_out.append(("target", f"the config says targets: {mention}"))
        target = None

    target_alone: Finding | None = None
    if target is not None and target.key not in ("target.met", "target.missed"):
        target_alone, target = target, None  # a target stated, not judged: its own sentence
    travel = by_rule.get("travel")
    counts = by_rule.get("count_change")
    quartile = by_rule.get("quartile")
    comparators = by_rule.get("comparators")
    level_leave: tuple[str, ...] = ()
    travel_leave: tuple[str, ...] = ()
    if counts is not None:
        level_leave, travel_leave = ("counts",), ("previous_counts",)
        left_out.append(("counts in brackets", "the count's own clause states both counts"))

    change: Part | None = None
    behind: Part | None = None
    travel_alone: Finding | None = None
    if travel is not None:
        if travel.key.split(".")[1] in _JOINABLE_TRAVEL:
            change = Part("change", travel, travel.key, travel_leave)
            if counts is not None and counts.key == "count_change.behind":
                behind = Part("behind", counts, counts.key)
        else:
            travel_alone = travel

    joinable_quartile = quartile is not None and ".without_figure" not in quartile.key
    shape_why = ""
    if (
        shape is Shape.CHANGE_IN_OPENING
        and role in (Role.ALONE, Role.OPENING)
        and change is not None
        and quartile is not None
        and joinable_quartile
        and relation_of(change.finding, quartile)[0] == "concession"
    ):
        # a concession needs the change and the position in one sentence (seed para 18)
        shape = Shape.CHANGE_WITH_POSITION
        shape_why = "the change and the position pull apart: said in one sentence"
    sentences: list[PlannedSentence] = []
    opening_parts: list[Part] = []
    why = ["the latest figure opens the paragraph"]
    in_opening = change is not None and shape is Shape.CHANGE_IN_OPENING
    if in_opening and change is not None:
        opening_parts.append(change)
        why.append("the change is joined to the figure (this paragraph's shape)")
        if behind is not None:
            opening_parts.append(behind)
            why.append("the count behind a tiny percentage carries the change's size")
    if target is not None:
        opening_parts.append(Part("target", target, _target_key(target)))
        why.append("the target is joined to the figure it is measured against")
    extra: dict[str, object] = {"label": None, "same_period": False}
    if role in (Role.MEMBER, Role.OVERALL):
        extra = {"label": ctx.entry.label if ctx.entry else None, "same_period": same_period}
    extra |= _change_values(change, target if in_opening else None)
    if in_opening and target is not None and extra["target_concedes"]:
        why.append("the target concedes: the change and the target pull apart")
    join = {Role.MEMBER: "member", Role.OVERALL: "overall"}.get(role, "opening")
    sentences.append(
        PlannedSentence(
            join,
            "opening" if len(opening_parts) == 0 else "elaboration",
            "; ".join(why),
            opening=_leave(level, level_leave),
            parts=tuple(opening_parts),
            extra=extra,
        )
    )
    if travel_alone is not None:
        relation = "definition break" if travel_alone.key == "travel.not_comparable" else "sequence"
        reason = (
            "the catalogue declares a definition change between the periods: no judgement"
            if relation == "definition break"
            else "there is no previous figure to compare with"
        )
        sentences.append(_own(travel_alone, relation, reason))

    position_done = False
    if change is not None and not in_opening:
        parts = [change] + ([behind] if behind else [])
        if joinable_quartile and quartile is not None:
            relation, reason = relation_of(change.finding, quartile)
            parts.append(Part("position", quartile, quartile.key))
            sentences.append(
                PlannedSentence(
                    f"change_position.{relation}",
                    relation,
                    reason,
                    parts=tuple(parts),
                    extra=_change_values(change, None),
                )
            )
            position_done = True
        else:
            sentences.append(
                PlannedSentence(
                    "change",
                    "sequence",
                    "no position to join",
                    parts=tuple(parts),
                    extra=_change_values(change, None),
                )
            )
    if counts is not None and counts.key == "count_change.against":
        part = Part("part", counts, counts.key)
        why_c = "the count moved the other way from the percentage: a fact of its own"
        sentences.append(PlannedSentence("alone", "contrast", why_c, parts=(part,)))
    compare = None
    compare_alone: Finding | None = None
    if comparators is not None and comparators.key == "comparators.stated":
        # averages said, not compared ("The England average is 560.8."): no "the figure is"
        compare_alone = comparators
    elif comparators is not None:
        compare = Part("compare", comparators, comparators.key)
    if quartile is not None and not position_done:
        if joinable_quartile:
            key = "quartile.subject." + quartile.key.rsplit(".", 1)[-1]
            parts = [Part("position", quartile, key)] + ([compare] if compare else [])
            reason = "the position with the averages it is measured by"
            sentences.append(PlannedSentence("position", "elaboration", reason, parts=tuple(parts)))
            compare = None
        else:
            sentences.append(_own(quartile, "sequence", "the quartile has no latest figure"))
    if compare is not None:
        sentences.append(
            PlannedSentence("compare", "sequence", "the averages follow", parts=(compare,))
        )
    if compare_alone is not None:
        why_s = "averages for a whole year beside a figure so far: stated, not compared"
        sentences.append(_own(compare_alone, "sequence", why_s))
    if target_alone is not None:
        sentences.append(_own(target_alone, "sequence", "a target stated, not judged"))
    for finding in others:
        sentences.append(_own(finding, "sequence", "a finding the planner does not join"))
    if shape_why:
        left_out.append(("the paragraph's shape (change in the opening)", shape_why))
    return ParagraphPlan(role, shape, tuple(sentences), tuple(left_out))


def _change_values(change: Part | None, target: Finding | None) -> dict[str, object]:
    """`moved`: the change has a direction; `target_concedes`: the change and the target pull
    apart (an improvement still short of the target, a change for the worse that meets it)."""
    judgement = change.finding.values.get("judgement") if change else None
    moved = change is not None and change.finding.values.get("direction") != "no_change"
    concedes = target is not None and (
        (judgement == "improved" and target.key == "target.missed")
        or (judgement == "worsened" and target.key == "target.met")
    )
    return {"moved": moved, "target_concedes": concedes}


def _own(finding: Finding, relation: str, why: str) -> PlannedSentence:
    return PlannedSentence(None, relation, why, finding=finding)


def _leave(finding: Finding, names: tuple[str, ...]) -> Finding:
    """The finding with `names` set to None: said elsewhere in the paragraph."""
    if not names:
        return finding
    values = {k: (None if k in names else v) for k, v in finding.values.items()}
    return Finding(finding.rule, finding.key, values)
