"""The sample as shipped: CSV and Excel give the same report, and an installed (not editable)
narrator carries its phrasebook and reference document."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from tests.conftest import ROOT, SAMPLE, SAMPLE_CONFIG


def it_words_the_excel_sample_exactly_as_the_csv(prepared_q1) -> None:  # type: ignore[no-untyped-def]
    from narrator.pipeline import prepare

    workbook = SAMPLE / "dashboard-q1-2024-25.xlsx"
    from_excel = prepare(SAMPLE_CONFIG, data=workbook)
    assert not from_excel.problems
    assert [t.text for t in from_excel.texts] == [t.text for t in prepared_q1.texts]


def it_ships_the_phrasebook_and_templates_in_the_wheel(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--quiet",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = tmp_path.glob("narrator-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "narrator/phrasebook/en-GB.yaml" in names
    assert "narrator/templates/reference.docx" in names
    assert "narrator/py.typed" in names
