"""Periods as dashboards write them, and how a previous period relates to the latest."""

from __future__ import annotations

import pytest

from narrator.periods import PeriodKind, PeriodRelation, parse_period, relation


@pytest.mark.parametrize(
    ("text", "kind", "year", "number", "canonical"),
    [
        ("Q1 2024/25", PeriodKind.QUARTER, 2024, 1, "Q1 2024/25"),
        ("Q4 2023/24", PeriodKind.QUARTER, 2023, 4, "Q4 2023/24"),
        ("Quarter 2 2021-22", PeriodKind.QUARTER, 2021, 2, "Q2 2021/22"),
        ("Q1 24/25", PeriodKind.QUARTER, 2024, 1, "Q1 2024/25"),
        ("Summer Term 2024", PeriodKind.TERM, 2024, 2, "Summer Term 2024"),
        ("Autumn 2022", PeriodKind.TERM, 2022, 3, "Autumn Term 2022"),
        ("Summer Census 2021", PeriodKind.TERM, 2021, 2, "Summer Term 2021"),
        ("2022/23", PeriodKind.SPLIT_YEAR, 2022, None, "2022/23"),
        ("2099/00", PeriodKind.SPLIT_YEAR, 2099, None, "2099/00"),
        ("2024", PeriodKind.YEAR, 2024, None, "2024"),
        ("Dec-22", PeriodKind.MONTH, 2022, 12, "Dec-2022"),
        ("March 2023", PeriodKind.MONTH, 2023, 3, "Mar-2023"),
        ("Jun-18", PeriodKind.MONTH, 2018, 6, "Jun-2018"),
        ("Apr 17 - Mar 18", PeriodKind.RANGE, 2018, 3, "Apr-2017 to Mar-2018"),
        ("2014-2016", PeriodKind.RANGE, 2016, 12, "Jan-2014 to Dec-2016"),
        ("2014-16", PeriodKind.RANGE, 2016, 12, "Jan-2014 to Dec-2016"),
    ],
)
def test_reads_the_periods_dashboards_write(
    text: str, kind: PeriodKind, year: int, number: int | None, canonical: str
) -> None:
    period = parse_period(text)
    assert (period.kind, period.year, period.number, period.canonical()) == (
        kind,
        year,
        number,
        canonical,
    )
    assert period.label == text


@pytest.mark.parametrize("text", ["", "Q1", "Q5 2024/25", "2016/2015", "2022/25/26", "Smarch 2022"])
def test_refuses_what_is_not_a_period(text: str) -> None:
    with pytest.raises(ValueError, match=r"period|consecutive"):
        parse_period(text)


@pytest.mark.parametrize(
    ("previous", "latest", "months", "expected"),
    [
        ("Q4 2023/24", "Q1 2024/25", None, PeriodRelation.PREVIOUS),
        ("Q1 2023/24", "Q1 2024/25", 3, PeriodRelation.YEAR_ON_YEAR),
        ("Q3 2022/23", "Q1 2024/25", 3, PeriodRelation.EARLIER),
        ("Q1 2024/25", "Q1 2024/25", 3, PeriodRelation.NOT_BEFORE),
        ("Spring Term 2024", "Summer Term 2024", None, PeriodRelation.PREVIOUS),
        ("Autumn 2022", "Spring 2023", None, PeriodRelation.PREVIOUS),
        ("Summer 2023", "Summer 2024", None, PeriodRelation.YEAR_ON_YEAR),
        ("2021/22", "2022/23", 12, PeriodRelation.PREVIOUS),
        ("Dec-22", "Mar-23", 3, PeriodRelation.PREVIOUS),
        ("2023", "2024", None, PeriodRelation.PREVIOUS),
    ],
)
def test_relates_previous_to_latest(
    previous: str, latest: str, months: int | None, expected: PeriodRelation
) -> None:
    assert relation(parse_period(previous), parse_period(latest), months) is expected
