"""Reporting periods as dashboards write them, and how two periods relate.

A `Period` knows that "Q1 2024/25" is April to June 2024 (UK financial year), that "Summer Term
2024" is April to July 2024, that "2022/23" is a split year (financial or academic: the catalogue
says which when it matters for wording) and that "Dec-22" is the month of December 2022.

Parsing is pure: `parse_period` returns a Period or raises ValueError with what is accepted; the
loader turns that into a located DataError.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from enum import Enum
from functools import lru_cache

from narrator.lazy_re import lazy


class PeriodKind(Enum):
    QUARTER = "quarter"  # quarter of a UK financial year (Q1 = April to June)
    TERM = "term"  # school term: Spring, Summer, Autumn
    SPLIT_YEAR = "split_year"  # "2022/23": financial or academic year
    YEAR = "year"  # calendar year "2024"
    MONTH = "month"  # "Dec-22", "March 2023"
    RANGE = "range"  # "Apr 17 - Mar 18": a rolling window (or "2014-2016"), known by its ends
    PART_YEAR = "part_year"  # "Apr 17 - Jun 17", "2017/18 to date", "YTD Q1 2024/25"
    DATE = "date"  # "30/06/2017", "30 June 2017": a snapshot on a day


TERMS = ("Spring", "Summer", "Autumn")  # calendar order within a year
_TERM_END_MONTH = {1: 3, 2: 7, 3: 12}  # Spring ~Easter, Summer July, Autumn Dec

_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_abbr) if m}
_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_name) if m})
_MONTHS["sept"] = 9

ACCEPTED = (
    "a quarter ('Q1 2024/25'), a term ('Summer Term 2024', 'Spring 2023'), a split year "
    "('2022/23'), a year ('2024'), a month ('Dec-22', 'March 2023'), a rolling range "
    "('Apr 17 - Mar 18', 'Rolling 12 months to Jun 24', '2014-2016'), a part year "
    "('Apr 17 - Jun 17', 'April to June 2024', '2017/18 to date', 'YTD Q1 2024/25') or a date "
    "('30/06/2017', '30 June 2017', 'As at 30/06/2017')"
)


def _full_year(text: str) -> int:
    year = int(text)
    if year < 100:
        year += 2000
    return year


def _second_year(first: int, text: str) -> int:
    """The second half of a split year: '25' in '2024/25' is 2025; it must follow the first."""
    second = int(text)
    if second < 100:
        second = (first // 100) * 100 + second
        if second < first:
            second += 100
    if second != first + 1:
        raise ValueError(f"the years of a split year must be consecutive, not {first} and {second}")
    return second


def _span_end(first: int, text: str) -> int | None:
    """The last year of a span of three or more calendar years ("2014-2016"), else None."""
    last = int(text)
    if last < 100:
        last = (first // 100) * 100 + last
    return last if last > first + 1 else None


@dataclass(frozen=True, order=False)
class Period:
    """One reporting period.

    `year` is the first calendar year the period falls in (for a quarter, the financial year's
    first year: Q4 2023/24 has year 2023); `number` is the quarter (1-4), the term (1 Spring,
    2 Summer, 3 Autumn) or the month (1-12), and None for years. `label` is the text as written.
    For a RANGE, a PART_YEAR and a DATE, `year` and `number` describe its last month, and
    `start` is the months-since-year-0 index of its first month (None for other kinds). A
    PART_YEAR written "2017/18 to date" has `number` None until the report period says where
    "to date" ends (see `to_date_end`). `day` is the day of a DATE (None for other kinds).
    """

    kind: PeriodKind
    year: int
    number: int | None
    label: str
    start: int | None = None
    day: int | None = None

    # --- where the period sits in time -------------------------------------------------------
    def end_month_index(self) -> int:
        """Months since year 0 of the period's last month: used for ordering and gaps."""
        if self.kind is PeriodKind.QUARTER:
            assert self.number is not None
            month = 3 + 3 * self.number  # Q1 ends June (6), Q4 ends March of the next year (15)
            return self.year * 12 + month
        if self.kind is PeriodKind.TERM:
            assert self.number is not None
            return self.year * 12 + _TERM_END_MONTH[self.number]
        if self.kind is PeriodKind.SPLIT_YEAR:
            return (self.year + 1) * 12 + 3
        if self.kind is PeriodKind.YEAR:
            return self.year * 12 + 12
        if self.number is None:  # a part year "to date" whose end is not known: its first month
            assert self.start is not None
            return self.start
        return self.year * 12 + self.number

    def start_month_index(self) -> int:
        """Months since year 0 of the period's first month (a term starts in January, April or
        September; a split year in April, its financial start; a range 11 months before its end)."""
        if self.kind is PeriodKind.QUARTER:
            return self.end_month_index() - 2
        if self.kind is PeriodKind.TERM:
            assert self.number is not None
            return self.year * 12 + {1: 1, 2: 4, 3: 9}[self.number]
        if self.kind is PeriodKind.SPLIT_YEAR:
            return self.year * 12 + 4
        if self.kind is PeriodKind.YEAR:
            return self.year * 12 + 1
        if self.start is not None:
            return self.start
        if self.kind is PeriodKind.RANGE:
            return self.end_month_index() - 11
        return self.end_month_index()

    @property
    def months(self) -> int | None:
        """How many months the figure covers: 3 for a quarter, 12 for a year or a rolling
        twelve months, the length of a part year; 0 for a snapshot date; None when not known
        (a term, or a part year "to date" whose end is not known)."""
        if self.kind is PeriodKind.TERM:
            return None
        if self.kind is PeriodKind.DATE:
            return 0
        if self.kind is PeriodKind.PART_YEAR and self.number is None:
            return None
        if self.kind in (PeriodKind.MONTH,):
            return 1
        return self.end_month_index() - self.start_month_index() + 1

    @property
    def part_year(self) -> bool:
        """True for a year-to-date or part-year figure ("April to June 2024")."""
        return self.kind is PeriodKind.PART_YEAR

    @property
    def start_year(self) -> int:
        """The calendar year of the period's first month."""
        return (self.start_month_index() - 1) // 12

    @property
    def start_month(self) -> int:
        """The month (1-12) of the period's first month."""
        return (self.start_month_index() - 1) % 12 + 1

    def to_date_end(self, report: Period | None) -> Period:
        """A part year "to date" ends where the report period ends, when that falls inside
        its year; otherwise (or for any other period) the period itself."""
        if self.kind is not PeriodKind.PART_YEAR or self.number is not None or report is None:
            return self
        assert self.start is not None
        end = report.end_month_index()
        if not self.start <= end < self.start + 12:
            return self
        year, month = divmod(end - 1, 12)
        return Period(PeriodKind.PART_YEAR, year, month + 1, self.label, self.start)

    def months_after(self, earlier: Period) -> int:
        """How many months this period ends after `earlier` ends (negative if before)."""
        return self.end_month_index() - earlier.end_month_index()

    # --- how the period is named -------------------------------------------------------------
    @property
    def year_label(self) -> str:
        """'2024/25' for quarters, split years and part years that start after January,
        '2024' otherwise."""
        if self.kind in (PeriodKind.QUARTER, PeriodKind.SPLIT_YEAR):
            return f"{self.year}/{(self.year + 1) % 100:02d}"
        if self.kind is PeriodKind.PART_YEAR:
            first = self.start_year
            if self.start_month == 1:
                return str(first)
            return f"{first}/{(first + 1) % 100:02d}"
        return str(self.year)

    @property
    def term_name(self) -> str | None:
        """'Spring', 'Summer' or 'Autumn' for a term; None for other kinds."""
        if self.kind is PeriodKind.TERM and self.number is not None:
            return TERMS[self.number - 1]
        return None

    def canonical(self) -> str:
        """A normalised label: 'Q1 2024/25', 'Summer Term 2024', '2022/23', '2024', 'Dec-2022'."""
        if self.kind is PeriodKind.QUARTER:
            return f"Q{self.number} {self.year_label}"
        if self.kind is PeriodKind.TERM:
            return f"{self.term_name} Term {self.year}"
        if self.kind in (PeriodKind.SPLIT_YEAR, PeriodKind.YEAR):
            return self.year_label
        if self.kind is PeriodKind.DATE:
            return f"{self.day} {calendar.month_abbr[self.number or 1]} {self.year}"
        if self.kind is PeriodKind.PART_YEAR:
            if self.number is None:
                return f"{self.year_label} to date"
            first = f"{calendar.month_abbr[self.start_month]}-{self.start_year}"
            return f"{first} to {calendar.month_abbr[self.number]}-{self.year}"
        assert self.number is not None
        last = f"{calendar.month_abbr[self.number]}-{self.year}"
        if self.kind is PeriodKind.RANGE:
            return f"{calendar.month_abbr[self.start_month]}-{self.start_year} to {last}"
        return last

    def __str__(self) -> str:
        return self.canonical()


_QUARTER = re.compile(
    r"^(?:q|qtr|quarter)\s*([1-4])\s*,?\s*(?:(?:fy\s*)?(\d{4}|\d{2})\s*[/-]\s*(\d{2}|\d{4}))$", re.I
)
_TERM = re.compile(
    r"^(spring|summer|autumn)(?:\s+(?:term|census))*\s*,?\s*(\d{4}|\d{2})(?:\s+census)?$", re.I
)
_SPLIT = re.compile(r"^(?:(?:fy|ay)\s*)?(\d{4})\s*[/-]\s*(\d{2}|\d{4})$", re.I)
_YEAR = re.compile(r"^(\d{4})$")
_MONTH = lazy(r"^([a-z]{3,9})\.?[\s\-/']*(\d{4}|\d{2})$", re.I)
_RANGE = lazy(
    r"^([a-z]{3,9})\.?[\s\-']*(\d{2}|\d{4})?\s*(?:[-–]|to)\s*([a-z]{3,9})\.?[\s\-']*(\d{2}|\d{4})$",
    re.I,
)
_TO_DATE = re.compile(r"^(?:fy\s*)?(\d{4})\s*[/-]\s*(\d{2}|\d{4})\s*(?:to\s*date|ytd)$", re.I)
_YTD = re.compile(r"^(?:ytd|year\s*to\s*date)\s*[:,-]?\s*(.+)$", re.I)
_YTD_TOKEN = re.compile(r"\s*[(,-]?\s*\b(?:ytd|year\s*to\s*date)\b\s*\)?\s*", re.I)
# words around a period that say nothing about it: "As at 30/06/2024", "Financial year 2023/24"
_AS_AT = re.compile(r"^(?:as\s+(?:at|of)|at|snapshot(?:\s+at)?)\s+", re.I)
_YEAR_WORDS = re.compile(r"^(?:academic|financial|fiscal)\s+year\s+", re.I)
_SHORT_SPLIT = re.compile(r"^(?:fy|ay)\s*(\d{2})\s*[/-]\s*(\d{2})$", re.I)
_YEAR_FIRST = re.compile(r"^(\d{4}\s*[/-]\s*\d{2,4})\s*,?\s*((?:q|qtr|quarter)\s*[1-4])$", re.I)
# "Rolling 12 months to Jun 24", "12 months ending June 2024", "Year to June 2024", "R12M to Jun-24"
_ROLLING = re.compile(
    r"^(?:(?:rolling\s+)?(?:12|twelve)\s*months?|r12m?|(?:rolling\s+)?year)\s+(?:to|ending)\s+(.+)$",
    re.I,
)
# a window of months to a month: "Last 6 months to Dec 18", "Rolling 3 months to Jun-24",
# "6 months ending December 2018", "R6M to Dec 18" (twelve months: _ROLLING)
_WINDOW = re.compile(
    r"^(?:(?:rolling|last|previous|past)\s+)?(\d{1,2}|three|six|nine|eighteen|twenty[- ]four)"
    r"\s*months?\s+(?:to|ending)\s+(.+)$|^r(\d{1,2})m?\s+(?:to|ending)\s+(.+)$",
    re.I,
)
_WINDOW_WORDS = {"three": 3, "six": 6, "nine": 9, "eighteen": 18, "twenty-four": 24}
# the months a year so far starts in: April (financial), January (calendar), September
# (academic); a span of fewer than twelve months from any other month is a window ("the six
# months to December 2018"), not a year to date
YEAR_STARTS = (4, 1, 9)
# words after a period that say nothing about when it was: "2022/23 Outturn", "2022/23
# (provisional)", "Q2 2023/24 (Jul-Sep)" (the quarter's months), "Year end 2022/23"
_REMARK = re.compile(
    r"\s*(?:\(\s*(?:provisional|final|actual|outturn|validated|unvalidated|estimate|"
    r"[a-z]{3,9}\s*(?:-|–|to)\s*[a-z]{3,9})\s*\)|\b(?:outturn|provisional|final|"
    r"actual))\s*$",
    re.I,
)
_YEAR_END = re.compile(r"^(?:year\s+end(?:ing)?|ye)\s+", re.I)
# "Dec 23 (R12)", "Dec-23 R12": twelve months to a month
_R12_AFTER = re.compile(r"^(.+?)\s*[(-]?\s*\b(?:r12m?|rolling(?:\s+12\s+months)?)\b\s*\)?$", re.I)
_DATE_NUM = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})$")
_DATE_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DATE_WORDS = re.compile(
    r"^(\d{1,2})(?:st|nd|rd|th)?[\s\-/]*([a-z]{3,9})\.?[\s\-/,]*(\d{4}|\d{2})$", re.I
)


def _relabel(period: Period, label: str) -> Period:
    """The period as written: its own label kept for messages and the appendix."""
    return replace(period, label=label)


def _date(year: int, month: int, day: int, label: str) -> Period:
    if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise ValueError(f"not a date: {label!r}")
    return Period(PeriodKind.DATE, year, month, label, year * 12 + month, day)


def _months_span(label: str, start: int, end: int) -> Period:
    """A range of months from index `start` to `end`: fewer than twelve from the start of a year
    (YEAR_STARTS) is a part year (a year so far); any other is a range (a rolling window, "Jul
    18 - Dec 18": the six months to December 2018)."""
    if end < start:
        raise ValueError(f"the range ends before it starts: {label!r}")
    year, month = divmod(end - 1, 12)
    if end - start == 2 and (start - 1) % 12 + 1 in (7, 10, 1):
        # "Jul-Sep 2023", "Jan-Mar 2024": a quarter of the financial year written as its
        # months, not a year so far (which starts in April)
        first = year if month + 1 >= 4 else year - 1
        number = ((month + 1 - 4) % 12) // 3 + 1
        return Period(PeriodKind.QUARTER, first, number, label)
    so_far = end - start + 1 < 12 and (start - 1) % 12 + 1 in YEAR_STARTS
    kind = PeriodKind.PART_YEAR if so_far else PeriodKind.RANGE
    return Period(kind, year, month + 1, label, start)


def _rewritten(clean: str, label: str) -> Period | None:
    """A period written with extra words or in another order ("FYTD Sep 23", "Q2 (Jul-Sep)
    2023/24", "FY23/24", "2024-25 Q1", "Q1 2024/25 YTD"), read as its plain form and labelled
    as written; a rolling twelve months; None for any other text."""
    if clean.lower().startswith("fytd"):  # "FYTD Sep 23": the financial year to date
        return _relabel(parse_period(clean[1:]), label)
    months_note = re.search(r"\s*\(\s*[a-z]{3,9}\s*(?:-|–|to)\s*[a-z]{3,9}\s*\)\s*", clean, re.I)
    if months_note and months_note.start() > 0 and months_note.end() < len(clean):
        # "Q2 (Jul-Sep) 2023/24": the quarter's months, said in passing
        without = clean[: months_note.start()] + " " + clean[months_note.end() :]
        return _relabel(parse_period(without), label)
    if (m := _REMARK.search(clean)) and m.start() > 0:
        return _relabel(parse_period(clean[: m.start()]), label)
    if m := _YEAR_END.match(clean):
        return _relabel(parse_period(clean[m.end() :]), label)
    if (m := _R12_AFTER.match(clean)) and not _ROLLING.match(clean):
        return _relabel(parse_period(f"12 months to {m.group(1)}"), label)
    for words in (_AS_AT, _YEAR_WORDS):
        if words.match(clean):
            return _relabel(parse_period(words.sub("", clean)), label)
    if m := _SHORT_SPLIT.match(clean):  # "FY23/24"
        return _relabel(parse_period(f"20{m.group(1)}/{m.group(2)}"), label)
    if m := _YEAR_FIRST.match(clean):  # "2024-25 Q1"
        return _relabel(parse_period(f"{m.group(2)} {m.group(1)}"), label)
    if m := _WINDOW.match(clean):
        return _window(m, label)
    if m := _ROLLING.match(clean):
        final = parse_period(m.group(1))
        if final.kind is not PeriodKind.MONTH:
            raise ValueError(f"not a period: {label!r} (twelve months to a month)")
        end = final.end_month_index()
        return Period(PeriodKind.RANGE, final.year, final.number, label, end - 11)
    if _YTD_TOKEN.search(clean) and not _YTD.match(clean) and not _TO_DATE.match(clean):
        # "Q1 2024/25 YTD", "Q2 YTD 2024/25", "Mar 24 YTD": the year to date of what remains
        return _relabel(parse_period("YTD " + _YTD_TOKEN.sub(" ", clean).strip()), label)
    return None


def _window(m: re.Match[str], label: str) -> Period:
    """A window of months to a month ("Last 6 months to Dec 18"): a range of that many."""
    count, final_text = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
    said = count.lower().replace(" ", "-")
    months = int(said) if said.isdigit() else _WINDOW_WORDS[said]
    final = parse_period(final_text)
    if final.kind is not PeriodKind.MONTH or not 1 <= months <= 36:
        raise ValueError(f"not a period: {label!r} (a window of 1 to 36 months to a month)")
    end = final.end_month_index()
    return Period(PeriodKind.RANGE, final.year, final.number, label, end - months + 1)


def year_to_date(period: Period) -> Period:
    """A quarter or month read as the financial year so far that ends with it, for a figure
    that fills up through the year (catalogue `cumulative: true`): "Q3 2023/24" is April to
    December 2023, "Q4 2023/24" or "Mar-2024" the whole of 2023/24; labelled as written. Any
    other period is returned as it is (a year, a part year, a window already says its span)."""
    if period.kind not in (PeriodKind.QUARTER, PeriodKind.MONTH):
        return period
    return _relabel(parse_period(f"YTD {period.canonical()}"), period.label)


def _to_date(clean: str, label: str) -> Period | None:
    """A year to date ("2017/18 to date", "YTD Q2 2024/25", "YTD Jun 2024"); None for any other
    text."""
    if m := _TO_DATE.match(clean):
        first = _full_year(m.group(1))
        _second_year(first, m.group(2))
        return Period(PeriodKind.PART_YEAR, first + 1, None, label, first * 12 + 4)
    if m := _YTD.match(clean):
        inner = parse_period(m.group(1))
        if inner.kind is PeriodKind.QUARTER:  # YTD Q2 2024/25: April to September 2024
            if inner.number == 4:  # the whole financial year
                return Period(PeriodKind.SPLIT_YEAR, inner.year, None, label)
            return _months_span(label, inner.year * 12 + 4, inner.end_month_index())
        if inner.kind is PeriodKind.MONTH:  # YTD Jun 2024: from April (the financial year)
            end = inner.end_month_index()
            first_april = end - ((inner.number or 1) - 4) % 12
            if end - first_april == 11:  # YTD March: the whole financial year
                return Period(PeriodKind.SPLIT_YEAR, (first_april - 1) // 12, None, label)
            return _months_span(label, first_april, end)
        raise ValueError(f"not a period: {label!r} (year to date of a quarter or a month)")
    return None


def _dated(clean: str, label: str) -> Period | None:
    """A date ("2024-06-30", "30/06/2024", "30 June 2024"); None for any other text."""
    if m := _DATE_ISO.match(clean):
        return _date(int(m.group(1)), int(m.group(2)), int(m.group(3)), label)
    if m := _DATE_NUM.match(clean):
        return _date(_full_year(m.group(3)), int(m.group(2)), int(m.group(1)), label)
    if (m := _DATE_WORDS.match(clean)) and (named := _MONTHS.get(m.group(2).lower())):
        return _date(_full_year(m.group(3)), named, int(m.group(1)), label)
    return None


def _named(clean: str, label: str) -> Period | None:
    """A quarter, term, split year, calendar year, month or span of months; None for any other
    text."""
    if m := _QUARTER.match(clean):
        first = _full_year(m.group(2))
        _second_year(first, m.group(3))
        return Period(PeriodKind.QUARTER, first, int(m.group(1)), label)
    if m := _TERM.match(clean):
        term = TERMS.index(m.group(1).capitalize()) + 1
        return Period(PeriodKind.TERM, _full_year(m.group(2)), term, label)
    if m := _SPLIT.match(clean):
        first = _full_year(m.group(1))
        if (last := _span_end(first, m.group(2))) is not None:  # "2014-2016": calendar years
            return Period(PeriodKind.RANGE, last, 12, label, first * 12 + 1)
        _second_year(first, m.group(2))
        return Period(PeriodKind.SPLIT_YEAR, first, None, label)
    if m := _YEAR.match(clean):
        year = int(m.group(1))
        if 1900 <= year <= 2200:
            return Period(PeriodKind.YEAR, year, None, label)
    if m := _MONTH.match(clean):
        month = _MONTHS.get(m.group(1).lower())
        if month:
            return Period(PeriodKind.MONTH, _full_year(m.group(2)), month, label)
    if m := _RANGE.match(clean):
        opens, closes = _MONTHS.get(m.group(1).lower()), _MONTHS.get(m.group(3).lower())
        if opens and closes:
            last_year = _full_year(m.group(4))
            if m.group(2):
                first_year = _full_year(m.group(2))
            else:  # "April to June 2024"; "Oct - Mar 2024" runs over the new year
                first_year = last_year if opens <= closes else last_year - 1
            return _months_span(label, first_year * 12 + opens, last_year * 12 + closes)
    return None


@lru_cache(maxsize=1024)
def parse_period(text: str) -> Period:
    """Read a period as dashboards write it. Raises ValueError naming what is accepted.
    (Cached: a dashboard writes the same few periods on every row.)

    >>> parse_period("Q1 2024/25").end_month_index() - parse_period("Q4 2023/24").end_month_index()
    3
    >>> parse_period("Summer Term 2024").canonical()
    'Summer Term 2024'
    >>> parse_period("Dec-22").canonical()
    'Dec-2022'
    """
    label = " ".join(str(text).split())
    clean = label.strip(" .")
    if re.fullmatch(r"f?(?:ytd|year\s*to\s*date)", clean, re.I):
        raise ValueError(
            f"not a period: {label!r} (a year to date needs the period it ends with: "
            "'YTD Q2 2023/24', '2023/24 YTD', 'Sep-23 YTD')"
        )
    for form in (_rewritten, _to_date, _dated, _named):
        found = form(clean, label)
        if found is not None:
            return found
    raise ValueError(f"not a period: {label!r}")


class PeriodRelation(Enum):
    """How the previous period stands to the latest one, given the indicator's frequency."""

    PREVIOUS = "previous"  # the period just before (the previous quarter, term, year, month)
    YEAR_ON_YEAR = "year_on_year"  # the same point a year earlier
    EARLIER = "earlier"  # some other earlier period
    NOT_BEFORE = "not_before"  # the "previous" period is not before the latest: a data error


_TERM_NEXT = {1: (2, 0), 2: (3, 0), 3: (1, 1)}  # Spring>Summer>Autumn>Spring


def relation(
    previous: Period, latest: Period, frequency_months: int | None = None
) -> PeriodRelation:
    """Classify `previous` against `latest`.

    `frequency_months` is how often the indicator is reported (3 for quarterly, 12 for annual);
    None means "infer from the kind of period".
    """
    gap = latest.months_after(previous)
    if gap <= 0:
        return PeriodRelation.NOT_BEFORE
    if previous.kind is PeriodKind.TERM and latest.kind is PeriodKind.TERM:
        assert previous.number is not None
        nxt, carry = _TERM_NEXT[previous.number]
        if (latest.number, latest.year) == (nxt, previous.year + carry):
            return PeriodRelation.PREVIOUS
        if latest.number == previous.number and latest.year == previous.year + 1:
            return PeriodRelation.YEAR_ON_YEAR
        return PeriodRelation.EARLIER
    if previous.part_year and latest.part_year:
        # a year to date against the same point last year, or against another part year
        same_length = previous.months is not None and previous.months == latest.months
        return PeriodRelation.YEAR_ON_YEAR if same_length and gap == 12 else PeriodRelation.EARLIER
    step = frequency_months or _natural_step(latest)
    if frequency_months is None and latest.kind is PeriodKind.RANGE and gap <= (latest.months or 0):
        # a window against the one it overlaps or follows ("12 months to Sep 18" beside "12
        # months to Dec 18", "Jan-Jun" beside "Jul-Dec"): the report before
        return PeriodRelation.PREVIOUS
    if gap == step:
        return PeriodRelation.PREVIOUS
    if gap == 12:
        return PeriodRelation.YEAR_ON_YEAR
    return PeriodRelation.EARLIER


def _natural_step(period: Period) -> int:
    return {
        PeriodKind.QUARTER: 3,
        PeriodKind.SPLIT_YEAR: 12,
        PeriodKind.YEAR: 12,
        PeriodKind.MONTH: 1,
        PeriodKind.RANGE: 12,
        PeriodKind.TERM: 4,
        PeriodKind.PART_YEAR: 12,
        PeriodKind.DATE: 12,
    }[period.kind]


def comparable(previous: Period, latest: Period) -> bool:
    """Whether two figures cover like periods, so one can be judged against the other: a part
    year is comparable only with a part year of the same length (the same point last year); a
    part year "to date" whose end is not known with nothing."""
    if not (previous.part_year or latest.part_year):
        return True
    quarter = {previous.kind, latest.kind} == {PeriodKind.QUARTER, PeriodKind.PART_YEAR}
    if quarter and 3 in (previous.months, latest.months) and previous.months == latest.months:
        return True  # "Apr-Jun 2023" beside "Jul-Sep 2023": a quarter each
    if previous.months is None or latest.months is None:
        return False
    return previous.part_year and latest.part_year and previous.months == latest.months
