"""narrator.lazy_re: a pattern compiled on first use answers as re.compile's does."""

from __future__ import annotations

import re
from typing import Any

from narrator.lazy_re import lazy

_TEXTS = ["Apr-24", "apr 2024 to Jun 24", "", "12 per 1,000 population", "x1y22z333"]


def test_a_lazy_pattern_is_not_compiled_until_it_is_used() -> None:
    pattern = lazy(r"(\d+)")
    assert pattern._compiled is None
    assert pattern.pattern == r"(\d+)"
    assert pattern.search("a1") is not None
    assert pattern._compiled is not None


def _answers(pattern: Any, text: str) -> list[object]:
    """What `pattern` answers to each call narrator makes, as plain values."""
    found = [getattr(pattern, name)(text) for name in ("match", "fullmatch", "search")]
    return [
        *[m and m.groups() for m in found],
        pattern.findall(text),
        [m.span() for m in pattern.finditer(text)],
        pattern.sub("#", text),
        pattern.sub(lambda m: m.group(0) * 2, text, 1),
        pattern.split(text),
    ]


def test_a_lazy_pattern_answers_every_call_as_the_compiled_one() -> None:
    cases = [(r"(\d+)", 0), (r"^([a-z]{3,9})\.?[\s\-/']*(\d{4}|\d{2})$", re.I)]
    got = [_answers(lazy(p, flags), text) for p, flags in cases for text in _TEXTS]
    want = [_answers(re.compile(p, flags), text) for p, flags in cases for text in _TEXTS]
    assert got == want
    assert any(answer[0] for answer in want)  # some text matches


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
