"""Dashboards that are not one table with named columns: readers for the layouts councils
publish, each giving the same Dashboard and Indicators as the table reader.

- "table": a CSV, tab-separated text or XLSX table with a header row (narrator.intake.load);
- "period-headings": such a table whose headings name its periods ("2009/10 Outturn | Q4
  2010/11 Actual", a band "Q3 2023/24" over "Value | Target | Status": narrator.intake.headings),
  found in any table; naming it makes a table without them an error;
- "scorecard": a single-period scorecard copied out of a PDF as text (name, then figures);
- "markdown-table": a table converted from a PDF into markdown rows;
- "ocr-appendix": a scanned appendix read by OCR into tab-separated text;
- "column-runs": a Power BI table copied column by column (a published report's appendix).

`detect` names the layout of a text the table reader could not read; `read` reads it. The
readers import nothing of the loader but its Dashboard type, and `load_dashboard` stays the one
entry point.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from types import ModuleType
from typing import TYPE_CHECKING

from narrator.errors import DataError, Location

if TYPE_CHECKING:
    from narrator.intake.dashboard import Dashboard

LAYOUT_NAMES = (
    "table",
    "period-headings",
    "scorecard",
    "markdown-table",
    "ocr-appendix",
    "column-runs",
)
TABLE_LAYOUTS = ("table", "period-headings")  # read by the table reader (narrator.intake.load)


def _modules() -> dict[str, ModuleType]:
    from narrator.intake.layouts import column_runs, markdown, ocr, scorecard

    # the order of detection: the most particular shapes first
    return {
        "markdown-table": markdown,
        "ocr-appendix": ocr,
        "scorecard": scorecard,
        "column-runs": column_runs,
    }


def detect(text: str) -> str | None:
    """The name of the first layout whose shape the text has; None when none has."""
    for name, module in _modules().items():
        test: Callable[[str], bool] = module.detect
        if test(text):
            return name
    return None


def read(name: str, source: str, text: str, *, quarter_year: int | None = None) -> Dashboard:
    """Read `text` as the layout `name` (one of LAYOUT_NAMES but TABLE_LAYOUTS). `quarter_year` is
    the financial year (its first calendar year) of quarters written without one ("Q1") when
    the file itself does not say: the report's year; None: such a quarter is not read."""
    modules = _modules()
    if name not in modules:
        raise DataError(
            Location(file=source),
            name,
            "one of the layouts " + ", ".join(LAYOUT_NAMES),
            "no such layout",
        )
    from narrator.intake.layouts.common import storable

    text, removed = storable(source, text)
    dashboard: Dashboard = modules[name].read(source, text, quarter_year=quarter_year)
    if not removed:
        return dashboard
    problems = sorted([*removed, *dashboard.problems], key=lambda p: p.location.row or 0)
    return dataclasses.replace(dashboard, problems=tuple(problems))
