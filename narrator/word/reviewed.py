"""A reviewed document opened for regeneration: what narrator wrote into it before, and what
this pass does to it.

`Reviewed` reads narrator's state back from the document (the key map, the fingerprints already
noted in a conflict comment, the comments offered, each generated paragraph found by its identity
marker) and holds it while the steps run (narrator.word.regenerate_blocks,
narrator.word.regenerate_notes, narrator.word.regenerate_appendix); `save_state` writes it back.
`Outcome` gathers what they did.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from docx.oxml.ns import qn

from narrator import notes
from narrator.language.phrases import Phrasebook
from narrator.report import Report
from narrator.word import markers, package, revisions, said, text_changes
from narrator.word.comments import CommentIndex, CommentWriter
from narrator.word.wordxml import body_paragraphs

AUTHOR = "narrator"
_DIGITS = re.compile("[0-9a-f]{8}")
NOTED_PROPERTY = "narrator:noted"


@dataclass
class Outcome:
    """What regeneration did, by paragraph key, for the summary on the terminal.

    `deleted` are paragraphs the reviewer deleted (left deleted); `added` new indicators
    inserted; `removed` paragraphs whose indicator left the data (deleted, tracked); `cells`
    the number of appendix table cells and rows changed (rows of new indicators are inserted,
    rows of indicators gone from the data deleted, both tracked). `outdated_notes` are the
    paragraphs that lost a narrator comment which no longer holds (a fixed warning, a conflict
    note with superseded figures); `new_notes` those given a new warning. `deleted_rows` are
    the indicators whose appendix row the reviewer deleted (not restored); `appendix_missing`
    is True when the report has an appendix but no table in the document could be told for it
    (its figures were then not updated). `retyped` are the paragraphs the reviewer retyped
    whole (their identity gone with the old text), found again by their place.
    """

    regenerated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept_as_edited: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    cells: int = 0
    outdated_notes: list[str] = field(default_factory=list)
    new_notes: list[str] = field(default_factory=list)
    deleted_rows: list[str] = field(default_factory=list)
    appendix_missing: bool = False
    retyped: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Found:
    """A generated paragraph in the reviewed document: its element, key digits, fingerprint."""

    element: Any
    digits: str
    fingerprint: str | None


class Reviewed:
    """The reviewed document and the state the regeneration steps share.

    `key_map` is {key digits: key} of every paragraph narrator ever wrote here (new ones are
    added); `written` the keys in it before this run; `noted` {key digits: fingerprint already
    noted in a conflict comment}; `notes` {key digits: hashes of the comments offered};
    `drafted` {key digits: fingerprint of the text last drafted}; `said` {key digits: the
    figures that text was drafted from} (narrator.word.said); `found` each generated
    paragraph still in the document, by key; `comments` the writer of
    new comments (None until the first is added); `comment_index` the document's comments,
    read once.
    """

    def __init__(
        self, document: Any, report: Report, book: Phrasebook, when: datetime, outcome: Outcome
    ) -> None:
        self.document = document
        self.report = report
        self.book = book
        self.when = when
        self.outcome = outcome
        self.marks = revisions.marks_for(document, AUTHOR, when)
        self.key_map = markers.read_key_map(document)
        self.written = set(self.key_map.values())  # every key narrator wrote before this run
        self.noted = _decode_noted(package.read_text_property(document, NOTED_PROPERTY))
        self.notes = notes.decode(package.read_text_property(document, notes.PROPERTY))
        self.drafted = markers.read_drafted(document)
        self.said = said.read(document)
        self.found = _find_markers(document, self.key_map)
        self.comments: CommentWriter | None = None
        self.comment_index = CommentIndex(document)

    def unusable(self) -> str | None:
        """Why this document cannot be regenerated, in words for the user; None when it can.

        A document narrator did not write has no key map and no identity markers. One whose
        custom properties were edited by hand (File > Properties > Custom) has markers but no
        key map, or a key map whose entries are not narrator's (8 hex digits = a key).
        Regenerating either would drop paragraphs' identities, so neither is guessed at; nor
        is a map edited in place or a renamed marker (narrator.word.tampered). (A marker the
        map does not know is not refused: a paragraph pasted from another report brings its
        own, and is then the reviewer's text.)"""
        if not self.key_map:
            if not any(markers.marker_digits(p) for p in body_paragraphs(self.document)):
                return (
                    "not a report narrator wrote (it has none of narrator's paragraph markers), "
                    "so there is nothing to regenerate: build a new report without --previous"
                )
            return (
                "narrator's custom property narrator:keys is missing (removed in File > "
                "Properties > Custom?): use the report as narrator saved it, or build a new "
                "report without --previous"
            )
        damaged = [d for d, key in self.key_map.items() if not _DIGITS.fullmatch(d) or not key]
        if damaged:
            entries = "entry that is" if len(damaged) == 1 else "entries that are"
            return (
                f"narrator's custom property narrator:keys holds {len(damaged)} {entries} not "
                "narrator's (edited by hand in File > Properties > Custom?): use the report as "
                "narrator saved it, or build a new report without --previous"
            )
        from narrator.word.tampered import tampering

        return tampering(self.document, self.key_map, set(self.found), self.drafted)

    def save_state(self) -> None:
        """Store the key map, the noted fingerprints and the offered comments in the document
        (and the comments' side parts changed by removals)."""
        self.comment_index.flush()
        markers.write_key_map(self.document, self.key_map)
        self.drafted.update(markers.body_fingerprints(self.document))
        markers.write_drafted(self.document, self.drafted)
        said.write(self.document, self.said)
        package.write_text_property(self.document, NOTED_PROPERTY, _encode_noted(self.noted))
        package.write_text_property(self.document, notes.PROPERTY, notes.encode(self.notes))

    def comment(self, p: Any, text: str) -> None:
        """Add a narrator comment on the text of paragraph `p` (nothing when it has no runs)."""
        runs = text_changes.text_runs(p) or p.findall(qn("w:r"))
        if not runs:
            return
        if self.comments is None:
            self.comments = CommentWriter(self.document)
        self.comments.add(
            runs[0], runs[-1], text, author=AUTHOR, initials=AUTHOR[0].upper(), when=self.when
        )


def _find_markers(document: Any, key_map: dict[str, str]) -> dict[str, Found]:
    """Each key's generated paragraph: the first body paragraph whose first marker names it."""
    found: dict[str, Found] = {}
    for p in body_paragraphs(document):
        for name in markers.bookmark_names(p):
            parsed = markers.parse_marker(name)
            if parsed is None:
                continue
            key = key_map.get(parsed[0])
            if key is not None and key not in found:
                found[key] = Found(p, parsed[0], parsed[1])
            break
    return found


def _decode_noted(text: str | None) -> dict[str, str]:
    """{key digits: fingerprint already noted in a comment} from "digits=fp,..."; None -> {}."""
    pairs = (entry.partition("=") for entry in (text or "").split(",") if entry)
    return {digits: fp for digits, _, fp in pairs}


def _encode_noted(noted: dict[str, str]) -> str:
    return ",".join(f"{digits}={fp}" for digits, fp in sorted(noted.items()))
