"""What a dashboard file holds once read, whatever its layout: the `Dashboard` the table
reader (narrator.intake.load) and the layout readers (narrator.intake.layouts) both make."""

from __future__ import annotations

from dataclasses import dataclass

from narrator.model import Indicator, Problem, Severity


@dataclass(frozen=True)
class Dashboard:
    """What a dashboard file holds: its indicators and every problem found, both in file order.

    `sheet` is the XLSX sheet read (None for CSV and text); `unknown_columns` names the columns
    kept in each Indicator.extra but not used; `headings` says what each column with a period
    in its heading was read as (its name, and "the latest value, for Q4 2010/11"), empty when
    no heading names a period."""

    source: str
    sheet: str | None
    indicators: tuple[Indicator, ...]
    problems: tuple[Problem, ...]
    unknown_columns: tuple[str, ...]
    headings: tuple[tuple[str, str], ...] = ()

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity is Severity.WARNING)
