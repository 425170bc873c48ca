"""Regeneration: narrator's own comments on a generated paragraph follow the new data.

A data warning that no longer holds and a conflict note superseded by newer figures are removed
(unless someone has replied to them), and a new warning is added as a fresh build would add it.
narrator.notes remembers which were offered, so one the reviewer deleted is not put back while
it still holds.
"""

from __future__ import annotations

from collections.abc import Sequence

from narrator import notes
from narrator.report import AppendixRow, Block
from narrator.word import comments
from narrator.word.reviewed import AUTHOR, Found, Reviewed


def sync_notes(
    reviewed: Reviewed,
    found: Found,
    key: str,
    warnings: list[str],
    *,
    conflict: str | None = None,
    kept: Sequence[str] = (),
) -> None:
    """Bring narrator's own comments on a paragraph to the wanted ones: the `conflict` note
    (None: none) and the block's `warnings`, in that order.

    A narrator comment on it whose text is neither wanted nor in `kept` is removed (unless
    it has replies); a wanted text not on it is added, unless it was offered before (then
    the reviewer deleted it). `kept` texts stay if present but are never added.
    """
    document, outcome = reviewed.document, reviewed.outcome
    p = found.element
    wanted = [conflict, *warnings] if conflict is not None else list(warnings)
    offered = reviewed.notes.get(found.digits, set())
    allowed = [" ".join(t.split()) for t in [*wanted, *kept]]
    present: list[str] = []
    removed = False
    for comment_id, author, text in comments.paragraph_comments(document, p):
        if author != AUTHOR:
            continue
        normal = " ".join(text.split())
        if normal in allowed and normal not in present:
            present.append(normal)
        elif not comments.has_replies(document, comment_id):
            comments.remove_comment(document, comment_id)
            removed = True
    if removed:
        outcome.outdated_notes.append(key)
    for text in wanted:
        normal = " ".join(text.split())
        if normal not in present and notes.note_hash(text) not in offered:
            reviewed.comment(p, text)
            present.append(normal)
            if text in warnings and key not in outcome.new_notes:
                outcome.new_notes.append(key)
    hashes = {notes.note_hash(t) for t in [*wanted, *kept]}
    if hashes:
        reviewed.notes[found.digits] = hashes
    else:
        reviewed.notes.pop(found.digits, None)


def conflict_text(reviewed: Reviewed, block: Block) -> str:
    """The comment on a paragraph the reviewer edited whose data has changed since: the new
    figures (when the block's indicator has an appendix row; for a group's paragraph, each
    member's, named) and the newly generated wording."""
    book = reviewed.book
    appendix = reviewed.report.appendix
    rows = {row.indicator: row for row in appendix.rows} if appendix else {}
    row = rows.get(block.indicator) if block.indicator else None
    if row is None:
        return book.report_text("regenerate.conflict_text", wording=block.text)
    missing = appendix.missing if appendix else book.report_text("appendix.missing")
    figures = book.report_text("regenerate.figures", **_figures(row, missing))
    if block.members:
        named = []
        for name in (row.indicator, *block.members):
            member = rows.get(name)
            if member is not None:
                these = book.report_text("regenerate.figures", **_figures(member, missing))
                named.append(book.report_text("regenerate.figures_of", name=name, figures=these))
        figures = "; ".join(named)
    return book.report_text("regenerate.conflict", figures=figures, wording=block.text)


def _figures(row: AppendixRow, missing: str) -> dict[str, str]:
    from narrator.word.write import appendix_cell_text

    names = ("latest", "latest_period", "previous", "previous_period", "target", "quartile")
    return {name: appendix_cell_text(getattr(row, name), missing) for name in names}
