"""Regeneration: the appendix dashboard table's cells rewritten (tracked) from the new data, its
rows of new indicators inserted and of indicators gone from the data deleted (both tracked), and
the summary chart redrawn.
"""

from __future__ import annotations

from typing import Any

from narrator.language.assemble import indicator_key
from narrator.report import Appendix, AppendixRow
from narrator.word import pictures, revisions, styles, tables, text_changes
from narrator.word.reviewed import Reviewed
from narrator.word.wordxml import paragraph_text


def update_appendix(reviewed: Reviewed, appendix: Appendix) -> None:
    """Bring the dashboard table and the chart up to date with `appendix`. A table that cannot
    be told for it is left as it is (`Outcome.appendix_missing`)."""
    from narrator.word.write import CHART_NAME, chart_of

    outcome = reviewed.outcome
    table = _appendix_table(reviewed, appendix)
    if table is not None:
        seen = _update_cells(reviewed, table, appendix)
        _remove_rows(reviewed, table, {row.indicator for row in appendix.rows})
        missing = [r for r in appendix.rows if r.indicator not in seen]
        for row in missing:
            if indicator_key(row.indicator) in reviewed.written:
                outcome.deleted_rows.append(row.indicator)
        _add_rows(reviewed, table, [r for r in missing if r.indicator not in outcome.deleted_rows])
    else:
        outcome.appendix_missing = True
    chart = chart_of(appendix)
    shape = pictures.find_picture(reviewed.document, CHART_NAME, styles.FIGURE)
    if chart is not None and shape is not None:
        png, alt = chart
        pictures.replace_picture(reviewed.document, shape, png, alt)


def _update_cells(reviewed: Reviewed, table: Any, appendix: Appendix) -> set[str]:
    """Rewrite (tracked) the cells of each row whose indicator is in `appendix`, shading a
    changed RAG cell; the indicators of the rows found."""
    from narrator.word.write import appendix_cell_text

    names = [f for f in AppendixRow.__dataclass_fields__ if f != "area"]
    rows = {row.indicator: row for row in appendix.rows}
    seen: set[str] = set()
    for tr in table.rows[1:]:
        cells = tr.cells
        name = paragraph_text(cells[1].paragraphs[0]._p)
        row = rows.get(name)
        if row is None:
            continue
        seen.add(name)
        for column, field_name in enumerate(names, start=1):
            value = getattr(row, field_name)
            cell = cells[column]
            p = cell.paragraphs[0]._p
            if text_changes.rewrite(p, appendix_cell_text(value), reviewed.marks):
                reviewed.outcome.cells += 1
                if field_name == "rag" and value is not None:
                    tables.shade_cell(cell, styles.RAG_FILLS[value])
    return seen


def _remove_rows(reviewed: Reviewed, table: Any, current: set[str]) -> None:
    """Rows for indicators no longer in the data: tracked row deletions. Only rows narrator
    wrote (their indicator's key is in the key map) go; a row the reviewer added stays."""
    for tr in table.rows[1:]:
        name = paragraph_text(tr.cells[1].paragraphs[0]._p)
        if not name or name in current or indicator_key(name) not in reviewed.written:
            continue
        if not tr._tr.xpath("./w:trPr/w:del"):
            revisions.mark_row_deleted(tr._tr, reviewed.marks)
            reviewed.outcome.cells += 1


def _add_rows(reviewed: Reviewed, table: Any, new_rows: list[AppendixRow]) -> None:
    """Rows for indicators new to the data: tracked row insertions, after the last row of
    their area (with the area named, since it sits outside the merged area cell)."""
    from narrator.word.write import add_dashboard_row

    for row in new_rows:
        existing = list(table.rows)[1:]
        area = ""
        last_of_area = None
        for tr in existing:
            text = paragraph_text(tr.cells[0].paragraphs[0]._p)
            area = text or area  # an empty area cell continues the merged one above
            if area == row.area:
                last_of_area = tr
        added = add_dashboard_row(reviewed.document, table, row)
        if last_of_area is not None:
            last_of_area._tr.addnext(added)
        revisions.mark_row_inserted(added, reviewed.marks)
        reviewed.outcome.cells += 1


def _appendix_table(reviewed: Reviewed, appendix: Appendix) -> Any:
    """The dashboard table: the one with the appendix's header row; failing that (the
    reviewer renamed a column), the one most of whose rows name an indicator narrator
    wrote; None when there is neither."""
    best, best_count = None, 0
    for table in reviewed.document.tables:
        rows = list(table.rows)
        if not rows or len(rows[0].cells) != len(appendix.headers):
            continue
        header = [paragraph_text(c.paragraphs[0]._p) for c in rows[0].cells]
        if tuple(header) == appendix.headers:
            return table
        names = [paragraph_text(tr.cells[1].paragraphs[0]._p) for tr in rows[1:]]
        count = sum(1 for name in names if name and indicator_key(name) in reviewed.written)
        if count * 2 > len(names) and count > best_count:
            best, best_count = table, count
    return best
