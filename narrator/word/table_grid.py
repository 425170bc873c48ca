"""A table's rows and cells read in one pass over its XML, as python-docx's ``_Row.cells`` gives
them.

python-docx finds the cell a vertically merged cell continues by walking up the rows above it
and counting the grid columns of every cell before it, once per cell and row: reading the
appendix's merged Area column that way costs the square of the table's length (a 1,000-row
appendix took most of a regeneration). `table_rows` reads the same cells in one pass.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from docx.oxml.ns import qn

from narrator.word.wordxml import Element, paragraph_text

_TR, _TC, _P, _VAL = (qn(f"w:{n}") for n in ("tr", "tc", "p", "val"))
_TR_PR, _TC_PR, _GRID_BEFORE, _GRID_SPAN, _V_MERGE = (
    qn(f"w:{n}") for n in ("trPr", "tcPr", "gridBefore", "gridSpan", "vMerge")
)


@dataclass(frozen=True)
class GridRow:
    """A ``w:tr`` and its cells, one per grid column it fills (see `table_rows`)."""

    tr: Element
    cells: list[Element]

    def text(self, column: int) -> str:
        """The text of the first paragraph of the cell in grid column `column`; "" when the
        row has no such column or the cell no paragraph."""
        if column >= len(self.cells):
            return ""
        p = self.cells[column].find(_P)
        return paragraph_text(p) if p is not None else ""

    def first_paragraph(self, column: int) -> Element | None:
        """The first paragraph directly in the cell of grid column `column` (None: none)."""
        return self.cells[column].find(_P) if column < len(self.cells) else None


def table_rows(tbl: Element) -> list[GridRow]:
    """The rows directly in a ``w:tbl`` with their ``w:tc`` cells, as python-docx's
    ``_Row.cells`` lists them: a cell spanning n grid columns n times, and a cell merged on
    vertically (``w:vMerge`` continue) as the cell its merge starts in, found at the same grid
    offset in the rows above (counted as many times as that one spans). Where python-docx
    would find no such cell (a merge continuing nothing), the cell stands for itself."""
    rows: list[GridRow] = []
    above: dict[int, Element] = {}  # grid offset -> the cell a tc starting there stands for
    for tr in tr_elements(tbl):
        here: dict[int, Element] = {}
        cells: list[Element] = []
        offset = _grid_before(tr)
        for tc in tc_elements(tr):
            span = _grid_span(tc)
            cell = above.get(offset, tc) if _continues(tc) else tc
            here[offset] = cell
            cells.extend([cell] * (span if cell is tc else _grid_span(cell)))
            offset += span
        rows.append(GridRow(tr, cells))
        above = here
    return rows


def tr_elements(tbl: Element) -> Iterator[Element]:
    """The ``w:tr`` children of a ``w:tbl`` (python-docx's ``table.rows``)."""
    return tbl.iterchildren(_TR)  # type: ignore[no-any-return]


def tc_elements(tr: Element) -> Iterator[Element]:
    """The ``w:tc`` children of a ``w:tr``."""
    return tr.iterchildren(_TC)  # type: ignore[no-any-return]


def _grid_before(tr: Element) -> int:
    tr_pr = tr.find(_TR_PR)
    before = tr_pr.find(_GRID_BEFORE) if tr_pr is not None else None
    return _number(before, 0)


def _grid_span(tc: Element) -> int:
    tc_pr = tc.find(_TC_PR)
    span = tc_pr.find(_GRID_SPAN) if tc_pr is not None else None
    return _number(span, 1)


def _continues(tc: Element) -> bool:
    """True for a cell merged into the one above (``w:vMerge`` with no value or "continue")."""
    tc_pr = tc.find(_TC_PR)
    merge = tc_pr.find(_V_MERGE) if tc_pr is not None else None
    return merge is not None and merge.get(_VAL, "continue") == "continue"


def _number(element: Element | None, default: int) -> int:
    """An element's w:val as a whole number; `default` when there is no element or value."""
    if element is None:
        return default
    try:
        return int(element.get(_VAL))
    except (TypeError, ValueError):
        return default
