"""Start-up: `narrator --help` and `narrator check` load no library they do not use.

Each command runs in a fresh interpreter, which then reports the modules it imported."""

from __future__ import annotations

import json
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
import json, sys
from narrator.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print("\\n" + json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def imported_modules(*argv: str) -> set[str]:
    """Every module imported by running `narrator argv...` in a new process."""
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, *argv], capture_output=True, text=True, check=True
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
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NARRATOR_CACHE", str(tmp_path / "cache"))
    modules = imported("check", str(_without_national(tmp_path)))
    assert not modules & {"pandas", "docx", "openpyxl", "numpy", "matplotlib", "PIL", "lxml"}
    assert not modules & {"pptx", "xlsxwriter"}
    # check words every paragraph (so a phrase that fails on real data fails here, not in build):
    # the first time, jinja2 parses the phrasebook (and babel's locale data is read); once the
    # phrases' trees are in narrator's cache, the sample's phrases are interpreted from them
    # (narrator.language.phrase_tree) and neither is imported, nor PyYAML
    assert "jinja2" in modules
    again = imported("check", str(_without_national(tmp_path)))
    assert not again & {"jinja2", "babel", "yaml"}


def it_loads_python_docx_and_the_chart_library_only_to_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NARRATOR_CACHE", str(tmp_path / "cache"))  # no chart drawn yet
    config = _without_national(tmp_path)
    modules = imported("build", str(config), "-o", f"{tmp_path}/r.docx")
    assert {"docx", "pptx", "xlsxwriter"} <= modules
    assert not modules & {"pandas", "matplotlib", "openpyxl", "numpy"}


NETWORK = {"ssl", "_ssl", "urllib.request", "http.client", "xml.sax", "xml.sax.saxutils"}


def it_builds_without_the_network_libraries_once_its_charts_are_cached(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing on the build path imports urllib.request, http.client or ssl (xml.sax.saxutils
    does: a tenth of a small build's start-up), nor importlib.metadata. urllib.parse, which
    jinja2 imports, is a small module of its own. The first build draws the charts with
    python-pptx (whose chart XML writer escapes text with xml.sax.saxutils) and keeps them;
    a build whose charts are all kept imports neither python-pptx nor xlsxwriter, and gives
    the same bytes."""
    monkeypatch.setenv("NARRATOR_CACHE", str(tmp_path / "cache"))
    config = _without_national(tmp_path)
    cold = imported_modules("build", str(config), "-o", f"{tmp_path}/cold.docx")
    assert {"pptx", "xlsxwriter"} <= {name.split(".")[0] for name in cold}
    assert len(list((tmp_path / "cache").glob("chart-*.json"))) == 3  # the sample's summaries
    warm = imported_modules("build", str(config), "-o", f"{tmp_path}/warm.docx")
    assert "narrator.word.write" in warm and "narrator.word.charts.embed" in warm
    assert not warm & NETWORK
    assert not {name.split(".")[0] for name in warm} & {"pptx", "xlsxwriter"}
    assert not warm & {"importlib.metadata", "yaml", "babel"}  # values and facts cached
    assert "jinja2" not in {name.split(".")[0] for name in warm}  # phrases interpreted
    assert (tmp_path / "cold.docx").read_bytes() == (tmp_path / "warm.docx").read_bytes()


def it_reads_the_national_tables_with_pandas_once_then_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The sample names national tables: the first check reads them with pandas; a second,
    with the tables unchanged, takes the benchmarks from the cache and imports no pandas."""
    monkeypatch.setenv("NARRATOR_CACHE", str(tmp_path / "cache"))
    assert {"pandas", "numpy"} <= imported("check", str(SAMPLE_CONFIG))
    assert not imported("check", str(SAMPLE_CONFIG)) & {"pandas", "numpy", "pyarrow"}
