"""Consistency checks across a dashboard: what a careful reader would query before the
committee does. Each check is a function of the resolved indicators returning Problems.
"""

from __future__ import annotations

from collections.abc import Iterable

from narrator.config import Config
from narrator.model import Problem
from narrator.resolve import Context


def consistency_problems(
    contexts: Iterable[Context], config: Config, *, source: str
) -> list[Problem]:
    """Every consistency problem found, in dashboard order."""
    return []
