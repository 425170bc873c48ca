"""What the national tables say about one indicator, as plain frozen data (no pandas).

The reader (`narrator.national.tables`) and the computation (`narrator.national.compute`) need
pandas; these types do not, so the rules, `explain` and the cache can use them without paying
for pandas' import. None always means "the published tables have no figure here"; a figure the
tables mark with a symbol (suppressed, not available...) is None with its `reason`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from narrator.model import MeasureSpec

__all__ = ["MeasureSpec"]  # the catalogue's, re-exported beside the tables' types


@dataclass(frozen=True)
class NationalConfig:
    """The config's `national:` block. Paths are resolved against the config's folder.

    lait:        the LAIT long table (.parquet or .csv); None when only EES files are used
    dictionary:  the LAIT data dictionary CSV (polarity, decimal places, No_Quartile)
    neighbours:  a DfE statistical-neighbour workbook (.xlsx); None: no neighbour average
    ees:         named EES CSV files (name -> path) that catalogue entries refer to
    area:        how the area is found in the tables: LA number, ONS code or name (None: the
                 config's `area`)
    year:        "matching": benchmark the published year the dashboard's latest period is
                 (for annual figures), else the latest published; "latest": always the latest
    quartile:    "published": the area's own published position; "local": the dashboard's
                 latest figure placed against the benchmark year's quartile thresholds
    cache:       folder for the computed benchmarks, keyed by the tables' content (None: no
                 cache)
    """

    lait: Path | None = None
    dictionary: Path | None = None
    neighbours: Path | None = None
    ees: tuple[tuple[str, Path], ...] = ()
    area: str | None = None
    year: str = "matching"
    quartile: str = "published"
    cache: Path | None = None

    def files(self) -> tuple[Path, ...]:
        """Every table file named, for the cache key."""
        named = (self.lait, self.dictionary, self.neighbours, *(p for _, p in self.ees))
        return tuple(p for p in named if p is not None)


@dataclass(frozen=True)
class Figure:
    """One published figure. `value` None with `reason` ("suppressed", "not available"...)
    when the table holds a symbol; both None when the table has no row."""

    value: Decimal | None
    reason: str | None = None


@dataclass(frozen=True)
class YearBenchmark:
    """One published year for one measure.

    year:         the table's own year label ("2022/23")
    area:         the area's published figure
    england:      England's published figure
    region:       the area's region's figure, with `region_name`
    neighbours:   mean of the neighbours that have a figure (None when none has)
    neighbours_used / neighbours_missing: names of the neighbours with and without a figure
    rank:         the area's rank among local authorities with a figure (1 = best by polarity,
                  ties share the best rank); None without a figure or polarity
    ranked:       how many local authorities have a figure
    thresholds:   the 25th, 50th and 75th percentiles of the LAs' figures (type-7 quantiles);
                  None when the measure has no quartile
    quartile:     the area's own published quartile (1 = top by polarity); None as thresholds
    """

    year: str
    area: Figure
    england: Figure
    region: Figure
    region_name: str | None
    neighbours: Decimal | None
    neighbours_used: tuple[str, ...]
    neighbours_missing: tuple[str, ...]
    rank: int | None
    ranked: int
    thresholds: tuple[Decimal, Decimal, Decimal] | None
    quartile: int | None


@dataclass(frozen=True)
class Extreme:
    """Where the latest figure of a series stands in the published years up to it.

    kind:   "highest" or "lowest"
    since:  the most recent earlier year at least as high (as low): "the highest since 2006/07";
            None when no earlier published year is: highest of the `years` published
    years:  how many years the series has up to and including the latest
    first:  the first published year of the series
    """

    kind: str
    since: str | None
    years: int
    first: str


@dataclass(frozen=True)
class History:
    """A series' history within the published years, up to the benchmark year.

    extreme: its highest or lowest point, or None when it is neither
    run:     how many consecutive year-on-year changes in the same direction end at the
             benchmark year (2 = "a second consecutive rise"); 0 when the last did not change
    run_direction: "increase" or "decrease" (None when run is 0)
    """

    extreme: Extreme | None
    run: int
    run_direction: str | None


@dataclass(frozen=True)
class Benchmark:
    """What the national tables say about one indicator for the report's area.

    measure:     the measure's name as the tables give it ("TotPermEx", or the EES file)
    label:       the measure's description ("Total Permanent Exclusions")
    polarity:    "high", "low" or "none" (the dictionary's, or the catalogue's)
    has_quartile: False where the dictionary says LAIT shows no quartile, or for no polarity
    decimals:    the dictionary's decimal places (None when it does not say)
    latest:      the benchmark year (see NationalConfig.year)
    previous:    the published year before it (None when there is none)
    newest:      the newest year the tables hold for the area (may be after `latest`), with
                 the area's figure then
    local_value: the dashboard's latest figure the local quartile was placed from (None: the
                 published use)
    local_rank / local_quartile: the local figure placed among the LAs' benchmark-year figures
    use:         "published" or "local": which quartile the report states
    england_history / neighbours_history / area_history: within the published years
    same_year:   True when the dashboard's latest figure is for the benchmark year, or the
                 dashboard has none; False: it is of another period (a quarter, another year).
                 Set by national.attach for the indicator it is attached to.
    """

    measure: str
    label: str
    polarity: str
    has_quartile: bool
    decimals: int | None
    area_name: str
    latest: YearBenchmark
    previous: YearBenchmark | None
    newest: str
    newest_figure: Figure
    use: str
    local_value: Decimal | None = None
    local_rank: int | None = None
    local_quartile: int | None = None
    england_history: History | None = None
    neighbours_history: History | None = None
    area_history: History | None = None
    series: tuple[tuple[str, Decimal | None], ...] = field(default=(), compare=False)
    topic: str | None = None  # the dictionary's Topic ("All Pupil Absence & Exclusions")
    same_year: bool = True

    @property
    def quartile(self) -> int | None:
        """The quartile the report states, by the configured use."""
        return self.local_quartile if self.use == "local" else self.latest.quartile

    @property
    def rank(self) -> int | None:
        return self.local_rank if self.use == "local" else self.latest.rank


_YEAR = re.compile(r"(\d{4})(?:\s*[/-]\s*(\d{2}|\d{4}))?")


def year_end(label: str) -> int | None:
    """The calendar year a table's year label ends in: '2022/23' -> 2023, '2023' -> 2023,
    '2014-16' -> 2016, '2013/14-15/16' -> 2016, '2018 (Rev)' -> 2018; None for '0'."""
    match = _YEAR.search(label)
    if match is None:
        return None
    first = int(match.group(1))
    digits = re.findall(r"\d+", label[match.start() :])
    tail = int(digits[-1]) if len(digits) > 1 else first
    if tail < 100:
        tail += (first // 100) * 100
    return tail


def quartile_of(value: float, thresholds: tuple[float, float, float], polarity: str) -> int:
    """The quartile of `value` among local authorities whose figures have the percentiles
    `thresholds` (25th, 50th, 75th): 1 (top) to 4 by polarity: Low polarity's 1 is at or below
    the 25th percentile (each band includes its upper bound); High polarity's 1 is above the
    75th percentile."""
    q25, q50, q75 = thresholds
    if polarity == "low":
        return 1 if value <= q25 else 2 if value <= q50 else 3 if value <= q75 else 4
    return 1 if value > q75 else 2 if value > q50 else 3 if value > q25 else 4
