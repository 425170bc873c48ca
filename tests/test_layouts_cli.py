"""`narrator check` and `narrator build` on each seed dashboard, with the sample config and
`--data`: every indicator the file has is read (the counts are those of the hand-transcribed
lists in test_layouts.py, and seed 000's 18 rows), the report is written, and what could not be
read is a warning naming the file and line. `--layout` and the config's `layout:` choose a
reader by name."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import SAMPLE_CONFIG
from tests.conftest import run_cli as run

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = [
    ("seed000.tsv", 18),
    ("seed001.txt", 48),
    ("seed002.md", 19),
    ("seed003.tsv", 38),
    ("seed004_appendix.txt", 22),
]


@pytest.mark.parametrize(("fixture", "count"), SEEDS)
def it_checks_and_builds_each_seed(
    fixture: str, count: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = str(FIXTURES / fixture)
    code, stdout, _ = run(["check", str(SAMPLE_CONFIG), "--data", data, "--format", "json"], capsys)
    assert code == 1  # warnings only: the report can be built
    payload = json.loads(stdout)
    assert payload["errors"] == []
    ours = [w for w in payload["warnings"] if w["file"] == data]
    assert ours and all(w["row"] for w in ours if w["code"] != "sheet-ignored")
    out = tmp_path / "report.docx"
    code, stdout, _ = run(["build", str(SAMPLE_CONFIG), "--data", data, "-o", str(out)], capsys)
    assert code == 0, stdout
    assert f"{count} indicators" in stdout
    assert out.exists()


def it_reads_a_named_layout(capsys: pytest.CaptureFixture[str]) -> None:
    data = str(FIXTURES / "seed001.txt")
    code, stdout, _ = run(
        ["check", str(SAMPLE_CONFIG), "--data", data, "--layout", "scorecard", "--format", "json"],
        capsys,
    )
    assert code == 1 and json.loads(stdout)["errors"] == []
    code, stdout, _ = run(
        [
            "check",
            str(SAMPLE_CONFIG),
            "--data",
            data,
            "--layout",
            "column-runs",
            "--format",
            "json",
        ],
        capsys,
    )
    assert code == 2
    assert [e["code"] for e in json.loads(stdout)["errors"]] == ["no-indicators"]


def it_explains_a_single_period_indicator(capsys: pytest.CaptureFixture[str]) -> None:
    data = str(FIXTURES / "seed001.txt")
    code, stdout, _ = run(
        ["explain", str(SAMPLE_CONFIG), "CSE referrals", "--data", data, "--layout", "scorecard"],
        capsys,
    )
    assert code == 0
    assert "compared: key=compared.higher" in stdout
    assert "-> This is higher than the previous figure." in stdout


def it_takes_the_layout_from_the_config(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import shutil

    folder = tmp_path / "sample"
    shutil.copytree(SAMPLE_CONFIG.parent, folder)  # the config's other files, as they are
    config = folder / "config.yaml"
    text = config.read_text(encoding="utf-8")
    body = text.replace(
        "dashboard: dashboard-q1-2024-25.csv", f"dashboard: {FIXTURES / 'seed002.md'}"
    )
    assert body != text
    config.write_text(body + "\nlayout: ocr-appendix\n", encoding="utf-8")
    code, stdout, _ = run(["check", str(config), "--format", "json"], capsys)
    assert code == 2  # a markdown table is no OCR'd appendix: nothing read, said so
    assert [e["code"] for e in json.loads(stdout)["errors"]] == ["no-indicators"]
    config.write_text(body + "\nlayout: markdown-table\n", encoding="utf-8")
    code, stdout, _ = run(["check", str(config), "--format", "json"], capsys)
    assert code == 1
    config.write_text(body + "\nlayout: pdf\n", encoding="utf-8")
    code, _, stderr = run(["check", str(config)], capsys)
    assert code == 2 and "layout: 'pdf' is not one of table, period-headings, scorecard" in stderr
