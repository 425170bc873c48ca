"""The "OCR appendix" layout: a scanned appendix table read by OCR into tab-separated text.

The header is broken over several lines and half-read ("Undated", "Chahua DAC"), so columns
are taken by position from the row that names "Latest update": indicator, updated flag, period
("Latest update"), value ("Current Performance"), comparison with the previous data point
("Better", "Worse", "Similar", "New", "Higher - no polarity"), trend chart, RAG, national
quartile, then the statistical-neighbour benchmark and the target run together over the last
columns ("94.5% | 100%", "314.9 Top qu | uartile").

OCR is read as a human reads it, and no further:
- a value is read only when its cell holds a clean number; OCR often echoes a value's last
  character ("6" for "%") at the start of the comparison cell, which is dropped when it matches,
  and makes the value uncertain when the value cell is empty or broken ("8." | "7 Lower");
- a comparison word a letter off ("Higner") is read as the word, with a warning;
- a RAG drawn as a coloured symbol that OCR read as "^" or "٨" is not read, with a warning;
- a row with only a name is an outcome (a theme when it follows another directly); a row with
  no name is noise beside the row above; a name that starts in lower case continues the
  indicator above (never across an outcome row: below one it is an indicator of its own); a
  row holding two periods and two names is two indicators run together;
- the RAG key ends the table.
Every figure of an OCR'd table should be checked against the original: a warning says so.
"""

from __future__ import annotations

import difflib
import re

from narrator.intake import cells
from narrator.intake.cells import CellError, Number
from narrator.intake.comparison import parse_comparison
from narrator.intake.dashboard import Dashboard
from narrator.intake.layouts.common import Fields, dashboard, lines_of, note
from narrator.model import Cell, Comparison, Indicator, Polarity, Problem

NAME = "ocr-appendix"

_NAME, _UPDATED, _PERIOD, _VALUE, _COMPARISON, _CHART, _RAG = range(7)
_WORDS = ("better", "worse", "similar", "same", "higher", "lower", "new")
_PERIOD_RE = re.compile(r"(?:Q[1-4]\s+)?20\d\d(?:\s*[/-]\s*\d{2,4})?")
_ECHO = re.compile(r"^(?P<echo>\S)\s+(?=[A-Za-z])")
_CLEAN_NUMBER = re.compile(r"^-?(?:[1-9]\d{0,2}(?:,\d{3})+|[1-9]\d*|0)(?:\.\d+)?%?$")
_TARGET_WORDS = {"notar": "no target", "topqu": "Top quartile", "increa": "Increase"}
_TARGET_WORDS |= {"reduc": "Reduce"}


def _split(line: str) -> list[str]:
    return [" ".join(c.split()) for c in line.split("\t")]


def detect(text: str) -> bool:
    """True when the text has the appendix's shape: tab-separated rows with a comparison word
    and a period after the name, at least one of them below a header row naming "Latest
    update" (the row `read` takes its columns from; an appendix of one or two indicators is
    still an appendix), or at least three where OCR lost that header."""
    rows = [(n, _split(ln)) for n, ln in enumerate(lines_of(text)) if "\t" in ln]
    fits = [_has_figures(texts) for _, texts in rows]
    header = _header(rows)
    if header is not None and any(fits[header + 1 :]):
        return True
    return sum(fits) >= 3


def _has_figures(texts: list[str]) -> bool:
    """A data row's mark: a comparison word and a period in the cells after the name."""
    rest = texts[1:]
    return any(re.search(r"\b(?:Better|Worse|Similar|New|Lower)\b", c) for c in rest) and any(
        _PERIOD_RE.search(c) for c in rest
    )


def _header(rows: list[tuple[int, list[str]]]) -> int | None:
    """The index in `rows` of the first row with a cell naming "Latest update"; None: none."""
    for index, (_, texts) in enumerate(rows):
        if any("latest update" in t.lower() for t in texts):
            return index
    return None


# the columns as the seed's appendix has them; a header that names them moves them
_DEFAULTS = {"updated": 1, "period": 2, "value": 3, "comparison": 4, "rag": 6}
_HEADINGS = (
    ("updated", re.compile(r"\b(?:updated|undated)\b")),
    ("period", re.compile(r"latest update|\bperiod\b")),
    ("value", re.compile(r"\bcurrent\b|\bperformance\b|\bvalue\b|\bfigure\b")),
    ("comparison", re.compile(r"\bprevious\b|\bcompared\b")),
    ("rag", re.compile(r"\brag\b")),
)


def _columns(header: list[list[str]]) -> dict[str, int]:
    """Where the updated flag, period, value, comparison and RAG columns are: the first column
    whose header lines (joined) name each, after the indicator column; else the seed's place."""
    width = max((len(r) for r in header), default=0)
    joined = [" ".join(r[i] for r in header if i < len(r)).lower() for i in range(width)]
    found: dict[str, int] = {}
    for key, pattern in _HEADINGS:
        taken = set(found.values())
        for i in range(1, width):
            if i not in taken and pattern.search(joined[i]):
                found[key] = i
                break
    return {key: found.get(key, default) for key, default in _DEFAULTS.items()}


def _canonical(texts: list[str], columns: dict[str, int]) -> list[str]:
    """A data row in the seed's eleven columns: name, updated, period, value, comparison,
    (chart), RAG, the two columns after RAG (the quartile and where OCR shifts it), and the
    last two (the neighbour benchmark and the target, run together)."""

    def at(i: int) -> str:
        return texts[i] if 0 <= i < len(texts) else ""

    rag = columns["rag"]
    last = max(len(texts), rag + 5)
    return [
        at(0),
        at(columns["updated"]),
        at(columns["period"]),
        at(columns["value"]),
        at(columns["comparison"]),
        "",
        at(rag),
        at(rag + 1),
        at(rag + 2),
        at(last - 2) if last - 2 > rag + 2 else "",
        at(last - 1) if last - 1 > rag + 2 else "",
    ]


def _is_heading(texts: list[str]) -> bool:
    rest = [t for t in texts[1:] if t]
    if any(re.search(r"\d|n/a|\b[GAR]\b", t, re.I) for t in rest):
        return False
    return all(not re.search(r"[A-Za-z]", t) or _comparison_fragment(t) for t in rest)


def _comparison_fragment(text: str) -> bool:
    """The first half of "Higher - no polarity", OCR'd onto the heading row above."""
    return bool(re.search(r"-\s*no\s*$", text, re.I))


def _fuzzy_word(text: str) -> str | None:
    word = re.sub(r"[^a-z]", "", text.lower().split(" - ")[0].split()[0]) if text.split() else ""
    close = difflib.get_close_matches(word, _WORDS, n=1, cutoff=0.8)
    return close[0] if close else None


_BodyRow = tuple[int, list[str], str | None, str | None]


def _continue_name(source: str, number: int, texts: list[str], last: _BodyRow) -> list[Problem]:
    """A line whose name starts in lower case continues the name of the row above (`last`,
    changed in place): its name is joined on and its other cells fill the row's empty ones."""
    problems: list[Problem] = []
    last_number, cells_above, _, _ = last
    name = texts[_NAME]
    cells_above[_NAME] = f"{cells_above[_NAME]} {name}"
    for i, piece in enumerate(texts[1:], 1):
        if piece and not cells_above[i]:
            cells_above[i] = piece
        elif piece:
            problems.append(
                note(source, number, "noise-below-row", "text below a filled cell: not read", piece)
            )
    problems.append(
        note(
            source,
            number,
            "name-continued",
            f"the name continues on this line: joined to the name on line {last_number}",
            name,
        )
    )
    return problems


def read(source: str, text: str, *, quarter_year: int | None = None) -> Dashboard:
    """Read the OCR'd appendix (`quarter_year` is unused: its periods carry their year)."""
    problems: list[Problem] = []
    indicators: list[Indicator] = []
    rows = [(n, _split(ln)) for n, ln in enumerate(lines_of(text), 1)]
    header = _header(rows)
    if header is None:
        return dashboard(source, indicators, problems, NAME)
    first = rows[header][1][0]  # an outcome OCR read into the header, or the column's label
    topic: str | None = None if re.search(r"indicator|measure", first, re.I) else first or None
    theme: str | None = None
    after_heading = topic is not None
    carried = ""  # a comparison's first half, OCR'd onto a heading row
    body: list[_BodyRow] = []
    columns = _columns([texts for _, texts in rows[: header + 1]])
    for number, found in rows[header + 1 :]:
        texts = _canonical(found, columns)
        joined = " ".join(texts)
        if re.search(r"rag rating key", joined, re.I):
            break
        if not re.search(r"[0-9A-Za-z]", joined):
            continue
        name = texts[_NAME]
        if not name:
            problems.append(
                note(
                    source,
                    number,
                    "noise-below-row",
                    "a row with no indicator name (OCR noise beside the row above): not read",
                    " | ".join(t for t in texts if t),
                )
            )
            continue
        if name[:1].islower() and body and not after_heading:
            problems.extend(_continue_name(source, number, texts, body[-1]))
            continue
        if _is_heading(texts):
            if after_heading:
                theme = name
            else:
                topic, theme = name, None
            after_heading = True
            carried = texts[_COMPARISON]
            continue
        after_heading = False
        if carried and texts[_COMPARISON]:
            texts[_COMPARISON] = f"{carried} {texts[_COMPARISON]}"
        carried = ""
        for part in _run_together(source, number, texts, problems):
            body.append((number, part, topic, theme))
    for number, texts, row_topic, row_theme in body:
        indicator, said = _indicator(source, number, texts, row_topic, row_theme)
        indicators.append(indicator)
        problems.extend(said)
    if indicators:
        problems.append(
            note(
                source,
                rows[header][0],
                "ocr-source",
                "an OCR'd table: figures that could not be read for certain are reported "
                "below; check the rest against the original",
                None,
            )
        )
    return dashboard(source, indicators, problems, NAME)


_SPLIT_NAME = re.compile(r" (?=(?:The |No\. |Number ))")
_COMPARISON_PART = re.compile(
    r"(?:\S\s+)?(?:Better|Worse|Similar|Same|Higher|Lower|New)\b|n/a", re.I
)


def _run_together(
    source: str, number: int, texts: list[str], problems: list[Problem]
) -> list[list[str]]:
    """The row, or the two indicators OCR ran together on it: two periods in the period cell
    and a second name starting inside the first ("... target The % of families ...")."""
    periods = _PERIOD_RE.findall(texts[_PERIOD])
    if len(periods) < 2:
        return [texts]
    splits = [m.start() for m in _SPLIT_NAME.finditer(texts[_NAME]) if m.start() > 10]
    if len(periods) != 2 or len(splits) != 1:
        if len(set(periods)) == 1:
            texts = list(texts)
            texts[_PERIOD] = periods[0]
            problems.append(
                note(
                    source,
                    number,
                    "period-twice",
                    "the period is written twice: read once",
                    " ".join(periods),
                )
            )
        return [texts]
    cut = splits[0]
    first, second = list(texts), list(texts)
    first[_NAME], second[_NAME] = texts[_NAME][:cut].strip(), texts[_NAME][cut:].strip()
    first[_PERIOD], second[_PERIOD] = periods
    unread: list[str] = []
    for column in range(_VALUE, len(texts)):
        cell = texts[column]
        parts = _COMPARISON_PART.findall(cell) if column == _COMPARISON else cell.split()
        plain = column == _COMPARISON or all(cells.is_missing(p) for p in parts)
        if len(parts) == 2 and plain:
            first[column], second[column] = parts
        else:
            first[column] = second[column] = ""
            if cell:
                unread.append(cell)
    problems.append(
        note(
            source,
            number,
            "rows-run-together",
            f"two indicators on one line ({first[_NAME]!r} and {second[_NAME]!r}): read as two"
            + (", and what cannot be told apart is not read" if unread else ""),
            " | ".join(unread) or None,
        )
    )
    return [first, second]


def _indicator(
    source: str, number: int, texts: list[str], topic: str | None, theme: str | None
) -> tuple[Indicator, list[Problem]]:
    name = texts[_NAME].rstrip(" .")
    fields = Fields(source, number, name)
    comparison, said, echo = _comparison(fields, texts[_COMPARISON])
    polarity = cells.bracketed_polarity(name) or said or Polarity.NONE
    latest = _value(fields, texts[_VALUE], echo, texts[_COMPARISON])
    period = fields.read("latest_period", texts[_PERIOD], cells.parse_period_cell)
    rag = fields.read("rag", texts[_RAG], cells.parse_rag)
    quartile = _quartile(fields, texts[7:9])
    neighbour, target_text = _benchmark(fields, texts[9], texts[10])
    indicator = fields.indicator(
        topic=topic,
        theme=theme,
        polarity=polarity,
        latest=latest,
        latest_period=period,
        comparison=comparison,
        target=fields.target(target_text, polarity),
        rag=rag,
        quartile=quartile,
        neighbour=neighbour,
    )
    if texts[_UPDATED]:
        indicator.extra["Updated"] = texts[_UPDATED]
    return indicator, fields.problems


def _comparison(fields: Fields, text: str) -> tuple[Comparison | None, Polarity | None, str | None]:
    """The comparison word, the polarity written with it, and the character OCR echoed in
    front of it (None when there is none)."""
    echo = None
    if m := _ECHO.match(text):
        echo, text = m.group("echo"), text[m.end() :]
    if not text or cells.is_missing(text):
        fields.cells["comparison"] = fields.cells.get("comparison") or _cell(fields, text)
        return None, None, echo
    words = [w for w in re.findall(r"[A-Za-z]+", text) if _fuzzy_word(w)]
    if len(words) > 1:
        fields.warn(
            "comparison",
            "unreadable-comparison",
            "two comparison words in one cell (OCR ran two rows together): not read",
            text,
            "one comparison word",
        )
        return None, None, echo
    try:
        comparison, said = parse_comparison(text)
        fields.cells["comparison"] = _cell(fields, text)
        return comparison, said, echo
    except CellError:
        pass
    word = _fuzzy_word(text)
    if word is None:
        fields.read("comparison", text, parse_comparison)  # records the warning
        return None, None, echo
    polarity = Polarity.NONE if re.search(r"polarity", text, re.I) else None
    reading = word.capitalize() + (" - no polarity" if polarity else "")
    fields.warn(
        "comparison",
        "ocr-reading",
        f"read as {reading!r} (OCR misread a letter)",
        text,
    )
    comparison, _ = parse_comparison(word)
    return comparison, polarity, echo


def _cell(fields: Fields, text: str, what: str = "comparison") -> Cell:
    return Cell(fields.where(what), text)


def _value(fields: Fields, text: str, echo: str | None, beside: str) -> Number | None:
    """The value when its cell holds a clean number that the echoed character (if any)
    matches; otherwise None, with a warning naming both cells unless both are empty."""
    raw = text.strip()
    clean = raw and _CLEAN_NUMBER.match(raw)
    matches = echo is None or (clean and (raw[-1] == echo or (raw.endswith("%") and echo == "6")))
    if clean and matches:
        return fields.read("latest", raw, cells.parse_value)
    if cells.is_missing(raw) and echo is None:
        fields.read("latest", raw, cells.parse_value)
        return None
    fields.cells["latest"] = _cell(fields, raw, "latest")
    fields.warn(
        "latest",
        "unreadable-latest",
        "the value cannot be read for certain from the OCR (its cell and the start of the "
        "comparison cell are given): not read",
        f"{raw} | {beside}",
        "the value from the original table",
    )
    return None


def _quartile(fields: Fields, texts: list[str]) -> int | None:
    """The quartile: a lone 1-4 in the quartile column or the one after it (OCR shifts it)."""
    lone = [t for t in texts if re.fullmatch(r"[1-4]", t)]
    odd = [t for t in texts if t and not re.fullmatch(r"[1-4]", t) and not cells.is_missing(t)]
    if len(lone) == 1 and not odd:
        return fields.read("quartile", lone[0], cells.parse_quartile)
    if lone or any(re.search(r"\d", t) for t in odd):
        fields.warn(
            "quartile",
            "unreadable-quartile",
            "the quartile cannot be read for certain from the OCR: not read",
            " | ".join(t for t in texts if t),
            "one quartile, 1 to 4",
        )
    return None


def _benchmark(fields: Fields, first: str, second: str) -> tuple[Number | None, str]:
    """The statistical neighbour benchmark at the start of the last columns, and the target
    text after it (its words rejoined: "no targ" | "get" is "no target")."""
    neighbour = None
    words = first.split()
    if words and (_CLEAN_NUMBER.match(words[0]) or cells.is_missing(words[0])):
        neighbour = fields.read("neighbour_average", words[0], cells.parse_value)
        words = words[1:]
    rest = " ".join([*words, second]).strip()
    key = re.sub(r"[^a-z]", "", rest.lower())
    for prefix, word in _TARGET_WORDS.items():
        if key.startswith(prefix):
            return neighbour, word
    return neighbour, rest
