"""Start-up: `narrator --help` and `narrator check` load no library they do not use.

Each command runs in a fresh interpreter, which then reports the modules it imported."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SAMPLE, SAMPLE_CONFIG

HEAVY = (
    *("pandas", "docx", "babel", "matplotlib", "openpyxl", "numpy", "PIL", "jinja2", "yaml"),
    *("pptx", "xlsxwriter"),
)

_PROBE = """
import json, os, sys
from narrator.cli import main
if os.environ.get("PROBE_WITHOUT_CHART_WRITER"):  # charts written without python-pptx
    import narrator.word.charts.drawingml as drawingml
    drawingml.render = lambda *a, **k: (b'<c:chartSpace xmlns:c="urn:c"/>', b"")
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print("\\n" + json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


_CHART_IMPORTS = "import sys, pptx.chart.xmlwriter, pptx.chart.data, pptx.chart.chart"


def imported_modules(*argv: str, chart_writer: bool = True) -> set[str]:
    """Every module imported by running `narrator argv...` in a new process; with
    `chart_writer` False, the charts' XML and workbooks are not written (python-pptx is not
    imported), so what the rest of the build imports shows."""
    env = {**os.environ, "PROBE_WITHOUT_CHART_WRITER": "" if chart_writer else "1"}
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, *argv], capture_output=True, text=True, check=True, env=env
    )
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


def imported(*argv: str) -> set[str]:
    """Top-level packages imported by running `narrator argv...` in a new process."""
    return {name.split(".")[0] for name in imported_modules(*argv)}


def it_starts_help_without_any_heavy_library() -> None:
    assert not imported("--help") & set(HEAVY)


@pytest.mark.parametrize("command", ["build", "build-all", "check", "explain"])
def it_starts_each_commands_help_without_any_heavy_library(command: str) -> None:
    assert not imported(command, "--help") & set(HEAVY)


def _without_national(folder: Path) -> Path:
    """The sample's config, every path absolute, with no national tables."""
    text = SAMPLE_CONFIG.read_text(encoding="utf-8").split("\nnational:")[0]
    for item in SAMPLE.iterdir():  # every file it names, wherever the copy is
        text = text.replace(f": {item.name}", f": {item}")
    config = folder / "config.yaml"
    config.write_text(text, encoding="utf-8")
    return config


def it_checks_a_csv_dashboard_without_pandas_docx_openpyxl_or_a_chart_library(
    tmp_path: Path,
) -> None:
    modules = imported("check", str(_without_national(tmp_path)))
    assert not modules & {"pandas", "docx", "openpyxl", "numpy", "matplotlib", "PIL", "lxml"}
    assert not modules & {"pptx", "xlsxwriter"}
    # check words every paragraph (so a phrase that fails on real data fails here, not in build):
    # jinja2 and babel's locale data are needed for that, and for nothing else
    assert {"jinja2", "yaml"} <= modules


def it_loads_python_docx_and_the_chart_library_only_to_build(tmp_path: Path) -> None:
    config = _without_national(tmp_path)
    modules = imported("build", str(config), "-o", f"{tmp_path}/r.docx")
    assert {"docx", "pptx", "xlsxwriter"} <= modules
    assert not modules & {"pandas", "matplotlib", "openpyxl", "numpy"}


def it_builds_without_the_network_libraries(tmp_path: Path) -> None:
    """Nothing on the build path imports urllib.request, http.client or ssl (xml.sax.saxutils
    did: a tenth of a small build's start-up). urllib.parse, which jinja2 imports, is a small
    module of its own. The one exception is python-pptx, the charts' writer: its chart XML
    writer escapes text with xml.sax.saxutils, which imports urllib.request (about 30 ms,
    paid by a build that writes charts): the network modules a build imports are python-pptx's
    own, and without it the build imports none."""
    network = {"ssl", "_ssl", "urllib.request", "http.client", "xml.sax"}
    config = _without_national(tmp_path)
    without = imported_modules("build", str(config), "-o", f"{tmp_path}/a.docx", chart_writer=False)
    assert "narrator.word.write" in without and "narrator.word.charts.embed" in without
    assert not without & network
    assert not {name.split(".")[0] for name in without} & {"pptx", "xlsxwriter"}
    modules = imported_modules("build", str(config), "-o", f"{tmp_path}/b.docx")
    pptx_alone = subprocess.run(
        [sys.executable, "-c", f"{_CHART_IMPORTS}; print(sorted(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert modules & network == {name for name in network if repr(name) in pptx_alone}


def it_reads_the_national_tables_with_pandas_once_then_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The sample names national tables: the first check reads them with pandas; a second,
    with the tables unchanged, takes the benchmarks from the cache and imports no pandas."""
    monkeypatch.setenv("NARRATOR_CACHE", str(tmp_path / "cache"))
    assert {"pandas", "numpy"} <= imported("check", str(SAMPLE_CONFIG))
    assert not imported("check", str(SAMPLE_CONFIG)) & {"pandas", "numpy", "pyarrow"}
