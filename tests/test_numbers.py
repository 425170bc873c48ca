"""format_number: Python's own formatting where it gives babel's text, babel elsewhere."""

from __future__ import annotations

from decimal import Decimal

from babel.numbers import format_decimal
from hypothesis import given
from hypothesis import strategies as st

from narrator.language.realise import format_number


@given(
    st.decimals(allow_nan=False, allow_infinity=False, min_value=-(10**12), max_value=10**12),
    st.integers(min_value=0, max_value=4),
)
def it_writes_en_gb_numbers_as_babel_does(value: Decimal, decimals: int) -> None:
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    assert format_number(value, decimals, "en_GB") == format_decimal(
        value, format=pattern, locale="en_GB"
    )


def it_leaves_other_separators_to_babel() -> None:
    assert format_number(Decimal("1279.5"), 1, "de_DE") == "1.279,5"
    assert format_number(Decimal("-0.25"), 2, "en_GB") == "-0.25"
