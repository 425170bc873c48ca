"""A regular expression compiled when it is first used, not when its module is imported.

Many of narrator's patterns read forms a given dashboard never has (terms, month ranges,
year-to-date headings, units in cells, spreadsheet merges); compiling the 25 a sample build
never uses at import cost it about 4 ms of CPU. `lazy(pattern, flags)` stands where
`re.compile(pattern, flags)` stood (text or bytes) and answers the same calls alike.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any, AnyStr, Generic


class LazyPattern(Generic[AnyStr]):
    """`re.compile(pattern, flags)`, compiled on the first call that needs it."""

    __slots__ = ("_compiled", "_flags", "_pattern")

    def __init__(self, pattern: AnyStr, flags: int = 0) -> None:
        self._pattern: AnyStr = pattern
        self._flags = flags
        self._compiled: re.Pattern[AnyStr] | None = None

    @property
    def compiled(self) -> re.Pattern[AnyStr]:
        """The compiled pattern (compiled now if this is its first use)."""
        if self._compiled is None:
            self._compiled = re.compile(self._pattern, self._flags)
        return self._compiled

    @property
    def pattern(self) -> AnyStr:
        """The pattern's text, as `re.Pattern.pattern`."""
        return self._pattern

    def match(self, text: AnyStr, pos: int = 0) -> re.Match[AnyStr] | None:
        """As `re.Pattern.match`."""
        return self.compiled.match(text, pos)

    def fullmatch(self, text: AnyStr, pos: int = 0) -> re.Match[AnyStr] | None:
        """As `re.Pattern.fullmatch`."""
        return self.compiled.fullmatch(text, pos)

    def search(self, text: AnyStr, pos: int = 0) -> re.Match[AnyStr] | None:
        """As `re.Pattern.search`."""
        return self.compiled.search(text, pos)

    def sub(
        self, repl: AnyStr | Callable[[re.Match[AnyStr]], AnyStr], text: AnyStr, count: int = 0
    ) -> AnyStr:
        """As `re.Pattern.sub`."""
        return self.compiled.sub(repl, text, count)

    def findall(self, text: AnyStr) -> list[Any]:
        """As `re.Pattern.findall`."""
        return self.compiled.findall(text)

    def finditer(self, text: AnyStr) -> Iterator[re.Match[AnyStr]]:
        """As `re.Pattern.finditer`."""
        return self.compiled.finditer(text)

    def split(self, text: AnyStr, maxsplit: int = 0) -> list[AnyStr | Any]:
        """As `re.Pattern.split`."""
        return self.compiled.split(text, maxsplit)


def lazy(pattern: AnyStr, flags: int = 0) -> LazyPattern[AnyStr]:
    """A pattern like `re.compile(pattern, flags)` that is compiled when first used."""
    return LazyPattern(pattern, flags)
