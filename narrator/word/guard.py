"""Never lose what a reviewer wrote: refuse to overwrite a report edited since narrator wrote it.

When narrator writes a report it stores, in the custom property ``narrator:content``, a hash of
the document's texts (body paragraphs, table cells and comments, empty paragraphs left out, so
re-saving in Word or LibreOffice or accepting narrator's own tracked changes does not count as
an edit). Before writing over a file, `check_overwrite` reads that hash back: a file whose texts
no longer match it was edited, and a file without it (or that is not a .docx) was not written by
narrator. Both are refused with an OutputError unless `force` is given, in which case a backup
copy is kept beside the file (made only once the new report is ready to be written).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT

from narrator.atomic import atomic_write, check_writable
from narrator.errors import OutputError
from narrator.limits import os_problem
from narrator.word import package, spliced, wordxml

CONTENT_PROPERTY = "narrator:content"


def content_hash(document: Any) -> str:
    """A hash of the document's non-empty paragraph texts (body, tables, comments) in order."""
    hasher = hashlib.sha256()
    separator = b""
    try:
        kept_comments = spliced.kept_comments(document.part.part_related_by(RT.COMMENTS))
    except KeyError:
        kept_comments = []
    texts = wordxml.document_texts(document, spliced.kept_texts(document), kept_comments)
    for text in texts:
        if text.strip():  # the texts joined by newlines, hashed as they come (never joined)
            hasher.update(separator + text.encode("utf-8"))
            separator = b"\n"
    return hasher.hexdigest()[:16]


def stamp(document: Any) -> None:
    """Record the document's content hash, just before it is saved."""
    package.write_text_property(document, CONTENT_PROPERTY, content_hash(document))


def edited_since_written(path: Path) -> bool | None:
    """True when the .docx at `path` was edited after narrator wrote it, False when it was not;
        None when narrator did not write it (no content hash, or not a readable .docx, including a
    special file or one over the limits of narrator.limits)."""
    from narrator.word.open_docx import open_document, read_package

    try:
        document = open_document(read_package(path, "report", parts=False), str(path), "report")
        stored = package.read_text_property(document, CONTENT_PROPERTY)
        if stored is None:
            return None
        return stored != content_hash(document)
    except Exception:  # any file narrator cannot read back (a FIFO, a zip bomb, a damaged
        return None  # .docx, malformed custom properties) is one it did not write: refused


def check_overwrite(out: Path, *, force: bool, carried_from: Path | None = None) -> bool:
    """Make sure writing `out` loses nothing; True when a backup of it must be kept first (make
    it with `backup` just before writing, so a run that fails leaves no stray copy).

    A missing `out`, or one narrator wrote and nobody edited since, may be overwritten (False).
    When `out` is `carried_from` (the --previous report being regenerated in place) its edits
    are carried into the new file, and a backup is kept. Otherwise an edited file, or one
    narrator did not write, raises OutputError saying how to carry the edits over, unless
    `force`, which keeps a backup and goes on.
    """
    check_writable(out)
    if not out.exists():
        return False
    if carried_from is not None and out.resolve() == carried_from.resolve():
        return True
    state = edited_since_written(out)
    if state is False:
        return False
    if force:
        return True
    if state is None:
        raise OutputError(
            f"{out}: not a report narrator wrote; refusing to overwrite it. "
            "Choose another output file, or use --force to replace it (a backup is kept)."
        )
    raise OutputError(
        f"{out}: edited since narrator wrote it; refusing to overwrite it. To keep the edits, "
        f"regenerate from it: narrator build CONFIG --previous {out} -o NEW.docx; "
        "or use --force to replace it (a backup is kept)."
    )


def backup(path: Path) -> Path:
    """Copy `path` to the first free name of REPORT.docx.bak, REPORT.docx.bak1, ... (an older
    backup is never overwritten) and return it."""

    candidate = path.with_name(f"{path.name}.bak")
    number = 1
    while candidate.exists():
        candidate = path.with_name(f"{path.name}.bak{number}")
        number += 1
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise OutputError(f"{path}: cannot keep a backup copy of it: {os_problem(exc)}") from None
    atomic_write(candidate, data)
    return candidate
