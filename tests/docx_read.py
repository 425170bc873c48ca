"""Reading a .docx back, for the tests: the paragraphs narrator wrote (or a reviewer edited),
each with its identity marker (see narrator.word.markers), and the appendix. The tests compare
the (style, numbered, text) sequence rather than bytes. (Regeneration reads the document
through narrator.word's own modules; this reader was only ever the tests'.)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn

from narrator.word import markers, tables, wordxml
from narrator.word.numbering import paragraph_num_id, style_num_ids


@dataclass(frozen=True)
class ReadParagraph:
    """One body paragraph as found in the file.

    `style` is the paragraph style's name ("Normal" when it names none); `numbered` is True when
    a list numbering is in force, through the style or the paragraph's own w:numPr; `num_id` is
    that w:numId, None when not numbered; `key` is the Block.key recovered from the paragraph's
    identity marker, None when it has none (or the key map lacks it); `fingerprint` is the
    marker's fingerprint, None when there is no marker or it carried none.
    """

    style: str
    numbered: bool
    num_id: int | None
    text: str
    key: str | None
    fingerprint: str | None


def read_paragraphs(path: Path) -> list[ReadParagraph]:
    """The body paragraphs of a .docx in order, table cells excluded (content controls are
    looked into)."""
    document = Document(str(path))
    names = _style_names(document)
    default_style = _default_paragraph_style(document)
    numbering = style_num_ids(document.styles.element)
    key_map = markers.read_key_map(document)
    paragraphs: list[ReadParagraph] = []
    for element in wordxml.body_children(document.element):
        if element.tag != qn("w:p"):
            continue
        style_ids = element.xpath("./w:pPr/w:pStyle/@w:val")
        style_id = str(style_ids[0]) if style_ids else default_style
        num_id = paragraph_num_id(element, numbering, default_style)
        key, fingerprint = _marker(element, key_map)
        paragraphs.append(
            ReadParagraph(
                style=names.get(style_id, style_id),
                numbered=num_id is not None,
                num_id=num_id,
                text=wordxml.paragraph_text(element),
                key=key,
                fingerprint=fingerprint,
            )
        )
    return paragraphs


def read_table_rows(path: Path) -> list[list[str]]:
    """The cell texts of the first body table (the appendix dashboard), header row included.
    A cell merged into the one above it reads as ""; no table gives []."""
    document = Document(str(path))
    for element in wordxml.body_children(document.element):
        if element.tag == qn("w:tbl"):
            return [tables.cell_texts(tr) for tr in element.findall(qn("w:tr"))]
    return []


def _style_names(document: Any) -> dict[str, str]:
    """Style id -> the name Word shows ("Heading1" -> "Heading 1")."""
    return {str(style.style_id): str(style.name) for style in document.styles}


def _default_paragraph_style(document: Any) -> str:
    default = document.styles.default(WD_STYLE_TYPE.PARAGRAPH)
    return str(default.style_id) if default is not None else "Normal"


def _marker(p_element: Any, key_map: dict[str, str]) -> tuple[str | None, str | None]:
    """(key, fingerprint) from the first identity marker in a paragraph; (None, None) if none."""
    for name in markers.bookmark_names(p_element):
        parsed = markers.parse_marker(name)
        if parsed is not None:
            digits, fingerprint = parsed
            return key_map.get(digits), fingerprint
    return None, None
