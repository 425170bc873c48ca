"""narrator.lazy_re: a pattern compiled on first use answers as re.compile's does."""

from __future__ import annotations

import re

from narrator.lazy_re import lazy

_TEXTS = ["Apr-24", "apr 2024 to Jun 24", "", "12 per 1,000 population", "x1y22z333"]


def test_a_lazy_pattern_is_not_compiled_until_it_is_used() -> None:
    pattern = lazy(r"(\d+)")
    assert pattern._compiled is None
    assert pattern.pattern == r"(\d+)"
    assert pattern.search("a1") is not None
    assert pattern._compiled is not None


def test_a_lazy_pattern_answers_every_call_as_the_compiled_one() -> None:
    for source, flags in ((r"(\d+)", 0), (r"^([a-z]{3,9})\.?[\s\-/']*(\d{4}|\d{2})$", re.I)):
        lazy_one, compiled = lazy(source, flags), re.compile(source, flags)
        for text in _TEXTS:
            for name in ("match", "fullmatch", "search"):
                got, want = getattr(lazy_one, name)(text), getattr(compiled, name)(text)
                assert (got and got.groups()) == (want and want.groups())
            assert lazy_one.findall(text) == compiled.findall(text)
            assert [m.span() for m in lazy_one.finditer(text)] == [
                m.span() for m in compiled.finditer(text)
            ]
            assert lazy_one.sub("#", text) == compiled.sub("#", text)
            assert lazy_one.sub(lambda m: m.group(0) * 2, text, 1) == compiled.sub(
                lambda m: m.group(0) * 2, text, 1
            )
            assert lazy_one.split(text) == compiled.split(text)


def test_a_lazy_bytes_pattern_answers_as_the_compiled_one() -> None:
    source = rb'<c r="([A-Z]{1,3})([0-9]{1,7})"'
    xml = b'<c r="A1"/><c r="AB12"/>'
    assert (
        lazy(source).findall(xml)
        == re.compile(source).findall(xml)
        == [
            (b"A", b"1"),
            (b"AB", b"12"),
        ]
    )
