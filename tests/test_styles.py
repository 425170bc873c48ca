"""Role -> style names, ensure_styles, and the bundled reference document."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import pytest
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.shared import Pt, RGBColor

from narrator.report import Role
from narrator.word import numbering, styles

REFERENCE = files("narrator.templates").joinpath("reference.docx")


def test_every_role_has_a_required_paragraph_style() -> None:
    required = {s.name for s in styles.REQUIRED_STYLES if s.kind == WD_STYLE_TYPE.PARAGRAPH}
    assert set(Role) == set(styles.ROLE_STYLES)
    assert set(styles.ROLE_STYLES.values()) <= required
    assert styles.ROLE_STYLES[Role.HEADING] == "Heading 1"
    assert styles.ROLE_STYLES[Role.SUBHEADING] == "Heading 2"


def test_ensure_styles_adds_what_is_missing_once() -> None:
    document = Document()
    added = styles.ensure_styles(document)
    own = ("Heading 1", "Heading 2", "Caption")  # Word's, in python-docx's default template
    assert added == [s.name for s in styles.REQUIRED_STYLES if s.name not in own]
    assert styles.ensure_styles(document) == []
    assert document.styles[styles.TITLE].font.bold
    assert document.styles[styles.TABLE].type == WD_STYLE_TYPE.TABLE
    assert document.styles[styles.TABLE_HEADER].base_style.name == styles.TABLE_TEXT


def test_ensure_styles_leaves_a_templates_own_styles_alone() -> None:
    document = Document()
    heading = document.styles["Heading 1"]
    heading.font.color.rgb = RGBColor(0x12, 0x34, 0x56)
    heading.font.size = Pt(20)
    styles.ensure_styles(document)
    assert heading.font.color.rgb == RGBColor(0x12, 0x34, 0x56)
    assert heading.font.size == Pt(20)


def test_added_heading_styles_are_outline_levels() -> None:
    document = Document()
    for name in ("Heading 1", "Heading 2"):
        document.styles[name].element.getparent().remove(document.styles[name].element)
    assert "Heading 1" not in document.styles
    added = styles.ensure_styles(document)
    assert added[3:5] == ["Heading 1", "Heading 2"]
    for name, level in (("Heading 1", "0"), ("Heading 2", "1")):
        assert document.styles[name].element.xpath("./w:pPr/w:outlineLvl/@w:val") == [level]


def test_the_reference_document_has_the_committee_report_look() -> None:
    document = Document(str(REFERENCE))
    assert styles.ensure_styles(document) == []
    normal = document.styles["Normal"]
    assert (normal.font.name, normal.font.size) == ("Arial", Pt(12))
    for name in ("Heading 1", "Heading 2"):
        heading = document.styles[name]
        assert heading.font.bold and heading.font.color.rgb == RGBColor(0, 0, 0)
        assert heading.font.name == "Arial"
        assert not heading.element.xpath("./w:rPr/w:rFonts/@w:asciiTheme")
    section = document.sections[0]
    size = (section.page_width, section.page_height)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [length.mm for length in size if length is not None] == pytest.approx(
        [210, 297], abs=0.1
    )
    assert [margin.cm for margin in margins if margin is not None] == pytest.approx(
        [2.54] * 4, abs=0.01
    )
    assert section.footer.paragraphs[0]._p.xpath('./w:fldSimple[@w:instr=" PAGE "]')
    assert numbering.style_num_id(document.styles[styles.NUMBERED].element) is not None
    assert document.paragraphs == []


def test_the_committed_reference_document_is_up_to_date(tmp_path: Path) -> None:
    rebuilt = tmp_path / "reference.docx"
    assert styles.main([str(rebuilt)]) == 0
    assert rebuilt.read_bytes() == REFERENCE.read_bytes(), (
        "templates/reference.docx is stale: "
        "run python -m narrator.word.styles templates/reference.docx"
    )


def test_main_wants_one_output_path(capsys: pytest.CaptureFixture[str]) -> None:
    assert styles.main([]) == 2
    assert "usage" in capsys.readouterr().err


def it_writes_the_package_as_python_docx_saves_it_but_dated_once(tmp_path: Path) -> None:
    """stable_bytes drives python-docx's own package-writing steps through a dated zip writer:
    the entries, their order and their bytes must be python-docx's, only the dates differ."""
    import io
    import zipfile

    from narrator.pipeline import prepare, report_of
    from narrator.word.write import write_report
    from tests.conftest import SAMPLE_CONFIG

    out = tmp_path / "report.docx"
    write_report(report_of(prepare(SAMPLE_CONFIG)), out)
    document = Document(str(out))
    saved = io.BytesIO()
    document.save(saved)
    ours = styles.stable_bytes(document)
    with zipfile.ZipFile(saved) as theirs_zip, zipfile.ZipFile(io.BytesIO(ours)) as ours_zip:
        theirs_entries = [(i.filename, theirs_zip.read(i)) for i in theirs_zip.infolist()]
        ours_entries = [(i.filename, ours_zip.read(i)) for i in ours_zip.infolist()]
        assert {i.date_time for i in ours_zip.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert {i.compress_type for i in ours_zip.infolist()} == {zipfile.ZIP_DEFLATED}
    assert ours_entries == theirs_entries
    assert styles.stable_bytes(document) == ours  # the same document, the same bytes
