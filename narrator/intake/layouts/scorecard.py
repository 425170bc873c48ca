"""The "scorecard" layout: a single-period scorecard copied out of a PDF as text.

Each indicator is its name followed by its figures:
`Q1 95.8% (250) Similar G 2 89.9%` is the period, the value (with its count in brackets), the
comparison with the previous figure in words, the RAG status, the national quartile and the
statistical neighbour average; "n/a" stands for any of the last four. The figures may follow the
name on the same line or on the next, and may themselves wrap ("Apr 17 -" / "Mar 18 104 ...",
"Higher - no" / "polarity n/a n/a n/a"). A name may wrap over two lines. Outcome headings stand
on lines of their own before a name; a "RAG rating key" ends the scorecard.

Polarity is only what a name says ("(low = good)") or the comparison ("Higher - no polarity").
Quarters are written without a year ("Q1"): the year comes from the title when it names one,
else from the latest month written in full in the file ("Jun-18": the quarter ending then),
else from the caller (the report period); each is said in a warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from narrator.errors import Location
from narrator.intake import cells
from narrator.intake.comparison import parse_comparison
from narrator.intake.dashboard import Dashboard
from narrator.intake.layouts.common import (
    Fields,
    bare_quarter,
    dashboard,
    lines_of,
    note,
    quarter_period,
)
from narrator.model import Cell, Indicator, Polarity, Problem, Severity
from narrator.periods import Period, PeriodKind, parse_period

NAME = "scorecard"

_MON = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)"
_PERIOD = (
    rf"(?P<period>Q[1-4](?:[ \t]+20\d\d/\d\d)?|{_MON}\s?\d\d\s*-\s*{_MON}\s?\d\d|"
    rf"(?:Spring|Summer|Autumn)(?:[ \t]+Term)?[ \t]+20\d\d|20\d\d/\d\d|{_MON}-\d\d|(?:19|20)\d\d)"
)
_NUM = r"-?\d[\d,]*(?:\.\d+)?%?"
_NA = r"(?:n/a|N/A|NA)"
_TAIL = re.compile(
    rf"(?:(?<=\s)|^){_PERIOD}\s+(?P<value>{_NUM}(?:[ \t]*\(\d[\d,]*%?\))?)\s+"
    rf"(?P<comparison>(?:Higher|Lower)\s*-\s*no\s+polarity|Better|Worse|Similar|Same|Higher|"
    rf"Lower|New|{_NA})\s+(?P<rag>[GAR]|{_NA})\s+(?P<quartile>[1-4]|{_NA})\s+"
    rf"(?P<neighbour>{_NUM}|{_NA})[ \t]*(?=\n|$)"
    rf"|(?:(?<=\s)|^)(?P<see>See\s+Appendix)(?:\s+{_NA})*[ \t]*(?=\n|$)"
)
_KEY = re.compile(r"^[ \t]*RAG rating key[ \t]*$", re.I | re.M)
_FIGURES = re.compile(rf"(?:^|(?<=\s)){_PERIOD}\s+-?\d")
_VALUE = re.compile(r"\d\.\d|\d\s?%")  # a decimal or a percentage: a figure, not a year
_WORD = re.compile(r"[A-Za-z]{3,}")


def _like_figures(line: str) -> bool:
    """True for a line of figures, read or not: one that starts like figures (a period, then
    a number), or a garbled one ("Q. 76.0% |ew": a decimal or a percentage and at most one
    word of three letters or more), which no name, title or outcome heading is."""
    return bool(_FIGURES.match(line)) or (
        bool(_VALUE.search(line)) and len(_WORD.findall(line)) <= 1
    )


_TITLE_YEAR = re.compile(r"\b(20\d\d)\s*/\s*\d\d\b")
_CONTINUES = re.compile(r"(?:(?:^|\s)(?:of|or|and|in|to|the|for|a|an|with)|[,(-])\s*$", re.I)


@dataclass(frozen=True)
class _Text:
    """The file's lines without blank ones, joined by newlines, and each line's number."""

    joined: str
    starts: tuple[int, ...]
    numbers: tuple[int, ...]

    @classmethod
    def of(cls, text: str) -> _Text:
        kept = [(n, ln.rstrip()) for n, ln in enumerate(lines_of(text), 1) if ln.strip()]
        starts, offset = [], 0
        for _, line in kept:
            starts.append(offset)
            offset += len(line) + 1
        return cls("\n".join(ln for _, ln in kept), tuple(starts), tuple(n for n, _ in kept))

    def line_at(self, offset: int) -> int:
        """The file's line number of a position in `joined`."""
        lo, hi = 0, len(self.starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.starts[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return self.numbers[lo] if self.numbers else 1


def _body(text: str) -> str:
    """The text before the RAG key."""
    m = _KEY.search(text)
    return text[: m.start()] if m else text


def detect(text: str) -> bool:
    return len(_TAIL.findall(_Text.of(_body(text)).joined)) >= 2


def _quarter_year(text: str) -> tuple[int, str] | None:
    """The financial year of bare quarters, and what it was read from: a title's year, else
    the latest month written in full ("Jun-18": the quarter ending in June 2018 is Q1
    2018/19)."""
    if m := _TITLE_YEAR.search(text[:400]):
        return int(m.group(1)), f"the year the title names ({m.group(0)})"
    months: list[Period] = []
    for found in re.finditer(rf"\b{_MON}-\d\d\b", text):
        try:
            months.append(parse_period(found.group(0)))
        except ValueError:
            continue
    months = [p for p in months if p.kind is PeriodKind.MONTH and p.number is not None]
    if not months:
        return None
    last = max(months, key=lambda p: p.end_month_index())
    assert last.number is not None
    year = last.year if last.number >= 4 else last.year - 1
    return year, f"the financial year of the latest month in the file ({last.label})"


def _lines(layout: _Text, start: int, end: int) -> list[tuple[int, str]]:
    """The non-blank lines of joined[start:end], each with its line number in the file."""
    found, offset = [], start
    for piece in layout.joined[start:end].split("\n"):
        if piece.strip():
            found.append((layout.line_at(offset + len(piece) - len(piece.lstrip())), piece.strip()))
        offset += len(piece) + 1
    return found


def _name_and_headings(
    lines: list[tuple[int, str]],
) -> tuple[list[tuple[int, str]], tuple[int, str] | None]:
    """The headings before a name, and the name (its lines joined) with its first line number.

    A line joins the one before when that one ends mid-phrase ("... at end of", "... or"), or
    when it starts in lower case or with a bracket; the last run of joined lines is the name,
    any before it are headings. A long line (90 characters or more as printed, wrapped at the
    page's edge) also joins the name after it, but only the name: a long title or table header
    never swallows the outcome heading after it, nor, through it, the name (a row of
    tab-separated cells is a table's, never a wrapped line)."""
    logical: list[tuple[int, str, str]] = []  # first line number, text, its last line
    for number, line in lines:
        if (
            logical
            and not _FIGURES.search(logical[-1][1])
            and not _FIGURES.search(line)
            and not _like_figures(line)
            and (_CONTINUES.search(logical[-1][2]) or line[:1].islower() or line[:1] in "(‘'")
        ):
            logical[-1] = (logical[-1][0], f"{logical[-1][1]} {line}", line)
        else:
            logical.append((number, line, line))
    while len(logical) >= 2 and _wraps(logical[-2]) and not _FIGURES.search(logical[-1][1]):
        before, name = logical[-2], logical.pop()
        logical[-1] = (before[0], f"{before[1]} {name[1]}", name[2])
    if not logical:
        return [], None
    return [(n, text) for n, text, _ in logical[:-1]], logical[-1][:2]


def _wraps(logical: tuple[int, str, str]) -> bool:
    """True when a run of lines ends in a line wrapped at the page's edge."""
    last = logical[2]
    return len(last) >= 90 and "\t" not in last and not _FIGURES.search(logical[1])


def _headings(
    source: str,
    headings: list[tuple[int, str]],
    topic: str | None,
    indicators: list[Indicator],
    problems: list[Problem],
) -> str | None:
    """The topic after the lines before a name. A line that starts like figures (a period,
    then a number) but does not fit the pattern makes the line before it an indicator whose
    figures are not read, with a warning, rather than an outcome heading."""
    before: tuple[int, str] | None = None
    set_here: tuple[int, str] | None = None
    lines: list[tuple[int, str]] = []
    for number, text in headings:  # a name and its unfitting figures on one line: two lines
        found = _FIGURES.search(text)
        if found and found.start() > 0 and re.search(r"[A-Za-z]{3}", text[: found.start()]):
            lines += [(number, text[: found.start()].strip()), (number, text[found.start() :])]
        else:
            lines.append((number, text))
    for number, text in lines:
        if text and _like_figures(text) and before is None:
            problems.append(
                note(
                    source,
                    number,
                    "unreadable-line",
                    "a line like figures with no indicator name before it: not read",
                    text,
                )
            )
            continue
        if before is not None and _like_figures(text):
            name = " ".join(before[1].split()).rstrip(" .")
            fields = Fields(source, before[0], name)
            fields.warn(
                "latest",
                "unreadable-figures",
                "figures that do not fit the scorecard's pattern (period, value, comparison, "
                "RAG, quartile, neighbour average): not read",
                text,
                "e.g. 'Q1 95.8% (250) Similar G 2 89.9%', 'n/a' for a figure not given",
                number,
            )
            polarity = cells.bracketed_polarity(name) or Polarity.NONE
            indicators.append(
                fields.indicator(
                    topic=topic, theme=None, polarity=polarity, latest=None, latest_period=None
                )
            )
            problems.extend(fields.problems)
            before = None
            continue
        if before is not None:
            if set_here is not None:  # two headings in a row: the first has nothing under it
                problems.append(
                    Problem(
                        Severity.WARNING,
                        "empty-heading",
                        Location(source, None, set_here[0], None, None, set_here[1]),
                        "a line with no figures and no indicator under it: read as an outcome "
                        "heading (if it is an indicator, its figures are missing)",
                        set_here[1],
                    )
                )
            topic = " ".join(before[1].split())
            set_here = (before[0], topic)
        before = (number, text) if text else None
    return " ".join(before[1].split()) if before is not None else topic


def _latest_period(
    fields: Fields,
    text: str,
    line: int,
    found_year: tuple[int, str] | None,
    quarter_year: int | None,
) -> tuple[Period | None, Problem | None]:
    """The latest period as written, and for a quarter without a year the note saying which
    year it is read in (the caller says it once); None when it cannot be read (warned)."""
    if bare_quarter(text) is None:
        return fields.read("latest_period", text, cells.parse_period_cell, line), None
    year = found_year[0] if found_year else quarter_year
    if year is None:
        fields.warn(
            "latest_period",
            "unreadable-latest-period",
            "a quarter without its year, and no year in the file or the report period: not read",
            text,
            "a quarter with its year ('Q1 2024/25')",
            line,
        )
        return None, None
    period = quarter_period(text, year)
    fields.cells["latest_period"] = Cell(fields.where("latest_period", line), text)
    basis = found_year[1] if found_year else "the report period"
    said = note(
        fields.source,
        line,
        "quarter-without-year",
        f"quarters written without a year ('{text}') are read in {period.year_label}, {basis}",
        text,
    )
    return period, said


def _without_figure(
    fields: Fields, match: re.Match[str], topic: str | None, polarity: Polarity | None, line: int
) -> Indicator:
    """An indicator whose figure the scorecard refers to an appendix for (warned)."""
    fields.warn(
        "latest",
        "no-figure",
        "no figure: the scorecard refers to an appendix",
        " ".join(match.group(0).split()),
        line=line,
    )
    return fields.indicator(
        topic=topic,
        theme=None,
        polarity=polarity or Polarity.NONE,
        latest=None,
        latest_period=None,
    )


def _closing_notes(source: str, rest: list[tuple[int, str]], read_after: bool) -> list[Problem]:
    """A note for text after the last figures that was not read as an indicator."""
    if not rest or read_after:
        return []
    return [
        note(
            source,
            rest[0][0],
            "text-without-figures",
            "text with no figures after it: not read as an indicator",
            " ".join(" ".join(t for _, t in rest).split())[:200],
        )
    ]


def _unjudged_notes(source: str, indicators: list[Indicator]) -> list[Problem]:
    """A note saying how many indicators are read without a polarity (none: no note)."""
    unjudged = sum(1 for i in indicators if i.polarity is Polarity.NONE)
    if not unjudged:
        return []
    return [
        note(
            source,
            indicators[0].row.row,
            "layout-without-polarity",
            "the scorecard gives a polarity only where a name says it ('(low = good)'): "
            f"{unjudged} indicator(s) are read without one, and their comparison words are "
            "the scorecard's own",
            None,
        )
    ]


def read(source: str, text: str, *, quarter_year: int | None = None) -> Dashboard:
    """Read the scorecard; `quarter_year` is the year of a bare quarter when the file gives
    none."""
    layout = _Text.of(_body(text))
    joined = layout.joined
    problems: list[Problem] = []
    indicators: list[Indicator] = []
    found_year = _quarter_year(text)
    said_year = False
    topic: str | None = None
    position = 0
    for match in _TAIL.finditer(joined):
        headings, named = _name_and_headings(_lines(layout, position, match.start()))
        position = match.end()
        topic = _headings(source, headings, topic, indicators, problems)
        if named is None:
            problems.append(
                note(
                    source,
                    layout.line_at(match.start()),
                    "figures-without-name",
                    "figures with no indicator name before them: not read",
                    " ".join(match.group(0).split()),
                )
            )
            continue
        line, name = named[0], " ".join(named[1].split()).rstrip(" .")
        fields = Fields(source, line, name)
        tail_line = layout.line_at(match.start())
        polarity = cells.bracketed_polarity(name)
        if match.group("see"):
            indicators.append(_without_figure(fields, match, topic, polarity, tail_line))
            problems.extend(fields.problems)
            continue
        period_text = " ".join(match.group("period").split())
        period, year_note = _latest_period(fields, period_text, tail_line, found_year, quarter_year)
        if year_note is not None and not said_year:
            said_year = True
            problems.append(year_note)
        latest = fields.read(
            "latest", " ".join(match.group("value").split()), cells.parse_value, tail_line
        )
        comparison, said = fields.read(
            "comparison", " ".join(match.group("comparison").split()), parse_comparison, tail_line
        ) or (None, None)
        indicators.append(
            fields.indicator(
                topic=topic,
                theme=None,
                polarity=polarity or said or Polarity.NONE,
                latest=latest,
                latest_period=period,
                comparison=comparison,
                rag=fields.read("rag", match.group("rag"), cells.parse_rag, tail_line),
                quartile=fields.read(
                    "quartile", match.group("quartile"), cells.parse_quartile, tail_line
                ),
                neighbour=fields.read(
                    "neighbour_average", match.group("neighbour"), cells.parse_value, tail_line
                ),
            )
        )
        problems.extend(fields.problems)
    before = len(indicators)
    rest = _lines(layout, position, len(joined))
    _headings(source, [*rest, (0, "")], topic, indicators, problems)
    problems.extend(_closing_notes(source, rest, len(indicators) != before))
    problems.extend(_unjudged_notes(source, indicators))
    return dashboard(source, indicators, problems, NAME)
