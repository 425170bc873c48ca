"""Thresholds the rules use, declared once. A report config may override any of them under
`rules:` (see narrator.intake.config); the names below are the YAML keys.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from decimal import Decimal
from typing import Any

TARGET_MENTIONS = ("always", "when_missed", "never")
_WORD_SETTINGS = ("targets", "target_margins")


@dataclass(frozen=True)
class RuleSettings:
    """Size-of-change bands and the "no change" tolerance.

    A change is "slight" up to `slight_*`, "small" up to `small_*`, unqualified up to
    `moderate_*`, and "considerable" beyond. Percentages are measured in percentage points
    (`*_points`), everything else by relative change in per cent (`*_relative`).

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
    people, "one fewer young person", not by a size word (default 2; 0: never).

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

    slight_points: Decimal = Decimal("1.5")
    small_points: Decimal = Decimal("3")
    moderate_points: Decimal = Decimal("10")
    slight_relative: Decimal = Decimal("2")
    small_relative: Decimal = Decimal("5")
    moderate_relative: Decimal = Decimal("15")
    no_change_points: Decimal = Decimal("0")
    no_change_relative: Decimal = Decimal("0")
    relative_decimals: int = 1
    relative_below_points: Decimal = Decimal("5")
    targets: str = "always"
    in_line_points: Decimal = Decimal("0")
    in_line_relative: Decimal = Decimal("0")
    people_up_to: Decimal = Decimal("2")
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
