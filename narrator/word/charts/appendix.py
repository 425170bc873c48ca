"""The appendix's figures: the summary charts (one bar chart per summary, side by side) and a
trend chart per indicator with earlier figures (two to a line), each group captioned "Figure N:
...".

Charts are named (wp:docPr/@name) by what they show, so regeneration finds each again and gives
it the new data: `SUMMARY_NAME` + the summary's field ("quartile", "rag", "direction"), and
`TREND_NAME` + the indicator's name.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from narrator.report import APPENDIX_COLUMNS, Appendix, Trend
from narrator.word import sections, styles
from narrator.word.charts import embed
from narrator.word.charts.spec import MISSING_GREY, Bars, Chart, TrendLine, describe

SUMMARY_NAME = "narrator summary chart: "
TREND_NAME = "narrator trend chart: "
PICTURE_NAME = "narrator summary chart"
"""The name of the summary picture reports written before native charts carry."""

_SUMMARY_CM = 22.0  # the three summary charts together
_TREND_CM = (12.0, 5.0)  # width, height: two to a line of a landscape A4 page
_TREND_PERIODS = 8


def summary_charts(appendix: Appendix) -> list[tuple[str, Bars]]:
    """One bar chart per summary, by its field and titled with its column header; the missing
    value's bar grey. A summary of nothing but missing values (a dashboard with no RAG column,
    or no quartiles) is left out: a bar of 8 missing beside Green 0, Amber 0 and Red 0 says
    nothing. The RAG bars are named by the appendix's (the phrasebook's) labels."""

    def title(name: str) -> str:
        return appendix.headers[APPENDIX_COLUMNS.index(name)]

    labels = dict(appendix.rag_labels)
    rags = {labels[rag]: fill for rag, fill in styles.RAG_FILLS.items()}
    grey = {appendix.missing: MISSING_GREY}
    charts = [
        ("quartile", Bars(title("quartile"), appendix.quartile_counts, grey)),
        ("rag", Bars(title("rag"), appendix.rag_counts, {**rags, **grey})),
        ("direction", Bars(title("direction"), appendix.progress_counts, grey)),
    ]
    return [
        (name, bars)
        for name, bars in charts
        if any(n for key, n in bars.counts.items() if key != appendix.missing)
    ]


def trend_chart(trend: Trend, appendix: Appendix) -> TrendLine | None:
    """The line chart of an indicator's latest periods (at most eight); None when fewer than
    two of them have a figure (a line needs two points)."""
    points = trend.points[-_TREND_PERIODS:]
    if sum(1 for _, value in points if value is not None) < 2:
        return None
    words = appendix.figures
    return TrendLine(
        title=trend.indicator,
        points=[(label, None if value is None else float(value)) for label, value in points],
        target=None if trend.target is None else float(trend.target),
        decimals=max(trend.decimals, 0),
        suffix=trend.suffix,
        value_name=words.value,
        target_name=words.target,
    )


def add_figures(document: Any, appendix: Appendix, scale: float, created: datetime) -> None:
    """The summary charts side by side in one paragraph, then the trend charts two to a
    line, each group with its caption under it. Nothing for a group with no chart."""
    font = body_font(document)
    summary = summary_charts(appendix)
    if summary:
        rows = max(len(bars.counts) for _, bars in summary)
        width = _SUMMARY_CM * scale / max(len(summary), 2)
        size = (embed.emu(width), embed.emu(0.55 * rows + 1.6))
        charts: list[tuple[str, Chart]] = [(SUMMARY_NAME + n, c) for n, c in summary]
        _add_group(document, charts, size, font, created, appendix.missing)
        add_caption(document, appendix.figures.label, appendix.figures.summary)
    trends = [(TREND_NAME + t.indicator, trend_chart(t, appendix)) for t in appendix.trends]
    drawn: list[tuple[str, Chart]] = [(name, c) for name, c in trends if c is not None]
    if drawn:
        size = (embed.emu(_TREND_CM[0] * scale), embed.emu(_TREND_CM[1] * scale))
        _add_group(document, drawn, size, font, created, appendix.figures.no_figure)
        add_caption(document, appendix.figures.label, appendix.figures.trends)


def _add_group(
    document: Any,
    charts: Sequence[tuple[str, Chart]],
    size: tuple[int, int],
    font: str,
    created: datetime,
    missing: str,
) -> None:
    """One paragraph of style FIGURE holding `charts` (named) inline, each `size` EMU."""
    paragraph = sections.add_paragraph(document, styles.FIGURE)
    paragraph.paragraph_format.keep_with_next = True  # with its caption
    for name, chart in charts:
        placed = embed.Placed(name, describe(chart, missing), *size, font, created)
        embed.add_chart(document, paragraph.add_run()._r, chart, placed)


def add_caption(document: Any, label: str, text: str) -> None:
    """A Word caption paragraph: "<label> N: <text>", N a SEQ field Word and LibreOffice count
    (its result written here, so the number shows before any update of fields)."""
    body = document.element.body
    codes = [str(i) for i in body.xpath(".//w:fldSimple/@w:instr | .//w:instrText/text()")]
    number = 1 + sum(1 for code in codes if code.split()[:2] == ["SEQ", label])
    paragraph = sections.add_paragraph(document, styles.CAPTION)
    paragraph.add_run(f"{label} ")
    field = OxmlElement("w:fldSimple", {qn("w:instr"): f" SEQ {label} \\* ARABIC "})
    result = OxmlElement("w:r")
    result_text = OxmlElement("w:t")
    result_text.text = str(number)
    result.append(result_text)
    field.append(result)
    paragraph._p.append(field)
    paragraph.add_run(f": {text}")


def update_figures(document: Any, appendix: Appendix, created: datetime) -> None:
    """Give each chart narrator drew new data, found by name (or title): the summaries' and
    the trends'. A chart the reviewer deleted stays deleted; an indicator with a series but
    no trend chart yet (history added since the draft) gets one, after the trend charts there
    are (under a caption of their own when there are none). A summary chart whose data is
    gone (nothing but missing values now), and the trend chart of an indicator that lost its
    series (or left the dashboard), are removed, not left showing the old figures: see
    `_remove_gone`. A report written when the summary was a picture has it redrawn as native
    charts."""
    font = body_font(document)
    summary: list[tuple[str, Chart]] = [(SUMMARY_NAME + n, c) for n, c in summary_charts(appendix)]
    found = _replace_found(document, summary, appendix.missing, font, created)
    if not found:
        _replace_old_picture(document, appendix, font, created)
    trends: list[tuple[str, Chart]] = []
    for trend in appendix.trends:
        line = trend_chart(trend, appendix)
        if line is not None:
            trends.append((TREND_NAME + trend.indicator, line))
    words = appendix.figures
    found = _replace_found(document, trends, words.no_figure, font, created)
    new = [(name, chart) for name, chart in trends if name not in found]
    if new:
        _add_new_trends(document, new, appendix, font, created)
    _remove_gone(document, TREND_NAME, {name for name, _ in trends}, words.label)
    _remove_gone(document, SUMMARY_NAME, {name for name, _ in summary}, words.label)


def _remove_gone(document: Any, prefix: str, kept: set[str], label: str) -> None:
    """Remove each chart named `prefix`... that is not in `kept` (found by name only: a chart
    LibreOffice renamed is not told apart, and stays). A figure paragraph left without a
    chart goes too, with the caption under it, and the captions' numbers are written again."""
    body = document.element.body
    gone = [
        inline
        for inline in body.iter(qn("wp:inline"))
        if (name := embed.chart_name(inline)) is not None
        and name.startswith(prefix)
        and name not in kept
    ]
    for inline in gone:
        paragraph = next(inline.iterancestors(qn("w:p")))
        embed.remove_chart(document, inline)
        if paragraph.getparent() is None or any(
            embed.chart_name(i) is not None for i in paragraph.iter(qn("wp:inline"))
        ):
            continue
        following = paragraph.getnext()
        if following is not None and _is_caption(following, label):
            following.getparent().remove(following)
        paragraph.getparent().remove(paragraph)
    if gone:
        _renumber_captions(document, label)


def _renumber_captions(document: Any, label: str) -> None:
    """Write each SEQ `label` field's shown number again, counting from 1 in body order (the
    numbers Word and LibreOffice give them when they update fields)."""
    number = 0
    for field in document.element.body.iter(qn("w:fldSimple")):
        if str(field.get(qn("w:instr"), "")).split()[:2] != ["SEQ", label]:
            continue
        number += 1
        text = next(field.iter(qn("w:t")), None)
        if text is not None:
            text.text = str(number)


def _replace_found(
    document: Any, charts: Sequence[tuple[str, Chart]], missing: str, font: str, created: datetime
) -> set[str]:
    """Give each of `charts` found in the document its new data; the names of those found."""
    found = set()
    for name, chart in charts:
        inline = embed.find_chart(document, name, chart.title)
        if inline is not None:
            placed = embed.Placed(name, describe(chart, missing), 0, 0, font, created)
            embed.replace_chart(document, inline, chart, placed)
            found.add(name)
    return found


def _add_new_trends(
    document: Any,
    charts: Sequence[tuple[str, Chart]],
    appendix: Appendix,
    font: str,
    created: datetime,
) -> None:
    """Trend charts added on regeneration: at the end of the paragraph of the trend charts
    there are; without one, in a new paragraph with its caption after the summary's caption
    (after the summary charts without one). Nowhere when the summary charts are gone too."""
    size = (embed.emu(_TREND_CM[0]), embed.emu(_TREND_CM[1]))
    words = appendix.figures
    paragraph = _chart_paragraph(document, TREND_NAME)
    if paragraph is None:
        anchor = _chart_paragraph(document, SUMMARY_NAME)
        if anchor is None:
            return
        following = anchor.getnext()
        if following is not None and _is_caption(following, words.label):
            anchor = following
        _add_group(document, charts, size, font, created, words.no_figure)
        figure = document.element.body.xpath("./w:p")[-1]
        anchor.addnext(figure)
        _caption_after(document, figure, words.label, words.trends)
        return
    for name, chart in charts:
        run = OxmlElement("w:r")
        paragraph.append(run)
        placed = embed.Placed(name, describe(chart, words.no_figure), *size, font, created)
        embed.add_chart(document, run, chart, placed)


def _is_caption(p: Any, label: str) -> bool:
    """Whether a w:p is a caption numbered by a SEQ `label` field (as narrator writes it, or as
    LibreOffice saves it: a complex field, and its own name for the Caption style)."""
    codes = [str(i) for i in p.xpath(".//w:fldSimple/@w:instr | .//w:instrText/text()")]
    return any(code.split()[:2] == ["SEQ", label] for code in codes)


def _chart_paragraph(document: Any, prefix: str) -> Any:
    """The last body paragraph holding a chart whose name starts with `prefix`; None if none."""
    paragraphs = [
        p
        for p in document.element.body.xpath("./w:p[.//c:chart]")
        if any(str(n).startswith(prefix) for n in p.xpath(".//wp:docPr/@name"))
    ]
    return paragraphs[-1] if paragraphs else None


def _replace_old_picture(document: Any, appendix: Appendix, font: str, created: datetime) -> None:
    """The summary picture of a report written before native charts, swapped for the native
    summary charts in its paragraph (the picture's run removed, its image part with it), and
    captioned as a new report's are."""
    for inline in document.element.body.iter(qn("wp:inline")):
        doc_pr = inline.find(qn("wp:docPr"))
        if doc_pr is None or doc_pr.get("name") != PICTURE_NAME:
            continue
        summary = summary_charts(appendix)
        rows = max((len(bars.counts) for _, bars in summary), default=1)
        width = int(inline.find(qn("wp:extent")).get("cx")) // max(len(summary), 2)
        run = inline.getparent().getparent()
        for rel_id in inline.xpath(".//a:blip/@r:embed"):
            document.part.drop_rel(str(rel_id))
        paragraph = run.getparent()
        paragraph.remove(run)
        for name, bars in summary:
            placed = embed.Placed(
                SUMMARY_NAME + name,
                describe(bars, appendix.missing),
                width,
                embed.emu(0.55 * rows + 1.6),
                font,
                created,
            )
            new_run = OxmlElement("w:r")
            paragraph.append(new_run)
            embed.add_chart(document, new_run, bars, placed)
        following = paragraph.getnext()
        if following is None or not _is_caption(following, appendix.figures.label):
            _caption_after(document, paragraph, appendix.figures.label, appendix.figures.summary)
        return


def _caption_after(document: Any, anchor: Any, label: str, text: str) -> None:
    """A caption (see add_caption) put right after the w:p `anchor`."""
    add_caption(document, label, text)
    anchor.addnext(document.element.body.xpath("./w:p")[-1])


def body_font(document: Any) -> str:
    """The font of the document's body text, for its charts: "+mn-lt" (the theme's body font)
    when the Normal style or the document defaults take it from the theme, or name none; the
    font's name when they name one (the bundled template names Arial)."""
    styles_element = document.styles.element
    normal = styles_element.xpath('./w:style[@w:type="paragraph"][w:name/@w:val="Normal"]/w:rPr')
    defaults = styles_element.xpath("./w:docDefaults/w:rPrDefault/w:rPr")
    for r_pr in [*normal, *defaults]:
        fonts = r_pr.find(qn("w:rFonts"))
        if fonts is None:
            continue
        theme = fonts.get(qn("w:asciiTheme"))
        if theme is not None:
            return "+mj-lt" if theme.startswith("major") else "+mn-lt"
        if fonts.get(qn("w:ascii")):
            return str(fonts.get(qn("w:ascii")))
    return "+mn-lt"
