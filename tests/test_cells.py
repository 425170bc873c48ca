"""Truth tables for each cell kind: dashboard text -> typed value, or a CellError."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from narrator.intake import cells
from narrator.intake.cells import CellError, Number
from narrator.model import Direction, Frequency, Judgement, Polarity, Rag, Target, TargetKind
from narrator.periods import PeriodKind

D = Decimal


@pytest.mark.parametrize("text", ["", "  ", "N/A", "NA", "n/a", "-", "–", "\u00a0", "n/a."])
def test_reads_missing_markers_as_none(text: str) -> None:
    assert cells.is_missing(text)
    assert cells.parse_value(text) is None
    assert cells.parse_count(text) is None
    assert cells.parse_quartile(text) is None
    assert cells.parse_rag(text) is None
    assert cells.parse_target(text) is None
    assert cells.parse_period_cell(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("92.2%", Number(D("92.2"), 1, True)),
        ("0.9", Number(D("0.9"), 1, False)),
        ("1,279", Number(D("1279"), 0, False)),
        ("22.85%", Number(D("22.85"), 2, True)),
        ("23.00%", Number(D("23.00"), 2, True)),
        ("743.0", Number(D("743.0"), 1, False)),
        ("100%", Number(D("100"), 0, True)),
        ("0%", Number(D("0"), 0, True)),
        (". 87.8%", Number(D("87.8"), 1, True)),
        ("92.2%.", Number(D("92.2"), 1, True)),
        ("  92.2 %  ", Number(D("92.2"), 1, True)),
        ("\u00a092.2%\u00a0", Number(D("92.2"), 1, True)),
        ("\u22120.10", Number(D("-0.10"), 2, False)),
        ("-0.10", Number(D("-0.10"), 2, False)),
        ("- 0.10", Number(D("-0.10"), 2, False)),
        (".5", Number(D("0.5"), 1, False)),
        ("12,392", Number(D("12392"), 0, False)),
        ("1,234.5", Number(D("1234.5"), 1, False)),
        ("3% (420)", Number(D("3"), 0, True, count=D("420"))),
        ("12% (15)", Number(D("12"), 0, True, count=D("15"))),
        ("1373 (50%)", Number(D("1373"), 0, False, percentage=D("50"))),
    ],
)
def test_reads_values_exactly(text: str, expected: Number) -> None:
    got = cells.parse_value(text)
    assert got == expected
    assert got is not None and str(got.value) == str(expected.value)  # precision kept


@pytest.mark.parametrize(
    "text",
    [
        "9 2.2%",  # a space inside a number
        "1.234,5",  # a decimal comma
        "1,2",
        "1,2345",
        "120%",  # a percentage above 100
        "-3%",
        "<20.8%",  # a bound is not a value
        ">90",
        "%",
        "abc",
        "1e3",
        "3% (42.5)",  # a count that is not whole
        "3% (4%)",  # two percentages
        "(420)",
        "٣",  # a digit narrator does not read as one
    ],
)
def test_refuses_ambiguous_values(text: str) -> None:
    with pytest.raises(CellError) as info:
        cells.parse_value(text)
    assert info.value.expected


def test_requires_a_percent_sign_for_percentages() -> None:
    assert cells.parse_percentage("50%") == Number(D("50"), 0, True)
    with pytest.raises(CellError):
        cells.parse_percentage("50")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("270", D(270)), ("1,279", D(1279)), ("743.0", D(743)), ("0", D(0)), (" 33 ", D(33))],
)
def test_reads_counts(text: str, expected: Decimal) -> None:
    assert cells.parse_count(text) == expected


@pytest.mark.parametrize("text", ["2.5", "-1", "12%", "1 000", "many"])
def test_refuses_what_is_not_a_count(text: str) -> None:
    with pytest.raises(CellError):
        cells.parse_count(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1", 1),
        ("4", 4),
        ("2.0", 2),
        ("1st", 1),
        ("2nd", 2),
        ("3rd", 3),
        ("4th", 4),
        ("Top quartile", 1),
        ("Bottom quartile", 4),
        ("quartile 3", 3),
    ],
)
def test_reads_quartiles(text: str, expected: int) -> None:
    assert cells.parse_quartile(text) == expected


@pytest.mark.parametrize("text", ["0", "5", "2.5", "Q1", "-1", "5th"])
def test_refuses_quartiles_outside_one_to_four(text: str) -> None:
    with pytest.raises(CellError):
        cells.parse_quartile(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("High = Good", Polarity.HIGH_IS_GOOD),
        ("Low = Good", Polarity.LOW_IS_GOOD),
        ("(high is good)", Polarity.HIGH_IS_GOOD),
        ("(low is good)", Polarity.LOW_IS_GOOD),
        ("(Low is good)", Polarity.LOW_IS_GOOD),
        ("higher is better", Polarity.HIGH_IS_GOOD),
        ("N/A", Polarity.NONE),
        ("(no polarity)", Polarity.NONE),
        ("Higher - no polarity", Polarity.NONE),
        ("", None),
    ],
)
def test_reads_polarities(text: str, expected: Polarity | None) -> None:
    assert cells.parse_polarity(text) == expected


@pytest.mark.parametrize("text", ["Good", "Increase", "High = Bad"])
def test_refuses_unknown_polarities(text: str) -> None:
    with pytest.raises(CellError):
        cells.parse_polarity(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Quarter", Frequency.QUARTER),
        ("Quarterly", Frequency.QUARTER),
        ("Last Mth of Qtr", Frequency.QUARTER),
        ("Term", Frequency.TERM),
        ("Annual", Frequency.ANNUAL),
        ("Month", Frequency.MONTH),
        ("Monthly", Frequency.MONTH),
        ("N/A", None),
    ],
)
def test_reads_frequencies(text: str, expected: Frequency | None) -> None:
    assert cells.parse_frequency(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Increase", Direction.INCREASE),
        ("Decrease", Direction.DECREASE),
        ("No Change", Direction.NO_CHANGE),
        ("no change.", Direction.NO_CHANGE),
        ("Higher", Direction.INCREASE),
        ("Lower", Direction.DECREASE),
        ("Higher - no polarity", Direction.INCREASE),
        ("Better", Judgement.IMPROVED),
        ("Worse", Judgement.WORSENED),
        ("Similar", Judgement.UNCHANGED),
        ("New", None),
        ("N/A", None),
    ],
)
def test_reads_trends(text: str, expected: Direction | Judgement | None) -> None:
    assert cells.parse_trend(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Green", Rag.GREEN),
        ("Amber", Rag.AMBER),
        ("Red", Rag.RED),
        ("G", Rag.GREEN),
        ("A", Rag.AMBER),
        ("R", Rag.RED),
        ("red", Rag.RED),
        ("N/A", None),
    ],
)
def test_reads_rag(text: str, expected: Rag | None) -> None:
    assert cells.parse_rag(text) == expected


@pytest.mark.parametrize("text", ["Blue", "Amber/Green", "1"])
def test_refuses_unknown_rag(text: str) -> None:
    with pytest.raises(CellError):
        cells.parse_rag(text)


@pytest.mark.parametrize(
    ("text", "polarity", "expected"),
    [
        ("<20.8%", Polarity.LOW_IS_GOOD, Target(TargetKind.BELOW, D("20.8"), "<20.8%")),
        (">90.3%", Polarity.HIGH_IS_GOOD, Target(TargetKind.ABOVE, D("90.3"), ">90.3%")),
        (">= 95%", Polarity.NONE, Target(TargetKind.AT_LEAST, D("95"), ">= 95%")),
        ("≥95%", Polarity.NONE, Target(TargetKind.AT_LEAST, D("95"), "≥95%")),
        ("<=5", Polarity.NONE, Target(TargetKind.AT_MOST, D("5"), "<=5")),
        ("≤ 5.0", Polarity.NONE, Target(TargetKind.AT_MOST, D("5.0"), "≤ 5.0")),
        ("= 0", Polarity.NONE, Target(TargetKind.EQUAL, D("0"), "= 0")),
        ("Increase", Polarity.NONE, Target(TargetKind.INCREASE, None, "Increase")),
        ("Reduce", Polarity.NONE, Target(TargetKind.REDUCE, None, "Reduce")),
        ("Top quartile", Polarity.NONE, Target(TargetKind.TOP_QUARTILE, None, "Top quartile")),
        ("95%", Polarity.HIGH_IS_GOOD, Target(TargetKind.AT_LEAST, D("95"), "95%")),
        ("9.0%", Polarity.LOW_IS_GOOD, Target(TargetKind.AT_MOST, D("9.0"), "9.0%")),
        ("no target", Polarity.NONE, None),
        ("No target", Polarity.HIGH_IS_GOOD, None),
        ("N/A", Polarity.NONE, None),
    ],
)
def test_reads_targets(text: str, polarity: Polarity, expected: Target | None) -> None:
    got = cells.parse_target(text, polarity)
    assert got == expected
    if got is not None and expected is not None and got.value is not None:
        assert str(got.value) == str(expected.value)


@pytest.mark.parametrize("text", ["95%", "<9 5%", "<120%", "soon", "<"])
def test_refuses_targets_it_would_have_to_guess(text: str) -> None:
    with pytest.raises(CellError):
        cells.parse_target(text, Polarity.NONE)


@pytest.mark.parametrize(
    ("text", "kind", "canonical"),
    [
        ("Q4 2022/23", PeriodKind.QUARTER, "Q4 2022/23"),
        ("Spring 2023", PeriodKind.TERM, "Spring Term 2023"),
        ("Summer Census 2021", PeriodKind.TERM, "Summer Term 2021"),
        ("Dec-22", PeriodKind.MONTH, "Dec-2022"),
        ("2020/21", PeriodKind.SPLIT_YEAR, "2020/21"),
        ("2014-2016", PeriodKind.RANGE, "Jan-2014 to Dec-2016"),
        ("Q1 2024/25.", PeriodKind.QUARTER, "Q1 2024/25"),
    ],
)
def test_reads_periods(text: str, kind: PeriodKind, canonical: str) -> None:
    period = cells.parse_period_cell(text)
    assert period is not None
    assert (period.kind, period.canonical()) == (kind, canonical)


@pytest.mark.parametrize("text", ["Q1", "Q5 2024/25", "2022/24/25", "sometime"])
def test_refuses_unreadable_periods(text: str) -> None:
    with pytest.raises(CellError) as info:
        cells.parse_period_cell(text)
    assert "quarter" in info.value.expected


PARSERS: list[Callable[[str], object]] = [
    cells.parse_value,
    cells.parse_percentage,
    cells.parse_count,
    cells.parse_quartile,
    cells.parse_polarity,
    cells.parse_frequency,
    cells.parse_trend,
    cells.parse_rag,
    cells.parse_target,
    lambda t: cells.parse_target(t, Polarity.HIGH_IS_GOOD),
    cells.parse_period_cell,
]
DASHBOARD_TEXT = st.one_of(
    st.text(),
    st.text(alphabet="0123456789.,%<>=≥≤ -()NAn/\u00a0\u2212", max_size=12),
    st.sampled_from(
        ["92.2%", "3% (420)", "1373 (50%)", "Q1 2024/25", "High = Good", "Top quartile"]
    ),
)


@pytest.mark.parametrize("parse", PARSERS)
@settings(max_examples=200, deadline=None)
@given(text=DASHBOARD_TEXT)
def test_parses_any_text_or_says_what_it_expected(
    parse: Callable[[str], object], text: str
) -> None:
    try:
        parse(text)
    except CellError as exc:
        assert exc.expected and str(exc)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("474kg", "474", "kg"),
        ("9,655 tonnes", "9655", "tonnes"),
        ("12 days", "12", "days"),
        ("£1.2m", "1.2", "£m"),
        ("£450k", "450", "£k"),
        ("£1,200", "1200", "£"),
        ("3.2 per 1,000 population", "3.2", "per 1,000"),
        ("41.2 per 10000", "41.2", "per 10,000"),
        ("92.2%", "92.2", None),
    ],
)
def test_reads_a_unit_written_in_the_cell(text: str, value: str, unit: str | None) -> None:
    """Units inside cells (issue 21), as vocabulary.yaml's cell_units name them."""
    number = cells.parse_value(text)
    assert number is not None and (number.value, number.unit) == (Decimal(value), unit)


def test_refuses_a_rate_base_the_vocabulary_does_not_name() -> None:
    with pytest.raises(CellError):
        cells.parse_value("3.2 per 7 population")
