"""A chart's XML (``c:chartSpace``) and its workbook, written by python-pptx.

python-pptx's chart XML writer and its workbook writer (through xlsxwriter) are what python-docx
users reach for to put a native chart in a .docx (python-docx issue #179, PR #392): the DrawingML
chart schema is several hundred elements, and a workbook a package of its own. Its chart objects
(`pptx.chart.chart.Chart`) style the XML they wrote: fonts, colours, axes, labels. python-pptx
is imported inside these functions only, so that only a build that writes a chart loads it.

A chart's text is in `font`: "+mn-lt" (the document theme's body font, which Word applies to a
chart as to text) or a font's name when the document names one for its body text.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from narrator.word.charts.spec import (
    DEFAULT_COLOUR,
    MISSING_GREY,
    TARGET_COLOUR,
    Bars,
    Chart,
    TrendLine,
)

_C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_LABEL_PT, _TITLE_PT = 9, 10
_LINE_LABEL_PT = 9
_WORKBOOK_OPTIONS = {
    "in_memory": True,
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}


def render(chart: Chart, *, font: str, workbook_rel: str, created: datetime) -> tuple[bytes, bytes]:
    """The chart part's XML and its embedded workbook's bytes. The XML links the workbook by
    the relationship id `workbook_rel` (``c:externalData``); the workbook is dated `created`
    (xlsxwriter dates it now otherwise), so the same chart gives the same bytes."""
    from lxml import etree
    from pptx.chart.chart import Chart as PptxChart
    from pptx.oxml import parse_xml

    data = _chart_data(chart, created)
    kind = _chart_type(chart)
    space = parse_xml(data.xml_bytes(kind))
    styled = PptxChart(space, None)
    if isinstance(chart, Bars):
        _style_bars(styled, chart, font)
    else:
        _style_trend(styled, chart, font)
    _link_workbook(space, workbook_rel)
    xml = etree.tostring(space, xml_declaration=True, encoding="UTF-8", standalone=True)
    return xml, data.xlsx_blob


def _chart_type(chart: Chart) -> Any:
    from pptx.enum.chart import XL_CHART_TYPE

    return XL_CHART_TYPE.BAR_CLUSTERED if isinstance(chart, Bars) else XL_CHART_TYPE.LINE_MARKERS


def _chart_data(chart: Chart, created: datetime) -> Any:
    """python-pptx's CategoryChartData for the chart, its workbook dated `created`."""
    from pptx.chart.data import CategoryChartData
    from pptx.chart.xlsx import CategoryWorkbookWriter
    from xlsxwriter import Workbook

    class DatedWorkbookWriter(CategoryWorkbookWriter):  # type: ignore[misc]
        @contextmanager
        def _open_worksheet(self, xlsx_file: io.BytesIO) -> Iterator[tuple[Any, Any]]:
            # python-pptx's own, but every text written as text: xlsxwriter would otherwise
            # make a formula of a label starting "=" and a link of one like a URL (a dashboard's
            # names and periods must never become formulas in the workbook "Edit Data" opens)
            workbook = Workbook(xlsx_file, _WORKBOOK_OPTIONS)
            workbook.set_properties({"created": created})
            yield workbook, workbook.add_worksheet()
            workbook.close()

    class DatedChartData(CategoryChartData):  # type: ignore[misc]
        @property
        def _workbook_writer(self) -> Any:
            return DatedWorkbookWriter(self)

    if isinstance(chart, Bars):
        data = DatedChartData(number_format="0")
        data.categories = list(chart.counts)
        data.add_series(chart.series, list(chart.counts.values()))
        return data
    data = DatedChartData(number_format=chart.number_format)
    data.categories = [label for label, _ in chart.points]
    data.add_series(chart.value_name, [value for _, value in chart.points])
    if chart.target is not None:
        data.add_series(chart.target_name, [chart.target] * len(chart.points))
    return data


def _style_bars(styled: Any, chart: Bars, font: str) -> None:
    """Bars from the top in the data's order, each coloured, its count after it; no legend,
    no value axis (the counts are written on the bars)."""
    from pptx.enum.chart import XL_LABEL_POSITION

    _style_text(styled, chart.title, font, _LABEL_PT)
    styled.has_legend = False
    plot = styled.plots[0]
    plot.gap_width = 60
    plot.vary_by_categories = False
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.show_value = True
    labels.number_format = "0"
    labels.number_format_is_linked = False
    labels.position = XL_LABEL_POSITION.OUTSIDE_END
    categories = styled.category_axis
    categories.reverse_order = True
    categories.major_tick_mark = _no_tick()
    values = styled.value_axis
    values.visible = False
    values.has_major_gridlines = False
    values.minimum_scale = 0
    # room after the longest bar for its count
    values.maximum_scale = max(1, round(max(chart.counts.values(), default=0) * 1.2 + 0.5))
    (series,) = plot.series
    for index, label in enumerate(chart.counts):
        _fill(series.points[index].format, chart.colours.get(label, DEFAULT_COLOUR))


def _style_trend(styled: Any, chart: TrendLine, font: str) -> None:
    """The figures as a line with round markers, the target as a dashed line without; a
    legend under the plot when there is a target; light horizontal gridlines."""
    from pptx.enum.chart import XL_LEGEND_POSITION, XL_MARKER_STYLE
    from pptx.enum.dml import MSO_LINE

    _style_text(styled, chart.title, font, _LINE_LABEL_PT)
    plot = styled.plots[0]
    plot.vary_by_categories = False
    series = list(plot.series)
    series[0].smooth = False
    series[0].marker.style = XL_MARKER_STYLE.CIRCLE
    series[0].marker.size = 5
    _fill(series[0].marker.format, DEFAULT_COLOUR)
    _line(series[0].format.line, DEFAULT_COLOUR, 2.0)
    if len(series) > 1:
        target = series[1]
        target.smooth = False
        target.marker.style = XL_MARKER_STYLE.NONE
        _line(target.format.line, TARGET_COLOUR, 1.5)
        target.format.line.dash_style = MSO_LINE.DASH
    styled.has_legend = len(series) > 1
    if styled.has_legend:
        styled.legend.position = XL_LEGEND_POSITION.BOTTOM
        styled.legend.include_in_layout = False
    values = styled.value_axis
    values.has_major_gridlines = True
    _line(values.major_gridlines.format.line, "D9D9D9", 0.75)
    values.tick_labels.number_format = chart.number_format
    values.tick_labels.number_format_is_linked = False
    styled.category_axis.major_tick_mark = _no_tick()


def _style_text(styled: Any, title: str, font: str, size_pt: float) -> None:
    """Every text of the chart in `font` at `size_pt`; the title above, bold, a point larger."""
    from pptx.util import Pt

    styled.font.name = font
    styled.font.size = Pt(size_pt)
    styled.has_title = True
    frame = styled.chart_title.text_frame
    frame.text = title
    run_font = frame.paragraphs[0].runs[0].font
    run_font.size, run_font.bold, run_font.name = Pt(size_pt + 1), True, font


def _fill(fmt: Any, colour: str) -> None:
    from pptx.dml.color import RGBColor

    fmt.fill.solid()
    fmt.fill.fore_color.rgb = RGBColor.from_string(colour)


def _line(line: Any, colour: str, width_pt: float) -> None:
    from pptx.dml.color import RGBColor
    from pptx.util import Pt

    line.color.rgb = RGBColor.from_string(colour)
    line.width = Pt(width_pt)


def _no_tick() -> Any:
    from pptx.enum.chart import XL_TICK_MARK

    return XL_TICK_MARK.NONE


def _link_workbook(space: Any, rel_id: str) -> None:
    """``c:externalData r:id`` after the chart's text properties, as the schema orders them:
    the link "Edit Data" follows to the embedded workbook; autoUpdate off (it is embedded)."""
    from lxml import etree

    external = etree.SubElement(space, f"{{{_C}}}externalData", {f"{{{_R}}}id": rel_id})
    etree.SubElement(external, f"{{{_C}}}autoUpdate", val="0")


__all__ = ["MISSING_GREY", "render"]
