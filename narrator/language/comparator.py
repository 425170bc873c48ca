"""What a council's export says beside its figures that the paragraph says in its own
sentence: the quartile among the council's own comparator group (beside the national one),
and the keys for a value cell that says why it has no figure ("Annual Indicator"). No English
here: the phrasebook words each key."""

from __future__ import annotations

from narrator.context import Context
from narrator.language.findings import ComparatorPosition, Finding

# "level.missing.<reason>" for the reasons a value cell gives for holding no figure that the
# phrasebook words (vocabulary.yaml `placeholders`); any other is said as plain "level.missing"
MISSING_KEYS = ("level.missing.annual", "level.missing.not_due", "level.missing.information")
COMPARATOR_KEYS = ("comparator_quartile.placed",)


def comparator_quartile(ctx: Context) -> Finding | None:
    """The quartile among the council's own comparator group, beside the national one
    ("comparator_quartile.placed"); None when the dashboard gives none."""
    found = ctx.indicator.comparator_quartile
    if found is None:
        return None
    values: dict[str, object] = {"comparator_quartile": found}
    fact = ComparatorPosition(found)
    return Finding("comparator_quartile", "comparator_quartile.placed", values, fact)
