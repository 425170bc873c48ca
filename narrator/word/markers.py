"""Identity markers: which generated paragraph is which, kept in the document itself.

Each tracked paragraph (a ``Block`` with a ``key``) is wrapped in a hidden bookmark named
``_nar_<h>_<fingerprint>`` where ``<h>`` is the first 8 hex digits of the SHA-1 of the key (a
second block with the same key, or a different key with the same digits, takes the digits of
``key + "#n"``). Word hides bookmarks whose names start with "_" from its Bookmark dialog, and
names are limited to 40 letters, digits and underscores, which is why the key itself (an
indicator's name, "purpose.1") is not in the name. The map from ``<h>`` back to the key is kept in
the custom document properties (docProps/custom.xml) as text properties ``narrator:keys:000``,
``narrator:keys:001``, ...: the entries ``h=percent-encoded-key`` joined by commas, cut into
slices of at most 255 characters (Word truncates longer text properties). Percent-encoding keeps
spaces out of the slices, so no application can trim them.

Checked with LibreOffice 7.4 (``soffice --headless --convert-to docx``): the bookmarks come back
on the same paragraphs with the same names, and the custom properties come back with the same
names and values (LibreOffice keeps them as user-defined properties). A custom XML part
(customXml/item.xml) was the alternative, but custom properties are simpler, visible in Word's
File > Properties > Custom, and survive both applications.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote, unquote

from docx.oxml.ns import qn

from narrator.lazy_re import lazy
from narrator.word.package import PROPERTY_SLICE, read_text_property, write_text_property
from narrator.word.wordxml import Element

MARKER_PREFIX = "_nar_"
KEY_PROPERTY = "narrator:keys"
DRAFTED_PROPERTY = "narrator:drafted"
_FINGERPRINT_RE = re.compile(r"[A-Za-z0-9]{1,26}")
_MARKER_RE = lazy(r"_nar_([0-9a-f]{8})(?:_([A-Za-z0-9]{1,26}))?")
_BOOKMARK_START, _BOOKMARK_END, _NAME = (
    qn(f"w:{n}") for n in ("bookmarkStart", "bookmarkEnd", "name")
)
_ID, _P_PR = qn("w:id"), qn("w:pPr")


def marker_name(digits: str, fingerprint: str | None) -> str:
    """The bookmark name for a key's hash digits and a fingerprint (None: digits only).

    Raises ValueError when the fingerprint is not 1-26 letters or digits (it could not be part of
    a Word bookmark name).
    """
    if fingerprint is None:
        return f"{MARKER_PREFIX}{digits}"
    if not _FINGERPRINT_RE.fullmatch(fingerprint):
        raise ValueError(
            f"fingerprint {fingerprint!r} cannot go in a Word bookmark name; "
            "expected 1 to 26 letters or digits"
        )
    return f"{MARKER_PREFIX}{digits}_{fingerprint}"


def key_digits(key: str, taken: Mapping[str, str]) -> str:
    """8 hex digits for `key` that no other entry of `taken` (digits -> key) uses yet."""
    attempt = 0
    while True:
        source = key if attempt == 0 else f"{key}#{attempt}"
        digits = hashlib.sha1(source.encode("utf-8")).hexdigest()[:8]
        if digits not in taken:
            return digits
        attempt += 1


def parse_marker(name: str) -> tuple[str, str | None] | None:
    """(hash digits, fingerprint or None) from a marker bookmark name; None if not a marker."""
    match = _MARKER_RE.fullmatch(name)
    return (match.group(1), match.group(2)) if match else None


def add_bookmark(p_element: Element, bookmark_id: int, name: str) -> None:
    """Wrap the whole content of a ``w:p`` in a bookmark."""
    start = p_element.makeelement(_BOOKMARK_START, {_ID: str(bookmark_id), _NAME: name})
    end = p_element.makeelement(_BOOKMARK_END, {_ID: str(bookmark_id)})
    p_pr = p_element.find(_P_PR)
    if p_pr is not None:
        p_pr.addnext(start)
    else:
        p_element.insert(0, start)
    p_element.append(end)


def bookmark_names(p_element: Element) -> list[str]:
    """Names of the bookmarks that start inside a paragraph, in order."""
    return [str(n) for n in p_element.xpath(".//w:bookmarkStart/@w:name")]


def next_bookmark_id(document: Any) -> int:
    """One more than the largest bookmark id in the body."""
    ids = [int(v) for v in document.element.body.xpath(".//w:bookmarkStart/@w:id")]
    return max(ids, default=0) + 1


def encode_key_map(key_map: Mapping[str, str]) -> list[str]:
    """The key map as property values of at most 255 characters (see the module docstring)."""
    text = ",".join(f"{digits}={quote(key, safe='')}" for digits, key in key_map.items())
    return [text[i : i + PROPERTY_SLICE] for i in range(0, len(text), PROPERTY_SLICE)]


def decode_key_map(values: list[str]) -> dict[str, str]:
    """Inverse of encode_key_map: the slices in order -> {digits: key}."""
    text = "".join(values)
    pairs = (entry.partition("=") for entry in text.split(",") if entry)
    return {digits: unquote(key) for digits, _, key in pairs}


def write_key_map(document: Any, key_map: Mapping[str, str]) -> None:
    """Store the key map in the custom properties, replacing any earlier narrator entries and
    keeping every other custom property the template has. An empty map removes ours.

    The map holds every key narrator ever wrote into this document (regeneration keeps the
    keys of paragraphs a reviewer deleted), so a later run can tell "deleted by the reviewer"
    (key in the map, no paragraph) from "new indicator" (key not in the map)."""
    write_text_property(document, KEY_PROPERTY, "".join(encode_key_map(key_map)))


def read_key_map(document: Any) -> dict[str, str]:
    """{digits: key} from the custom properties; empty when there are none."""
    text = read_text_property(document, KEY_PROPERTY)
    return decode_key_map([text]) if text else {}


def marker_digits(p_element: Element) -> str | None:
    """The key digits of the first identity marker in a paragraph; None when it has none."""
    for name in bookmark_names(p_element):
        parsed = parse_marker(name)
        if parsed is not None:
            return parsed[0]
    return None


def set_marker_fingerprint(p_element: Element, fingerprint: str) -> None:
    """Point a paragraph's identity marker at a new fingerprint (the key digits stay). Nothing
    changes when the paragraph has no marker."""
    for start in p_element.iter(qn("w:bookmarkStart")):
        parsed = parse_marker(start.get(qn("w:name"), ""))
        if parsed is not None:
            start.set(qn("w:name"), marker_name(parsed[0], fingerprint))
            return


def write_drafted(document: Any, drafted: Mapping[str, str]) -> None:
    """Store {key digits: fingerprint of the text narrator last drafted for that paragraph}.

    The markers carry the same fingerprints, but a reviewer who retypes a whole paragraph
    removes its marker with it; this copy lets regeneration still tell whether the paragraph's
    data changed since (see narrator.word.regenerate_retyped)."""
    text = ",".join(f"{digits}={fp}" for digits, fp in sorted(drafted.items()))
    write_text_property(document, DRAFTED_PROPERTY, text)


def read_drafted(document: Any) -> dict[str, str]:
    """{key digits: drafted fingerprint}; empty for a report written before it was kept."""
    text = read_text_property(document, DRAFTED_PROPERTY) or ""
    pairs = (entry.partition("=") for entry in text.split(",") if entry)
    return {digits: fp for digits, _, fp in pairs if digits and fp}


def body_fingerprints(document: Any) -> dict[str, str]:
    """{key digits: fingerprint} of every identity marker in the body that carries one."""
    out: dict[str, str] = {}
    for name in document.element.body.xpath(".//w:bookmarkStart/@w:name"):
        parsed = parse_marker(str(name))
        if parsed is not None and parsed[1] is not None:
            out.setdefault(parsed[0], parsed[1])
    return out
