"""The indicator catalogue: how each indicator is spoken of (data, not code).

A catalogue is a YAML file:

    indicators:
      - name: Care leavers EET          # as the dashboard names it
        aliases: [Care leavers in EET]  # other names it has had (optional)
        subject: the percentage of Care Leavers aged up to 21 in Education, Employment or Training
        unit: percentage                # percentage | count | rate | score
        decimals: 1                     # optional: otherwise the data's own precision
        noun: young people              # what numerators and counts count
        year_type: academic             # optional: how "2022/23" is spoken (academic | financial)
        per: 10000                      # rates only
        comparison: year_on_year        # optional: the previous figure is a year earlier

An indicator with no entry still gets a paragraph, worded from its dashboard name, and a warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from narrator.errors import ConfigError
from narrator.intake.yamlfile import read_mapping
from narrator.limits import MAX_DECIMALS
from narrator.model import CatalogueEntry, Unit

_FIELDS = {
    "name",
    "aliases",
    "subject",
    "unit",
    "decimals",
    "noun",
    "year_type",
    "per",
    "comparison",
}


_NOT_NAME = re.compile(r"[^0-9a-z%]+")


@lru_cache(maxsize=65536)
def normalise_name(name: str) -> str:
    """Case, spacing and punctuation folded, so "Care leavers  EET." finds "Care leavers EET".
    (Cached: each indicator's name is folded at every stage that looks it up.)"""
    return _NOT_NAME.sub(" ", name.casefold()).strip()


@dataclass(frozen=True)
class Catalogue:
    """Entries by normalised name and alias. `source` is the file it came from (None: empty)."""

    entries: tuple[CatalogueEntry, ...]
    source: str | None = None
    _index: dict[str, CatalogueEntry] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Normalised name and alias -> entry, the first entry winning as a scan would.
        index: dict[str, CatalogueEntry] = {}
        for entry in self.entries:
            for name in (entry.name, *entry.aliases):
                index.setdefault(normalise_name(name), entry)
        object.__setattr__(self, "_index", index)

    def lookup(self, name: str) -> CatalogueEntry | None:
        """The entry for a dashboard indicator name, or None when the catalogue has none."""
        return self._index.get(normalise_name(name))


def _entry(raw: Any, index: int, file: str) -> CatalogueEntry:
    where = f"indicators[{index}]"
    if not isinstance(raw, dict) or not isinstance(raw.get("name"), str):
        raise ConfigError(file, f"{where}: each entry needs at least a 'name'")
    unknown = set(raw) - _FIELDS
    if unknown:
        raise ConfigError(file, f"{where} ({raw['name']}): unknown keys {sorted(unknown)}")
    unit = raw.get("unit")
    try:
        unit_value = Unit(unit) if unit is not None else None
    except ValueError as exc:
        choices = ", ".join(u.value for u in Unit)
        raise ConfigError(file, f"{where} ({raw['name']}): unit {unit!r}; use {choices}") from exc
    year_type = raw.get("year_type")
    if year_type not in (None, "academic", "financial"):
        raise ConfigError(file, f"{where}: year_type {year_type!r}; use academic or financial")
    comparison = raw.get("comparison")
    if comparison not in (None, "year_on_year"):
        raise ConfigError(file, f"{where}: comparison {comparison!r}; use year_on_year")
    for key, low, high in (("decimals", 0, MAX_DECIMALS), ("per", 1, 1_000_000_000)):
        value = raw.get(key)
        if value is not None and (
            isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high
        ):
            raise ConfigError(
                file,
                f"{where} ({raw['name']}): {key} {value!r}; use a whole number from {low} to "
                f"{high:,}",
            )
    aliases = raw.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise ConfigError(file, f"{where} ({raw['name']}): aliases must be a list of names")
    return CatalogueEntry(
        name=raw["name"],
        subject=raw.get("subject"),
        unit=unit_value,
        decimals=raw.get("decimals"),
        noun=raw.get("noun"),
        year_type=year_type,
        per=raw.get("per"),
        aliases=tuple(aliases),
        comparison=comparison,
    )


def load_catalogue(path: Path | None) -> Catalogue:
    """Read a catalogue file; None gives an empty catalogue (every indicator falls back)."""
    if path is None:
        return Catalogue(())
    file = str(path)
    data = read_mapping(path, "catalogue")
    if not isinstance(data.get("indicators"), list):
        raise ConfigError(file, "expected a mapping with an 'indicators' list")
    entries = tuple(_entry(raw, i, file) for i, raw in enumerate(data["indicators"]))
    seen: dict[str, str] = {}
    for entry in entries:
        for name in (entry.name, *entry.aliases):
            key = normalise_name(name)
            if key in seen:
                raise ConfigError(file, f"{name!r} is listed twice (also as {seen[key]!r})")
            seen[key] = name
    return Catalogue(entries, file)
