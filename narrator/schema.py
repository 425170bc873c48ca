"""The keys and value types of the YAML files officers write (config, catalogue), declared as
data and checked before any value is read, so that nothing given is ignored:

- a key no section takes (`spotlight: {fle: ...}`, an officer's `phone:`) is an error naming the
  file, its line and the nearest known key ("did you mean 'file'?");
- a value of the wrong type (`themes: 'no'`, a YAML text where true or false is meant; a list
  where text is meant) is an error naming the file, its line, what was found and what is taken.

A value left empty (null) passes here: each loader says what an absent value means and which
values are required. What a value must be beyond its type (one of a few words, a period, a
number in range) is the loader's check too.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

KeyPath = tuple[str | int, ...]
"""Where a value is: its keys and list positions from the top of the file."""


@dataclass(frozen=True)
class Kind:
    """A single value: `name` says it in messages ("text"), `types` are the Python types YAML
    gives it (a bool is never a number, though Python counts it as one)."""

    name: str
    types: tuple[type, ...]

    def describe(self) -> str:
        return self.name


@dataclass(frozen=True)
class ListOf:
    """A list, each item `item`."""

    item: Spec

    def describe(self) -> str:
        return "a list"


@dataclass(frozen=True)
class MapOf:
    """A mapping with keys of the officer's choosing (names of files, columns), each value
    `value`."""

    value: Spec
    what: str = "a mapping"

    def describe(self) -> str:
        return self.what


@dataclass(frozen=True)
class Fields:
    """A section: a mapping of known keys, each with its own value's spec."""

    keys: Mapping[str, Spec]
    what: str = "a mapping"

    def describe(self) -> str:
        return self.what


@dataclass(frozen=True)
class OneOf:
    """Any of `options` (tried in order: the first whose shape fits is checked further)."""

    options: tuple[Spec, ...]

    def describe(self) -> str:
        names = [o.describe() for o in self.options]
        return ", ".join(names[:-1]) + " or " + names[-1] if len(names) > 1 else names[0]


Spec = Kind | ListOf | MapOf | Fields | OneOf

TEXT = Kind("text", (str, int, float))
"""Text, a number written bare taken as its text (`area: 855`, `sheet: 2024`)."""
WORDS = Kind("text", (str,))
BOOL = Kind("true or false", (bool,))
WHOLE = Kind("a whole number", (int,))
NUMBER = Kind("a number", (int, float, str))  # "0.5" in quotes is read as the number too
DATE = Kind("a date written YYYY-MM-DD", (date,))
TEXTS = OneOf((TEXT, ListOf(TEXT)))
"""A paragraph or a list of paragraphs; a name or a list of names."""


@dataclass(frozen=True)
class SchemaProblem:
    """A value that does not fit: where it is, and what is wrong (the message names `where`)."""

    path: KeyPath
    message: str


def check(data: Any, spec: Spec, top: str = "the file", path: KeyPath = ()) -> SchemaProblem | None:
    """The first value of `data` (in file order) that does not fit `spec`; None when all do.
    `top` names the file's top level in messages ("the config")."""
    if data is None:
        return None
    if isinstance(spec, OneOf):
        fitting = [o for o in spec.options if _shape_fits(data, o)]
        if not fitting:
            return _wrong(data, spec, path, top)
        return check(data, fitting[0], top, path)
    if not _shape_fits(data, spec):
        return _wrong(data, spec, path, top)
    if isinstance(spec, ListOf):
        for i, item in enumerate(data):
            if found := check(item, spec.item, top, (*path, i)):
                return found
    elif isinstance(spec, MapOf):
        for key, value in data.items():
            if found := check(value, spec.value, top, (*path, str(key))):
                return found
    elif isinstance(spec, Fields):
        for key, value in data.items():
            name = str(key)
            if name not in spec.keys:
                return SchemaProblem((*path, name), _unknown(name, path, spec, top))
            if found := check(value, spec.keys[name], top, (*path, name)):
                return found
    return None


def _shape_fits(data: Any, spec: Spec) -> bool:
    if isinstance(spec, Kind):
        if isinstance(data, bool) and bool not in spec.types:
            return False
        return isinstance(data, spec.types)
    if isinstance(spec, ListOf):
        return isinstance(data, list)
    if isinstance(spec, MapOf | Fields):
        return isinstance(data, dict)
    return any(_shape_fits(data, o) for o in spec.options)


def dotted(path: KeyPath) -> str:
    """'outcomes[3].themes' for ("outcomes", 3, "themes")."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def _unknown(key: str, path: KeyPath, spec: Fields, top: str) -> str:
    known = list(spec.keys)
    near = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    if not near:  # a different case or spacing ("Title", "meeting date")
        folded = {k.replace("_", " ").casefold(): k for k in known}
        near = [folded[k] for k in [key.replace("_", " ").strip().casefold()] if k in folded]
    hint = f"; did you mean {near[0]!r}?" if near else ""
    section = dotted(path) or top
    return f"unknown key {key!r} in {section}{hint} ({section} takes {', '.join(known)})"


def _shown(value: Any) -> str:
    """A value as a message names it: "the text 'no'", "a list", "the number 3"."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"the text {value[:60]!r}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, date):
        return f"the date {value.isoformat()}"
    return type(value).__name__


def _wrong(value: Any, spec: Spec, path: KeyPath, top: str) -> SchemaProblem:
    hint = ""
    if isinstance(value, str) and _accepts(spec, bool) and not _accepts(spec, str):
        hint = " (write true or false without quotes)"
    where = dotted(path) or top
    return SchemaProblem(path, f"{where}: expected {spec.describe()}, not {_shown(value)}{hint}")


def _accepts(spec: Spec, kind: type) -> bool:
    if isinstance(spec, Kind):
        return kind in spec.types
    if isinstance(spec, OneOf):
        return any(_accepts(o, kind) for o in spec.options)
    return False


def fields_of(names: Sequence[str], spec: Spec) -> dict[str, Spec]:
    """Each of `names` with the same spec (a section of like settings)."""
    return dict.fromkeys(names, spec)
