"""Regeneration reads the previous report once: the appendix table's cells in one pass over its
XML (narrator.word.table_grid) and its comments once (narrator.word.comments.CommentIndex),
never python-docx's per-row cell proxies or a comment map rebuilt per paragraph. (How fast it
is, against a plain build, is bench/run.py's to say.)"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.synthetic import write_synthetic
from narrator.word.table_grid import table_rows
from tests.conftest import run_cli

# a cell: (grid span, vertical merge: None, "restart" or "continue")
_CELL = st.tuples(st.integers(1, 3), st.sampled_from([None, "restart", "continue"]))
_ROW = st.tuples(st.integers(0, 2), st.lists(_CELL, min_size=1, max_size=4))


def _table(rows: list[tuple[int, list[tuple[int, str | None]]]]) -> Any:
    """A python-docx table whose rows start `before` grid columns in, with the cells given."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = Document()
    xml = [f"<w:tbl {nsdecls('w')}><w:tblGrid/>"]
    for r, (before, cells) in enumerate(rows):
        xml.append("<w:tr>")
        if before:
            xml.append(f'<w:trPr><w:gridBefore w:val="{before}"/></w:trPr>')
        for c, (span, merge) in enumerate(cells):
            props = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
            if merge == "restart":
                props += '<w:vMerge w:val="restart"/>'
            elif merge == "continue":
                props += "<w:vMerge/>"
            xml.append(f"<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{r}.{c}</w:t></w:r></w:p>")
            xml.append("</w:tc>")
        xml.append("</w:tr>")
    xml.append("</w:tbl>")
    tbl = parse_xml("".join(xml))
    document.element.body.append(tbl)
    return document.tables[-1]


@settings(max_examples=200, deadline=None)
@given(st.lists(_ROW, min_size=1, max_size=5))
def it_reads_each_rows_cells_as_python_docx_does(
    rows: list[tuple[int, list[tuple[int, str | None]]]],
) -> None:
    table = _table(rows)
    try:
        expected = [[cell._tc for cell in row.cells] for row in table.rows]
    except ValueError:  # a merge continuing nothing: python-docx gives up, narrator does not
        return
    got = [grid.cells for grid in table_rows(table._tbl)]
    assert got == expected


def it_reads_a_merged_cell_as_the_one_its_merge_starts_in() -> None:
    table = _table([(0, [(1, "restart"), (1, None)]), (0, [(1, "continue"), (1, None)])])
    _, second = table_rows(table._tbl)
    assert second.text(0) == "0.0" and second.text(1) == "1.1"
    assert second.text(2) == "" and second.first_paragraph(2) is None


def _corrected(folder: Path, count: int) -> None:
    """Change `count` latest values of the dashboard in `folder`, in place."""
    path = folder / "dashboard.csv"
    with path.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream))
    changed = 0
    for row in rows[1:]:
        if changed < count and row[8].endswith("%"):
            row[8] = f"{float(row[8][:-1]) / 2:.1f}%"
            changed += 1
    with path.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows(rows)


def it_regenerates_without_python_docxs_row_cells_or_a_comment_map_per_paragraph(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import docx.comments
    import docx.table

    files = write_synthetic(tmp_path / "report", 60)
    first = tmp_path / "first.docx"
    code, _, err = run_cli(["build", str(files.config), "-o", str(first)], capsys)
    assert code == 0, err
    _corrected(files.config.parent, 3)
    reads = {"rows": 0, "comments": 0}
    cells = docx.table._Row.cells.fget
    comments_iter = docx.comments.Comments.__iter__

    def counted_cells(row: Any) -> Any:
        reads["rows"] += 1
        return cells(row)

    def counted_comments(comments: Any) -> Any:
        reads["comments"] += 1
        return comments_iter(comments)

    monkeypatch.setattr(docx.table._Row, "cells", property(counted_cells))
    monkeypatch.setattr(docx.comments.Comments, "__iter__", counted_comments)
    again = tmp_path / "again.docx"
    argv = ["build", str(files.config), "--previous", str(first), "-o", str(again)]
    code, out, err = run_cli(argv, capsys)
    assert code == 0, err
    assert "regenerated 3, unchanged 61," in out, out.splitlines()[0]
    assert reads == {"rows": 0, "comments": 1}
