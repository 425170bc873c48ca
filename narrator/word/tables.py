"""Table details python-docx has no API for, and table rows written fast.

Rows are written as XML text and parsed once (`append_rows`); cells get a shading (``w:shd``),
a header row repeats on each page (``w:tblHeader``), rows do not split across pages
(``w:cantSplit``), and the "Dashboard Table" style gets its borders.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn

from narrator.word.runs import quoteattr, run_xml
from narrator.word.wordxml import Element, paragraph_text


@dataclass(frozen=True)
class TableCell:
    """One cell of a row `append_row` adds.

    text:     the cell's text; None leaves its paragraph empty (a cell merged into the one above)
    style_id: the paragraph style id (None: the default style)
    width:    the cell width in twips
    fill:     background colour "RRGGBB"; None for none
    merge:    "restart" for the first cell of a vertical merge, "continue" for the cells merged
              into it, None for a cell that is not merged
    """

    text: str | None
    style_id: str | None
    width: int
    fill: str | None = None
    merge: str | None = None


def append_row(table: Any, cells: Iterable[TableCell]) -> Element:
    """Add one row to a table (see `append_rows`) and return its ``w:tr``."""
    return append_rows(table, [cells])[-1]


def append_rows(table: Any, rows: Iterable[Iterable[TableCell]]) -> list[Element]:
    """Add rows to a table (a python-docx Table or its ``w:tbl`` element), each one that does
    not split across pages (``w:cantSplit``), and return their ``w:tr`` elements.

    The XML python-docx writes for ``add_row``, cell styles, text, widths, shading and
    ``merge``. It is written as text and parsed once: python-docx walks every cell of the table
    for each cell it touches (a table of n rows costs n squared), and even lxml's SubElement
    makes a Python object per element, 60 a row; parsed XML makes them only when touched."""
    xml = "".join(row_xml(cells) for cells in rows)
    fragment = parse_xml(f"<w:tbl {nsdecls('w')}>{xml}</w:tbl>")
    trs = list(fragment)
    table_element(table).extend(trs)
    return trs


def row_xml(cells: Iterable[TableCell]) -> str:
    """One ``w:tr`` holding `cells`, as XML text with the ``w`` prefix undeclared."""
    parts = ["<w:tr><w:trPr><w:cantSplit/></w:trPr>"]
    for cell in cells:
        parts.append(f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{cell.width:d}"/>')
        if cell.merge == "restart":
            parts.append('<w:vMerge w:val="restart"/>')
        elif cell.merge == "continue":
            parts.append("<w:vMerge/>")
        if cell.fill is not None:
            parts.append(f'<w:shd w:val="clear" w:color="auto" w:fill={_attr(cell.fill)}/>')
        parts.append("</w:tcPr>")
        parts.append(_paragraph_open(cell.style_id))
        if cell.text is not None:
            parts.append(run_xml(cell.text))
        parts.append("</w:p></w:tc>")
    parts.append("</w:tr>")
    return "".join(parts)


def table_element(table: Any) -> Element:
    """The ``w:tbl`` of a python-docx Table; a ``w:tbl`` element itself."""
    return getattr(table, "_tbl", table)


@lru_cache(maxsize=64)
def _attr(value: str) -> str:
    return quoteattr(value)


@lru_cache(maxsize=64)
def _paragraph_open(style_id: str | None) -> str:
    if style_id is None:
        return "<w:p>"
    return f"<w:p><w:pPr><w:pStyle w:val={quoteattr(style_id)}/></w:pPr>"


def grid_widths(tbl_element: Element) -> list[int]:
    """The widths in twips of a w:tbl's grid columns (w:tblGrid/w:gridCol), in order; a column
    without a width counts as 0."""
    values = tbl_element.xpath("./w:tblGrid/w:gridCol")
    return [int(v.get(qn("w:w"), "0")) for v in values]


def shade_cell(cell: Any, fill: str) -> None:
    """Give a python-docx table cell a solid background `fill` (hex "RRGGBB")."""
    shade_tc(cell._tc, fill)


def shade_tc(tc: Element, fill: str) -> None:
    """Give a ``w:tc`` a solid background `fill` (hex "RRGGBB"), replacing any it had."""
    tc_pr = tc.get_or_add_tcPr()
    for old in tc_pr.findall(qn("w:shd")):
        tc_pr.remove(old)
    shd = OxmlElement("w:shd", {qn("w:val"): "clear", qn("w:color"): "auto", qn("w:fill"): fill})
    _insert_in_order(tc_pr, shd, _TC_PR_ORDER)


def cell_fill(tc_element: Element) -> str | None:
    """The w:shd fill of a w:tc element; None when unshaded."""
    fills = tc_element.xpath("./w:tcPr/w:shd/@w:fill")
    return str(fills[0]) if fills else None


def repeat_as_header(row: Any) -> None:
    """Repeat this row at the top of each page the table runs onto."""
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:tblHeader"))


def keep_row_together(row: Any) -> None:
    """Do not split this row across a page break."""
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.insert(0, OxmlElement("w:cantSplit"))


def set_table_borders(style: Any, size_eighths: int = 4) -> None:
    """Give a table style single black borders on every edge and inside line."""
    tbl_pr = style.element.find(qn("w:tblPr"))
    if tbl_pr is None:
        tbl_pr = OxmlElement("w:tblPr")
        p_pr = style.element.find(qn("w:pPr"))
        anchor = p_pr if p_pr is not None else style.element.find(qn("w:rPr"))
        if anchor is not None:
            anchor.addnext(tbl_pr)
        else:
            style.element.append(tbl_pr)
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(
            OxmlElement(
                f"w:{edge}",
                {
                    qn("w:val"): "single",
                    qn("w:sz"): str(size_eighths),
                    qn("w:space"): "0",
                    qn("w:color"): "000000",
                },
            )
        )
    tbl_pr.append(borders)
    tbl_pr.append(
        parse_xml(
            f'<w:tblCellMar {nsdecls("w")}><w:left w:w="85" w:type="dxa"/>'
            '<w:right w:w="85" w:type="dxa"/></w:tblCellMar>'
        )
    )


_TC_PR_ORDER = (
    "cnfStyle",
    "tcW",
    "gridSpan",
    "hMerge",
    "vMerge",
    "tcBorders",
    "shd",
    "noWrap",
    "tcMar",
    "textDirection",
    "tcFitText",
    "vAlign",
    "hideMark",
)


def _insert_in_order(parent: Element, child: Element, order: tuple[str, ...]) -> None:
    """Insert `child` before the first sibling that the schema orders after it."""
    local = child.tag.rsplit("}", 1)[-1]
    later = {qn(f"w:{name}") for name in order[order.index(local) + 1 :]}
    for sibling in parent:
        if sibling.tag in later:
            sibling.addprevious(child)
            return
    parent.append(child)


def cell_texts(tr_element: Element) -> list[str]:
    """Each cell's text in a table row (paragraphs joined by newlines; merged-on cells "")."""
    texts: list[str] = []
    for tc in tr_element.findall(qn("w:tc")):
        if tc.xpath('./w:tcPr/w:vMerge[not(@w:val) or @w:val="continue"]'):
            texts.append("")
            continue
        texts.append("\n".join(paragraph_text(p) for p in tc.findall(qn("w:p"))))
    return texts
