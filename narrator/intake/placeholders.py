"""The placeholders `narrator init` leaves for the officer (text marked TODO in the config and
catalogue): each one still there is a warning from `check` and `build`, with its file and line."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from narrator.errors import Location
from narrator.model import Problem, Severity

MARKER = "TODO"
"""What marks text the officer still has to replace."""

_PLACEHOLDER = re.compile(rf"\b{MARKER}\b")


def placeholder_problems(paths: Iterable[Path | None]) -> list[Problem]:
    """A warning for every line of the given files (config, catalogue; None is skipped) that
    still holds a TODO placeholder, in value or comment, naming the file and line."""
    problems: list[Problem] = []
    for path in paths:
        if path is None:
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # reading it for real reports the problem
        for number, line in enumerate(text.splitlines(), start=1):
            if _PLACEHOLDER.search(line):
                problems.append(
                    Problem(
                        Severity.WARNING,
                        "placeholder",
                        Location(file=str(path)),
                        f"line {number}: a placeholder still to replace: {line.strip()}",
                    )
                )
    return problems
