"""Each consistency check as a truth table: what it queries and what it lets pass."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest

from narrator.intake.checks import (
    counts_disagree,
    duplicates,
    percentage_range,
    period_problems,
    rag_contradicts_key,
    report_period_mismatch,
    trend_contradicts_values,
    unit_mismatch,
)
from narrator.intake.config import load_config
from narrator.model import Direction, Frequency, Polarity, Rag, Target, TargetKind
from narrator.units import Unit
from tests.conftest import SAMPLE_CONFIG
from tests.helpers import make

HIGH, LOW = Polarity.HIGH_IS_GOOD, Polarity.LOW_IS_GOOD


def codes(problems: list) -> list[str]:  # type: ignore[type-arg]
    return [p.code for p in problems]


@pytest.mark.parametrize(
    ("previous", "latest", "trend", "queried"),
    [
        ("40.0", "50.0", Direction.INCREASE, False),
        ("40.0", "50.0", Direction.DECREASE, True),
        ("50.0", "50.0", Direction.NO_CHANGE, False),
        ("64.5", "64.1", Direction.NO_CHANGE, True),  # seed 000: "No Change" for 0.4 points
        ("40.0", "50.0", None, False),
    ],
)
def it_queries_a_trend_that_contradicts_the_values(
    previous: str, latest: str, trend: Direction | None, queried: bool
) -> None:
    ctx = make(latest, previous, trend=trend)
    assert codes(trend_contradicts_values(ctx)) == (["trend-contradicts-values"] if queried else [])


@pytest.mark.parametrize(
    ("quartile", "rag", "previous", "latest", "queried"),
    [
        (1, Rag.GREEN, "40.0", "50.0", False),
        (1, Rag.AMBER, "40.0", "50.0", True),
        (2, Rag.AMBER, "50.0", "40.0", False),
        (2, Rag.GREEN, "40.0", "50.0", False),  # high in the second quartile, improving
        (2, Rag.GREEN, "50.0", "40.0", True),  # green in the second needs an improving trend
        (3, Rag.AMBER, "50.0", "40.0", False),
        (3, Rag.RED, "50.0", "40.0", False),  # low in the third quartile, declining
        (3, Rag.RED, "40.0", "50.0", True),  # red in the third needs a declining trend
        (4, Rag.RED, "40.0", "50.0", False),
        (4, Rag.AMBER, "40.0", "50.0", True),
    ],
)
def it_checks_rag_against_the_rag_key(
    quartile: int, rag: Rag, previous: str, latest: str, queried: bool
) -> None:
    ctx = make(latest, previous, polarity=HIGH, quartile=quartile, rag=rag)
    assert codes(rag_contradicts_key(ctx)) == (["rag-contradicts-key"] if queried else [])


@pytest.mark.parametrize(
    ("latest", "rag", "queried"),
    [("95.0", Rag.GREEN, False), ("85.0", Rag.GREEN, True), ("95.0", Rag.RED, True)],
)
def it_checks_rag_against_the_target(latest: str, rag: Rag, queried: bool) -> None:
    goal = Target(TargetKind.ABOVE, D("90.0"), ">90.0%")
    ctx = make(latest, "80.0", target=goal, rag=rag)
    assert codes(rag_contradicts_key(ctx)) == (["rag-contradicts-target"] if queried else [])


@pytest.mark.parametrize(
    ("latest", "numerator", "denominator", "queried"),
    [
        ("92.2", "270", "293", False),  # 92.15 rounds to 92.2
        ("47.3", "44", "93", False),
        ("93.5", "80", "93", True),
        ("92.1", "270", "293", True),
        ("92.15", "270", "293", False),  # 92.150... within half a unit of the second place
    ],
)
def it_checks_percentages_against_their_counts(
    latest: str, numerator: str, denominator: str, queried: bool
) -> None:
    ctx = make(
        latest, None, previous_period=None, numerator=D(numerator), denominator=D(denominator)
    )
    assert codes(counts_disagree(ctx)) == (["counts-disagree"] if queried else [])


@pytest.mark.parametrize(
    ("previous", "latest", "frequency", "code"),
    [
        ("Q4 2023/24", "Q1 2024/25", Frequency.QUARTER, None),
        ("Q1 2024/25", "Q1 2024/25", Frequency.QUARTER, "period-order"),
        ("Q2 2024/25", "Q1 2024/25", Frequency.QUARTER, "period-order"),
        ("Q1 2023/24", "Q1 2024/25", Frequency.QUARTER, "period-year-on-year"),
        ("Q3 2023/24", "Q1 2024/25", Frequency.QUARTER, "period-gap"),
        ("2022/23", "2023/24", Frequency.ANNUAL, None),
        ("Dec-22", "Mar-23", Frequency.QUARTER, None),  # "Last Mth of Qtr"
        ("Spring Term 2024", "Summer Term 2024", Frequency.TERM, None),
    ],
)
def it_checks_the_previous_period(
    previous: str, latest: str, frequency: Frequency, code: str | None
) -> None:
    ctx = make(previous_period=previous, latest_period=latest, frequency=frequency)
    assert codes(period_problems(ctx)) == ([code] if code else [])


def it_accepts_a_declared_year_on_year_comparison() -> None:
    from dataclasses import replace

    ctx = make(previous_period="Q1 2023/24", latest_period="Q1 2024/25")
    assert ctx.entry is not None
    declared = replace(ctx, entry=replace(ctx.entry, comparison="year_on_year"))
    assert period_problems(declared) == []


def it_keeps_percentages_between_0_and_100() -> None:
    assert codes(percentage_range(make("100.0", "0.0"))) == []
    assert codes(percentage_range(make("100.1", "50.0"))) == ["percentage-out-of-range"]
    assert codes(percentage_range(make("1279", "1128", unit=Unit.COUNT, decimals=0))) == []


def it_queries_a_latest_period_that_is_not_the_reports() -> None:
    config = load_config(SAMPLE_CONFIG)
    assert report_period_mismatch(make(), config) == []
    lagging = make(latest_period="Q4 2023/24", previous_period="Q3 2023/24")
    assert codes(report_period_mismatch(lagging, config)) == ["period-not-report-quarter"]
    term = make(latest_period="Summer Term 2024", previous_period="Spring Term 2024")
    assert report_period_mismatch(term, config) == []  # the Summer term overlaps Quarter 1
    future = make(latest_period="Autumn Term 2024", previous_period="Summer Term 2024")
    assert codes(report_period_mismatch(future, config)) == ["period-after-report"]


@pytest.mark.parametrize(
    ("latest", "previous", "code"),
    [
        ("Jun-24", "Mar-24", None),  # "Last Mth of Qtr": the quarter's last month
        ("May-24", "Apr-24", None),
        ("Mar-24", "Dec-23", "period-not-report-quarter"),
        ("Mar-23", "Dec-22", "period-not-report-quarter"),  # seed 000's NEET row, a year on
        ("Summer Term 2024", "Spring Term 2024", None),
        ("Spring Term 2024", "Autumn Term 2023", None),  # the term just before
        ("Autumn Term 2023", "Summer Term 2023", "period-before-report"),
        ("Spring 2023", "Autumn 2022", "period-before-report"),  # seed 000's terms, a year on
        ("2022/23", "2021/22", None),  # annual figures come late
    ],
)
def it_queries_a_month_or_term_that_is_not_the_reports(
    latest: str, previous: str, code: str | None
) -> None:
    config = load_config(SAMPLE_CONFIG)  # report period Q1 2024/25
    ctx = make(latest_period=latest, previous_period=previous)
    assert codes(report_period_mismatch(ctx, config)) == ([code] if code else [])


def it_finds_duplicates_and_their_units(tmp_path: Path) -> None:
    assert duplicates([make(), make(quartile=2)])[0].code == "duplicate-indicator"
    assert duplicates([make()]) == []


def it_notices_a_count_marked_as_a_percentage() -> None:
    from narrator.errors import Location
    from narrator.model import Cell

    cells = {"latest": Cell(Location(row=2, column="Latest Value"), "12%")}
    ctx = make("12", "10", unit=Unit.COUNT, decimals=0, cells=cells)
    assert codes(unit_mismatch(ctx)) == ["unit-mismatch"]
    assert unit_mismatch(make("12", "10", unit=Unit.COUNT, decimals=0)) == []


def it_words_the_trend_as_the_rag_key_does() -> None:
    worsened = rag_contradicts_key(make("80.0", "85.0", polarity=HIGH, quartile=2, rag=Rag.GREEN))
    assert [p.message for p in worsened] == [
        "RAG Green does not fit the RAG key for quartile 2 with a declining trend"
    ]
    improved = rag_contradicts_key(make("85.0", "80.0", polarity=HIGH, quartile=3, rag=Rag.RED))
    assert [p.message for p in improved] == [
        "RAG Red does not fit the RAG key for quartile 3 with an improving trend"
    ]
