"""Whatever a dashboard holds, narrator either words it or says what is wrong, located: no
Python error escapes, no indicator disappears, and no paragraph prints "nan" or "None"."""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from narrator.errors import NarratorError
from narrator.intake.columns import STANDARD_COLUMNS
from narrator.model import Severity
from tests.conftest import SAMPLE_CONFIG

HEADER = list(STANDARD_COLUMNS[:18])  # all but the previous numerator and denominator

VALID = {
    "Polarity": ["High = Good", "Low = Good", "N/A", ""],
    "Frequency": ["Quarter", "Term", "Annual", "Last Mth of Qtr", ""],
    "Previous Period": ["Q4 2023/24", "Spring Term 2024", "2023", "Dec-23", ""],
    "Latest Period": ["Q1 2024/25", "Summer Term 2024", "2024", "Jun-24"],
    "Trend": ["Increase", "Decrease", "No Change", ""],
    "Target": [">90%", "<20.8%", "N/A", "Increase", "no target", ""],
    "Status RAG": ["Green", "Amber", "Red", "N/A", "G", ""],
    "National benchmark (quartile 1 = top)": ["1", "4th", "N/A", "2", ""],
    "Previous Quartile": ["1", "3", ""],
    "Numerator": ["270", "1,588", "", "N/A"],
    "Denominator": ["293", "1,910", "", "N/A"],
}
NUMBERS = ["92.2%", "0.9", "1,279", "0", "100%", "N/A", "", "12", "45.50%", "3% (420)"]
NOISE = ["-3", "1e3", "nan", "five", "12 (5%)", "<", "9 2.2%", "150%", "Q5 2024/25", "5"]


def cell(column: str) -> st.SearchStrategy[str]:
    """Mostly a form dashboards really write; now and then noise or arbitrary text."""
    valid = st.sampled_from(VALID.get(column, NUMBERS))
    noise = st.sampled_from(NOISE) | st.text(max_size=12)
    return st.tuples(st.integers(0, 24), valid, noise).map(lambda t: t[2] if t[0] == 0 else t[1])


def row(index: int) -> st.SearchStrategy[list[str]]:
    fixed = {"Topic": st.just("Help every child to get the best possible start in life")}
    fixed["Theme"] = st.just("Early Years")
    fixed["Indicator"] = st.just(f"Indicator number {index}")
    return st.tuples(*(fixed.get(c, cell(c)) for c in HEADER)).map(list)


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    st.lists(st.integers(0, 0), min_size=1, max_size=3).flatmap(
        lambda xs: st.tuples(*(row(i) for i in range(len(xs))))
    )
)
def it_words_any_dashboard_or_says_what_is_wrong(rows: tuple[list[str], ...]) -> None:
    from narrator.pipeline import prepare, report_of

    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "dashboard.csv"
        with data.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(HEADER)
            writer.writerows(rows)
        try:
            prepared = prepare(SAMPLE_CONFIG, data=data)
        except NarratorError:
            return
        named = {p.location.indicator for p in prepared.problems}
        worded = {c.name for c in prepared.contexts}
        for record in rows:
            assert record[2] in worded | named
        if prepared.errors:
            assert all(p.location.row or p.location.cell for p in prepared.errors)
            return
        assert all(p.severity is Severity.WARNING for p in prepared.problems)
        for block in report_of(prepared).blocks:
            if block.indicator is None:
                continue
            words = block.text.replace(".", " ").replace(",", " ").split()
            assert "nan" not in words and "None" not in words, block.text
            assert "  " not in block.text and block.text.endswith("."), block.text
