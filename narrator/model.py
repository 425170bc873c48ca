"""The types that travel between stages: small, frozen, and free of English.

load (table -> Indicator) -> rules (Indicator -> Finding) -> realise (Finding -> sentences)
-> assemble (sentences -> Report) -> write (Report -> .docx).

Numbers are `Decimal`s that keep the precision the dashboard wrote ("23.00%" stays two places), so
differences are exact and rounding is declared, never accidental. None always means "the
dashboard has no value here" (blank, N/A, NA, n/a); it is never printed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum

from narrator.errors import Location
from narrator.periods import Period
from narrator.units import Unit


class Polarity(Enum):
    HIGH_IS_GOOD = "high"
    LOW_IS_GOOD = "low"
    NONE = "none"  # "N/A" polarity: the figure is reported, no judgement is made


class Direction(Enum):
    INCREASE = "increase"
    DECREASE = "decrease"
    NO_CHANGE = "no_change"


class Judgement(Enum):
    IMPROVED = "improved"
    WORSENED = "worsened"
    UNCHANGED = "unchanged"


class Comparison(Enum):
    """A single-period dashboard's word for how the latest figure stands to the previous one,
    when the previous figure itself is not given ("Better", "Similar", "New", "Higher - no
    polarity"). BETTER, WORSE, SIMILAR and SAME are the dashboard's own judgement; HIGHER and
    LOWER are a direction only; NEW says there is nothing earlier to compare with."""

    BETTER = "better"
    WORSE = "worse"
    SIMILAR = "similar"
    SAME = "same"
    HIGHER = "higher"
    LOWER = "lower"
    NEW = "new"


class Rag(Enum):
    GREEN = "G"
    AMBER = "A"
    RED = "R"


class Frequency(Enum):
    MONTH = "month"
    QUARTER = "quarter"  # includes "Last Mth of Qtr": a quarterly snapshot
    TERM = "term"
    ANNUAL = "annual"

    @property
    def months(self) -> int | None:
        """Months between reports; None for terms (which are uneven and related by name)."""
        return {"month": 1, "quarter": 3, "term": None, "annual": 12}[self.value]


class TargetKind(Enum):
    ABOVE = ">"
    AT_LEAST = ">="
    BELOW = "<"
    AT_MOST = "<="
    EQUAL = "="
    INCREASE = "increase"  # "Increase": met when the figure went up
    REDUCE = "reduce"  # "Reduce": met when the figure went down
    TOP_QUARTILE = "top_quartile"  # "Top quartile": met when the quartile is 1


@dataclass(frozen=True)
class Target:
    """A dashboard target. `value` is None for the kinds that have no number."""

    kind: TargetKind
    value: Decimal | None = None
    text: str = ""


@dataclass(frozen=True)
class Cell:
    """Where one parsed value came from, kept for messages and comments."""

    location: Location
    text: str


@dataclass(frozen=True)
class Indicator:
    """One dashboard row, typed. Any Optional field is None when the dashboard has no value.

    `decimals` is the precision the dashboard used for the indicator's values (the most decimal
    places among latest, previous and averages), used unless the catalogue declares its own.
    `percent_sign` is True when any value cell carried a "%" sign.
    `extra` keeps columns narrator does not use, by their dashboard name.
    `comparison` is a single-period dashboard's word comparing with a previous figure it does
    not give (None when the dashboard has no such word, or gives the previous figure itself).
    `comparator_quartile` is the quartile among the council's own comparator group, beside
    the national one (None: the dashboard gives none).
    `missing_reason` says why the latest value cell holds no figure when the dashboard says
    why ("Annual Indicator" -> "annual", "Not due" -> "not_due": vocabulary.yaml's
    `placeholders`); None when it has a figure or does not say.
    `written_unit` is a unit the value cells carry ("£m", "£k", "£", "kg", "days",
    "per 1,000"); None when they carry none.
    """

    name: str
    topic: str | None
    theme: str | None
    polarity: Polarity
    frequency: Frequency | None
    latest: Decimal | None
    latest_period: Period | None
    previous: Decimal | None = None
    previous_period: Period | None = None
    trend: Direction | None = None
    target: Target | None = None
    rag: Rag | None = None
    quartile: int | None = None
    previous_quartile: int | None = None
    neighbour_average: Decimal | None = None
    england_average: Decimal | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    previous_numerator: Decimal | None = None
    previous_denominator: Decimal | None = None
    comparison: Comparison | None = None
    decimals: int = 0
    percent_sign: bool = False
    comparator_quartile: int | None = None
    missing_reason: str | None = None
    written_unit: str | None = None
    row: Location = field(default_factory=Location)
    cells: dict[str, Cell] = field(default_factory=dict, compare=False, hash=False)
    extra: dict[str, str] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class MeasureSpec:
    """Which published figure an indicator is benchmarked against (the catalogue's `national`).

    measure:  a LAIT measure code (`Short Desc`, e.g. "TotPermEx"); None for an EES file
    file:     an EES CSV: the name of one of the config's `national.ees` files, or a path
              relative to the catalogue; None for LAIT
    filters:  EES breakdown columns and the value each must have ({"age": "19 to 21 years"})
    value:    the EES column holding the figure ("percentage"); None for LAIT
    polarity: "high", "low" or "none": overrides the LAIT dictionary; required for EES, which
              has no dictionary (None: the dictionary's, or no judgement)
    quartile: False where no quartile should be shown (EES); None: the LAIT dictionary decides
    """

    measure: str | None = None
    file: str | None = None
    filters: tuple[tuple[str, str], ...] = ()
    value: str | None = None
    polarity: str | None = None
    quartile: bool | None = None


@dataclass(frozen=True)
class CatalogueEntry:
    """How to speak of one indicator. Every field but `name` may be None: then narrator falls
    back to the dashboard's own name and the data's own precision, and warns.

    subject:     the noun phrase used in prose ("the percentage of Care Leavers aged up to 21 in
                 Education, Employment or Training")
    unit:        what the figure is
    decimals:    places to print, overriding the data's own precision
    noun:        what counts count ("young people", "children", "schools")
    year_type:   "financial" or "academic": how a split year ("2022/23") is spoken
    per:         the base of a rate ("10,000" for a rate per 10,000)
    comparison:  what the previous figure is, declared so `check` does not query it and the
                 paragraph names it rightly: "previous" (the period just before), "year_on_year"
                 (the same period a year earlier), "last_report" (the figure in the last
                 report), "earlier" (any earlier period); None: the config's `comparison`, else
                 the period just before
    part_year:   "as_is" to judge a part-year figure against a full-year one as they stand (a
                 rate or percentage); "pro_rata" to set a count or money so far this year,
                 scaled to twelve months, beside the full year (unjudged); None: a part year is
                 judged only against the same part of another year, and otherwise both figures
                 are said plainly
    timing:      "flow" (done during the period: "in Quarter 1") or "snapshot" (held at its
                 end: "at the end of Quarter 1"); None: from the subject ("... in the quarter"
                 is a flow), else a snapshot
    word:        the word after a figure ("weeks", "tonnes"); None: none
    scale:       money only: "k" (thousands) or "m" (millions) as the dashboard writes them;
                 None: pounds
    in_line:     a difference from the England or neighbour average at or below this is said
                 "in line with" (percentage points for percentages); None: the config's
                 `rules.in_line_points`/`in_line_relative`
    national:    the published measure it is benchmarked against (None: none)
    label:       a short name for the indicator inside a group's paragraph ("three-year-olds",
                 as in "For three-year-olds, the figure was 92.9%"); None: its subject is used
    definition_change: a change of definition between periods (None: the definition has not
                 changed): figures across it are not compared
    plural:      the subject is plural ("the Council CO2 emissions were ..."); False: singular
    statutory:   a statutory duty or an indicator the council flags as a priority: a change in it
                 is never called "slight" or "small"; False: sized by its figures alone
    cumulative:  the figure fills up through the year (a collection rate, a year-to-date count)
                 though the dashboard labels it by quarter or month: "Q3 2023/24" is read as
                 April to December 2023, compared with the same point last year and never with
                 the previous quarter; None: undeclared (each figure covers its own period, and
                 `check` queries a rise in step with the months); False: declared not cumulative
    """

    name: str
    subject: str | None = None
    unit: Unit | None = None
    decimals: int | None = None
    noun: str | None = None
    year_type: str | None = None
    per: int | None = None
    aliases: tuple[str, ...] = ()
    comparison: str | None = None
    part_year: str | None = None
    timing: str | None = None
    word: str | None = None
    scale: str | None = None
    in_line: Decimal | None = None
    national: MeasureSpec | None = None
    label: str | None = None
    definition_change: DefinitionChange | None = None
    plural: bool = False
    statutory: bool = False
    cumulative: bool | None = None


@dataclass(frozen=True)
class DefinitionChange:
    """The indicator's definition changed: `since` is the first period counted the new way;
    `reason` says what changed, in the catalogue's own words (printed as written)."""

    since: Period
    reason: str


@dataclass(frozen=True)
class IndicatorGroup:
    """Indicators the catalogue puts in one paragraph (seed 004 paragraph 23), in the order
    they are written: the first opens the paragraph, the others follow by their `label`, and
    `overall` (None: no overall member) closes it with "Overall, ...". Names are as the
    catalogue gives them (matched to the dashboard like any catalogue name)."""

    members: tuple[str, ...]
    overall: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        """Every member in paragraph order, the overall one last."""
        return (*self.members, self.overall) if self.overall else self.members


class Severity(Enum):
    ERROR = "error"  # the report cannot be built
    WARNING = "warning"  # it can, but someone should look


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, located.

    `code` is a stable identifier ("unreadable-value", "trend-contradicts-values", ...) for tools
    and tests; `value` is the text as found (None when missing); `expected` says what would be
    accepted (None when not applicable).
    """

    severity: Severity
    code: str
    location: Location
    message: str
    value: str | None = None
    expected: str | None = None

    def describe(self) -> str:
        """One line: where, what, the value and what was expected."""
        where = self.location.describe()
        text = f"{where}: {self.message}" if where else self.message
        if self.value is not None:
            shown = (
                self.value
                if len(self.value) <= 80
                else f"{self.value[:60]}... ({len(self.value):,} characters)"
            )
            text += f" (found {shown!r})"
        if self.expected:
            text += f"; expected {self.expected}"
        return text
