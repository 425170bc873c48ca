"""`narrator check` on the sample dashboard seeded with one of each error: each is reported,
located at its row and column, and nothing else is. The errors are seeded into the sample made
query-free (tests.helpers.query_free_text: its one query, SAMPLE_QUERY, answered), so that
what is found is exactly what was seeded."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from narrator.cli import main
from narrator.model import Severity
from tests.conftest import SAMPLE_CONFIG
from tests.helpers import query_free_text

# indicator -> {column: new text}; each line seeds one error the checks must find.
SEEDS: dict[str, dict[str, str]] = {
    # the Trend column contradicts the values (47.3% from 63.3% is a decrease)
    "Care leavers EET": {"Trend": "Increase"},
    # RAG contradicts the RAG key: fourth quartile is Red
    "Secondary schools rated 'Good' or 'Outstanding'": {"Status RAG": "Amber"},
    # RAG contradicts the target (no quartile): 80.6% misses >90.0% but is Green
    "Children in care who have their annual health assessment within last 12 months "
    "(at end of period)": {"Target": ">90.0%", "Status RAG": "Green"},
    # the percentage disagrees with numerator / denominator: 80 / 93 is 86.0%, not 93.5%
    "Care leavers in suitable accommodation": {"Numerator": "80"},
    # the previous period does not precede the latest
    "Assessments completed within 45 days": {"Previous Period": "Q2 2024/25"},
    # a quarterly indicator compared with a year-old figure
    "Re-referrals to CSC within 12 mths": {"Previous Period": "Q1 2023/24"},
    # a percentage outside 0-100 (no % sign, so only the catalogue says it is a percentage)
    "Eligible 3 year olds taking up their FEEE": {"Latest Value": "192.9"},
    # a quartile outside 1-4
    "Primary schools rated 'Good' or 'Outstanding'": {"National benchmark (quartile 1 = top)": "5"},
    # latest period that is not the report's quarter
    "Pupils in Good or Outstanding schools": {
        "Latest Period": "Q4 2023/24",
        "Previous Period": "Q3 2023/24",
    },
}

EXPECTED = {
    ("trend-contradicts-values", Severity.WARNING, "Care leavers EET", "Trend"),
    (
        "rag-contradicts-key",
        Severity.WARNING,
        "Secondary schools rated 'Good' or 'Outstanding'",
        "Status RAG",
    ),
    (
        "rag-contradicts-target",
        Severity.WARNING,
        "Children in care who have their annual health assessment within last 12 months "
        "(at end of period)",
        "Status RAG",
    ),
    ("counts-disagree", Severity.WARNING, "Care leavers in suitable accommodation", "Latest Value"),
    ("period-order", Severity.ERROR, "Assessments completed within 45 days", "Previous Period"),
    (
        "period-year-on-year",
        Severity.WARNING,
        "Re-referrals to CSC within 12 mths",
        "Previous Period",
    ),
    (
        "percentage-out-of-range",
        Severity.ERROR,
        "Eligible 3 year olds taking up their FEEE",
        "Latest Value",
    ),
    (
        "unreadable-quartile",
        Severity.ERROR,
        "Primary schools rated 'Good' or 'Outstanding'",
        "National benchmark (quartile 1 = top)",
    ),
    (
        "period-not-report-quarter",
        Severity.WARNING,
        "Pupils in Good or Outstanding schools",
        "Latest Period",
    ),
    ("duplicate-indicator", Severity.ERROR, "NEET young people aged 16-17", None),
    ("duplicate-indicator", Severity.ERROR, "Children Electively Educated at Home", None),
    ("units-differ", Severity.WARNING, "Children Electively Educated at Home", None),
    # the duplicate given as a percentage, where the catalogue says count
    ("unit-mismatch", Severity.WARNING, "Children Electively Educated at Home", "Latest Value"),
}


def seeded_dashboard(tmp_path: Path) -> Path:
    reader = csv.DictReader(io.StringIO(query_free_text(), newline=""))
    fields = list(reader.fieldnames or [])
    rows = list(reader)
    by_name = {row["Indicator"]: row for row in rows}
    for name, changes in SEEDS.items():
        by_name[name].update(changes)
    # the same indicator twice, in the same unit...
    rows.append(dict(by_name["NEET young people aged 16-17"]))
    # ...and twice in different units (a count row given as a percentage)
    twin = dict(by_name["Children Electively Educated at Home"])
    twin.update({"Latest Value": "12.8%", "Previous Value": "11.3%"})
    rows.append(twin)
    out = tmp_path / "seeded.csv"
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    return out


def it_reports_each_seeded_error_located_and_nothing_else(tmp_path: Path) -> None:
    from narrator.pipeline import prepare

    data = seeded_dashboard(tmp_path)
    prepared = prepare(SAMPLE_CONFIG, data=data)
    found = [
        (p.code, p.severity, p.location.indicator, p.location.column) for p in prepared.problems
    ]
    assert sorted(found, key=str) == sorted(EXPECTED, key=str)  # each once, nothing else
    for problem in prepared.problems:
        assert problem.location.file == str(data)
        assert problem.location.row is not None
        assert problem.value is not None and problem.expected
    assert prepared.texts is None  # errors: nothing is worded, nothing written


def it_gives_exit_codes_and_json_for_tools(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = seeded_dashboard(tmp_path)
    with pytest.raises(SystemExit) as info:
        main(["check", str(SAMPLE_CONFIG), "--data", str(data), "--format", "json"])
    assert info.value.code == 2
    payload = json.loads(capsys.readouterr().out)
    assert len(payload["errors"]) == 5 and len(payload["warnings"]) == 8
    order = next(e for e in payload["errors"] if e["code"] == "period-order")
    assert order["row"] == 5 and order["column"] == "Previous Period"
    assert order["value"] == "Q2 2024/25"


def it_exits_one_for_warnings_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = query_free_text()
    data = tmp_path / "warn.csv"
    data.write_text(text.replace("Q1 2024/25,47.3%,Decrease", "Q1 2024/25,47.3%,Increase"))
    with pytest.raises(SystemExit) as info:
        main(["check", str(SAMPLE_CONFIG), "--data", str(data)])
    assert info.value.code == 1
    out = capsys.readouterr().out
    assert "Warnings (1):" in out and 'row 7, column "Trend"' in out


def it_refuses_to_build_on_errors_and_comments_warnings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "report.docx"
    with pytest.raises(SystemExit) as info:
        main(
            ["build", str(SAMPLE_CONFIG), "--data", str(seeded_dashboard(tmp_path)), "-o", str(out)]
        )
    assert info.value.code == 2 and not out.exists()
    assert "no report written" in capsys.readouterr().err


def it_puts_each_warning_on_its_paragraph_as_a_word_comment(tmp_path: Path) -> None:
    from docx import Document

    from narrator.pipeline import prepare, report_of
    from narrator.word.write import write_report

    text = query_free_text()
    data = tmp_path / "warn.csv"
    data.write_text(text.replace("Q1 2024/25,47.3%,Decrease", "Q1 2024/25,47.3%,Increase"))
    out = tmp_path / "report.docx"
    report = report_of(prepare(SAMPLE_CONFIG, data=data))
    (commented,) = [b for b in report.blocks if b.comments]
    assert commented.indicator == "Care leavers EET"
    write_report(report, out)
    document = Document(str(out))
    comments = list(document.comments)
    assert len(comments) == 1
    assert comments[0].text.startswith(
        "narrator: warn.csv, row 7, column \"Trend\": the Trend column says 'Increase'"
    )
    assert comments[0].text.endswith("(found 'Increase'); expected 'Decrease'")


def it_states_a_year_old_comparison_as_such_with_its_comment(tmp_path: Path) -> None:
    """A quarterly figure compared with the same quarter a year earlier names that quarter with
    its year, never as the quarter just before; the warning sits on that paragraph."""
    from narrator.pipeline import prepare, report_of

    text = query_free_text()
    row = "Re-referrals to CSC within 12 mths,Low = Good,Quarter,"
    assert text.count(row + "Q4 2023/24") == 1
    data = tmp_path / "yoy.csv"
    data.write_text(text.replace(row + "Q4 2023/24", row + "Q1 2023/24"), encoding="utf-8")
    prepared = prepare(SAMPLE_CONFIG, data=data)
    assert [p.code for p in prepared.problems] == ["period-year-on-year"]
    (block,) = [b for b in report_of(prepared).blocks if b.comments]
    assert block.indicator == "Re-referrals to CSC within 12 mths"
    assert (
        "a slight increase of 0.8 percentage points from the end of Quarter 1 2023/24 (24.1%)"
        in (block.text)
    )
    assert "Quarter 4" not in block.text and "previous quarter" not in block.text


def it_answers_in_json_when_the_dashboard_cannot_be_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "empty.csv"
    data.write_bytes(b"")
    with pytest.raises(SystemExit) as info:
        main(["check", str(SAMPLE_CONFIG), "--data", str(data), "--format", "json"])
    assert info.value.code == 2
    payload = json.loads(capsys.readouterr().out)
    (error,) = payload["errors"]
    assert (error["code"], error["file"], payload["warnings"]) == (
        "unreadable-file",
        str(data),
        [],
    )
    assert "the file has no text" in error["message"] and error["expected"]
