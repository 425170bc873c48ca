"""Tracked word-level rewrites of one paragraph (narrator.word.text_changes)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from docx import Document

from narrator.word import revisions, text_changes, wordxml


def _paragraph(*runs: tuple[str, bool]) -> tuple[Any, Any]:
    document = Document()
    paragraph = document.add_paragraph()
    for text, bold in runs:
        paragraph.add_run(text).bold = bold
    return document, paragraph


def _bold_of(element: Any, path: str) -> list[tuple[str, bool]]:
    out = []
    for run in element.xpath(path):
        text = "".join(run.xpath("./w:t/text() | ./w:delText/text()"))
        out.append((text, bool(run.xpath("./w:rPr/w:b[not(@w:val='0' or @w:val='false')]"))))
    return out


def test_replaced_words_take_the_formatting_of_the_text_they_replace() -> None:
    document, paragraph = _paragraph(
        ("The figure was ", False), ("91.5%", True), (" in 2024.", False)
    )
    marks = revisions.marks_for(document, "narrator", datetime(2024, 9, 3))
    assert text_changes.rewrite(paragraph._p, "The figure was 91.8% in 2024.", marks)
    assert _bold_of(paragraph._p, "./w:del/w:r") == [("91.5%", True)]
    assert _bold_of(paragraph._p, "./w:ins/w:r") == [("91.8%", True)]
    assert wordxml.paragraph_text(paragraph._p) == "The figure was 91.8% in 2024."


def test_inserted_words_take_the_formatting_of_the_text_before_them() -> None:
    document, paragraph = _paragraph(("Take-up rose ", True), ("this term.", False))
    marks = revisions.marks_for(document, "narrator", datetime(2024, 9, 3))
    assert text_changes.rewrite(paragraph._p, "Take-up rose sharply this term.", marks)
    assert _bold_of(paragraph._p, "./w:ins/w:r") == [("sharply ", True)]
    assert not paragraph._p.xpath("./w:del")
    revisions.accept_all(document)
    assert paragraph.text == "Take-up rose sharply this term."
