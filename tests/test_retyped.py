"""Regenerate: a generated paragraph the reviewer retyped whole (select the paragraph, type) keeps
the reviewer's text and, after a data correction, carries the conflict comment with the new
figures; a paragraph deleted outright stays deleted. Checked on a python-docx edit and again
after a LibreOffice round trip."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from narrator.language.assemble import indicator_key
from narrator.word.wordxml import paragraph_text
from tests.docx_read import read_paragraphs
from tests.helpers import DELETED, EDITED, build, convert, corrected_data, paragraph_of

RETYPED = (
    "Take-up of funded early education by three-year-olds remains high, and the service "
    "expects it to hold through the autumn term."
)


def retype(source: Path, out: Path) -> None:
    """Do to `source` what Word does when a reviewer selects EDITED's whole paragraph and types
    over it: the old runs go, and the bookmark that was the paragraph's identity with them;
    DELETED's paragraph is deleted outright."""
    document = Document(str(source))
    p = paragraph_of(document, indicator_key(EDITED))._p
    for child in list(p):
        if child.tag != qn("w:pPr"):
            p.remove(child)
    run = p.makeelement(qn("w:r"), {})
    text = run.makeelement(qn("w:t"), {})
    text.text = RETYPED
    run.append(text)
    p.append(run)
    deleted = paragraph_of(document, indicator_key(DELETED))._p
    deleted.getparent().remove(deleted)
    document.save(str(out))


@pytest.fixture(params=["python-docx", "libreoffice"])
def retyped(
    request: pytest.FixtureRequest, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> Path:
    first = tmp_path / "report.docx"
    build(capsys, "-o", str(first))
    edited = tmp_path / "retyped.docx"
    retype(first, edited)
    if request.param == "libreoffice":
        if shutil.which("soffice") is None:
            pytest.skip("LibreOffice (soffice) not installed")
        edited = convert(edited, "docx", tmp_path)
    assert not any(p.key == indicator_key(EDITED) for p in read_paragraphs(edited))
    return edited


def test_a_retyped_paragraph_keeps_its_text_and_gets_the_conflict_comment(
    retyped: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    nxt = tmp_path / "next.docx"
    data = corrected_data(tmp_path)
    summary = build(capsys, "--data", str(data), "--previous", str(retyped), "-o", str(nxt))
    key = indicator_key(EDITED)
    assert f"retyped by the reviewer (kept as their wording): {key}" in summary
    assert f"conflict (your wording kept, see the comment): {key}" in summary
    assert f"deleted by the reviewer (not restored): {indicator_key(DELETED)}" in summary
    assert f"new (tracked insertion): {key}" not in summary

    paragraphs = read_paragraphs(nxt)
    (mine,) = [p for p in paragraphs if p.key == key]
    assert mine.text == RETYPED
    assert [p.text for p in paragraphs].count(RETYPED) == 1
    assert not any(p.key == indicator_key(DELETED) for p in paragraphs)

    document = Document(str(nxt))
    notes = [c for c in document.comments if c.author == "narrator"]
    (note,) = [c for c in notes if "93.4%" in c.text]
    anchored = document.element.body.xpath(
        f'.//w:p[w:commentRangeStart[@w:id="{note.comment_id}"]]'
    )
    assert len(anchored) == 1 and paragraph_text(anchored[0]) == RETYPED
    assert not anchored[0].xpath(".//w:ins | .//w:del")  # the reviewer's words are not tracked


def test_a_retyped_paragraph_whose_data_did_not_change_is_kept_without_a_comment(
    retyped: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    nxt = tmp_path / "same.docx"
    summary = build(capsys, "--previous", str(retyped), "-o", str(nxt))
    key = indicator_key(EDITED)
    assert f"retyped by the reviewer (kept as their wording): {key}" in summary
    assert "conflicts 0," in summary and "kept as edited 1," in summary
    (mine,) = [p for p in read_paragraphs(nxt) if p.key == key]
    assert mine.text == RETYPED
    assert not [c for c in Document(str(nxt)).comments if c.author == "narrator"]


def test_with_more_stand_ins_than_lost_paragraphs_nothing_is_guessed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = tmp_path / "report.docx"
    build(capsys, "-o", str(first))
    edited = tmp_path / "retyped.docx"
    retype(first, edited)
    document = Document(str(edited))
    retyped_p = next(p for p in document.paragraphs if p.text == RETYPED)
    extra = "A second paragraph the reviewer wrote."
    retyped_p.insert_paragraph_before(extra, style=retyped_p.style)
    document.save(str(edited))

    nxt = tmp_path / "next.docx"
    summary = build(capsys, "--previous", str(edited), "-o", str(nxt))
    assert "retyped by the reviewer" not in summary
    assert f"deleted by the reviewer (not restored): {indicator_key(EDITED)}" in summary
    texts = [p.text for p in read_paragraphs(nxt)]
    assert RETYPED in texts and extra in texts  # both kept, as the reviewer's own
