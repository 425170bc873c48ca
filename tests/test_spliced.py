"""Table rows kept as bytes until saving (narrator.word.spliced) save exactly as the same rows
held as XML elements would, and count in the content hash where they stand."""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from hypothesis import given, settings
from hypothesis import strategies as st

from narrator.word import guard, spliced, styles, tables

# cell texts with what XML escapes or splits: markup characters, quotes, tabs, line breaks,
# spaces at the ends, accents and characters beyond the Basic Multilingual Plane
_TEXT = st.one_of(
    st.none(),
    st.text(alphabet=st.sampled_from(list("aZ 09&<>\"'\t\n\r£é–€😀")), max_size=12),
)
_ROWS = st.lists(st.lists(_TEXT, min_size=1, max_size=3), min_size=1, max_size=600)


def _document(rows: list[list[str | None]], *, kept: bool) -> Any:
    """A document with a heading, a table of `rows` (as elements, or kept as bytes) and a
    paragraph after it."""
    document = Document()
    document.add_paragraph("Before the table")
    width = max(len(row) for row in rows)
    table = document.add_table(rows=1, cols=width)
    table.rows[0].cells[0].text = "Header"
    cells = [
        [
            tables.TableCell(text, None, 1000 + i, "FF0000" if i else None)
            for i, text in enumerate(row)
        ]
        for row in rows
    ]
    if kept:
        spliced.append_rows(document, table._tbl, (tables.row_xml(c) for c in cells))
    else:
        tables.append_rows(table, cells)
    document.add_paragraph("After the table")
    return document


@settings(max_examples=40, deadline=None)
@given(_ROWS)
def it_saves_kept_rows_as_the_rows_themselves_would_be_saved(
    rows: list[list[str | None]],
) -> None:
    as_tree, as_bytes = _document(rows, kept=False), _document(rows, kept=True)
    assert guard.content_hash(as_bytes) == guard.content_hash(as_tree)
    assert styles.stable_bytes(as_bytes) == styles.stable_bytes(as_tree)


def it_keeps_the_rows_out_of_the_tree_until_saving() -> None:
    document = _document([["a", "b"]] * 300, kept=True)
    assert len(document.tables[0].rows) == 1  # the header: the rest are bytes
    saved = styles.stable_bytes(document)
    again = Document(io.BytesIO(saved))
    assert len(again.tables[0].rows) == 301
    assert [c.text for c in again.tables[0].rows[300].cells] == ["a", "b"]


_COMMENTS = st.lists(
    st.text(alphabet=st.sampled_from(list('ab &<>"\t\r\n£😀')), min_size=1, max_size=10),
    min_size=1,
    max_size=300,
)


def _commented(texts: list[str], *, kept: bool) -> Any:
    """A document with a paragraph per text, each commented with it (kept as bytes or not)."""
    from datetime import datetime

    from narrator.word.comments import CommentWriter, ensure_comment_styles

    document = Document()
    writer = CommentWriter(document, kept=kept)
    for text in texts:
        run = document.add_paragraph(f"on {text}").runs[0]._r
        when = datetime(2024, 9, 3)
        writer.add(run, run, text, author="narrator", initials="N", when=when)
    writer.close()
    ensure_comment_styles(document)
    return document


@settings(max_examples=25, deadline=None)
@given(_COMMENTS)
def it_saves_kept_comments_as_the_comments_themselves_would_be_saved(texts: list[str]) -> None:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    as_tree, as_bytes = _commented(texts, kept=False), _commented(texts, kept=True)
    kept_part = as_bytes.part.part_related_by(RT.COMMENTS).element
    assert not kept_part.xpath("./w:comment")  # all of them bytes until saving
    assert guard.content_hash(as_bytes) == guard.content_hash(as_tree)
    assert styles.stable_bytes(as_bytes) == styles.stable_bytes(as_tree)
