"""Which keys a phrasebook may hold, and the error for one it may not: a key narrator does not
know (named with its file, line and the nearest known key: "did you mean"), or a key of the
removed `sentences:` section (named with the key that words it now).

A user's phrasebook is checked against the bundled one: the keys the bundled phrasebook has,
and for `plan: parts` also every key a rule can produce and its shorter forms (a user may word
"travel.improved.slight" apart from "travel.improved").
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from narrator.errors import PhrasebookError
from narrator.language.plan import (
    BENCHMARK_PARTS,
    HISTORY_PARTS,
    JOIN_KEYS,
    LEAD_RECORD_PARTS,
    POSITION_PARTS,
    RECORD_PARTS,
    STATED_PARTS,
    TARGET_PARTS,
)
from narrator.language.rules import CLAUSES, REPORT_RULES, RULES
from narrator.settings import SIZE_BANDS, SIZE_TOP, SIZE_UNITS

# The `sentences:` section (removed): each key's wording is now in `plan: parts` under the same
# key, as a part (no capital letter, no full stop: the `alone` join makes it a sentence), except
# these, whose findings are joined into the paragraph's sentences.
_MOVED = {
    "level": ("plan.joins.opening", "plan.joins.member", "plan.joins.overall"),
    "travel.no_change": ("plan.parts.travel.unchanged",),
    "count_change": ("plan.parts.count_change.against",),
    **{
        f"quartile.{m.value}": (f"plan.parts.quartile.{m.value}", f"plan.parts.{POSITION_PARTS[m]}")
        for m in POSITION_PARTS
    },
    **{
        f"national_quartile.{s.value}": (
            f"plan.parts.quartile.benchmark.{s.value}",
            f"plan.parts.{BENCHMARK_PARTS[s]}",
        )
        for s in BENCHMARK_PARTS
    },
    **{
        f"national_{g}.{p}": ("clauses.compare.above", "clauses.compare.below")
        for g in ("england", "neighbours")
        for p in ("above", "below", "same", "alone", "as_england")
    },
}


# `plan: parts` keys renamed, each wording now in one place: old -> new.
RENAMED_PARTS = {"travel.no_change": "travel.unchanged"}

# Keys removed when the national tables' sentences joined the one route (issue 23), by the
# first part of the key (`plan: parts`) or the key's family (`clauses:`): what words it now.
_AVERAGES = (
    "the England and statistical neighbour comparisons are one sentence, as the dashboard's: "
    "set clauses.compare.above, compare.below, compare.same (and plan.parts.comparators) instead"
)
_QUARTILE = (
    "the national quartile is joined to the change as the dashboard's is: set "
    "plan.parts.quartile.benchmark.published or .local (and "
    "plan.parts.quartile.subject.benchmark.published or .local, the area first) instead"
)
_HISTORY = (
    "an average's own change on the year, run and record are no longer said (narrator explain "
    "lists them as left out); the area's own record joined to the change is "
    "plan.parts.series.joined.published.highest or .lowest"
)
REMOVED_PARTS = {
    "national_quartile": _QUARTILE,
    "national_england": _AVERAGES,
    "national_neighbours": _AVERAGES,
}
REMOVED_CLAUSES = {"national": _HISTORY}


def _removed(section: str, name: str) -> str | None:
    """Why a key a user's phrasebook sets was removed and what words it now; None when it
    was not."""
    first = name.split(".")[0]
    if section == "plan.parts":
        if name in RENAMED_PARTS:
            new = f"plan.parts.{RENAMED_PARTS[name]}"
            return f"plan.parts.{name} was removed: set {new} instead (one wording for both)"
        if first in REMOVED_PARTS:
            return f"plan.parts.{name} was removed: {REMOVED_PARTS[first]}"
    if section == "clauses" and first in REMOVED_CLAUSES:
        return f"clauses.{name} was removed: {REMOVED_CLAUSES[first]}"
    return None


def removed_key(key: str) -> tuple[str, ...]:
    """The key(s) now wording what `sentences.<key>` did."""
    return _MOVED.get(key, (f"plan.parts.{key}",))


def _prefixes(key: str) -> Iterator[str]:
    parts = key.split(".")
    for n in range(1, len(parts) + 1):
        yield ".".join(parts[:n])


@cache
def part_keys() -> tuple[str, ...]:
    """Every key the planner may ask `plan: parts` for: each rule's keys (a latest figure is
    said by the opening joins), the position said area first, a target by its kind."""
    keys: list[str] = []
    for rule in (*RULES, *REPORT_RULES):
        keys += rule.keys
    keys += POSITION_PARTS.values()
    keys += TARGET_PARTS.values()
    keys += STATED_PARTS
    keys += HISTORY_PARTS.values()
    keys += RECORD_PARTS.values()
    keys += BENCHMARK_PARTS.values()
    keys += LEAD_RECORD_PARTS.values()
    return tuple(dict.fromkeys(keys))


def _known(section: str, bundled: dict[str, Any]) -> set[str]:
    """The keys a user's phrasebook may set directly under `section` (a dotted path)."""
    node: Any = bundled
    for name in section.split("."):
        node = node.get(name) if isinstance(node, dict) else None
    known = {str(k) for k in node} if isinstance(node, dict) else set()
    if section == "plan.parts":
        known |= {p for k in part_keys() for p in _prefixes(k)}
    elif section == "plan.joins":
        known |= set(JOIN_KEYS)
    elif section == "clauses":
        known |= {p for k in CLAUSES for p in _prefixes(k)}
    return known


# Sections whose keys are checked one level down; `terms` (tables named by the values they
# word) and the RAG keys (named by the config's `rag_key`) may hold names of the user's own.
_CHECKED = (
    "settings",
    "sizes",
    *(f"sizes.{unit}" for unit in SIZE_UNITS),
    "units",
    "subject",
    "clauses",
    "plan",
    "plan.parts",
    "plan.joins",
)
_FREE = ("terms", "report.appendix.rag_keys")


def check_user_keys(
    path: Path, data: dict[str, Any], sections: tuple[str, ...], bundled: dict[str, Any]
) -> None:
    """Raise a located PhrasebookError for the first key in a user's phrasebook that narrator
    does not know, or that the removed `sentences:` section held."""
    sentences = data.get("sentences")
    if sentences is not None:
        keys = list(sentences) if isinstance(sentences, dict) else []
        if not keys:
            raise _located(path, ("sentences",), "the `sentences:` section was removed")
        key = str(keys[0])
        new = " or ".join(removed_key(key))
        why = (
            f"the `sentences:` section was removed; set {new} instead (a part: no capital "
            "letter and no full stop, the `alone` join makes it a sentence)"
        )
        raise _located(path, ("sentences", key), why)
    _check_level(path, (), data, set(sections), bundled)
    terms = data.get("terms")
    if isinstance(terms, dict):
        check_terms(path, terms, bundled.get("terms") or {})
    if "sizes" in data:
        check_sizes(path, data["sizes"], bundled.get("sizes") or {})


def check_sizes(path: Path, sizes: Any, bundled: dict[str, Any]) -> None:
    """Raise a located PhrasebookError for a `sizes:` section narrator cannot use: not a table;
    a unit row that is not a table of numbers from 0 to 1,000,000 whose bands, laid over the
    bundled row, rise slight <= small <= moderate; a `people_up_to` that is not a whole number
    in that range. (Unknown keys are found by the key check, with "did you mean".)"""
    if not isinstance(sizes, dict):
        raise _located(path, ("sizes",), f"expected a table of size bands, not {_kind(sizes)}")
    for key, given in sizes.items():
        name = str(key)
        if name == "people_up_to":
            if not _whole(given):
                why = f"expected a whole number of people from 0 to 1,000,000, not {_kind(given)}"
                raise _located(path, ("sizes", name), why)
            continue
        if name not in SIZE_UNITS:
            continue  # the key check names it
        if not isinstance(given, dict):
            shape = ", ".join(f"{b}: ..." for b in SIZE_BANDS)
            why = f"expected a table of bands, like {{{shape}}}, not {_kind(given)}"
            raise _located(path, ("sizes", name), why)
        row = {**(bundled.get(name) or {}), **given}
        for band in SIZE_BANDS:
            if band in given and not _number(given[band]):
                why = f"expected a number from 0 to 1,000,000, not {_kind(given[band])}"
                raise _located(path, ("sizes", name, band), why)
        limits: list[Any] = [row.get(band) for band in SIZE_BANDS]
        numbers = [float(v) for v in limits if _number(v)]
        if len(numbers) == len(SIZE_BANDS) and numbers != sorted(numbers):
            said = ", ".join(f"{b} {v}" for b, v in zip(SIZE_BANDS, limits, strict=True))
            why = f"the bands must rise, slight <= small <= moderate (here {said})"
            raise _located(path, ("sizes", name), why)


def _number(value: Any) -> bool:
    """A YAML number narrator can use as a size band: 0 to 1,000,000, not a yes/no."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return 0 <= value <= SIZE_TOP


def _whole(value: Any) -> bool:
    return isinstance(value, int) and _number(value)


# `terms` tables whose keys are the data's own names (a council's terms, longer runs): a user may
# add keys to these; every other table's keys are fixed by the bundled phrasebook.
_OPEN_TERMS = ("term", "run")


def check_terms(path: Path, terms: dict[Any, Any], bundled: dict[str, Any]) -> None:
    """Raise a located PhrasebookError for a `terms:` table narrator does not know, or one not
    shaped as the bundled one is: a table of words by key ("quartile: {1: top, ...}") given as a
    list printed "in the 2 quartile"; a list given as a table, a key the table has no use for,
    or a word that is not text."""
    for key, given in terms.items():
        name = str(key)
        if name not in bundled:
            near = difflib.get_close_matches(name, sorted(bundled), n=1)
            hint = f"; did you mean {near[0]!r}?" if near else ""
            raise _located(path, ("terms", name), f"not a terms table{hint}")
        _check_term(path, name, given, bundled[name])


def _check_term(path: Path, name: str, given: Any, bundled: Any) -> None:
    at = ("terms", name)
    if isinstance(bundled, dict):
        if not isinstance(given, dict):
            keys = ", ".join(f"{k}: ..." for k in bundled)
            why = f"expected a table of words by key, like {{{keys}}}, not {_kind(given)}"
            raise _located(path, at, why)
        known = {str(k) for k in bundled}
        for key, word in given.items():
            if str(key) not in known and name not in _OPEN_TERMS:
                near = difflib.get_close_matches(str(key), sorted(known), n=1)
                hint = f"; did you mean {near[0]!r}?" if near else ""
                has = ", ".join(sorted(known))
                why = f"{key!r} is not a key of terms.{name} (it has {has}){hint}"
                raise _located(path, at, why)
            if not isinstance(word, str):
                raise _located(path, at, f"the word for {key!r} must be text, not {_kind(word)}")
    elif isinstance(bundled, list):
        if not isinstance(given, list) or not all(isinstance(w, str) for w in given):
            raise _located(path, at, f"expected a list of words, not {_kind(given)}")
        if len(given) != len(bundled):
            why = f"expected {len(bundled)} words, as the bundled list has, not {len(given)}"
            raise _located(path, at, why)
    elif not isinstance(given, str):
        raise _located(path, at, f"expected text, not {_kind(given)}")


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return f"{type(value).__name__} {value!r}"


def _check_level(
    path: Path,
    at: tuple[str, ...],
    node: dict[str, Any],
    known: set[str],
    bundled: dict[str, Any],
) -> None:
    here = ".".join(at)
    for key in node:
        name = str(key)
        removed = _removed(here, name) if name not in known else None
        if removed is not None:
            raise _located(path, (*at, name), removed)
        if name not in known:
            near = difflib.get_close_matches(name, sorted(known), n=1)
            hint = f"; did you mean {near[0]!r}?" if near else ""
            message = f"not a phrasebook key{hint}"
            raise _located(path, (*at, name), message)
        child = node[key]
        inner = f"{here}.{name}" if here else name
        if not isinstance(child, dict) or inner in _FREE or name == "terms":
            continue
        if (
            inner in _CHECKED
            or inner in ("periods", "report")
            or inner.startswith(("periods.", "report."))
        ):
            _check_level(path, (*at, name), child, _known_at(inner, bundled), bundled)


def _known_at(section: str, bundled: dict[str, Any]) -> set[str]:
    known = _known(section, bundled)
    if section.startswith("periods."):
        # a more specific period kind ("split_year.academic.flow") falls back as keys do
        known |= {
            f"{k}.{extra}" for k in list(known) for extra in ("flow", "academic", "financial")
        }
        known |= {f"{k}.flow" for k in list(known)}
    return known


def _located(path: Path, at: tuple[str, ...], message: str) -> PhrasebookError:
    """The error for the key at `at`, with its line (the file is read again only then)."""
    line = _key_lines(path).get(at)
    where = f"line {line}: " if line else ""
    return PhrasebookError(str(path), ".".join(at), f"{where}{message}")


def _key_lines(path: Path) -> dict[tuple[str, ...], int]:
    """Each mapping key's line (1-based) in a YAML file, by its path of keys; empty when the
    file cannot be read again."""
    import yaml

    try:
        root = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    out: dict[tuple[str, ...], int] = {}

    def walk(node: Any, at: tuple[str, ...]) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                here = (*at, str(key.value))
                out.setdefault(here, key.start_mark.line + 1)
                walk(value, here)

    walk(root, ())
    return out
