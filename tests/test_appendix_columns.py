"""A dashboard with no RAG column, or no area for its indicators (Hartbridge, a London borough's
Power BI export: neither), gets an appendix table without those columns, still as wide as the
landscape page, and regenerates; a report whose indicators have no outcome has no "Other
indicators" heading over all of them."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from docx import Document
from docx.shared import Cm

from narrator.report import APPENDIX_COLUMNS, Role
from narrator.word.write import column_cm
from tests.conftest import SAMPLE
from tests.conftest import run_cli as run
from tests.docx_read import read_table_rows
from tests.wordcheck import problems

COUNCILS = Path(__file__).resolve().parent / "fixtures" / "councils"
HARTBRIDGE = COUNCILS / "hartbridge"
WITHOUT = [
    "Indicator",
    "Latest data",
    "Period",
    "Previous data",
    "Previous period",
    "Direction of travel",
    "Target",
    "Quartile",
]
CIN = "Rate of children in need per 10,000 children"


def _build(capsys: pytest.CaptureFixture[str], config: Path, out: Path, *args: str) -> str:
    code, stdout, err = run(["build", str(config), "-o", str(out), *args], capsys)
    assert code == 0, err
    return stdout


def _dashboard(tmp_path: Path, name: str, edit: dict[str, str] | None = None) -> Path:
    """Hartbridge's dashboard with the children-in-need row's cells changed as `edit` says
    (a column not in it is added, blank on the other rows)."""
    with (HARTBRIDGE / "dashboard.csv").open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    fields = list(rows[0])
    for column in edit or {}:
        if column not in fields:
            fields.append(column)
    for row in rows:
        if row["Measure"] == CIN:
            row.update(edit or {})
    out = tmp_path / name
    with out.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fields, restval="")
        writer.writeheader()
        writer.writerows(rows)
    return out


def test_a_dashboard_without_rag_or_areas_gets_neither_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "report.docx"
    _build(capsys, HARTBRIDGE / "config.yaml", out)
    rows = read_table_rows(out)
    assert rows[0] == WITHOUT
    assert all(len(row) == len(WITHOUT) for row in rows)
    assert rows[1][:3] == [CIN, "398.1 per 10,000", "2023-24 Q2"]
    # the remaining columns are spread over the landscape page's width (24.6 cm)
    grid = Document(str(out)).tables[0]._tbl.xpath("./w:tblGrid/w:gridCol/@w:w")
    assert abs(sum(int(w) for w in grid) - Cm(24.6).twips) <= len(grid)
    widths = column_cm([c for c in APPENDIX_COLUMNS if c not in ("area", "rag")])
    assert widths[0] > 6.2  # the indicator's column took a share of what was freed
    assert problems(out) == []


def test_ratings_with_no_areas_keep_the_rag_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _dashboard(tmp_path, "rated.csv", {"RAG": "G"})
    out = tmp_path / "report.docx"
    _build(capsys, HARTBRIDGE / "config.yaml", out, "--data", str(data))
    rows = read_table_rows(out)
    assert rows[0] == [*WITHOUT[:-1], "RAG", "Quartile"]
    assert rows[1][0] == CIN and rows[1][-2] == "G"
    assert problems(out) == []


def test_the_leicestershire_sample_keeps_all_ten_columns() -> None:
    from narrator.pipeline import prepare, report_of

    appendix = report_of(prepare(SAMPLE / "config.yaml")).appendix
    assert appendix is not None
    assert appendix.columns == APPENDIX_COLUMNS
    assert len(appendix.column_headers) == 10


def test_a_table_without_rag_or_area_regenerates_a_correction_as_a_tracked_change(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = tmp_path / "report.docx"
    _build(capsys, HARTBRIDGE / "config.yaml", first)
    data = _dashboard(tmp_path, "corrected.csv", {"Latest Value": "401.3"})
    nxt = tmp_path / "next.docx"
    said = _build(
        capsys, HARTBRIDGE / "config.yaml", nxt, "--data", str(data), "--previous", str(first)
    )
    assert "not found" not in said
    rows = {row[0]: row for row in read_table_rows(nxt)}
    assert rows[CIN][1] == "401.3 per 10,000"
    table = Document(str(nxt)).tables[0]._tbl
    # only the figure is tracked; its unit stands
    assert table.xpath(".//w:ins//w:t/text()") == ["401.3"]
    assert table.xpath(".//w:del//w:delText/text()") == ["398.1"]
    assert problems(nxt) == []


def test_a_table_without_rag_is_found_when_the_data_gains_ratings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = tmp_path / "report.docx"
    _build(capsys, HARTBRIDGE / "config.yaml", first)
    data = _dashboard(tmp_path, "rated.csv", {"RAG": "R", "Latest Value": "401.3"})
    nxt = tmp_path / "next.docx"
    said = _build(
        capsys, HARTBRIDGE / "config.yaml", nxt, "--data", str(data), "--previous", str(first)
    )
    assert "not found" not in said
    rows = read_table_rows(nxt)
    assert rows[0] == WITHOUT  # the reviewer's table keeps its columns
    assert {row[0]: row for row in rows}[CIN][1] == "401.3 per 10,000"


def _headings(config: Path) -> list[str]:
    from narrator.pipeline import prepare, report_of

    return [b.text for b in report_of(prepare(config)).blocks if b.role is Role.HEADING]


def test_no_other_indicators_heading_over_a_report_with_no_outcomes() -> None:
    """No topics, sections or themes, no outcomes: the indicators follow under one heading,
    the department's (issue 21: not under "Background and Overview"), never "Other
    indicators"."""
    headings = _headings(HARTBRIDGE / "config.yaml")
    assert "Other indicators" not in headings
    assert headings[:3] == [
        "Purpose of the Report",
        "Policy Framework and Previous Decisions",
        "Background and Overview",
    ]
    assert headings[3:5] == ["Children and Young People", "Conclusion"]


def test_other_indicators_heading_kept_after_outcome_sections(tmp_path: Path) -> None:
    westmoor = tmp_path / "westmoor"
    shutil.copytree(COUNCILS / "westmoor", westmoor)
    config = westmoor / "config.yaml"
    text = config.read_text(encoding="utf-8")
    assert "  - topic: Quality\n" in text
    config.write_text(text.replace("  - topic: Quality\n", ""), encoding="utf-8")
    headings = _headings(config)
    assert headings.index("Safeguarding") < headings.index("Other indicators")
    assert "Other indicators" not in _headings(COUNCILS / "westmoor" / "config.yaml")
