"""The benchmark cache's file: computed benchmarks as JSON data, checked against their key.

The cache folder sits beside the user's config (`.narrator-cache/`), where anyone who can write
a file can plant one, so the file holds data only: JSON, decoded field by field against the
`Benchmark` types (a value of the wrong type, a missing or extra field, a key or version that
is not the one asked for, each makes the whole file unusable). Nothing in it can run code, and
a file that does not decode is reported and rebuilt, never trusted.

Decimals are written as their text ("88.6"), so a figure reads back exactly as computed.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import types
import typing
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from narrator.published import Benchmark

FORMAT = "narrator-benchmarks"
"""The `format` every cache file names: a JSON file of any other kind is not ours."""


class CacheRefused(ValueError):
    """A cache file that is not the benchmarks asked for; the message says what is wrong."""


def dumps(key: str, benchmarks: dict[str, Benchmark]) -> bytes:
    """The cache file's bytes for `benchmarks` computed under `key` (the cache's digest)."""
    document = {
        "format": FORMAT,
        "key": key,
        "benchmarks": {name: _encode(value) for name, value in sorted(benchmarks.items())},
    }
    return json.dumps(document, ensure_ascii=False, sort_keys=True).encode("utf-8")


def loads(data: bytes, key: str, names: set[str]) -> dict[str, Benchmark]:
    """The benchmarks a cache file holds, when it was written under `key` for exactly the
    indicators `names`. Raises CacheRefused for anything else: not JSON, another format or
    key, another set of indicators, or a value that is not of its field's type."""
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise CacheRefused("not a JSON file") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise CacheRefused("not a narrator benchmark file")
    if document.get("key") != key:
        raise CacheRefused("written for other tables or another narrator (its key differs)")
    found = document.get("benchmarks")
    if not isinstance(found, dict) or set(found) != names:
        raise CacheRefused("does not hold the indicators asked for")
    return {name: _decode(Benchmark, value, name) for name, value in found.items()}


def _encode(value: object) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, tuple):
        return [_encode(item) for item in value]
    if value is None or isinstance(value, bool | int | str):
        return value
    raise TypeError(f"cannot store {type(value).__name__} in the benchmark cache")


def _decode(kind: Any, value: Any, where: str) -> Any:
    """`value` (parsed JSON) as an instance of the type `kind`, or CacheRefused."""
    return _decoder(kind)(value, where)


Decoder = Callable[[Any, str], Any]


@functools.cache
def _decoder(kind: Any) -> Decoder:
    """The function decoding a value of the type `kind`, worked out from the type once (a
    sample's cache file holds about 2,000 values: reading their types again for each was most
    of loading it)."""
    origin = typing.get_origin(kind)
    if origin is typing.Union or origin is types.UnionType:
        return _optional(typing.get_args(kind))
    if origin is tuple:
        return _tuple(typing.get_args(kind))
    if dataclasses.is_dataclass(kind):
        return _dataclass(kind)
    return functools.partial(_scalar, kind)


def _optional(options: tuple[Any, ...]) -> Decoder:
    (inner,) = [o for o in options if o is not type(None)]
    none_ok, decode = type(None) in options, _decoder(inner)

    def optional(value: Any, where: str) -> Any:
        if value is None and none_ok:
            return None
        return decode(value, where)

    return optional


def _tuple(args: tuple[Any, ...]) -> Decoder:
    def many(value: Any, where: str) -> tuple[Any, ...]:
        if not isinstance(value, list):
            raise CacheRefused(f"{where}: expected a list")
        if len(args) == 2 and args[1] is Ellipsis:
            decode = _decoder(args[0])
            return tuple(decode(item, where) for item in value)
        if len(args) != len(value):
            raise CacheRefused(f"{where}: expected {len(args)} values")
        return tuple(_decoder(a)(item, where) for a, item in zip(args, value, strict=True))

    return many


def _dataclass(kind: Any) -> Decoder:
    hints = typing.get_type_hints(kind)
    fields = frozenset(f.name for f in dataclasses.fields(kind))
    decoders = {name: _decoder(hints[name]) for name in fields}

    def record(value: Any, where: str) -> Any:
        if not isinstance(value, dict):
            raise CacheRefused(f"{where}: expected a mapping")
        if set(value) != fields:
            raise CacheRefused(f"{where}: the fields are not {kind.__name__}'s")
        return kind(**{name: decoders[name](value[name], f"{where}.{name}") for name in fields})

    return record


def _scalar(kind: Any, value: Any, where: str) -> Any:
    if kind is Decimal and isinstance(value, str):
        try:
            number = Decimal(value)
        except InvalidOperation:
            raise CacheRefused(f"{where}: {value!r} is not a number") from None
        if number.is_finite():
            return number
    if kind is bool and isinstance(value, bool):
        return value
    if kind is int and isinstance(value, int) and not isinstance(value, bool):
        return value
    if kind is str and isinstance(value, str):
        return value
    raise CacheRefused(f"{where}: {value!r} is not a {getattr(kind, '__name__', kind)}")
