"""A regular expression compiled when it is first used, not when its module is imported.

Many of narrator's patterns read forms a given dashboard never has (terms, month ranges,
year-to-date headings, units in cells); compiling them all at import cost a sample build
about 6 ms. `lazy(pattern, flags)` stands where `re.compile(pattern, flags)` stood and
answers the same calls with the same results.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any


class LazyPattern:
    """`re.compile(pattern, flags)`, compiled on the first call that needs it."""

    __slots__ = ("_compiled", "_flags", "_pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._pattern = pattern
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern (compiled now if this is its first use)."""
        if self._compiled is None:
            self._compiled = re.compile(self._pattern, self._flags)
        return self._compiled

    @property
    def pattern(self) -> str:
        """The pattern's text, as `re.Pattern.pattern`."""
        return self._pattern

    def match(self, text: str, pos: int = 0) -> re.Match[str] | None:
        """As `re.Pattern.match`."""
        return self.compiled.match(text, pos)

    def fullmatch(self, text: str, pos: int = 0) -> re.Match[str] | None:
        """As `re.Pattern.fullmatch`."""
        return self.compiled.fullmatch(text, pos)

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        """As `re.Pattern.search`."""
        return self.compiled.search(text, pos)

    def sub(self, repl: str | Callable[[re.Match[str]], str], text: str, count: int = 0) -> str:
        """As `re.Pattern.sub`."""
        return self.compiled.sub(repl, text, count)

    def findall(self, text: str) -> list[Any]:
        """As `re.Pattern.findall`."""
        return self.compiled.findall(text)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """As `re.Pattern.finditer`."""
        return self.compiled.finditer(text)

    def split(self, text: str, maxsplit: int = 0) -> list[str | Any]:
        """As `re.Pattern.split`."""
        return self.compiled.split(text, maxsplit)


def lazy(pattern: str, flags: int = 0) -> LazyPattern:
    """A pattern like `re.compile(pattern, flags)` that is compiled when first used."""
    return LazyPattern(pattern, flags)
