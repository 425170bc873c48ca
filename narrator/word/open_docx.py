"""Opening a Word file the user gave (a house template, a reviewed report), with one set of
messages for every way it can be unusable.

The file is checked before python-docx sees it: a regular file within the size limit, a zip
whose parts unpack to no more than narrator.limits allows, and no part that declares a DTD or
entities (a Word document never does; an XML parser given one can be made to read files or
expand text without bound), and every XML part parses (python-docx reads some parts, such as
the custom properties, only when asked, long after the file was opened). A damaged package
(not a zip, truncated, a part that is not well-formed XML) is an InputError naming the file
and, where one is to blame, the part.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path
from typing import Any

from narrator.errors import InputError
from narrator.limits import check_zip, read_input


def read_package(path: Path, what: str, *, parts: bool = True) -> bytes:
    """The bytes of the Word file at `path`, checked as the module says; `what` names it in
    messages ("template", "previous report"). `parts` False skips reading every part (for a
    quick look at a file whose failure only means "not narrator's")."""
    from lxml import etree

    data = read_input(path, what)
    file = str(path)
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    if not data.startswith(b"PK"):
        raise InputError(file, f"{what} is not a Word document (.docx): {_open_in_word(what)}")
    check_zip(data, file, what)
    if not parts:
        return data
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for item in archive.infolist():
                if not item.filename.endswith((".xml", ".rels")):
                    continue
                part = archive.read(item.filename)
                if b"<!DOCTYPE" in part or b"<!ENTITY" in part:
                    raise InputError(
                        file,
                        f"{what}: the part {item.filename} declares a DTD or entities, which a "
                        f"Word document never does: {_open_in_word(what)}",
                    )
                try:
                    etree.fromstring(part, parser)
                except etree.XMLSyntaxError as exc:
                    raise InputError(
                        file,
                        f"{what}: the part {item.filename} is not well-formed XML "
                        f"({getattr(exc, 'msg', exc)}): "
                        f"{_open_in_word(what)}",
                    ) from None
    except InputError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError, KeyError) as exc:
        raise InputError(
            file,
            f"{what} is damaged (truncated or not a complete .docx; {exc}): {_open_in_word(what)}",
        ) from None
    return data


def open_document(data: bytes, file: str, what: str) -> Any:
    """A python-docx Document from checked bytes (see `read_package`); a part that is not
    well-formed XML, or a package python-docx cannot make sense of, is an InputError."""
    from docx import Document

    try:
        return Document(io.BytesIO(data))
    except Exception as exc:  # zipfile, lxml and python-docx each fail in their own way
        raise InputError(
            file,
            f"{what} is not a readable Word document ({type(exc).__name__}: {exc}): "
            f"{_open_in_word(what)}",
        ) from None


def _open_in_word(what: str) -> str:
    return f"open it in Word and save it again as .docx, or use another {what}"
