"""What a native chart shows, as plain data: the word stage's charts without any chart library."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

DEFAULT_COLOUR = "1F4E79"
"""Bar and line colour ("RRGGBB") where a chart names none."""

MISSING_GREY = "BFBFBF"
"""The bar colour of the missing-value category."""

TARGET_COLOUR = "C00000"
"""The colour of a trend chart's target line."""


@dataclass(frozen=True)
class Bars:
    """Counts by category as horizontal bars, drawn in the mapping's order from the top.

    `colours` maps a category to its bar colour ("RRGGBB"); a category it does not name is
    drawn in DEFAULT_COLOUR (the missing-value category is given grey by the caller).
    `series` names the counts in the chart's workbook (the column heading "Edit Data" shows).
    """

    title: str
    counts: Mapping[str, int]
    colours: Mapping[str, str] = field(default_factory=dict)
    series: str = "Indicators"


@dataclass(frozen=True)
class TrendLine:
    """One indicator's figures over its latest periods, oldest first, as a line with markers.

    `points` pairs a period label with its value; None is a period with no figure, drawn as a
    gap in the line (never as zero). `target` is the target value drawn as a dashed line
    across every period; None means no target line. `decimals` is how many decimal places the
    axis, the workbook and the alt text show (None: the numbers as they are); `suffix` follows
    each number ("%", or ""). `value_name` and `target_name` head the workbook's columns and
    name the legend entries.
    """

    title: str
    points: Sequence[tuple[str, float | None]]
    target: float | None = None
    decimals: int | None = None
    suffix: str = ""
    value_name: str = "Value"
    target_name: str = "Target"

    @property
    def number_format(self) -> str:
        """The Excel number format of the axis and the workbook: '0.0"%"', "0", "General"."""
        if self.decimals is None:
            return f'General"{self.suffix}"' if self.suffix else "General"
        places = "0." + "0" * self.decimals if self.decimals > 0 else "0"
        return f'{places}"{self.suffix}"' if self.suffix else places

    def show(self, value: float) -> str:
        """A value as the alt text gives it: "52.1%", "3,425"."""
        if self.decimals is None:
            return _number(value) + self.suffix
        return f"{value:,.{self.decimals}f}{self.suffix}"


Chart = Bars | TrendLine


def describe(chart: Chart, missing: str = "no figure") -> str:
    """The chart's data in words, for screen readers (its alt text): "Quartile: 1st 3, 2nd 4";
    "Care leavers in EET: Q1 2023/24 52.1, Q2 2023/24 no figure; target 60"."""
    if isinstance(chart, Bars):
        counts = ", ".join(f"{label} {count}" for label, count in chart.counts.items())
        return f"{chart.title}: {counts}"
    values = ", ".join(
        f"{label} {missing if value is None else chart.show(value)}"
        for label, value in chart.points
    )
    target = "" if chart.target is None else f"; {chart.target_name} {chart.show(chart.target)}"
    return f"{chart.title}: {values}{target}"


def _number(value: float) -> str:
    """A value as written in alt text: no trailing ".0" on a whole number."""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"
