"""Short text layouts read as what they are: an OCR'd appendix of one or two indicators is an
appendix (its header row says so), and no header, title or outcome line is glued onto a name.

The first case is the falsifying example hypothesis found for
test_pipeline_fuzz.py::it_reads_any_ocr_appendix_or_says_what_is_wrong: with two rows the
appendix was taken for a scorecard, and the first indicator's name came out as the broken header,
the outcome line and the name run together ('Children are safe Updated Latest update ...
Social Care Indicator number 0 of Northmoor Y').
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from narrator.intake import layouts
from narrator.intake.load import load_dashboard
from narrator.model import Comparison, Rag

FUZZ_CASE = (
    "Appendix A\nSupporting Indicator\t^Data point\t\t\t\tcai.\tbenchmark\n"
    "Children are safe\tUpdated\tLatest update\tPerformance\tpoint^\tTrend Charts\tStatus RAG"
    "\tтор)\tbenchr\tmark 2017/1\t18 targe\nSocial Care\n"
    "Indicator number 0 of Northmoor\tY\tQ1 2016/17\t92.2%\tSimilar\t\tG\t\tn/a\t94.5%\t\n"
    "Indicator number 1 of Northmoor\tY\tQ1 2016/17\t92.2%\tSimilar\t\tG\t\tn/a\t94.5%\t\n"
    "\nRAG rating key\n\nTop quartile of local authorities\n"
)
NAMES = ["Indicator number 0 of Northmoor", "Indicator number 1 of Northmoor"]


def it_reads_a_two_row_ocr_appendix_as_an_appendix(tmp_path: Path) -> None:
    path = tmp_path / "northmoor.tsv"
    path.write_text(FUZZ_CASE, encoding="utf-8")
    assert layouts.detect(FUZZ_CASE) == "ocr-appendix"
    dashboard = load_dashboard(path)
    got = [
        (
            i.name,
            i.topic,
            i.theme,
            i.latest,
            str(i.latest_period),
            i.comparison,
            i.rag,
            i.neighbour_average,
            i.extra.get("Updated"),
        )
        for i in dashboard.indicators
    ]
    row = ("Children are safe", "Social Care", Decimal("92.2"), "Q1 2016/17", Comparison.SIMILAR)
    rest = (Rag.GREEN, Decimal("94.5"), "Y")
    assert got == [(name, *row, *rest) for name in NAMES]
    assert [i.row.row for i in dashboard.indicators] == [5, 6]
    assert not dashboard.errors


@pytest.mark.parametrize("rows", [1, 2])
def it_detects_a_short_appendix_by_its_header(rows: int) -> None:
    """One or two data rows below the "Latest update" header are an appendix; the same rows
    without that header are too few to be told one."""
    lines = FUZZ_CASE.splitlines()
    short = "\n".join(lines[:4] + lines[4 : 4 + rows]) + "\n"
    assert layouts.detect(short) == "ocr-appendix"
    headless = "\n".join(lines[4 : 4 + rows]) + "\n"
    assert layouts.detect(headless) != "ocr-appendix"


def it_never_joins_a_lower_case_row_across_an_outcome_row(tmp_path: Path) -> None:
    """A name starting in lower case continues the indicator above it, but not across an
    outcome row: below one it is an indicator of its own, under that outcome."""
    path = tmp_path / "westmere.tsv"
    text = (
        "Indicator\tUpdated\tLatest update\tCurrent Performance\tCompared\tChart\tStatus RAG\n"
        "Children are safe\n"
        "Repeat referrals\tY\tQ2 2024/25\t21.5%\tBetter\t\tG\t2\t\t22.0%\t<23%\n"
        "Early help\n"
        "eligible families supported\tY\tQ2 2024/25\t412\tNew\t\tn/a\tn/a\t\tn/a\t\n"
    )
    path.write_text(text, encoding="utf-8")
    dashboard = load_dashboard(path, layout="ocr-appendix")
    assert [(i.name, i.topic) for i in dashboard.indicators] == [
        ("Repeat referrals", "Children are safe"),
        ("eligible families supported", "Early help"),
    ]
    assert not [p for p in dashboard.problems if p.code == "name-continued"]


def it_never_glues_a_long_header_or_outcome_line_onto_a_scorecard_name(tmp_path: Path) -> None:
    """Read as a scorecard, a long line is a wrapped one only as printed: a table header of
    tab-separated cells (over 90 characters) keeps to itself, and the outcome line after it
    is a heading, not the start of the name; the name is the line before the figures."""
    path = tmp_path / "northmoor.txt"
    path.write_text(FUZZ_CASE, encoding="utf-8")
    dashboard = load_dashboard(path, layout="scorecard")
    assert [(i.name, i.topic) for i in dashboard.indicators] == [
        (f"{name} Y", "Social Care") for name in NAMES
    ]
    title = "Oakridge Children's Services Performance Scorecard, Quarter 2 2024/25, all indicators"
    title += " reported to the Scrutiny Committee"
    assert len(title) >= 90
    path.write_text(
        f"{title}\nChildren are safe\nRepeat referrals\nQ2 21.5% Better G 2 22.0%\n"
        "Assessments on time\nQ2 84.0% Worse A 3 86.1%\n",
        encoding="utf-8",
    )
    dashboard = load_dashboard(path, layout="scorecard")
    assert [(i.name, i.topic) for i in dashboard.indicators] == [
        ("Repeat referrals", "Children are safe"),
        ("Assessments on time", "Children are safe"),
    ]
