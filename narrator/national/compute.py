"""Benchmarks from one measure's long frame (see `narrator.national.tables`), as LAIT computes:

- rank: among local authorities with a figure, ties sharing the best rank (R's
  `rank(ties.method = "min")`), ascending for Low polarity and descending for High;
- quartile thresholds: the 25th, 50th and 75th percentiles of the LAs' figures by linear
  interpolation (R's default type 7, pandas' default); for High polarity the top quartile (1)
  is above the 75th percentile, for Low polarity it is at or below the 25th; no quartile where
  the dictionary says so or the measure has no polarity;
- statistical-neighbour average: the plain mean of the neighbours that have a figure;
- change on the year: only between consecutive years.
"""

from __future__ import annotations

import difflib
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from narrator.errors import ConfigError
from narrator.national.tables import reason
from narrator.published import (
    Extreme,
    Figure,
    History,
    YearBenchmark,
    quartile_of,
    year_end,
)

if TYPE_CHECKING:
    import pandas as pd


def ordered_years(frame: pd.DataFrame) -> list[str]:
    """The frame's year labels, oldest first (labels with no year, such as '0', left out)."""
    labels = [y for y in index(frame) if year_end(y) is not None]
    return sorted(map(str, labels), key=lambda y: (year_end(y), y))


_AREAS: dict[int, tuple[pd.DataFrame, pd.DataFrame]] = {}


def find_area(frame: pd.DataFrame, key: str, file: str) -> tuple[str, int | None]:
    """The local authority `key` names: an LA number ('855'), an ONS code ('E10000018') or a
    name (case and spacing folded). Returns (name, LA number). Raises ConfigError listing the
    nearest names when nothing matches."""
    held = _AREAS.get(id(frame))
    if held is None or held[0] is not frame:
        held = (
            frame,
            frame[frame["level"] == "la"][["area", "la_number", "ons"]].drop_duplicates(),
        )
        _AREAS[id(frame)] = held
    las = held[1]
    text = key.strip()
    if text.isdigit():
        hit = las[las["la_number"] == int(text)]
    elif re.fullmatch(r"[EWSN]\d{8}", text.upper()):
        hit = las[las["ons"].str.upper() == text.upper()]
    else:
        folded = " ".join(text.casefold().split())
        hit = las[las["area"].str.casefold().str.split().str.join(" ") == folded]
    if hit.empty:
        names = sorted(set(las["area"]))
        near = difflib.get_close_matches(text, names, n=5, cutoff=0.6)
        hint = f"; nearest: {', '.join(near)}" if near else ""
        raise ConfigError(
            file,
            f"area {key!r} is not a local authority of the national table (by LA number, ONS "
            f"code or name){hint}",
        )
    row = hit.iloc[-1]
    number = row["la_number"]
    return str(row["area"]), None if number != number else int(number)


def _decimal(text: str) -> Decimal | None:
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def _region_key(name: str) -> str:
    """'Outer London' and 'London (Outer)', 'Yorkshire and The Humber' and '... the ...' alike."""
    folded = " ".join(name.casefold().split())
    match = re.fullmatch(r"(inner|outer) london", folded)
    return f"london ({match.group(1)})" if match else folded


def quantiles(values: pd.Series) -> tuple[float, float, float]:
    """The 25th, 50th and 75th percentiles, linear interpolation (R type 7)."""
    q = values.quantile([0.25, 0.5, 0.75])
    return float(q.iloc[0]), float(q.iloc[1]), float(q.iloc[2])


def _to_decimal(value: float) -> Decimal:
    return Decimal(repr(round(value, 10)))


@dataclass(frozen=True)
class _Row:
    area: str
    number: int | None
    region: str
    text: str
    value: float | None


@dataclass(frozen=True)
class _Year:
    """One year of a measure, indexed once: LAs by name and number, England, regions by name,
    the LAs' figures sorted (for ranks) and their quartile thresholds."""

    las: dict[str, _Row]
    by_number: dict[int, _Row]
    england: _Row | None
    regions: dict[str, _Row]
    values: list[float]
    cut: tuple[float, float, float] | None


_INDEX: dict[int, tuple[pd.DataFrame, dict[str, _Year]]] = {}


def index(frame: pd.DataFrame) -> dict[str, _Year]:
    """The frame by year (built once per frame and process: a build-all worker benchmarks every
    authority from the same frames). Row by row in Python once, then every look-up is a dict's."""
    import pandas as pd

    held = _INDEX.get(id(frame))
    if held is not None and held[0] is frame:
        return held[1]
    years: dict[str, _Year] = {}
    columns = ["year", "level", "area", "la_number", "region", "text", "value"]
    records = zip(*(frame[c].tolist() for c in columns), strict=True)
    grouped: dict[str, list[tuple[str, _Row]]] = {}
    for year, level, area, number, region, text, value in records:
        row = _Row(
            str(area),
            None if number != number else int(number),
            str(region),
            str(text),
            None if value != value else float(value),
        )
        grouped.setdefault(str(year), []).append((str(level), row))
    for year, rows in grouped.items():
        every = [r for level, r in rows if level == "la"]
        las = {r.area: r for r in every}
        # every LA row counts, two of one name included (EES has an old and a new "Dorset")
        values = sorted(r.value for r in every if r.value is not None)
        cut = quantiles(pd.Series(values, dtype="float64")) if len(values) >= 4 else None
        years[year] = _Year(
            las=las,
            by_number={r.number: r for r in every if r.number is not None},
            england=next((r for level, r in rows if level == "england"), None),
            regions={_region_key(r.area): r for level, r in rows if level == "region"},
            values=values,
            cut=cut,
        )
    _INDEX[id(frame)] = (frame, years)
    return years


def _row_figure(row: _Row | None) -> Figure:
    if row is None:
        return Figure(None)
    value = _decimal(row.text)
    return Figure(value) if value is not None else Figure(None, reason(row.text))


def _better(values: list[float], value: float, polarity: str) -> int:
    """How many of the sorted `values` are strictly better than `value`."""
    if polarity == "low":
        return bisect_left(values, value)
    return len(values) - bisect_right(values, value)


def neighbour_mean(
    year: _Year, neighbours: tuple[int, ...]
) -> tuple[Decimal | None, tuple[str, ...], tuple[str, ...]]:
    """The plain mean of the neighbours with a figure (exact, in decimals), with the names of
    those used and of those with none."""
    used: list[str] = []
    missing: list[str] = []
    total = Decimal(0)
    for number in neighbours:
        row = year.by_number.get(number)
        figure = _row_figure(row)
        name = row.area if row is not None else f"LA {number}"
        if figure.value is None:
            missing.append(name)
        else:
            used.append(name)
            total += figure.value
    mean = total / len(used) if used else None
    return mean, tuple(used), tuple(missing)


def year_benchmark(
    frame: pd.DataFrame,
    year: str,
    *,
    area: str,
    number: int | None = None,
    neighbours: tuple[int, ...],
    polarity: str,
    has_quartile: bool,
) -> YearBenchmark:
    """Everything about one published year for the area."""
    rows = index(frame)[year]
    mine = rows.by_number.get(number) if number is not None else rows.las.get(area)
    region_name = mine.region if mine is not None and mine.region else None
    region = rows.regions.get(_region_key(region_name)) if region_name else None
    own = mine.value if mine is not None else None
    rank = None
    if polarity != "none" and own is not None:
        rank = 1 + _better(rows.values, own, polarity)
    thresholds = None
    quartile = None
    if has_quartile and rows.cut is not None:
        cut = rows.cut
        thresholds = (_to_decimal(cut[0]), _to_decimal(cut[1]), _to_decimal(cut[2]))
        if own is not None:
            quartile = quartile_of(own, cut, polarity)
    mean, used, missing = neighbour_mean(rows, neighbours)
    return YearBenchmark(
        year=year,
        area=_row_figure(mine),
        england=_row_figure(rows.england),
        region=_row_figure(region),
        region_name=region_name,
        neighbours=mean,
        neighbours_used=used,
        neighbours_missing=missing,
        rank=rank,
        ranked=len(rows.values),
        thresholds=thresholds,
        quartile=quartile,
    )


def place_local(
    frame: pd.DataFrame,
    year: str,
    area: str,
    value: Decimal,
    polarity: str,
    has_quartile: bool,
    number: int | None = None,
) -> tuple[int | None, int | None]:
    """The rank and quartile a local figure would have among the LAs' published figures of
    `year` (the area's own published figure replaced by it; the thresholds as published)."""
    rows = index(frame)[year]
    if polarity == "none" or not rows.values:
        return None, None
    local = float(value)
    better = _better(rows.values, local, polarity)
    mine = rows.by_number.get(number) if number is not None else rows.las.get(area)
    if mine is not None and mine.value is not None and _better([mine.value], local, polarity):
        better -= 1  # the area's own published figure is replaced by the local one
    quartile = None
    if has_quartile and rows.cut is not None:
        quartile = quartile_of(local, rows.cut, polarity)
    return 1 + better, quartile


def history(series: list[tuple[str, Decimal | None]]) -> History | None:
    """Where the last figure of a series (oldest first) stands among the published years, and
    the run of same-direction changes ending at it. Years without a figure are skipped for the
    extreme; a run needs consecutive years. None when the last year has no figure."""
    present = [(y, v) for y, v in series if v is not None]
    if not series or series[-1][1] is None or len(present) < 2:
        return None
    last = present[-1][1]
    earlier = present[:-1]
    extreme = None
    for kind in ("highest", "lowest"):
        at_least = [y for y, v in earlier if (v >= last if kind == "highest" else v <= last)]
        if not at_least:
            extreme = Extreme(kind, None, len(present), present[0][0])
            break
        since = at_least[-1]
        # a record beats at least the two years before it ("the highest since 2019" over a
        # figure that only beat last year's is just a rise)
        if since not in (y for y, _ in earlier[-2:]):
            extreme = Extreme(kind, since, len(present), present[0][0])
            break
    run, direction = 0, None
    for (y0, v0), (y1, v1) in zip(series[-2::-1], series[::-1], strict=False):
        end0, end1 = year_end(y0), year_end(y1)
        if v0 is None or v1 is None or end0 is None or end1 is None or end1 - end0 != 1:
            break
        step = "increase" if v1 > v0 else "decrease" if v1 < v0 else None
        if step is None or (direction is not None and step != direction):
            break
        direction = step
        run += 1
    return History(extreme, run, direction)
