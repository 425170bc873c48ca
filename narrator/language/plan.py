"""The planning stage, between the rules and the realiser: which findings share a sentence, in
what order, joined by which relation, and which fact is left out because another says it.

This is SimpleNLG's document and sentence planning, kept small. The rules hand over findings
(English-free); the planner arranges them into a `ParagraphPlan` of `PlannedSentence`s; the
realiser words each through the phrasebook's one wording table, `plan:` (`parts` for a finding,
`joins` for the sentence that holds one or more parts). No English is made here: a relation is a
name ("elaboration", "concession"), and the connective that says it is phrasebook data.

How officers plan a paragraph (seed 004 paragraphs 14-34), and so the planner:
- the opening sentence gives the latest figure, with the target joined ("..., short of the
  target of more than 97.2%"), unless the config says targets are not mentioned;
- what leads is the salience's choice (narrator.language.salience): a record joins the figure
  ("was 0.07% ..., the highest in the eight years published", para 33); an unusual movement or
  a quartile change joins the change to the figure (para 17, 20) and the position follows with
  the area first ("Leicestershire is now placed in ...", para 15); a missed target stays with
  the figure; with nothing notable, the figure, then the change;
- otherwise the change and the position are one sentence: elaboration (", and now places")
  when they agree, concession ("although Carrowby remains in ...") when they pull apart
  (para 14, 18);
- a count moving against its percentage is its own sentence, a contrast (para 15); the count
  behind a tiny percentage joins the change (para 33); either way the counts it states are left
  out of the brackets that would say them again;
- a later member of a group opens with its label ("For three-year-olds, the figure was"), the
  overall member with "Overall," (para 23);
- the national tables' quartile, averages and the area's own record are the same facts as the
  dashboard's, joined the same way (issue 23: "..., and would place Leicestershire in the second
  quartile of local authorities on the 2022/23 published figures (74th of 150)"); a sentence
  is kept within SENTENCE_WORDS by saying a part after it instead; the averages' own changes,
  runs and records are left out, each with why;
- a finding the planner does not join (no latest figure to join to, no previous figure, a
  definition break, a part year, a target stated, a new kind of rule) is a one-part sentence of
  its own (the `alone` join), after the rest: nothing is dropped for want of a plan.

The planner decides on each finding's typed fact (narrator.language.findings), never on its
phrase key: the key is only where the realiser finds the finding's part.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import Enum
from typing import TypeVar

from narrator.context import Context
from narrator.language.findings import (
    AverageComparison,
    Change,
    ChangeKind,
    CountChange,
    CountRelation,
    Finding,
    LatestFigure,
    Movement,
    PublishedRecord,
    QuartilePosition,
    QuartileSource,
    SeriesRun,
    TargetResult,
    YearEarlier,
)
from narrator.language.salience import Basis, Choice, Kind, Score, Strength, choose
from narrator.model import Direction, Judgement, TargetKind

F = TypeVar("F")

_HISTORY = ((True, True, "streak_record"), (True, False, "streak"), (False, True, "record"))
# Values a join may use besides the opening finding's values and the phrase globals.
SLOTS = (
    "change",
    "history",
    "record",
    "behind",
    "position",
    "standing",
    "compare",
    "target",
    "part",
)
OPENING_VALUES = ("label", "same_period", "moved", "target_concedes")

JOIN_KEYS = (
    "opening",
    "member",
    "overall",
    "change_position.elaboration",
    "change_position.concession",
    "change",
    "position",
    "compare",
    "compare.published",
    "target",
    "stated",
    "alone",
)
"""Every join the planner asks the phrasebook for (checked when the phrasebook loads)."""

# The parts the planner asks for beyond the rules' own keys: the position said with the area
# first, and a missed target by its kind (a ceiling is not "short of").
POSITION_PARTS = {m: f"quartile.subject.{m.value}" for m in Movement}
# The history's run and record joined to the change (", the fourth rise in a row"), by what
# it holds (streak, record); said on its own, a finding keeps its key ("series.streak").
HISTORY_PARTS = {(s, r): f"series.joined.{k}" for s, r, k in _HISTORY}
# The area's own record in the national tables joined to the change (", the highest in the
# eight years published (since 2015/16)"), by its kind (highest: True).
RECORD_PARTS = {h: f"series.joined.published.{'highest' if h else 'lowest'}" for h in (True, False)}
# The national tables' quartile said with the area first (and as a concession's subject), by
# where it comes from: "Carrowby is in ... on the 2022/23 published figures (44th of 152)",
# "Carrowby would be in ..." (the latest figure placed against the published thresholds).
BENCHMARK_PARTS = {
    s: f"quartile.subject.benchmark.{s.value}"
    for s in (QuartileSource.PUBLISHED, QuartileSource.LOCAL)
}
# The area's own record in the published years joined to its figure ("was 0.07% in the 2022/23
# academic year, the highest in the eight years published (since 2015/16)"), by its kind.
LEAD_RECORD_PARTS = {
    h: f"national_record.joined.{'highest' if h else 'lowest'}" for h in (True, False)
}
# Facts said, not compared, joined into the figure's own sentences (issue 23): a previous
# figure for another window ("compared with 142.1 for April to June 2023") and a target beside
# a figure so far ("and a target of no more than 560.0").
STATED_PARTS = ("travel.unlike.joined", "target.stated.joined")
TARGET_PARTS = {
    (met, k): f"target.{'met' if met else 'missed'}.{k.name.lower()}"
    for met in (True, False)
    for k in TargetKind
}


class GroupRole(Enum):
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

    join:      the phrase key under plan.joins ("alone" for a finding said on its own)
    opening:   the level finding whose values the join uses (subject, value, period, counts);
               None for a sentence that does not give the figure
    parts:     the findings joined in, by slot
    relation:  "opening", "elaboration", "concession", "contrast", "sequence" or
               "definition break": how this sentence relates its findings (for `explain`)
    why:       the reason the relation was chosen, for `explain`
    extra:     further values for the join (label, same_period, moved, target_concedes)
    """

    join: str
    relation: str
    why: str
    opening: Finding | None = None
    parts: tuple[Part, ...] = ()
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def findings(self) -> tuple[Finding, ...]:
        """Every finding this sentence says, the opening first."""
        found = [self.opening] if self.opening is not None else []
        for part in self.parts:  # a finding said in two slots (position, standing) once
            if not any(part.finding is f for f in found):
                found.append(part.finding)
        return tuple(found)


@dataclass(frozen=True)
class ParagraphPlan:
    """An indicator's sentences in order, and what was left out and why; `salience`: every
    finding's score, strongest first (narrator.language.salience; empty for a paragraph
    without a latest figure)."""

    role: GroupRole
    shape: Shape
    sentences: tuple[PlannedSentence, ...]
    left_out: tuple[tuple[str, str], ...] = ()
    salience: tuple[Score, ...] = ()


def alone(finding: Finding, relation: str = "sequence", why: str = "") -> PlannedSentence:
    """A finding said on its own: a one-part sentence (the `alone` join)."""
    part = Part("part", finding, finding.key)
    return PlannedSentence("alone", relation, why, parts=(part,))


def _fact_of(finding: Finding | None, kind: type[F]) -> F | None:
    """The finding's fact when it is of `kind`; None otherwise (or without a finding)."""
    return finding.fact if finding is not None and isinstance(finding.fact, kind) else None


def relation_of(travel: Finding, quartile: Finding) -> tuple[str, str]:
    """Elaboration or concession between a change and the quartile position, with why.

    They pull apart when an improvement leaves the area in the lower half (third or fourth
    quartile) or moving down, or a change for the worse leaves it in the upper half or moving
    up; otherwise (or when the change has no judgement) they agree."""
    change, position = travel.fact, quartile.fact
    assert isinstance(change, Change) and isinstance(position, QuartilePosition)
    judgement = change.judgement
    if judgement not in (Judgement.IMPROVED, Judgement.WORSENED):
        return "elaboration", "the change has no judgement to set against the position"
    moved = position.movement
    good = moved is Movement.UP or (moved is not Movement.DOWN and position.quartile <= 2)
    where = f"quartile {position.quartile} ({moved.value})"
    said = judgement.value
    if (judgement is Judgement.IMPROVED) is good:
        return "elaboration", f"the change ({said}) and the position, {where}, agree"
    return "concession", f"the change ({said}) and the position, {where}, pull apart"


def _target_part(finding: Finding) -> Part:
    """A judged target's part: a missed target by its kind, so a ceiling is not 'short of'."""
    result = finding.fact
    assert isinstance(result, TargetResult)
    return Part("target", finding, TARGET_PARTS[(bool(result.met), result.kind)])


@dataclass
class _Findings:
    """One indicator's findings, sorted by what the planner does with each."""

    level: Finding | None = None
    change: Finding | None = None  # a measured change, joined
    change_alone: Finding | None = None  # any other travel finding, said on its own
    counts: Finding | None = None
    quartile: Finding | None = None
    comparators: Finding | None = None
    target: Finding | None = None  # judged (met or missed)
    target_alone: Finding | None = None  # stated, not judged
    year_earlier: Finding | None = None  # the history's year-earlier figure
    series: Finding | None = None  # the history's run and record
    record: Finding | None = None  # the area's own record in the national tables
    others: list[Finding] = field(default_factory=list)

    @classmethod
    def sort(cls, findings: list[Finding]) -> _Findings:
        """Each finding to its place by its fact. The national tables' quartile and averages
        are the same facts as the dashboard's, on the same route; where both give a quartile
        (or averages), the tables' (computed, as the summary counts it) is said, never two."""
        out = cls()
        for f in findings:
            fact = f.fact
            if isinstance(fact, QuartilePosition):
                if out.quartile is None or fact.source is not QuartileSource.DASHBOARD:
                    out.quartile = f
            elif isinstance(fact, AverageComparison):
                out.comparators = f  # with national tables, rules.comparators gives none
            elif isinstance(fact, PublishedRecord):
                out.record = f
            elif isinstance(fact, LatestFigure):
                out.level = f
            elif isinstance(fact, Change):
                if fact.kind is ChangeKind.MEASURED:
                    out.change = f
                else:
                    out.change_alone = f
            elif isinstance(fact, CountChange):
                out.counts = f
            elif isinstance(fact, TargetResult):
                if fact.met is None:
                    out.target_alone = f
                else:
                    out.target = f
            elif isinstance(fact, YearEarlier):
                out.year_earlier = f
            elif isinstance(fact, SeriesRun):
                out.series = f
            else:
                out.others.append(f)
        return out

    def behind(self) -> Finding | None:
        fact = _fact_of(self.counts, CountChange)
        return self.counts if fact and fact.relation is CountRelation.BEHIND else None

    def against(self) -> Finding | None:
        fact = _fact_of(self.counts, CountChange)
        return self.counts if fact and fact.relation is CountRelation.AGAINST else None

    def joinable_quartile(self) -> Finding | None:
        fact = _fact_of(self.quartile, QuartilePosition)
        return self.quartile if fact and fact.with_figure else None


@dataclass
class _Draft:
    """A paragraph plan being built."""

    role: GroupRole
    shape: Shape
    sentences: list[PlannedSentence] = field(default_factory=list)
    left_out: list[tuple[str, str]] = field(default_factory=list)
    salience: tuple[Score, ...] = ()

    def done(self) -> ParagraphPlan:
        return ParagraphPlan(
            self.role, self.shape, tuple(self.sentences), tuple(self.left_out), self.salience
        )


def plan_paragraph(
    findings: list[Finding],
    ctx: Context,
    *,
    role: GroupRole = GroupRole.ALONE,
    shape: Shape | None = None,
    same_period: bool = False,
    same_previous: bool = False,
) -> ParagraphPlan:
    """Arrange one indicator's findings (in rule order) into sentences.

    What leads is the salience's choice (narrator.language.salience): a record, an unusual
    movement or a quartile change joins the opening; a missed target stays there; a paragraph
    with nothing notable says its figure, then its change. `shape`: a caller's own choice of
    where the change goes (None: the salience's); a group's later members always say the
    change in their opening. `same_period`:
    a later member's latest period is the group opening's, so its sentence need not say it;
    `same_previous`: its previous period is the opening's too, named there once (issue 23: "the
    Spring term 2024" three times in one paragraph), so its change leaves it out.
    """
    found = _Findings.sort(findings)
    level_fact = _fact_of(found.level, LatestFigure)
    if level_fact is None or not level_fact.present:
        # nothing to join to: every finding says itself, in rule order
        bare = _Draft(
            role, shape or Shape.CHANGE_WITH_POSITION, [_without_figure(f, found) for f in findings]
        )
        _averages_history(found, bare)
        return bare.done()
    assert found.level is not None
    left_out: list[tuple[str, str]] = []
    _drop_target(found, ctx, left_out)
    _target_details(found, ctx, left_out)
    choice = choose(ctx, _held(found))
    lead = _choose_shape(found, ctx, role, shape, choice)
    draft = _Draft(role, lead.shape, left_out=left_out, salience=choice.scores)
    if found.counts is not None:
        draft.left_out.append(("counts in brackets", "the count's own clause states both counts"))
    opening, target_after = _opening(found, ctx, draft, (same_period, same_previous), lead)
    draft.sentences.append(_join_unlike(found, ctx, opening))
    if _absent(found.change_alone):
        why_a = "no previous figure: a sentence about an absent comparison adds nothing"
        draft.left_out.append(("the previous figure's absence", why_a))
    elif found.change_alone is not None:
        draft.sentences.append(_change_alone(found.change_alone))
    position_done = _change_sentence(found, draft)
    _history_alone(found, draft)
    if target_after is not None:
        draft.sentences.append(target_after)
    against = found.against()
    if against is not None:
        part = Part("part", against, against.key)
        why_c = "the count moved the other way from the percentage: a fact of its own"
        draft.sentences.append(PlannedSentence("alone", "contrast", why_c, parts=(part,)))
    _averages_history(found, draft)
    if any(f is found.comparators for f, _ in choice.left_out):
        why_n = "the figure is within half a slight margin of each average: the quartile says it"
        draft.left_out.append(("the averages", why_n))
        found.comparators = None
    _stated(found, draft, position_done)
    _position_and_averages(found, draft, position_done)
    if found.target_alone is not None:
        draft.sentences.append(alone(found.target_alone, "sequence", "a target stated, not judged"))
    for finding in found.others:
        draft.sentences.append(alone(finding, "sequence", "a finding the planner does not join"))
    if lead.why:
        draft.left_out.append((f"the paragraph's shape ({lead.shape.value})", lead.why))
    return draft.done()


def _without_figure(finding: Finding, found: _Findings) -> PlannedSentence:
    """A finding said on its own where there is no latest figure to join to: the national
    tables' quartile with the area first, their averages by their own join; the rest alone."""
    why = "no latest figure to join to"
    position = _fact_of(finding, QuartilePosition)
    if position is not None and position.ranking is not None:
        part = Part("part", finding, _subject_key(finding))
        return PlannedSentence("alone", "sequence", why, parts=(part,))
    averages = _fact_of(finding, AverageComparison)
    if finding is found.comparators and averages and averages.published and not averages.stated:
        part = Part("compare", finding, finding.key)
        return PlannedSentence("compare.published", "sequence", why, parts=(part,))
    return alone(finding, "sequence", why)


def _drop_target(found: _Findings, ctx: Context, left_out: list[tuple[str, str]]) -> None:
    """Leave the judged target out where the config says targets are not mentioned (`never`,
    or `when_missed` and it is met)."""
    mention = ctx.settings.targets
    result = _fact_of(found.target, TargetResult)
    if found.target_alone is not None and mention == "never":
        left_out.append(("target", f"the config says targets: {mention}"))
        found.target_alone = None
    if result is not None and (mention == "never" or (mention == "when_missed" and result.met)):
        left_out.append(("target", f"the config says targets: {mention}"))
        found.target = None


def _target_details(found: _Findings, ctx: Context, left_out: list[tuple[str, str]]) -> None:
    """Leave out of a judged target the margin where the config says margins are not said
    (`target_margins: never`, or `when_missed` and it is met), and the council's own status
    word unless the config says to quote it (`status_words: true`)."""
    result = _fact_of(found.target, TargetResult)
    if found.target is None or result is None:
        return
    margins = ctx.settings.target_margins
    drop: list[str] = []
    unsaid = margins == "never" or (margins == "when_missed" and result.met)
    if result.margin is not None and unsaid:
        left_out.append(("the target's margin", f"the config says target_margins: {margins}"))
        drop.append("margin")
    if result.status is not None and not ctx.settings.status_words:
        drop.append("status")  # quoted only when the config asks
    found.target = _leave(found.target, tuple(drop))


@dataclass(frozen=True)
class _Lead:
    """What the opening holds beside the figure: the change (the shape), the target (False:
    a sentence of its own after the change and its history) and the record that leads (the
    history's or the national tables' own; None: said where it falls); `why`, for
    `explain` ("" when the caller chose the shape)."""

    shape: Shape
    why: str
    target_in_opening: bool = True
    record: Part | None = None


# The salience kinds whose finding leads from the opening by joining the change to it, and
# the conflicts said there: a change and a target that pull apart, joined by "but" ("an
# improvement of 5.3 percentage points ... but below the 90% target").
_CHANGE_LEADS = (Kind.MOVEMENT, Kind.QUARTILE)
_TARGET_CONFLICTS = (Basis.BETTER_TARGET_MISSED, Basis.WORSE_TARGET_MET)


def _held(found: _Findings) -> list[Finding]:
    """The findings the planner still holds (a target the config leaves unsaid is not)."""
    held = (found.level, found.change, found.counts, found.quartile, found.comparators)
    rest = (found.target, found.year_earlier, found.series, found.record)
    return [f for f in (*held, *rest) if f is not None] + list(found.others)


def _record_lead(found: _Findings, ctx: Context, choice: Choice) -> Part | None:
    """The record that leads the paragraph, as the part joined to its figure ("was 0.07%, the
    highest in the eight years published (since 2015/16)", "was 42.6, the lowest of the last
    seven quarters"); None when no record leads, or the opening would run too long with it
    (it is then said where it falls). It is taken from where it would be said: the national
    tables' sentence, or the history's run (whose streak stays with the change)."""
    lead = choice.lead
    if lead is None or lead.kind is not Kind.RECORD or not _record_fits(found, ctx):
        return None
    published = _fact_of(found.record, PublishedRecord)
    if lead.basis is Basis.NATIONAL_RECORD:
        if published is None or found.record is None or lead.finding is not found.record:
            return None
        # only where the change (if any) leads to it: a fall to "the highest" would read as a
        # contradiction (the published series and the dashboard may differ)
        change = _fact_of(found.change, Change)
        towards = Direction.INCREASE if published.highest else Direction.DECREASE
        if change is not None and change.moved and change.direction is not towards:
            return None
        record, found.record = found.record, None  # said here: not joined to the change again
        return Part("record", record, LEAD_RECORD_PARTS[published.highest])
    run = _fact_of(found.series, SeriesRun)
    if found.series is None or run is None or run.record is None:
        return None
    series = found.series
    found.series = None
    if run.streak is not None:  # the run stays with the change it extends
        found.series = Finding(
            series.rule, "series.streak", series.values, SeriesRun(run.streak, None)
        )
    record = Finding(series.rule, "series.record", series.values, SeriesRun(None, run.record))
    return Part("record", record, HISTORY_PARTS[(False, True)])


def _choose_shape(
    found: _Findings, ctx: Context, role: GroupRole, shape: Shape | None, choice: Choice
) -> _Lead:
    """What the opening holds, by salience (`shape`: a caller's own choice of where the
    change goes, kept unless a concession or the length overrides it). A group's later
    member says its change at once. A record that leads joins the figure, the change a
    sentence of its own. An unusual movement or a quartile change joins the change to the
    figure (seed para 15, 17), as do a change that did not move and a change that pulls
    apart from a target it narrowly misses or meets ("... but below the 90% target"); a
    concession needs the
    change and the position in one sentence (seed para 18) unless the quartile crossed into or
    out of the top or bottom one (then a fact of its own, para 15). A missed target stays
    beside the figure, or (when both would run past LONGEST_OPENING words) follows the change
    that leads in a sentence of its own; an opening that would run past it anyway leaves the
    change a sentence of its own. Nothing notable: the figure, then its change."""
    if role in (GroupRole.MEMBER, GroupRole.OVERALL):
        return _Lead(Shape.CHANGE_IN_OPENING, "")
    record = _record_lead(found, ctx, choice) if shape is None else None
    quartile = found.joinable_quartile()
    lead = choice.lead
    leads = lead is not None and (lead.kind in _CHANGE_LEADS or lead.basis in _TARGET_CONFLICTS)
    # a figure that did not move says so at once ("77.8%, unchanged from ..."): "This figure
    # is unchanged from ..." is a sentence that only repeats it
    still = (fact := _fact_of(found.change, Change)) is not None and not fact.moved
    wanted = (
        shape
        if shape is not None
        else (Shape.CHANGE_IN_OPENING if leads or still else Shape.CHANGE_WITH_POSITION)
    )
    if found.change is None:
        return _Lead(wanted, "", record=record)
    if wanted is Shape.CHANGE_WITH_POSITION:
        why = _why_apart(choice) if shape is None else ""
        if shape is None and record is None and lead is not None and lead.kind is Kind.RECORD:
            why = (
                "the record is said where it falls: the opening would run long with it, or the "
                "change moves away from it"
            )
        return _Lead(wanted, why, record=record)
    # a quartile crossing into or out of the top or bottom quartile is a fact of its own, said
    # after the change with the area first even where they pull apart (seed para 15: "...
    # decreased to 25.2% ... Leicestershire is now placed in the third quartile")
    edge = shape is None and _crosses_edge(choice)
    if quartile is not None and not edge and relation_of(found.change, quartile)[0] == "concession":
        why = "the change and the position pull apart: said in one sentence"
        return _Lead(Shape.CHANGE_WITH_POSITION, why, record=record)
    why = "" if shape is not None else _why_leads(choice) if leads else _UNMOVED
    if _opening_words(found, ctx) <= LONGEST_OPENING:
        return _Lead(Shape.CHANGE_IN_OPENING, why, record=record)
    result = _fact_of(found.target, TargetResult)
    moving = lead is not None and lead.kind in _CHANGE_LEADS
    if shape is None and moving and result is not None and result.met is False:
        without = _opening_words(found, ctx) - WORDS["target"]
        if without <= LONGEST_OPENING:
            why += f"; with the target it would run past {LONGEST_OPENING} words: the target"
            why += " follows in a sentence of its own"
            return _Lead(Shape.CHANGE_IN_OPENING, why, target_in_opening=False, record=record)
    return _Lead(
        Shape.CHANGE_WITH_POSITION,
        "the figure, its counts, the change and the target would run past "
        f"{LONGEST_OPENING} words: the change is a sentence of its own",
        record=record,
    )


_UNMOVED = "the figure did not move: its change is said with it"


def _crosses_edge(choice: Choice) -> bool:
    """The quartile leads, moved into or out of the top or bottom quartile."""
    lead = choice.lead
    return lead is not None and lead.kind is Kind.QUARTILE and lead.strength is Strength.STRONG


def _why_leads(choice: Choice) -> str:
    """Why the change joins the opening (for `explain`)."""
    lead = choice.lead
    assert lead is not None
    measured = ""
    if lead.amount is not None and lead.limit is not None:
        measured = f" ({lead.amount:.1f} against {lead.limit:.1f})"
    return f"the {lead.kind.value} leads: {lead.basis.value}{measured}"


def _why_apart(choice: Choice) -> str:
    """Why the change is a sentence of its own (for `explain`)."""
    lead = choice.lead
    if lead is None:
        return "nothing notable: the figure, then its change"
    return f"the {lead.kind.value} leads ({lead.basis.value}): the change follows the figure"


LONGEST_OPENING = 36
# An opening that holds a record but not the change: the estimate (WORDS) runs long (a figure is
# 8 words, a target 5), so this one may reach a little further and still stay under 45 words.
LONGEST_RECORD_OPENING = LONGEST_OPENING + 4


def _figure_words(ctx: Context) -> int:
    """An estimate of an opening's subject and its figure with its period."""
    return len((ctx.subject or ctx.name).split()) + WORDS["figure"]


def _record_fits(found: _Findings, ctx: Context) -> bool:
    """Whether the figure, its counts, a record and the target fit in the opening."""
    level = found.level.values if found.level is not None else {}
    total = _figure_words(ctx)
    said = level.get("counts") is not None and found.counts is None  # else the count's clause
    total += WORDS["opening_record"] + (WORDS["counts"] if said else 0)
    total += WORDS["target"] if found.target is not None else 0
    return total <= LONGEST_RECORD_OPENING


def _opening_words(found: _Findings, ctx: Context) -> int:
    """An estimate of the opening's length with the change joined to it."""
    level = found.level.values if found.level is not None else {}
    change = found.change.values if found.change is not None else {}
    total = _figure_words(ctx)
    total += WORDS["change"] + (WORDS["change"] if found.behind() else 0)
    if level.get("counts") is not None:
        total += WORDS["counts"]
    if change.get("previous_counts") is not None:
        total += WORDS["previous_counts"]
    if found.target is not None:
        total += WORDS["target"]
    return total


def _change_part(found: _Findings) -> Part | None:
    """The change as a part, leaving out the previous counts a count's own clause states."""
    if found.change is None:
        return None
    leave = ("previous_counts",) if found.counts is not None else ()
    return Part("change", found.change, found.change.key, leave)


def _history_part(found: _Findings, words: int = 0) -> Part | None:
    """The history's run and record, joined to the change they extend; else the area's own
    record in the national tables, where the sentence (about `words` words without it) stays
    within SENTENCE_WORDS. None without either, or without a change."""
    run = _fact_of(found.series, SeriesRun)
    if found.change is None:
        return None
    if run is not None and found.series is not None:
        key = HISTORY_PARTS[(run.streak is not None, run.record is not None)]
        return Part("history", found.series, key)
    record = _fact_of(found.record, PublishedRecord)
    change = _fact_of(found.change, Change)
    if record is None or found.record is None or change is None:
        return None
    # "an increase ..., now the highest figure": only where the change leads to the record
    towards = Direction.INCREASE if record.highest else Direction.DECREASE
    if change.direction is not towards or words + WORDS["record"] > SENTENCE_WORDS:
        return None
    return Part("history", found.record, RECORD_PARTS[record.highest])


def _history_alone(found: _Findings, draft: _Draft) -> None:
    """The year-earlier figure after the change, the run and record without a change, and the
    area's own record in the national tables where no sentence has it joined."""
    if found.year_earlier is not None:
        draft.sentences.append(alone(found.year_earlier, "sequence", "a year earlier, said once"))
    if found.series is not None and found.change is None:
        draft.sentences.append(alone(found.series, "sequence", "no change to join the run to"))
    record = found.record
    if record is not None and not any(record in s.findings for s in draft.sentences):
        why = "the area's own record: no change to join it to, or the sentence would run long"
        draft.sentences.append(alone(record, "sequence", why))


def _behind_part(found: _Findings) -> Part | None:
    behind = found.behind()
    return Part("behind", behind, behind.key) if behind is not None and found.change else None


def _opening(
    found: _Findings, ctx: Context, draft: _Draft, same: tuple[bool, bool], lead: _Lead
) -> tuple[PlannedSentence, PlannedSentence | None]:
    """The paragraph's first sentence: the latest figure, with the change (in the shape that
    says it at once), the area's record that leads it and the judged target joined; and the
    target's own sentence (said after the change's history) when it does not fit beside a
    change that leads, else None. `same`: a group member's latest and previous periods are
    its opening member's (each named there once)."""
    assert found.level is not None
    same_period, same_previous = same
    parts: list[Part] = []
    why = ["the latest figure opens the paragraph"]
    change = _change_part(found)
    member = draft.role in (GroupRole.MEMBER, GroupRole.OVERALL)
    if change is not None and member and same_previous:
        change = Part(
            change.slot, change.finding, change.key, (*change.leave_out, "previous_period")
        )
        why.append("the previous period was named by the group's opening member")
    if lead.record is not None:
        parts.append(lead.record)
        why.append("the record leads: said with the figure it is a record of")
    in_opening = change is not None and draft.shape is Shape.CHANGE_IN_OPENING
    if in_opening and change is not None:
        parts.append(change)
        why.append(f"the change is joined to the figure ({lead.why or 'this paragraph’s shape'})")
        parts += _extends(found, ctx, why)
    target = found.target if lead.target_in_opening else None
    if target is not None:
        parts.append(_target_part(target))
        why.append("the target is joined to the figure it is measured against")
    extra: dict[str, object] = {"label": None, "same_period": False}
    if member:
        extra = {"label": ctx.entry.label if ctx.entry else None, "same_period": same_period}
    extra |= _change_values(found.change, target if in_opening else None)
    if in_opening and target is not None and extra["target_concedes"]:
        why.append("the target concedes: the change and the target pull apart")
    join = {GroupRole.MEMBER: "member", GroupRole.OVERALL: "overall"}.get(draft.role, "opening")
    level = _leave(found.level, ("counts",) if found.counts is not None else ())
    relation = "opening" if not parts else "elaboration"
    said = PlannedSentence(
        join, relation, "; ".join(why), opening=level, parts=tuple(parts), extra=extra
    )
    if found.target is None or target is not None:
        return said, None
    why_t = "the change leads the opening; the missed target follows it and its history"
    return said, PlannedSentence("target", "sequence", why_t, parts=(_target_part(found.target),))


def _extends(found: _Findings, ctx: Context, why: list[str]) -> list[Part]:
    """The parts that extend a change joined to the opening: the history's run and record (or
    the area's record in the national tables, where the opening stays short), the count behind
    a tiny percentage."""
    parts: list[Part] = []
    history = _history_part(found, _opening_words(found, ctx))
    if history is not None:
        parts.append(history)
        why.append("the history's run and record extend the change")
    behind = _behind_part(found)
    if behind is not None:
        parts.append(behind)
        why.append("the count behind a tiny percentage carries the change's size")
    return parts


def _absent(finding: Finding | None) -> bool:
    """The change finding says only that there is no previous figure (nothing to compare)."""
    fact = _fact_of(finding, Change)
    return fact is not None and fact.kind is ChangeKind.NO_PREVIOUS


def _change_alone(finding: Finding) -> PlannedSentence:
    """A change that is not measured between like periods: a sentence of its own."""
    fact = finding.fact
    assert isinstance(fact, Change)
    if fact.kind is ChangeKind.NOT_COMPARABLE:
        why = "the catalogue declares a definition change between the periods: no judgement"
        return alone(finding, "definition break", why)
    return alone(finding, "sequence", "there is no previous figure to compare with")


def _join_unlike(found: _Findings, ctx: Context, opening: PlannedSentence) -> PlannedSentence:
    """The opening with a previous figure for another window joined to it, stated, not
    compared ("..., compared with 142.1 for April to June 2023"), and a target stated beside a
    figure so far joined too where no position or averages will carry it and the sentence stays
    within SENTENCE_WORDS. The opening unchanged for any other paragraph (a group member's, a
    measured change, a definition break, a projection)."""
    unlike = found.change_alone
    fact = _fact_of(unlike, Change)
    if unlike is None or fact is None or fact.kind is not ChangeKind.UNLIKE:
        return opening
    if opening.join != "opening" or any(p.slot in ("change", "target") for p in opening.parts):
        return opening
    found.change_alone = None
    parts = [*opening.parts, Part("change", unlike, STATED_PARTS[0])]
    why = f"{opening.why}; the previous figure is for another window: joined, stated, not compared"
    words = _figure_words(ctx) + 2 * WORDS["unlike"]
    carried = found.quartile is not None or found.comparators is not None
    if found.target_alone is not None and not carried and words <= SENTENCE_WORDS:
        parts.append(Part("target", found.target_alone, STATED_PARTS[1]))
        why += "; the target stated beside it, not judged"
        found.target_alone = None
    return replace(opening, parts=tuple(parts), why=why, relation="elaboration")


def _stated(found: _Findings, draft: _Draft, position_done: bool) -> None:
    """Averages for a whole year beside a figure so far (stated, not compared) in one sentence
    with the position, area first, and a target stated, not judged: "Westmoor is in the second
    quartile of local authorities; the England average is 560.8, and the target is no more
    than 560.0." Nothing when the averages are compared (or absent): the position and averages
    then take their own route, and a stated target its own sentence."""
    averages = _fact_of(found.comparators, AverageComparison)
    if averages is None or not averages.stated or found.comparators is None:
        return
    parts: list[Part] = []
    quartile = found.quartile
    position = _fact_of(quartile, QuartilePosition)
    if quartile is not None and position is not None and position.with_figure:
        if not position_done:
            parts.append(Part("position", quartile, _subject_key(quartile)))
        found.quartile = None
    parts.append(Part("compare", found.comparators, found.comparators.key))
    found.comparators = None
    if found.target_alone is not None:
        parts.append(Part("target", found.target_alone, found.target_alone.key))
        found.target_alone = None
    why = "a figure so far: the position, the whole year's averages and target stated, not judged"
    draft.sentences.append(PlannedSentence("stated", "sequence", why, parts=tuple(parts)))


# About how many words each piece of a sentence takes, besides the subject's own words, for
# keeping sentences short (officers' run 15 to 30 words; issue 23: at most one in twenty over 40,
# none over 45): in an opening, the figure and its period, the counts in brackets, the change
# with its previous figure, the previous counts, the target, a record said with the figure
# (`opening_record`), a previous figure for another window or a target stated beside it
# ("compared with 142.1 for April to June 2023": `unlike`); in a later sentence, the join's own
# words, the count behind the change, the area's record in the national tables (`record`), the
# dashboard history's run and record, a quartile position (the tables' adds its year and rank:
# `benchmark`), an average compared. An opening with the change in it is kept to about
# LONGEST_OPENING words, any other sentence to SENTENCE_WORDS.
WORDS = {
    "figure": 6,
    "counts": 5,
    "change": 12,
    "previous_counts": 5,
    "target": 7,
    "opening_record": 9,
    "unlike": 8,
    "join": 3,
    "behind": 12,
    "record": 10,
    "streak": 6,
    "series_record": 9,
    "position": 11,
    "benchmark": 7,
    "average": 10,
}
SENTENCE_WORDS = 40


def _position_words(quartile: Finding) -> int:
    position = quartile.fact
    ranked = isinstance(position, QuartilePosition) and position.ranking is not None
    return WORDS["position"] + (WORDS["benchmark"] if ranked else 0)


def _change_words(found: _Findings) -> int:
    """An estimate of the change's own sentence, with the dashboard history's run and record
    it extends, without the position and the national tables' record."""
    change = found.change.values if found.change is not None else {}
    total = WORDS["join"] + WORDS["change"]
    run = _fact_of(found.series, SeriesRun)
    if run is not None:
        total += WORDS["streak"] if run.streak is not None else 0
        total += WORDS["series_record"] if run.record is not None else 0
    if change.get("previous_counts") is not None and found.counts is None:
        total += WORDS["previous_counts"]
    return total + (WORDS["behind"] if found.behind() else 0)


def _position_fits(found: _Findings, quartile: Finding, words: int) -> bool:
    """The position joins the change (about `words` words) where the sentence stays within
    SENTENCE_WORDS. Where the position and the area's own record the change leads to do not
    both fit, the record is joined and the position said after (officers lead with a record),
    unless the position concedes (a concession needs the one sentence)."""
    total = words + _position_words(quartile)
    if total > SENTENCE_WORDS:
        return False
    record = _history_part(found, words)
    if record is None or record.finding is not found.record:
        return True
    if total + WORDS["record"] <= SENTENCE_WORDS:
        return True
    return found.change is not None and relation_of(found.change, quartile)[0] == "concession"


def _change_sentence(found: _Findings, draft: _Draft) -> bool:
    """The change's own sentence, when the opening does not say it: with the position
    (elaboration or concession) when there is one to join, and the history it extends, each
    where the sentence stays within SENTENCE_WORDS (`_position_fits`; a position left out is
    said with the averages, a record on its own). Whether the position was said."""
    change = _change_part(found)
    if change is None or draft.shape is Shape.CHANGE_IN_OPENING:
        return False
    words = _change_words(found)
    quartile = found.joinable_quartile()
    if quartile is not None and not _position_fits(found, quartile, words):
        why = (
            "the change with the position (and the area's record it leads to) would run long: "
            "the position is said with the averages"
        )
        draft.left_out.append(("the position joined to the change", why))
        quartile = None
    words += _position_words(quartile) if quartile is not None else 0
    behind, history = _behind_part(found), _history_part(found, words)
    parts = [change] + ([history] if history else []) + ([behind] if behind else [])
    values = _change_values(found.change, None)
    if quartile is None:
        sentence = PlannedSentence(
            "change", "sequence", "no position to join", parts=tuple(parts), extra=values
        )
        draft.sentences.append(sentence)
        return False
    relation, reason = relation_of(change.finding, quartile)
    parts.append(Part("position", quartile, quartile.key))
    if relation == "concession":
        # the concession names its subject, the area first ("although Carrowby remains in the
        # top quartile"), as `standing`; never "although it places" (whose "it" is the change).
        # `position` stays for a council's own concession phrase written around it.
        parts.append(Part("standing", quartile, _subject_key(quartile)))
    join = f"change_position.{relation}"
    draft.sentences.append(
        PlannedSentence(join, relation, reason, parts=tuple(parts), extra=values)
    )
    return True


def _subject_key(quartile: Finding) -> str:
    """The position said with the area first (on its own, or as a concession's subject): the
    dashboard's by its movement, the national tables' by where it comes from."""
    position = quartile.fact
    assert isinstance(position, QuartilePosition)
    if position.ranking is not None and position.source in BENCHMARK_PARTS:
        return BENCHMARK_PARTS[position.source]
    return POSITION_PARTS[position.movement]


def _averages_history(found: _Findings, draft: _Draft) -> None:
    """Leave out the averages' own changes on the year, runs and records (the national
    tables'), each recorded with why: officers compare the council's figure with the averages
    and never tell the averages' own histories (seed 004 paragraphs 14-34). None is said: an
    average's change does not change the reading of the council's figure, whose own change
    and position the paragraph gives."""
    fact = _fact_of(found.comparators, AverageComparison)
    for h in fact.histories if fact is not None else ():
        moved = {Direction.INCREASE: "its increase", Direction.DECREASE: "its decrease"}
        said = [f"{moved.get(h.direction, 'no change')} on {h.year}"] if h.direction else []
        said += [f"a run of {h.run} moves the same way"] if h.run else []
        said += [f"its {h.record} in the published years"] if h.record else []
        group = {"england": "England", "neighbours": "statistical neighbour"}.get(h.group, h.group)
        what = f"the {group} average's own history ({', '.join(said)})"
        draft.left_out.append((what, "an average's own history is not the council's figure"))


def _position_and_averages(found: _Findings, draft: _Draft, position_done: bool) -> None:
    """The position said with the area first, the averages joined to it where the sentence
    stays within SENTENCE_WORDS (else after it), or stated on their own when they are for a
    whole year beside a figure so far, or there is no figure of the area's to compare."""
    compare: Part | None = None
    compare_alone: Finding | None = None
    averages = _fact_of(found.comparators, AverageComparison)
    if averages is not None and averages.stated:
        # averages said, not compared ("The England average is 560.8."): no "the figure is"
        compare_alone = found.comparators
    elif found.comparators is not None:
        compare = Part("compare", found.comparators, found.comparators.key)
    quartile = found.quartile
    if quartile is not None and not position_done:
        position = quartile.fact
        assert isinstance(position, QuartilePosition)
        if position.with_figure:
            parts = [Part("position", quartile, _subject_key(quartile))]
            items = found.comparators.values.get("items") if found.comparators else None
            count = len(items) if isinstance(items, list) else 0
            joined = _position_words(quartile) + WORDS["join"] + count * WORDS["average"]
            fits = joined <= SENTENCE_WORDS
            if compare is not None and fits:
                parts.append(compare)
                compare = None
            reason = "the position with the averages it is measured by"
            draft.sentences.append(
                PlannedSentence("position", "elaboration", reason, parts=tuple(parts))
            )
        else:
            part = Part("part", quartile, quartile.key)
            if position.ranking is not None:
                part = Part("part", quartile, _subject_key(quartile))
            why_q = "the quartile has no latest figure"
            draft.sentences.append(PlannedSentence("alone", "sequence", why_q, parts=(part,)))
    if compare is not None:
        join = "compare.published" if averages is not None and averages.published else "compare"
        draft.sentences.append(
            PlannedSentence(join, "sequence", "the averages follow", parts=(compare,))
        )
    if compare_alone is not None:
        why_s = "averages for a whole year beside a figure so far: stated, not compared"
        draft.sentences.append(alone(compare_alone, "sequence", why_s))


def _change_values(change: Finding | None, target: Finding | None) -> dict[str, object]:
    """`moved`: the change has a direction; `target_concedes`: the change and the target pull
    apart (an improvement still short of the target, a change for the worse that meets it)."""
    fact = change.fact if change is not None else None
    judgement = fact.judgement if isinstance(fact, Change) else None
    moved = isinstance(fact, Change) and fact.moved
    result = target.fact if target is not None else None
    concedes = isinstance(result, TargetResult) and (
        (judgement is Judgement.IMPROVED and result.met is False)
        or (judgement is Judgement.WORSENED and result.met is True)
    )
    return {"moved": moved, "target_concedes": concedes}


def _leave(finding: Finding, names: tuple[str, ...]) -> Finding:
    """The finding with `names` set to None: said elsewhere in the paragraph."""
    if not names:
        return finding
    values = {k: (None if k in names else v) for k, v in finding.values.items()}
    return Finding(finding.rule, finding.key, values, finding.fact)
