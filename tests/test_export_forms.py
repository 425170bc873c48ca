"""How the exports of other councils' performance systems (Pentana, InPhase, Power BI, Excel
scorecards) write columns, cells and periods, and what `narrator init` guesses from their names:
the forms met trying the dashboards in tests/fixtures/councils/{westmoor,hartbridge,kingsmead,
dunmere} as a new user (the facts of their paragraphs are in test_other_councils)."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

COUNCILS = Path(__file__).resolve().parent / "fixtures" / "councils"


def _texts(prepared: Any) -> dict[str, str]:
    return {t.context.name: t.text for t in prepared.texts}


# --- what init guesses from these names -------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("PI Title", "name"),
        ("KPI Name", "name"),
        ("Current Value", "latest"),
        ("Current Actual", "latest"),
        ("Previous Actual", "previous"),
        ("Last Value", "previous"),
        ("Current Period", "latest_period"),
        ("Last Update", "latest_period"),
        ("Last Period", "previous_period"),
        ("Status", "rag"),
        ("Short Term Trend", "trend"),
        ("Current Target", "target"),
        ("Portfolio", "topic"),
        ("Freq", "frequency"),
        ("SN Average", "neighbour_average"),
        ("National", "england_average"),
    ],
)
def it_knows_export_column_names(header: str, field: str) -> None:
    from narrator.intake.columns import field_for

    assert field_for(header) == field


@pytest.mark.parametrize(
    ("name", "scale"),
    [
        ("Gross spend on commissioned home care (£000)", "k"),
        ("Net spend (£'000s)", "k"),
        ("Income (£k)", "k"),
        ("Capital programme (£m)", "m"),
        ("Spend in £ millions", "m"),
        ("Cost per placement", None),
    ],
)
def it_reads_a_money_scale_from_the_name(name: str, scale: str | None) -> None:
    from narrator.units import money_scale

    found = money_scale(name)
    assert (found[0] if found else None) == scale


@pytest.mark.parametrize(
    ("name", "unit", "subject"),
    [
        (
            "Permanent admissions to residential and nursing care homes per 100,000 aged 65+",
            "rate",
            "the rate of permanent admissions to residential and nursing care homes per 100,000 "
            "population aged 65 and over",
        ),
        (
            "Under-18 conception rate per 1,000 females aged 15-17",
            "rate",
            "the rate of under-18 conception per 1,000 females aged 15 to 17",
        ),
        ("Rate of children in need per 10,000 children", "rate", "the rate of children in need"),
        (
            "Re-referrals within 12 months (%)",
            "percentage",
            "the percentage of re-referrals within 12 months",
        ),
        (
            "Rent collected as a % of rent due",
            "percentage",
            "the rent collected as a percentage of the rent due",
        ),
        (
            "% of Category 1 defects made safe within 24 hours",
            "percentage",
            "the percentage of Category 1 defects made safe within 24 hours",
        ),
        (
            "Proportion of older people (65+) still at home",
            "percentage",
            "the percentage of older people (aged 65 and over) still at home",
        ),
    ],
)
def it_keeps_what_a_subject_needs(name: str, unit: str, subject: str) -> None:
    from narrator.intake.subject import subject_of
    from narrator.units import Unit

    assert subject_of(name, Unit(unit))[0] == subject


def it_guesses_scale_word_units_and_flows_from_names(tmp_path: Path) -> None:
    import shutil

    import yaml

    from narrator.intake.scaffold import write_scaffold

    entries: dict[str, dict[str, Any]] = {}
    for council in ("westmoor", "kingsmead", "dunmere"):
        board = tmp_path / council / "dashboard.csv"
        board.parent.mkdir()
        shutil.copy(COUNCILS / council / "dashboard.csv", board)
        write_scaffold(board, area=council.title())
        text = (board.parent / "catalogue.yaml").read_text(encoding="utf-8")
        entries |= {e["name"]: e for e in yaml.safe_load(text)["indicators"]}
    money = entries["Gross spend on commissioned home care (£000)"]
    assert (money["unit"], money["scale"]) == ("money", "k")
    assert "decimals" not in money
    waste = entries["Household waste collected (tonnes)"]
    assert (waste["unit"], waste["word"], waste["subject"]) == (
        "count",
        "tonnes",
        "the household waste collected",
    )
    relet = entries["Average days to relet local authority homes (general needs)"]
    assert (relet["unit"], relet["word"]) == ("score", "days")
    assert entries["Number of safeguarding concerns received"]["timing"] == "flow"
    assert entries["% of DoLS applications completed within 21 days"]["timing"] == "flow"
    # snapshots, annual figures and a year to date in the name get no timing
    assert "timing" not in entries["Number of people in receipt of long term support"]
    assert "timing" not in entries["Household waste collected (tonnes)"]
    assert "timing" not in entries["Rent collected as a % of rent due (YTD)"]


# --- periods as these exports write them ------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("Jul-Sep 2023", "Q2 2023/24"),  # a quarter written as its months, not a year so far
        ("Oct-Dec 23", "Q3 2023/24"),
        ("Jan-Mar 2024", "Q4 2023/24"),
        ("Jul 23 - Sep 23", "Q2 2023/24"),
        ("Q2 (Jul-Sep) 2023/24", "Q2 2023/24"),
        ("Q3 2023/24 (Oct-Dec)", "Q3 2023/24"),
        ("2022/23 Outturn", "2022/23"),
        ("2022/23 (provisional)", "2022/23"),
        ("Year end 2022/23", "2022/23"),
        ("FYTD Sep 23", "Apr-2023 to Sep-2023"),
        ("Dec 23 (R12)", "Jan-2023 to Dec-2023"),
        ("Dec-23 R12", "Jan-2023 to Dec-2023"),
    ],
)
def it_reads_periods_as_performance_systems_export_them(written: str, canonical: str) -> None:
    from narrator.periods import parse_period

    assert parse_period(written).canonical() == canonical


@pytest.mark.parametrize("written", ["YTD", "Year to date", "ytd"])
def it_asks_a_bare_year_to_date_for_its_end(written: str) -> None:
    """A Power BI 'YTD' with no period: a clear error, never a recursion."""
    from narrator.periods import parse_period

    with pytest.raises(ValueError, match="needs the period it ends with"):
        parse_period(written)


def it_judges_quarters_written_as_months_against_each_other() -> None:
    """'Apr-Jun 2023' beside 'Jul-Sep 2023': a quarter each, the one just before."""
    from narrator.periods import PeriodRelation, comparable, parse_period, relation

    before, after = parse_period("Apr-Jun 2023"), parse_period("Jul-Sep 2023")
    assert comparable(before, after)
    assert relation(before, after, 3) is PeriodRelation.PREVIOUS


def it_reports_a_bare_ytd_cell_as_a_located_error(tmp_path: Path) -> None:
    from narrator.intake.load import load_dashboard

    board = tmp_path / "dashboard.csv"
    board.write_text(
        "Measure,Polarity,Previous Period,Previous Value,Latest Period,Latest Value\n"
        "Children adopted,High is good,2022-23,21,YTD,9\n",
        encoding="utf-8",
    )
    problems = [p for p in load_dashboard(board).problems if p.severity.name == "ERROR"]
    assert len(problems) == 1
    assert problems[0].location.row == 2 and "needs the period it ends with" in problems[0].message


# --- an Excel scorecard: dates held as dates, a value Excel computed ----------------------------


def _scorecard(path: Path) -> Path:
    import datetime as dt

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Children's Services Scorecard - Quarter 2 2023/24"])
    sheet.append([])
    header = "Measure|Polarity|Reporting Frequency|Previous Period|Previous Value|Latest Period"
    sheet.append([*header.split("|"), "Latest Value", "Target", "England"])
    june, september = dt.datetime(2023, 6, 30), dt.datetime(2023, 9, 30)
    sheet.append(
        ["Children in care rate per 10,000", "Low is good", "Quarterly", june, 58, september, 57]
    )
    sheet["I4"] = 71
    sheet.append(["Average caseload per social worker", "Low is good", "Monthly", "Aug-23"])
    for column, value in zip("EFGHI", [17.4666666666667, "Sep-23", 16.9, 18, 16.3], strict=True):
        sheet[f"{column}5"] = value
    for cell in ("D4", "F4"):
        sheet[cell].number_format = "dd/mm/yyyy"
    board = path / "scorecard.xlsx"
    book.save(board)
    return board


def it_reads_an_excel_date_in_a_period_column_as_the_snapshot_date(tmp_path: Path) -> None:
    from narrator.intake.load import load_dashboard

    dashboard = load_dashboard(_scorecard(tmp_path))
    assert not [p for p in dashboard.problems if p.severity.name == "ERROR"]
    care = dashboard.indicators[0]
    assert care.latest_period is not None and care.latest_period.label == "30/09/2023"
    assert care.latest_period.canonical() == "30 Sep 2023"


def it_locates_and_declares_places_for_a_value_excel_computed(tmp_path: Path) -> None:
    """17.4666666666667 in the previous cell: queried at that cell (not the latest's), and
    init declares the places of the figures typed beside it, so no paragraph prints 13."""
    import yaml

    from narrator.intake.scaffold import write_scaffold
    from narrator.pipeline import prepare

    board = _scorecard(tmp_path)
    write_scaffold(board, area="Hartbridge")
    entries = yaml.safe_load((tmp_path / "catalogue.yaml").read_text(encoding="utf-8"))
    caseload = next(e for e in entries["indicators"] if e["name"].startswith("Average caseload"))
    assert caseload["decimals"] == 1
    text = _texts(prepare(tmp_path / "config.yaml"))["Average caseload per social worker"]
    assert "17.5" in text and "0.6 above the England average (16.3)" in text
    assert not re.search(r"\d\.\d{4}", text), text

    (tmp_path / "catalogue.yaml").write_text("indicators: []\n", encoding="utf-8")
    found = [
        p for p in prepare(tmp_path / "config.yaml").problems if p.code == "many-decimal-places"
    ]
    assert [p.location.cell for p in found] == ["E5"]


# --- cell spellings these exports use ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "rag"),
    [("On Track", "G"), ("Met", "G"), ("At risk", "A"), ("Off track", "R"), ("Not met", "R")],
)
def it_reads_status_words_as_rag(text: str, rag: str) -> None:
    from narrator.intake.cells import parse_rag

    found = parse_rag(text)
    assert found is not None and found.value == rag


def it_reads_unrated_statuses_polarities_and_frequencies() -> None:
    from narrator.intake.cells import parse_frequency, parse_polarity, parse_quartile, parse_rag
    from narrator.model import Frequency, Polarity

    assert parse_rag("Data only") is None and parse_rag("Baseline") is None
    assert parse_polarity("Max") is Polarity.HIGH_IS_GOOD
    assert parse_polarity("Min") is Polarity.LOW_IS_GOOD
    for text in ("Contextual", "Data only", "Tracker"):
        assert parse_polarity(text) is Polarity.NONE
    assert parse_frequency("Quarterly (cumulative)") is Frequency.QUARTER
    assert parse_frequency("Annual (academic)") is Frequency.ANNUAL
    quartiles = ["Upper quartile", "Upper middle", "Lower middle quartile", "Lower quartile"]
    assert [parse_quartile(q) for q in quartiles] == [1, 2, 3, 4]


@pytest.mark.parametrize("text", ["x", "c", "*", "..", "TBC", "Not yet available", "Awaiting data"])
def it_reads_a_withheld_or_awaited_figure_as_no_figure(text: str) -> None:
    from narrator.intake.cells import parse_value

    assert parse_value(text) is None


def it_keeps_an_indicator_named_like_a_statistics_symbol(tmp_path: Path) -> None:
    """'C' withheld in a figure's cell is no figure; an indicator named 'C' is still read."""
    from narrator.intake.load import load_dashboard

    board = tmp_path / "d.csv"
    board.write_text(
        "Indicator,Latest Period,Latest Value,Previous Period,Previous Value\n"
        "C,Q2 2023/24,x,Q1 2023/24,12\n",
        encoding="utf-8",
    )
    (found,) = load_dashboard(board).indicators
    assert (found.name, found.latest, found.previous) == ("C", None, Decimal(12))


def it_says_what_to_do_with_a_unit_typed_in_a_figure() -> None:
    """A unit vocabulary.yaml's cell_units knows is read with its figure (issue 21); any other
    word after a figure is refused, saying where the unit belongs."""
    from narrator.intake.cells import CellError, parse_value

    days = parse_value("12.5 days")
    assert days is not None and (days.value, days.unit) == (Decimal("12.5"), "days")
    with pytest.raises(CellError) as raised:
        parse_value("12.5 widgets")
    assert "a number with a word after it ('widgets')" in str(raised.value)
    assert "unit: days" in raised.value.expected
