"""The load stage: dashboard files (CSV, tab-separated text, XLSX) -> typed indicators."""

from __future__ import annotations

import csv
import dataclasses
import io
import re
import tempfile
import zipfile
from decimal import Decimal
from difflib import SequenceMatcher
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from narrator.errors import DataError, Location
from narrator.intake.cells import is_missing
from narrator.intake.columns import STANDARD_COLUMNS
from narrator.intake.load import Dashboard, load_dashboard
from narrator.model import (
    Direction,
    Frequency,
    Indicator,
    Polarity,
    Rag,
    Severity,
    Target,
    TargetKind,
)
from narrator.periods import PeriodKind
from tests.conftest import Q1_2024_25, Q4_2022_23

Q4_2022 = Q4_2022_23  # the two clean dashboards, copied into samples/
Q1_2024 = Q1_2024_25
SEED000 = Path(__file__).parent / "fixtures" / "seed000.tsv"
D = Decimal
HEADER = [
    "Topic",
    "Theme",
    "Indicator",
    "Polarity",
    "Frequency",
    "Previous Period",
    "Previous Value",
    "Latest Period",
    "Latest Value",
    "Trend",
    "Target",
    "Status RAG",
    "National benchmark (quartile 1 = top)",
    "Most recent Statistical Neighbour average",
]


def by_name(dashboard: Dashboard) -> dict[str, Indicator]:
    return {i.name: i for i in dashboard.indicators}


def names_in(path: Path) -> list[str]:
    with path.open(newline="", encoding="utf-8") as f:
        return [row["Indicator"] for row in csv.DictReader(f)]


def write_csv(path: Path, rows: list[list[str]], delimiter: str = ",") -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f, delimiter=delimiter).writerows(rows)
    return path


def row(name: str, **cells: str) -> list[str]:
    """A data row under HEADER; keyword names are HEADER names with spaces as underscores."""
    values = {h: "" for h in HEADER}
    values.update({"Indicator": name, "Latest Period": "Q1 2024/25", "Latest Value": "50%"})
    values.update({k.replace("_", " "): v for k, v in cells.items()})
    return [values[h] for h in HEADER]


# --- the two clean CSVs ----------------------------------------------------------------------


@pytest.mark.parametrize("path", [Q4_2022, Q1_2024])
def test_every_indicator_of_a_clean_csv_loads_without_problems(path: Path) -> None:
    dashboard = load_dashboard(path)
    assert [i.name for i in dashboard.indicators] == names_in(path)
    assert dashboard.problems == ()
    assert dashboard.unknown_columns == ()
    assert dashboard.sheet is None
    assert dashboard.source == str(path)
    assert all(i.latest is not None and i.latest_period is not None for i in dashboard.indicators)


def test_reads_the_q1_2024_25_dashboard_exactly() -> None:
    found = by_name(load_dashboard(Q1_2024))
    cp = found["Child protection cases which were reviewed within timescales"]
    assert (cp.latest, cp.previous, cp.decimals, cp.percent_sign) == (D("92.2"), D("87.4"), 1, True)
    assert (cp.latest_period and cp.latest_period.canonical()) == "Q1 2024/25"
    assert (cp.previous_period and cp.previous_period.canonical()) == "Q4 2023/24"
    assert cp.polarity is Polarity.HIGH_IS_GOOD
    assert cp.frequency is Frequency.QUARTER
    assert cp.trend is Direction.INCREASE
    assert cp.target == Target(TargetKind.ABOVE, D("97.2"), ">97.2%")
    assert (cp.rag, cp.quartile, cp.previous_quartile) == (Rag.AMBER, 2, None)
    assert (cp.numerator, cp.denominator) == (D(270), D(293))
    assert (cp.previous_numerator, cp.previous_denominator) == (D(291), D(333))
    assert cp.theme == "Social Care"
    assert cp.topic == (
        "Help children in Leicestershire to live in safe, stable environments and have secure "
        "attachments"
    )
    assert cp.row == Location(str(Q1_2024), None, 2, indicator=cp.name)
    assert cp.cells["latest"].text == "92.2%"
    assert cp.cells["latest"].location.column == "Latest Value"

    rr = found["Re-referrals to CSC within 12 mths"]
    assert (rr.previous_quartile, rr.numerator, rr.denominator) == (4, D(462), None)

    primary = found["Primary schools rated 'Good' or 'Outstanding'"]
    assert (primary.neighbour_average, primary.england_average) == (D("91.9"), D("91.6"))
    assert primary.trend is Direction.NO_CHANGE and primary.target is None

    ehe = found["Children Electively Educated at Home"]
    assert (ehe.latest, ehe.previous, ehe.polarity) == (D(1279), D(1128), Polarity.NONE)
    assert (ehe.decimals, ehe.percent_sign) == (0, False)
    assert ehe.rag is None and ehe.quartile is None

    admissions = found[
        "Applicants obtaining their first preferences for first time admission to Primary school"
    ]
    assert admissions.latest_period is not None
    assert admissions.latest_period.kind is PeriodKind.YEAR
    assert admissions.frequency is Frequency.ANNUAL

    neet = found["NEET young people aged 16-17"]
    assert neet.frequency is Frequency.QUARTER  # "Last Mth of Qtr"
    assert neet.target == Target(TargetKind.BELOW, D("2.1"), "<2.1%")

    ehcp = found["Children in mainstream schools with EHCP"]
    assert ehcp.latest_period is not None and ehcp.latest_period.kind is PeriodKind.TERM
    assert ehcp.topic == (
        "Help children and their families build strength, resilience, confidence and capacity"
    )

    exclusions = found["Permanent exclusions as a % of School population"]
    assert (exclusions.latest, exclusions.decimals) == (D("0.07"), 2)
    assert (exclusions.numerator, exclusions.previous_numerator) == (D(67), D(24))


def test_reads_the_q4_2022_23_dashboard_keeping_precision() -> None:
    found = by_name(load_dashboard(Q4_2022))
    cpp = found["Children becoming subject to a CPP for second or subsequent time"]
    assert (str(cpp.latest), str(cpp.previous), cpp.decimals) == ("23.00", "22.85", 2)
    assert cpp.polarity is Polarity.LOW_IS_GOOD and cpp.trend is Direction.NO_CHANGE
    assert (cpp.quartile, cpp.neighbour_average) == (3, D("22.3"))

    ehe = found["Children Electively Educated at Home"]
    assert (str(ehe.latest), str(ehe.previous), ehe.decimals) == ("1017.0", "743.0", 1)
    assert (ehe.previous_period and ehe.previous_period.canonical()) == "Q4 2021/22"

    neet = found["NEET young people aged 16-17"]
    assert neet.latest_period is not None and neet.latest_period.canonical() == "Mar-2023"
    assert (neet.latest, neet.percent_sign) == (D("1.0"), True)  # the neighbour cell has a "%"

    eet = found["Care leavers EET"]
    assert (eet.neighbour_average, eet.rag, eet.target) == (
        D("54.0"),
        Rag.GREEN,
        Target(TargetKind.ABOVE, D("54.0"), ">54.0%"),
    )
    suspensions = found[
        "Children receiving at least one fixed term suspension as a % of School population"
    ]
    assert (suspensions.latest, suspensions.previous, suspensions.percent_sign) == (
        D("2.45"),
        D("1.62"),
        False,
    )


# --- seed 000: the same table as a PDF extract -----------------------------------------------


def _same_indicator(seed_name: str, clean_name: str) -> bool:
    """The seed truncates long names (and misspells one); match it as a prefix of the clean name,
    allowing a letter or two of difference."""
    prefix = clean_name[: len(seed_name)]
    return prefix == seed_name or SequenceMatcher(None, prefix, seed_name).ratio() > 0.95


def test_the_seed_000_text_extract_loads_to_the_clean_csvs_values() -> None:
    assert SEED000.read_bytes().startswith(b"\t" * 12 + b"National\tMost recent")
    seed = load_dashboard(SEED000)
    clean = load_dashboard(Q4_2022)
    assert seed.errors == ()
    assert {p.code for p in seed.warnings} == {"spilled-text"}
    assert len(seed.indicators) == len(clean.indicators) == 18
    for ours, theirs in zip(seed.indicators, clean.indicators, strict=True):
        assert _same_indicator(ours.name, theirs.name), (ours.name, theirs.name)
        assert dataclasses.replace(ours, name=theirs.name, row=theirs.row) == theirs, ours.name
    truncated = [i.name for i in seed.indicators if i.name not in names_in(Q4_2022)]
    assert truncated == [
        "Children in mainstream schools in receipt of SEN Support (without",
        "Eligible 2 and 3-year olds taking up their FEEE in a high-quality",
        "Children receiving at least one fixed term suspenion as a % of",
    ]


def test_seed_000_rows_are_located_as_a_human_counts_them() -> None:
    seed = load_dashboard(SEED000)
    first = seed.indicators[0]
    assert first.row.row == 5  # four header lines above it
    eet = by_name(seed)["Care leavers EET"]
    assert eet.cells["neighbour_average"].text == ". 54.0%"
    assert eet.cells["neighbour_average"].location.column == (
        "Most recent Statistical Neighbour average"
    )
    spilled = seed.warnings[0]
    assert (spilled.location.row, spilled.location.column) == (21, "Status RAG")
    assert spilled.value == "No compa | rator currentl | y available"


# --- header and columns ----------------------------------------------------------------------


def test_missing_required_columns_are_named_with_the_columns_found(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "d.csv", [["Topic", "Theme", "Indicator", "Trend"], ["a", "b", "c", "Up"]]
    )
    with pytest.raises(DataError) as info:
        load_dashboard(path)
    message = str(info.value)
    assert "Latest Value" in message and "Latest Period" in message
    assert "'Topic, Theme, Indicator, Trend'" in message
    assert "Indicator," not in message.split("missing:")[1].split(";")[0]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "the file has no text"),
        (b"\n  \n", "the file has no text"),
        (b"just some words\nand more\n", "no row names"),
        (b"\xd0\xcf\x11\xe0rest", "old .xls"),
        (b"PK\x03\x04broken", "not a workbook"),
        (b"a,b\x00,c\n", "binary"),
    ],
)
def test_a_file_that_is_not_a_table_is_a_data_error(
    tmp_path: Path, content: bytes, problem: str
) -> None:
    path = tmp_path / "d.csv"
    path.write_bytes(content)
    with pytest.raises(DataError, match=problem):
        load_dashboard(path)


def test_a_file_level_error_shows_no_placeholder_value(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    path.write_bytes(b"\xd0\xcf\x11\xe0rest")
    with pytest.raises(DataError) as info:
        load_dashboard(path)
    assert str(info.value) == (
        f"{path}: an old .xls workbook or a password-protected one; expected a .xlsx or CSV "
        "file (save it as .xlsx, without a password)"
    )


def test_a_header_without_indicator_rows_is_an_error(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "d.csv", [HEADER, [], ["RAG rating key"]])
    dashboard = load_dashboard(path)
    assert dashboard.indicators == ()
    assert [(p.code, p.location.row) for p in dashboard.errors] == [("no-indicators", 1)]


@pytest.mark.parametrize(
    "encoding", ["utf-16", "utf-8-sig", "cp1252"], ids=["excel-unicode-text", "bom", "cp1252"]
)
def test_reads_the_encodings_excel_saves_text_in(tmp_path: Path, encoding: str) -> None:
    """Excel's "Unicode Text" is tab-separated UTF-16 with a byte order mark; its "CSV" is the
    Windows code page, where "£" and "–" are single bytes."""
    name = "Spend per child – £ per head"
    text = "\t".join(HEADER) + "\n" + "\t".join(row(name, Polarity="N/A")) + "\n"
    path = tmp_path / "d.txt"
    path.write_bytes(text.encode(encoding))
    dashboard = load_dashboard(path)
    assert [i.name for i in dashboard.indicators] == [name]
    assert dashboard.problems == ()


def test_a_text_tables_rule_line_is_not_part_of_a_header_name(tmp_path: Path) -> None:
    path = tmp_path / "d.txt"
    path.write_text(
        "| Measure | Latest update | Value |\n|--|:---:|---|\n| A | Q1 2024/25 | 5 |\n",
        encoding="utf-8",
    )
    dashboard = load_dashboard(path)
    assert [(i.name, i.latest) for i in dashboard.indicators] == [("A", D(5))]
    path.write_text("| Title | Latest update |\n|--|---------|\n| A | Q1 2024/25 |\n")
    with pytest.raises(DataError) as info:
        load_dashboard(path)
    assert "'Title, Latest update'" in str(info.value)


def test_a_cell_too_long_for_a_csv_reader_is_located(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    path.write_text(",".join(HEADER) + "\n" + "x" * 200_000 + "\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_dashboard(path)
    assert (info.value.location.row, info.value.problem) == (
        2,
        "cannot be read as a table (field larger than field limit (131072))",
    )


def test_a_missing_file_is_a_data_error(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="dashboard file not found"):
        load_dashboard(tmp_path / "nowhere.csv")


def test_reads_the_appendix_and_seed_002_headers(tmp_path: Path) -> None:
    appendix = ["Area", "Indicator", "Latest Data", "Period", "Previous Data", "Perform. DOT"]
    appendix += ["Target", "RAG", "Quartiles"]
    path = write_csv(
        tmp_path / "a.csv",
        [
            appendix,
            [
                "Social Care",
                "Care leavers EET",
                "47.3%",
                "Q1 2024/25",
                "63.3%",
                "Worse",
                ">54.0%",
                "R",
                "4th",
            ],
        ],
    )
    dashboard = load_dashboard(path)
    (eet,) = dashboard.indicators
    assert (eet.theme, eet.latest, eet.previous, eet.previous_period) == (
        "Social Care",
        D("47.3"),
        D("63.3"),
        None,
    )
    assert (eet.rag, eet.quartile, eet.polarity, eet.trend) == (Rag.RED, 4, Polarity.NONE, None)
    # no polarity column: "Worse" cannot become a direction, and the target needs no polarity
    assert [p.code for p in dashboard.problems] == [
        "missing-polarity-column",
        "trend-needs-polarity",
    ]

    seed002 = ["Indicator", "Latest update", "Current figure", "e Compared to previous data"]
    seed002 += ["Target*", "Status RAG", "National benchmark (quartile 1 = top)"]
    seed002 += ["Most recent Statistical Neighbour average"]
    path = write_csv(
        tmp_path / "b.csv",
        [
            seed002,
            [
                "NEET young people aged 16-17 (low = good)",
                "Jun-21",
                "3% (420)",
                "(Low is good)",
                "<1.9%",
                "",
                "2",
                "2.6%",
            ],
        ],
    )
    (neet,) = load_dashboard(path).indicators
    assert (neet.latest, neet.numerator, neet.polarity, neet.trend) == (
        D(3),
        D(420),
        Polarity.LOW_IS_GOOD,
        None,
    )
    assert (neet.target, neet.quartile, neet.neighbour_average) == (
        Target(TargetKind.BELOW, D("1.9"), "<1.9%"),
        2,
        D("2.6"),
    )


def test_a_heading_merged_over_two_columns_and_saved_as_csv_names_both(tmp_path: Path) -> None:
    """Excel saves "Previous" merged over "Period" and "Value" as "Previous," in the CSV: the
    second "Value" is the previous one's, not a second latest value."""
    rows = [
        ["Indicator", "Polarity", "Previous", "", "Latest", "", "Trend"],
        ["", "", "Period", "Value", "Period", "Value", ""],
        ["Care leavers EET", "High = Good", "Q4 2023/24", "63.3%", "Q1 2024/25", "47.3%", "Down"],
    ]
    dashboard = load_dashboard(write_csv(tmp_path / "d.csv", rows))
    (eet,) = dashboard.indicators
    assert (eet.latest, eet.previous, eet.trend) == (D("47.3"), D("63.3"), Direction.DECREASE)
    assert eet.cells["latest"].location.column == "Latest Value"
    assert eet.cells["previous"].location.column == "Previous Value"
    assert dashboard.problems == ()


def test_seed_000s_header_is_not_spread() -> None:
    """Seed 000 writes "Previous" above "Period" and again above "Value": no column inherits."""
    header = load_dashboard(SEED000).indicators[0].cells
    assert [header[f].location.column for f in ("previous_period", "latest_period")] == [
        "Previous Period",
        "Latest Period",
    ]


def test_a_second_column_for_the_same_figure_must_agree(tmp_path: Path) -> None:
    header = ["Indicator", "Latest Period", "Latest Value", "Value", "Trend", "DOT"]
    rows = [
        header,
        ["Agrees", "Q1 2024/25", "5", "5", "Increase", "increase"],
        ["Differs", "Q1 2024/25", "5", "6", "Increase", "Up"],
        ["Only second", "Q1 2024/25", "", "6", "", ""],
    ]
    dashboard = load_dashboard(write_csv(tmp_path / "d.csv", rows))
    assert [
        (p.code, p.severity, p.location.row, p.location.column, p.value)
        for p in dashboard.problems
        if p.code == "columns-disagree"
    ] == [
        ("columns-disagree", Severity.ERROR, 3, "Value", "6"),
        ("columns-disagree", Severity.WARNING, 3, "DOT", "Up"),
        ("columns-disagree", Severity.ERROR, 4, "Value", "6"),
    ]


def test_unknown_columns_are_kept_and_warned_once(tmp_path: Path) -> None:
    header = ["Indicator", "Latest Value", "Latest Period", "Polarity", "Owner"]
    path = write_csv(
        tmp_path / "d.csv",
        [header, ["A", "1", "2024", "N/A", "Jane"], ["B", "2", "2024", "N/A", ""]],
    )
    dashboard = load_dashboard(path)
    assert dashboard.unknown_columns == ("Owner",)
    assert [i.extra for i in dashboard.indicators] == [{"Owner": "Jane"}, {"Owner": ""}]
    (warning,) = dashboard.problems
    assert (warning.code, warning.severity, warning.location.column) == (
        "unknown-column",
        Severity.WARNING,
        "Owner",
    )


def test_a_thousands_comma_in_a_semicolon_file_is_queried(tmp_path: Path) -> None:
    """Excel writes ";" between columns where the comma is the decimal sign: "1,500" may be
    1.5. It is read as 1500, as a UK dashboard means it, and the cell is queried."""
    rows = [HEADER, row("A", Polarity="N/A", Latest_Value="1,500"), row("B", Polarity="N/A")]
    dashboard = load_dashboard(write_csv(tmp_path / "d.csv", rows, ";"))
    assert [i.latest for i in dashboard.indicators] == [D(1500), D(50)]
    assert [(p.code, p.location.row, p.value) for p in dashboard.problems] == [
        ("ambiguous-comma", 2, "1,500")
    ]
    comma = load_dashboard(write_csv(tmp_path / "c.csv", rows))
    assert comma.problems == ()


def test_detects_tab_separated_text(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "d.txt", [HEADER, row("A, with a comma", Latest_Value="1,279")], "\t"
    )
    (a,) = load_dashboard(path).indicators
    assert (a.name, a.latest) == ("A, with a comma", D(1279))


# --- cells in rows ---------------------------------------------------------------------------


def test_bad_cells_are_located_errors_and_the_indicator_is_kept(tmp_path: Path) -> None:
    rows = [
        HEADER,
        row("Good one", Polarity="High = Good"),
        row("Bad value", Polarity="High = Good", Latest_Value="9 2.2%", Status_RAG="Purple"),
        row("Bad period", Polarity="Low = Good", Latest_Period="Q5 2024/25"),
        row(
            "Bad quartile", Polarity="Low = Good", **{"National benchmark (quartile 1 = top)": "5"}
        ),
    ]
    dashboard = load_dashboard(write_csv(tmp_path / "d.csv", rows))
    assert [i.name for i in dashboard.indicators] == [
        "Good one",
        "Bad value",
        "Bad period",
        "Bad quartile",
    ]
    assert [
        (p.code, p.location.row, p.location.column, p.location.indicator, p.value)
        for p in dashboard.errors
    ] == [
        ("unreadable-value", 3, "Latest Value", "Bad value", "9 2.2%"),
        ("unreadable-rag", 3, "Status RAG", "Bad value", "Purple"),
        ("unreadable-period", 4, "Latest Period", "Bad period", "Q5 2024/25"),
        ("unreadable-quartile", 5, "National benchmark (quartile 1 = top)", "Bad quartile", "5"),
    ]
    assert all(p.expected for p in dashboard.errors)
    assert by_name(dashboard)["Bad value"].latest is None


def test_value_with_count_or_percentage(tmp_path: Path) -> None:
    header = [
        "Indicator",
        "Latest Value",
        "Latest Period",
        "Polarity",
        "Numerator",
        "Previous Value",
    ]
    rows = [
        header,
        ["Count from brackets", "3% (420)", "Q1 2024/25", "N/A", "", "2% (300)"],
        ["Counts agree", "3% (420)", "Q1 2024/25", "N/A", "420", ""],
        ["Counts differ", "3% (420)", "Q1 2024/25", "N/A", "421", ""],
        ["Share in brackets", "1373 (50%)", "Q1 2024/25", "N/A", "", ""],
    ]
    dashboard = load_dashboard(write_csv(tmp_path / "d.csv", rows))
    found = by_name(dashboard)
    assert found["Count from brackets"].numerator == D(420)
    assert found["Count from brackets"].previous_numerator == D(300)
    assert found["Counts agree"].numerator == D(420)
    assert found["Counts differ"].numerator == D(421)
    share = found["Share in brackets"]
    assert (share.latest, share.percent_sign, share.extra) == (
        D(1373),
        False,
        {"percentage": "50%"},
    )
    (warning,) = dashboard.problems
    assert (warning.code, warning.location.row, warning.value) == ("numerator-disagrees", 4, "421")


def test_topics_and_themes_fill_forward_and_wrapped_topics_join(tmp_path: Path) -> None:
    rows = [
        HEADER,
        ["Keep children safe,", "Social Care", *row("A")[2:]],
        ["and well", "", *row("B")[2:]],
        ["", "", *row("C")[2:]],
        ["Help every child learn", "Education", *row("D")[2:]],
    ]
    found = by_name(load_dashboard(write_csv(tmp_path / "d.csv", rows)))
    assert [(found[n].topic, found[n].theme) for n in "ABCD"] == [
        ("Keep children safe, and well", "Social Care"),
        ("Keep children safe, and well", "Social Care"),
        ("Keep children safe, and well", "Social Care"),
        ("Help every child learn", "Education"),
    ]


def test_polarity_missing_is_none_with_a_warning(tmp_path: Path) -> None:
    rows = [["Indicator", "Latest Value", "Latest Period", "Polarity"], ["A", "1", "2024", ""]]
    dashboard = load_dashboard(write_csv(tmp_path / "d.csv", rows))
    assert dashboard.indicators[0].polarity is Polarity.NONE
    assert [(p.code, p.severity, p.location.row) for p in dashboard.problems] == [
        ("missing-polarity", Severity.WARNING, 2)
    ]


def test_a_row_without_a_name_but_with_values_is_an_error(tmp_path: Path) -> None:
    rows = [HEADER, row(""), row("Named", Polarity="N/A")]
    dashboard = load_dashboard(write_csv(tmp_path / "d.csv", rows))
    assert [i.name for i in dashboard.indicators] == ["Named"]
    assert [(p.code, p.location.row) for p in dashboard.errors] == [("missing-indicator-name", 2)]


# --- Excel -----------------------------------------------------------------------------------


def _workbook(tmp_path: Path) -> Path:
    """A dashboard as councils keep it: a title, a two-row header, a legend below the table,
    percentages stored as fractions, and formulas (one saved with its value, one without)."""
    wb = openpyxl.Workbook()
    notes = wb.active
    assert notes is not None
    notes.title = "Notes"
    notes["A1"] = "Read me first"
    ws = wb.create_sheet("Dashboard")
    ws["A1"] = "Children and Family Services KPI Dashboard Q1 2024/25"
    top = [
        "Topic",
        "Theme",
        "Indicator",
        "Polarity",
        "Frequency",
        "Previous Period",
        "Previous Value",
    ]
    top += ["Latest Period", "Latest Value", "Trend", "Target", "Status RAG", "National benchmark"]
    ws.append([])
    ws.append(top)
    ws.append([None] * 12 + ["(quartile 1 = top)"])
    topic = "Help children live in safe, stable environments"
    ws.append(
        [topic, "Social Care", "Care leavers EET", "High = Good", "Quarter", "Q4 2023/24", 0.633]
    )
    ws.append([None, None, "Assessments completed within 45 days", "High = Good", "Quarter"])
    ws.append([None, None, "Pupils in Good or Outstanding schools", "High = Good", "Quarter"])
    ws.append([])
    ws.append(["RAG rating key"])
    ws.append(["* Targets are based on being in the top quartile"])
    for r, latest in ((5, 0.473), (6, "=ROUND(91.6,1)"), (7, "=ROUND(85.4,1)")):
        ws.cell(r, 8, "Q1 2024/25")
        ws.cell(r, 9, latest)
        ws.cell(r, 10, "Decrease")
        ws.cell(r, 11, ">54.0%")
        ws.cell(r, 12, "Red")
        ws.cell(r, 13, 4)
    for ref in ("G5", "I5"):
        ws[ref].number_format = "0.0%"
    ws["I6"].number_format = "0.0"
    buffer = io.BytesIO()
    wb.save(buffer)
    # openpyxl cannot save a formula's value; Excel can: give I6 the value Excel would have saved
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet2.xml":
                patched = data.replace(
                    b"<f>ROUND(91.6,1)</f><v></v>", b"<f>ROUND(91.6,1)</f><v>91.6</v>"
                )
                assert patched != data
                data = patched
            dst.writestr(item, data)
    path = tmp_path / "dashboard.xlsx"
    path.write_bytes(out.getvalue())
    return path


def test_reads_a_workbook_with_title_two_row_header_legend_and_formulas(tmp_path: Path) -> None:
    dashboard = load_dashboard(_workbook(tmp_path))
    assert dashboard.sheet == "Dashboard"  # the first sheet that looks like a dashboard
    eet, assessments, pupils = dashboard.indicators
    assert (eet.name, eet.latest, eet.previous, eet.decimals, eet.percent_sign) == (
        "Care leavers EET",
        D("47.3"),
        D("63.3"),
        1,
        True,
    )
    assert (
        eet.topic
        == assessments.topic
        == pupils.topic
        == "Help children live in safe, stable environments"
    )
    assert eet.quartile == 4 and eet.rag is Rag.RED
    assert eet.cells["latest"].location.cell == "I5"
    assert eet.cells["quartile"].location.column == "National benchmark (quartile 1 = top)"
    assert (assessments.latest, assessments.decimals) == (D("91.6"), 1)  # the saved value
    assert pupils.latest is None
    (error,) = dashboard.errors
    assert (error.code, error.location.cell, error.location.indicator) == (
        "formula-without-value",
        "I7",
        "Pupils in Good or Outstanding schools",
    )
    assert "cell I7" in error.describe()
    assert dashboard.warnings == ()  # the legend rows below the table are not indicators


def test_a_sheet_named_for_a_text_file_is_warned(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "d.csv", [HEADER, row("A", Polarity="N/A")])
    dashboard = load_dashboard(path, sheet="Dashboard")
    assert [(p.code, p.value) for p in dashboard.problems] == [("sheet-ignored", "Dashboard")]
    assert [i.name for i in dashboard.indicators] == ["A"]


def test_an_excel_error_value_is_named_as_one(tmp_path: Path) -> None:
    rows = [HEADER, row("A", Polarity="N/A", Latest_Value="#DIV/0!", Target="#REF!")]
    dashboard = load_dashboard(write_csv(tmp_path / "d.csv", rows))
    assert [(p.code, p.location.column, p.value) for p in dashboard.errors] == [
        ("excel-error", "Latest Value", "#DIV/0!"),
        ("excel-error", "Target", "#REF!"),
    ]
    assert "Excel error" in dashboard.errors[0].describe()


def test_a_named_sheet_is_read_and_an_unknown_one_refused(tmp_path: Path) -> None:
    path = _workbook(tmp_path)
    assert load_dashboard(path, sheet="Dashboard").sheet == "Dashboard"
    with pytest.raises(DataError, match="no such sheet"):
        load_dashboard(path, sheet="Missing")
    with pytest.raises(DataError, match="Latest Value"):
        load_dashboard(path, sheet="Notes")


def test_merged_cells_are_read_as_excel_shows_them(tmp_path: Path) -> None:
    """A heading merged over two columns names both, a value merged down a column belongs to
    each row, a note merged across a row stays a note."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws["A1"] = "CFS KPI Dashboard Q1 2024/25"
    ws.merge_cells("A1:L1")
    ws.append([])
    ws.append(["Topic", "Indicator", "Polarity", "Frequency", "Previous", None, "Latest", None])
    ws["I3"], ws["J3"], ws["K3"] = "Target", "Status RAG", "National"
    ws["L3"] = "Statistical Neighbour average"
    ws.append([None] * 4 + ["Period", "Value", "Period", "Value", None, None, "benchmark"])
    for col in "ABCDIJL":
        ws.merge_cells(f"{col}3:{col}4")
    ws.merge_cells("E3:F3")
    ws.merge_cells("G3:H3")
    ws.append(["Keep children safe", "Care leavers EET", "High = Good", "Quarter", "Q4 2023/24"])
    ws.append([None, "Care leavers in suitable accommodation", None, None, "Q4 2023/24"])
    ws.append([None, "Re-referrals to CSC within 12 mths", "Low = Good", "Quarter", "Q4 2023/24"])
    for r, (previous, latest, rag, quartile) in enumerate(
        [
            ("63.3%", "47.3%", "Red", "4"),
            ("88.0%", "86.0%", "Amber", "3"),
            ("24.1%", "24.9%", "", ""),
        ],
        start=5,
    ):
        ws.cell(r, 6, previous)
        ws.cell(r, 8, latest)
        ws.cell(r, 7, "Q1 2024/25")
        ws.cell(r, 10, rag)
        ws.cell(r, 11, quartile)
    ws["I5"] = ">54.0%"
    ws.merge_cells("I5:I6")  # one target for two rows
    ws.merge_cells("A5:A7")
    ws.merge_cells("C5:C6")
    ws.merge_cells("D5:D7")
    ws["J7"] = "No comparator currently available"
    ws.merge_cells("J7:L7")
    # a row twice as tall: every cell merged over rows 8 and 9, which is still one row
    cells = [None, "Pupils in Good or Outstanding schools", "High = Good", "Quarter"]
    cells += ["Q4 2023/24", "85.2%", "Q1 2024/25", "84.9%"]
    for col, text in zip("ABCDEFGH", cells, strict=True):
        ws[f"{col}8"] = text
    for col in "ABCDEFGHIJKL":
        ws.merge_cells(f"{col}8:{col}9")
    ws["A11"] = "RAG rating key: Green is the top quartile"
    ws.merge_cells("A11:L11")
    path = tmp_path / "merged.xlsx"
    wb.save(path)

    dashboard = load_dashboard(path)
    eet, accommodation, rereferrals, pupils = dashboard.indicators
    assert (pupils.latest, pupils.previous, pupils.row.row) == (D("84.9"), D("85.2"), 8)
    assert (eet.latest, eet.previous, eet.cells["latest"].location.cell) == (
        D("47.3"),
        D("63.3"),
        "H5",
    )
    assert eet.cells["previous"].location.column == "Previous Value"
    assert (accommodation.latest, accommodation.previous) == (D("86.0"), D("88.0"))
    assert accommodation.polarity is Polarity.HIGH_IS_GOOD
    assert accommodation.target == Target(TargetKind.ABOVE, D("54.0"), ">54.0%")
    assert accommodation.cells["target"].location.cell == "I6"
    assert rereferrals.frequency is Frequency.QUARTER and rereferrals.target is None
    assert (rereferrals.rag, rereferrals.quartile, rereferrals.neighbour_average) == (
        None,
        None,
        None,
    )
    assert {i.topic for i in dashboard.indicators} == {"Keep children safe"}
    assert dashboard.problems == ()  # the key merged across a row below is a topic-only row
    assert dashboard.unknown_columns == ()


# --- any text --------------------------------------------------------------------------------

ANY_TEXT = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=15)
CELL_TEXT = st.one_of(
    ANY_TEXT,
    st.sampled_from(
        ["92.2%", "N/A", "3% (420)", "Q1 2024/25", "High = Good", "<20.8%", "4th", "Red"]
    ),
)
NAMES = ANY_TEXT.filter(lambda t: not is_missing(t))  # "N/A" or "-" is not a name


EVERY_COLUMN = list(STANDARD_COLUMNS)  # every cell kind narrator reads, the name third
assert EVERY_COLUMN[2] == "Indicator"


@settings(max_examples=200, deadline=None)
@given(
    rows=st.lists(
        st.tuples(
            NAMES,
            st.lists(CELL_TEXT, min_size=len(EVERY_COLUMN) - 1, max_size=len(EVERY_COLUMN) - 1),
        ),
        min_size=1,
        max_size=5,
    )
)
def test_any_cell_text_loads_or_is_a_located_problem(rows: list[tuple[str, list[str]]]) -> None:
    table = [EVERY_COLUMN] + [[cells[0], cells[1], name, *cells[2:]] for name, cells in rows]
    with tempfile.TemporaryDirectory() as tmp:
        dashboard = load_dashboard(write_csv(Path(tmp) / "d.csv", table))
    named = {i.name for i in dashboard.indicators} | {
        p.location.indicator for p in dashboard.problems
    }
    assert named  # min_size=1: at least one row, read or queried
    for name, _ in rows:
        assert " ".join(name.split()) in named
    for problem in dashboard.problems:
        assert problem.location.file and problem.location.row
        assert problem.describe()
    for error in dashboard.errors:
        assert error.expected, error.describe()
    for indicator in dashboard.indicators:  # a value read has the digits written, no others
        for field in ("latest", "previous", "neighbour_average", "england_average"):
            value = getattr(indicator, field)
            if value is not None:
                assert _digits(str(value)) in _digits(indicator.cells[field].text), field


def _digits(text: str) -> str:
    return re.sub(r"[^0-9]", "", text).lstrip("0")


def test_notes_below_a_table_are_skipped_with_a_warning_naming_them(tmp_path: Path) -> None:
    rows = [
        ["Indicator", "Latest update", "Current figure", "Target*"],
        ["CSE referrals", "Q1 2024/25", "81", "no target"],
        [],
        ["RAG rating key", "", "", ""],
        ["* Targets are based on being in the top quartile", "", "", ""],
    ]
    dashboard = load_dashboard(write_csv(tmp_path / "d.csv", rows))
    assert [i.name for i in dashboard.indicators] == ["CSE referrals"]
    assert [(p.code, p.location.row, p.location.indicator) for p in dashboard.problems[1:]] == [
        ("skipped-row", 4, "RAG rating key"),
        ("skipped-row", 5, "* Targets are based on being in the top quartile"),
    ]
    assert dashboard.problems[0].code == "missing-polarity-column"


def test_cells_keep_where_each_value_came_from(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "d.csv", [HEADER, row("A", Topic="T", Target="<5%")])
    (a,) = load_dashboard(path).indicators
    assert {k: c.text for k, c in a.cells.items() if c.text} == {
        "topic": "T",
        "name": "A",
        "latest_period": "Q1 2024/25",
        "latest": "50%",
        "target": "<5%",
    }
    assert a.cells["target"].location == Location(str(path), None, 2, "Target", None, "A")


def test_reads_a_text_table_with_rule_lines(tmp_path: Path) -> None:
    path = tmp_path / "d.txt"
    path.write_text(
        "| Indicator | Latest update | Current figure | Compared to previous data |\n"
        "|--|---------------|----------------|------|\n"
        "| No. of Children Electively Educated at Home | Q2 2021/22 | 749 | (no polarity) |\n"
        "| | | | |\n",
        encoding="utf-8",
    )
    dashboard = load_dashboard(path)
    (ehe,) = dashboard.indicators
    assert (ehe.latest, ehe.polarity, ehe.trend) == (D(749), Polarity.NONE, None)
    assert [p.code for p in dashboard.problems] == ["missing-polarity-column"]


@pytest.mark.parametrize(
    ("polarity", "trend", "expected"),
    [
        ("High = Good", "Better", Direction.INCREASE),
        ("High = Good", "Worse", Direction.DECREASE),
        ("Low = Good", "Better", Direction.DECREASE),
        ("Low = Good", "Worse", Direction.INCREASE),
        ("N/A", "Similar", Direction.NO_CHANGE),
        ("Low = Good", "Increase", Direction.INCREASE),
        ("N/A", "New", None),
    ],
)
def test_better_or_worse_becomes_a_direction_through_the_polarity(
    tmp_path: Path, polarity: str, trend: str, expected: Direction | None
) -> None:
    path = write_csv(tmp_path / "d.csv", [HEADER, row("A", Polarity=polarity, Trend=trend)])
    dashboard = load_dashboard(path)
    assert dashboard.indicators[0].trend is expected
    assert dashboard.problems == ()


def test_a_value_in_a_column_without_a_name_is_warned(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "d.csv", [[*HEADER, ""], [*row("A", Polarity="N/A"), "stray"]])
    dashboard = load_dashboard(path)
    (warning,) = dashboard.problems
    assert (warning.code, warning.location.row, warning.value) == (
        "value-in-unnamed-column",
        2,
        "stray",
    )


def test_a_control_character_a_word_document_cannot_hold_is_removed_with_a_warning(
    tmp_path: Path,
) -> None:
    """Pasted from another system, it would stop the report being written; the cell is named."""
    path = write_csv(
        tmp_path / "d.csv",
        [HEADER, row("Care leavers EET\x01", Latest_Value="47.3%\x0c"), row("NEET")],
    )
    dashboard = load_dashboard(path)
    assert [i.name for i in dashboard.indicators] == ["Care leavers EET", "NEET"]
    assert by_name(dashboard)["Care leavers EET"].latest == D("47.3")
    found = [p for p in dashboard.problems if p.code == "control-character"]
    assert [(p.location.row, p.location.column, p.value) for p in found] == [
        (2, "Indicator", "Care leavers EET\x01"),
        (2, "Latest Value", "47.3%\x0c"),
    ]
    assert all(p.severity is Severity.WARNING for p in found)
    assert "U+0001" in found[0].message
