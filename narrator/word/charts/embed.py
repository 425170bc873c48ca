"""A native chart in the .docx package: its parts, and the inline drawing that shows it.

A chart is three things (as Word writes one, and as python-docx users add python-pptx's charts,
python-docx PR #392):

- the chart part ``/word/charts/chartN.xml`` (content type
  ``application/vnd.openxmlformats-officedocument.drawingml.chart+xml``), related to the document
  part by the chart relationship;
- the workbook ``/word/embeddings/Microsoft_Excel_SheetN.xlsx``, related to the chart part by the
  package relationship that the chart's ``c:externalData r:id`` names: what "Edit Data" opens;
- a ``wp:inline`` in a run whose ``a:graphicData`` holds ``c:chart r:id``, with its name and
  alt text in ``wp:docPr`` (the name is how regeneration finds it again).

The parts are python-docx's plain `Part`s (bytes), which is also how python-docx loads a chart
part back: regeneration replaces their bytes and keeps the drawing, its place and its size.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Emu

from narrator.word.charts.spec import Chart
from narrator.word.wordxml import Element

CHART_URI = "http://schemas.openxmlformats.org/drawingml/2006/chart"
_NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "c": CHART_URI,
}
_CHART_PARTNAME = "/word/charts/chart%d.xml"
_WORKBOOK_PARTNAME = "/word/embeddings/Microsoft_Excel_Sheet%d.xlsx"


@dataclass(frozen=True)
class Placed:
    """How a chart is drawn: `name` (wp:docPr/@name, shown in Word's Selection Pane, by which
    regeneration finds it), `description` (its alt text), its size in EMU, the font of its
    text (see narrator.word.charts.drawingml) and the date its workbook carries."""

    name: str
    description: str
    width: int
    height: int
    font: str
    created: datetime


def add_chart(document: Any, run: Element, chart: Chart, placed: Placed) -> None:
    """Add `chart` as a native chart inline in `run` (a w:r element of `document`'s body)."""
    package = document.part.package
    workbook = _new_part(package, _WORKBOOK_PARTNAME, CT.SML_SHEET)
    chart_part = _new_part(package, _CHART_PARTNAME, CT.DML_CHART)
    _fill(chart_part, workbook, chart_part.relate_to(workbook, RT.PACKAGE), chart, placed)
    rel_id = document.part.relate_to(chart_part, RT.CHART)
    inline = _inline_xml(rel_id, document.part.next_id, placed)
    run.add_drawing(inline)


def _new_part(package: Any, template: str, content_type: str) -> Any:
    """An empty part of `package`, named after `template` with the next free number."""
    return Part(PackURI(str(package.next_partname(template))), content_type, b"", package)


def _fill(chart_part: Any, workbook: Any, rel_id: str, chart: Chart, placed: Placed) -> None:
    """Write the chart's XML into `chart_part` and its workbook into `workbook`, which the
    chart part relates to as `rel_id`: from the charts' cache when it holds them (see
    narrator.word.charts.cache), else drawn by python-pptx."""
    from narrator.word.charts.cache import render

    xml, xlsx = render(chart, font=placed.font, workbook_rel=rel_id, created=placed.created)
    chart_part._blob = xml
    workbook._blob = xlsx


def _inline_xml(rel_id: str, shape_id: int, placed: Placed) -> Element:
    """The wp:inline drawing the chart related as `rel_id`, its wp:docPr numbered `shape_id`."""
    inline = parse_xml(
        f'<wp:inline {nsdecls("wp", "a", "r")} distT="0" distB="0" distL="0" distR="0">'
        f'<wp:extent cx="{placed.width}" cy="{placed.height}"/>'
        '<wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:docPr id="{shape_id}" name=""/>'
        "<wp:cNvGraphicFramePr/>"
        f'<a:graphic><a:graphicData uri="{CHART_URI}">'
        f'<c:chart xmlns:c="{CHART_URI}" r:id="{rel_id}"/>'
        "</a:graphicData></a:graphic></wp:inline>"
    )
    doc_pr = inline.find(qn("wp:docPr"))
    doc_pr.set("name", placed.name)
    doc_pr.set("descr", placed.description)
    return inline


def find_chart(document: Any, name: str, title: str) -> Element | None:
    """The wp:inline of the native chart named `name` in the body; failing that (LibreOffice
    renames the charts it saves "Object1", "Object2"... and drops their alt text), the first
    chart whose own title is `title`. None when there is neither."""
    inlines = [i for i in document.element.body.iter(qn("wp:inline")) if _chart_rel(i)]
    for inline in inlines:
        doc_pr = inline.find(qn("wp:docPr"))
        if doc_pr is not None and doc_pr.get("name") == name:
            return inline
    for inline in inlines:
        if chart_title(document.part.related_parts[_chart_rel(inline)].blob) == title:
            return inline
    return None


def chart_title(xml: bytes) -> str | None:
    """The text of a chart part's title (c:chart/c:title); None when it has none or cannot
    be read."""
    from lxml import etree

    try:
        space = etree.fromstring(xml)
    except etree.XMLSyntaxError:
        return None
    runs = space.xpath("./c:chart/c:title//a:t/text()", namespaces=_NS)
    return "".join(str(r) for r in runs) if runs else None


def replace_chart(document: Any, inline: Element, chart: Chart, placed: Placed) -> None:
    """Give the chart drawn by `inline` (see find_chart) new data and alt text, keeping its
    drawing, place and size (`placed`'s size is not used); its name and alt text are set again
    (a LibreOffice save loses them). A chart part whose workbook is
    missing (removed by another program) gets a new one."""
    chart_part = document.part.related_parts[_chart_rel(inline)]
    links = [r for r in chart_part.rels.values() if r.reltype == RT.PACKAGE and not r.is_external]
    if links:
        workbook, rel_id = links[0].target_part, links[0].rId
    else:
        workbook = _new_part(document.part.package, _WORKBOOK_PARTNAME, CT.SML_SHEET)
        rel_id = chart_part.relate_to(workbook, RT.PACKAGE)
    _fill(chart_part, workbook, rel_id, chart, placed)
    doc_pr = inline.find(qn("wp:docPr"))
    doc_pr.set("name", placed.name)
    doc_pr.set("descr", placed.description)


def remove_chart(document: Any, inline: Element) -> None:
    """Take the chart drawn by `inline` out of the document: its drawing (and its run when
    that holds nothing else) and its relationship, so that its chart part and workbook are
    not saved."""
    rel_id = _chart_rel(inline)
    drawing = inline.getparent()
    run = drawing.getparent()
    run.remove(drawing)
    if all(child.tag == qn("w:rPr") for child in run):
        run.getparent().remove(run)
    if rel_id:
        document.part.drop_rel(rel_id)


def chart_name(inline: Element) -> str | None:
    """The name (wp:docPr/@name) of the native chart an inline draws; None for a picture or
    anything else that is not a chart."""
    if not _chart_rel(inline):
        return None
    doc_pr = inline.find(qn("wp:docPr"))
    return None if doc_pr is None else str(doc_pr.get("name") or "")


def _chart_rel(inline: Element) -> str:
    """The relationship id of the chart an inline draws ("" for a picture or anything else)."""
    ids = inline.xpath("./a:graphic/a:graphicData/c:chart/@r:id")
    return str(ids[0]) if ids else ""


def emu(cm: float) -> int:
    """`cm` centimetres in EMU."""
    return int(Emu(round(cm * 360000)))
