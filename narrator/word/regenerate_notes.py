"""Regeneration: narrator's own comments on a generated paragraph follow the new data.

A data warning that no longer holds and a conflict note superseded by newer figures are removed
(unless someone has replied to them), and a new warning is added as a fresh build would add it.
narrator.notes remembers which were offered, so one the reviewer deleted is not put back while
it still holds.
"""

from __future__ import annotations

from collections.abc import Sequence

from narrator import notes
from narrator.language.phrases import Phrasebook
from narrator.report import Block
from narrator.word import said
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
    index, outcome = reviewed.comment_index, reviewed.outcome
    p = found.element
    wanted = [conflict, *warnings] if conflict is not None else list(warnings)
    offered = reviewed.notes.get(found.digits, set())
    allowed = [" ".join(t.split()) for t in [*wanted, *kept]]
    present: list[str] = []
    removed = False
    for comment_id, author, text in index.paragraph_comments(p):
        if author != AUTHOR:
            continue
        normal = " ".join(text.split())
        if normal in allowed and normal not in present:
            present.append(normal)
        elif not index.has_replies(comment_id):
            index.remove(comment_id)
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


def conflict_text(reviewed: Reviewed, block: Block, digits: str) -> str:
    """The comment on a paragraph the reviewer edited whose data or wording has changed since:
    for each of its indicators whose figures changed (a group's members by name), what the
    draft said and what the data now gives (narrator.word.said), then the newly generated
    wording. Without the draft's figures (a report from an older narrator) the new figures
    alone; with no figure changed, the wording alone."""
    book = reviewed.book
    now = said.figures_of(reviewed.report.appendix, block)
    if now is None:
        return book.report_text("regenerate.conflict_text", wording=block.text)
    before = reviewed.said.get(digits)
    if before is not None and len(before) != len(now):
        before = None  # the group changed its members: the draft's figures do not line up
    names = (str(block.indicator), *block.members)
    changes = []
    for index, (name, figures) in enumerate(zip(names, now, strict=True)):
        of = "_of" if block.members else ""
        if before is None:
            gives = _describe(book, figures, ("latest",), dated=True)
            changes.append(book.report_text(f"regenerate.now{of}", name=name, gives=gives))
            continue
        drafted = before[index]
        changed = [
            f for f, old, new in zip(said.FIELDS, drafted, figures, strict=True) if old != new
        ]
        shown = [f for f in ("latest", "previous", "target", "quartile") if _moved(f, changed)]
        if not shown:
            continue
        dated = "latest_period" in changed
        changes.append(
            book.report_text(
                f"regenerate.changed{of}",
                name=name,
                said=_describe(book, drafted, shown, dated=dated),
                gives=_describe(book, figures, shown, dated=dated),
            )
        )
    if not changes:
        return book.report_text("regenerate.conflict_text", wording=block.text)
    text = " ".join(changes)
    return book.report_text("regenerate.conflict", changes=text, figures=text, wording=block.text)


def _moved(field: str, changed: list[str]) -> bool:
    """Whether a figure is named: it changed, or (for the latest and previous figures) the
    period it is for did."""
    return field in changed or f"{field}_period" in changed


def _describe(
    book: Phrasebook, figures: tuple[str, ...], shown: Sequence[str], *, dated: bool
) -> str:
    """The `shown` figures in words, joined: "84.0%", "84.0% (Q1 2024/25), a target of 90%"."""
    missing = book.report_text("regenerate.figure.missing")
    values = {f: v or missing for f, v in zip(said.FIELDS, figures, strict=True)}
    parts = []
    for field in shown:
        name = "latest_dated" if field == "latest" and dated else field
        parts.append(book.report_text(f"regenerate.figure.{name}", **values))
    return ", ".join(parts)
