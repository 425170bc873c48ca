"""The write stage: a `Report` tree -> a .docx officers edit in Word and regenerate.

Each block becomes one paragraph in the style its role names (narrator.word.styles); body
paragraphs are numbered by their style's Word list, never by typed digits. Tracked blocks carry a
hidden bookmark (narrator.word.markers explains the identity markers), comments become Word
comments, and an appendix becomes a landscape section with the dashboard table, its RAG key and
its charts (narrator.word.charts).
"""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Callable, Sequence
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.shared import Cm, Emu

from narrator import notes
from narrator.atomic import atomic_write
from narrator.errors import InputError
from narrator.model import Rag
from narrator.package_files import package_file
from narrator.report import Appendix, AppendixRow, Block, Comment, Properties, Report
from narrator.word import (
    guard,
    markers,
    package,
    runs,
    said,
    sections,
    spliced,
    styles,
    tables,
)
from narrator.word.comments import CommentWriter, ensure_comment_styles

LAST_MODIFIED_BY = "narrator"
TEMPLATE_NAME = "reference.docx"

_ROW_FIELDS = tuple(f.name for f in dataclasses.fields(AppendixRow))
# Widths of the dashboard columns in cm, in AppendixRow field order: 24.6 cm, the width of a
# landscape A4 page inside 2.54 cm margins. On a template whose landscape page is narrower
# inside its margins, the appendix's tables and charts are scaled down to fit (see _fit).
_COLUMN_CM = (2.6, 6.2, 2.0, 2.2, 2.0, 2.2, 2.4, 1.9, 1.2, 1.9)
_KEY_COLUMN_CM = (1.2, 18.0)


def write_report(
    report: Report,
    out: Path,
    *,
    template: Path | None = None,
    before_write: Callable[[], object] | None = None,
) -> list[str]:
    """Write `report` to `out` as a .docx and return warnings for the user (possibly none).

    `template` None means the bundled reference document (templates/reference.docx). The
    template's body content is removed; its styles, page setup, headers, footers and logo are
    kept, and any style narrator needs that it lacks is added (and named in a warning).
    The file is written atomically: a temporary file in `out`'s folder, then os.replace, so a
    failure never leaves a half-written report in place of a good one. `before_write` (e.g.
    keeping a backup of `out`) runs once the report is ready, so a failure before it (a broken
    template) leaves no trace.
    Raises ConfigError when the template is not a readable .docx.
    """
    document = _open_template(template)
    warnings: list[str] = []
    added = styles.ensure_styles(document)
    if added:
        warnings.append(f"template lacks styles {', '.join(added)}: added")
    styles.attach_body_numbering(document)
    sections.clear_body(document)
    stamp = _created(report.properties)
    warnings.extend(_write_blocks(document, report.blocks, stamp, report.appendix))
    if report.appendix is not None:
        _write_appendix(document, report.appendix, stamp)
    _set_properties(document, report.properties, stamp)
    ensure_comment_styles(document)
    guard.stamp(document)
    data = styles.stable_bytes(document)
    if before_write is not None:
        before_write()
    atomic_write(out, data)
    return warnings


def bundled_template() -> bytes:
    """The bytes of the reference document shipped as narrator.templates/reference.docx."""
    return package_file("narrator.templates", TEMPLATE_NAME).read_bytes()


def _open_template(template: Path | None) -> Any:
    """The template as a python-docx Document: a .docx, or a Word template (.dotx), which
    councils often keep their house style in. Raises ConfigError when it cannot be read."""
    if template is None:
        return Document(io.BytesIO(bundled_template()))
    from narrator.word.open_docx import open_document, read_package

    data = read_package(template, "template")
    document = open_document(package.template_as_document(data), str(template), "template")
    for spec in styles.REQUIRED_STYLES:
        if spec.name in document.styles and document.styles[spec.name].type != spec.kind:
            kind = str(document.styles[spec.name].type.name).lower()
            raise InputError(
                str(template),
                f"the template's style {spec.name!r} is a {kind} style, but narrator writes "
                f"{spec.kind.name.lower()}s with it: in Word, rename that style or delete it "
                "(narrator then adds its own)",
            )
    package.adopt_core_properties(document)  # a template LibreOffice saved
    return document


# ---------------------------------------------------------------------------------------------
# body


def _write_blocks(
    document: Any, blocks: Sequence[Block], when: datetime, appendix: Appendix | None
) -> list[str]:
    """Add one paragraph per block; record identity markers and the figures each was drafted
    from (narrator.word.said); return warnings. Comments are dated `when`."""
    warnings: list[str] = []
    comments = CommentWriter(document, kept=True) if any(b.comments for b in blocks) else None
    key_map: dict[str, str] = {}
    drafted: dict[str, str] = {}
    drafted_from: dict[str, said.Figures] = {}
    keys: set[str] = set()
    placed: dict[str, list[str]] = {}
    bookmark_id = markers.next_bookmark_id(document)
    style_ids = sections.paragraph_style_ids(document, styles.ROLE_STYLES.values())
    for block in blocks:
        paragraph = runs.append_paragraph(document, style_ids[styles.ROLE_STYLES[block.role]])
        run = runs.add_run(paragraph, block.text)
        if block.key is not None:
            if block.key in keys:
                warnings.append(f"key {block.key!r} is used by more than one paragraph")
            keys.add(block.key)
            digits = markers.key_digits(block.key, key_map)
            key_map[digits] = block.key
            name = markers.marker_name(digits, block.fingerprint)
            if block.fingerprint is not None:
                drafted[digits] = block.fingerprint
            figures = said.figures_of(appendix, block)
            if figures is not None:
                drafted_from[digits] = figures
            markers.add_bookmark(paragraph, bookmark_id, name)
            bookmark_id += 1
            placed[digits] = [notes.note_hash(c.text) for c in block.comments]
        for comment in block.comments:
            assert comments is not None
            _add_comment(comments, run, comment, when)
    if comments is not None:
        comments.close()
    markers.write_key_map(document, key_map)
    markers.write_drafted(document, drafted)
    said.write(document, drafted_from)
    package.write_text_property(document, notes.PROPERTY, notes.encode(placed))
    return warnings


def _add_comment(comments: CommentWriter, run: Any, comment: Comment, when: datetime) -> None:
    initials = "".join(word[0] for word in comment.author.split()).upper()
    comments.add(run, run, comment.text, author=comment.author, initials=initials, when=when)


# ---------------------------------------------------------------------------------------------
# appendix


def _write_appendix(document: Any, appendix: Appendix, created: datetime) -> None:
    """A landscape section: heading, dashboard table, RAG key, the summary charts and trend
    charts (native Word charts, their workbooks dated `created`)."""
    if len(appendix.headers) != len(_ROW_FIELDS):
        raise ValueError(
            f"appendix has {len(appendix.headers)} headers; expected {len(_ROW_FIELDS)}, "
            f"one per AppendixRow field ({', '.join(_ROW_FIELDS)})"
        )
    unknown = [name for name in appendix.columns if name not in _ROW_FIELDS]
    if unknown or "indicator" not in appendix.columns:
        raise ValueError(
            f"appendix columns {appendix.columns} must be AppendixRow fields, indicator among them"
        )
    section = document.add_section(WD_SECTION.NEW_PAGE)
    sections.fold_section_break(document)
    _landscape(section)
    scale = _fit(section)
    sections.add_paragraph(document, styles.HEADING, appendix.title)
    _dashboard_table(document, appendix, scale)
    if appendix.rag_key:
        sections.add_paragraph(document, styles.PLAIN)
        _rag_key_table(document, appendix.rag_key, scale)
    from narrator.word.charts.appendix import add_figures

    add_figures(document, appendix, scale, created)


def _fit(section: Any) -> float:
    """How much to shrink the appendix so the dashboard table fits between the section's
    margins: 1.0 when it fits (the bundled template's A4), less on a narrower page or wider
    margins; 1.0 too when the template leaves the page size or margins unset."""
    sizes = (section.page_width, section.left_margin, section.right_margin)
    if any(size is None for size in sizes):
        return 1.0
    width, left, right = sizes
    available = width - left - right
    needed = sum(Cm(cm) for cm in _COLUMN_CM)
    return min(1.0, available / needed) if available > 0 else 1.0


def column_cm(columns: Sequence[str]) -> list[float]:
    """The widths in cm of the dashboard columns `columns` (AppendixRow field names): each
    column's share of the full table's, spread so they fill its width (24.6 cm) still."""
    widths = [_COLUMN_CM[_ROW_FIELDS.index(name)] for name in columns]
    spread = sum(_COLUMN_CM) / sum(widths)
    return [cm * spread for cm in widths]


def _scaled(widths_cm: Sequence[float], scale: float) -> list[Any]:
    """Column widths as python-docx Lengths, each multiplied by `scale`."""
    return [Emu(round(Cm(cm) * scale)) for cm in widths_cm]


def _landscape(section: Any) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE
    width, height = section.page_width, section.page_height
    if width is not None and height is not None and width < height:
        section.page_width, section.page_height = height, width


def _dashboard_table(document: Any, appendix: Appendix, scale: float) -> None:
    table = document.add_table(rows=1, cols=len(appendix.columns))
    sections.set_table_style(document, table, styles.TABLE)
    table.autofit = False
    ids = sections.paragraph_style_ids(document, (styles.TABLE_TEXT, styles.TABLE_HEADER))
    header = table.rows[0]
    for cell, text in zip(header.cells, appendix.column_headers, strict=True):
        _fill_cell(cell, text, ids[styles.TABLE_HEADER])
        tables.shade_cell(cell, styles.HEADER_FILL)
    tables.repeat_as_header(header)
    tables.keep_row_together(header)
    lengths = _scaled(column_cm(appendix.columns), scale)
    _set_widths(table, lengths)
    widths = [length.twips for length in lengths]
    # the rows go in as XML bytes spliced in on saving (narrator.word.spliced), never as a tree
    spliced.append_rows(
        document,
        table._tbl,
        (
            tables.row_xml(
                _dashboard_cells(row, appendix.columns, merge, ids, widths, appendix.missing)
            )
            for row, merge in zip(appendix.rows, _area_merges(appendix.rows), strict=True)
        ),
    )


def add_dashboard_row(
    document: Any,
    table: Any,
    row: AppendixRow,
    columns: Sequence[str | None] = _ROW_FIELDS,
    *,
    missing: str,
) -> Any:
    """Append one dashboard row to `table` (a python-docx Table or its w:tbl element), its area
    named and not merged, and return its w:tr element (for regeneration, which inserts rows
    for new indicators). `columns` names the field each
    of the table's columns shows (all of them unless said), None for a column that is not
    narrator's (left empty); `missing` is what a cell with no value shows. Its
    cells take the widths of the table's grid, so a table narrowed to fit its template stays
    even."""
    ids = sections.paragraph_style_ids(document, (styles.TABLE_TEXT, styles.TABLE_HEADER))
    widths = tables.grid_widths(tables.table_element(table))
    if len(widths) != len(columns):
        known = [name or "indicator" for name in columns]
        widths = [Cm(width).twips for width in column_cm(known)]
    cells = _dashboard_cells(row, columns, None, ids, widths, missing)
    return tables.append_row(table, cells)


def _dashboard_cells(
    row: AppendixRow,
    columns: Sequence[str | None],
    merge: str | None,
    ids: dict[str, str | None],
    widths: Sequence[int],
    missing: str,
) -> list[tables.TableCell]:
    """The cells of one dashboard row, one per field named in `columns` (an empty cell for
    None; `missing` for a field with no value); the area is left empty in a cell merged into
    the one above (`merge` "continue")."""
    cells = []
    for name, width in zip(columns, widths, strict=True):
        if name is None:
            cells.append(tables.TableCell(None, ids[styles.TABLE_TEXT], width))
            continue
        value = getattr(row, name)
        if name == "area":
            text = None if merge == "continue" else value
            cells.append(tables.TableCell(text, ids[styles.TABLE_TEXT], width, merge=merge))
        elif isinstance(value, Rag):
            fill = styles.RAG_FILLS[value]
            cells.append(tables.TableCell(value.value, ids[styles.TABLE_HEADER], width, fill))
        else:
            text = missing if value is None else str(value)
            cells.append(tables.TableCell(text, ids[styles.TABLE_TEXT], width))
    return cells


def _area_merges(rows: Sequence[AppendixRow]) -> list[str | None]:
    """For each row, how its area cell merges with its neighbours: each run of rows with the
    same area becomes one tall cell ("restart" then "continue"); a run of one is not merged."""
    merges: list[str | None] = []
    for index, row in enumerate(rows):
        same_above = index > 0 and rows[index - 1].area == row.area
        same_below = index + 1 < len(rows) and rows[index + 1].area == row.area
        merges.append("continue" if same_above else "restart" if same_below else None)
    return merges


def _rag_key_table(document: Any, rag_key: Sequence[tuple[Rag, str]], scale: float) -> None:
    table = document.add_table(rows=0, cols=2)
    sections.set_table_style(document, table, styles.TABLE)
    table.autofit = False
    ids = sections.paragraph_style_ids(document, (styles.TABLE_TEXT, styles.TABLE_HEADER))
    for rag, text in rag_key:
        row = table.add_row()
        tables.keep_row_together(row)
        _fill_cell(row.cells[0], rag.value, ids[styles.TABLE_HEADER])
        tables.shade_cell(row.cells[0], styles.RAG_FILLS[rag])
        _fill_cell(row.cells[1], text, ids[styles.TABLE_TEXT])
    _set_widths(table, _scaled(_KEY_COLUMN_CM, scale))


def _fill_cell(cell: Any, text: str, style_id: str | None) -> None:
    paragraph = cell.paragraphs[0]
    runs.set_paragraph_style(paragraph, style_id)
    paragraph.add_run(text)


def _set_widths(table: Any, widths: Sequence[Any]) -> None:
    """Give each column of `table` its width (python-docx Lengths), in the grid and cells."""
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width


def appendix_cell_text(value: object, missing: str) -> str:
    """What an appendix cell shows for a value: a RAG rating's letter, `missing` (the
    phrasebook's report.appendix.missing) for None."""
    if isinstance(value, Rag):
        return value.value
    return missing if value is None else str(value)


# ---------------------------------------------------------------------------------------------
# properties and the file


def _created(properties: Properties) -> datetime:
    """Midnight of Properties.created, or of today when it is None."""
    return datetime.combine(properties.created or date.today(), time())


def _set_properties(document: Any, properties: Properties, stamp: datetime) -> None:
    core = document.core_properties
    core.title = properties.title
    core.subject = properties.subject
    core.author = properties.author
    core.keywords = properties.keywords
    core.created = stamp
    core.modified = stamp
    core.last_modified_by = LAST_MODIFIED_BY
    core.revision = 1
    core.comments = ""
