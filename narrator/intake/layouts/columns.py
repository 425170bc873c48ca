"""The "column runs" layout: a Power BI table copied out of a PDF column by column, as in the
appendix at the end of a published committee report. The copy gives, each as a run of entries
separated by blank lines, the indicator names, then their latest values, latest periods,
previous values, targets, RAG statuses and national quartiles (an entry may wrap over lines:
"Summer Term" / "2024"). Everything else in the file (the report's own text, the slicers and
summary panels Power BI prints beside the table) is not read.

The runs are found from the quartiles back: N quartiles after N RAG statuses after N targets
after N previous values after N periods after N latest values after N names, for the largest N
that fits. The previous period is not in the copy and stays None.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from narrator.errors import Location
from narrator.intake import cells
from narrator.intake.cells import CellError
from narrator.intake.dashboard import Dashboard
from narrator.intake.layouts.common import Fields, dashboard, lines_of, name_polarity, note
from narrator.model import Indicator, Polarity, Problem, Severity

NAME = "column-runs"


def blocks(text: str) -> list[tuple[int, str]]:
    """Entries separated by blank lines: (first line number, the lines joined by a space)."""
    found: list[tuple[int, str]] = []
    start, lines = 0, list[str]()
    for number, line in enumerate(lines_of(text), 1):
        if line.strip():
            if not lines:
                start = number
            lines.append(line.strip())
        elif lines:
            found.append((start, " ".join(lines)))
            lines = []
    if lines:
        found.append((start, " ".join(lines)))
    return found


def _fits(parser: Callable[[str], object]) -> Callable[[str], bool]:
    def test(text: str) -> bool:
        try:
            parser(text)
        except (CellError, ValueError):
            return False
        return True

    return test


_QUARTILE_WORD = re.compile(r"^(?:[1-4](?:st|nd|rd|th)|n/?a)$", re.I)
_RAG_WORD = re.compile(r"^(?:[GAR]|green|amber|red|n/?a)$", re.I)


def _is_quartile(text: str) -> bool:
    return bool(_QUARTILE_WORD.match(text.strip()))


def _is_rag(text: str) -> bool:
    return bool(_RAG_WORD.match(text.strip()))


_is_value = _fits(cells.parse_value)
_is_period = _fits(cells.parse_period_cell)
_is_target = _fits(lambda t: cells.parse_target(t, Polarity.HIGH_IS_GOOD))


def _is_name(text: str) -> bool:
    return bool(re.search(r"[A-Za-z]{3}", text)) and not _is_period(text)


_RUNS: tuple[Callable[[str], bool], ...] = (
    _is_name,
    _is_value,
    _is_period,
    _is_value,
    _is_target,
    _is_rag,
    _is_quartile,
)


def find_runs(entries: list[tuple[int, str]]) -> tuple[int, int] | None:
    """(start, N): where the seven runs begin and how long each is, for the largest N that
    fits; None when none does (N of at least 2).

    Each entry is tested once against each run's kind; `ending[k][i]` counts the entries of
    kind k that end at i, so a candidate is checked in constant time. The quartile run is
    taken to end where a run of quartile-like entries ends, or up to three entries before (a
    trailing "NA" of the panels beside the table), which keeps the search linear."""
    ending = []
    for test in _RUNS:
        counts = [0]
        for _, text in entries:
            counts.append(counts[-1] + 1 if test(text) else 0)
        ending.append(counts)
    quartiles = ending[-1]
    ends = [
        e - back
        for e in range(1, len(entries) + 1)
        if quartiles[e] and (e == len(entries) or not quartiles[e + 1])
        for back in range(4)
        if e - back > 0 and quartiles[e - back]
    ]
    best: tuple[int, int] | None = None
    for end in ends:
        for n in range(min(quartiles[end], end // 7), 1, -1):
            if best is not None and n <= best[1]:
                break
            start = end - 7 * n
            if all(ending[k][start + (k + 1) * n] >= n for k in range(7)):
                best = (start, n)
                break
    return best


def _descending_groups(names: list[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    """The names cut into their longest runs in descending order (case ignored)."""
    groups: list[list[tuple[int, str]]] = []
    for entry in names:
        if groups and entry[1].casefold() < groups[-1][-1][1].casefold():
            groups[-1].append(entry)
        else:
            groups.append([entry])
    return groups


def _pairing(
    before: list[tuple[int, str]],
    names: list[tuple[int, str]],
    source: str,
    problems: list[Problem],
) -> list[tuple[tuple[int, str], str | None]] | None:
    """The names in the order of the value runs, each with its area (None when not known).

    Power BI sorts the table by area, then name, and the values come out in that order; the
    names column comes out in reverse within each area. So when the names fall into as many
    descending runs as there are areas listed just before them (in order), each run is an
    area's names reversed. Names already in order (one ascending run, no areas) are read as
    they are. Any other order is an error: which value belongs to which name cannot be told.
    """
    groups = _descending_groups(names)
    ascending = [e[1].casefold() for e in names] == sorted(e[1].casefold() for e in names)
    areas = before[-len(groups) :] if len(groups) <= len(before) else []
    area_names = [a[1] for a in areas]
    if (
        area_names
        and all(len(a.split()) <= 4 for a in area_names)
        and [a.casefold() for a in area_names] == sorted(a.casefold() for a in area_names)
    ):
        problems.append(
            note(
                source,
                names[0][0],
                "names-reordered",
                f"the names run in reverse within each of the {len(groups)} areas "
                f"({', '.join(area_names)}), as Power BI copies them: each is matched to the "
                "values in the table's order (area, then name)",
                None,
            )
        )
        return [
            (entry, area)
            for group, area in zip(groups, area_names, strict=True)
            for entry in reversed(group)
        ]
    if ascending:
        return [(entry, None) for entry in names]
    problems.append(
        Problem(
            Severity.ERROR,
            "names-out-of-order",
            Location(source, None, names[0][0]),
            "the names are not in the order of the values (by area, then name), and the areas "
            "they fall in are not listed before them: which value is whose cannot be told",
            None,
            "the table copied with its rows sorted by area and name",
        )
    )
    return None


_ORDINAL = re.compile(r"^[1-4](?:st|nd|rd|th)$", re.I)


def detect(text: str) -> bool:
    """Column runs, one of whose quartiles is written "1st" ... "4th" (a cheap first test:
    the search itself tests every entry; `--layout column-runs` skips this one)."""
    entries = blocks(text)
    if not any(_ORDINAL.match(t.strip()) for _, t in entries):
        return False
    return find_runs(entries) is not None


def read(source: str, text: str, *, quarter_year: int | None = None) -> Dashboard:
    """Read the column runs (`quarter_year` is unused: this layout writes periods in full)."""
    entries = blocks(text)
    found = find_runs(entries)
    problems: list[Problem] = []
    indicators: list[Indicator] = []
    if found is None:
        return dashboard(source, indicators, problems, NAME)
    start, n = found
    run = [entries[start + k * n : start + (k + 1) * n] for k in range(7)]
    order = _pairing(entries[:start], run[0], source, problems)
    if order is None:
        return dashboard(source, indicators, problems, NAME)
    for i in range(n):
        (line, name), theme = order[i]
        fields = Fields(source, line, name)
        if name.endswith(("..", "…")):
            fields.warn(
                "name",
                "name-cut-short",
                "the name is cut short in the copy: read as it is (the catalogue entry whose "
                "name starts so, if only one does, says how to speak of it)",
                name,
                "the full name",
            )
        polarity = name_polarity(name) or Polarity.NONE
        latest = fields.read("latest", run[1][i][1], cells.parse_value, run[1][i][0])
        period = fields.read("latest_period", run[2][i][1], cells.parse_period_cell, run[2][i][0])
        previous = fields.read("previous", run[3][i][1], cells.parse_value, run[3][i][0])
        target = fields.target(run[4][i][1], polarity, run[4][i][0])
        rag = fields.read("rag", run[5][i][1], cells.parse_rag, run[5][i][0])
        quartile = fields.read("quartile", run[6][i][1], cells.parse_quartile, run[6][i][0])
        indicators.append(
            fields.indicator(
                topic=None,
                theme=theme,
                polarity=polarity,
                latest=latest,
                latest_period=period,
                previous=previous,
                target=target,
                rag=rag,
                quartile=quartile,
            )
        )
        problems.extend(fields.problems)
    first = run[0][0][0]
    problems.append(
        note(
            source,
            first,
            "layout-without-polarity",
            "the copied table gives no polarity, previous period or outcome: indicators "
            "are read without them (a polarity written in a name is used)",
            None,
        )
    )
    return dashboard(source, indicators, problems, NAME)
