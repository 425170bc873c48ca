"""The report tree: what `assemble` builds and `write` turns into a .docx.

No Word here and no English decisions: text arrives already worded. The writer maps each block's
`role` to a style in the reference document (see narrator.word.styles), so code never sets fonts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import Enum

from narrator.model import Rag


class Role(Enum):
    """What a block is, which decides its Word style (narrator.word.styles maps role to style)."""

    COMMITTEE = "committee"  # "CHILDREN AND FAMILY SERVICES OVERVIEW AND SCRUTINY COMMITTEE: ..."
    TITLE = "title"  # "QUARTER 1 2024/25 PERFORMANCE REPORT"
    SUBTITLE = "subtitle"  # "JOINT REPORT OF ..."
    HEADING = "heading"  # section heading (Heading 1)
    SUBHEADING = "subheading"  # theme heading inside a section (Heading 2)
    BODY = "body"  # numbered body paragraph
    PLAIN = "plain"  # unnumbered text (Background Papers "None.", contact lines)


@dataclass(frozen=True)
class Comment:
    """A Word comment anchored on a paragraph: a warning or a note for the reviewer."""

    text: str
    author: str = "narrator"


@dataclass(frozen=True)
class Block:
    """One paragraph of the report.

    `key` identifies a generated paragraph across regenerations (the indicator's key, or a
    fixed-text key such as "purpose.1"); None for text that is not tracked.
    `fingerprint` is a short hash of the data and wording that produced it; None when untracked.
    `indicator` names the dashboard indicator the paragraph is about, if any; `members` the
    further indicators written into it (a catalogue group's later members), in order.
    """

    role: Role
    text: str
    key: str | None = None
    fingerprint: str | None = None
    indicator: str | None = None
    comments: tuple[Comment, ...] = ()
    members: tuple[str, ...] = ()


@dataclass(frozen=True)
class AppendixRow:
    """One indicator in the appendix dashboard table. Text cells are already formatted;
    None means the dashboard has no value (the writer shows the appendix's `missing`)."""

    area: str
    indicator: str
    latest: str | None
    latest_period: str | None
    previous: str | None
    previous_period: str | None
    direction: str | None  # worded: "Improved", "Worsened", "No change", "Increase" ...
    target: str | None
    rag: Rag | None
    quartile: str | None  # "1st" ... "4th"


APPENDIX_COLUMNS = tuple(AppendixRow.__dataclass_fields__)
"""Every appendix column: the AppendixRow fields, in order."""


@dataclass(frozen=True)
class Trend:
    """One indicator's latest periods, drawn as a small line chart in the appendix.

    `points` pairs each period's label with its value, oldest first; None is a period with no
    figure (a gap in the line). `target` None means no target line. `decimals` and `suffix`
    ("%" or "") say how its axis shows the numbers.
    """

    indicator: str
    points: tuple[tuple[str, Decimal | None], ...]
    target: Decimal | None = None
    decimals: int = 0
    suffix: str = ""


@dataclass(frozen=True)
class FigureWords:
    """The appendix figures' words: the caption label ("Figure", numbered by Word), the
    captions of the summary charts and of the trend charts, the names of a trend chart's two
    lines (its workbook's column headings too), and what its alt text says for a period with
    no figure."""

    label: str = "Figure"
    summary: str = "Indicators by quartile, RAG rating and direction of travel"
    trends: str = "Latest periods of each indicator with earlier figures"
    value: str = "Value"
    target: str = "Target"
    no_figure: str = "no figure"


@dataclass(frozen=True)
class Appendix:
    """The dashboard as a table (landscape), its RAG key, and summary counts for a chart.

    `headers` gives each AppendixRow field's column header, in field order; `columns` names the
    fields the table shows, in order (all of them unless the dashboard has nothing for one: no
    RAG column, no area), and `column_headers` their headers.
    `quartile_counts` maps "1st".."4th" and `missing` to counts; `rag_counts` maps each RAG
    rating's label (`rag_labels`: "Green", "Amber", "Red") and `missing` to counts;
    `progress_counts` maps "Improved", "No change", "Worsened" and `missing`. `missing` is what a
    cell with no value shows, and the chart's grey bar is named (the phrasebook's
    report.appendix.missing; the headers and labels are the phrasebook's too).
    `trends` are the indicators with earlier figures, in table order (none without history).
    """

    title: str
    rows: tuple[AppendixRow, ...]
    rag_key: tuple[tuple[Rag, str], ...]
    quartile_counts: dict[str, int] = field(default_factory=dict)
    rag_counts: dict[str, int] = field(default_factory=dict)
    progress_counts: dict[str, int] = field(default_factory=dict)
    headers: tuple[str, ...] = (
        "Area",
        "Indicator",
        "Latest data",
        "Period",
        "Previous data",
        "Previous period",
        "Direction of travel",
        "Target",
        "RAG",
        "Quartile",
    )
    columns: tuple[str, ...] = APPENDIX_COLUMNS
    missing: str = "N/A"
    rag_labels: tuple[tuple[Rag, str], ...] = (
        (Rag.GREEN, "Green"),
        (Rag.AMBER, "Amber"),
        (Rag.RED, "Red"),
    )
    trends: tuple[Trend, ...] = ()
    figures: FigureWords = field(default_factory=FigureWords)

    @property
    def column_headers(self) -> tuple[str, ...]:
        """The headers of the columns the table shows, in order."""
        return tuple(self.headers[APPENDIX_COLUMNS.index(name)] for name in self.columns)


@dataclass(frozen=True)
class Properties:
    """Document properties (File > Properties in Word). `created` None means today."""

    title: str
    subject: str = ""
    author: str = ""
    keywords: str = ""
    created: date | None = None


@dataclass(frozen=True)
class Report:
    """The whole report in reading order. `appendix` None means no appendix table."""

    blocks: tuple[Block, ...]
    properties: Properties
    appendix: Appendix | None = None
