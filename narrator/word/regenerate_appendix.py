"""Regeneration: the appendix dashboard table's cells rewritten (tracked) from the new data, its
rows of new indicators inserted and of indicators gone from the data deleted (both tracked), and
its charts given the new data.

The table is read through narrator.word.table_grid (one pass over its XML), never through
python-docx's cell proxies, which walk the merged Area column for every row.
"""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from docx.oxml.ns import qn

from narrator.language.assemble import indicator_key
from narrator.report import APPENDIX_COLUMNS, Appendix, AppendixRow
from narrator.word import revisions, styles, tables, text_changes
from narrator.word.reviewed import Reviewed
from narrator.word.table_grid import GridRow, table_rows
from narrator.word.wordxml import Element

_TBL, _TC, _TR_PR, _DEL = (qn(f"w:{n}") for n in ("tbl", "tc", "trPr", "del"))


def update_appendix(reviewed: Reviewed, appendix: Appendix) -> None:
    """Bring the dashboard table and the charts up to date with `appendix`. A table that cannot
    be told for it is left as it is (`Outcome.appendix_missing`)."""
    from narrator.word.charts.appendix import update_figures

    outcome = reviewed.outcome
    found = _appendix_table(reviewed, appendix)
    if found is not None:
        tbl, columns, rows = found
        seen = _update_cells(reviewed, rows, columns, appendix)
        _remove_rows(reviewed, rows, columns, {row.indicator for row in appendix.rows})
        missing = [r for r in appendix.rows if r.indicator not in seen]
        for row in missing:
            if indicator_key(row.indicator) in reviewed.written:
                outcome.deleted_rows.append(row.indicator)
        new_rows = [r for r in missing if r.indicator not in outcome.deleted_rows]
        _add_rows(reviewed, tbl, columns, new_rows, appendix.missing)
    else:
        outcome.appendix_missing = True
    update_figures(reviewed.document, appendix, _created(reviewed.document))


def _created(document: Any) -> datetime:
    """The date the regenerated report's chart workbooks carry: the report's creation date, as
    a new build dates them (1980-01-01 when it has none), so regeneration is repeatable."""
    created = document.core_properties.created
    if created is None:
        return datetime(1980, 1, 1)
    return datetime.combine(created.date(), time())


def _update_cells(
    reviewed: Reviewed, rows: list[GridRow], columns: list[str | None], appendix: Appendix
) -> set[str]:
    """Rewrite (tracked) the cells of each row whose indicator is in `appendix`, shading a
    changed RAG cell; the indicators of the rows found. `rows` are the table's (its header
    first); `columns` names each column's field (None: not narrator's); the area and columns
    that are not narrator's are left alone, as are rows the reviewer split or merged."""
    from narrator.word.write import appendix_cell_text

    at = columns.index("indicator")
    by_name = {row.indicator: row for row in appendix.rows}
    seen: set[str] = set()
    for grid in rows[1:]:
        if len(grid.cells) != len(columns):
            continue  # a row the reviewer split or merged: not narrator's shape
        name = grid.text(at)
        row = by_name.get(name)
        if row is None:
            continue
        seen.add(name)
        for column, field_name in enumerate(columns):
            if field_name is None or field_name in ("area", "indicator"):
                continue
            value = getattr(row, field_name)
            p = grid.first_paragraph(column)
            if p is not None and text_changes.rewrite(
                p, appendix_cell_text(value, appendix.missing), reviewed.marks
            ):
                reviewed.outcome.cells += 1
                if field_name == "rag" and value is not None:
                    tables.shade_tc(grid.cells[column], styles.RAG_FILLS[value])
    return seen


def _remove_rows(
    reviewed: Reviewed, rows: list[GridRow], columns: list[str | None], current: set[str]
) -> None:
    """Rows for indicators no longer in the data: tracked row deletions. Only rows narrator
    wrote (their indicator's key is in the key map) go; a row the reviewer added stays."""
    at = columns.index("indicator")
    for grid in rows[1:]:
        name = grid.text(at)
        if not name or name in current or indicator_key(name) not in reviewed.written:
            continue
        tr_pr = grid.tr.find(_TR_PR)
        if tr_pr is None or tr_pr.find(_DEL) is None:
            revisions.mark_row_deleted(grid.tr, reviewed.marks)
            reviewed.outcome.cells += 1


def _add_rows(
    reviewed: Reviewed,
    tbl: Element,
    columns: list[str | None],
    new_rows: list[AppendixRow],
    missing: str,
) -> None:
    """Rows for indicators new to the data: tracked row insertions, after the last row of
    their area (with the area named, since it sits outside the merged area cell); at the end
    of a table with no area column, or whose area has no row yet."""
    from narrator.word.write import add_dashboard_row

    if not new_rows:
        return
    at = columns.index("area") if "area" in columns else -1
    last_of_area: dict[str | None, Element] = {}
    area = ""  # the area of the table's last row
    if at >= 0:
        for grid in table_rows(tbl)[1:]:
            area = grid.text(at) or area  # an empty area cell continues the merged one above
            last_of_area[area] = grid.tr
    for row in new_rows:
        after = last_of_area.get(row.area) if at >= 0 else None
        added = add_dashboard_row(reviewed.document, tbl, row, columns, missing=missing)
        if at >= 0:
            text = GridRow(added, list(added.iterchildren(_TC))).text(at)
            if after is not None:
                last_of_area[text or row.area] = added
            else:
                area = text or area
                last_of_area[area] = added
        if after is not None:
            after.addnext(added)
        revisions.mark_row_inserted(added, reviewed.marks)
        reviewed.outcome.cells += 1


def _appendix_table(
    reviewed: Reviewed, appendix: Appendix
) -> tuple[Element, list[str | None], list[GridRow]] | None:
    """The dashboard table, the field each of its columns shows, and its rows. First the table
    whose header row is all appendix headers, the indicator's among them (its columns told by
    their headers, so a table written with or without the RAG or Area column is found whatever
    the data now has); failing that (the reviewer renamed a column), the one most of whose rows
    name an indicator narrator wrote, its columns told by position when it has as many as the
    appendix, else by the headers still recognised; None when there is neither."""
    by_header = dict(zip(appendix.headers, APPENDIX_COLUMNS, strict=True))
    best: tuple[Element, list[str | None], list[GridRow]] | None = None
    best_count = 0
    for tbl in reviewed.document.element.body.iterchildren(_TBL):
        rows = table_rows(tbl)
        if not rows:
            continue
        header = [rows[0].text(i) for i in range(len(rows[0].cells))]
        named = [by_header.get(text) for text in header]
        complete = None not in named and len(set(named)) == len(named)
        if complete and len(named) >= 3 and "indicator" in named:
            return tbl, named, rows
        columns: list[str | None] = (
            list(appendix.columns) if len(header) == len(appendix.columns) else named
        )
        if "indicator" not in columns:
            continue
        at = columns.index("indicator")
        names = [grid.text(at) for grid in rows[1:] if len(grid.cells) > at]
        count = sum(1 for name in names if name and indicator_key(name) in reviewed.written)
        if count * 2 > len(names) and count > best_count:
            best, best_count = (tbl, columns, rows), count
    return best
