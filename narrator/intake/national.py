"""The config's `national:` block and a catalogue entry's `national:` key, checked.

Config (paths relative to the config file):

    national:
      lait: national/lait-bds-long.parquet      # the LAIT long table (.parquet or .csv)
      dictionary: national/lait-data-dictionary.csv
      neighbours: national/sn_april_2021.xlsx   # DfE statistical neighbours
      ees: {care_leavers: national/la_care_leavers_accommodation_suitability.csv}
      area: 855            # LA number, ONS code or name (default: the report's area)
      year: matching       # matching (the dashboard's year when annual) | latest
      quartile: published  # published (the area's own) | local (latest figure vs thresholds)
      cache: true          # keep computed benchmarks in .narrator-cache/ beside the config
                           # (false: none; a folder; $NARRATOR_CACHE overrides the folder)

Catalogue entry:

    national: {measure: TotPermEx}
    national:
      file: care_leavers                        # a name under national.ees, or a path
      filters: {age: 19 to 21 years, accommodation_suitability: Accommodation considered suitable}
      value: percentage
      polarity: high
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from narrator.errors import ConfigError
from narrator.published import MeasureSpec, NationalConfig
from narrator.schema import BOOL, TEXT, WORDS, Fields, MapOf, OneOf, fields_of

CACHE_ENV = "NARRATOR_CACHE"
"""When set, the folder every report keeps its computed benchmarks in (instead of
.narrator-cache/ beside its config)."""

NATIONAL_SCHEMA = Fields(
    {
        **fields_of(("lait", "dictionary", "neighbours"), TEXT),
        "ees": MapOf(TEXT, "names and files ({name: file.csv})"),
        **fields_of(("area", "year", "quartile"), TEXT),
        "cache": OneOf((BOOL, TEXT)),
    }
)
"""The config's `national:` block (narrator.schema)."""
MEASURE_SCHEMA = OneOf(
    (
        TEXT,
        Fields(
            {
                **fields_of(("measure", "file"), TEXT),
                "filters": MapOf(TEXT, "{column: value}"),
                "value": TEXT,
                "polarity": WORDS,
                "quartile": BOOL,
            }
        ),
    )
)
"""A catalogue entry's `national:` (narrator.schema)."""


def _text(file: str, where: str, value: Any) -> str:
    if not isinstance(value, str | int) or isinstance(value, bool) or not str(value).strip():
        raise ConfigError(file, f"{where}: expected text, not {value!r}")
    return str(value).strip()


def national_config(file: str, base: Path, raw: Any) -> NationalConfig | None:
    """The `national:` block; None when the config has none."""
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise ConfigError(file, "national: expected a mapping (lait, dictionary, neighbours...)")

    def path(key: str) -> Path | None:
        value = raw.get(key)
        return None if value is None else base / _text(file, f"national.{key}", value)

    ees_raw = raw.get("ees") or {}
    if not isinstance(ees_raw, dict):
        raise ConfigError(file, "national.ees: expected names and files ({name: file.csv})")
    ees = tuple((str(k), base / _text(file, f"national.ees.{k}", v)) for k, v in ees_raw.items())
    year = raw.get("year", "matching")
    if year not in ("matching", "latest"):
        raise ConfigError(file, f"national.year {year!r}: use matching or latest")
    quartile = raw.get("quartile", "published")
    if quartile not in ("published", "local"):
        raise ConfigError(file, f"national.quartile {quartile!r}: use published or local")
    cache = raw.get("cache", True)
    if not isinstance(cache, bool | str):
        raise ConfigError(file, "national.cache: true, false or a folder")
    cache_dir = None if cache is False else base / (".narrator-cache" if cache is True else cache)
    if cache_dir is not None and os.environ.get(CACHE_ENV):
        cache_dir = Path(os.environ[CACHE_ENV])
    area = raw.get("area")
    return NationalConfig(
        lait=path("lait"),
        dictionary=path("dictionary"),
        neighbours=path("neighbours"),
        ees=ees,
        area=None if area is None else _text(file, "national.area", area),
        year=year,
        quartile=quartile,
        cache=cache_dir,
    )


def measure_spec(file: str, where: str, raw: Any) -> MeasureSpec | None:
    """A catalogue entry's `national:`: a LAIT measure code, or an EES file with its filters
    and value column. None when the entry has none."""
    if raw is None:
        return None
    if isinstance(raw, str):
        raw = {"measure": raw}
    if not isinstance(raw, dict):
        raise ConfigError(file, f"{where}.national: expected {{measure: CODE}} or an EES file")
    measure = raw.get("measure")
    ees = raw.get("file")
    if (measure is None) == (ees is None):
        raise ConfigError(file, f"{where}.national: give either 'measure' (LAIT) or 'file' (EES)")
    filters_raw = raw.get("filters") or {}
    if not isinstance(filters_raw, dict):
        raise ConfigError(file, f"{where}.national.filters: expected {{column: value}}")
    value = raw.get("value")
    if ees is not None and value is None:
        raise ConfigError(file, f"{where}.national: an EES file needs 'value' (its figure column)")
    polarity = raw.get("polarity")
    if polarity not in (None, "high", "low", "none"):
        raise ConfigError(file, f"{where}.national.polarity {polarity!r}: use high, low or none")
    quartile = raw.get("quartile")
    if quartile is not None and not isinstance(quartile, bool):
        raise ConfigError(file, f"{where}.national.quartile: true or false")
    return MeasureSpec(
        measure=None if measure is None else _text(file, f"{where}.national.measure", measure),
        file=None if ees is None else _text(file, f"{where}.national.file", ees),
        filters=tuple(
            (str(k), _text(file, f"{where}.national.filters.{k}", v))
            for k, v in filters_raw.items()
        ),
        value=None if value is None else _text(file, f"{where}.national.value", value),
        polarity=polarity,
        quartile=quartile,
    )
