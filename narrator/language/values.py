"""A clause rules hand to the phrasebook (`Phrase`): its own module so that rules and
national_rules share it without importing each other (rules imports both).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Phrase:
    """A clause for the phrasebook to word: a key and its values (which may nest Phrases)."""

    key: str
    values: dict[str, object]
