"""Which of narrator's own comments (warnings, regeneration conflicts) a report has been given.

Stored in the custom property ``narrator:notes`` as ``digits=hash.hash,...``: for each
generated paragraph (by its marker's key digits), a short hash of the text of every comment
narrator currently wants on it, whether or not the reviewer has since deleted that comment.
Regeneration uses it to add a comment only once: a warning or conflict note the reviewer has
already dismissed is not put back while it still holds, and comes back only after it has gone
away and returned.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping

PROPERTY = "narrator:notes"


def note_hash(text: str) -> str:
    """A short hash of a comment's text (whitespace-normalised, so a re-save does not count)."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:8]


def encode(notes: Mapping[str, Iterable[str]]) -> str:
    """The property text for {digits: hashes}; paragraphs without notes are left out."""
    entries = (f"{digits}={'.'.join(sorted(set(hashes)))}" for digits, hashes in notes.items())
    return ",".join(sorted(e for e in entries if not e.endswith("=")))


def decode(text: str | None) -> dict[str, set[str]]:
    """{digits: hashes} from the property text; None (no property) -> {}."""
    out: dict[str, set[str]] = {}
    for entry in (text or "").split(","):
        digits, _, hashes = entry.partition("=")
        if digits and hashes:
            out[digits] = set(hashes.split("."))
    return out
