"""Periods in column headings (issue 21): which column is the latest value, the previous value,
the target and the status, and the periods every row takes from the headings, for the header
shapes councils publish. (Whole exports through init and build: test_exports.)"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st


def _read(*rows: list[str]) -> dict[str, object]:
    """What the header found: field -> the column's name, and the periods from headings."""
    from narrator.intake.columns import find_header

    header = find_header([*rows, ["x"] * len(rows[-1])])
    assert header is not None
    found: dict[str, object] = {f: header.names[i] for i, f in header.fields.items()}
    found |= {f: text for f, (_, text) in header.periods.items()}
    return found


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        (
            [["Indicator", "2009/10 Outturn", "2010/11 Target", "Q4 2010/11 Actual"]],
            {
                "name": "Indicator",
                "previous": "2009/10 Outturn",
                "target": "2010/11 Target",
                "latest": "Q4 2010/11 Actual",
                "previous_period": "2009/10",
                "latest_period": "Q4 2010/11",
            },
        ),
        (
            [["PI Title", "2011/12 Value", "2011/12 Target"]],
            {
                "name": "PI Title",
                "latest": "2011/12 Value",
                "target": "2011/12 Target",
                "latest_period": "2011/12",
            },
        ),
        (
            [["Measure", "2022/23 Result", "2023/24 Result"]],
            {
                "name": "Measure",
                "previous": "2022/23 Result",
                "latest": "2023/24 Result",
                "previous_period": "2022/23",
                "latest_period": "2023/24",
            },
        ),
        (  # a band over "Value | Target | Status", written once as a CSV saves it
            [
                ["Thornbury Vale - Environment Performance Report", "", "", "", ""],
                ["", "Q2 2023/24", "Q3 2023/24", "", ""],
                ["PI Short Name", "Value", "Value", "Target", "Status"],
            ],
            {
                "name": "PI Short Name",
                "previous": "Q2 2023/24 Value",
                "latest": "Q3 2023/24 Value",
                "target": "Target",
                "rag": "Status",
                "previous_period": "Q2 2023/24",
                "latest_period": "Q3 2023/24",
            },
        ),
        (  # the band filled over its columns, as a workbook's merged cell is read
            [
                ["", "Q2 2023/24", "Q3 2023/24", "Q3 2023/24", "Q3 2023/24"],
                ["PI Short Name", "Value", "Value", "Target", "Status"],
            ],
            {
                "name": "PI Short Name",
                "previous": "Q2 2023/24 Value",
                "latest": "Q3 2023/24 Value",
                "target": "Q3 2023/24 Target",
                "rag": "Q3 2023/24 Status",
                "previous_period": "Q2 2023/24",
                "latest_period": "Q3 2023/24",
            },
        ),
        (  # the column names narrator knows, with a period beside a Period column
            [["Measure", "Period", "Latest Value (Q1)", "Target 2024/25"]],
            {
                "name": "Measure",
                "latest_period": "Period",
                "latest": "Latest Value (Q1)",
                "target": "Target 2024/25",
            },
        ),
    ],
    ids=["outturn-target-actual", "value-target", "results", "band-csv", "band-xlsx", "named"],
)
def it_finds_the_periods_in_the_headings(
    rows: list[list[str]], expected: dict[str, object]
) -> None:
    assert _read(*rows) == expected


COLUMNS = ["Indicator", "2009/10 Outturn", "2010/11 Target", "Q4 2010/11 Actual", "Status"]


@given(st.permutations(COLUMNS))
def it_reads_the_columns_in_any_order(order: list[str]) -> None:
    assert _read(list(order)) == _read(COLUMNS)


def it_says_in_check_where_a_headings_period_is_not_the_rows() -> None:
    from narrator.intake.columns import find_header

    header = find_header([["Measure", "Period", "Latest Value (Q1)", "Target 2024/25"]])
    assert header is not None
    assert header.notes == {
        2: "read as the latest value; the period in its heading (Q1) is not read: each row's "
        "period column says the period",
        3: "read as the target of the latest period (the heading says 2024/25)",
    }


def it_refuses_the_period_headings_layout_for_a_table_without_them(tmp_path: Path) -> None:
    from narrator.errors import DataError
    from narrator.intake.load import load_dashboard

    board = tmp_path / "plain.csv"
    board.write_text("Indicator,Latest Value,Latest Period\nA,1,Q1 2024/25\n", encoding="utf-8")
    assert len(load_dashboard(board).indicators) == 1
    with pytest.raises(DataError) as raised:
        load_dashboard(board, layout="period-headings")
    assert "no heading names a period" in str(raised.value)


def it_keeps_a_code_and_a_long_trend_as_written(tmp_path: Path) -> None:
    from narrator.intake.load import load_dashboard

    board = tmp_path / "codes.csv"
    board.write_text(
        "PI Code,PI Title,2023/24 Value,Long Trend (Last Year)\nASC 01,Adults in work,7.4%,Up\n",
        encoding="utf-8",
    )
    dashboard = load_dashboard(board)
    (indicator,) = dashboard.indicators
    assert indicator.extra == {"PI Code": "ASC 01", "Long Trend (Last Year)": "Up"}
    assert not [p for p in dashboard.problems if p.code == "unknown-column"]


def it_reads_section_rows_as_topics_without_a_topic_column(tmp_path: Path) -> None:
    """A row holding only a section's name heads the indicators below it; a row holding only
    an indicator's name (worded as a measure) is no section, and a note below the table none
    either."""
    from narrator.intake.load import load_dashboard

    board = tmp_path / "sections.csv"
    board.write_text(
        "Indicator,2023/24 Value\n"
        "Housing Need,\n"
        "Households in temporary accommodation,212\n"
        "Number of complaints,\n"
        "Homelessness cases prevented,156\n"
        "Income and Tenancy,\n"
        "Rent collected,97.1%\n"
        "Source: housing register,\n",
        encoding="utf-8",
    )
    dashboard = load_dashboard(board)
    assert [(i.name, i.topic) for i in dashboard.indicators] == [
        ("Households in temporary accommodation", "Housing Need"),
        ("Homelessness cases prevented", "Housing Need"),
        ("Rent collected", "Income and Tenancy"),
    ]
    skipped = [p.value for p in dashboard.problems if p.code == "skipped-row"]
    assert skipped == ["Number of complaints", "Source: housing register"]


def it_refuses_a_row_whose_figures_are_in_different_units(tmp_path: Path) -> None:
    from narrator.intake.load import load_dashboard

    board = tmp_path / "money.csv"
    board.write_text(
        "Indicator,2022/23 Value,2023/24 Value\nCouncil Tax arrears,£900k,£1.2m\n",
        encoding="utf-8",
    )
    (problem,) = [p for p in load_dashboard(board).problems if p.code == "mixed-units"]
    assert problem.message == "the row's figures are written in different units (£k, £m)"
    assert problem.location.column == "2023/24 Value"


def it_gives_each_band_its_own_target_in_a_csv() -> None:
    """Two bands over "Value | Target", each written once (as a CSV saves merged cells): each
    Target is its band's, and the latest period's is the target (never the first column's)."""
    found = _read(
        ["", "Q2 2023/24", "", "Q3 2023/24", ""],
        ["Indicator", "Value", "Target", "Value", "Target"],
    )
    assert found == {
        "name": "Indicator",
        "previous": "Q2 2023/24 Value",
        "latest": "Q3 2023/24 Value",
        "target": "Q3 2023/24 Target",
        "previous_period": "Q2 2023/24",
        "latest_period": "Q3 2023/24",
    }


def it_gives_a_quarter_without_its_year_the_year_another_heading_names() -> None:
    """'Latest Value (Q1)' and 'Previous Value (Q4)' with no Period column: 'Target 2024/25'
    names the year (Q1 2024/25, and Q4 2023/24 before it), and check says so."""
    from narrator.intake.columns import find_header

    rows = [["Measure", "Previous Value (Q4)", "Latest Value (Q1)", "Target 2024/25"]]
    assert _read(*rows) == {
        "name": "Measure",
        "previous": "Previous Value (Q4)",
        "latest": "Latest Value (Q1)",
        "target": "Target 2024/25",
        "previous_period": "Q4 2023/24",
        "latest_period": "Q1 2024/25",
    }
    header = find_header(rows)
    assert header is not None
    assert header.notes[2] == "its quarter (Q1) read as Q1 2024/25, the year from 2024/25"


@pytest.mark.parametrize(
    ("name", "latest", "unit"),
    [
        ("Pupil to teacher ratio", "18", "score"),
        ("House price to earnings ratio", "9.1", "score"),
        ("Street cleanliness index", "72", "score"),
        ("Number of complaints", "72", "count"),
    ],
)
def it_guesses_a_ratio_or_index_as_a_plain_figure(name: str, latest: str, unit: str) -> None:
    """Issue 21: a ratio or index is never a count, nor money without a "£"."""
    from decimal import Decimal

    from narrator.intake.unit_guess import guess_unit
    from narrator.model import Indicator, Polarity

    indicator = Indicator(name, None, None, Polarity.NONE, None, Decimal(latest), None)
    assert guess_unit(indicator).unit.value == unit
