"""Which rows of a table are indicators, and the topic and theme each belongs to.

Below the header a table also holds blank rows, rule lines, rows that only name a topic or theme
(a merged cell, a PDF extract's heading), and notes and keys under the table: these are kept
for their topic and theme, or skipped (with a warning where a reader would wonder why). A
topic or theme cell left blank is the one above; a topic split over two rows is joined.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from narrator.errors import Location
from narrator.intake import cells
from narrator.intake.table import LABEL_FIELDS, RawRow, Table, locate
from narrator.lazy_re import lazy
from narrator.model import Problem, Severity

# the figures whose presence makes a row without a name an error, not a note
_VALUE_FIELDS = (
    "latest",
    "previous",
    "latest_period",
    "previous_period",
    "numerator",
    "denominator",
)


def indicator_rows(
    table: Table, problems: list[Problem]
) -> list[tuple[RawRow, str, str | None, str | None]]:
    """The indicator rows below the header as (row, name, topic, theme), in file order; the
    problems of the rows that are not, and of control characters removed, are appended to
    `problems`. A topic or theme is None when no row above gives one."""
    header = table.header
    kept: list[tuple[RawRow, str, str, str]] = []  # row, name, topic text, theme text
    body = table.rows[header.last + 1 :]
    sections = _sections(table, body)
    for raw in body:
        raw = _storable(table, raw, problems)
        if raw.number in sections:
            kept.append((raw, "", sections[raw.number], ""))
            continue
        kind, row_problems = _classify(table, raw)
        problems.extend(row_problems)
        if kind:
            kept.append(
                (
                    raw,
                    _text(table, raw, "name"),
                    _text(table, raw, "topic"),
                    _text(table, raw, "theme"),
                )
            )
    themes = _fill_forward([t for _, _, _, t in kept])
    topics = _resolve_topics([t for _, _, t, _ in kept], themes)
    return [
        (raw, name, topic, theme)
        for (raw, name, _, _), topic, theme in zip(kept, topics, themes, strict=True)
        if name
    ]


def _sections(table: Table, body: Sequence[RawRow]) -> dict[int, str]:
    """The rows of a table without a Topic column that head a section of indicators ("Waste
    and Recycling" alone on its row, in the first or the name column, indicators below it), by
    row number, with their text: each is the topic of the rows below it. Empty when the table
    has a Topic column."""
    header = table.header
    if header.column("topic") is not None:
        return {}
    name_column = header.column("name")
    found: dict[int, str] = {}
    last_indicator = 0
    for raw in body:
        filled = [i for i, t in enumerate(raw.texts) if not cells.is_missing(t)]
        if len(filled) == 1 and filled[0] in (0, name_column):
            text = " ".join(raw.texts[filled[0]].split())
            if _heads_section(text, named=filled[0] == name_column):
                found[raw.number] = text
                continue
        if _text(table, raw, "name") and any(_text(table, raw, f) for f in _VALUE_FIELDS):
            last_indicator = raw.number
    return {number: text for number, text in found.items() if number < last_indicator}


# how an indicator's name starts: a row holding only such a name is an indicator without
# figures, never a section's heading
_MEASURE_START = lazy(
    r"^(?:%|no\.|number|percentage|proportion|rate|average|total|count|ratio)\b", re.I
)


def _heads_section(text: str, named: bool) -> bool:
    """Whether a row's only text heads a section: short, no note ("*", a full stop), and, in
    the indicator name's own column, no figure and not worded as a measure."""
    if len(text) > 80 or text.endswith((".", ":")) or text.startswith("*"):
        return False
    if not named:
        return True
    return (
        len(text.split()) <= 6 and not re.search(r"\d|%", text) and not (_MEASURE_START.match(text))
    )


def header_problems(table: Table) -> list[Problem]:
    """Warnings about the header: columns narrator does not use or that repeat another (both
    kept in each Indicator.extra), a heading's period that is not the rows' own ("Target
    2024/25" read as the target), and no Polarity column."""
    header, problems = table.header, []
    number = table.rows[header.last].number
    for i in sorted(header.unknown + header.duplicates):
        what = (
            "a second column for the same data"
            if i in header.duplicates
            else "a column narrator does not use"
        )
        problems.append(
            Problem(
                Severity.WARNING,
                "unknown-column",
                locate(table, number, i),
                f"{what}: kept as it is",
                header.names[i],
                None,
            )
        )
    for i, note in sorted(header.notes.items()):
        problems.append(
            Problem(
                Severity.WARNING,
                "period-in-heading",
                locate(table, table.rows[header.first].number, i),
                f"a period in the column's heading: {note}",
                header.names[i],
                None,
            )
        )
    if header.column("polarity") is None:
        problems.append(
            Problem(
                Severity.WARNING,
                "missing-polarity-column",
                Location(file=table.source, sheet=table.sheet, row=number),
                "no Polarity column: an indicator has none unless its name or trend says one, or "
                "its status says which way its target is good",
            )
        )
    return problems


_UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _storable(table: Table, raw: RawRow, problems: list[Problem]) -> RawRow:
    """The row without the control characters a Word document cannot hold (pasted into a
    cell from another system), each cell that had one reported as a warning; the row itself
    when there are none."""
    if not any(_UNSTORABLE.search(text) for text in raw.texts):
        return raw
    name = _text(table, raw, "name") or None  # as written, to say which row it was
    texts = []
    for column, text in enumerate(raw.texts):
        found = _UNSTORABLE.search(text)
        if found:
            problems.append(
                Problem(
                    Severity.WARNING,
                    "control-character",
                    locate(table, raw.number, column, name),
                    f"holds the control character U+{ord(found.group(0)):04X}, which a Word "
                    "document cannot hold: removed",
                    text,
                )
            )
            text = _UNSTORABLE.sub("", text)
        texts.append(text)
    return RawRow(raw.number, tuple(texts), raw.uncached)


def _text(table: Table, raw: RawRow, name: str) -> str:
    """A cell's text with its spaces collapsed; "" when there is no such cell or it says N/A."""
    col = table.header.column(name)
    text = " ".join(raw.texts[col].split()) if col is not None and col < len(raw.texts) else ""
    return "" if cells.is_missing(text) else text


def _classify(table: Table, raw: RawRow) -> tuple[bool, list[Problem]]:
    """Whether a data row is kept (an indicator, or a row that only names a topic or theme), and
    the problems of a row that is not."""
    if all(cells.is_missing(t) for t in raw.texts) and not raw.uncached:
        return False, []  # blank, or a rule line ("|--|---|") of a text table
    filled = [i for i, t in enumerate(raw.texts) if t.strip()]
    name = _text(table, raw, "name")
    labels = {table.header.column(f) for f in LABEL_FIELDS}
    has_values = any(_text(table, raw, f) for f in _VALUE_FIELDS)
    if name:
        if all(i < 2 for i in filled) and not has_values:
            where = locate(table, raw.number, table.header.column("name"), name)
            return False, [
                Problem(
                    Severity.WARNING,
                    "skipped-row",
                    where,
                    "a note or key below the table, not an indicator: skipped",
                    name,
                )
            ]
        return True, []
    if all(i in labels for i in filled):
        return True, []
    if not has_values:
        return False, []  # a key, legend or note row
    where = locate(table, raw.number, table.header.column("name"))
    return False, [
        Problem(
            Severity.ERROR,
            "missing-indicator-name",
            where,
            "a row with values but no indicator name",
            "",
            "the indicator's name",
        )
    ]


def _fill_forward(texts: Sequence[str]) -> list[str | None]:
    out: list[str | None] = []
    for text in texts:
        out.append(text or (out[-1] if out else None))
    return out


_JOINING = (",", "-", "&", " and", " of", " to", " the", " in", " for", " with")


def _resolve_topics(texts: Sequence[str], themes: Sequence[str | None]) -> list[str | None]:
    """Each row's topic. An empty topic is the topic above; text that continues the row above
    ("resilience, confidence and capacity" under "...build strength,") extends it. Rows without a
    topic just above a new topic go with it when their theme is the new topic's and not the old
    one's: PDF extracts centre a merged topic cell over its rows."""
    blocks: list[list[str]] = []
    block_themes: list[set[str | None]] = []
    owner: list[int | None] = []
    pending: list[int] = []
    for i, text in enumerate(texts):
        above = texts[i - 1] if i else ""
        if text and above and text != above and (text[0].islower() or above.endswith(_JOINING)):
            blocks[-1].append(text)
        elif text:
            old = block_themes[-1] if block_themes else set()
            blocks.append([text])
            block_themes.append(set())
            for j in reversed(pending):
                if themes[i] is None or themes[j] != themes[i] or themes[j] in old:
                    break
                owner[j] = len(blocks) - 1
        if text:
            block_themes[-1].add(themes[i])
            pending = []
        else:
            pending.append(i)
        owner.append(len(blocks) - 1 if blocks else None)
    return [" ".join(blocks[o]) if o is not None else None for o in owner]
