"""Regeneration refuses a previous report whose identities were edited by hand.

Two things tell regeneration which paragraph is which (narrator.word.markers): the hidden
bookmarks `_nar_<digits>_<fingerprint>` on the paragraphs, and the custom property
`narrator:keys` that maps each bookmark's digits back to its key. Word never changes either on
its own; a person can, in File > Properties > Custom or in the Bookmark dialog (with "Hidden
bookmarks" ticked). Regenerating through an edited map swaps or duplicates paragraphs and turns
a reviewer's paragraph into a tracked deletion; through renamed bookmarks, every paragraph looks
deleted by the reviewer. So both are checked before anything is changed:

- every entry of the map must be the one narrator wrote: its digits are the SHA-1 digits of its
  key (or of `key#n`, the form a second paragraph with the same digits takes);
- a bookmark that is not a known marker, on a paragraph whose text (or whose bookmark's
  fingerprint) is exactly what narrator drafted for a key no marker names any more, is that
  key's marker renamed;
- a map with keys, and not one of them on any paragraph, lost its bookmarks wholesale.

Each finding names what was edited, in words for the user.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from narrator.word import markers
from narrator.word.wordxml import body_paragraphs, paragraph_text

_UNDO = (
    "use the report as narrator saved it (undo the edit, or take the .bak copy), or build a "
    "new report without --previous"
)


def _digits_for(key: str, attempt: int) -> str:
    source = key if attempt == 0 else f"{key}#{attempt}"
    return hashlib.sha1(source.encode("utf-8")).hexdigest()[:8]


def edited_entries(key_map: Mapping[str, str]) -> list[tuple[str, str]]:
    """The map's (digits, key) entries whose digits are not their key's: edited by hand."""
    attempts = range(len(key_map) + 1)
    return [
        (digits, key)
        for digits, key in key_map.items()
        if not any(_digits_for(key, n) == digits for n in attempts)
    ]


def renamed_bookmarks(
    document: Any, key_map: Mapping[str, str], found: set[str], drafted: Mapping[str, str]
) -> list[tuple[str, str]]:
    """(bookmark name, key) for each paragraph that still holds exactly what narrator drafted
    for a key no marker names (`found`: the keys whose paragraph was found by its marker),
    under a bookmark that is not that key's marker."""
    from narrator.language.assemble import fingerprint

    lost = {
        drafted[digits]: key
        for digits, key in key_map.items()
        if key not in found and digits in drafted
    }
    if not lost:
        return []
    out: list[tuple[str, str]] = []
    for p in body_paragraphs(document):
        names = markers.bookmark_names(p)
        if not names or any(_known(name, key_map) for name in names):
            continue
        text_print = fingerprint(paragraph_text(p))
        for name in names:
            parsed = markers.parse_marker(name)
            key = lost.get(parsed[1] or "") if parsed else None
            key = key or lost.get(text_print)
            if key is not None:
                out.append((name, key))
                break
    return out


def _known(name: str, key_map: Mapping[str, str]) -> bool:
    parsed = markers.parse_marker(name)
    return parsed is not None and parsed[0] in key_map


def tampering(
    document: Any, key_map: Mapping[str, str], found: set[str], drafted: Mapping[str, str]
) -> str | None:
    """Why the document's identities cannot be trusted, in words for the user; None when
    they can. `found` holds the keys whose paragraph was found by its marker."""
    edited = edited_entries(key_map)
    if edited:
        shown = "; ".join(f"{digits}={key!r}" for digits, key in edited[:3])
        more = f" and {len(edited) - 3} more" if len(edited) > 3 else ""
        return (
            "narrator's custom property narrator:keys was edited by hand (File > Properties > "
            f"Custom): its entries {shown}{more} do not belong to the paragraphs they name, so "
            f"paragraphs would be swapped or lost; {_UNDO}"
        )
    renamed = renamed_bookmarks(document, key_map, found, drafted)
    if renamed:
        shown = "; ".join(f"{name!r} (the paragraph {key!r})" for name, key in renamed[:3])
        more = f" and {len(renamed) - 3} more" if len(renamed) > 3 else ""
        return (
            "the hidden bookmarks narrator marks its paragraphs with were renamed: "
            f"{shown}{more}; each must keep the name narrator gave it (_nar_...), or its "
            f"paragraph reads as deleted by the reviewer; {_UNDO}"
        )
    if key_map and not found:
        return (
            "none of the paragraphs narrator wrote carries its hidden bookmark (_nar_...) any "
            "more: the bookmarks were removed or renamed, so every paragraph would read as "
            f"deleted by the reviewer; {_UNDO}"
        )
    return None
