"""Periods written in column headings, as councils' exports write them: "2009/10 Outturn |
2010/11 Target | Q4 2010/11 Actual", "2011/12 Value | 2011/12 Target", a band "Q3 2023/24" over
"Value | Target | Status" (joined into each column's name by `columns`), "Target 2024/25",
"Latest Value (Q1)".

A heading is a period and a word: the word is one of vocabulary.yaml's `headings` (a value, a
target, a status) or a column name narrator knows ("Latest Value", "Target"). `sort_out` decides
what each such column is: the newest period's value is the latest value and its heading's
period the latest period of every row, the one before it the previous value and period; the
target and status are those of the latest period. It says what it understood, column by
column, for `init` to write in the config and `check` to report where a heading's period is
not the rows' own.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from narrator.intake.words import default_words, key
from narrator.lazy_re import lazy
from narrator.periods import Period, parse_period

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_PERIOD = re.compile(
    r"(?<![\w/])(?:"
    r"(?:Q[1-4]|Quarter\s*[1-4])(?:\s*(?:\d{4}\s*/\s*\d{2,4}|\d{4}))?"
    r"|\d{4}\s*/\s*\d{2,4}"
    rf"|{_MONTH}[\s-]+\d{{2,4}}"
    r"|(?:19|20)\d{2}"
    r")(?![\w/])",
    re.I,
)
# the fields a heading's word may name, besides vocabulary.yaml's heading words
_DATED_FIELDS = ("latest", "previous", "target", "rag")
_ROLE_OF_FIELD = {"latest": "value", "previous": "value", "target": "target", "rag": "status"}
_FIELD_WORDS = {
    "latest": "the latest value",
    "previous": "the previous value",
    "target": "the target",
    "rag": "the status",
}


@dataclass(frozen=True)
class Dated:
    """A column whose heading names a period: its index, what its word says ("value",
    "target", "status"), the field its word names when it is a column name of its own
    ("latest" for "Latest Value (Q1)"; None for a bare "Outturn"), and the period as written
    and as read (None: not a period narrator reads on its own, "Q1" without its year)."""

    column: int
    role: str
    field: str | None
    text: str
    period: Period | None


@lru_cache(maxsize=4096)  # a header search reads the same texts in many candidate blocks
def read_heading(name: str, field_for: Callable[[str], str | None]) -> Dated | None:
    """The heading `name` as a period and a word ("Q4 2010/11 Actual" -> value, Q4 2010/11);
    None when it is not one (no period, or a word that says no value, target or status)."""
    found = _PERIOD.search(name)
    if found is None:
        return None
    rest = f"{name[: found.start()]} {name[found.end() :]}"
    rest = " ".join(re.sub(r"[()\[\]:|,–-]", " ", rest).split())
    if not rest:
        return None
    role = default_words().lookup("headings").get(key(rest))
    field = None if role is not None else field_for(rest)
    if field in _DATED_FIELDS:
        role = _ROLE_OF_FIELD[field]
    if role is None:
        return None
    text = " ".join(found.group(0).split())
    try:
        period: Period | None = parse_period(text)
    except ValueError:
        period = None
    if period is not None and period.number is None and period.kind.value == "quarter":
        period = None
    return Dated(0, role, field, text, period)


@dataclass(frozen=True)
class SortedOut:
    """What `sort_out` decided: `fields` the columns it gives a field, `periods` the periods
    the headings give every row (field "latest_period"/"previous_period" -> the column whose
    heading says it and the period as written), `understood` what each dated column was read
    as (column -> words for init's comments), `notes` the columns whose heading period is
    not the rows' own (column -> words for check)."""

    fields: Mapping[int, str]
    periods: Mapping[str, tuple[int, str]]
    understood: Mapping[int, str]
    notes: Mapping[int, str]


def _covers(outer: Period, inner: Period) -> bool:
    """Whether `inner` lies within `outer` (Q4 2010/11 within 2010/11; a period within itself)."""
    return (
        outer.start_month_index() <= inner.start_month_index()
        and inner.end_month_index() <= outer.end_month_index()
    )


def _for_latest(dated: list[Dated], latest: Period | None) -> Dated | None:
    """The target or status of the latest period: the one whose period covers it, else the
    only one there is."""
    if latest is not None:
        for d in dated:
            if d.period is not None and _covers(d.period, latest):
                return d
    return dated[0] if len(dated) == 1 else None


_BARE_QUARTER = lazy(r"^(?:Q|Quarter\s*)([1-4])$", re.I)


def _quarter_years(dated: list[Dated], taken: set[str]) -> tuple[list[Dated], dict[int, str]]:
    """The headings with a quarter written without its year ("Latest Value (Q1)", "Previous
    Value (Q4)") given the year another heading names ("Target 2024/25": Q1 2024/25, and Q4
    2023/24 before it), with a note for check on each; as they are when no other heading
    names a financial year, or a Period column gives the rows' periods (`taken`)."""
    years = [
        d.period for d in dated if d.period is not None and d.period.kind.value == "split_year"
    ]
    if not years or "latest_period" in taken:
        return dated, {}
    year = max(years, key=lambda p: p.year)
    bare = {
        d.field: int(m.group(1))
        for d in dated
        if d.period is None and d.field and (m := _BARE_QUARTER.match(d.text))
    }
    out: list[Dated] = []
    notes: dict[int, str] = {}
    for d in dated:
        number = bare.get(d.field) if d.period is None and d.field else None
        if number is None:
            out.append(d)
            continue
        first = year.year
        if d.field == "previous" and number >= bare.get("latest", 5):
            first -= 1  # Q4 before Q1: the year before
        text = f"Q{number} {first}/{(first + 1) % 100:02d}"
        out.append(Dated(d.column, d.role, d.field, text, parse_period(text)))
        notes[d.column] = f"its quarter ({d.text}) read as {text}, the year from {year.label}"
    return out, notes


def sort_out(dated: list[Dated], taken: set[str]) -> SortedOut:
    """Decide the field of each dated column (`taken`: the fields plain columns already
    give, which a heading never overrides)."""
    fields: dict[int, str] = {}
    periods: dict[str, tuple[int, str]] = {}
    understood: dict[int, str] = {}
    notes: dict[int, str] = {}
    dated, dated_notes = _quarter_years(dated, taken)
    notes.update(dated_notes)
    named = [d for d in dated if d.field in ("latest", "previous")]
    values = sorted(
        (d for d in dated if d.role == "value" and d.field is None and d.period is not None),
        key=lambda d: (d.period.end_month_index() if d.period else 0, d.column),
    )
    latest: Period | None = None
    for field, chosen in (("latest", values[-1:]), ("previous", values[-2:-1])):
        if not chosen or field in taken or any(n.field == field for n in named):
            continue
        if field == "previous" and chosen[0].period == values[-1].period:
            continue
        one = chosen[0]
        fields[one.column] = field
        periods[f"{field}_period"] = (one.column, one.text)
        understood[one.column] = f"{_FIELD_WORDS[field]}, for {one.text}"
        latest = latest or one.period
    for heading in named:
        assert heading.field is not None
        said = _FIELD_WORDS[heading.field]
        if heading.field in taken or heading.field in fields.values():
            continue
        fields[heading.column] = heading.field
        own = f"{heading.field}_period"
        if heading.period is not None and own not in taken:
            periods[own] = (heading.column, heading.text)
            understood[heading.column] = f"{said}, for {heading.text}"
            if heading.field == "latest":
                latest = latest or heading.period
        else:
            understood[heading.column] = said
            notes[heading.column] = (
                f"read as {said}; the period in its heading ({heading.text}) is not read: "
                "each row's period column says the period"
            )
    for role, field in (("target", "target"), ("status", "rag")):
        match = _for_latest([d for d in dated if d.role == role], latest)
        if match is None or field in taken:
            continue
        fields[match.column] = field
        understood[match.column] = f"{_FIELD_WORDS[field]}, for {match.text}"
        if latest is None or match.period is None or not _covers(match.period, latest):
            notes[match.column] = (
                f"read as {_FIELD_WORDS[field]} of the latest period (the heading says "
                f"{match.text})"
            )
    return SortedOut(fields, periods, understood, notes)
