"""The appendix summary chart: counts as horizontal bars, one panel per summary, as a PNG.

Drawn with Pillow, imported inside `summary_png`, only when an appendix is written. Pillow costs
0.04 s to import where matplotlib, which drew this chart before, cost 0.5 s: more than everything
else a build of the sample does. The text uses the font Pillow ships (Aileron), so the picture
is the same on every machine; titles are emboldened by a one-pixel stroke. The output is
byte-stable for the same input: no PNG metadata but the resolution, a fixed size.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

DEFAULT_COLOUR = "#1F4E79"
"""Bar colour for a category `Panel.colours` does not name."""

_FONT_PT = 9
_TITLE_PT = 10.8  # 1.2 x the label size, as a spreadsheet chart's title
_INK = "#000000"


@dataclass(frozen=True)
class Panel:
    """One summary panel: a title and counts by category, drawn in the mapping's order.

    `colours` maps a category to a bar colour ("#RRGGBB"); categories it does not name are drawn
    in DEFAULT_COLOUR.
    """

    title: str
    counts: Mapping[str, int]
    colours: Mapping[str, str]


def summary_png(panels: Sequence[Panel], *, width_in: float = 9.0, dpi: int = 150) -> bytes:
    """Draw the panels side by side and return PNG bytes. A panel with no counts is drawn empty.

    The picture is `width_in` inches wide and 0.45 inch per bar of the longest panel plus 0.9
    inch high, at `dpi` dots per inch."""
    from PIL import Image, ImageDraw, ImageFont

    rows = max((len(p.counts) for p in panels), default=1) or 1
    width, height = int(width_in * dpi), int((0.45 * rows + 0.9) * dpi)
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    label_font = ImageFont.load_default(size=_FONT_PT * dpi / 72)
    title_font = ImageFont.load_default(size=_TITLE_PT * dpi / 72)
    count = max(len(panels), 1)
    for index, panel in enumerate(panels):
        box = (index * width // count, 0, (index + 1) * width // count, height)
        _draw_panel(draw, panel, box, rows, label_font, title_font, dpi)
    out = io.BytesIO()
    image.save(out, format="PNG", dpi=(dpi, dpi), optimize=False)
    return out.getvalue()


def _draw_panel(
    draw: Any,
    panel: Panel,
    box: tuple[int, int, int, int],
    rows: int,
    label_font: Any,
    title_font: Any,
    dpi: int,
) -> None:
    """One panel inside `box` (left, top, right, bottom): title, category labels with ticks, a
    left axis line, bars in `rows` equal bands, and each bar's count after it."""
    left, top, right, bottom = box
    pad = dpi // 10
    centre = (left + right) // 2
    draw.text(
        (centre, top + pad),
        panel.title,
        font=title_font,
        fill=_INK,
        anchor="mt",
        stroke_width=1,
        stroke_fill=_INK,
    )
    labels = list(panel.counts)
    label_width = max((draw.textlength(label, font=label_font) for label in labels), default=0)
    axis_x = int(left + pad + label_width + pad)
    axis_top = top + pad + int(_TITLE_PT * dpi / 72) + 2 * pad
    axis_bottom = bottom - pad
    value_room = int(draw.textlength(" 0000", font=label_font))
    plot_width = max(right - pad - value_room - axis_x, 1)
    top_value = max(panel.counts.values(), default=0)
    scale = plot_width / max(top_value, 1)
    band = (axis_bottom - axis_top) / rows
    draw.line([(axis_x, axis_top), (axis_x, axis_bottom)], fill=_INK, width=2)
    for row, label in enumerate(labels):
        value = panel.counts[label]
        middle = axis_top + band * (row + 0.5)
        y0, y1 = int(middle - 0.4 * band), int(middle + 0.4 * band)
        x1 = axis_x + int(value * scale)
        colour = panel.colours.get(label, DEFAULT_COLOUR)
        if value > 0:
            draw.rectangle([(axis_x, y0), (x1, y1)], fill=colour, outline=_INK, width=1)
        draw.line([(axis_x - pad // 2, int(middle)), (axis_x, int(middle))], fill=_INK, width=2)
        draw.text((axis_x - pad, middle), label, font=label_font, fill=_INK, anchor="rm")
        draw.text((x1 + pad // 2, middle), str(value), font=label_font, fill=_INK, anchor="lm")
