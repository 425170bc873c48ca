"""How big a change is: its relative change and its size word ("slight", "small", "moderate",
"considerable") by its unit's bands (the phrasebook's `sizes:`, with the config's `rules:`
overrides laid over them), with what it was measured on (for `explain`).
Moved out of the rules so that module stays under 500 lines; the rules use these."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from narrator.context import Context
from narrator.judgement import printed
from narrator.language.measures import difference, word_unit
from narrator.quantity import Quantity
from narrator.settings import SIZE_BANDS, RuleSettings, SizeTable
from narrator.units import Unit


@cache
def bundled_sizes() -> SizeTable:
    """The bundled phrasebook's size bands (for a Context made without a phrasebook, and the
    README's reference)."""
    from narrator.package_files import package_file
    from narrator.yamltext import load_yaml

    text = package_file("narrator.phrasebook", "en-GB.yaml").read_text(encoding="utf-8")
    return SizeTable.from_mapping(load_yaml(text).get("sizes") or {}, "en-GB.yaml")


@cache
def _sized(settings: RuleSettings, table: SizeTable) -> SizeTable:
    return settings.sized(table)


def size_table(ctx: Context) -> SizeTable:
    """The bands this indicator's change is sized by: the phrasebook's (the bundled one's when
    the Context was made without one), with the config's overrides laid over them."""
    return _sized(ctx.settings, ctx.sizes or bundled_sizes())


def size_row(ctx: Context, points: bool) -> str:
    """The `sizes:` row the change is measured by: `percent` in percentage points, a tiny
    percentage's `percent_tiny`, else the unit's own row ("count", "rate", "money", "score")."""
    if ctx.unit is Unit.PERCENTAGE:
        return "percent" if points else "percent_tiny"
    return ctx.unit.phrase


def band_limit(ctx: Context, band: str, *, points: bool) -> Decimal:
    """The upper limit of the size band `band` ("slight", "small" or "moderate") of the row the
    indicator is sized by (`points`: a percentage in percentage points; else by relative
    change in per cent), the config's override laid over the phrasebook's."""
    return size_table(ctx).bands(size_row(ctx, points))[SIZE_BANDS.index(band)]


def _relative(ctx: Context) -> Quantity | None:
    ind = ctx.indicator
    if ind.latest is None or ind.previous is None:
        return None
    previous = printed(ctx, ind.previous)
    latest = printed(ctx, ind.latest)
    if previous == 0 or previous < 0 or latest < 0:
        # a variance or balance that is or turns negative: "£1,250k to -£340k" is not
        # "127.2% lower"; the change is said in pounds alone
        return None
    change = abs(latest - previous) / abs(previous) * 100
    # a count's relative change is "(13.4%)"; any other's "3.2% higher", so it cannot be read
    # as a percentage figure
    rising = None if ctx.unit is Unit.COUNT else latest > previous
    return Quantity(change, Unit.RELATIVE, ctx.settings.relative_decimals, rising=rising)


def relative_change(ctx: Context) -> Quantity | None:
    """|latest - previous| / previous as a percentage of the printed values; None for
    percentages (which change in points) and when the previous value is zero or missing."""
    if ctx.unit is Unit.PERCENTAGE:
        return None
    return _relative(ctx)


@dataclass(frozen=True)
class SizeBasis:
    """What a change's size word was decided on, for `narrator explain`.

    amount: the change measured for sizing (percentage points, or a relative change in per
            cent); None when it cannot be measured (a relative change from zero), which sizes
            as "moderate".
    bands:  (where it was set, upper limit) for slight, small and moderate, in order
            ("sizes.count.small" in the phrasebook, "rules.small_relative" in the config);
            beyond the last the change is "considerable".
    """

    amount: Decimal | None
    points: bool
    bands: tuple[tuple[str, Decimal], ...]
    size: str


def in_points(ctx: Context, *figures: Decimal) -> bool:
    """Whether a difference between these (printed) figures is sized in percentage points:
    a percentage, unless every figure is below `relative_below_points` (a tiny percentage is
    sized by its relative change, as other units are)."""
    return ctx.unit is Unit.PERCENTAGE and max(figures) >= ctx.settings.relative_below_points


def size_basis(ctx: Context) -> SizeBasis:
    """The size of the change between previous and latest (both must be present), by its
    unit's bands, with what it was measured on."""
    ind = ctx.indicator
    assert ind.latest is not None and ind.previous is not None
    points = in_points(ctx, printed(ctx, ind.latest), printed(ctx, ind.previous))
    if points:
        amount: Decimal | None = difference(ctx, ind.latest, ind.previous).value
    else:
        rel = _relative(ctx)
        amount = rel.value if rel else None
    bands = size_table(ctx).named(size_row(ctx, points))
    size = "moderate" if amount is None else "considerable"
    if amount is not None:
        for band, (_, limit) in zip(("slight", "small", "moderate"), bands, strict=True):
            if amount <= limit:
                size = band
                break
    return SizeBasis(amount, points, bands, size)


def size_of(ctx: Context) -> str:
    """ "slight", "small", "moderate" or "considerable", by its unit's bands."""
    return size_basis(ctx).size


def people_moved(ctx: Context) -> int | None:
    """How many of what the indicator counts (its catalogue `noun`) the change is, when it is
    at most the phrasebook's `sizes.people_up_to` (or the config's `rules.people_up_to`; issue
    23: "one fewer young person", not "a small decrease"): a count's own change, or a
    percentage's numerator over an unchanged denominator (39 to 38 of 41). None otherwise (no
    noun, no counts, a changed base, no change, more people)."""
    ind = ctx.indicator
    if ctx.noun is None or ind.latest is None or ind.previous is None:
        return None
    if ctx.unit is Unit.COUNT and word_unit(ctx) is None:
        now, before = printed(ctx, ind.latest), printed(ctx, ind.previous)
    elif (
        ctx.unit is Unit.PERCENTAGE
        and ind.numerator is not None
        and ind.previous_numerator is not None
        and ind.denominator is not None
        and ind.denominator == ind.previous_denominator
    ):
        now, before = ind.numerator, ind.previous_numerator
    else:
        return None
    moved = abs(now - before)
    if moved == 0 or moved != moved.to_integral_value() or moved > size_table(ctx).people_up_to:
        return None
    return int(moved)


def never_small(ctx: Context, size: str) -> str:
    """A statutory or flagged indicator's change (catalogue `statutory: true`) is never called
    "slight" or "small" to a committee: it is said unqualified."""
    flagged = ctx.entry is not None and ctx.entry.statutory
    return "moderate" if flagged and size in ("slight", "small") else size
