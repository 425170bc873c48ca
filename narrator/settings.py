"""Thresholds the rules use, declared once. A report config may override any of them under
`rules:` (see narrator.intake.config); the names below are the YAML keys. The size bands'
defaults are the phrasebook's, per unit (`sizes:`, read into a `SizeTable`); a config's size
settings are laid over them (`RuleSettings.sized`).
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from decimal import Decimal
from typing import Any

TARGET_MENTIONS = ("always", "when_missed", "never")
_WORD_SETTINGS = ("targets", "target_margins")

# The phrasebook's `sizes:` rows, one per unit a change is sized in: a percentage's change in
# percentage points; a tiny percentage's (below `relative_below_points`) and every other unit's
# by relative change in per cent of the previous figure. Each row's bands, in order.
SIZE_UNITS = ("percent", "percent_tiny", "count", "rate", "money", "score")
SIZE_BANDS = ("slight", "small", "moderate")
SIZE_TOP = Decimal(1_000_000)


@dataclass(frozen=True)
class SizeTable:
    """The size bands of each unit (the phrasebook's `sizes:`, with any config `rules:`
    override laid over them by `RuleSettings.sized`).

    rows:         (unit key, (slight, small, moderate) upper limits), one per SIZE_UNITS key
    people_up_to: a change of at most this many of what an indicator counts is said as people
    origin:       (unit key, band) -> where its limit was set ("sizes.count.small" in the
                  phrasebook, or "rules.small_relative" in the config), for `explain`
    """

    rows: tuple[tuple[str, tuple[Decimal, Decimal, Decimal]], ...]
    people_up_to: Decimal
    origin: tuple[tuple[tuple[str, str], str], ...] = ()

    @classmethod
    def from_mapping(cls, node: dict[str, Any], file: str = "phrasebook") -> SizeTable:
        """A phrasebook's `sizes:` section as a SizeTable: every unit row's three bands and
        `people_up_to`. A missing row or band, or one that is not a number, raises
        PhrasebookError naming its key (a user's file is checked with its lines first, by
        narrator.language.phrasekeys.check_sizes)."""
        from narrator.errors import PhrasebookError

        def number(key: str, value: Any) -> Decimal:
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise PhrasebookError(file, key, f"expected a number, not {value!r}")
            return Decimal(str(value))

        rows = []
        for unit in SIZE_UNITS:
            row = node.get(unit)
            if not isinstance(row, dict):
                why = "missing: a table of slight, small and moderate"
                raise PhrasebookError(file, f"sizes.{unit}", why)
            limits = [number(f"sizes.{unit}.{band}", row.get(band)) for band in SIZE_BANDS]
            rows.append((unit, (limits[0], limits[1], limits[2])))
        return cls(tuple(rows), number("sizes.people_up_to", node.get("people_up_to")))

    def bands(self, unit: str) -> tuple[Decimal, Decimal, Decimal]:
        """The (slight, small, moderate) limits of the row `unit` (a SIZE_UNITS key)."""
        return dict(self.rows)[unit]

    def named(self, unit: str) -> tuple[tuple[str, Decimal], ...]:
        """The row `unit`'s bands, each with where it was set ("sizes.percent.slight")."""
        origin = dict(self.origin)
        return tuple(
            (origin.get((unit, band), f"sizes.{unit}.{band}"), limit)
            for band, limit in zip(SIZE_BANDS, self.bands(unit), strict=True)
        )


@dataclass(frozen=True)
class RuleSettings:
    """A council's thresholds: size-of-change overrides, the "no change" tolerance and others.

    The size bands are the phrasebook's, per unit (`sizes:`: a change is "slight" up to its
    unit's `slight`, "small" up to `small`, unqualified up to `moderate`, "considerable"
    beyond). A config that sets `slight_*`, `small_*` or `moderate_*` overrides them: `*_points`
    for every percentage measured in points, `*_relative` for every unit measured by relative
    change; the config wins, being one council's own decision over the shared wording (None:
    not set, the phrasebook's). `people_up_to` likewise (None: the phrasebook's
    `sizes.people_up_to`).

    `relative_below_points`: percentages whose values are both below this many per cent are
    sized by relative change, as counts are (a rise from 0.02% to 0.07% is not "slight").

    `no_change_points` / `no_change_relative`: differences at or below these count as no change,
    in addition to any difference that rounds to zero at the printed precision (default 0: only
    the rounding decides).

    `targets`: when a paragraph mentions the indicator's target: "always" (default),
    "when_missed" (only a target not met) or "never" (the appendix still shows it).

    `in_line_points` / `in_line_relative`: a figure this close to the England or neighbour
    average (points for percentages, per cent of the average otherwise) is "in line with" it
    (default 0: only the same printed figure is; a catalogue entry's `in_line` overrides).

    `people_up_to`: a change of at most this many of what an indicator counts (its catalogue
    `noun`: a count, or a percentage's numerator over an unchanged denominator) is said as
    people, "one fewer young person", not by a size word (phrasebook default 2; 0: never).

    `implausible_points` / `implausible_factor`: `check` queries a percentage moving by more
    than this many points in one period, and any other figure growing or shrinking by more than
    this factor (a typed 7.5% for 75%).

    `target_margins`: when a paragraph says by how much a target is missed or beaten ("short
    of the target of at least 82.00% by 0.50 percentage points"): "always", "when_missed" or
    "never" (default: reports written before margins were said read as they did; `narrator
    init` writes "always").

    `status_words`: True to quote the council's own status word beside a target met or missed
    ("rated 'Achieved'"), as the dashboard writes it (default False: met or missed is said).
    """

    slight_points: Decimal | None = None
    small_points: Decimal | None = None
    moderate_points: Decimal | None = None
    slight_relative: Decimal | None = None
    small_relative: Decimal | None = None
    moderate_relative: Decimal | None = None
    no_change_points: Decimal = Decimal("0")
    no_change_relative: Decimal = Decimal("0")
    relative_decimals: int = 1
    relative_below_points: Decimal = Decimal("5")
    targets: str = "always"
    in_line_points: Decimal = Decimal("0")
    in_line_relative: Decimal = Decimal("0")
    people_up_to: Decimal | None = None
    implausible_points: Decimal = Decimal("40")
    implausible_factor: Decimal = Decimal("5")
    target_margins: str = "never"
    status_words: bool = False

    @classmethod
    def from_mapping(cls, data: dict[str, Any], file: str = "config") -> RuleSettings:
        """Override defaults from a mapping; unknown keys or non-numbers raise ConfigError."""
        from narrator.errors import ConfigError

        known = {f.name: f for f in fields(cls)}
        changes: dict[str, Any] = {}
        for key, raw in data.items():
            if key not in known:
                raise ConfigError(file, f"rules: unknown setting {key!r}; known: {sorted(known)}")
            if key in _WORD_SETTINGS:
                if raw not in TARGET_MENTIONS:
                    choices = ", ".join(TARGET_MENTIONS)
                    raise ConfigError(file, f"rules.{key}: {raw!r}; use {choices}")
                changes[key] = raw
                continue
            if key == "status_words":
                if not isinstance(raw, bool):
                    raise ConfigError(file, f"rules.status_words: {raw!r}; use true or false")
                changes[key] = raw
                continue
            try:
                if isinstance(raw, bool):
                    raise ValueError(raw)
                value: Any = int(raw) if key == "relative_decimals" else Decimal(str(raw))
            except Exception as exc:
                raise ConfigError(file, f"rules.{key}: {raw!r} is not a number") from exc
            top = 6 if key == "relative_decimals" else 1_000_000
            finite = not isinstance(value, Decimal) or value.is_finite()
            if not finite or not 0 <= value <= top:
                raise ConfigError(file, f"rules.{key}: {raw!r}; use a number from 0 to {top:,}")
            changes[key] = value
        return replace(cls(), **changes)

    def sized(self, table: SizeTable) -> SizeTable:
        """The phrasebook's size table with this config's size settings laid over it: a
        `*_points` setting replaces the `percent` row's band, a `*_relative` setting the band
        of every row measured by relative change; `people_up_to` the people threshold."""
        rows = dict(table.rows)
        origin = dict(table.origin)
        for i, band in enumerate(SIZE_BANDS):
            for suffix, units in (("points", SIZE_UNITS[:1]), ("relative", SIZE_UNITS[1:])):
                value = getattr(self, f"{band}_{suffix}")
                if value is None:
                    continue
                for unit in units:
                    limits = list(rows[unit])
                    limits[i] = value
                    rows[unit] = (limits[0], limits[1], limits[2])
                    origin[(unit, band)] = f"rules.{band}_{suffix}"
        people = table.people_up_to if self.people_up_to is None else self.people_up_to
        return SizeTable(
            tuple((u, rows[u]) for u in SIZE_UNITS), people, tuple(sorted(origin.items()))
        )
