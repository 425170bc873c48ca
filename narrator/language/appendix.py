"""The report's appendix: the dashboard as a table (one row per indicator, grouped by area),
the RAG key, and the counts the summary chart shows. Its direction of travel is read from the
findings the paragraphs were planned from, never worked out again; its figures are printed as
the paragraphs print them; its headings, RAG labels and what a missing value shows are the
phrasebook's (report.appendix)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

from narrator.context import Context
from narrator.judgement import comparison_judgement
from narrator.language.findings import Change, ChangeKind, ComparedWord, Finding
from narrator.language.measures import figure
from narrator.language.phrases import Phrasebook
from narrator.language.realise import Realiser
from narrator.language.rules import apply_rules
from narrator.language.trends import trend_of
from narrator.model import Indicator, Polarity, Rag
from narrator.report import APPENDIX_COLUMNS, Appendix, AppendixRow, FigureWords


def _target_text(ctx: Context) -> str | None:
    """The target as the dashboard wrote it; money the catalogue declares in thousands or
    millions carries its scale, as the figures beside it do ("£40,100k" beside "£20,905k",
    never a bare "£40,100" that reads as pounds). None when there is no target."""
    target = ctx.indicator.target
    if target is None:
        return None
    text = target.text
    scale = ctx.scale
    if scale and target.value and not text.rstrip().lower().endswith(scale):  # £0 stays £0
        return text.rstrip() + scale
    return text


def _progress(findings: Iterable[Finding], ind: Indicator) -> tuple[str | None, str | None]:
    """The appendix's direction of travel, read from the change the rules found: (its
    judgement, else its direction; for a single-period indicator, the judgement its comparison
    word makes, if any), and the word the table shows for it (a single-period indicator's own
    comparison word, "Similar", "New"). None across a declared definition change (no change is
    measured). Where the paragraph says no change at all (no latest figure beside a comparison
    word), the table still shows the word the dashboard wrote, judged as the rule would."""
    for finding in findings:
        fact = finding.fact
        if isinstance(fact, Change) and fact.kind is ChangeKind.MEASURED:
            judged = fact.judgement or fact.direction
            moved = judged.value if judged else None
            return moved, moved
        if isinstance(fact, Change) and fact.kind is ChangeKind.NOT_COMPARABLE:
            return None, None
        if isinstance(fact, ComparedWord):
            said = fact.judgement.value if fact.judgement else None
            return said, fact.word.value
    if ind.comparison is None:
        return None, None
    unsaid = comparison_judgement(ind.polarity, ind.comparison)
    return (unsaid.value if unsaid else None), ind.comparison.value


def rag_key_text(
    book: Phrasebook, declared: str | tuple[tuple[str, str], ...] | None
) -> dict[str, str]:
    """The RAG key's meaning of each letter: the phrasebook's key of the declared name
    ("quartile", "target"), or the config's own pairs; empty when none is declared."""
    if declared is None:
        return {}
    if isinstance(declared, str):
        return book.report_table(f"appendix.rag_keys.{declared}")
    return dict(declared)


def build_appendix(
    title: str,
    contexts: list[Context],
    realiser: Realiser,
    *,
    rag_key: str | tuple[tuple[str, str], ...] | None = None,
    findings: Mapping[str, Sequence[Finding]] | None = None,
    histories: Mapping[str, Sequence[tuple[str, Decimal | None]]] | None = None,
) -> Appendix:
    """The dashboard table (one row per indicator, grouped by area in report order), the RAG
    key (the config's `rag_key`; none when it declares none or no indicator has a rating), and
    the counts the summary charts show, and a trend chart for each indicator `histories` gives a
    series for (by indicator name: (period label, value or None), oldest first, the latest
    period included; None or an absent name: no trend chart). `findings`: each indicator's
    findings by name, as its paragraph was planned from (None: the rules are applied here).
    The headings, the RAG labels and what a missing value shows are the phrasebook's
    (report.appendix)."""
    book = realiser.book
    words = book.report_table("appendix.direction")
    quartile_names = book.report_table("appendix.quartile")
    rated = any(ctx.indicator.rag is not None for ctx in contexts)
    key_text = rag_key_text(book, rag_key) if rated else {}
    missing = book.report_text("appendix.missing")
    rag_names = book.report_table("appendix.rag")
    labels = {rag: rag_names[rag.value] for rag in (Rag.GREEN, Rag.AMBER, Rag.RED)}
    areas: dict[str | None, int] = {}
    for ctx in contexts:
        areas.setdefault(ctx.indicator.theme, len(areas))
    ordered = sorted(enumerate(contexts), key=lambda p: (areas[p[1].indicator.theme], p[0]))
    rows = []
    quartiles = dict.fromkeys([*quartile_names.values(), missing], 0)
    rags = dict.fromkeys([*labels.values(), missing], 0)
    progress = dict.fromkeys([words["improved"], words["unchanged"], words["worsened"], missing], 0)
    for _, ctx in ordered:
        ind: Indicator = ctx.indicator
        found = findings.get(ctx.name, ()) if findings is not None else apply_rules(ctx)
        moved, shown = _progress(found, ind)
        quartile = quartile_names.get(ind.quartile) if ind.quartile else None
        rows.append(_appendix_row(ctx, realiser, words.get(shown) if shown else None, quartile))
        quartiles[quartile or missing] += 1
        rags[labels[ind.rag] if ind.rag else missing] += 1
        if ind.polarity is not Polarity.NONE and moved in ("improved", "unchanged", "worsened"):
            progress[words[moved]] += 1
        else:
            progress[missing] += 1
    key = tuple((rag, key_text[rag.value]) for rag in Rag if rag.value in key_text)
    # a column the dashboard has nothing for (no RAG column; no topic or theme to name an
    # area) is left out rather than shown missing or blank on every row
    empty = {"rag"} if not rated else set()
    empty |= {"area"} if not any(row.area for row in rows) else set()
    headings = book.report_table("appendix.headings")
    trends = [trend_of(ctx, (histories or {}).get(ctx.name)) for _, ctx in ordered]
    return Appendix(
        title=title,
        rows=tuple(rows),
        rag_key=key,
        quartile_counts=quartiles,
        rag_counts=rags,
        progress_counts=progress,
        headers=tuple(headings[name] for name in APPENDIX_COLUMNS),
        columns=tuple(name for name in APPENDIX_COLUMNS if name not in empty),
        missing=missing,
        rag_labels=tuple(labels.items()),
        trends=tuple(trend for trend in trends if trend is not None),
        figures=FigureWords(**book.report_table("appendix.figures")),
    )


def _appendix_row(
    ctx: Context, realiser: Realiser, direction: str | None, quartile: str | None
) -> AppendixRow:
    """One indicator's row: its figures as the paragraphs print them, its periods' labels."""
    ind = ctx.indicator

    def fig(value: Decimal | None) -> str | None:
        return realiser.figure(figure(ctx, value)) if isinstance(value, Decimal) else None

    return AppendixRow(
        area=ind.theme or "",
        indicator=ind.name,
        latest=fig(ind.latest),
        latest_period=ind.latest_period.label if ind.latest_period else None,
        previous=fig(ind.previous),
        previous_period=ind.previous_period.label if ind.previous_period else None,
        direction=direction,
        target=_target_text(ctx),
        rag=ind.rag,
        quartile=quartile,
    )
