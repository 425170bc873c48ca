"""The report-level rule: the Background section's summary of the whole dashboard (seed 004
paragraph 5), registered in `narrator.language.rules.REPORT_RULES`. No English here."""

from __future__ import annotations

from narrator.context import Context
from narrator.language.findings import Clause, Finding, QuartileSummary


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
