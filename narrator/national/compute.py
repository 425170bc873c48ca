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
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from narrator.errors import ConfigError
from narrator.national.model import Extreme, Figure, History, YearBenchmark
from narrator.national.tables import reason

if TYPE_CHECKING:
    import pandas as pd

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


def ordered_years(frame: pd.DataFrame) -> list[str]:
    """The frame's year labels, oldest first (labels with no year, such as '0', left out)."""
    labels = [y for y in frame["year"].unique() if year_end(str(y)) is not None]
    return sorted(map(str, labels), key=lambda y: (year_end(y), y))


def find_area(frame: pd.DataFrame, key: str, file: str) -> tuple[str, int | None]:
    """The local authority `key` names: an LA number ('855'), an ONS code ('E10000018') or a
    name (case and spacing folded). Returns (name, LA number). Raises ConfigError listing the
    nearest names when nothing matches."""
    las = frame[frame["level"] == "la"][["area", "la_number", "ons"]].drop_duplicates()
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


def _figure(rows: pd.DataFrame) -> Figure:
    if rows.empty:
        return Figure(None)
    text = str(rows["text"].iloc[-1])
    value = _decimal(text)
    return Figure(value) if value is not None else Figure(None, reason(text))


def _region_key(name: str) -> str:
    """'Outer London' and 'London (Outer)', 'Yorkshire and The Humber' and '... the ...' alike."""
    folded = " ".join(name.casefold().split())
    match = re.fullmatch(r"(inner|outer) london", folded)
    return f"london ({match.group(1)})" if match else folded


def quantiles(values: pd.Series) -> tuple[float, float, float]:
    """The 25th, 50th and 75th percentiles, linear interpolation (R type 7)."""
    q = values.quantile([0.25, 0.5, 0.75])
    return float(q.iloc[0]), float(q.iloc[1]), float(q.iloc[2])


def quartile_of(value: float, thresholds: tuple[float, float, float], polarity: str) -> int:
    """1 (top) to 4 by polarity: Low polarity's 1 is at or below the 25th percentile (each band
    includes its upper bound); High polarity's 1 is above the 75th percentile."""
    q25, q50, q75 = thresholds
    if polarity == "low":
        return 1 if value <= q25 else 2 if value <= q50 else 3 if value <= q75 else 4
    return 1 if value > q75 else 2 if value > q50 else 3 if value > q25 else 4


def rank_of(value: float, others: pd.Series, polarity: str) -> int:
    """1 + how many of `others` are strictly better (ties share the best rank)."""
    better = others < value if polarity == "low" else others > value
    return 1 + int(better.sum())


def _to_decimal(value: float) -> Decimal:
    return Decimal(repr(round(value, 10)))


def neighbour_mean(
    year_rows: pd.DataFrame, neighbours: tuple[int, ...]
) -> tuple[Decimal | None, tuple[str, ...], tuple[str, ...]]:
    """The plain mean of the neighbours with a figure (exact, in decimals), with the names of
    those used and of those with none."""
    las = year_rows[year_rows["level"] == "la"]
    used: list[str] = []
    missing: list[str] = []
    total = Decimal(0)
    for number in neighbours:
        rows = las[las["la_number"] == number]
        figure = _figure(rows)
        name = str(rows["area"].iloc[-1]) if not rows.empty else f"LA {number}"
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
    neighbours: tuple[int, ...],
    polarity: str,
    has_quartile: bool,
) -> YearBenchmark:
    """Everything about one published year for the area."""
    rows = frame[frame["year"] == year]
    las = rows[rows["level"] == "la"]
    mine = las[las["area"] == area]
    region_name = str(mine["region"].iloc[-1]) if not mine.empty else None
    region_rows = rows[rows["level"] == "region"]
    if region_name:
        key = _region_key(region_name)
        region_rows = region_rows[region_rows["area"].map(_region_key) == key]
    else:
        region_rows = region_rows.iloc[0:0]
    values = las["value"].dropna()
    area_figure = _figure(mine)
    own = mine["value"].dropna()
    rank = None
    if polarity != "none" and not own.empty:
        others = las[las["area"] != area]["value"].dropna()
        rank = rank_of(float(own.iloc[-1]), others, polarity)
    thresholds = None
    quartile = None
    if has_quartile and len(values) >= 4:
        cut = quantiles(values)
        thresholds = (_to_decimal(cut[0]), _to_decimal(cut[1]), _to_decimal(cut[2]))
        if not own.empty:
            quartile = quartile_of(float(own.iloc[-1]), cut, polarity)
    mean, used, missing = neighbour_mean(rows, neighbours)
    return YearBenchmark(
        year=year,
        area=area_figure,
        england=_figure(rows[rows["level"] == "england"]),
        region=_figure(region_rows),
        region_name=region_name,
        neighbours=mean,
        neighbours_used=used,
        neighbours_missing=missing,
        rank=rank,
        ranked=len(values),
        thresholds=thresholds,
        quartile=quartile,
    )


def place_local(
    frame: pd.DataFrame, year: str, area: str, value: Decimal, polarity: str, has_quartile: bool
) -> tuple[int | None, int | None]:
    """The rank and quartile a local figure would have among the LAs' published figures of
    `year` (the area's own published figure replaced by it; the thresholds as published)."""
    rows = frame[(frame["year"] == year) & (frame["level"] == "la")]
    values = rows["value"].dropna()
    if polarity == "none" or values.empty:
        return None, None
    local = float(value)
    rank = rank_of(local, rows[rows["area"] != area]["value"].dropna(), polarity)
    quartile = None
    if has_quartile and len(values) >= 4:
        quartile = quartile_of(local, quantiles(values), polarity)
    return rank, quartile


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
