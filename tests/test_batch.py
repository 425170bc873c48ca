"""build-all: many reports in one run, one per config or one per value of a column."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from docx import Document

from narrator.batch import plan_configs, plan_split
from narrator.errors import ConfigError, DataErrors
from tests.conftest import SAMPLE
from tests.conftest import run_cli as run


def _copies(folder: Path, names: list[str]) -> list[Path]:
    """The sample's files in `folder`, with one copy of its config per name."""
    for item in SAMPLE.iterdir():
        if item.is_dir():
            shutil.copytree(item, folder / item.name)
        else:
            shutil.copy(item, folder / item.name)
    config = (folder / "config.yaml").read_text(encoding="utf-8")
    paths = []
    for name in names:
        (folder / f"{name}.yaml").write_text(config, encoding="utf-8")
        paths.append(folder / f"{name}.yaml")
    return paths


def _text(docx: Path) -> str:
    return "\n".join(p.text for p in Document(str(docx)).paragraphs)


def _names(docx: Path) -> list[str]:
    """The indicator names in a report's appendix table."""
    table = Document(str(docx)).tables[0]
    return [row.cells[1].text for row in table.rows[1:]]


def it_builds_one_report_per_config_in_parallel(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    configs = _copies(tmp_path, ["north", "south", "east"])
    out = tmp_path / "out"
    code, stdout, _ = run(["build-all", *map(str, configs), "-o", str(out), "-j", "2"], capsys)
    assert code == 0
    assert sorted(p.name for p in out.iterdir()) == ["east.docx", "north.docx", "south.docx"]
    assert "Built 3 of 3 reports" in stdout and "66 indicators" in stdout
    assert (out / "north.docx").read_bytes() == (out / "south.docx").read_bytes()


def it_writes_the_others_and_names_each_failure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good, broken, empty = _copies(tmp_path, ["good", "broken", "empty"])
    broken.write_text(
        broken.read_text(encoding="utf-8").replace("dashboard-q1-2024-25.csv", "missing.csv"),
        encoding="utf-8",
    )
    empty.write_text("area: X\n", encoding="utf-8")
    out = tmp_path / "out"
    argv = ["build-all", str(good), str(broken), str(empty), "-o", str(out), "-j", "2"]
    code, stdout, stderr = run(argv, capsys)
    assert code == 2
    assert [p.name for p in out.iterdir()] == ["good.docx"]
    assert "Built 1 of 3 reports" in stdout
    assert "2 report(s) failed" in stderr
    assert "broken.yaml: " in stderr and "missing.csv" in stderr
    assert "empty.yaml: " in stderr and "'dashboard' is required" in stderr
    assert "Traceback" not in stderr


def it_refuses_two_configs_with_the_same_name(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    with pytest.raises(ConfigError, match="same name"):
        plan_configs([tmp_path / "a" / "c.yaml", tmp_path / "b" / "c.yaml"], tmp_path)


def _split_sample(folder: Path) -> Path:
    """The sample with an Authority column: the first 12 rows one council, the rest another."""
    (config,) = _copies(folder, ["national"])
    # "Rutland & Melton" is no local authority of the national tables: benchmark nothing
    text = config.read_text(encoding="utf-8")
    config.write_text(text.split("\nnational:")[0], encoding="utf-8")
    source = folder / "dashboard-q1-2024-25.csv"
    with source.open(encoding="utf-8", newline="") as stream:
        header, *rows = list(csv.reader(stream))
    with source.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["Authority", *header])
        for i, row in enumerate(rows):
            writer.writerow(["Leicestershire" if i < 12 else "Rutland & Melton", *row])
    return config


def it_splits_one_dashboard_into_a_report_per_value(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = _split_sample(tmp_path)
    out = tmp_path / "out"
    argv = ["build-all", str(config), "--split-by", "authority", "-o", str(out), "-j", "1"]
    code, stdout, _ = run(argv, capsys)
    assert code == 0, stdout
    assert sorted(p.name for p in out.iterdir()) == ["Leicestershire.docx", "Rutland-Melton.docx"]
    assert "22 indicators" in stdout
    rutland = _text(out / "Rutland-Melton.docx")
    assert "places Rutland & Melton in the" in rutland
    assert "Leicestershire in the" not in rutland
    assert _names(out / "Leicestershire.docx")[:2] == [
        "Child protection cases which were reviewed within timescales",
        "Children becoming subject to a CPP for second or subsequent time",
    ]
    names = _names(out / "Rutland-Melton.docx")
    assert len(names) == 10 and "Children Electively Educated at Home" in names
    assert "Care leavers EET" not in names  # a Leicestershire row


def it_gives_each_value_its_own_rows(tmp_path: Path) -> None:
    tasks = plan_split(_split_sample(tmp_path), "Authority", tmp_path / "out")
    assert [(t.name, t.area) for t in tasks] == [
        ("Leicestershire", "Leicestershire"),
        ("Rutland & Melton", "Rutland & Melton"),
    ]
    shares = [t.dashboard for t in tasks if t.dashboard is not None]
    assert [len(d.indicators) for d in shares] == [12, 10]
    # the column split by is not reported as "a column narrator does not use"
    assert not [p for d in shares for p in d.problems if p.code == "unknown-column"]
    assert all(d.unknown_columns == () for d in shares)


def it_names_the_columns_when_the_split_column_is_missing(tmp_path: Path) -> None:
    config = _split_sample(tmp_path)
    with pytest.raises(ConfigError, match=r"no column 'Region'.*Authority.*Latest Value"):
        plan_split(config, "Region", tmp_path / "out")


def it_says_why_a_dashboard_without_indicators_cannot_be_split(tmp_path: Path) -> None:
    config = _split_sample(tmp_path)
    empty = tmp_path / "empty.csv"
    with (SAMPLE / "dashboard-q1-2024-25.csv").open(encoding="utf-8") as handle:
        empty.write_text(handle.readline(), encoding="utf-8")
    with pytest.raises(DataErrors, match="no indicator rows below the header"):
        plan_split(config, "Theme", tmp_path / "out", data=empty)


def it_splits_one_config_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a, b = _copies(tmp_path, ["a", "b"])
    code, _, err = run(["build-all", str(a), str(b), "--split-by", "Authority"], capsys)
    assert code == 2 and "exactly one CONFIG" in err


def it_splits_a_dashboard_given_with_data(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = _split_sample(tmp_path)
    data = tmp_path / "elsewhere.csv"
    shutil.move(tmp_path / "dashboard-q1-2024-25.csv", data)
    out = tmp_path / "out"
    argv = ["build-all", str(config), "--split-by", "Authority", "--data", str(data)]
    code, stdout, _ = run([*argv, "-o", str(out), "-j", "1"], capsys)
    assert code == 0, stdout
    assert sorted(p.name for p in out.iterdir()) == ["Leicestershire.docx", "Rutland-Melton.docx"]


def it_leaves_an_edited_report_alone_unless_forced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    configs = _copies(tmp_path, ["north", "south"])
    out = tmp_path / "out"
    argv = ["build-all", *map(str, configs), "-o", str(out), "-j", "1"]
    assert run(argv, capsys)[0] == 0
    edited = Document(str(out / "north.docx"))
    edited.add_paragraph("A reviewer's own paragraph.")
    edited.save(str(out / "north.docx"))
    before = (out / "north.docx").read_bytes()
    code, stdout, stderr = run(argv, capsys)
    assert code == 2
    assert "north.yaml: " in stderr and "edited since narrator wrote it" in stderr
    assert "Built 1 of 2 reports" in stdout
    assert (out / "north.docx").read_bytes() == before
    code, _, _ = run([*argv, "--force"], capsys)
    assert code == 0
    assert (out / "north.docx.bak").read_bytes() == before


def it_leaves_nothing_for_the_collector_after_each_report(tmp_path: Path) -> None:
    """build-all's memory stays flat in the number of reports: each report's cycles (documents,
    XML proxies) are collected before the next starts, not left to pile up under narrator's
    raised collector thresholds."""
    import gc

    from narrator.batch import build_one

    (config,) = _copies(tmp_path, ["one"])
    thresholds = gc.get_threshold()
    gc.set_threshold(200_000, 30, 30)  # as the command line sets them
    try:
        result = build_one(plan_configs([config], tmp_path / "out")[0])
        left = gc.collect()
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()
    assert result.ok and left == 0
