"""The README's Reference for the words narrator reads in a council's export, generated from
vocabulary.yaml (via `words`), never copied: the header shapes with periods, and the status,
quartile, aim, placeholder and unit words. `narrator.reference` writes it in README.md
between `<!-- reference:vocabulary -->` markers; a test fails when the README drifts from it.
"""

from __future__ import annotations

from collections.abc import Iterable

from narrator.intake.words import Words, default_words

_STATUS = {
    "met": "the target met (Green)",
    "near": "close to the target (Amber)",
    "missed": "the target missed (Red)",
    "none": "no rating (no target, or for information)",
}
_AIMS = {"high": "high is good", "low": "low is good", "none": "no judgement"}
_HEADINGS = {"value": "a figure", "target": "the target", "status": "the status"}


def _ticked(words: Iterable[str]) -> str:
    return ", ".join(f"`{w}`" for w in words)


def _table(head: tuple[str, str], rows: Iterable[tuple[str, str]]) -> list[str]:
    lines = [f"| {head[0]} | {head[1]} |", "|---|---|"]
    return lines + [f"| {meaning} | {words} |" for meaning, words in rows]


def vocabulary_reference(words: Words | None = None) -> str:
    """The Markdown of the Reference's "Council words" part, from `words` (None: the words
    shipped in vocabulary.yaml)."""
    words = words or default_words()
    lines = [
        "**Periods in column headings** (layout `period-headings`, found in any table): a",
        "heading is a period and a word, either way round (`2009/10 Outturn`, `Q4 2010/11",
        "Actual`, `Target 2024/25`), or a band of one or two header rows over the words (`Q3",
        "2023/24` over `Value | Target | Status`, merged in a workbook or written once in a",
        "CSV), with a title row above if any. The newest period's figure is the latest value",
        "and its period every row's latest period, the one before it the previous value; the",
        "target and status are those of the latest period (a target heading for another period,",
        "or a column name with a period beside a Period column, `Latest Value (Q1)`, is read",
        "and `check` says how; without a Period column a quarter written without its year takes",
        "the year another heading names, `Target 2024/25`). Columns in any order. The words:",
        "",
    ]
    lines += _table(
        ("the column holds", "heading words"),
        ((_HEADINGS.get(k, k), _ticked(v)) for k, v in words.headings.items()),
    )
    lines += ["", "**Status and RAG words** (the Status or RAG column):", ""]
    lines += _table(
        ("means", "words"), ((_STATUS.get(k, k), _ticked(v)) for k, v in words.status.items())
    )
    lines += ["", "**Quartile words** (a national or comparator-group quartile column):", ""]
    lines += _table(
        ("quartile", "words, besides the figure"),
        ((str(q), _ticked(v)) for q, v in words.quartiles.items()),
    )
    lines += ["", "**Aim words** (a Polarity, Aim or Good Performance column):", ""]
    lines += _table(
        ("means", "words"), ((_AIMS.get(k, k), _ticked(v)) for k, v in words.aims.items())
    )
    lines += [
        "",
        "**Placeholders in a value cell**: no figure this period, and the paragraph says why",
        "(phrasebook `sentences.level.missing.<reason>`); never an error:",
        "",
    ]
    lines += _table(("reason", "words"), ((k, _ticked(v)) for k, v in words.placeholders.items()))
    lines += [
        "",
        "**Units in a value cell** (kept as the figure's unit; `init` declares them): a word",
        f"after the figure ({_ticked(words.unit_words)}: `474kg`, `12 days`), money with its",
        f"scale after `£` ({_ticked(words.money_scales)}: `£1.2m`, `£450k`), or a rate's base",
        f"({_ticked(words.per)}).",
    ]
    return "\n".join(lines)
