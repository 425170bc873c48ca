"""Regeneration: a generated paragraph the reviewer retyped whole, found again by its place.

Selecting a whole paragraph in Word and typing over it removes the hidden bookmark that is the
paragraph's identity, so the new text looks like a paragraph the reviewer added, and the
indicator's paragraph like one they deleted. Taken at face value, a later data correction to
that indicator would then be shown nowhere. So before the blocks are matched: where one or more
generated paragraphs have lost their identity between two that kept theirs, and exactly as many
unidentified paragraphs in the same style stand between those two, each is taken (in order) as
the reviewer's rewording of the lost one. It gets its identity back, with the fingerprint of the
text narrator last drafted for it, and is then treated like any edited paragraph: the wording
stays, and a comment gives the new figures when its data changed. A paragraph deleted outright
leaves no such stand-in, and stays deleted; where the counts differ, nothing is guessed.
"""

from __future__ import annotations

from typing import Any

from narrator.report import Block
from narrator.word import markers, revisions, styles
from narrator.word.reviewed import Found, Reviewed
from narrator.word.wordxml import body_paragraphs, paragraph_text


def recover_retyped(reviewed: Reviewed) -> None:
    """Give each retyped generated paragraph its identity back (see the module docstring)."""
    written = set(reviewed.key_map.values())
    digits_of = {key: digits for digits, key in reviewed.key_map.items()}
    keyed = [b for b in reviewed.report.blocks if b.key is not None]
    body = body_paragraphs(reviewed.document)
    position = {id(p): i for i, p in enumerate(body)}
    start = 0
    while start < len(keyed):
        if keyed[start].key in reviewed.found:
            start += 1
            continue
        end = start
        while end < len(keyed) and keyed[end].key not in reviewed.found:
            end += 1
        lost = [b for b in keyed[start:end] if b.key in written]
        if lost:
            low = _position(reviewed, keyed[start - 1], position) + 1 if start else 0
            high = _position(reviewed, keyed[end], position) if end < len(keyed) else len(body)
            _pair(reviewed, lost, body[low:high], digits_of)
        start = end


def _position(reviewed: Reviewed, block: Block, position: dict[int, int]) -> int:
    return position[id(reviewed.found[str(block.key)].element)]


def _pair(
    reviewed: Reviewed, lost: list[Block], between: list[Any], digits_of: dict[str, str]
) -> None:
    """Pair the lost blocks with the unidentified paragraphs `between` their neighbours, when
    there are as many of each in every style."""
    from docx.text.paragraph import Paragraph

    def style(p: Any) -> str | None:
        found = Paragraph(p, reviewed.document._body).style
        return str(found.name) if found is not None else None

    candidates = [
        p
        for p in between
        if markers.marker_digits(p) is None
        and paragraph_text(p).strip()
        and not revisions.is_deleted(p)
    ]
    wanted = [styles.ROLE_STYLES[b.role] for b in lost]
    if len(candidates) != len(lost) or [style(p) for p in candidates] != wanted:
        return
    bookmark_id = markers.next_bookmark_id(reviewed.document)
    for block, p in zip(lost, candidates, strict=True):
        key = str(block.key)
        digits = digits_of[key]
        drafted = reviewed.drafted.get(digits)
        markers.add_bookmark(p, bookmark_id, markers.marker_name(digits, drafted))
        bookmark_id += 1
        reviewed.found[key] = Found(p, digits, drafted)
        reviewed.outcome.retyped.append(key)
