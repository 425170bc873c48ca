"""What the rules hand the planner: a `Finding` is a typed fact (the decision: which way a
figure moved, whether a target was met, where the quartile stands) plus the values its phrase
may print. The planner and the appendix decide on the fact alone; the phrase key is only where
the realiser looks the wording up (plan.parts, falling back by dropping its last dotted part)
and is never read back for a decision.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING, Any

from narrator.model import Comparison, Direction, Judgement, TargetKind

if TYPE_CHECKING:  # in annotations only: a build without a history does not load them
    from narrator.series_facts import Record, Streak, YearOnYear


@dataclass(frozen=True)
class Clause:
    """A clause for the phrasebook to word (`clauses:`): a key and its values (which may nest
    Clauses). The counts in brackets, a comparison with an average, a target's goal."""

    key: str
    values: dict[str, object]


@dataclass(frozen=True)
class LatestFigure:
    """The `level` rule's fact: `present` is False when the dashboard has no latest figure."""

    present: bool


class ChangeKind(Enum):
    """How the latest figure stands to the previous one.

    MEASURED: a direction between like periods (joined into the paragraph's sentences);
    NO_PREVIOUS: a previous period without a figure; COUNTS_ONLY: no previous figure, but the
    counts behind it moved; NOT_COMPARABLE: a declared definition change between the two;
    UNLIKE: a part year beside a full year, said plainly; PRO_RATA: a part year scaled to a
    year, beside the full year."""

    MEASURED = "measured"
    NO_PREVIOUS = "no_previous"
    COUNTS_ONLY = "counts_only"
    NOT_COMPARABLE = "not_comparable"
    UNLIKE = "unlike"
    PRO_RATA = "pro_rata"


@dataclass(frozen=True)
class Change:
    """The `travel` rule's fact. `direction`: the figure's (or, for COUNTS_ONLY, the count's;
    for PRO_RATA the projection's) direction, None when none is said; `judgement`: the change
    judged by polarity, None without a polarity or when no judgement is made."""

    kind: ChangeKind
    direction: Direction | None = None
    judgement: Judgement | None = None

    @property
    def moved(self) -> bool:
        """The change has a direction other than "no change"."""
        return self.direction is not None and self.direction is not Direction.NO_CHANGE


class CountRelation(Enum):
    """AGAINST: the count moved the other way from its percentage (a fact of its own);
    BEHIND: the count carries the size of a tiny percentage's change (joined to it)."""

    AGAINST = "against"
    BEHIND = "behind"


@dataclass(frozen=True)
class CountChange:
    """The `count_change` rule's fact."""

    relation: CountRelation


class Movement(Enum):
    """A quartile's movement since the previous: PLACED when the previous is not known; UP is
    towards the top (quartile 1)."""

    PLACED = "placed"
    SAME = "same"
    UP = "up"
    DOWN = "down"


class QuartileSource(Enum):
    """Where a quartile comes from: the dashboard's own column; the national tables' published
    position of the area (PUBLISHED); or the latest figure placed against the published
    thresholds (LOCAL: where it "would" be)."""

    DASHBOARD = "dashboard"
    PUBLISHED = "published"
    LOCAL = "local"


@dataclass(frozen=True)
class Ranking:
    """A quartile's rank among local authorities in the published year it is for: `rank` of
    `of` (1 is best by polarity), `year` the table's own label ("2022/23")."""

    rank: int
    of: int
    year: str


@dataclass(frozen=True)
class QuartilePosition:
    """The `quartile` (and `national_quartile`) rule's fact: the national quartile (1 is top),
    the previous one (None when not known), the movement, and whether there is a latest figure
    for the position to be joined to (without one, the position is the published benchmark's,
    said alone). `source`: the dashboard's column or the national tables' (published or
    local); `ranking`: the rank and year the tables give (None for the dashboard's)."""

    quartile: int
    previous: int | None
    movement: Movement
    with_figure: bool = True
    source: QuartileSource = QuartileSource.DASHBOARD
    ranking: Ranking | None = None


@dataclass(frozen=True)
class ComparatorPosition:
    """The `comparator_quartile` rule's fact: the quartile among the council's own comparator
    group (1 is top), beside the national one; said as a sentence of its own."""

    quartile: int


@dataclass(frozen=True)
class AverageHistory:
    """An average's own history in the national tables (England's, the neighbours'): its
    change on the published year before (`direction`, None when either year has no figure),
    the run of moves the same way ending there (None under two) and its record in its
    published series (`record`: "highest"/"lowest", None when neither). `year`: the year
    before's label."""

    group: str
    year: str
    direction: Direction | None
    run: int | None
    record: str | None


@dataclass(frozen=True)
class AverageComparison:
    """The `comparators` (and `national_averages`) rule's fact: `stated` when the averages are
    said, not compared (a figure so far this year beside averages for a whole year, or no
    figure of the area's to compare). `histories`: the averages' own changes on the year, runs
    and records the national tables give (the planner leaves them out, saying why);
    `published`: the averages are the national tables' for a published year (said by their
    own join, `compare.published`, falling back to `compare`)."""

    stated: bool = False
    histories: tuple[AverageHistory, ...] = ()
    published: bool = False


@dataclass(frozen=True)
class TargetResult:
    """The `target` rule's fact: the target's kind, and `met` (None: stated, not judged, as for
    a total so far this year beside what may be a whole year's target). `margin`: how far the
    printed figure stands from a numeric target (latest minus target: negative below it), None
    when the target has no number, is not judged or is exactly met. `status`: the council's own
    status word as the dashboard wrote it ("Achieved"), None when it gives none or one that
    does not rate the target ("Data only")."""

    kind: TargetKind
    met: bool | None
    margin: Decimal | None = None
    status: str | None = None


@dataclass(frozen=True)
class ComparedWord:
    """The `compared` rule's fact: a single-period dashboard's word, and what it says of the
    change: its own judgement ("Better"), or a direction word's judged by the polarity; None
    for "New" and for a direction without a polarity."""

    word: Comparison
    judgement: Judgement | None = None


@dataclass(frozen=True)
class PublishedRecord:
    """The `national_record` rule's fact: the area's published figure in the benchmark year is
    its `highest` (else lowest) in its published series, since a year (`since`) or in all
    `years` published. Joined to the paragraph's change as its history where the sentence
    stays short, else said on its own."""

    highest: bool
    since: str | None
    years: int


@dataclass(frozen=True)
class YearEarlier:
    """The `year_on_year` rule's fact: the latest figure beside the same period a year earlier
    (narrator.series_facts), said once in a paragraph, after its change."""

    fact: YearOnYear


@dataclass(frozen=True)
class SeriesRun:
    """The `series` rule's fact: the run of moves the same way ending with the latest figure
    and its record with the span, each None where not said; joined to the paragraph's change
    ("..., the fourth rise in a row"), else said on its own."""

    streak: Streak | None
    record: Record | None


@dataclass(frozen=True)
class QuartileSummary:
    """The report-level summary's fact: measures reported and measures with a quartile."""

    total: int
    benchmarked: int


@dataclass(frozen=True)
class TargetSummary:
    """The report-level summary of targets, as the paragraphs judge them: measures reported,
    with a target judged met or missed, and met; and of the measures whose change the
    paragraphs judge, how many improved, worsened and were unchanged."""

    total: int
    judged: int
    met: int
    improved: int = 0
    worsened: int = 0
    unchanged: int = 0


Fact = (
    LatestFigure
    | Change
    | CountChange
    | QuartilePosition
    | ComparatorPosition
    | AverageComparison
    | TargetResult
    | ComparedWord
    | PublishedRecord
    | YearEarlier
    | SeriesRun
    | QuartileSummary
    | TargetSummary
)


@dataclass(frozen=True)
class Finding:
    """What a rule found: its typed `fact`, the phrase `key` that words it (dotted from general
    to specific, "travel.worsened.considerable", so the phrasebook can fall back to a shorter
    key; never parsed for a decision) and the `values` its phrase may print (Quantities,
    periods, Clauses, words for the phrasebook's `terms`; None: not said).

    `rule` names the rule that made it."""

    rule: str
    key: str
    values: dict[str, Any]
    fact: Fact
