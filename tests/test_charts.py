"""Native Word charts: the trend-chart hook, LibreOffice opening and rendering the charts with
their data, repeatable bytes, and python-pptx kept inside narrator.word.charts."""

from __future__ import annotations

import ast
import dataclasses
import io
import zipfile
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from hypothesis import given, settings
from hypothesis import strategies as st

from narrator.model import TargetKind
from narrator.report import Report, Trend
from narrator.units import Unit
from narrator.word.write import write_report
from tests.chartdata import read_charts, workbook_columns
from tests.helpers import convert, make_report, needs_soffice

NARRATOR = Path(__file__).resolve().parent.parent / "narrator"
SERIES = (
    ("Q1 2023/24", Decimal("49.5")),
    ("Q2 2023/24", Decimal("51.0")),
    ("Q3 2023/24", None),
    ("Q4 2023/24", Decimal("55.25")),
    ("Q1 2024/25", Decimal("58.0")),
)


def _with_trends(report: Report, *trends: Trend) -> Report:
    assert report.appendix is not None
    return dataclasses.replace(report, appendix=dataclasses.replace(report.appendix, trends=trends))


def _trend_report() -> Report:
    """The hand-built report of test_write with two indicators' trends: a percentage with a
    target and a gap, and a count without a target."""
    return _with_trends(
        make_report(),
        Trend("EHCPs issued within 20 weeks", SERIES, Decimal("60"), 1, "%"),
        Trend(
            "Children in need",
            tuple((f"Month {n}", Decimal(3400 + 25 * n)) for n in range(1, 7)),
        ),
    )


@pytest.fixture
def trend_docx(tmp_path: Path) -> Path:
    out = tmp_path / "trends.docx"
    write_report(_trend_report(), out)
    return out


# --- the hook: a series on an indicator becomes its trend chart --------------------------------


def test_an_indicator_with_a_series_gets_a_trend_with_its_target(prepared_q1: Any) -> None:
    from narrator.language.appendix import build_appendix
    from narrator.language.realise import Realiser

    contexts = [t.context for t in prepared_q1.texts]
    targeted = next(
        c
        for c in contexts
        if c.indicator.target is not None
        and c.indicator.target.value is not None
        and c.indicator.target.kind not in (TargetKind.INCREASE, TargetKind.REDUCE)
    )
    other = next(c for c in contexts if c is not targeted)
    realiser = Realiser(prepared_q1.phrasebook, prepared_q1.config.area)
    appendix = build_appendix(
        "Dashboard", contexts, realiser, histories={targeted.name: SERIES, "Not here": SERIES}
    )
    (trend,) = appendix.trends
    assert trend == Trend(
        targeted.name,
        SERIES,
        targeted.indicator.target.value,
        targeted.decimals,
        "%" if targeted.unit is Unit.PERCENTAGE else "",
    )
    assert other.name not in {t.indicator for t in appendix.trends}
    assert build_appendix("Dashboard", contexts, realiser).trends == ()
    # the words come from the phrasebook
    assert appendix.figures.label == "Figure"
    assert appendix.figures.target == "Target"


def test_a_report_with_trend_charts_holds_their_figures(trend_docx: Path) -> None:
    *_, percent, count = read_charts(trend_docx)
    assert percent.name == "narrator trend chart: EHCPs issued within 20 weeks"
    labels = [label for label, _ in SERIES]
    assert percent.series == [
        ("Value", labels, [49.5, 51.0, None, 55.25, 58.0]),
        ("Target", labels, [60.0] * 5),
    ]
    assert workbook_columns(percent)["Value"] == [49.5, 51, None, 55.25, 58]
    months = [f"Month {n}" for n in range(1, 7)]
    counts = [3425, 3450, 3475, 3500, 3525, 3550]
    assert count.series == [("Value", months, [float(n) for n in counts])]  # no target line
    assert workbook_columns(count) == {"": months, "Value": counts}


def test_charts_are_regenerated_with_a_new_series(trend_docx: Path, tmp_path: Path) -> None:
    from narrator.word.charts.appendix import update_figures

    document = Document(str(trend_docx))
    newer = (*SERIES[1:], ("Q2 2024/25", Decimal("61.5")))
    report = _with_trends(
        make_report(), Trend("EHCPs issued within 20 weeks", newer, Decimal("60"), 1, "%")
    )
    assert report.appendix is not None
    update_figures(document, report.appendix, datetime(2024, 9, 3))
    out = tmp_path / "updated.docx"
    document.save(str(out))
    *_, percent = read_charts(out)  # "Children in need" has no series now: its chart goes
    assert percent.series[0][1] == [label for label, _ in newer]
    assert percent.series[0][2] == [51.0, None, 55.25, 58.0, 61.5]
    assert workbook_columns(percent)["Value"] == [51, None, 55.25, 58, 61.5]


# --- repeatable bytes -------------------------------------------------------------------------


def test_the_charts_and_their_workbooks_give_the_same_bytes(tmp_path: Path) -> None:
    first, second = tmp_path / "a.docx", tmp_path / "b.docx"
    write_report(_trend_report(), first)
    write_report(_trend_report(), second)
    assert first.read_bytes() == second.read_bytes()
    for chart in read_charts(first):
        with zipfile.ZipFile(io.BytesIO(chart.workbook_bytes)) as workbook:
            core = workbook.read("docProps/core.xml").decode()
            assert "2024-09-03T00:00:00Z" in core  # the report's date, not the clock's
            assert {info.date_time for info in workbook.infolist()} == {(1980, 1, 1, 0, 0, 0)}


# --- LibreOffice ------------------------------------------------------------------------------


@needs_soffice
def test_libreoffice_opens_the_charts_with_their_data(trend_docx: Path, tmp_path: Path) -> None:
    """A LibreOffice save keeps each chart, its figures and its embedded workbook ("Edit Data"
    reads it): it opened them as charts, not as pictures."""
    saved = convert(trend_docx, "docx", tmp_path)
    before, after = read_charts(trend_docx), read_charts(saved)
    assert [c.series for c in after] == [c.series for c in before]
    assert [c.workbook for c in after] == [c.workbook for c in before]


@needs_soffice
def test_libreoffice_renders_the_charts_to_pdf(trend_docx: Path, tmp_path: Path) -> None:
    import shutil
    import subprocess

    pdf = convert(trend_docx, "pdf", tmp_path)
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        # the charts' own text is drawn: titles, categories, legend, captions
        for words in (
            "EHCPs issued within 20 weeks",
            "Q4 2023/24",
            "Target",
            "Direction of travel",
        ):
            assert words in text
        assert "Figure 2: Latest periods of each indicator with earlier figures" in text


# --- python-pptx stays in narrator.word.charts --------------------------------------------------


def _imports(path: Path) -> list[tuple[str, bool]]:
    """The modules a file imports, each with whether the import is at module level."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top = {id(node) for node in tree.body}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, id(node) in top) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.append((node.module, id(node) in top))
    return found


def test_python_pptx_is_imported_only_inside_the_charts_drawingml_functions() -> None:
    found = {
        (str(path.relative_to(NARRATOR)), top_level)
        for path in NARRATOR.rglob("*.py")
        for module, top_level in _imports(path)
        if module.split(".")[0] in ("pptx", "xlsxwriter")
    }
    assert found == {("word/charts/drawingml.py", False)}


def test_a_template_whose_body_text_takes_the_theme_font_gives_it_to_the_charts(
    tmp_path: Path,
) -> None:
    """python-docx's default template takes its body font from the theme: the charts say
    "+mn-lt", the theme's body font, which Word and LibreOffice resolve as for the text."""
    template = tmp_path / "themed.docx"
    Document().save(str(template))
    out = tmp_path / "r.docx"
    write_report(make_report(), out, template=template)
    ns = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
    charts = read_charts(out)
    assert len(charts) == 3
    fonts = {font for c in charts for font in c.xml.xpath(".//a:latin/@typeface", namespaces=ns)}
    assert fonts == {"+mn-lt"}


def _captions(path: Path) -> list[str]:
    from tests.docx_read import read_paragraphs

    return [p.text for p in read_paragraphs(path) if p.style == "Caption"]


def test_regeneration_adds_the_trend_charts_of_history_added_since_the_draft(
    tmp_path: Path,
) -> None:
    """A draft without history; regenerated with it: the trend charts and their caption come
    after the summary's caption. Regenerated with one more indicator's series: its chart joins
    them, under the same caption."""
    from narrator.word.charts.appendix import update_figures

    draft = tmp_path / "draft.docx"
    write_report(make_report(), draft)
    first = _with_trends(make_report(), Trend("EHCPs issued within 20 weeks", SERIES))
    assert first.appendix is not None
    document = Document(str(draft))
    update_figures(document, first.appendix, datetime(2024, 9, 3))
    once = tmp_path / "once.docx"
    document.save(str(once))
    assert [c.name for c in read_charts(once)][3:] == [
        "narrator trend chart: EHCPs issued within 20 weeks"
    ]
    assert _captions(once) == [
        "Figure 1: Indicators by quartile, RAG rating and direction of travel",
        "Figure 2: Latest periods of each indicator with earlier figures",
    ]
    body = Document(str(once)).element.body
    last = [p for p in body.xpath("./w:p") if p.xpath(".//w:t")][-1]
    assert "".join(last.xpath(".//w:t/text()")).startswith("Figure 2")

    second = _with_trends(first, *first.appendix.trends, Trend("Children in need", SERIES))
    assert second.appendix is not None
    document = Document(str(once))
    update_figures(document, second.appendix, datetime(2024, 9, 3))
    twice = tmp_path / "twice.docx"
    document.save(str(twice))
    trend_charts = [c for c in read_charts(twice) if "trend" in c.name]
    assert [c.name.split(": ")[1] for c in trend_charts] == [
        "EHCPs issued within 20 weeks",
        "Children in need",
    ]
    assert len(_captions(twice)) == 2
    assert len(Document(str(twice)).element.body.xpath("./w:p[.//c:chart]")) == 2


_TEXT = st.text(
    st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\ufffe\uffff"),
    min_size=1,
    max_size=30,
).filter(lambda t: t.strip() == t and t.strip())


@settings(max_examples=25, deadline=None)
@given(
    title=_TEXT,
    points=st.lists(
        st.tuples(
            _TEXT,
            st.one_of(st.none(), st.floats(-1e6, 1e6, allow_nan=False).map(lambda f: round(f, 2))),
        ),
        min_size=1,
        max_size=8,
        unique_by=lambda p: p[0],
    ),
    target=st.one_of(st.none(), st.integers(-1000, 1000).map(float)),
)
def test_any_trend_reads_back_from_its_xml_and_workbook_as_given(
    title: str, points: list[tuple[str, float | None]], target: float | None
) -> None:
    from openpyxl import load_workbook

    from narrator.word.charts.drawingml import render
    from narrator.word.charts.spec import TrendLine
    from tests.chartdata import NS, _series

    xml, xlsx = render(
        TrendLine(title, points, target),
        font="+mn-lt",
        workbook_rel="rId1",
        created=datetime(2024, 9, 3),
    )
    from lxml import etree

    space = etree.fromstring(xml)
    labels = [label for label, _ in points]
    series = [_series(ser) for ser in space.iterfind(".//c:ser", NS)]
    expected = [("Value", labels, [v for _, v in points])]
    if target is not None:
        expected.append(("Target", labels, [target] * len(points)))
    assert series == expected
    assert "".join(space.xpath("./c:chart/c:title//a:t/text()", namespaces=NS)) == title
    rows = list(load_workbook(io.BytesIO(xlsx)).worksheets[0].iter_rows(values_only=True))
    assert [row[0] for row in rows[1:]] == labels
    assert [row[1] for row in rows[1:]] == [v for _, v in points]


def test_a_label_like_a_formula_or_a_link_is_text_in_the_workbook() -> None:
    from narrator.word.charts.drawingml import render
    from narrator.word.charts.spec import TrendLine

    labels = ['=HYPERLINK("http://x.example")', "http://x.example", "+1", "1.5"]
    chart = TrendLine("=cmd|' /C calc'!A0", [(label, 1.0) for label in labels], None)
    _, xlsx = render(chart, font="Arial", workbook_rel="rId1", created=datetime(2024, 9, 3))
    with zipfile.ZipFile(io.BytesIO(xlsx)) as workbook:
        sheet = workbook.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and "hyperlink" not in sheet
    from openpyxl import load_workbook

    cells = list(load_workbook(io.BytesIO(xlsx)).worksheets[0].iter_rows(min_col=1, max_col=1))
    assert [(c.value, c.data_type) for (c,) in cells[1:]] == [(label, "s") for label in labels]


# --- charts whose data is gone, on regeneration -----------------------------------------------


def _regenerated(source: Path, report: Report, out: Path) -> Path:
    from narrator.word.charts.appendix import update_figures

    assert report.appendix is not None
    document = Document(str(source))
    update_figures(document, report.appendix, datetime(2024, 9, 3))
    document.save(str(out))
    return out


def _chart_parts(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as package:
        names = package.namelist()
    parts = [n for n in names if n.startswith(("word/charts/", "word/embeddings/"))]
    return sorted(n for n in parts if "/_rels/" not in n)


def test_a_trend_chart_whose_indicator_lost_its_series_is_removed(
    trend_docx: Path, tmp_path: Path
) -> None:
    """Regenerated with one indicator's series gone, its chart goes (its part and workbook
    with it); with every series gone, the trend charts' paragraph and caption go too."""
    kept = Trend(
        "Children in need", tuple((f"Month {n}", Decimal(3400 + 25 * n)) for n in range(1, 7))
    )
    once = _regenerated(trend_docx, _with_trends(make_report(), kept), tmp_path / "once.docx")
    names = [c.name for c in read_charts(once)]
    assert names[3:] == ["narrator trend chart: Children in need"]
    assert len(_chart_parts(once)) == 2 * len(names) == 8
    assert read_charts(once)[-1].series == read_charts(trend_docx)[-1].series
    assert len(_captions(once)) == 2

    single = (SERIES[-1],)  # one figure: no line to draw
    none = _with_trends(make_report(), Trend("Children in need", single))
    twice = _regenerated(once, none, tmp_path / "twice.docx")
    assert [c.name for c in read_charts(twice)] == names[:3]
    assert _captions(twice) == [
        "Figure 1: Indicators by quartile, RAG rating and direction of travel"
    ]
    assert len(Document(str(twice)).element.body.xpath("./w:p[.//c:chart]")) == 1


def test_a_summary_chart_whose_data_became_empty_is_removed(
    trend_docx: Path, tmp_path: Path
) -> None:
    """A dashboard corrected to carry no RAG ratings: the RAG chart goes, the other summaries
    stay; with no quartiles or directions either, the summary paragraph and its caption go,
    and the trend charts' caption is Figure 1."""
    report = _trend_report()
    assert report.appendix is not None
    no_rag = dataclasses.replace(report.appendix, rag_counts={"N/A": 5})
    once = _regenerated(
        trend_docx, dataclasses.replace(report, appendix=no_rag), tmp_path / "a.docx"
    )
    names = [c.name for c in read_charts(once)]
    assert names == [
        "narrator summary chart: quartile",
        "narrator summary chart: direction",
        "narrator trend chart: EHCPs issued within 20 weeks",
        "narrator trend chart: Children in need",
    ]
    assert len(_chart_parts(once)) == 8

    empty = dataclasses.replace(
        no_rag, quartile_counts={"N/A": 5}, progress_counts={"Improved": 0, "N/A": 5}
    )
    twice = _regenerated(once, dataclasses.replace(report, appendix=empty), tmp_path / "b.docx")
    assert [c.name for c in read_charts(twice)] == names[2:]
    assert _captions(twice) == ["Figure 1: Latest periods of each indicator with earlier figures"]
