"""Regeneration: the generated paragraphs of a reviewed document matched with the new report's
blocks by key, and each brought up to date.

- untouched (its text still hashes to the marker's fingerprint): rewritten to the new text as
  tracked word-level changes, and its marker given the new fingerprint;
- edited by the reviewer: the reviewer's wording stays; when the new text differs from the one
  the reviewer started from, a comment gives the new figures and the newly generated wording
  (once: the fingerprint noted is kept). The marker keeps its old fingerprint, so the paragraph
  still reads as edited next time;
- retyped whole by the reviewer (its identity gone, an unidentified paragraph in its place):
  found again first (narrator.word.regenerate_retyped), then treated as edited;
- deleted by the reviewer (its key is in the key map but no paragraph carries it, or its
  deletion is a tracked change): stays deleted and is reported;
- a new indicator: inserted as a tracked paragraph after its neighbour;
- an indicator no longer in the data: deleted as a tracked change.
"""

from __future__ import annotations

from typing import Any

from narrator import notes
from narrator.language.assemble import fingerprint
from narrator.report import Block
from narrator.word import markers, revisions, said, styles, text_changes
from narrator.word.regenerate_notes import conflict_text, sync_notes
from narrator.word.regenerate_retyped import recover_retyped
from narrator.word.reviewed import Found, Reviewed
from narrator.word.wordxml import body_paragraphs, paragraph_text


def update_blocks(reviewed: Reviewed) -> None:
    """Match every keyed block of the new report with its paragraph: update, insert, or leave
    deleted; then delete (tracked) the paragraphs whose key the new report no longer has."""
    recover_retyped(reviewed)
    outcome = reviewed.outcome
    blocks = reviewed.report.blocks
    wanted = {b.key for b in blocks if b.key is not None}
    written = set(reviewed.key_map.values())
    for index, block in enumerate(blocks):
        if block.key is None:
            continue
        found = reviewed.found.get(block.key)
        if found is None:
            if block.key in written:
                outcome.deleted.append(block.key)
            else:
                _insert(reviewed, index, block)
        elif revisions.is_deleted(found.element):
            outcome.deleted.append(block.key)
        else:
            _update(reviewed, found, block)
    for key, found in reviewed.found.items():
        if key not in wanted and not revisions.is_deleted(found.element):
            revisions.mark_deleted(found.element, reviewed.marks)
            outcome.removed.append(key)


def _update(reviewed: Reviewed, found: Found, block: Block) -> None:
    outcome, noted = reviewed.outcome, reviewed.noted
    key, p = str(block.key), found.element
    text = paragraph_text(p)
    current = fingerprint(text)
    warnings = [c.text for c in block.comments]
    if current == found.fingerprint or current == block.fingerprint:
        if text == block.text:
            outcome.unchanged.append(key)
        else:
            text_changes.rewrite(p, block.text, reviewed.marks)
            outcome.regenerated.append(key)
        if block.fingerprint is not None and block.fingerprint != found.fingerprint:
            markers.set_marker_fingerprint(p, block.fingerprint)
        _drafted_from(reviewed, found.digits, block)
        noted.pop(found.digits, None)
        sync_notes(reviewed, found, key, warnings)
        return
    if block.fingerprint == found.fingerprint:  # edited, and its data is as drafted
        noted.pop(found.digits, None)
        outcome.kept_as_edited.append(key)
        sync_notes(reviewed, found, key, warnings)
        return
    conflict = conflict_text(reviewed, block, found.digits)
    if block.fingerprint == noted.get(found.digits):  # already noted in a comment
        outcome.kept_as_edited.append(key)
        sync_notes(reviewed, found, key, warnings, kept=[conflict])
        return
    sync_notes(reviewed, found, key, warnings, conflict=conflict)
    if block.fingerprint is not None:
        noted[found.digits] = block.fingerprint
    outcome.conflicts.append(key)


def _drafted_from(reviewed: Reviewed, digits: str, block: Block) -> None:
    """Note the figures the paragraph's text is now drafted from (narrator.word.said)."""
    figures = said.figures_of(reviewed.report.appendix, block)
    if figures is None:
        reviewed.said.pop(digits, None)
    else:
        reviewed.said[digits] = figures


def _insert(reviewed: Reviewed, index: int, block: Block) -> None:
    document = reviewed.document
    key = str(block.key)
    paragraph = document.add_paragraph(block.text, style=styles.ROLE_STYLES[block.role])
    place, anchor = _anchor(reviewed, index)
    if anchor is not None:
        if place == "after":
            revisions.move_after(paragraph._p, anchor)
        else:
            revisions.move_before(paragraph._p, anchor)
    digits = markers.key_digits(key, reviewed.key_map)
    reviewed.key_map[digits] = key
    _drafted_from(reviewed, digits, block)
    name = markers.marker_name(digits, block.fingerprint)
    markers.add_bookmark(paragraph._p, markers.next_bookmark_id(document), name)
    for comment in block.comments:
        reviewed.comment(paragraph._p, comment.text)
    if block.comments:
        reviewed.notes[digits] = {notes.note_hash(c.text) for c in block.comments}
    revisions.mark_inserted(paragraph._p, reviewed.marks)
    reviewed.found[key] = Found(paragraph._p, digits, block.fingerprint)
    reviewed.outcome.added.append(key)


def _anchor(reviewed: Reviewed, index: int) -> tuple[str, Any]:
    """Where a new block goes: after the paragraph of the block before it (and after any
    paragraphs the reviewer added below that one), else before the next generated block
    in the same part of the report, else after the nearest earlier generated paragraph.
    ("after", None) when nothing is found: it stays at the end of the body."""
    blocks, found = reviewed.report.blocks, reviewed.found
    previous = blocks[index - 1] if index > 0 else None
    if previous is not None and previous.key in found:
        return "after", _after_additions(reviewed, found[str(previous.key)].element)
    for block in blocks[index + 1 :]:
        if block.key is None:
            break
        if block.key in found:
            return "before", found[block.key].element
    for block in reversed(blocks[:index]):
        if block.key in found:
            return "after", _after_additions(reviewed, found[str(block.key)].element)
    return "after", None


def _after_additions(reviewed: Reviewed, p: Any) -> Any:
    """`p`, or the last of the unmarked paragraphs in its style that follow it."""
    from docx.text.paragraph import Paragraph

    def style(element: Any) -> str | None:
        s = Paragraph(element, reviewed.document._body).style
        return str(s.name) if s is not None else None

    paragraphs = body_paragraphs(reviewed.document)
    position = next(i for i, e in enumerate(paragraphs) if e is p)
    last = p
    for element in paragraphs[position + 1 :]:
        if markers.marker_digits(element) is not None or style(element) != style(p):
            break
        last = element
    return last
