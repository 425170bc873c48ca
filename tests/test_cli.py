"""The command line: build, check and explain, and errors without tracebacks."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import Q1_2024_25, SAMPLE_CONFIG
from tests.conftest import run_cli as run
from tests.helpers import QUARTILE_COLUMN, QUERIED, query_free_sample


def it_builds_the_sample_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "report.docx"
    code, stdout, _ = run(["build", str(SAMPLE_CONFIG), "-o", str(out)], capsys)
    assert code == 0
    assert out.exists() and out.stat().st_size > 10_000
    assert "22 indicators" in stdout


def it_explains_an_indicator(capsys: pytest.CaptureFixture[str]) -> None:
    code, stdout, _ = run(["explain", str(SAMPLE_CONFIG), "Care leavers EET"], capsys)
    assert code == 0
    assert "travel: key=travel.worsened.considerable" in stdout
    assert "change = 16.0 (points, 1 dp)" in stdout
    # the plan: the change joined to the quartile from the national tables (issue 22: Care
    # leavers EET is benchmarked against LAIT's CareLeaverEET), as the dashboard's would be
    # (issue 23), the averages after it and their own histories left out, each with why
    assert "Plan: its own paragraph; shape: change with position" in stdout
    assert "sentence 1: level, target — elaboration" in stdout
    assert "the target is joined to the figure it is measured against" in stdout
    assert "sentence 2: travel, national_quartile — elaboration" in stdout
    assert "change: plan.parts.travel.worsened.considerable" in stdout
    assert "position: plan.parts.quartile.benchmark.local" in stdout
    assert (
        "-> This is a decrease of 16.0 percentage points from the end of Quarter 4 (63.3%), and "
        "would place Leicestershire in the fourth quartile of local authorities on the 2022/23 "
        "published figures (129th of 151)." in stdout
    )
    assert "sentence 3: national_averages — sequence" in stdout
    assert (
        "-> Performance is 8.7 percentage points below the England average (56.0%) and 9.3 "
        "percentage points below the statistical neighbour average (56.6%)." in stdout
    )
    assert (
        "left out: the England average's own history (its increase on 2021/22, a run of 2 moves "
        "the same way, its highest in the published years), because an average's own history is "
        "not the council's figure" in stdout
    )
    assert "quartile stated: the latest figure 47.3 placed against 2022/23: rank 129 of 151" in (
        stdout
    )
    assert 'latest: 47.3%   <- row 7, column "Latest Value"' in stdout  # as the dashboard wrote it
    # why "considerable": the measured change against the phrasebook's band it passed
    assert "because the change, 16.0 percentage points, is above sizes.percent.moderate 10" in (
        stdout
    )


def it_explains_a_change_joined_to_the_dashboards_quartile(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """(seed 004 para 19: "This is a decrease from the end of Quarter 4, 63.3%, and now places");
    with nothing notable (a slight fall, 0.5 points), the change follows the figure."""
    name = "Pupils in Good or Outstanding schools"
    code, stdout, _ = run(["explain", str(SAMPLE_CONFIG), name], capsys)
    assert code == 0
    assert "sentence 2: travel, quartile — elaboration" in stdout
    assert "because the change (worsened) and the position, quartile 4 (placed), agree" in stdout
    assert (
        "-> This marks a slight decrease of 0.5 percentage points from the end of Quarter 4 "
        "(85.9%), and places Leicestershire in the fourth quartile of local authorities." in stdout
    )
    assert (
        "left out: the paragraph's shape (change with position), because nothing notable: the "
        "figure, then its change" in stdout
    )


def it_explains_what_leads_a_paragraph(capsys: pytest.CaptureFixture[str]) -> None:
    """Salience (issue 23): the area's own record leads the exclusions paragraph, said with the
    figure (seed 004 para 33); an unmoved figure says its change at once."""
    name = "Permanent exclusions as a % of School population"
    code, stdout, _ = run(["explain", str(SAMPLE_CONFIG), name], capsys)
    assert code == 0
    assert "sentence 1: level, national_record — elaboration" in stdout
    assert "record: plan.parts.national_record.joined.highest" in stdout
    assert (
        "left out: the paragraph's shape (change with position), because the record leads (a "
        "record of the published years): the change follows the figure" in stdout
    )
    name = "Primary schools rated 'Good' or 'Outstanding'"
    code, stdout, _ = run(["explain", str(SAMPLE_CONFIG), name], capsys)
    assert code == 0
    assert "because the figure did not move: its change is said with it" in stdout
    # the scores, strongest first: an unusual movement against the indicator's own history
    salience = Path(__file__).parent / "fixtures" / "salience" / "config.yaml"
    name = "Long-term support reviewed in the last 12 months"
    code, stdout, _ = run(["explain", str(salience), name], capsys)
    assert code == 0
    assert (
        "salience: travel — movement, strong (beyond the typical move of its history, 4.0 "
        "against 1.0)" in stdout
    )
    assert "the change is joined to the figure (the movement leads" in stdout


def it_explains_a_size_measured_by_relative_change(capsys: pytest.CaptureFixture[str]) -> None:
    code, stdout, _ = run(
        ["explain", str(SAMPLE_CONFIG), "Children in mainstream schools with EHCP"], capsys
    )
    assert code == 0
    assert (
        "because the relative change, 6.0%, is at most sizes.count.moderate 15 and above "
        "sizes.count.small 5"
    ) in stdout


def it_names_the_indicators_when_explain_cannot_find_one(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = run(["explain", str(SAMPLE_CONFIG), "No such thing"], capsys)
    assert code == 2
    assert "is not in the dashboard" in err and "Care leavers EET" in err
    assert "Traceback" not in err


def it_reports_a_missing_config_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(["build", str(tmp_path / "nope.yaml")], capsys)
    assert code == 2
    assert "nope.yaml: config file not found" in err
    assert "Traceback" not in err


def it_reports_a_bad_config_value(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "c.yaml"
    config.write_text(
        "area: X\ncommittee: Y\ntitle: Z\ndashboard: d.csv\nreport_period: Quarter five\n",
        encoding="utf-8",
    )
    code, _, err = run(["check", str(config)], capsys)
    assert code == 2
    assert "report_period" in err and "Quarter five" in err


def it_exits_one_from_check_on_the_sample_with_its_one_query(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The sample as the department published it: one warning (SAMPLE_QUERY, its wording in
    tests/test_national_match.py), located at its cell; the report can be built."""
    code, stdout, _ = run(["check", str(SAMPLE_CONFIG)], capsys)
    assert code == 1, stdout
    lines = stdout.splitlines()
    assert lines[0] == "Warnings (1):" and len(lines) == 2, stdout
    assert lines[1].startswith(
        f'  - {Q1_2024_25}, row 5, column "{QUARTILE_COLUMN}" (indicator "{QUERIED}"): '
        "the dashboard gives quartile 3, but the national tables give 2: "
    )


def it_lists_the_samples_query_once_the_report_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`build` (and so `make demo`) says plainly that the report was written and that its one
    warning is a query for the officer, on its paragraph too; a clean build says nothing more."""
    out = tmp_path / "report.docx"
    code, stdout, err = run(["build", str(SAMPLE_CONFIG), "-o", str(out)], capsys)
    assert code == 0, err
    assert re.fullmatch(
        rf"Wrote {re.escape(str(out))}: 22 indicators, \d+ numbered paragraphs, 1 warning\.\n",
        stdout,
    )
    header, query = err.splitlines()
    assert header == (
        "The warning is a query for the officer, also on its paragraph as a Word comment:"
    )
    assert query.startswith(f'  - {Q1_2024_25}, row 5, column "{QUARTILE_COLUMN}" ')
    code, stdout, err = run(
        ["build", str(query_free_sample(tmp_path / "clean")), "-o", str(out), "--force"], capsys
    )
    assert (code, err) == (0, "") and stdout.endswith(" 0 warnings.\n")


def it_exits_zero_from_check_on_a_clean_dashboard(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, stdout, _ = run(["check", str(query_free_sample(tmp_path / "clean"))], capsys)
    assert code == 0, stdout
    assert stdout == f"{tmp_path / 'clean' / Q1_2024_25.name}: 22 indicators, no problems.\n"


def it_has_useful_help(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (
        ["--help"],
        ["build", "--help"],
        ["check", "--help"],
        ["explain", "--help"],
        ["init", "--help"],
    ):
        code, stdout, _ = run(argv, capsys)
        assert code == 0 and "Usage:" in stdout
    # the command list says what each command does, not a cut-off sentence ending in "..."
    _, stdout, _ = run(["--help"], capsys)
    listing = stdout.split("Commands:")[1].splitlines()
    names = [m.group(1) for line in listing if (m := re.match(r"  (\S+) ", line))]
    assert names == ["build", "build-all", "check", "diff", "explain", "init"]
    assert not [line for line in listing if line.rstrip().endswith("...")], listing


def it_locates_a_yaml_mistake_as_an_editor_counts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "c.yaml"
    config.write_text("area: X\ntitle: [unclosed\ncommittee: Y\n", encoding="utf-8")
    code, _, err = run(["build", str(config)], capsys)
    assert code == 2
    assert err.count("\n") == 1, err  # one line, not PyYAML's four
    assert f"{config}: not valid YAML: line 3, column 10: " in err
    assert "(while parsing a flow sequence that starts at line 2, column 8)" in err
    assert "<unicode string>" not in err and "Traceback" not in err
