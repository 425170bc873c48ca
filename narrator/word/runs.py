"""Body paragraphs and runs, written as python-docx writes them but without its object layer.

A report's body has thousands of paragraphs and its appendix table thousands of cells; python-docx
looks a style up by name and scans the body for every paragraph it adds, and builds runs
character by character. These functions write the same XML directly: as elements for the body
(`append_paragraph`, `add_run`) and as XML text for table cells (`run_xml`, parsed once per batch
of rows by narrator.word.tables).
"""

from __future__ import annotations

import re
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml.etree import SubElement

from narrator.lazy_re import lazy
from narrator.word.wordxml import Element

_SECT_PR = qn("w:sectPr")
_P, _P_PR, _P_STYLE, _VAL = (qn(f"w:{n}") for n in ("p", "pPr", "pStyle", "val"))
_R, _T = (qn(f"w:{n}") for n in ("r", "t"))
_XML_SPACE = qn("xml:space")


def set_paragraph_style(paragraph: Any, style_id: str | None) -> None:
    """Give a python-docx paragraph the style with `style_id` (None: the default style), as
    ``paragraph.style = name`` does once it has looked the name up."""
    paragraph._p.style = style_id


def append_paragraph(document: Any, style_id: str | None) -> Element:
    """A new, empty ``w:p`` at the end of the body (before the final ``w:sectPr``), in the
    style with `style_id` (None: the default style).

    The same XML as ``document.add_paragraph(style=name)``, in constant time: python-docx looks
    the style up by name and finds the section properties by scanning the whole body."""
    body = document.element.body
    p = _new_paragraph(style_id)
    try:
        last = body[-1]  # the last child directly (len() and find() walk every child)
    except IndexError:
        last = None
    if last is not None and last.tag == _SECT_PR:
        last.addprevious(p)
    else:
        body.append(p)
    return p


def _new_paragraph(style_id: str | None, parent: Element | None = None) -> Element:
    p = OxmlElement("w:p") if parent is None else SubElement(parent, _P)
    if style_id is not None:
        SubElement(SubElement(p, _P_PR), _P_STYLE, {_VAL: style_id})
    return p


def add_run(p_element: Element, text: str) -> Element:
    """Append a ``w:r`` holding `text` to a ``w:p`` and return it: what python-docx's
    ``paragraph.add_run(text)`` writes, without its object layer and its character-by-character
    loop (lxml's SubElement instead of python-docx's element factory: a tenth of the time)."""
    r = SubElement(p_element, _R)
    _set_run_text(r, text)
    return r


def _set_run_text(r: Element, text: str) -> None:
    """Give an empty ``w:r`` its text as python-docx does: tabs become ``w:tab``, line breaks
    ``w:br`` and the rest ``w:t`` (spaces kept when the text starts or ends with one)."""
    if "\t" in text or "\n" in text or "\r" in text:
        r.text = text
    elif text:
        t = SubElement(r, _T)
        t.text = text
        if len(text.strip()) < len(text):
            t.set(_XML_SPACE, "preserve")


_RUN_BREAKS = lazy(r"([\t\n\r])")

# xml.sax.saxutils escapes the same way, but importing it imports urllib.request, http.client
# and ssl: a tenth of a small build's start-up, for three replacements
_ATTRIBUTE_ESCAPES = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "\n": "&#10;",
        "\r": "&#13;",
        "\t": "&#9;",
    }
)


def escape(text: str) -> str:
    """`text` as XML character data: &, < and > escaped."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def quoteattr(value: str) -> str:
    """`value` as a double-quoted XML attribute value (tabs and line breaks kept as
    character references, as an attribute's own would be turned into spaces)."""
    return '"' + value.translate(_ATTRIBUTE_ESCAPES) + '"'


_BREAK_OR_EDGE_SPACE = re.compile(r"[\t\n\r]|^\s|\s$")


def run_xml(text: str) -> str:
    """The ``w:r`` python-docx writes for ``paragraph.add_run(text)``, as XML text: tabs become
    ``w:tab``, line breaks ``w:br`` and the rest ``w:t`` (spaces kept when a piece starts or
    ends with one). An empty text gives an empty run."""
    if not _BREAK_OR_EDGE_SPACE.search(text):
        return f"<w:r><w:t>{escape(text)}</w:t></w:r>" if text else "<w:r></w:r>"
    parts = ["<w:r>"]
    for piece in _RUN_BREAKS.split(text):
        if piece == "\t":
            parts.append("<w:tab/>")
        elif piece in ("\n", "\r"):
            parts.append("<w:br/>")
        elif piece:
            space = ' xml:space="preserve"' if len(piece.strip()) < len(piece) else ""
            parts.append(f"<w:t{space}>{escape(piece)}</w:t>")
    parts.append("</w:r>")
    return "".join(parts)
