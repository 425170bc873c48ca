"""What an officer's own files become once intake has read and checked them: the report
config (`Config`, with its `Outcome`s and `Officer`s), the indicator catalogue (`Catalogue`)
and the text officers write (`Commentary`, `SpotlightPart`). Plain data shared by the stages:
intake's readers (`narrator.intake.config`, `.catalogue`, `.commentary`) make them, language
and word read them, and nothing here reads a file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from narrator.lazy_re import lazy
from narrator.model import CatalogueEntry, IndicatorGroup
from narrator.periods import Period
from narrator.published import NationalConfig
from narrator.settings import RuleSettings


@dataclass(frozen=True)
class Officer:
    """A contact at the end of the report. Any field but `name` may be None (not printed)."""

    name: str
    role: str | None = None
    telephone: str | None = None
    email: str | None = None


@dataclass(frozen=True)
class Outcome:
    """A strategic outcome: a section of the report.

    topic:   the dashboard's Topic text that puts an indicator in this section
    heading: the section heading (None: the topic itself)
    intro:   paragraphs written before the indicators (e.g. the basis of comparisons)
    themes:  True to put a sub-heading per dashboard Theme inside the section
    """

    topic: str
    heading: str | None = None
    intro: tuple[str, ...] = ()
    themes: bool = False


@dataclass(frozen=True)
class Config:
    """A loaded report config. Optional paths are None when the config does not name them;
    optional text sections are empty tuples when absent (the section is then left out, except
    Background Papers, which says "None." as committee reports do; Circulation is written only when
    the config gives it).

    report_of:  who the report is from, as one text (a list in the config is joined "A, B and
                C"); None: no subtitle. `joint` is True when the config lists two or more.
    comparison: what every indicator's previous figure is, unless its catalogue entry says
                (see CatalogueEntry.comparison); None: the period just before.
    rag_key:    the appendix's RAG key: "quartile" or "target" (the phrasebook's keys of those
                names), or the config's own (letter, meaning) pairs; None: no key printed.
    summary:    what the Background's summary paragraph counts, in order: "targets" (met and
                missed, and which way the measures moved) and/or "quartiles"; empty: chosen
                from what the dashboard holds (SUMMARY_PARTS, `summary_parts`).
    """

    file: Path
    area: str
    committee: str
    meeting_date: date | None
    title: str
    report_of: str | None
    department: str | None
    author: str | None
    report_period: Period | None
    dashboard: Path | None  # None: the figures come from the national tables
    sheet: str | None
    catalogue: Path | None
    phrasebook: Path | None
    commentary: Path | None
    template: Path | None
    outcomes: tuple[Outcome, ...]
    text: dict[str, tuple[str, ...]]
    spotlight_title: str | None
    spotlight: Path | None
    appendix_title: str | None
    officers: tuple[Officer, ...]
    settings: RuleSettings = field(default_factory=RuleSettings)
    joint: bool = False
    comparison: str | None = None
    rag_key: str | tuple[tuple[str, str], ...] | None = None
    # national tables (issue 13): None when the report uses none
    national: NationalConfig | None = None
    layout: str | None = None  # how the dashboard is laid out; None: found from the file
    # earlier dashboards (folders, globs or files, relative to the config): () reads none
    history: tuple[str, ...] = ()
    summary: tuple[str, ...] = ()

    @property
    def folder(self) -> Path:
        return self.file.parent


_NOT_NAME = re.compile(r"[^0-9a-z%]+")
_CUT_SHORT = lazy(r"(?:\.\.|…)\s*$")


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
    groups: tuple[IndicatorGroup, ...] = ()
    _index: dict[str, CatalogueEntry] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Normalised name and alias -> entry, the first entry winning as a scan would.
        index: dict[str, CatalogueEntry] = {}
        for entry in self.entries:
            for name in (entry.name, *entry.aliases):
                index.setdefault(normalise_name(name), entry)
        object.__setattr__(self, "_index", index)

    def lookup(self, name: str) -> CatalogueEntry | None:
        """The entry for a dashboard indicator name, or None when the catalogue has none. A
        name cut short by the copy it came from ("... within last 12 months (..") finds the one
        entry whose name or alias starts with what is left; None when none or several do."""
        key = normalise_name(name)
        found = self._index.get(key)
        if found is not None or not _CUT_SHORT.search(name) or len(key) < 20:
            return found
        starting = {id(e): e for k, e in self._index.items() if k.startswith(key)}
        return next(iter(starting.values())) if len(starting) == 1 else None

    def group_of(self, name: str) -> IndicatorGroup | None:
        """The group whose paragraph a dashboard indicator belongs to; None: its own paragraph."""
        entry = self.lookup(name)
        if entry is None:
            return None
        for group in self.groups:
            if any(self.lookup(member) is entry for member in group.names):
                return group
        return None


@dataclass(frozen=True)
class Commentary:
    """Officer text by normalised indicator name; `names` keeps the names as written."""

    source: str | None
    texts: dict[str, str]
    names: dict[str, str]

    def for_indicator(self, name: str) -> str | None:
        """The officer's text for this indicator, or None when there is none."""
        return self.texts.get(normalise_name(name))


@dataclass(frozen=True)
class SpotlightPart:
    """A spotlight paragraph, or a sub-heading when `heading` is True."""

    text: str
    heading: bool = False
