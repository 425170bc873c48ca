"""The appendix's own words are the phrasebook's: what a missing value shows (in the table, the
chart and regeneration alike), the RAG labels and the column headings (issue 19)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from docx import Document

from narrator.model import Rag

COUNCILS = Path(__file__).resolve().parent / "fixtures" / "councils"


def _fenmoor(tmp_path: Path, phrasebook: str) -> Path:
    """The Fenmoor fixture (RAG ratings, gaps in its quartiles) with `phrasebook` laid over."""
    folder = tmp_path / "fenmoor"
    shutil.copytree(COUNCILS / "fenmoor", folder)
    (folder / "house.yaml").write_text(phrasebook, encoding="utf-8")
    with (folder / "config.yaml").open("a", encoding="utf-8") as stream:
        stream.write("\nphrasebook: house.yaml\n")
    return folder / "config.yaml"


def _table_texts(path: Path) -> list[str]:
    document = Document(str(path))
    return [cell.text for table in document.tables for row in table.rows for cell in row.cells]


def it_shows_the_phrasebooks_missing_text_in_the_table_and_the_chart(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from narrator.pipeline import prepare, report_of
    from narrator.word.charts.appendix import MISSING_GREY, summary_charts
    from tests.conftest import run_cli

    config = _fenmoor(tmp_path, 'report:\n  appendix:\n    missing: "n/a"\n')
    appendix = report_of(prepare(config)).appendix
    assert appendix is not None and appendix.missing == "n/a"
    assert any(None in (r.quartile, r.previous, r.target) for r in appendix.rows)
    panels = [bars for _, bars in summary_charts(appendix)]
    assert panels  # the chart is drawn
    for panel in panels:
        assert "N/A" not in panel.counts
        assert "n/a" in panel.counts and panel.colours["n/a"] == MISSING_GREY  # the grey bar kept
    out = tmp_path / "out.docx"
    code, _, err = run_cli(["build", str(config), "-o", str(out)], capsys)
    assert code == 0, err
    cells = _table_texts(out)
    assert "n/a" in cells and "N/A" not in cells


def it_takes_rag_labels_and_headings_from_the_phrasebook(tmp_path: Path) -> None:
    from narrator.pipeline import prepare, report_of
    from narrator.word.charts.appendix import MISSING_GREY, summary_charts

    config = _fenmoor(
        tmp_path,
        "report:\n  appendix:\n    rag: {G: On track, A: At risk, R: Off track}\n"
        "    headings:\n      quartile: National quartile\n      rag: Rating\n",
    )
    appendix = report_of(prepare(config)).appendix
    assert appendix is not None
    assert dict(appendix.rag_labels)[Rag.RED] == "Off track"
    assert list(appendix.rag_counts)[:3] == ["On track", "At risk", "Off track"]
    assert "National quartile" in appendix.column_headers and "Rating" in appendix.column_headers
    rag_panel = next(b for _, b in summary_charts(appendix) if b.title == "Rating")
    assert rag_panel.colours["Off track"] not in (None, MISSING_GREY)  # keeps its colour


def it_shows_a_comparison_word_the_paragraph_does_not_say() -> None:
    """A single-period row with no latest figure but a comparison word ("Better"): the
    paragraph says only that there is no figure, the appendix still shows the word."""
    from narrator.pipeline import prepare, report_of

    sample = Path(__file__).resolve().parent.parent / "samples" / "leicestershire-cfs"
    data = Path(__file__).resolve().parent / "fixtures" / "seed003.tsv"
    appendix = report_of(prepare(sample / "config.yaml", data=data)).appendix
    assert appendix is not None
    words = {r.direction for r in appendix.rows if r.latest is None}
    assert {"Better", "Worse", "Similar", "New"} <= words
