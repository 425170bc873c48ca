"""`narrator explain`: why an indicator's paragraph says what it says.

Shows the indicator as parsed (with the cell each value came from), how it was resolved against
the catalogue, then for each rule its finding (phrase key and values) and the sentence the
phrasebook made of it.
"""

from __future__ import annotations

from dataclasses import fields
from decimal import Decimal
from enum import Enum
from pathlib import Path

from narrator.context import Context
from narrator.errors import ConfigError, Location
from narrator.intake.resolve import timing_of
from narrator.language.findings import Clause
from narrator.language.period_refs import PeriodRef
from narrator.language.plan import GroupRole, ParagraphPlan
from narrator.language.realise import Realiser, Sentence
from narrator.language.rules import apply_rules
from narrator.language.sizes import SizeBasis, size_basis
from narrator.model import Frequency, Indicator, Polarity, Rag, Target, TargetKind
from narrator.officer_files import normalise_name
from narrator.quantity import Quantity
from narrator.units import Unit


def _show(value: object) -> str:
    if isinstance(value, Quantity):
        return f"{value.rounded} ({value.unit.phrase}, {value.decimals} dp)"
    if isinstance(value, PeriodRef):
        shown = " +year" if value.show_year else ""
        return f"{value.period.canonical()} [{value.period.kind.value}{shown}]"
    if isinstance(value, Clause):
        inner = ", ".join(f"{k}={_show(v)}" for k, v in value.values.items())
        return f"<{value.key}: {inner}>"
    if isinstance(value, list):
        return "[" + "; ".join(_show(v) for v in value) + "]"
    if isinstance(value, Enum | Target):
        return _plain(value)
    return repr(value)


def _size_reason(basis: SizeBasis, ctx: Context) -> str:
    """Why the size word is what it is: the measured change against its unit's bands, each
    named where it was set (the phrasebook's `sizes.<unit>.<band>`, or the config's
    `rules.<band>_points`/`rules.<band>_relative` that overrides it)."""
    if basis.amount is None:
        return "there is no relative change from zero, so the change is unqualified"
    if basis.points:
        measured = f"the change, {basis.amount} percentage points,"
    else:
        measured = f"the relative change, {round(basis.amount, 1)}%"
        if ctx.unit is Unit.PERCENTAGE:
            below = ctx.settings.relative_below_points
            measured += f" (both figures are below relative_below_points {below}%)"
        measured += ","
    for i, (name, limit) in enumerate(basis.bands):
        if basis.amount <= limit:
            above = f" and above {basis.bands[i - 1][0]} {basis.bands[i - 1][1]}" if i else ""
            return f"{measured} is at most {name} {limit}{above}"
    name, limit = basis.bands[-1]
    return f"{measured} is above {name} {limit}"


def _plan_lines(plan: ParagraphPlan, sentences: list[Sentence]) -> list[str]:
    """The paragraph plan: which findings went into which sentence, joined how and why."""
    where = {
        GroupRole.ALONE: "its own paragraph",
        GroupRole.OPENING: "opens its group's paragraph",
        GroupRole.MEMBER: "a later member of its group's paragraph",
        GroupRole.OVERALL: "closes its group's paragraph (overall)",
    }[plan.role]
    lines = [f"Plan: {where}; shape: {plan.shape.value}"]
    for i, (planned, sentence) in enumerate(zip(plan.sentences, sentences, strict=True), 1):
        said = ", ".join(f.rule for f in planned.findings)
        phrase = sentence.key  # the phrase used, by its full key ("plan.joins.alone")
        lines.append(f"  sentence {i}: {said} — {planned.relation}")
        lines.append(f"      because {planned.why}")
        for part in planned.parts:
            left = f" (leaving out {', '.join(part.leave_out)})" if part.leave_out else ""
            lines.append(f"      {part.slot}: plan.parts.{part.key}{left}")
        lines.append(f"    phrase {phrase} (variant {sentence.variant + 1}):")
        lines.append(f"    -> {sentence.text}")
    for what, why in plan.left_out:
        lines.append(f"  left out: {what}, because {why}")
    for score in plan.salience:  # strongest first: the first NOTABLE or STRONG one leads
        measured = ""
        if score.amount is not None and score.limit is not None:
            measured = f", {score.amount:.1f} against {score.limit:.1f}"
        lines.append(
            f"  salience: {score.finding.rule} — {score.kind.value}, "
            f"{score.strength.name.lower()} ({score.basis.value}{measured})"
        )
    return lines


_POLARITY = {
    Polarity.HIGH_IS_GOOD: "high is good",
    Polarity.LOW_IS_GOOD: "low is good",
    Polarity.NONE: "neither high nor low is good (no judgement is made)",
}
_TARGET = {
    TargetKind.ABOVE: "more than {}",
    TargetKind.AT_LEAST: "at least {}",
    TargetKind.BELOW: "less than {}",
    TargetKind.AT_MOST: "at most {}",
    TargetKind.EQUAL: "exactly {}",
    TargetKind.INCREASE: "an increase",
    TargetKind.REDUCE: "a reduction",
    TargetKind.TOP_QUARTILE: "the top quartile",
}
_RAG = {Rag.GREEN: "Green", Rag.AMBER: "Amber", Rag.RED: "Red"}
_FREQUENCY = {
    Frequency.MONTH: "monthly",
    Frequency.QUARTER: "quarterly",
    Frequency.TERM: "termly",
    Frequency.ANNUAL: "annual",
}
_LABELS = {
    "percent_sign": "figures carry a % sign",
    "decimals": "decimal places",
    "rag": "RAG rating",
}


def _target_words(target: Target) -> str:
    """'more than 90.3%' for '>90.3%': the target's kind in words, its figure as written."""
    figure = target.text.strip().lstrip("<>=≥≤ ").strip() if target.text else ""
    if not figure and target.value is not None:
        figure = str(target.value)
    return _TARGET[target.kind].format(figure)


def _plain(value: object) -> str:
    """A parsed value in the words an officer uses (never a Python repr)."""
    if isinstance(value, Polarity):
        return _POLARITY[value]
    if isinstance(value, Target):
        return _target_words(value)
    if isinstance(value, Rag):
        return _RAG[value]
    if isinstance(value, Frequency):
        return _FREQUENCY[value]
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Enum):
        return str(value.value).replace("_", " ")
    return str(value)


def _parsed_lines(ind: Indicator) -> list[str]:
    """Each value the dashboard gave, as it wrote it (figures) or in words (polarity, target,
    RAG...), with the cell it came from and the cell's text where that says more."""
    lines = []
    for f in fields(ind):
        if f.name in ("name", "cells", "extra", "row"):
            continue
        value = getattr(ind, f.name)
        if value is None:
            continue
        cell = ind.cells.get(f.name)
        written = cell.text.strip() if cell is not None else ""
        shown = written if isinstance(value, Decimal | int) and written else _plain(value)
        source = ""
        if cell is not None:
            source = f"   <- {_cell_ref(cell.location)}"
            if written and written.lower() != shown.lower():
                source += f": {written!r}"
        lines.append(f"  {_LABELS.get(f.name, f.name.replace('_', ' '))}: {shown}{source}")
    return lines


def _cell_ref(location: Location) -> str:
    """'cell H7' or 'row 7, column "Latest Value"': where in the dashboard a value came from."""
    where = f"cell {location.cell}" if location.cell else f"row {location.row}"
    return f'{where}, column "{location.column}"' if location.column else where


def history_lines(ctx: Context) -> list[str]:
    """The history used: each period's figure and where it came from, then what the series
    says about the latest figure (year on year, streak, record), compared as printed."""
    from narrator.series_facts import series_facts

    series = ctx.history
    assert series is not None
    files = len(series.sources)
    lines = [f"History: {len(series.points)} periods from {files} dashboard{'s' * (files != 1)}"]
    for point in series.points:
        where = point.location._replace(indicator=None).describe() or point.source
        lines.append(f"  {point.period}: {point.text or point.value}   <- {where}")
    facts = series_facts(series, ctx.decimals)
    if (yoy := facts.year_on_year) is not None:
        way = {"increase": "up", "decrease": "down"}.get(yoy.direction.value)
        moved = f"{way} {abs(yoy.difference)} since" if way else "the same as"
        counts = ""
        if yoy.counts is not None:
            counts = f" (counts: {yoy.counts.then_count} then, {yoy.counts.now_count} now)"
        lines.append(
            f"  A year earlier, {yoy.year_ago.period}, the figure was {yoy.year_ago.value}: "
            f"the latest is {moved} then{counts}."
        )
    if (run := facts.streak) is not None:
        moved = "rose" if run.direction.value == "increase" else "fell"
        lines.append(
            f"  It {moved} {run.moves} time{'s' * (run.moves != 1)} in a row, from "
            f"{run.start.period} (a paragraph says a run from the third)."
        )
    if (best := facts.record) is not None:
        span = "back to the first figure held or a gap"
        if best.since is not None:
            span = f"since {best.since.period} ({best.since.value})"
        lines.append(
            f"  It is the {best.extreme.value} of the last {best.periods} periods, "
            f"{best.first.period} to {best.latest.period}: {span} (a paragraph says a record "
            "of four periods or more)."
        )
    return lines


def explain_indicator(
    config: Path, name: str, *, data: Path | None = None, layout: str | None = None
) -> str:
    """The explanation as text. Raises ConfigError when no indicator has that name (listing
    the names that exist)."""
    from narrator.pipeline import prepare

    prepared = prepare(config, data=data, layout=layout)
    wanted = normalise_name(name)
    matches = [c for c in prepared.contexts if normalise_name(c.name) == wanted]
    if not matches:
        padded = f" {wanted} "
        matches = [c for c in prepared.contexts if padded in f" {normalise_name(c.name)} "]
    if len(matches) != 1:
        names = "\n  ".join(c.name for c in (matches or prepared.contexts)) or "(none)"
        problem = "matches several indicators" if matches else "is not in the dashboard"
        raise ConfigError(str(config), f"indicator {name!r} {problem}; indicators:\n  {names}")
    ctx = matches[0]
    ind = ctx.indicator
    lines = [f"Indicator: {ind.name}", f"  row: {ind.row.describe()}", "", "Parsed values:"]
    lines += _parsed_lines(ind)
    entry = "catalogue entry" if ctx.entry else "NO catalogue entry (worded from its name)"
    lines += [
        "",
        f"Resolved: unit={ctx.unit.value}, decimals={ctx.decimals}, {entry}",
        f"  subject: {ctx.subject!r}",
        f"  noun: {ctx.noun!r}",
        f"  timing: {'flow (in the period)' if ctx.flow else 'snapshot (at its end)'}: "
        + timing_of(ctx.entry, ind.name, ctx.unit)[1],
        f"  comparison: {ctx.comparison or 'undeclared (the period just before)'}",
    ]
    if ctx.scale:  # money in thousands or millions, from the catalogue or the name ("(£000)")
        unit = "thousands" if ctx.scale == "k" else "millions"
        lines.append(f"  scale: {ctx.scale} (figures in {unit} of pounds)")
    lines.append("")
    if ctx.history is not None:
        lines += [*history_lines(ctx), ""]
    if ctx.benchmark is not None:
        from narrator.national.describe import describe

        lines += [*describe(ctx.benchmark), ""]
    lines += ["Rules:"]
    realiser = Realiser(prepared.phrasebook, prepared.config.area)
    texts = [t for t in prepared.texts or () if t.context is ctx]
    for finding in apply_rules(ctx):
        lines.append(f"  {finding.rule}: key={finding.key}")
        for key, value in finding.values.items():
            lines.append(f"      {key} = {_show(value)}")
            if key == "size":
                lines.append(f"          because {_size_reason(size_basis(ctx), ctx)}")
    if texts and texts[0].plan is not None:
        lines += ["", *_plan_lines(texts[0].plan, list(texts[0].sentences))]
    else:
        lines += ["", "Sentences:"]
        for sentence in realiser.paragraph(apply_rules(ctx), ctx):
            lines.append(f"  -> {sentence.text}")
    if texts and texts[0].commentary:
        lines += ["", f"Officer commentary appended: {texts[0].commentary}"]
    problems = [p for p in prepared.problems if p.location.indicator == ind.name]
    if problems:
        lines += ["", "Problems:"] + [f"  {p.severity.value}: {p.describe()}" for p in problems]
    return "\n".join(lines)
