"""The write stage: a hand-built Report -> .docx, read back with tests/docx_read.py."""

from __future__ import annotations

import dataclasses
import re
import zipfile
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from narrator.report import (
    Appendix,
    Block,
    Properties,
    Report,
    Role,
    Trend,
)
from narrator.word import styles, tables
from narrator.word.numbering import style_num_id
from narrator.word.write import write_report
from tests.docx_read import ReadParagraph, read_paragraphs, read_table_rows
from tests.helpers import (
    APPENDIX_TITLE,
    COMMITTEE,
    RAG_KEY,
    ROWS,
    SUBTITLE,
    TITLE,
    convert,
    house_template,
    make_report,
    needs_soffice,
    report_blocks,
)


@pytest.fixture
def written(tmp_path: Path) -> Path:
    out = tmp_path / "report.docx"
    assert write_report(make_report(), out) == []
    return out


NUMBERED = "Numbered Paragraph"
_NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
}
EXPECTED_BODY: list[tuple[str, bool, str]] = [
    ("Report Committee", False, COMMITTEE),
    ("Report Title", False, TITLE),
    ("Report Subtitle", False, SUBTITLE),
    ("Heading 1", False, "Purpose of the Report"),
    (NUMBERED, True, "The purpose of this report is to present an update."),
    ("Heading 1", False, "Background and Overview"),
    (NUMBERED, True, "Quartile positions are added where data is available."),
    (NUMBERED, True, "2,000 children were seen in the quarter."),
    ("Heading 2", False, "Early years"),
    (NUMBERED, True, "In the Summer term 2024, 66% of eligible two-year-olds took up their FEEE."),
    (NUMBERED, True, "Recent national policy changes have broadened eligibility."),
    ("Heading 1", False, "Conclusion"),
    (NUMBERED, True, "The report summarises performance at the end of Quarter 1."),
    ("Heading 1", False, "Background Papers"),
    ("Report Plain", False, "None."),
    ("Heading 1", False, "Officers to Contact"),
    ("Report Plain", False, "Jane Moore, Director – Children and Families Service"),
]
EXPECTED_APPENDIX: list[tuple[str, bool, str]] = [
    ("Heading 1", False, APPENDIX_TITLE),
    ("Report Plain", False, ""),  # between the dashboard and the key: tables must not touch
    ("Report Figure", False, ""),  # the summary charts
    ("Caption", False, "Figure 1: Indicators by quartile, RAG rating and direction of travel"),
]


def _sequence(paragraphs: list[ReadParagraph]) -> list[tuple[str, bool, str]]:
    return [(p.style, p.numbered, p.text) for p in paragraphs]


def _part_xml(path: Path, member: str) -> bytes:
    with zipfile.ZipFile(path) as package:
        return package.read(member)


# --- body ------------------------------------------------------------------------------------


def test_it_writes_each_block_in_its_roles_style_in_order(written: Path) -> None:
    assert _sequence(read_paragraphs(written)) == EXPECTED_BODY + EXPECTED_APPENDIX


def test_body_paragraphs_share_one_list_and_carry_no_typed_numbers(written: Path) -> None:
    body = [p for p in read_paragraphs(written) if p.style == NUMBERED]
    assert len(body) == 6
    assert all(p.numbered for p in body)
    assert len({p.num_id for p in body}) == 1
    assert all(not re.match(r"\s*\d+[.)]\s", p.text) for p in body)
    others = [p for p in read_paragraphs(written) if p.style != NUMBERED]
    assert not any(p.numbered for p in others)


def test_the_list_is_decimal_with_a_hanging_indent_and_tied_to_the_style(written: Path) -> None:
    document = Document(str(written))
    style = document.styles[NUMBERED]
    num_id = style_num_id(style.element)
    numbering = document.part.numbering_part.element
    (abstract_id,) = numbering.xpath(f'./w:num[@w:numId="{num_id}"]/w:abstractNumId/@w:val')
    level = f'./w:abstractNum[@w:abstractNumId="{abstract_id}"]/w:lvl[@w:ilvl="0"]'
    assert numbering.xpath(f"{level}/w:numFmt/@w:val") == ["decimal"]
    assert numbering.xpath(f"{level}/w:lvlText/@w:val") == ["%1."]
    assert numbering.xpath(f"{level}/w:pStyle/@w:val") == [style.style_id]
    assert numbering.xpath(f"{level}/w:pPr/w:ind/@w:hanging") == ["567"]  # 1.0 cm
    # no paragraph numbers itself: the style does
    assert not document.element.body.xpath(".//w:p/w:pPr/w:numPr")


def test_headings_are_word_heading_styles_with_outline_levels(written: Path) -> None:
    document = Document(str(written))
    headings = [document.styles[name] for name in ("Heading 1", "Heading 2")]
    assert [style.font.bold for style in headings] == [True, True]
    levels = [style.element.xpath("./w:pPr/w:outlineLvl/@w:val") for style in headings]
    assert levels == [["0"], ["1"]]


def test_tracked_blocks_carry_their_key_and_fingerprint(written: Path) -> None:
    markers = {p.key: p.fingerprint for p in read_paragraphs(written) if p.key is not None}
    expected = {b.key: b.fingerprint for b in report_blocks() if b.key is not None}
    assert markers == expected


def test_markers_are_hidden_bookmarks_within_word_limits(written: Path) -> None:
    names = Document(str(written)).element.body.xpath(".//w:bookmarkStart/@w:name")
    assert len(names) == 5
    assert all(name.startswith("_nar_") and len(name) <= 40 for name in names)


def test_a_comment_is_anchored_on_its_paragraph(written: Path) -> None:
    document = Document(str(written))
    (comment,) = list(document.comments)
    assert comment.text == "The previous period is a different term."
    assert comment.author == "narrator"
    assert comment.timestamp == datetime(2024, 9, 3, tzinfo=UTC)
    anchored = [p for p in document.paragraphs if p._p.xpath('./w:commentRangeStart[@w:id="0"]')]
    assert [p.text for p in anchored] == [EXPECTED_BODY[9][2]]


def test_a_repeated_key_is_reported_and_both_paragraphs_stay_identified(tmp_path: Path) -> None:
    blocks = (Block(Role.BODY, "One.", "same", "f1"), Block(Role.BODY, "Two.", "same", "f2"))
    report = Report(blocks, Properties("t", created=date(2024, 1, 1)))
    warnings = write_report(report, tmp_path / "r.docx")
    assert warnings == ["key 'same' is used by more than one paragraph"]
    read = read_paragraphs(tmp_path / "r.docx")
    assert [(p.key, p.fingerprint) for p in read] == [("same", "f1"), ("same", "f2")]


def test_a_fingerprint_that_cannot_be_a_bookmark_name_is_refused(tmp_path: Path) -> None:
    report = Report((Block(Role.BODY, "x", "k", "not-hex!"),), Properties("t"))
    with pytest.raises(ValueError, match="fingerprint 'not-hex!'"):
        write_report(report, tmp_path / "r.docx")
    assert not (tmp_path / "r.docx").exists()


def test_long_keys_survive_in_the_key_map(tmp_path: Path) -> None:
    keys = [f"indicator {n} with a long, long name, commas = signs and % too" for n in range(40)]
    blocks = tuple(Block(Role.BODY, f"Text {n}.", key, f"{n:04x}") for n, key in enumerate(keys))
    write_report(Report(blocks, Properties("t")), tmp_path / "r.docx")
    assert [p.key for p in read_paragraphs(tmp_path / "r.docx")] == keys


# --- appendix ------------------------------------------------------------------------------


def test_appendix_table_has_a_header_and_a_row_per_indicator(written: Path) -> None:
    rows = read_table_rows(written)
    assert len(rows) == len(ROWS) + 1
    assert tuple(rows[0]) == Appendix("", (), ()).headers
    assert rows[1] == ["Early Years", "2 year olds taking up FEEE", "66%", "Summer 2024",
                       "71.2%", "Spring 2024", "Worsened", ">75%", "R", "N/A"]  # fmt: skip
    assert [row[0] for row in rows[1:]] == ["Early Years", "", "Education", "", "SEND"]
    assert rows[3][7:9] == ["N/A", "N/A"]  # no target, no RAG


def test_rag_cells_are_shaded_and_lettered(written: Path) -> None:
    table = Document(str(written)).tables[0]
    expected = {"R": "FF0000", "G": "00B050", "A": "FFC000", "N/A": None}
    for row in table.rows[1:]:
        cell = row.cells[8]
        assert tables.cell_fill(cell._tc) == expected[cell.text]
    letters = [row.cells[8].text for row in table.rows[1:]]
    assert letters == ["R", "G", "N/A", "A", "R"]


def test_header_row_repeats_on_each_page_and_rows_do_not_split(written: Path) -> None:
    table = Document(str(written)).tables[0]
    assert table.rows[0]._tr.xpath("./w:trPr/w:tblHeader")
    assert all(row._tr.xpath("./w:trPr/w:cantSplit") for row in table.rows)
    assert table.style is not None and table.style.name == styles.TABLE


def test_rag_key_is_a_shaded_table_after_the_dashboard(written: Path) -> None:
    key = Document(str(written)).tables[1]
    assert [(r.cells[0].text, r.cells[1].text) for r in key.rows] == [
        (rag.value, text) for rag, text in RAG_KEY
    ]
    fills = [tables.cell_fill(r.cells[0]._tc) for r in key.rows]
    assert fills == ["00B050", "FFC000", "FF0000"]


def test_appendix_is_a_landscape_section(written: Path) -> None:
    first, appendix = Document(str(written)).sections
    assert first.orientation == WD_ORIENT.PORTRAIT
    assert first.page_width is not None and first.page_height is not None
    assert first.page_width < first.page_height
    assert appendix.orientation == WD_ORIENT.LANDSCAPE
    assert (appendix.page_width, appendix.page_height) == (first.page_height, first.page_width)


def test_the_summaries_are_native_charts_whose_workbooks_hold_their_figures(
    written: Path,
) -> None:
    from tests.chartdata import read_charts, workbook_columns

    quartile, rag, direction = read_charts(written)
    assert [c.name for c in (quartile, rag, direction)] == [
        "narrator summary chart: quartile",
        "narrator summary chart: rag",
        "narrator summary chart: direction",
    ]
    assert [c.part for c in (quartile, rag, direction)] == [
        f"word/charts/chart{n}.xml" for n in (1, 2, 3)
    ]
    assert quartile.series == [
        ("Indicators", ["1st", "2nd", "3rd", "4th", "N/A"], [1.0, 0.0, 1.0, 2.0, 1.0])
    ]
    assert workbook_columns(quartile) == {
        "": ["1st", "2nd", "3rd", "4th", "N/A"],
        "Indicators": [1, 0, 1, 2, 1],
    }
    assert workbook_columns(rag)["Indicators"] == [1, 1, 2, 1]
    assert direction.series[0][1:] == (["Improved", "No change", "Worsened", "N/A"], [2, 2, 1, 0])
    assert quartile.description == "Quartile: 1st 1, 2nd 0, 3rd 1, 4th 2, N/A 1"
    assert (
        direction.description == "Direction of travel: Improved 2, No change 2, Worsened 1, N/A 0"
    )
    # the missing value's bar is grey, a RAG's bar its rating's colour
    fills = rag.xml.xpath(".//c:dPt/c:spPr/a:solidFill/a:srgbClr/@val", namespaces=_NS)
    assert fills == ["00B050", "FFC000", "FF0000", "BFBFBF"]
    assert quartile.xml.xpath(".//c:dPt[c:idx/@val='4']//a:srgbClr/@val", namespaces=_NS) == [
        "BFBFBF"
    ]
    # the chart's text is in the body text's font (the bundled template names Arial)
    assert set(rag.xml.xpath(".//a:latin/@typeface", namespaces=_NS)) == {"Arial"}


def test_the_summary_charts_are_captioned_as_word_captions(written: Path) -> None:
    document = Document(str(written))
    (caption,) = [p for p in document.paragraphs if p.style.name == "Caption"]
    (field,) = caption._p.xpath("./w:fldSimple")
    assert field.get(qn("w:instr")).split() == ["SEQ", "Figure", "\\*", "ARABIC"]
    figure = caption._p.getprevious()
    assert len(figure.xpath(".//c:chart")) == 3


def test_trend_charts_draw_each_series_with_its_target(tmp_path: Path) -> None:
    from tests.chartdata import read_charts, workbook_columns

    report = make_report()
    assert report.appendix is not None
    trends = (
        Trend(
            "EHCPs issued within 20 weeks",
            (
                ("2022", Decimal("3.8")),
                ("Q1 2023", None),
                ("2023", Decimal("6")),
                ("2024", Decimal("12.5")),
            ),
            target=Decimal("50"),
            decimals=1,
            suffix="%",
        ),
        Trend("2 year olds taking up FEEE", (("Spring 2024", Decimal("71.2")),)),  # one point
    )
    out = tmp_path / "trends.docx"
    write_report(
        dataclasses.replace(report, appendix=dataclasses.replace(report.appendix, trends=trends)),
        out,
    )
    *_, trend = read_charts(out)
    assert trend.name == "narrator trend chart: EHCPs issued within 20 weeks"
    labels = ["2022", "Q1 2023", "2023", "2024"]
    assert trend.series == [
        ("Value", labels, [3.8, None, 6.0, 12.5]),
        ("Target", labels, [50.0] * 4),
    ]
    assert workbook_columns(trend) == {
        "": labels,
        "Value": [3.8, None, 6, 12.5],
        "Target": [50, 50, 50, 50],
    }
    assert trend.xml.xpath(".//c:lineChart", namespaces=_NS)
    assert trend.xml.xpath(".//c:valAx/c:numFmt/@formatCode", namespaces=_NS) == ['0.0"%"']
    assert trend.xml.xpath(".//c:dispBlanksAs/@val", namespaces=_NS) == ["gap"]
    assert trend.description == (
        "EHCPs issued within 20 weeks: 2022 3.8%, Q1 2023 no figure, 2023 6.0%, 2024 12.5%; "
        "Target 50.0%"
    )
    captions = [p.text for p in read_paragraphs(out) if p.style == "Caption"]
    assert captions == [
        "Figure 1: Indicators by quartile, RAG rating and direction of travel",
        "Figure 2: Latest periods of each indicator with earlier figures",
    ]


def test_a_trend_chart_shows_the_latest_eight_periods_and_no_target_without_one() -> None:
    from narrator.word.charts.appendix import trend_chart

    report = make_report()
    assert report.appendix is not None
    points = tuple((f"Q{n}", Decimal(n)) for n in range(1, 11))
    chart = trend_chart(Trend("Referrals", points), report.appendix)
    assert chart is not None
    assert [label for label, _ in chart.points] == [f"Q{n}" for n in range(3, 11)]
    assert chart.target is None and chart.number_format == "0"
    assert (
        trend_chart(Trend("Referrals", (("Q1", Decimal(1)), ("Q2", None))), report.appendix) is None
    )


def test_no_appendix_means_one_portrait_section_and_no_tables(tmp_path: Path) -> None:
    out = tmp_path / "r.docx"
    write_report(make_report(appendix=False), out)
    document = Document(str(out))
    assert len(document.sections) == 1
    assert document.tables == []
    assert not document.inline_shapes._inline_lst
    assert _sequence(read_paragraphs(out)) == EXPECTED_BODY


# --- properties, determinism, atomicity ------------------------------------------------------


def test_core_properties_are_set(written: Path) -> None:
    core = Document(str(written)).core_properties
    assert core.title == "Quarter 1 2024/25 performance report"
    assert core.subject == "Children and Family Services performance"
    assert core.author == "Business Intelligence Service"
    assert core.keywords == "performance; scrutiny"
    assert core.created == datetime(2024, 9, 3, tzinfo=UTC)
    assert core.last_modified_by == "narrator"


def test_created_none_means_today(tmp_path: Path) -> None:
    write_report(make_report(created=None), tmp_path / "r.docx")
    created = Document(str(tmp_path / "r.docx")).core_properties.created
    assert created.date() == date.today()


def test_the_same_report_gives_the_same_bytes(tmp_path: Path) -> None:
    first, second = tmp_path / "a.docx", tmp_path / "b.docx"
    write_report(make_report(), first)
    write_report(make_report(), second)
    assert _part_xml(first, "word/document.xml") == _part_xml(second, "word/document.xml")
    assert first.read_bytes() == second.read_bytes()


def test_a_failure_while_writing_leaves_the_previous_report(
    written: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = written.read_bytes()

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("narrator.atomic.os.fsync", disk_full)
    with pytest.raises(OSError, match="the disk is full"):
        write_report(make_report(appendix=False), written)
    assert written.read_bytes() == before
    assert sorted(p.name for p in written.parent.iterdir()) == [written.name]


def test_a_failure_while_building_leaves_the_previous_report(
    written: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = written.read_bytes()

    def broken(*args: object, **kwargs: object) -> bytes:
        raise RuntimeError("chart failed")

    monkeypatch.setattr("narrator.word.charts.cache.render", broken)  # drawn or from the cache
    with pytest.raises(RuntimeError, match="chart failed"):
        write_report(make_report(), written)
    assert written.read_bytes() == before
    assert sorted(p.name for p in written.parent.iterdir()) == [written.name]


def test_a_template_that_is_not_a_docx_is_a_config_error(tmp_path: Path) -> None:
    from narrator.errors import ConfigError

    bad = tmp_path / "house.docx"
    bad.write_text("not a zip")
    with pytest.raises(ConfigError, match=r"house\.docx"):
        write_report(make_report(), tmp_path / "r.docx", template=bad)


# --- another template ------------------------------------------------------------------------


@pytest.mark.parametrize("numbering", [True, False], ids=["with-lists", "no-numbering-part"])
def test_a_house_template_keeps_its_look_and_gains_narrators_styles(
    tmp_path: Path, numbering: bool
) -> None:
    template = house_template(tmp_path / "house.docx", numbering=numbering)
    lists_before = _abstract_num_ids(Document(str(template)))
    out = tmp_path / "r.docx"
    warnings = write_report(make_report(), out, template=template)

    own = ("Heading 1", "Heading 2", "Caption")  # Word's, in python-docx's default template
    added = [s.name for s in styles.REQUIRED_STYLES if s.name not in own]
    assert warnings == [f"template lacks styles {', '.join(added)}: added"]
    from tests.chartdata import read_charts

    for chart in read_charts(out):  # the charts' text is in the house font
        assert set(chart.xml.xpath(".//a:latin/@typeface", namespaces=_NS)) == {"Times New Roman"}
    document = Document(str(out))
    section = document.sections[0]
    assert section.header.paragraphs[0].text == "HOUSE TEMPLATE"
    assert section.left_margin is not None and section.top_margin is not None
    assert (section.left_margin.cm, section.top_margin.cm) == pytest.approx((2, 1.5), abs=0.01)
    assert document.styles["Normal"].font.name == "Times New Roman"
    assert document.styles["Normal"].font.size == Pt(11)
    assert document.styles["Report Title"].font.name is None  # added styles inherit the font
    read = read_paragraphs(out)
    assert "Delete me: template body text." not in [p.text for p in read]
    assert _sequence(read) == EXPECTED_BODY + EXPECTED_APPENDIX
    body = [p for p in read if p.style == NUMBERED]
    assert all(p.numbered for p in body) and len({p.num_id for p in body}) == 1
    assert lists_before <= _abstract_num_ids(document)  # the template's lists are all kept


def test_writing_over_a_previous_report_as_template_adds_no_second_list(
    written: Path, tmp_path: Path
) -> None:
    again = tmp_path / "again.docx"
    assert write_report(make_report(), again, template=written) == []
    assert _abstract_num_ids(Document(str(again))) == _abstract_num_ids(Document(str(written)))
    assert _sequence(read_paragraphs(again)) == _sequence(read_paragraphs(written))


def test_a_previous_report_as_template_leaves_no_old_comments_or_pictures(
    written: Path, tmp_path: Path
) -> None:
    report = make_report()
    assert report.appendix is not None
    changed = dataclasses.replace(
        report,
        appendix=dataclasses.replace(report.appendix, quartile_counts={"1st": 5}),
    )
    again = tmp_path / "again.docx"
    write_report(changed, again, template=written)
    document = Document(str(again))
    assert len(list(document.comments)) == 1
    with zipfile.ZipFile(again) as package:
        assert not [n for n in package.namelist() if n.startswith("word/media/")]
        assert sorted(n for n in package.namelist() if n.startswith("word/charts/chart")) == [
            f"word/charts/chart{n}.xml" for n in (1, 2, 3)
        ]
        assert len([n for n in package.namelist() if n.startswith("word/embeddings/")]) == 3


def _abstract_num_ids(document: Any) -> set[str]:
    """The abstractNum ids of a document's lists; empty when it has no numbering part."""
    if not any(rel.reltype == RT.NUMBERING for rel in document.part.rels.values()):
        return set()
    numbering = document.part.numbering_part.element
    return set(numbering.xpath("./w:abstractNum/@w:abstractNumId"))


# --- LibreOffice -----------------------------------------------------------------------------


@needs_soffice
def test_libreoffice_renders_it_to_pdf(written: Path, tmp_path: Path) -> None:
    pdf = convert(written, "pdf", tmp_path)
    assert pdf.exists()
    assert pdf.stat().st_size > 0
    assert pdf.read_bytes().startswith(b"%PDF")


@needs_soffice
def test_markers_and_numbering_survive_a_libreoffice_round_trip(
    written: Path, tmp_path: Path
) -> None:
    round_tripped = convert(written, "docx", tmp_path)
    before, after = read_paragraphs(written), read_paragraphs(round_tripped)
    assert [(p.key, p.fingerprint, p.text) for p in after] == [
        (p.key, p.fingerprint, p.text) for p in before
    ]
    body = [p for p in after if p.style == NUMBERED]
    assert all(p.numbered for p in body) and len({p.num_id for p in body}) == 1
    assert [p.style for p in after] == [p.style for p in before]


def _grid(table: Any) -> list[int]:
    return [int(w) for w in table._tbl.xpath("./w:tblGrid/w:gridCol/@w:w")]


def test_the_appendix_fits_between_a_templates_wider_margins(tmp_path: Path) -> None:
    from narrator.word.write import add_dashboard_row

    template = house_template(tmp_path / "house.docx", numbering=True)
    document = Document(str(template))
    for side in ("left_margin", "right_margin"):
        setattr(document.sections[0], side, Cm(4))  # Letter landscape: 19.9 cm inside
    document.save(str(template))
    out = tmp_path / "r.docx"
    write_report(make_report(), out, template=template)

    document = Document(str(out))
    appendix = document.sections[-1]
    assert appendix.left_margin is not None and appendix.right_margin is not None
    assert appendix.page_width is not None
    inside = (appendix.page_width - appendix.left_margin - appendix.right_margin) / 635  # twips
    dashboard, key = document.tables
    assert inside - 10 < sum(_grid(dashboard)) <= inside
    assert sum(_grid(key)) <= inside
    charts = list(document.inline_shapes)
    assert len(charts) == 3 and sum(chart.width for chart in charts) / 635 <= inside
    for tr in dashboard._tbl.tr_lst:  # each cell as wide as its grid column
        assert [int(w) for w in tr.xpath("./w:tc/w:tcPr/w:tcW/@w:w")] == _grid(dashboard)
    # a row added on regeneration takes the narrowed grid's widths too
    added = add_dashboard_row(document, dashboard, ROWS[0], missing="N/A")
    assert [int(w) for w in added.xpath("./w:tc/w:tcPr/w:tcW/@w:w")] == _grid(dashboard)


def test_the_appendix_keeps_its_widths_where_they_fit(written: Path) -> None:
    dashboard, key = Document(str(written)).tables
    assert _grid(dashboard) == [
        Cm(cm).twips for cm in (2.6, 6.2, 2.0, 2.2, 2.0, 2.2, 2.4, 1.9, 1.2, 1.9)
    ]
    assert _grid(key) == [Cm(1.2).twips, Cm(18).twips]


def test_a_templates_header_inherited_from_an_earlier_section_is_kept(tmp_path: Path) -> None:
    """A cover-page section then a body section set to "link to previous": clearing the body
    removes the first section, and the header and footer it defined must stay."""
    from docx.enum.section import WD_SECTION

    document = Document()
    document.sections[0].header.paragraphs[0].text = "COUNTY COUNCIL"
    document.sections[0].footer.paragraphs[0].text = "OFFICIAL"
    document.add_paragraph("Cover page")
    document.add_section(WD_SECTION.NEW_PAGE)
    assert document.sections[1].header.is_linked_to_previous
    template = tmp_path / "two-sections.docx"
    document.save(str(template))

    out = tmp_path / "r.docx"
    write_report(make_report(), out, template=template)
    for section in Document(str(out)).sections:  # the report's and the appendix's
        assert [p.text for p in section.header.paragraphs] == ["COUNTY COUNCIL"]
        assert [p.text for p in section.footer.paragraphs] == ["OFFICIAL"]


def test_a_word_template_dotx_serves_as_the_house_template(tmp_path: Path) -> None:
    """Councils often keep their house style as a Word template (.dotx), whose main part has
    the template content type python-docx refuses; the report is still a .docx."""
    docx = house_template(tmp_path / "house.docx", numbering=True)
    dotx = tmp_path / "house.dotx"
    template_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.template"
    with zipfile.ZipFile(docx) as src, zipfile.ZipFile(dotx, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = data.replace(
                    b"wordprocessingml.document.main+xml", b"wordprocessingml.template.main+xml"
                )
            dst.writestr(info, data)
    assert template_type.encode() in zipfile.ZipFile(dotx).read("[Content_Types].xml")

    out = tmp_path / "r.docx"
    write_report(make_report(), out, template=dotx)
    types = zipfile.ZipFile(out).read("[Content_Types].xml")
    assert template_type.encode() not in types
    assert b"wordprocessingml.document.main+xml" in types
    document = Document(str(out))
    assert document.sections[0].header.paragraphs[0].text == "HOUSE TEMPLATE"
    assert _sequence(read_paragraphs(out)) == EXPECTED_BODY + EXPECTED_APPENDIX


def test_a_template_saved_by_libreoffice_keeps_one_core_properties_part(
    written: Path, tmp_path: Path
) -> None:
    """LibreOffice names the core-properties relationship ``officedocument/...`` (lower-case
    d); python-docx would not see it and add a second docProps/core.xml, which Word rejects."""
    from tests.wordcheck import problems

    legacy = "http://schemas.openxmlformats.org/officedocument/2006/relationships/metadata/"
    template = tmp_path / "saved-by-libreoffice.docx"
    with zipfile.ZipFile(written) as src, zipfile.ZipFile(template, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "_rels/.rels":
                data = data.replace(
                    b"http://schemas.openxmlformats.org/package/2006/relationships/metadata/",
                    legacy.encode(),
                )
                assert legacy.encode() in data
            dst.writestr(info, data)
    out = tmp_path / "r.docx"
    write_report(make_report(), out, template=template)
    assert zipfile.ZipFile(out).namelist().count("docProps/core.xml") == 1
    assert problems(out) == []
    assert Document(str(out)).core_properties.title == "Quarter 1 2024/25 performance report"


def it_writes_a_run_alike_as_element_and_as_xml_text() -> None:
    """Body runs are made as elements (runs.add_run), table runs as XML text
    (runs.run_xml): the two must give python-docx's run for any text."""
    from docx import Document
    from lxml import etree

    from narrator.word import runs

    texts = ["", "92.2%", " leading", "trailing ", "a\tb", "two\nlines\r\nand & <more>", "\t"]
    compared = []
    for text in texts:
        document = Document()
        by_docx = document.add_paragraph().add_run(text)._r
        by_element = runs.add_run(document.add_paragraph()._p, text)
        table = document.add_table(rows=0, cols=1)
        (row,) = tables.append_rows(table, [[tables.TableCell(text, None, 1000)]])
        by_text = row.find(".//" + by_element.tag)
        expected = etree.tostring(by_docx)
        assert etree.tostring(by_element) == expected, text
        assert etree.tostring(by_text) == expected, text
        compared.append(text)
    assert compared == texts
