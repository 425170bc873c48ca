"""A single-period dashboard's comparison word ("Better", "Similar", "New", "Higher - no
polarity"), read by the table reader (a Trend column beside no previous value) and by the layout
readers alike. Raises CellError for a word it cannot read."""

from __future__ import annotations

import re

from narrator.intake import cells
from narrator.intake.cells import CellError
from narrator.lazy_re import lazy
from narrator.model import Comparison, Polarity

_COMPARISONS = {
    "better": Comparison.BETTER,
    "improved": Comparison.BETTER,
    "worse": Comparison.WORSE,
    "similar": Comparison.SIMILAR,
    "same": Comparison.SAME,
    "nochange": Comparison.SAME,
    "unchanged": Comparison.SAME,
    "higher": Comparison.HIGHER,
    "lower": Comparison.LOWER,
    "new": Comparison.NEW,
}
COMPARISON_EXPECTED = (
    "'Better', 'Worse', 'Similar', 'Same', 'Higher', 'Lower', 'New' or 'Higher - no polarity'"
)
_NO_POLARITY = lazy(r"\s*-?\s*\(?no\s+polarity\)?\s*$", re.I)


def parse_comparison(text: str) -> tuple[Comparison | None, Polarity | None]:
    """A comparison word and the polarity written with it ("Higher - no polarity" gives
    Polarity.NONE; None when none is written). (None, None) for "n/a" or blank."""
    if cells.is_missing(text):
        return None, None
    clean = cells.clean_text(text)
    polarity = None
    if _NO_POLARITY.search(clean):
        clean, polarity = _NO_POLARITY.sub("", clean), Polarity.NONE
    key = re.sub(r"[^a-z]", "", clean.lower())
    if key not in _COMPARISONS:
        raise CellError(f"not a comparison with the previous figure: {text!r}", COMPARISON_EXPECTED)
    return _COMPARISONS[key], polarity
