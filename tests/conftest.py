"""Shared fixtures: the sample config and the two sample dashboards."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "leicestershire-cfs"
SAMPLE_CONFIG = SAMPLE / "config.yaml"
Q1_2024_25 = SAMPLE / "dashboard-q1-2024-25.csv"
Q4_2022_23 = SAMPLE / "dashboard-q4-2022-23.csv"


def run_cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run the command line as a user would: (exit code, stdout, stderr)."""
    from narrator.cli import main

    with pytest.raises(SystemExit) as info:
        main(argv)
        raise SystemExit(0)
    out, err = capsys.readouterr()
    return int(info.value.code or 0), out, err


@pytest.fixture(scope="session", autouse=True)
def _benchmark_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Computed benchmarks go to a temporary folder, not .narrator-cache/ in the samples."""
    folder = tmp_path_factory.mktemp("narrator-cache")
    before = os.environ.get("NARRATOR_CACHE")
    os.environ["NARRATOR_CACHE"] = str(folder)
    yield folder
    if before is None:
        os.environ.pop("NARRATOR_CACHE", None)
    else:
        os.environ["NARRATOR_CACHE"] = before


@pytest.fixture(scope="session")
def sample_config() -> Path:
    return SAMPLE_CONFIG


@pytest.fixture(scope="session")
def prepared_q1():  # type: ignore[no-untyped-def]
    from narrator.pipeline import prepare

    return prepare(SAMPLE_CONFIG)


@pytest.fixture(scope="session")
def prepared_q4():  # type: ignore[no-untyped-def]
    from narrator.pipeline import prepare

    return prepare(SAMPLE_CONFIG, data=Q4_2022_23)
