"""A figure of an indicator as a Quantity: its measure, the places to print (declared, else
as the dashboard wrote it), a rate's base or a unit's word, and whether the unit is said (a
rate's base once in a paragraph and with each difference, a unit's word with every figure,
neither when the subject names it). No English here: the realiser words them.
"""

from __future__ import annotations

from decimal import Decimal

from narrator.context import Context
from narrator.judgement import printed
from narrator.quantity import Quantity
from narrator.units import Unit, places


def unit_in_subject(ctx: Context) -> bool:
    """Whether the subject already names the unit ("the rate ... per 10,000 children", "the
    number of weeks ..."), so no figure repeats it."""
    entry = ctx.entry
    subject = ctx.subject or ctx.name  # uncatalogued: worded from the dashboard name
    if ctx.unit not in (Unit.RATE, Unit.COUNT, Unit.SCORE):
        return False  # a percentage, its points and money always carry their signs
    text = " ".join(subject.casefold().split())
    if ctx.unit is Unit.RATE and ctx.per:
        return any(f"per {form}" in text for form in (f"{ctx.per:,}", str(ctx.per)))
    if entry is not None and entry.word:
        return f" {entry.word.casefold()}" in f" {text}"
    return False


def word_unit(ctx: Context) -> str | None:
    """The word said after a figure: the catalogue's `word`, or a money scale ("k", "m")."""
    if ctx.unit is Unit.MONEY:
        return ctx.scale
    return ctx.entry.word if ctx.entry is not None else None


def figure(ctx: Context, value: Decimal, *, bare: bool = False) -> Quantity:
    """A value of the indicator in its unit: to the catalogue's declared places, else to the
    places the dashboard wrote it (60 stays 60 beside 54.9). `bare`: a later figure of the
    paragraph (a previous figure, an average, a target, a record's), whose rate base is not
    said again ("from Quarter 2 (141.2)" after "148.9 per 10,000", "above the target of 120")
    while a unit's word is ("(118 kg)", "(31 days)": issue 23, a figure keeps its unit as
    officers write it); money and percentages always keep their signs, and nothing repeats a
    unit the subject names ("the number of weeks ...")."""
    per = ctx.per
    declared = ctx.entry is not None and ctx.entry.decimals is not None
    shown = ctx.decimals if declared else min(places(value), ctx.decimals)
    named = unit_in_subject(ctx) and ctx.unit in (Unit.RATE, Unit.SCORE, Unit.COUNT)
    bare = named or (bare and ctx.unit is Unit.RATE)
    return Quantity(value, ctx.unit, shown, per, word_unit(ctx), bare)


def difference(ctx: Context, a: Decimal, b: Decimal) -> Quantity:
    """|a - b| between printed values: percentage points for percentages. A difference always
    carries its unit ("1.7 per 10,000", "5 days"), even where the figures beside it are bare:
    "an increase of 1.7" says nothing a councillor can weigh (issue 23); only a unit the subject
    names ("the number of weeks ...") is not said again."""
    unit = Unit.POINTS if ctx.unit is Unit.PERCENTAGE else ctx.unit
    per = ctx.per
    bare = unit_in_subject(ctx) and ctx.unit is not Unit.RATE
    change = abs(printed(ctx, a) - printed(ctx, b))
    return Quantity(change, unit, ctx.decimals, per, word_unit(ctx), bare)


def count(value: Decimal) -> Quantity:
    return Quantity(value, Unit.COUNT, 0)
