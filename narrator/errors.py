"""The project's errors: one base, subclasses that also inherit the builtin they resemble.

Every error carries what a user needs to fix the input (file, sheet, row, column, value and what
was expected) and knows how to print itself and which exit code the command line should use.
"""

from __future__ import annotations

from typing import NamedTuple


class Location(NamedTuple):
    """Where a value came from. Any part may be None when it does not apply or is not known.

    A named tuple rather than a frozen dataclass: a dashboard makes one per cell (200,000 for a
    10,000-indicator dashboard) and a tuple is built in a fifth of the time. Change one with
    `_replace`."""

    file: str | None = None
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    cell: str | None = None
    indicator: str | None = None

    def describe(self) -> str:
        """'file.csv, row 7, column "Latest Value" (indicator "Care leavers EET")'."""
        parts: list[str] = []
        if self.file:
            parts.append(self.file)
        if self.sheet:
            parts.append(f"sheet {self.sheet!r}")
        if self.cell:
            parts.append(f"cell {self.cell}")
        elif self.row is not None:
            parts.append(f"row {self.row}")
        if self.column:
            parts.append(f'column "{self.column}"')
        text = ", ".join(parts)
        if self.indicator:
            text += f' (indicator "{self.indicator}")' if text else f'indicator "{self.indicator}"'
        return text


class NarratorError(Exception):
    """Base of every error narrator reports to a user. `exit_code` is what the CLI exits with."""

    exit_code = 2

    def user_message(self) -> str:
        return str(self)


class DataError(NarratorError, ValueError):
    """A dashboard cell or row that cannot be read.

    `value` is the text as found (None when there is none to show: a file that cannot be read,
    an empty file); `expected` says what would have been accepted.
    """

    def __init__(self, location: Location, value: object, expected: str, problem: str = "") -> None:
        self.location = location
        self.value = value
        self.expected = expected
        self.problem = problem or "cannot read value"
        super().__init__(self.user_message())

    def user_message(self) -> str:
        where = self.location.describe()
        shown = "" if self.value is None else f" {self.value!r}"
        return f"{where}: {self.problem}{shown}; expected {self.expected}"


class DataErrors(NarratorError, ValueError):
    """Several problems found while reading a dashboard; `problems` holds them all, in order.

    Raised when the report cannot be built; each element is a narrator.model.Problem.
    """

    def __init__(self, problems: list[object]) -> None:
        self.problems = list(problems)
        lines = [getattr(p, "describe", lambda p=p: str(p))() for p in self.problems]
        super().__init__("\n".join(lines))


class ConfigError(NarratorError, ValueError):
    """A report config, catalogue or commentary file that is missing, unreadable or wrong.
    `line` and `column` are where in the file, as an editor counts them (None: not known, or
    the whole file)."""

    def __init__(
        self, file: str, message: str, *, line: int | None = None, column: int | None = None
    ) -> None:
        self.file = file
        self.message = message
        self.line = line
        self.column = column
        where = file
        if line is not None:
            where += f", line {line}" + (f", column {column}" if column is not None else "")
        super().__init__(f"{where}: {message}")


class InputError(ConfigError):
    """Any file the user gave (a dashboard, template or previous report too) that cannot be
    used at all: missing, unreadable, not a regular file, over a size limit, damaged.
    `message` says what was wrong and what to do."""


class PhrasebookError(NarratorError, ValueError):
    """A phrasebook entry that does not parse, or uses values no rule provides."""

    def __init__(self, file: str, key: str, message: str) -> None:
        self.file = file
        self.key = key
        self.message = message
        super().__init__(f"{file}: phrase {key!r}: {message}")


class OutputError(NarratorError, OSError):
    """An output file that narrator refuses to write, or cannot."""
