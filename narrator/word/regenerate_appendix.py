"""Regeneration: the appendix dashboard table's cells rewritten (tracked) from the new data, its
rows of new indicators inserted and of indicators gone from the data deleted (both tracked), and
its charts given the new data.
"""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from narrator.language.assemble import indicator_key
from narrator.report import APPENDIX_COLUMNS, Appendix, AppendixRow
from narrator.word import revisions, styles, tables, text_changes
from narrator.word.reviewed import Reviewed
from narrator.word.wordxml import paragraph_text


def update_appendix(reviewed: Reviewed, appendix: Appendix) -> None:
    """Bring the dashboard table and the charts up to date with `appendix`. A table that cannot
    be told for it is left as it is (`Outcome.appendix_missing`)."""
    from narrator.word.charts.appendix import update_figures

    outcome = reviewed.outcome
    found = _appendix_table(reviewed, appendix)
    if found is not None:
        table, columns = found
        seen = _update_cells(reviewed, table, columns, appendix)
        _remove_rows(reviewed, table, columns, {row.indicator for row in appendix.rows})
        missing = [r for r in appendix.rows if r.indicator not in seen]
        for row in missing:
            if indicator_key(row.indicator) in reviewed.written:
                outcome.deleted_rows.append(row.indicator)
        new_rows = [r for r in missing if r.indicator not in outcome.deleted_rows]
        _add_rows(reviewed, table, columns, new_rows)
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
    reviewed: Reviewed, table: Any, columns: list[str | None], appendix: Appendix
) -> set[str]:
    """Rewrite (tracked) the cells of each row whose indicator is in `appendix`, shading a
    changed RAG cell; the indicators of the rows found. `columns` names each column's field
    (None: not narrator's); the area and columns that are not narrator's are left alone."""
    from narrator.word.write import appendix_cell_text

    at = columns.index("indicator")
    rows = {row.indicator: row for row in appendix.rows}
    seen: set[str] = set()
    for tr in table.rows[1:]:
        cells = tr.cells
        if len(cells) != len(columns):
            continue  # a row the reviewer split or merged: not narrator's shape
        name = paragraph_text(cells[at].paragraphs[0]._p)
        row = rows.get(name)
        if row is None:
            continue
        seen.add(name)
        for column, field_name in enumerate(columns):
            if field_name is None or field_name in ("area", "indicator"):
                continue
            value = getattr(row, field_name)
            cell = cells[column]
            p = cell.paragraphs[0]._p
            if text_changes.rewrite(p, appendix_cell_text(value), reviewed.marks):
                reviewed.outcome.cells += 1
                if field_name == "rag" and value is not None:
                    tables.shade_cell(cell, styles.RAG_FILLS[value])
    return seen


def _remove_rows(
    reviewed: Reviewed, table: Any, columns: list[str | None], current: set[str]
) -> None:
    """Rows for indicators no longer in the data: tracked row deletions. Only rows narrator
    wrote (their indicator's key is in the key map) go; a row the reviewer added stays."""
    at = columns.index("indicator")
    for tr in table.rows[1:]:
        cells = tr.cells
        name = paragraph_text(cells[at].paragraphs[0]._p) if len(cells) > at else ""
        if not name or name in current or indicator_key(name) not in reviewed.written:
            continue
        if not tr._tr.xpath("./w:trPr/w:del"):
            revisions.mark_row_deleted(tr._tr, reviewed.marks)
            reviewed.outcome.cells += 1


def _add_rows(
    reviewed: Reviewed, table: Any, columns: list[str | None], new_rows: list[AppendixRow]
) -> None:
    """Rows for indicators new to the data: tracked row insertions, after the last row of
    their area (with the area named, since it sits outside the merged area cell); at the end
    of a table with no area column."""
    from narrator.word.write import add_dashboard_row

    at = columns.index("area") if "area" in columns else -1
    for row in new_rows:
        existing = list(table.rows)[1:] if at >= 0 else []
        area = ""
        last_of_area = None
        for tr in existing:
            cells = tr.cells
            text = paragraph_text(cells[at].paragraphs[0]._p) if len(cells) > at else ""
            area = text or area  # an empty area cell continues the merged one above
            if area == row.area:
                last_of_area = tr
        added = add_dashboard_row(reviewed.document, table, row, columns)
        if last_of_area is not None:
            last_of_area._tr.addnext(added)
        revisions.mark_row_inserted(added, reviewed.marks)
        reviewed.outcome.cells += 1


def _appendix_table(reviewed: Reviewed, appendix: Appendix) -> tuple[Any, list[str | None]] | None:
    """The dashboard table and the field each of its columns shows. First the table whose
    header row is all appendix headers, the indicator's among them (its columns told by their
    headers, so a table written with or without the RAG or Area column is found whatever the
    data now has); failing that (the reviewer renamed a column), the one most of whose rows
    name an indicator narrator wrote, its columns told by position when it has as many as the
    appendix, else by the headers still recognised; None when there is neither."""
    by_header = dict(zip(appendix.headers, APPENDIX_COLUMNS, strict=True))
    best: tuple[Any, list[str | None]] | None = None
    best_count = 0
    for table in reviewed.document.tables:
        rows = list(table.rows)
        if not rows:
            continue
        header = [paragraph_text(c.paragraphs[0]._p) for c in rows[0].cells]
        named = [by_header.get(text) for text in header]
        complete = None not in named and len(set(named)) == len(named)
        if complete and len(named) >= 3 and "indicator" in named:
            return table, named
        columns: list[str | None] = (
            list(appendix.columns) if len(header) == len(appendix.columns) else named
        )
        if "indicator" not in columns:
            continue
        at = columns.index("indicator")
        names = [
            paragraph_text(tr.cells[at].paragraphs[0]._p) for tr in rows[1:] if len(tr.cells) > at
        ]
        count = sum(1 for name in names if name and indicator_key(name) in reviewed.written)
        if count * 2 > len(names) and count > best_count:
            best, best_count = (table, columns), count
    return best
