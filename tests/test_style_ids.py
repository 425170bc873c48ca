"""narrator.word.sections' style look-ups, read in one pass over styles.xml, give python-docx's
answers: the same ids (None for the default style) for every style of the bundled template and
of python-docx's own, and the same names in `styles.style_names`."""

from __future__ import annotations

import io
from typing import Any

import pytest
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn

from narrator.word import sections, styles
from narrator.word.write import bundled_template


def _documents() -> list[Any]:
    plain = Document()  # python-docx's own template
    odd = Document(io.BytesIO(bundled_template()))
    for style in odd.styles.element.iterchildren(qn("w:style")):
        if style.get(qn("w:type")) in ("paragraph", "table"):  # every one marked default:
            style.set(qn("w:default"), "true")  # the last of each type is the default
    return [Document(io.BytesIO(bundled_template())), plain, odd]


@pytest.mark.parametrize("document", _documents())
def it_finds_the_ids_python_docx_finds(document: Any) -> None:
    kinds = {"paragraph": WD_STYLE_TYPE.PARAGRAPH, "table": WD_STYLE_TYPE.TABLE}
    checked = 0
    for style in document.styles:
        for wanted, kind in kinds.items():
            if style.type == kind and style.name is not None:
                expected = document.part.get_style_id(style.name, kind)
                assert sections.style_id(document, style.name, wanted) == expected
                checked += 1
    assert checked > 5
    paragraphs = [s.name for s in document.styles if s.type == WD_STYLE_TYPE.PARAGRAPH]
    expected_ids = {n: document.part.get_style_id(n, WD_STYLE_TYPE.PARAGRAPH) for n in paragraphs}
    assert sections.paragraph_style_ids(document, paragraphs) == expected_ids
    names = {s.element.name_val for s in document.styles}
    assert styles.style_names(document) == names


def it_refuses_a_style_of_another_type_as_python_docx_does() -> None:
    document = Document(io.BytesIO(bundled_template()))
    with pytest.raises(ValueError, match="need type TABLE"):
        sections.style_id(document, styles.HEADING, "table")
    with pytest.raises(KeyError):
        sections.style_id(document, "No Such Style")
