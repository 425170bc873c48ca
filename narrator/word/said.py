"""What each generated paragraph's figures were when narrator drafted the text a reviewer works
from, so a conflict comment can say what changed ("The draft said 83.1%; the corrected data
gives 84.0%") rather than only what the data says now.

Kept in the custom property ``narrator:said`` as ``digits=figures;figures,...`` (by the
paragraph's marker digits): for the paragraph's indicator and then each member of its group,
the appendix row's figures (latest, latest period, previous, previous period, target,
quartile) as the appendix prints them ("" where it has none), each percent-encoded and joined
by ``|``. A paragraph
narrator rewrites takes the new figures; one the reviewer edited keeps the ones they started
from, as its marker keeps its fingerprint.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote, unquote

from narrator.report import Appendix, Block
from narrator.word import package

PROPERTY = "narrator:said"
FIELDS = ("latest", "latest_period", "previous", "previous_period", "target", "quartile")

Figures = tuple[tuple[str, ...], ...]
"""Per indicator of a paragraph (its own, then its group's members): the FIELDS' texts."""


def figures_of(appendix: Appendix | None, block: Block) -> Figures | None:
    """The figures `block` is drafted from; None when its indicators have no appendix rows."""
    if appendix is None or block.indicator is None:
        return None
    rows = {row.indicator: row for row in appendix.rows}
    found = []
    for name in (block.indicator, *block.members):
        row = rows.get(name)
        if row is None:
            return None
        found.append(tuple(str(getattr(row, f) or "") for f in FIELDS))
    return tuple(found)


def encode(said: Mapping[str, Figures]) -> str:
    """The property text for {digits: figures}."""
    return ",".join(
        f"{digits}=" + ";".join("|".join(quote(v, safe="") for v in one) for one in figures)
        for digits, figures in sorted(said.items())
    )


def decode(text: str | None) -> dict[str, Figures]:
    """{digits: figures} from the property text; None (a report written before it was kept,
    or edited into nonsense) -> what can be read, possibly nothing."""
    out: dict[str, Figures] = {}
    for entry in (text or "").split(","):
        digits, _, body = entry.partition("=")
        figures = tuple(tuple(unquote(v) for v in one.split("|")) for one in body.split(";"))
        if digits and all(len(one) == len(FIELDS) for one in figures):
            out[digits] = figures
    return out


def write(document: Any, said: Mapping[str, Figures]) -> None:
    """Store {digits: figures} in the document (empty: the property is removed)."""
    package.write_text_property(document, PROPERTY, encode(said))


def read(document: Any) -> dict[str, Figures]:
    """{digits: figures} the document holds; empty when it holds none."""
    return decode(package.read_text_property(document, PROPERTY))
