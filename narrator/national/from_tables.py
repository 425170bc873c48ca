"""A report with no dashboard: each catalogued indicator's latest and previous values are taken
straight from the national tables (its published figures for the latest year and the one
before), so a report can be built for any local authority the tables hold.

The config names no `dashboard`; every catalogue entry with a `national` measure becomes an
indicator, in catalogue order, under its LAIT topic (the dictionary's `Topic`), with the
polarity the dictionary (or the entry) gives.
"""

from __future__ import annotations

import re
from pathlib import Path

from narrator.errors import ConfigError, Location
from narrator.intake.load import Dashboard
from narrator.model import Frequency, Indicator, Polarity, Problem
from narrator.national.benchmarks import Request, benchmarks_for
from narrator.officer_files import Catalogue, Config
from narrator.periods import Period, parse_period
from narrator.published import Benchmark

_POLARITY = {"high": Polarity.HIGH_IS_GOOD, "low": Polarity.LOW_IS_GOOD, "none": Polarity.NONE}


def _period(label: str) -> Period | None:
    """A table's year label as a period ('2022/23', '2023'; '2018 (Rev)' as '2018')."""
    for text in (label, re.sub(r"\s*\(.*\)\s*$", "", label)):
        try:
            return parse_period(text)
        except ValueError:
            continue
    return None


def national_requests(catalogue: Catalogue) -> list[Request]:
    """One request per catalogue entry with a national measure, for the latest published year."""
    return [
        Request(entry.name, entry.national, None, None, "none")
        for entry in catalogue.entries
        if entry.national is not None
    ]


def national_dashboard(
    config: Config, catalogue: Catalogue
) -> tuple[Dashboard, dict[str, Benchmark]]:
    """The indicators the national tables give for the config's area, and their benchmarks.
    Raises ConfigError when the config has no national tables or no entry names a measure."""
    national = config.national
    requests = national_requests(catalogue)
    if national is None or not requests:
        raise ConfigError(
            str(config.file),
            "no dashboard: name one, or name national tables and give catalogue entries a "
            "`national` measure to take the figures from",
        )
    base = config.catalogue.parent if config.catalogue else config.folder
    problems: list[Problem] = []
    found = benchmarks_for(national, config.area, requests, base=base, problems=problems)
    source = str(national.lait or (*national.files(), config.file)[0])
    indicators = []
    for request in requests:
        bench = found[request.indicator]
        previous = bench.previous
        indicators.append(
            Indicator(
                name=request.indicator,
                topic=bench.topic,
                theme=None,
                polarity=_POLARITY[bench.polarity],
                frequency=Frequency.ANNUAL,
                latest=bench.latest.area.value,
                latest_period=_period(bench.latest.year),
                previous=previous.area.value if previous else None,
                previous_period=_period(previous.year) if previous else None,
                quartile=bench.quartile,
                england_average=bench.latest.england.value,
                neighbour_average=bench.latest.neighbours,
                decimals=bench.decimals if bench.decimals is not None else 2,
                row=Location(file=source, indicator=request.indicator),
            )
        )
    dashboard = Dashboard(
        source=str(Path(source)),
        sheet=None,
        indicators=tuple(indicators),
        problems=tuple(problems),
        unknown_columns=(),
    )
    return dashboard, found


def authorities(config: Config, catalogue: Catalogue) -> list[str]:
    """The local authorities with a figure in the latest published year of any of the
    catalogue's national measures, by name. Raises ConfigError as `national_dashboard`."""
    from narrator.national import tables
    from narrator.national.compute import ordered_years

    national = config.national
    requests = national_requests(catalogue)
    if national is None or not requests:
        raise ConfigError(str(config.file), "no national tables or no national measures")
    base = config.catalogue.parent if config.catalogue else config.folder
    names: set[str] = set()
    codes = sorted({r.spec.measure for r in requests if r.spec.measure})
    frames = list(tables.read_lait(national.lait, codes).values()) if national.lait else []
    for request in requests:
        spec = request.spec
        if spec.file and spec.value:
            from narrator.national.benchmarks import ees_path

            path = ees_path(national, spec, base)
            frames.append(tables.read_ees(path, spec.filters, spec.value))
    for frame in frames:
        las = frame[(frame["level"] == "la") & frame["value"].notna()]
        years = ordered_years(las)
        if years:
            names |= set(las[las["year"] == years[-1]]["area"])
    return sorted(names)
