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
from typing import TypeVar

from narrator.errors import Location
from narrator.intake import cells
from narrator.intake.cells import CellError
from narrator.intake.dashboard import Dashboard
from narrator.intake.layouts.common import LABELS, Fields, dashboard, lines_of, note
from narrator.model import Indicator, Polarity, Problem, Severity, Target

NAME = "column-runs"
T = TypeVar("T")


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


_TESTS: dict[str, Callable[[str], bool]] = {
    "name": _is_name,
    "latest": _is_value,
    "latest_period": _is_period,
    "previous": _is_value,
    "previous_period": _is_period,
    "target": _is_target,
    "rag": _is_rag,
    "quartile": _is_quartile,
}
DEFAULT_ORDER = ("name", "latest", "latest_period", "previous", "target", "rag", "quartile")
_HEADER_WORDS = re.compile(
    r"(?P<previous_period>previous\s+period)|(?P<previous>previous(?:\s+(?:data|value))?)"
    r"|(?P<latest>latest(?:\s+(?:data|value))?|current\s+figure)|(?P<latest_period>\bperiod\b)"
    r"|(?P<target>\btarget\b)|(?P<rag>\brag\b)|(?P<quartile>\bquartiles?\b)"
    r"|(?P<name>\bindicator\b)",
    re.I,
)


def column_order(entries: list[tuple[int, str]]) -> tuple[str, ...] | None:
    """The columns in the order the table's own header names them ("Area Indicator Latest
    Data Period Previous Data Perform. DOT Target RAG Quartiles", copied as one or more
    entries): Area and the direction-of-travel graphic have no run. None when no entry starts
    such a header, or it does not name the indicator and its latest value first."""
    for index, (_, text) in enumerate(entries):
        if not re.search(r"\bindicator\b", text, re.I) or not re.search(r"latest", text, re.I):
            continue
        header = " ".join(t for _, t in entries[index : index + 3])
        order: list[str] = []
        for found in _HEADER_WORDS.finditer(header):
            kind = found.lastgroup
            if kind is not None and kind not in order:
                order.append(kind)
            if kind == "quartile":
                break
        if order[:2] == ["name", "latest"] and len(order) >= 3:
            return tuple(order)
    return None


def _garbled(text: str) -> bool:
    """True for an entry that is no name and fits no kind of figure (OCR or copy damage)."""
    return not _is_name(text) and not any(test(text) for test in _TESTS.values())


def find_runs(
    entries: list[tuple[int, str]], order: tuple[str, ...] = DEFAULT_ORDER
) -> tuple[int, int] | None:
    """(start, N): where the runs (one a column of `order`) begin and how long each is, for
    the largest N that fits; None when none does (N of at least 2).

    Each entry is tested once against each run's kind; `ending[k][i]` counts the entries of
    kind k that end at i, so a candidate is checked in constant time. The last run is taken
    to end where a run of entries of its kind ends, or up to three entries before (a trailing
    "NA" of the panels beside the table), which keeps the search linear.

    A garbled entry (no name and no figure of any kind: "6б.0%|") stands in a run of figures,
    one for every five indicators at most, so that its indicator is read with a warning on that
    line instead of the whole table failing to fit."""
    width = len(order)
    garbled = [_garbled(text) for _, text in entries]
    seen = [0]  # garbled entries before each position
    for bad in garbled:
        seen.append(seen[-1] + bad)
    ending = []
    for kind in order:
        test = _TESTS[kind]
        counts = [0]
        for (_, text), bad in zip(entries, garbled, strict=True):
            fits = test(text) or (bad and kind != "name")
            counts.append(counts[-1] + 1 if fits else 0)
        ending.append(counts)
    last = ending[-1]
    ends = [
        e - back
        for e in range(1, len(entries) + 1)
        if last[e] and (e == len(entries) or not last[e + 1])
        for back in range(4)
        if e - back > 0 and last[e - back]
    ]
    best: tuple[int, int] | None = None
    for end in ends:
        for n in range(min(last[end], end // width), 1, -1):
            if best is not None and n <= best[1]:
                break
            start = end - width * n
            if all(ending[k][start + (k + 1) * n] >= n for k in range(width)) and (
                seen[start + width * n] - seen[start] <= max(1, n // 5)
            ):
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
    """Column runs, named by the table's header or with a quartile written "1st" ... "4th"
    (a cheap first test: the search itself tests every entry; `--layout column-runs` skips
    this one)."""
    entries = blocks(text)
    order = column_order(entries)
    if order is None and not any(_ORDINAL.match(t.strip()) for _, t in entries):
        return False
    return find_runs(entries, order or DEFAULT_ORDER) is not None


def read(source: str, text: str, *, quarter_year: int | None = None) -> Dashboard:
    """Read the column runs (`quarter_year` is unused: this layout writes periods in full)."""
    entries = blocks(text)
    order = column_order(entries) or DEFAULT_ORDER
    found = find_runs(entries, order)
    problems: list[Problem] = []
    indicators: list[Indicator] = []
    if found is None:
        return dashboard(source, indicators, problems, NAME)
    start, n = found
    runs = {kind: entries[start + k * n : start + (k + 1) * n] for k, kind in enumerate(order)}
    pairing = _pairing(entries[:start], runs["name"], source, problems)
    if pairing is None:
        return dashboard(source, indicators, problems, NAME)
    for i in range(n):
        (line, name), theme = pairing[i]
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
        polarity = cells.bracketed_polarity(name) or Polarity.NONE

        def cell(
            kind: str, parser: Callable[[str], T | None], i: int = i, fields: Fields = fields
        ) -> T | None:
            if kind not in runs:
                return None
            line, text = runs[kind][i]
            return fields.read(kind, text, parser, line)

        def target(text: str, polarity: Polarity = polarity) -> Target | None:
            return cells.parse_target(text, polarity)

        indicators.append(
            fields.indicator(
                topic=None,
                theme=theme,
                polarity=polarity,
                latest=cell("latest", cells.parse_value),
                latest_period=cell("latest_period", cells.parse_period_cell),
                previous=cell("previous", cells.parse_value),
                previous_period=cell("previous_period", cells.parse_period_cell),
                target=cell("target", target),
                rag=cell("rag", cells.parse_rag),
                quartile=cell("quartile", cells.parse_quartile),
            )
        )
        problems.extend(fields.problems)
    first = runs["name"][0][0]
    lacking = ["polarity", *(LABELS[k] for k in DEFAULT_ORDER[1:] if k not in runs)]
    lacking += [] if "previous_period" in runs else ["previous period"]
    problems.append(
        note(
            source,
            first,
            "layout-without-polarity",
            f"the copied table gives no {', '.join(lacking)} or outcome: indicators are read "
            "without them (a polarity written in a name is used)",
            None,
        )
    )
    return dashboard(source, indicators, problems, NAME)
