"""The report-level rule: the Background section's summary of the whole dashboard (seed 004
paragraph 5), registered in `narrator.language.rules.REPORT_RULES`. No English here."""

from __future__ import annotations

from decimal import Decimal

from narrator.context import Context
from narrator.language.findings import (
    Change,
    ChangeKind,
    Clause,
    Finding,
    QuartileSummary,
    TargetResult,
    TargetSummary,
)
from narrator.model import Judgement
from narrator.quantity import Quantity
from narrator.units import Unit, round_half_up


def _stated_quartile(ctx: Context) -> int | None:
    """The quartile the paragraph states: the national tables' where computed, else the
    dashboard's (so the summary never contradicts a paragraph)."""
    bench = ctx.benchmark
    if bench is not None and (bench.quartile is not None or not bench.has_quartile):
        return bench.quartile
    return ctx.indicator.quartile


def quartile_summary(contexts: list[Context]) -> Finding:
    """How many measures are reported, how many have a national quartile, and how many sit in
    each quartile. Parts are Phrases "summary.part" for quartiles with at least one measure.
    Key "summary.quartiles", "summary.quartiles.none" when no measure has a quartile, and
    "summary.quartiles.one" when the one measure reported has one (`position` is its quartile;
    None otherwise)."""
    quartiles = [q for q in map(_stated_quartile, contexts) if q is not None]
    parts = [
        Clause("summary.part", {"count": quartiles.count(q), "position": q})
        for q in (1, 2, 3, 4)
        if quartiles.count(q)
    ]
    values: dict[str, object] = {
        "total": len(contexts),
        "benchmarked": len(quartiles),
        "parts": parts,
        "position": quartiles[0] if len(contexts) == 1 and quartiles else None,
    }
    key = "summary.quartiles" if quartiles else "summary.quartiles.none"
    if len(contexts) == 1 and quartiles:
        key = "summary.quartiles.one"  # "The one measure reported is in the top quartile."
    return Finding("summary", key, values, QuartileSummary(len(contexts), len(quartiles)))


def _has_target(ctx: Context) -> bool:
    return ctx.indicator.target is not None


def summary_parts(chosen: tuple[str, ...], contexts: list[Context]) -> tuple[str, ...]:
    """What the summary paragraph counts, in order: the config's `summary` when it names any;
    else "targets" when more than half the measures have a target and "quartiles" when more
    than half have a quartile (both when both); when neither, quartiles as reports always
    counted them, unless no measure has one and some have a target."""
    if chosen:
        return chosen
    total = len(contexts)
    targets = sum(map(_has_target, contexts))
    quartiles = sum(_stated_quartile(c) is not None for c in contexts)
    most = tuple(
        part
        for part, count in (("targets", targets), ("quartiles", quartiles))
        if 2 * count > total
    )
    if most:
        return most
    return ("targets",) if targets and not quartiles else ("quartiles",)


def target_summary(findings: list[tuple[Finding, ...]]) -> list[Finding]:
    """The targets' summary from every indicator's findings (so it never contradicts a
    paragraph): how many targets the paragraphs judge and how many are met ("summary.targets";
    ".one" for a single target, ".none" for none; `percent` met of judged, to a whole number),
    then, when any change is judged, how many improved, worsened and were unchanged
    ("summary.directions", its parts "summary.direction.<judgement>" Clauses; ".one" for a
    single change and ".all" for changes all one way, with their `judgement`)."""
    results = [f.fact for fs in findings for f in fs if isinstance(f.fact, TargetResult)]
    judged = [r for r in results if r.met is not None]
    met = sum(bool(r.met) for r in judged)
    changes = [
        f.fact.judgement
        for fs in findings
        for f in fs
        if isinstance(f.fact, Change) and f.fact.kind is ChangeKind.MEASURED
    ]
    judgements = (Judgement.IMPROVED, Judgement.WORSENED, Judgement.UNCHANGED)
    counts = {j: changes.count(j) for j in judgements}
    fact = TargetSummary(len(findings), len(judged), met, *counts.values())
    percent = round_half_up(Decimal(100 * met) / len(judged), 0) if judged else None
    key = "summary.targets" if len(judged) > 1 else "summary.targets.one"
    values: dict[str, object] = {
        "total": len(findings),
        "judged": len(judged),
        "met": met,
        "percent": Quantity(percent, Unit.PERCENTAGE, 0) if percent is not None else None,
    }
    found = [Finding("summary", key if judged else "summary.targets.none", values, fact)]
    parts = [Clause(f"summary.direction.{j.value}", {"count": n}) for j, n in counts.items() if n]
    compared = sum(counts.values())
    said = {**values, "parts": parts, "compared": compared, "judgement": None}
    if len(parts) == 1:  # one measure, or all of them the same way
        said["judgement"] = next(j.value for j, n in counts.items() if n)
        key = "summary.directions.one" if compared == 1 else "summary.directions.all"
        found.append(Finding("summary", key, said, fact))
    elif compared:
        found.append(Finding("summary", "summary.directions", said, fact))
    return found
