"""Benchmarks for a report's indicators from the national tables, cached by the tables' content.

`benchmarks_for` reads each table once (only the measures asked for), computes one `Benchmark`
per indicator, and keeps the result in a JSON file named by a hash of the tables' bytes and the
requests: a rebuild with unchanged tables reads that file and never imports pandas. The file is
data only (see `narrator.national.cache`): one that is planted, damaged or written for other
tables is reported as a warning and rebuilt, never trusted.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from narrator.errors import ConfigError, Location
from narrator.model import Problem, Severity
from narrator.published import Benchmark, MeasureSpec, NationalConfig, YearBenchmark

if TYPE_CHECKING:
    import pandas as pd

    from narrator.national.compute import _Year

CACHE_VERSION = "national-2"
# The cache key includes the code that computes a Benchmark, so an upgraded narrator never
# reads a benchmark an older one computed.
_CODE = ("../published.py", "tables.py", "compute.py", "benchmarks.py", "cache.py")


@dataclass(frozen=True)
class Request:
    """One indicator to benchmark.

    period_end: the calendar year the dashboard's latest period ends in when it is a year
                (annual figures); None for quarters, terms and months
    local:      the dashboard's latest figure (None: none, or a report with no dashboard)
    polarity:   the dashboard's polarity ("high", "low", "none"), used when neither the
                catalogue nor the dictionary gives one
    """

    indicator: str
    spec: MeasureSpec
    period_end: int | None
    local: Decimal | None
    polarity: str


def _digest(config: NationalConfig, files: list[Path], key: object) -> str:
    """The cache key: the code, every table's bytes and the requests. Reading the tables
    checks each is a regular file within narrator's limits (tables.read_table_bytes), so a
    pipe or a device is refused before anything waits on it."""
    from narrator.national import tables

    sha = hashlib.sha256(CACHE_VERSION.encode())
    here = Path(__file__).parent
    for name in _CODE:
        sha.update((here / name).read_bytes())
    for path in sorted(set(files)):
        sha.update(str(path.name).encode())
        sha.update(tables.read_table_bytes(path))
    sha.update(repr(key).encode())
    return sha.hexdigest()[:32]


def ees_path(config: NationalConfig, spec: MeasureSpec, base: Path) -> Path:
    """The EES file a catalogue entry names: one of the config's `national.ees` names, or a
    path relative to `base` (the catalogue's folder)."""
    assert spec.file is not None
    named = dict(config.ees)
    return named.get(spec.file) or (base / spec.file)


def benchmarks_for(
    config: NationalConfig,
    area: str,
    requests: list[Request],
    *,
    base: Path,
    problems: list[Problem] | None = None,
) -> dict[str, Benchmark]:
    """A Benchmark per requested indicator name. Raises ConfigError for a table that cannot
    be read, a measure or filter value it lacks, or an area it does not hold. A cache file
    that cannot be used is rebuilt, with a warning appended to `problems` (None: not said)."""
    if not requests:
        return {}
    files = list(config.files())
    files += [ees_path(config, r.spec, base) for r in requests if r.spec.file]
    key = (area, config.area, config.year, config.quartile, tuple(requests))
    cache_file = digest = None
    if config.cache is not None:
        digest = _digest(config, files, key)
        cache_file = config.cache / f"benchmarks-{digest}.json"
        cached = _read_cache(cache_file, digest, {r.indicator for r in requests}, problems)
        if cached is not None:
            return cached
    result = _compute(config, area, requests, base)
    if cache_file is not None and digest is not None:
        _write_cache(cache_file, digest, result)
    return result


def _read_cache(
    file: Path, digest: str, names: set[str], problems: list[Problem] | None
) -> dict[str, Benchmark] | None:
    """The benchmarks the cache file holds; None when there is none or it cannot be used
    (then a warning is appended to `problems`). Only a regular file of a sane size is read."""
    from narrator.limits import MAX_INPUT_BYTES
    from narrator.national.cache import CacheRefused, loads

    try:
        info = file.lstat()
    except OSError:
        return None  # no cache yet
    try:
        if not file.is_file() or file.is_symlink() or info.st_size > MAX_INPUT_BYTES:
            raise CacheRefused("not a regular file of a sensible size")
        return loads(file.read_bytes(), digest, names)
    except (OSError, CacheRefused) as exc:
        if problems is not None:
            problems.append(
                Problem(
                    Severity.WARNING,
                    "national-cache-ignored",
                    Location(str(file)),
                    f"the saved national benchmarks cannot be used ({exc}): they were "
                    "worked out again from the tables and saved afresh",
                )
            )
        return None


def _write_cache(file: Path, digest: str, result: dict[str, Benchmark]) -> None:
    """Save `result` as the cache file, atomically; a folder that cannot be written means no
    cache, the same report."""
    from narrator.national.cache import dumps

    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        temporary = file.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_bytes(dumps(digest, result))
        temporary.replace(file)
    except OSError:
        pass


def _compute(
    config: NationalConfig, area: str, requests: list[Request], base: Path
) -> dict[str, Benchmark]:
    from narrator.national import tables

    codes = sorted({r.spec.measure for r in requests if r.spec.measure})
    frames: dict[str, pd.DataFrame] = {}
    dictionary: dict[str, dict[str, str]] = {}
    if codes:
        if config.lait is None:
            raise ConfigError(
                "config", f"measures {codes} need `national.lait`: the LAIT long table"
            )
        frames = tables.read_lait(config.lait, codes)
        if config.dictionary is not None:
            dictionary = tables.read_dictionary(config.dictionary, codes)
    neighbours = tables.read_neighbours(config.neighbours) if config.neighbours else {}
    out: dict[str, Benchmark] = {}
    for request in requests:
        spec = request.spec
        if spec.measure:
            entry = dictionary.get(spec.measure, {})
            frame = tables.split_years(frames[spec.measure], entry.get("Year_Type", ""))
            source = str(config.lait)
            label = entry.get("Measure") or spec.measure
        else:
            path = ees_path(config, spec, base)
            assert spec.value is not None
            frame = tables.read_ees(path, spec.filters, spec.value)
            source = str(path)
            entry = {}
            label = f"{path.name}: {spec.value}"
        out[request.indicator] = _benchmark(
            frame, request, config, area, neighbours, entry, label, source
        )
    return out


_POLARITY = {"high": "high", "low": "low", "-": "none", "": None}


def _ranking(request: Request, entry: dict[str, str]) -> tuple[str, bool, int | None]:
    """(polarity, whether a quartile is shown, the dictionary's decimal places or None): the
    catalogue's `national` first, then the data dictionary's row, then the dashboard."""
    spec = request.spec
    polarity = (
        spec.polarity
        or _POLARITY.get(entry.get("Polarity", "").strip().lower())
        or request.polarity
    )
    has_quartile = polarity != "none" and (
        spec.quartile if spec.quartile is not None else entry.get("No_Quartile", "") != "N"
    )
    dps = entry.get("dps", "")
    decimals = int(float(dps)) if dps.replace(".", "", 1).isdigit() else None
    return polarity, has_quartile, decimals


def _years(
    years: list[str], config: NationalConfig, request: Request
) -> tuple[str, str | None, int]:
    """(the year benchmarked, the year before it when published, the benchmarked year's place
    in `years`): the latest published, or with `year: matching` the one the dashboard's annual
    figure is for."""
    from narrator.published import year_end

    latest = years[-1]
    if config.year == "matching" and request.period_end is not None:
        same = [y for y in years if year_end(y) == request.period_end]
        if same:
            latest = same[-1]
    position = years.index(latest)
    previous = None
    if position > 0 and (year_end(years[position - 1]) or 0) == (year_end(latest) or 0) - 1:
        previous = years[position - 1]
    return latest, previous, position


def _newest(years: list[str], by_year: dict[str, _Year], name: str, number: int | None) -> str:
    """The newest year the area itself has a figure for (else the newest year)."""

    def own(y: str) -> float | None:
        rows = by_year[y]
        row = rows.by_number.get(number) if number is not None else rows.las.get(name)
        return row.value if row is not None else None

    mine_years = [y for y in years if own(y) is not None]
    return mine_years[-1] if mine_years else years[-1]


def _use(config: NationalConfig, request: Request, latest: str) -> str:
    """ "local" when the dashboard's figure is placed against the published year's quartile
    thresholds, else "published". The local use places a figure of another period (a quarter)
    against the published year; a figure for the published year itself is the area's published
    position."""
    from narrator.published import year_end

    same_year = request.period_end is not None and request.period_end == year_end(latest)
    return "local" if config.quartile == "local" and not same_year else "published"


Series = list[tuple[str, Decimal | None]]


def _series(
    upto: list[str], known: dict[str, YearBenchmark], year: Callable[[str], YearBenchmark]
) -> tuple[Series, Series, Series]:
    """The England average, the neighbours' average and the area's own figure for each year up
    to the one benchmarked (`known`: the years already worked out)."""
    england: Series = []
    neighbours: Series = []
    own: Series = []
    for y in upto:
        b = known.get(y) or year(y)
        england.append((y, b.england.value))
        neighbours.append((y, b.neighbours))
        own.append((y, b.area.value))
    return england, neighbours, own


def _benchmark(
    frame: pd.DataFrame,
    request: Request,
    config: NationalConfig,
    area: str,
    neighbours: dict[int, tuple[int, ...]],
    entry: dict[str, str],
    label: str,
    source: str,
) -> Benchmark:
    from narrator.national.compute import (
        find_area,
        history,
        index,
        ordered_years,
        place_local,
        year_benchmark,
    )

    spec = request.spec
    name, number = find_area(frame, config.area or area, source)
    polarity, has_quartile, decimals = _ranking(request, entry)
    by_year = index(frame)
    years = [y for y in ordered_years(frame) if by_year[y].values]
    if not years:
        raise ConfigError(source, f"{label}: no local authority has a published figure")
    latest, previous, position = _years(years, config, request)
    sn = neighbours.get(number, ()) if number is not None else ()

    def year(label_: str) -> YearBenchmark:
        return year_benchmark(
            frame,
            label_,
            area=name,
            number=number,
            neighbours=sn,
            polarity=polarity,
            has_quartile=has_quartile,
        )

    latest_b = year(latest)
    previous_b = year(previous) if previous else None
    newest = _newest(years, by_year, name, number)
    newest_b = latest_b if newest == latest else year(newest)
    known = {latest: latest_b, **({previous: previous_b} if previous and previous_b else {})}
    series_e, series_n, series_a = _series(years[: position + 1], known, year)
    local_rank = local_quartile = None
    use = _use(config, request, latest)
    if use == "local" and request.local is not None:
        local_rank, local_quartile = place_local(
            frame, latest, name, request.local, polarity, has_quartile, number
        )
    return Benchmark(
        measure=spec.measure or label,
        label=label,
        polarity=polarity,
        has_quartile=has_quartile,
        decimals=decimals,
        area_name=name,
        latest=latest_b,
        previous=previous_b,
        newest=newest,
        newest_figure=newest_b.area,
        use=use if request.local is not None else "published",
        local_value=request.local if use == "local" else None,
        local_rank=local_rank,
        local_quartile=local_quartile,
        england_history=history(series_e),
        neighbours_history=history(series_n) if sn else None,
        area_history=history(series_a),
        series=tuple(series_a),
        topic=entry.get("Topic") or None,
    )
