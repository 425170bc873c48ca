"""Native charts read back from a .docx: what the chart XML says and what its workbook holds,
found as Word and LibreOffice find them (inline c:chart -> chart part -> package relationship)."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from lxml import etree

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "ct": "http://schemas.openxmlformats.org/package/2006/content-types",
}
CHART_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
CHART_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart"
PACKAGE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/package"


@dataclass(frozen=True)
class ReadChart:
    """One chart: its name and alt text, its part's name, its series as the chart XML caches
    them (name, categories, values: None where a point is left out) and its workbook's rows."""

    name: str
    description: str
    part: str
    xml: Any
    series: list[tuple[str, list[str], list[float | None]]]
    workbook: list[tuple[Any, ...]]
    workbook_bytes: bytes


def _rels(package: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """A part's relationships: id -> (type, target part name)."""
    path = PurePosixPath(part)
    rels = etree.fromstring(package.read(f"{path.parent}/_rels/{path.name}.rels"))
    out = {}
    for rel in rels.findall("rel:Relationship", NS):
        target = str(PurePosixPath(path.parent, rel.get("Target")))
        parts: list[str] = []
        for piece in target.split("/"):
            if piece == "..":
                parts.pop()
            else:
                parts.append(piece)
        out[rel.get("Id")] = (rel.get("Type"), "/".join(parts))
    return out


def read_charts(path: Path) -> list[ReadChart]:
    """The document body's native charts, in order."""
    from openpyxl import load_workbook

    charts = []
    with zipfile.ZipFile(path) as package:
        document = etree.fromstring(package.read("word/document.xml"))
        rels = _rels(package, "word/document.xml")
        types = etree.fromstring(package.read("[Content_Types].xml"))
        overrides = {
            o.get("PartName").lstrip("/"): o.get("ContentType")
            for o in types.findall("ct:Override", NS)
        }
        for inline in document.iterfind(".//wp:inline", NS):
            ids = inline.xpath("./a:graphic/a:graphicData/c:chart/@r:id", namespaces=NS)
            if not ids:
                continue
            kind, part = rels[ids[0]]
            assert kind == CHART_REL and overrides[part] == CHART_TYPE
            xml = etree.fromstring(package.read(part))
            (link,) = xml.xpath("./c:externalData/@r:id", namespaces=NS)
            link_type, workbook_part = _rels(package, part)[link]
            assert link_type == PACKAGE_REL
            blob = package.read(workbook_part)
            sheet = load_workbook(io.BytesIO(blob)).worksheets[0]
            doc_pr = inline.find("wp:docPr", NS)
            charts.append(
                ReadChart(
                    name=doc_pr.get("name"),
                    description=doc_pr.get("descr"),
                    part=part,
                    xml=xml,
                    series=[_series(ser) for ser in xml.iterfind(".//c:ser", NS)],
                    workbook=[tuple(row) for row in sheet.iter_rows(values_only=True)],
                    workbook_bytes=blob,
                )
            )
    return charts


def _series(ser: Any) -> tuple[str, list[str], list[float | None]]:
    name = ser.findtext("c:tx//c:v", namespaces=NS)
    categories = [pt.findtext("c:v", namespaces=NS) for pt in ser.iterfind("c:cat//c:pt", NS)]
    count = int(ser.find("c:val//c:ptCount", NS).get("val"))
    values: list[float | None] = [None] * count
    for pt in ser.iterfind("c:val//c:pt", NS):
        values[int(pt.get("idx"))] = float(pt.findtext("c:v", namespaces=NS))
    return name, categories, values


def workbook_columns(chart: ReadChart) -> dict[str, list[Any]]:
    """The workbook's columns by heading (the first row), the categories' under ""."""
    header, *rows = chart.workbook
    return {str(h or ""): [row[i] for row in rows] for i, h in enumerate(header)}
