"""The appendix summary chart: counts as horizontal bars, one panel per summary, as a PNG.

matplotlib is imported inside `summary_png`, only when an appendix is written, and only its
object-oriented API is used (a Figure on an Agg canvas): no pyplot, no global backend switch.
The output is byte-stable for the same input: no PNG metadata (matplotlib writes its version
otherwise), a fixed SVG hash salt, a fixed size and resolution.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

DEFAULT_COLOUR = "#1F4E79"
"""Bar colour for a category `Panel.colours` does not name."""


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
    """Draw the panels side by side and return PNG bytes. A panel with no counts is drawn empty."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    rows = max((len(p.counts) for p in panels), default=1) or 1
    with matplotlib.rc_context({"svg.hashsalt": "narrator", "font.size": 9}):
        figure = Figure(figsize=(width_in, 0.45 * rows + 0.9), dpi=dpi)
        FigureCanvasAgg(figure)
        axes = figure.subplots(1, max(len(panels), 1), squeeze=False)[0]
        for ax, panel in zip(axes, panels, strict=False):
            _draw_panel(ax, panel)
        figure.tight_layout()
        out = io.BytesIO()
        figure.savefig(out, format="png", dpi=dpi, metadata={"Software": None})
    return out.getvalue()


def _draw_panel(ax: Any, panel: Panel) -> None:
    labels = list(panel.counts)
    values = [panel.counts[label] for label in labels]
    colours = [panel.colours.get(label, DEFAULT_COLOUR) for label in labels]
    positions = list(range(len(labels)))
    ax.barh(positions, values, color=colours, edgecolor="black", linewidth=0.5)
    ax.set_yticks(positions, labels)
    ax.invert_yaxis()
    ax.set_title(panel.title, fontweight="bold")
    top = max(values, default=0)
    ax.set_xlim(0, max(top * 1.25, 1))
    ax.xaxis.set_visible(False)
    for side in ("top", "right", "bottom"):
        ax.spines[side].set_visible(False)
    for position, value in zip(positions, values, strict=True):
        ax.text(value, position, f" {value}", va="center")
