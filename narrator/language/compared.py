"""The rule for a single-period dashboard's comparison word ("Better", "Similar", "New",
"Higher - no polarity"): it gives no previous figure, so the word is all there is to say of
the change. No English here: the phrasebook words each key (`plan.parts.compared.*`)."""

from __future__ import annotations

from narrator.context import Context
from narrator.judgement import comparison_judgement
from narrator.language.findings import ComparedWord, Finding
from narrator.model import Comparison


def compared(ctx: Context) -> Finding | None:
    """A single-period dashboard's comparison word, when it gives no previous figure.

    Keys: "compared.better", "compared.worse", "compared.similar", "compared.same" (the
    dashboard's own judgement), "compared.new" (nothing earlier to compare with),
    "compared.higher" / "compared.lower" (a direction: with no polarity, no judgement), and
    "compared.higher.improved" ... "compared.lower.worsened" when a polarity judges the
    direction. `period_kind` is the latest period's kind ("quarter", "year", ...) so that "new"
    can say "this quarter" only of a quarter. None when there is no word, or a previous
    figure (then `travel` speaks), or no latest figure.
    """
    ind = ctx.indicator
    word = ind.comparison
    if word is None or ind.previous is not None or ind.latest is None:
        return None
    period = ind.latest_period
    values: dict[str, object] = {
        "word": word.value,
        "judgement": None,
        "period_kind": period.kind.value if period else None,
    }
    key = f"compared.{word.value}"
    judgement = comparison_judgement(ind.polarity, word)
    if word in (Comparison.HIGHER, Comparison.LOWER) and judgement is not None:
        values["judgement"] = judgement.value
        key += f".{judgement.value}"
    return Finding("compared", key, values, ComparedWord(word, judgement))
