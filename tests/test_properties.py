"""Properties that hold for every paragraph, not just the golden ones.

For every indicator of both shared dashboards, and for generated indicators: every number
printed is one of the indicator's values, or a difference or relative change of them, after
the declared rounding; and the judgement words agree with polarity and direction, which the
test works out itself from the raw values.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from narrator.model import Polarity, Unit
from narrator.phrases import load_phrasebook
from narrator.realise import Realiser
from narrator.resolve import Context
from narrator.rules import apply_rules

NUMBER = re.compile(r"(?<![\w.])\d+(?:,\d{3})*(?:\.\d+)?")
ORDINAL = {1: "top", 2: "second", 3: "third", 4: "fourth"}
BOOK = load_phrasebook()


def rounded(value: Decimal, decimals: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def shown(value: Decimal, decimals: int) -> str:
    return f"{rounded(value, decimals):,.{decimals}f}"


def allowed_numbers(ctx: Context) -> set[str]:
    """Every number the paragraph may print, worked out from the data, not from narrator."""
    ind = ctx.indicator
    d = ctx.decimals
    values = [ind.latest, ind.previous, ind.neighbour_average, ind.england_average]
    if ind.target and ind.target.value is not None:
        values.append(ind.target.value)
    present = [rounded(v, d) for v in values if v is not None]
    allowed = {shown(v, d) for v in present}
    allowed |= {shown(abs(a - b), d) for a, b in combinations(present, 2)}
    for count in (ind.numerator, ind.denominator, ind.previous_numerator, ind.previous_denominator):
        if count is not None:
            allowed.add(shown(count, 0))
    if ind.latest is not None and ind.previous is not None:
        before, after = rounded(ind.previous, d), rounded(ind.latest, d)
        if before:
            allowed.add(shown(abs(after - before) / abs(before) * 100, 1))
    for period in (ind.latest_period, ind.previous_period):
        if period is not None:
            allowed |= {str(period.year), str(period.year + 1)[-2:], str(period.number)}
    allowed |= set(NUMBER.findall(ctx.subject or ind.name))
    return allowed


def generated_text(ctx: Context) -> str:
    sentences = Realiser(BOOK, ctx.area).paragraph(apply_rules(ctx), ctx)
    return " ".join(s.text for s in sentences)


def check_paragraph(ctx: Context, text: str) -> None:
    ind = ctx.indicator
    assert "nan" not in text.lower().split() and "None" not in text
    allowed = allowed_numbers(ctx)
    for token in NUMBER.findall(text.replace("/", " ")):
        assert token in allowed, f"{ind.name}: {token} is not from the data in {text!r}"
    if ind.latest is not None and ind.previous is not None:
        after, before = rounded(ind.latest, ctx.decimals), rounded(ind.previous, ctx.decimals)
        up, down = after > before, after < before
        improved = (ind.polarity is Polarity.HIGH_IS_GOOD and up) or (
            ind.polarity is Polarity.LOW_IS_GOOD and down
        )
        worsened = (ind.polarity is Polarity.HIGH_IS_GOOD and down) or (
            ind.polarity is Polarity.LOW_IS_GOOD and up
        )
        assert ("improvement" in text) is improved, text
        assert ("deterioration" in text) is worsened, text
        assert ("unchanged" in text) is (after == before), text
        assert (
            "an increase" in text
            or "small increase" in text
            or "slight increase" in text
            or "considerable increase" in text
        ) is up, text
        assert (
            "a decrease" in text
            or "small decrease" in text
            or "slight decrease" in text
            or "considerable decrease" in text
        ) is down, text
        if ctx.unit is Unit.PERCENTAGE and after != before:
            assert "percentage point" in text, text
    if ind.quartile is not None:
        assert f"{ORDINAL[ind.quartile]} quartile" in text, text
    else:
        assert "quartile" not in text


@pytest.mark.parametrize("which", ["prepared_q1", "prepared_q4"])
def it_prints_only_numbers_from_the_data_and_right_judgements(request, which: str) -> None:  # type: ignore[no-untyped-def]
    prepared = request.getfixturevalue(which)
    assert prepared.texts
    for text in prepared.texts:
        generated = " ".join(s.text for s in text.sentences)
        check_paragraph(text.context, generated)


def decimals_text(places: int) -> st.SearchStrategy[Decimal]:
    return st.integers(min_value=0, max_value=10**6).map(lambda n: Decimal(n).scaleb(-places))


@st.composite
def contexts(draw: st.DrawFn) -> Context:
    from tests.test_rules import make

    unit = draw(st.sampled_from([Unit.PERCENTAGE, Unit.COUNT, Unit.SCORE]))
    places = 0 if unit is Unit.COUNT else draw(st.integers(0, 2))
    value = st.integers(0, 10**5 if unit is Unit.COUNT else 100 * 10**places).map(
        lambda n: Decimal(n).scaleb(-places)
    )
    maybe = st.none() | value
    polarity = draw(st.sampled_from(list(Polarity)))
    latest = draw(maybe)
    previous = draw(maybe)
    quartile = draw(st.none() | st.integers(1, 4))
    return make(
        str(latest) if latest is not None else None,
        str(previous) if previous is not None else None,
        polarity=polarity,
        unit=unit,
        decimals=places,
        quartile=quartile,
        previous_quartile=draw(st.none() | st.integers(1, 4)) if quartile else None,
        england_average=draw(st.none() | value),
        neighbour_average=draw(st.none() | value),
        numerator=draw(st.none() | st.integers(0, 5000).map(Decimal)),
        denominator=draw(st.none() | st.integers(1, 5000).map(Decimal)),
    )


@settings(max_examples=300, deadline=None)
@given(contexts())
def it_holds_for_generated_indicators(ctx: Context) -> None:
    check_paragraph(ctx, generated_text(ctx))
