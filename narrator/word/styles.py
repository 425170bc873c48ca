"""Which Word style each part of the report uses, and the styles a template must provide.

Code names styles and never sets fonts on runs: the look lives in the reference document
(templates/reference.docx), or in an officer's own template. `ensure_styles` adds only what a
template lacks, with structural settings (bold, spacing, keep with next, outline level) and no
font, so added styles take the template's own Normal font.

``python -m narrator.word.styles templates/reference.docx`` rebuilds the bundled reference document:
A4, 2.54 cm margins, Arial 12 pt, bold black headings, a page number in the footer.
"""

from __future__ import annotations

import io
import sys
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Mm, Pt, RGBColor

from narrator.model import Rag
from narrator.report import Role
from narrator.word import numbering, package, sections, spliced, tables

COMMITTEE = "Report Committee"
TITLE = "Report Title"
SUBTITLE = "Report Subtitle"
HEADING = "Heading 1"
SUBHEADING = "Heading 2"
NUMBERED = "Numbered Paragraph"
PLAIN = "Report Plain"
TABLE = "Dashboard Table"
TABLE_TEXT = "Dashboard Text"
TABLE_HEADER = "Dashboard Header"
FIGURE = "Report Figure"
CAPTION = "Caption"  # Word's own: its caption dialog and table of figures use it

ROLE_STYLES: dict[Role, str] = {
    Role.COMMITTEE: COMMITTEE,
    Role.TITLE: TITLE,
    Role.SUBTITLE: SUBTITLE,
    Role.HEADING: HEADING,
    Role.SUBHEADING: SUBHEADING,
    Role.BODY: NUMBERED,
    Role.PLAIN: PLAIN,
}

RAG_FILLS: dict[Rag, str] = {Rag.GREEN: "00B050", Rag.AMBER: "FFC000", Rag.RED: "FF0000"}
"""Cell shading for each RAG rating (hex RRGGBB); the letter is printed too."""

HEADER_FILL = "D9D9D9"
"""Shading of the appendix table's header row."""

BODY_INDENT_TWIPS = 567
"""Hanging indent of numbered paragraphs: 1.0 cm."""


@dataclass(frozen=True)
class StyleSpec:
    """A style narrator needs. Each None means "not set here: inherit from `base`"."""

    name: str
    kind: WD_STYLE_TYPE = WD_STYLE_TYPE.PARAGRAPH
    base: str | None = "Normal"
    bold: bool | None = None
    size_pt: float | None = None
    space_before_pt: float | None = None
    space_after_pt: float | None = None
    keep_with_next: bool | None = None
    outline_level: int | None = None
    alignment: WD_ALIGN_PARAGRAPH | None = None


REQUIRED_STYLES: tuple[StyleSpec, ...] = (
    StyleSpec(COMMITTEE, bold=True, space_after_pt=12, keep_with_next=True),
    StyleSpec(TITLE, bold=True, space_before_pt=12, space_after_pt=12, keep_with_next=True),
    StyleSpec(SUBTITLE, bold=True, space_after_pt=18, keep_with_next=True),
    StyleSpec(
        HEADING,
        bold=True,
        space_before_pt=12,
        space_after_pt=6,
        keep_with_next=True,
        outline_level=0,
    ),
    StyleSpec(
        SUBHEADING,
        bold=True,
        space_before_pt=12,
        space_after_pt=6,
        keep_with_next=True,
        outline_level=1,
    ),
    StyleSpec(NUMBERED, space_after_pt=12),
    StyleSpec(PLAIN, space_after_pt=6),
    StyleSpec(FIGURE, space_before_pt=12, alignment=WD_ALIGN_PARAGRAPH.CENTER),
    StyleSpec(CAPTION, bold=True, space_before_pt=6, space_after_pt=12),
    StyleSpec(TABLE_TEXT, size_pt=9, space_before_pt=0, space_after_pt=0),
    StyleSpec(TABLE_HEADER, base=TABLE_TEXT, bold=True, keep_with_next=True),
    StyleSpec(TABLE, kind=WD_STYLE_TYPE.TABLE, base=None),
)


def ensure_styles(document: Any) -> list[str]:
    """Add each required style the document lacks; return the names added, in order.

    Styles the document already has are left exactly as they are (the template's look wins).
    """
    from docx.styles import BabelFish

    present = style_names(document)
    added: list[str] = []
    for spec in REQUIRED_STYLES:
        if BabelFish.ui2internal(spec.name) not in present:
            _add_style(document, spec)
            added.append(spec.name)
            present.add(BabelFish.ui2internal(spec.name))
    return added


def style_names(document: Any) -> set[str]:
    """The names (as styles.xml writes them: "heading 1") of the document's styles, each style's
    first w:name as python-docx reads it, in one XPath query: python-docx's `name in
    document.styles` reads every style's name through its proxies each time (6 ms for the
    required styles against the bundled template's 173)."""
    return {str(name) for name in document.styles.element.xpath("w:style/w:name[1]/@w:val")}


def _add_style(document: Any, spec: StyleSpec) -> None:
    style = document.styles.add_style(spec.name, spec.kind)
    if spec.kind == WD_STYLE_TYPE.TABLE:
        if "Normal Table" in document.styles:
            style.base_style = document.styles["Normal Table"]
        tables.set_table_borders(style)
        return
    if spec.base is not None and spec.base in document.styles:
        style.base_style = document.styles[spec.base]
    style.next_paragraph_style = style if spec.name in (NUMBERED, PLAIN) else None
    apply_spec(style, spec)


def apply_spec(style: Any, spec: StyleSpec) -> None:
    """Set the settings a spec names on a paragraph style; leave the others inherited."""
    if spec.bold is not None:
        style.font.bold = spec.bold
    if spec.size_pt is not None:
        style.font.size = Pt(spec.size_pt)
    fmt = style.paragraph_format
    if spec.space_before_pt is not None:
        fmt.space_before = Pt(spec.space_before_pt)
    if spec.space_after_pt is not None:
        fmt.space_after = Pt(spec.space_after_pt)
    if spec.keep_with_next is not None:
        fmt.keep_with_next = spec.keep_with_next
    if spec.alignment is not None:
        fmt.alignment = spec.alignment
    if spec.outline_level is not None:
        sections.set_outline_level(style, spec.outline_level)


def attach_body_numbering(document: Any) -> int:
    """Number the "Numbered Paragraph" style (see numbering.ensure_body_numbering); its numId."""
    return numbering.ensure_body_numbering(
        document, document.styles[NUMBERED], indent_twips=BODY_INDENT_TWIPS
    )


# ---------------------------------------------------------------------------------------------
# the bundled reference document

FONT = "Arial"
FONT_PT = 12


def build_reference() -> Any:
    """The reference document: python-docx's default template given the committee report look."""
    document = Document()
    sections.clear_body(document)
    _house_fonts(document)
    for name in (HEADING, SUBHEADING, "Heading 3", "Title", CAPTION):
        _plain_black_heading(document.styles[name])
    ensure_styles(document)
    for spec in REQUIRED_STYLES:
        if spec.kind == WD_STYLE_TYPE.PARAGRAPH:
            apply_spec(document.styles[spec.name], spec)
    attach_body_numbering(document)
    _page_setup(document)
    package.drop_thumbnail(document)
    props = document.core_properties
    props.author = props.comments = props.last_modified_by = ""
    props.title = "Overview and Scrutiny performance report"
    return document


def _house_fonts(document: Any) -> None:
    sections.set_all_fonts(sections.default_run_properties(document), FONT)
    normal = document.styles["Normal"]
    normal.font.name = FONT
    sections.set_all_fonts(normal.element.get_or_add_rPr(), FONT)
    normal.font.size = Pt(FONT_PT)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0


def _plain_black_heading(style: Any) -> None:
    """Bold, black, body font and size: the committee report's headings."""
    sections.drop_theme_fonts(style.element.rPr)
    style.font.name = FONT
    style.font.size = Pt(FONT_PT)
    style.font.bold = True
    style.font.italic = False
    style.font.color.rgb = RGBColor(0, 0, 0)


def _page_setup(document: Any) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
        setattr(section, side, Cm(2.54))
    section.header_distance = section.footer_distance = Cm(1.25)
    footer = section.footer
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    sections.add_page_number(paragraph)


def save_stable(document: Any, out: Path) -> None:
    """Save with fixed zip timestamps, so the same document gives the same bytes."""
    out.write_bytes(stable_bytes(document))


def stable_bytes(document: Any) -> bytes:
    """The .docx bytes of a document, zip entries dated 1980-01-01 (python-docx stamps now).

    The package is written as python-docx's ``OpcPackage.save`` writes it (the same entries,
    in the same order, with the same bytes: a test compares them) but through a zip writer
    that dates every entry, instead of saving and then copying every entry into a second zip
    (which compressed the document twice: a tenth of a large build). A part with table rows
    kept as bytes (narrator.word.spliced) is serialized straight into its entry, the rows put
    in on the way, never held whole in memory."""
    from docx.opc.pkgwriter import PackageWriter

    package = document.part.package
    for part in package.parts:
        part.before_marshal()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        # python-docx's writer interface, by duck typing
        writer: Any = _DatedZipWriter(archive)
        steps: Any = PackageWriter  # the steps of PackageWriter.write, which opens its own zip
        steps._write_content_types_stream(writer, package.parts)
        steps._write_pkg_rels(writer, package.rels)
        for part in package.parts:  # PackageWriter._write_parts, with the rows spliced in
            if spliced.has_rows(part):
                writer.write_spliced(part)
            else:
                writer.write(part.partname, part.blob)
            if len(part.rels):
                writer.write(part.partname.rels_uri, part.rels.xml)
    return out.getvalue()


@dataclass(frozen=True)
class _DatedZipWriter:
    """python-docx's physical package writer interface (``write(pack_uri, blob)``) over a zip
    archive whose entries all carry one fixed date, so the same document gives the same bytes."""

    archive: zipfile.ZipFile

    def write(self, pack_uri: Any, blob: bytes) -> None:
        self.archive.writestr(self._info(pack_uri), blob)

    def write_spliced(self, part: Any) -> None:
        """Write an XML part as python-docx serializes it (``serialize_part_xml``), streamed
        into its entry with its kept rows spliced in: the same bytes (a test compares them)."""
        from lxml import etree

        entry = self.archive.open(self._info(part.partname), "w")
        with entry, spliced.Splicer(part, entry) as splicer:
            etree.ElementTree(part._element).write(splicer, encoding="UTF-8", standalone=True)

    @staticmethod
    def _info(pack_uri: Any) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(pack_uri.membername, date_time=(1980, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        return info


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m narrator.word.styles OUT.docx``: write the reference document to OUT."""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1:
        print("usage: python -m narrator.word.styles OUT.docx", file=sys.stderr)
        return 2
    save_stable(build_reference(), Path(args[0]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
