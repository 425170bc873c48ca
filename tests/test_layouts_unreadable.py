"""An unreadable line in a layout reader is a located warning naming its line, never a dropped
indicator: a garbled scorecard line (`Q. 76.0% |ew`) took its indicator out of the report and
made the name before it an outcome heading; a damaged entry in a Power BI copy stopped every
indicator being read; a markdown row of marks was taken for a heading without a word."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from narrator.intake.load import load_dashboard
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures"

KIRKBY = """\
Kirkby Children's Services Scorecard 2024/25
Children are safe
Repeat referrals within 12 months
Q2 18.2% (41) Better G 2 21.0%
Assessments completed within 45 days
Q. 76.0% |ew
Child protection plans reviewed in time
Q2 95.8% (250) Similar G 2 89.9%
Families thrive
Early help closures with needs met
Q2 81.0% (120) Worse A 3 84.5%
"""


def it_keeps_an_indicator_whose_scorecard_line_is_garbled(tmp_path: Path) -> None:
    path = tmp_path / "kirkby.txt"
    path.write_text(KIRKBY, encoding="utf-8")
    dashboard = load_dashboard(path, layout="scorecard")
    assert [(i.name, i.latest, i.topic) for i in dashboard.indicators] == [
        ("Repeat referrals within 12 months", Decimal("18.2"), "Children are safe"),
        ("Assessments completed within 45 days", None, "Children are safe"),
        ("Child protection plans reviewed in time", Decimal("95.8"), "Children are safe"),
        ("Early help closures with needs met", Decimal("81.0"), "Families thrive"),
    ]
    (unread,) = [p for p in dashboard.problems if p.code == "unreadable-figures"]
    assert (unread.location.row, unread.location.indicator, unread.value) == (
        6,
        "Assessments completed within 45 days",
        "Q. 76.0% |ew",
    )


def it_says_a_garbled_scorecard_line_with_no_name_before_it(tmp_path: Path) -> None:
    path = tmp_path / "kirkby.txt"
    path.write_text(
        KIRKBY.replace("Families thrive\n", "Q2 4.5% |n\nFamilies thrive\n"), encoding="utf-8"
    )
    dashboard = load_dashboard(path, layout="scorecard")
    assert [i.topic for i in dashboard.indicators][-1] == "Families thrive"
    said = [(p.code, p.location.row, p.value) for p in dashboard.problems]
    assert ("unreadable-line", 9, "Q2 4.5% |n") in said


def it_reads_a_power_bi_copy_with_a_damaged_entry_and_says_where(tmp_path: Path) -> None:
    """Seed 004's appendix with one value damaged: no indicator was read at all."""
    text = (FIXTURES / "seed004_appendix.txt").read_text(encoding="utf-8")
    damaged = text.replace("\n66.0%\n", "\n6б.0%|\n", 1)
    assert damaged != text
    path = tmp_path / "appendix.txt"
    path.write_text(damaged, encoding="utf-8")
    whole = load_dashboard(FIXTURES / "seed004_appendix.txt", layout="column-runs")
    read = load_dashboard(path, layout="column-runs")
    assert [i.name for i in read.indicators] == [i.name for i in whole.indicators]
    changed = [
        (a.name, a.latest, b.latest)
        for a, b in zip(whole.indicators, read.indicators, strict=True)
        if a.latest != b.latest
    ]
    assert len(changed) == 1 and changed[0][1:] == (Decimal("66.0"), None)
    (unread,) = [p for p in read.problems if p.code == "unreadable-latest"]
    line = damaged.splitlines().index("6б.0%|") + 1
    assert (unread.location.row, unread.location.indicator, unread.value) == (
        line,
        changed[0][0],
        "6б.0%|",
    )


def it_says_a_markdown_row_of_marks_is_read_as_a_heading(tmp_path: Path) -> None:
    path = tmp_path / "eastbridge.md"
    path.write_text(
        "| Eastbridge 2024/25 Quarter 2 | Latest update | Current figure |\n|--|--|--|\n"
        "| Children are safe | | |\n| Repeat referrals | Q2 | 18.2% |\n"
        "| Hub contacts | ~ | ¦ |\n| Early help closures | Q2 | 312 |\n",
        encoding="utf-8",
    )
    dashboard = load_dashboard(path, layout="markdown-table")
    (said,) = [p for p in dashboard.problems if p.code == "unreadable-line"]
    assert (said.location.row, said.value) == (5, "Hub contacts | ~ | ¦")
    assert "if it is an indicator, its figures could not be read" in said.message


def it_still_reads_a_name_holding_a_percentage_as_a_name(tmp_path: Path) -> None:
    path = tmp_path / "kirkby.txt"
    path.write_text(
        KIRKBY.replace("Repeat referrals within 12 months", "Top 10% of pupils"), encoding="utf-8"
    )
    dashboard = load_dashboard(path, layout="scorecard")
    assert dashboard.indicators[0].name == "Top 10% of pupils"
    assert dashboard.indicators[0].latest == Decimal("18.2")
