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


# --- the layout readers: a scorecard, a markdown table, an OCR'd appendix, column runs ------

PERIODS = ["Q1", "Q3 2023/24", "2023", "Jun-24", "Apr 23 - Mar 24", "2022/23", "Summer 2024"]
VALUES = ["92.2%", "0.9", "1,279", "150%", "3% (420)", "1373 (50%)", "-3", "100%", "12.50%"]
WORDS = ["Better", "Worse", "Similar", "Same", "Higher", "Lower", "New", "n/a"]
WORDS += ["Higher - no polarity"]
RAGS = ["G", "A", "R", "n/a"]
QUARTILES = ["1", "2", "3", "4", "n/a"]
ODD = ["X", "5", "Green", "?", "1st"]  # figures a scorecard line should not hold
AVERAGES = ["89.9%", "15.58", "n/a", "3,000"]
# anything a cell may hold but the separators and lone surrogates (which no file can hold)
JUNK = st.text(
    alphabet=st.characters(exclude_categories=("Cs",), exclude_characters="|\t\n\r"),
    max_size=10,
)


def _name(index: int) -> str:
    return f"Indicator number {index} of Northmoor"


def _prepare_layout(text: str, suffix: str):  # type: ignore[no-untyped-def]
    """prepare() over the text as a dashboard file; None when a NarratorError refused it."""
    from narrator.pipeline import prepare

    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / f"dashboard{suffix}"
        data.write_text(text, encoding="utf-8")
        try:
            return prepare(SAMPLE_CONFIG, data=data)
        except NarratorError:
            return None


def _assert_nothing_dropped(prepared, names: list[str]) -> None:  # type: ignore[no-untyped-def]
    """Each indicator is worded or named in a problem, or the whole file failed loudly."""
    if prepared is None:
        return
    worded = {c.name for c in prepared.contexts}
    named = {p.location.indicator for p in prepared.problems}
    if any(p.code == "no-indicators" for p in prepared.errors):
        return
    for name in names:
        assert name in worded | named, name
    if not prepared.errors:
        from narrator.pipeline import report_of

        for block in report_of(prepared).blocks:
            if block.indicator is not None:
                words = block.text.replace(".", " ").replace(",", " ").split()
                assert "nan" not in words and "None" not in words, block.text


def _field(pool: list[str]) -> st.SearchStrategy[str]:
    return st.sampled_from(pool)


@st.composite
def scorecards(draw: st.DrawFn) -> tuple[str, list[str]]:
    count = draw(st.integers(1, 4))
    lines = ["Northmoor Scorecard 2023/24 Quarter 3", " Children are safe", ""]
    names = []
    for i in range(count):
        name = _name(i) + draw(st.sampled_from(["", " (low = good)", " (high is good)"]))
        names.append(name)
        pools = [PERIODS, VALUES, WORDS, RAGS, QUARTILES, AVERAGES]
        if draw(st.integers(0, 5)) == 0:
            pools[draw(st.integers(3, 4))] = ODD
        figures = " ".join(draw(_field(pool)) for pool in pools)
        joiner = draw(st.sampled_from([" ", "\n", "\n\n"]))
        lines.append(name + joiner + figures)
    if draw(st.booleans()):
        lines.append(" RAG rating key\n\nTop quartile of local authorities")
    return "\n".join(lines) + "\n", names


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scorecards())
def it_reads_any_scorecard_or_says_what_is_wrong(case: tuple[str, list[str]]) -> None:
    text, names = case
    _assert_nothing_dropped(_prepare_layout(text, ".txt"), names)


def _cell_or_junk(pool: list[str]) -> st.SearchStrategy[str]:
    return st.tuples(st.integers(0, 6), st.sampled_from(pool), JUNK).map(
        lambda t: t[2] if t[0] == 0 else t[1]
    )


@st.composite
def markdown_tables(draw: st.DrawFn) -> tuple[str, list[str]]:
    head = "| Northmoor Performance 2023/24 Quarter 3 | Latest update | Current figure | "
    head += "Compared to previous data | Target* | Status RAG | National benchmark "
    head += "(quartile 1 = top) | Most recent Statistical Neighbour average |"
    lines = [head, "|--|--|--|--|--|--|--|--|", "| Children are safe | | | | | | | |"]
    names = []
    for i in range(draw(st.integers(1, 4))):
        names.append(_name(i))
        cells = [
            draw(_cell_or_junk(PERIODS)),
            draw(_cell_or_junk(VALUES)),
            draw(_cell_or_junk(["(high is good)", "(low is good)", "(no polarity)", "Better"])),
            draw(_cell_or_junk([">90%", "<20.8%", "n/a", "Top quartile"])),
            draw(_cell_or_junk([*RAGS, ""])),
            draw(_cell_or_junk(QUARTILES)),
            draw(_cell_or_junk(AVERAGES)),
        ]
        lines.append("| " + " | ".join([names[-1], *cells]) + " |")
        if draw(st.booleans()):
            lines.append("| | " + draw(_cell_or_junk(["Census 2021", "2021", "_", ""])) + " | |")
    return "\n".join(lines) + "\n", names


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(markdown_tables())
def it_reads_any_markdown_table_or_says_what_is_wrong(case: tuple[str, list[str]]) -> None:
    text, names = case
    _assert_nothing_dropped(_prepare_layout(text, ".md"), names)


@st.composite
def ocr_appendices(draw: st.DrawFn) -> tuple[str, list[str]]:
    lines = [
        "Appendix A",
        "Supporting Indicator\t^Data point\t\t\t\tcai.\tbenchmark",
        "Children are safe\tUpdated\tLatest update\tPerformance\tpoint^\tTrend Charts\t"
        "Status RAG\tтор)\tbenchr\tmark 2017/1\t18 targe",
        "Social Care",
    ]
    names = []
    for i in range(draw(st.integers(1, 4))):
        names.append(_name(i))
        period = draw(st.sampled_from(["Q1 2016/17", "2016", "Q4 2015/16", "2014-2016"]))
        cells = [
            draw(st.sampled_from(["Y", "Υ", "V", ""])),
            period,
            draw(_cell_or_junk([*VALUES, "", "8.", ":"])),
            draw(_cell_or_junk(["6 Better", "1 New", "Similar", "Higher - no polarity", "-"])),
            "",
            draw(_cell_or_junk([*RAGS, "^", "٨"])),
            draw(_cell_or_junk([*QUARTILES, ""])),
            draw(_cell_or_junk(["n/a", "2", "1 3", ""])),
            draw(_cell_or_junk(["94.5%", "no targ", "314.9 Top qu", "Increa", ""])),
            draw(_cell_or_junk(["get", "uartile", "70%", ""])),
        ]
        lines.append("\t".join([names[-1], *cells]))
    lines += ["", "RAG rating key", "", "Top quartile of local authorities"]
    return "\n".join(lines) + "\n", names


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ocr_appendices())
def it_reads_any_ocr_appendix_or_says_what_is_wrong(case: tuple[str, list[str]]) -> None:
    text, names = case
    _assert_nothing_dropped(_prepare_layout(text, ".tsv"), names)


@st.composite
def column_runs(draw: st.DrawFn) -> tuple[str, list[str]]:
    count = draw(st.integers(2, 5))
    names = sorted(
        f"{_name(i)} {draw(st.sampled_from(['alpha', 'beta', 'gamma']))}" for i in range(count)
    )
    runs = [
        names,
        [draw(_field([*VALUES[:4], "98.2%", "NA"])) for _ in names],
        [draw(_field(["Q1 2024/25", "Summer Term\n2024", "2022/23", "2024"])) for _ in names],
        [draw(_field([*VALUES[:4], "97.3%", "NA"])) for _ in names],
        [draw(_field(["NA", ">90.3%", "<2.1%", "93.7%"])) for _ in names],
        [draw(_field(["N/A", "A", "G", "R"])) for _ in names],
        [draw(_field(["NA", "1st", "2nd", "3rd", "4th"])) for _ in names],
    ]
    entries = ["CFS KPI Performance Dashboard"] + [e for run in runs for e in run]
    entries += ["Area\nAll", "Improve No Change Worse N/A", "31027"]
    if draw(st.booleans()):  # the table's own header, copied after it
        entries += [
            "Area Indicator Latest Data Period\nPrevious\nData",
            "Perform.\nDOT Target RAG Quartiles",
        ]
    return "\n\n".join(entries) + "\n", names


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(column_runs())
def it_reads_any_column_runs_or_says_what_is_wrong(case: tuple[str, list[str]]) -> None:
    text, names = case
    _assert_nothing_dropped(_prepare_layout(text, ".txt"), names)
