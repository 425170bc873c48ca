"""The benchmark script's smoke run (its timings are not checked here: bench/run.py reports
them), and the synthetic dashboards it builds from."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bench.synthetic import write_synthetic
from narrator.pipeline import prepare
from tests.conftest import ROOT


def it_writes_the_same_dashboard_for_the_same_size(tmp_path: Path) -> None:
    first = write_synthetic(tmp_path / "a", 50)
    second = write_synthetic(tmp_path / "b", 50)
    assert first.dashboard.read_bytes() == second.dashboard.read_bytes()
    assert first.catalogue.read_bytes() == second.catalogue.read_bytes()


def it_makes_a_dashboard_narrator_reads_without_errors(tmp_path: Path) -> None:
    prepared = prepare(write_synthetic(tmp_path, 200).config)
    assert len(prepared.contexts) == 200 and not prepared.errors
    units = {c.unit.value for c in prepared.contexts}
    assert units == {"percentage", "count", "rate", "score"}
    codes = {p.code for p in prepared.warnings}
    assert {"not-in-catalogue", "missing-latest-value"} <= codes


def it_prints_the_tables_in_a_quick_run() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--quick"],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    out = done.stdout
    assert out.startswith("Machine: ") and "Python 3." in out
    assert "| with national tables, empty cache (cold) |" in out
    assert "\nSpeed: a 10,000,000-step Python loop takes " in out
    assert "| `narrator --help` |" in out and "| `narrator build` sample |" in out
    assert "| 10 |" in out and "x |" in out
    assert "`narrator build-all` of 3 copies of the sample" in out
