"""The stages joined up: config -> dashboard -> catalogue -> rules -> phrasebook -> report.

`prepare` does everything but write, collecting every problem; `check` and `explain` stop there,
`build` goes on to write the .docx.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from narrator.context import Context
from narrator.intake.catalogue import load_catalogue
from narrator.intake.commentary import load_commentary, load_spotlight
from narrator.intake.config import load_config, report_text_problems
from narrator.intake.placeholders import placeholder_problems
from narrator.intake.resolve import resolve
from narrator.language.assemble import (
    IndicatorText,
    assemble,
    commentary_problems,
    order_contexts,
    realise_indicators,
)
from narrator.language.groups import group_problems
from narrator.language.phrases import Phrasebook, load_phrasebook
from narrator.language.realise import Realiser
from narrator.model import Problem, Severity
from narrator.officer_files import Catalogue, Commentary, Config
from narrator.report import Report

if TYPE_CHECKING:
    from narrator.intake.dashboard import Dashboard
    from narrator.intake.history import History
    from narrator.published import Benchmark


@dataclass(frozen=True)
class Prepared:
    """Everything known before writing. `texts` is None when errors stopped the wording."""

    config: Config
    catalogue: Catalogue
    phrasebook: Phrasebook
    commentary: Commentary
    contexts: tuple[Context, ...]
    texts: tuple[IndicatorText, ...] | None
    problems: tuple[Problem, ...]
    source: str
    sheet: str | None
    history: History | None = None  # the earlier dashboards read (None: no `history:`)

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity is Severity.WARNING)


def _dashboard(
    config: Config, catalogue: Catalogue, sheet: str | None, layout: str | None
) -> tuple[Dashboard, dict[str, Benchmark] | None]:
    """The config's dashboard as read (`sheet`, `layout`: None keeps the config's), or with no
    dashboard named the national tables' figures alone, with the benchmarks they were read
    from (None: not computed yet)."""
    from narrator.intake.load import load_dashboard

    if config.dashboard is None:
        from narrator.national.from_tables import national_dashboard

        return national_dashboard(config, catalogue)
    dashboard = load_dashboard(
        config.dashboard,
        sheet=sheet or config.sheet,
        layout=layout or config.layout,
        report_period=config.report_period,
    )
    return dashboard, None


def prepare(
    config_path: Path,
    *,
    data: Path | None = None,
    sheet: str | None = None,
    area: str | None = None,
    dashboard: Dashboard | None = None,
    layout: str | None = None,
) -> Prepared:
    """Load and check everything; word the paragraphs when there are no errors.

    `layout` None keeps the config's layout (itself None: found from the file); `area` None
    keeps the config's area; `dashboard` None reads the config's dashboard (or
    `data`), otherwise it is used as already loaded (build-all --split-by gives each report its
    share of one dashboard).
    Raises NarratorError subclasses for a config, catalogue or phrasebook that cannot be used
    at all, and for a dashboard that cannot be read as a table; cell-level problems are
    collected in `problems` instead.
    """
    from narrator.intake.checks import consistency_problems

    config = load_config(config_path, dashboard=data)
    if area is not None:
        national = config.national and replace(config.national, area=None)
        config = replace(config, area=area, national=national)
    catalogue = load_catalogue(config.catalogue)
    benchmarks = None
    if dashboard is None:
        dashboard, benchmarks = _dashboard(config, catalogue, sheet, layout)
    book = load_phrasebook(config.phrasebook)
    commentary = load_commentary(config.commentary)
    problems: list[Problem] = list(dashboard.problems)
    contexts: list[Context] = []
    for indicator in dashboard.indicators:
        ctx, found = resolve(
            indicator,
            catalogue,
            area=config.area,
            report_period=config.report_period,
            settings=config.settings,
            comparison=config.comparison,
            sizes=book.sizes,
        )
        contexts.append(ctx)
        problems.extend(found)
    if config.national is not None:
        from narrator.national.attach import attach_benchmarks

        contexts, found = attach_benchmarks(contexts, config, benchmarks)
        problems.extend(found)
    history = None
    if config.history:
        from narrator.intake.history import attach_history

        contexts, history = attach_history(contexts, config, catalogue, dashboard.source)
        problems.extend(history.problems)
    problems.extend(consistency_problems(contexts, config, source=dashboard.source))
    problems.extend(commentary_problems(commentary, (c.name for c in contexts)))
    problems.extend(group_problems(contexts, catalogue))
    problems.extend(placeholder_problems((config.file, config.catalogue)))
    problems.extend(report_text_problems(config))
    ordered = order_contexts(contexts, config, catalogue)
    texts: tuple[IndicatorText, ...] | None = None
    if not any(p.severity is Severity.ERROR for p in problems):
        realiser = Realiser(book, config.area)
        texts = tuple(realise_indicators(ordered, realiser, commentary, catalogue))
    return Prepared(
        config=config,
        catalogue=catalogue,
        phrasebook=book,
        commentary=commentary,
        contexts=tuple(ordered),
        texts=texts,
        problems=tuple(problems),
        source=dashboard.source,
        sheet=dashboard.sheet,
        history=history,
    )


def report_of(prepared: Prepared) -> Report:
    """The report tree for a prepared build (which must have no errors)."""
    assert prepared.texts is not None, "report_of needs a build without errors"
    realiser = Realiser(prepared.phrasebook, prepared.config.area)
    spotlight = load_spotlight(prepared.config.spotlight)
    return assemble(
        prepared.config,
        list(prepared.texts),
        realiser,
        spotlight=spotlight,
        problems=prepared.problems,
    )
