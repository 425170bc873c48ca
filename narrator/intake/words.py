"""The words a council's export writes in its headings and cells, as data: the reading
sections of `vocabulary.yaml` (headings, status, quartiles, aims, placeholders, cell_units).

Every word is compared as `key` leaves it (lower case, letters, digits and "=<>" only), so
"Target met", "TARGET MET." and "target-met" are one word. The README's Reference lists them,
generated from the same file (`narrator.intake.reference`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any


@lru_cache(maxsize=4096)
def key(text: str) -> str:
    """How a word is compared: 'Target slightly missed (within 10%)' ->
    'targetslightlymissedwithin10'."""
    text = " ".join(str(text).split()).rstrip(". ")
    return re.sub(r"[^a-z0-9=<>]", "", text.lower())


@dataclass(frozen=True, eq=False)  # compared and hashed as the one object it is
class Words:
    """The reading vocabulary. Each mapping goes from a meaning to the words that say it, in
    the file's order (for the Reference): `headings` ("value", "target", "status"), `status`
    ("met", "near", "missed", "none"), `quartiles` (1 to 4), `aims` ("high", "low", "none"),
    `placeholders` (a reason: "annual", "not_due", "information"); `unit_words` the words a
    value cell may carry after its figure, `money_scales` the scales after a "£" figure, `per`
    a rate's base written in a cell."""

    headings: Mapping[str, tuple[str, ...]]
    status: Mapping[str, tuple[str, ...]]
    quartiles: Mapping[int, tuple[str, ...]]
    aims: Mapping[str, tuple[str, ...]]
    placeholders: Mapping[str, tuple[str, ...]]
    unit_words: tuple[str, ...]
    money_scales: tuple[str, ...]
    per: tuple[str, ...]

    def lookup(self, table: str) -> dict[str, str]:
        """Word key -> meaning for one of the tables "headings", "status", "aims",
        "placeholders" (quartiles: `quartile_of`)."""
        return _inverted(self, table)

    def quartile_of(self, text: str) -> int | None:
        """The quartile a word names ("Next to top" -> 2); None when it names none."""
        for quartile, words in self.quartiles.items():
            if key(text) in {key(w) for w in words}:
                return quartile
        return None


@lru_cache(maxsize=8)
def _inverted(words: Words, table: str) -> dict[str, str]:
    found: Mapping[str, tuple[str, ...]] = getattr(words, table)
    return {key(w): meaning for meaning, ws in found.items() for w in ws}


def _strings(raw: Any) -> tuple[str, ...]:
    return tuple(str(w) for w in raw or ())


def words_from(data: Mapping[str, Any]) -> Words:
    """The Words of a mapping shaped as vocabulary.yaml's reading sections."""
    units = data.get("cell_units") or {}
    return Words(
        headings={str(k): _strings(v) for k, v in (data.get("headings") or {}).items()},
        status={str(k): _strings(v) for k, v in (data.get("status") or {}).items()},
        quartiles={int(k): _strings(v) for k, v in (data.get("quartiles") or {}).items()},
        aims={str(k): _strings(v) for k, v in (data.get("aims") or {}).items()},
        placeholders={str(k): _strings(v) for k, v in (data.get("placeholders") or {}).items()},
        unit_words=_strings(units.get("words")),
        money_scales=_strings(units.get("money_scales")),
        per=_strings(units.get("per")),
    )


@cache
def vocabulary_data() -> Mapping[str, Any]:
    """vocabulary.yaml as read (shipped with narrator beside this module)."""
    from narrator.package_files import package_file
    from narrator.yamltext import load_yaml

    text = package_file("narrator.intake", "vocabulary.yaml").read_text(encoding="utf-8")
    data: Mapping[str, Any] = load_yaml(text, kept=True)
    return data


@cache
def default_words() -> Words:
    """The reading words shipped with narrator."""
    return words_from(vocabulary_data())
