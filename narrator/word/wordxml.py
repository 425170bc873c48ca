"""The raw WordprocessingML core: the element type and reading a document's text.

python-docx has no API for much of what narrator writes and reads, so a few modules build and
inspect XML elements by hand, each for one Word feature; everything else in the word stage goes
through python-docx's proxy objects:

- narrator.word.runs: body paragraphs and runs, written without python-docx's object layer;
- narrator.word.markers: the identity markers (hidden bookmarks and the key map);
- narrator.word.package: the package around the document (a template's content type, the
  thumbnail, core and custom properties);
- narrator.word.numbering: the body numbering list;
- narrator.word.tables: table rows, cell shading, header rows, borders;
- narrator.word.sections: the body's sections, the footer's page number, style XML (outline
  levels, fonts);
- narrator.word.charts.embed: native charts' parts and inline drawings, found by name;
- narrator.word.comments: Word comments written, read and removed;
- narrator.word.revisions and narrator.word.text_changes: tracked changes.

This module holds what they share: the element type, and reading the visible text of paragraphs
and of the whole document, as every one of them counts it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from lxml.etree import Comment

Element = Any  # an lxml element (python-docx's BaseOxmlElement); lxml ships no types here

_P, _R, _T, _TYPE = (qn(f"w:{n}") for n in ("p", "r", "t", "type"))
_TAB, _BR, _CR = (qn(f"w:{n}") for n in ("tab", "br", "cr"))


def body_children(document_element: Element) -> Iterator[Element]:
    """The w:p and w:tbl children of a w:body, in order (content controls are looked into)."""
    body = document_element.find(qn("w:body"))
    yield from _block_items(body)


def _block_items(parent: Element) -> Iterator[Element]:
    for child in parent:
        if child.tag in (qn("w:p"), qn("w:tbl")):
            yield child
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _block_items(content)


def body_paragraphs(document: Any) -> list[Element]:
    """The w:p elements directly in the body (content controls looked into), in order."""
    return [e for e in body_children(document.element) if e.tag == qn("w:p")]


def paragraph_text(p_element: Element) -> str:
    """The visible text of a paragraph: text in every run, however deeply wrapped (hyperlinks,
    fields, tracked insertions), tabs as "\\t" and breaks as "\\n"; deleted text, field codes
    and text boxes are left out."""
    pieces: list[str] = []
    for element in p_element.iter(_T, _TAB, _BR, _CR):
        run = element.getparent()
        if run.tag != _R:
            continue
        if run.getparent() is not p_element and owning_paragraph(element) is not p_element:
            continue  # in a paragraph of its own (a text box's)
        if element.tag == _T:
            pieces.append(element.text or "")
        elif element.tag == _TAB:
            pieces.append("\t")
        elif element.get(_TYPE, "textWrapping") == "textWrapping":
            pieces.append("\n")
    return "".join(pieces)


def owning_paragraph(element: Element) -> Element:
    """The ``w:p`` an element is in (the innermost: a text box's own paragraph, not the one
    holding the text box); None when it is in none."""
    parent = element.getparent()
    while parent is not None and parent.tag != _P:
        parent = parent.getparent()
    return parent


def document_texts(
    document: Any,
    kept: Callable[[Element], list[str] | None] | None = None,
    kept_comments: list[list[str]] | None = None,
) -> list[str]:
    """Every paragraph text of the body (table cells included) in order, then those of the
    comments, as paragraph_text reads them. The comments are taken in the order of their texts,
    not of the comments part: Word keeps them in the order they were made, LibreOffice rewrites
    them in the order they are anchored, and a re-save must not read as a change. `kept` gives
    the texts standing in for an XML comment in the body (rows kept as bytes until saving, see
    narrator.word.spliced); None: XML comments hold none. `kept_comments`: the paragraph texts
    of each Word comment kept as bytes (None: none)."""
    body = document.element.body
    texts: list[str] = []
    for node in body.iter(_P, Comment) if kept is not None else body.iter(_P):
        if node.tag == _P:
            texts.append(paragraph_text(node))
        else:
            texts.extend((kept(node) if kept is not None else None) or ())
    try:
        comments = document.part.part_related_by(RT.COMMENTS).element
    except KeyError:
        return texts
    each = [[paragraph_text(p) for p in c.iter(qn("w:p"))] for c in comments.iter(qn("w:comment"))]
    each.extend(kept_comments or ())
    return texts + [text for comment in sorted(each) for text in comment]
