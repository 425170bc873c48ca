"""Nothing false is written and nothing given is dropped: a count out of 0 is queried and left
out of the report, `build-all --each-authority` refuses a config whose figures are one
council's, and a run with no report to build is an error, not "Built 0 of 0"."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from narrator.model import Severity
from narrator.pipeline import prepare
from tests.conftest import ROOT, SAMPLE, run_cli

NORTHMOOR = ROOT / "tests" / "fixtures" / "northmoor"
CARERS = "Carers assessed within 28 days"


def _northmoor(tmp_path: Path, column: str, value: str) -> Path:
    """Northmoor's report with one cell of the carers row changed."""
    folder = tmp_path / "northmoor"
    shutil.copytree(NORTHMOOR, folder)
    dashboard = folder / "dashboard.csv"
    with dashboard.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    (row,) = [r for r in rows if r["Indicator"] == CARERS]
    row[column] = value
    with dashboard.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return folder / "config.yaml"


def _carers(config: Path) -> tuple[str, list[tuple[str, int | None, str | None, str]]]:
    prepared = prepare(config)
    assert prepared.texts is not None
    (text,) = [t.text for t in prepared.texts if t.context.indicator.name == CARERS]
    queried = [
        (p.code, p.location.row, p.location.column, p.message)
        for p in prepared.problems
        if p.code == "unusable-denominator" and p.severity is Severity.WARNING
    ]
    return text, queried


def it_queries_a_zero_denominator_and_leaves_the_count_out(tmp_path: Path) -> None:
    """The report said "(407 out of 0 carers)"."""
    text, queried = _carers(_northmoor(tmp_path, "Denominator", "0"))
    assert "out of 0" not in text and "407" not in text
    assert queried == [
        (
            "unusable-denominator",
            2,
            "Denominator",
            "a denominator of 0 with a count of 407: the report leaves the counts out",
        )
    ]


def it_queries_a_count_whose_denominator_cell_is_empty(tmp_path: Path) -> None:
    text, queried = _carers(_northmoor(tmp_path, "Previous Denominator", ""))
    assert "out of 0" not in text
    assert queried == [
        (
            "unusable-denominator",
            2,
            "Previous Denominator",
            "no denominator for the count of 380, though the other period's count has one "
            "(500): the report gives the count alone",
        )
    ]


def it_queries_nothing_for_northmoor_as_it_is() -> None:
    _, queried = _carers(NORTHMOOR / "config.yaml")
    assert queried == []


def it_refuses_each_authority_for_a_config_with_a_dashboard(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """It wrote 152 reports putting Leicestershire's dashboard figures under every other
    authority's name ("In Barnet, ... 92.2%"), exit 0."""
    out = tmp_path / "out"
    argv = ["build-all", str(SAMPLE / "config.yaml"), "--each-authority", "-o", str(out)]
    code, stdout, err = run_cli(argv, capsys)
    assert code == 2 and not out.exists() and "Built" not in stdout
    assert (
        "--each-authority refused: the config names a dashboard (dashboard-q1-2024-25.csv)" in err
    )
    assert "a dashboard's figures are one council's" in err


def it_says_why_when_no_authority_has_a_figure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every figure suppressed ("x") in the LAIT table: it said "Built 0 of 0", exit 0."""
    folder = tmp_path / "any"
    shutil.copytree(SAMPLE.parent / "any-authority", folder)
    national = SAMPLE / "national"
    with (national / "lait-slice.csv").open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    with (folder / "lait.csv").open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows({**r, "Values": "x"} for r in rows)
    config = folder / "config.yaml"
    text = config.read_text(encoding="utf-8").replace(
        "../leicestershire-cfs/national/lait-slice.csv", "lait.csv"
    )
    config.write_text(text.replace("../leicestershire-cfs/national/", f"{national}/"), "utf-8")
    code, stdout, err = run_cli(
        ["build-all", str(config), "--each-authority", "-o", str(tmp_path / "out")], capsys
    )
    assert code == 2 and "Built 0 of 0" not in stdout
    assert "no local authority has a published figure" in err
