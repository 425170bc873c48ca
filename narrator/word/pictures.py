"""Pictures: a picture's name and alt text (``wp:docPr``), found again and its image replaced."""

from __future__ import annotations

from typing import Any

from docx.oxml.ns import qn

from narrator.word.wordxml import Element

_P = qn("w:p")


def set_alt_text(inline_shape: Any, description: str) -> None:
    """Alt text for a picture, read by screen readers (wp:docPr/@descr)."""
    inline_shape._inline.docPr.set("descr", description)


def set_picture_name(inline_shape: Any, name: str) -> None:
    """A picture's name (wp:docPr/@name, shown in Word's Selection Pane)."""
    inline_shape._inline.docPr.set("name", name)


def find_picture(document: Any, name: str, style: str) -> Any:
    """The inline picture named `name` (see set_picture_name); failing that, the last one in a
    paragraph of style `style` (reports written before pictures were named). None when there
    is neither, so a picture someone else added is never taken for it."""
    from docx.text.paragraph import Paragraph

    shapes = list(document.inline_shapes)
    for shape in shapes:
        if shape._inline.docPr.get("name") == name:
            return shape
    for shape in reversed(shapes):
        p = shape._inline.getparent()
        while p is not None and p.tag != _P:
            p = p.getparent()
        paragraph_style = Paragraph(p, document._body).style if p is not None else None
        if paragraph_style is not None and paragraph_style.name == style:
            return shape
    return None


def picture_alt_texts(p_element: Element) -> list[str]:
    """The alt texts of the pictures in a paragraph."""
    return [str(v) for v in p_element.xpath(".//wp:docPr/@descr")]


def replace_picture(document: Any, inline_shape: Any, png: bytes, description: str) -> None:
    """Give an inline picture new image bytes and alt text, keeping its size and place."""
    rel_id = inline_shape._inline.graphic.graphicData.pic.blipFill.blip.embed
    document.part.related_parts[rel_id]._blob = png
    set_alt_text(inline_shape, description)
