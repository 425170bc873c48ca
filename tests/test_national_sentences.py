"""The national tables' sentences on the one route (issue 23): the tables' quartile joined to the
change as the dashboard's is, the England and neighbour averages in one sentence, the area's own
record joined to the change that leads to it, the averages' own histories left out (each in the
plan's `left_out`, with why). Exact sentences for a council other than Leicestershire: Northmoor,
a percentage indicator (older people at home 91 days after reablement), Quarter 2 against
Quarter 1 2025/26, benchmarked against invented 2024/25 published figures (2023/24 before).

Each case's figures, checked by hand:
- LOCAL: 86.0% from 82.5% (up 3.5 points, high is good: an improvement); placed against the
  2024/25 thresholds it is 31st of 150, the second quartile ("would"); England 82.0% (4.0 points
  below 86.0), neighbours 83.5% (2.5 points below).
- BELOW: 78.0% from 82.5% (down 4.5 points, a plain decrease), fourth quartile, 120th of 150
  ("would"); England 82.0% (4.0 below), neighbours 83.5% (5.5 below).
- ONE EACH: 83.0% from 82.5% (up 0.5, a slight improvement), third quartile, 80th of 150: the
  improvement and the lower half pull apart (a concession); England 82.0% (1.0 above),
  neighbours 83.5% (0.5 below).
- AS ENGLAND: the neighbours' mean prints as England's, 82.0%: one comparison, "both".
- NO ENGLAND: England's figure suppressed; the neighbours' 83.5% alone.
- PUBLISHED: an annual figure, 2024/25 (the benchmark year, `same_year`), 91.0% from 2023/24's
  88.0% (up 3.0 points), the area's own published 2024/25 figure the highest in the seven years
  published (since 2018/19); published quartile 1, 12th of 150; England 82.0% (9.0 below 91.0),
  neighbours 83.5% (7.5 below), seven of the ten neighbours with a figure.
- NO QUARTILE: LAIT shows none for the measure (`has_quartile` False): no quartile and no rank
  are said, and the averages carry the year the quartile would have named.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from narrator.context import Context
from narrator.errors import PhrasebookError
from narrator.intake.resolve import resolve
from narrator.language.findings import AverageComparison
from narrator.language.phrases import load_phrasebook
from narrator.language.plan import Shape, plan_paragraph
from narrator.language.realise import Realiser
from narrator.language.rules import apply_rules
from narrator.model import CatalogueEntry, Frequency, Indicator, Polarity
from narrator.officer_files import Catalogue
from narrator.periods import parse_period
from narrator.published import Benchmark, Extreme, Figure, History, YearBenchmark
from narrator.settings import RuleSettings
from narrator.units import Unit

NEIGHBOURS = tuple(f"Neighbour {n}" for n in range(1, 11))


def _year(
    label: str,
    *,
    area: str | None = "85.0",
    england: str | None = "82.0",
    neighbours: str | None = "83.5",
    used: int = 10,
    rank: int | None = 31,
    quartile: int | None = 2,
) -> YearBenchmark:
    return YearBenchmark(
        label,
        Figure(Decimal(area) if area else None),
        Figure(Decimal(england) if england else None, None if england else "suppressed"),
        Figure(Decimal("81.0")),
        "North East",
        Decimal(neighbours) if neighbours else None,
        NEIGHBOURS[:used],
        NEIGHBOURS[used:],
        rank,
        150,
        (Decimal("78.0"), Decimal("82.0"), Decimal("86.5")) if quartile else None,
        quartile,
    )


def _bench(
    latest: YearBenchmark,
    *,
    use: str = "local",
    local: tuple[str, int, int] | None = ("86.0", 31, 2),
    same_year: bool = False,
    area_history: History | None = None,
    has_quartile: bool = True,
) -> Benchmark:
    previous = _year("2023/24", england="80.5", neighbours="83.0")
    rising = History(Extreme("highest", None, 7, "2018/19"), 3, "increase")
    return Benchmark(
        "Reablement91",
        "Older people at home 91 days after discharge",
        "high",
        has_quartile,
        1,
        "Northmoor",
        latest,
        previous,
        latest.year,
        latest.area,
        use,
        local_value=Decimal(local[0]) if local else None,
        local_rank=local[1] if local else None,
        local_quartile=local[2] if local else None,
        england_history=rising,
        neighbours_history=History(None, 2, "increase"),
        area_history=area_history,
        same_year=same_year,
    )


def _with(ctx: Context, bench: Benchmark) -> Context:
    return replace(ctx, benchmark=bench)


def _words(ctx: Context) -> str:
    plan = plan_paragraph(apply_rules(ctx), ctx, shape=Shape.CHANGE_WITH_POSITION)
    realiser = Realiser(load_phrasebook(), "Northmoor")
    return " ".join(s.text for s in realiser.realise_plan(plan, ctx))


def _local(latest: str, rank: int, quartile: int, **year: str | int | None) -> Context:
    ctx = context(latest, "82.5")
    figures = _year("2024/25", rank=None, quartile=None, **year)  # type: ignore[arg-type]
    return _with(ctx, _bench(figures, local=(latest, rank, quartile)))


def context(
    latest: str,
    previous: str,
    periods: tuple[str, str] = ("Q2 2025/26", "Q1 2025/26"),
    frequency: Frequency = Frequency.QUARTER,
    name: str = "Reablement",
) -> Context:
    """Northmoor's reablement percentage (high is good), latest against previous period."""
    indicator = Indicator(
        name=name,
        topic=None,
        theme=None,
        polarity=Polarity.HIGH_IS_GOOD,
        frequency=frequency,
        latest=Decimal(latest),
        latest_period=parse_period(periods[0]),
        previous=Decimal(previous),
        previous_period=parse_period(periods[1]),
    )
    entry = CatalogueEntry(
        name=name,
        subject="the percentage of older people at home 91 days after reablement",
        unit=Unit.PERCENTAGE,
        decimals=1,
    )
    ctx, _ = resolve(
        indicator,
        Catalogue((entry,)),
        area="Northmoor",
        report_period=parse_period(periods[0]),
        settings=RuleSettings(),
    )
    return ctx


def _annual(**bench: object) -> Context:
    """The annual figure for the benchmark year itself: 91.0% in 2024/25 from 88.0% in
    2023/24, benchmarked by the area's own published position (the `published` use)."""
    annual = ("2024/25", "2023/24")
    ctx = context("91.0", "88.0", annual, Frequency.ANNUAL, "Reablement (annual)")
    record = History(Extreme("highest", None, 7, "2018/19"), 2, "increase")
    quartile = 1 if bench.get("has_quartile", True) else None
    figures = _year("2024/25", area="91.0", used=7, rank=12, quartile=quartile)
    defaults: dict[str, object] = {
        "use": "published",
        "local": None,
        "same_year": True,
        "area_history": record,
    }
    return _with(ctx, _bench(figures, **(defaults | bench)))  # type: ignore[arg-type]


GOLDEN = {
    # the local use ("would"), joined to the change it agrees with; both averages above
    "local": (
        _local("86.0", 31, 2),
        "At the end of Quarter 2, the percentage of older people at home 91 days after reablement "
        "was 86.0%. There has been an improvement of 3.5 percentage points on the end of Quarter "
        "1 (82.5%), which would place Northmoor in the second quartile of local authorities on "
        "the 2024/25 published figures (31st of 150). Performance is 4.0 percentage points above "
        "the England average (82.0%) and 2.5 percentage points above the statistical neighbour "
        "average (83.5%).",
    ),
}


GOLDEN |= {
    # the figure below both averages, agreeing with the fourth quartile
    "both below": (
        _local("78.0", 120, 4),
        "At the end of Quarter 2, the percentage of older people at home 91 days after reablement "
        "was 78.0%. There has been a decrease of 4.5 percentage points from the end of Quarter 1 "
        "(82.5%), which would place Northmoor in the fourth quartile of local authorities on the "
        "2024/25 published figures (120th of 150). Performance is 4.0 percentage points below the "
        "England average (82.0%) and 5.5 percentage points below the statistical neighbour "
        "average (83.5%).",
    ),
    # one each: above England, below the neighbours; the third quartile concedes, naming its
    # subject
    "one each": (
        _local("83.0", 80, 3),
        "At the end of Quarter 2, the percentage of older people at home 91 days after reablement "
        "was 83.0%. There has been a slight improvement of 0.5 percentage points on the end of "
        "Quarter 1 (82.5%), although Northmoor would be in the third quartile of local "
        "authorities on the 2024/25 published figures (80th of 150). Performance is 1.0 "
        "percentage point above the England average (82.0%) and 0.5 percentage points below the "
        "statistical neighbour average (83.5%).",
    ),
    # the neighbours' mean is England's: one comparison with both (no sentence of its own)
    "neighbours same as England": (
        _local("86.0", 31, 2, neighbours="82.0"),
        "At the end of Quarter 2, the percentage of older people at home 91 days after reablement "
        "was 86.0%. There has been an improvement of 3.5 percentage points on the end of Quarter "
        "1 (82.5%), which would place Northmoor in the second quartile of local authorities on "
        "the 2024/25 published figures (31st of 150). Performance is 4.0 percentage points above "
        "both the England and the statistical neighbour averages (82.0%).",
    ),
    # England's figure suppressed: the neighbours alone, nothing said of England
    "no England figure": (
        _local("86.0", 31, 2, england=None),
        "At the end of Quarter 2, the percentage of older people at home 91 days after reablement "
        "was 86.0%. There has been an improvement of 3.5 percentage points on the end of Quarter "
        "1 (82.5%), which would place Northmoor in the second quartile of local authorities on "
        "the 2024/25 published figures (31st of 150). Performance is 2.5 percentage points above "
        "the statistical neighbour average (83.5%).",
    ),
}


GOLDEN |= {
    # the published use, the area's own record joined to the change that leads to it: the
    # position too would run the sentence past 40 words, so it follows, area first, and the
    # averages after it (seven of ten neighbours publish a figure)
    "published, record joined": (
        _annual(),
        "The percentage of older people at home 91 days after reablement was 91.0% in 2024/25. "
        "The figure shows a small improvement of 3.0 percentage points on 2023/24 (88.0%), now "
        "the highest figure in the seven years published (since 2018/19). Northmoor is in the top "
        "quartile of local authorities on the 2024/25 published figures (12th of 150). "
        "Northmoor’s figure is 9.0 percentage points above the England average (82.0%) and 7.5 "
        "percentage points above the statistical neighbour average (83.5%, from seven of the 10 "
        "neighbours).",
    ),
    # the published use without a record: the position joined to the change
    "published": (
        _annual(area_history=None),
        "The percentage of older people at home 91 days after reablement was 91.0% in 2024/25. "
        "This marks a small improvement of 3.0 percentage points on 2023/24 (88.0%), and places "
        "Northmoor in the top quartile of local authorities on the 2024/25 published figures "
        "(12th of 150). Northmoor’s figure is 9.0 percentage points above the England average "
        "(82.0%) and 7.5 percentage points above the statistical neighbour average (83.5%, from "
        "seven of the 10 neighbours).",
    ),
    # LAIT shows no quartile for the measure: neither quartile nor rank is said (a rank without
    # its quartile is never said), and the first average names the year instead
    "no quartile": (
        _annual(has_quartile=False, area_history=None),
        "The percentage of older people at home 91 days after reablement was 91.0% in 2024/25. "
        "The figure shows a small improvement of 3.0 percentage points on 2023/24 (88.0%). "
        "Northmoor’s figure is 9.0 percentage points above the England average in 2024/25 (82.0%) "
        "and 7.5 percentage points above the statistical neighbour average (83.5%, from seven of "
        "the 10 neighbours).",
    ),
}


@pytest.mark.parametrize("case", sorted(GOLDEN))
def it_words_each_national_case_exactly(case: str) -> None:
    ctx, expected = GOLDEN[case]
    assert _words(ctx) == expected


def it_says_the_tables_without_a_latest_figure_area_first() -> None:
    """No latest figure on the dashboard: nothing to join to, but the tables' quartile is still
    said with the area first and the averages by their own join, against the area's published
    2024/25 figure (91.0%); the averages' histories are still left out, saying why."""
    ctx = _annual(area_history=None)
    ctx = replace(ctx, indicator=replace(ctx.indicator, latest=None))
    assert _words(ctx) == (
        "The percentage of older people at home 91 days after reablement is not available in "
        "2024/25. Northmoor is in the top quartile of local authorities on the 2024/25 published "
        "figures (12th of 150). Northmoor’s figure is 9.0 percentage points above the England "
        "average (82.0%) and 7.5 percentage points above the statistical neighbour average "
        "(83.5%, from seven of the 10 neighbours)."
    )
    plan = plan_paragraph(apply_rules(ctx), ctx)
    assert len([w for w, _ in plan.left_out if "average's own history" in w]) == 2


def it_leaves_out_the_averages_own_histories_saying_why() -> None:
    """England's rise on 2023/24, its third in a row and its record, and the neighbours' rise and
    run, are in the plan's `left_out` (so `narrator explain` shows them), never in the text."""
    ctx = _local("86.0", 31, 2)
    plan = plan_paragraph(apply_rules(ctx), ctx, shape=Shape.CHANGE_WITH_POSITION)
    histories = [(what, why) for what, why in plan.left_out if "average's own history" in what]
    assert histories == [
        (
            "the England average's own history (its increase on 2023/24, a run of 3 moves the "
            "same way, its highest in the published years)",
            "an average's own history is not the council's figure",
        ),
        (
            "the statistical neighbour average's own history (its increase on 2023/24, a run of "
            "2 moves the same way)",
            "an average's own history is not the council's figure",
        ),
    ]
    text = _words(ctx)
    assert "80.5" not in text and "83.0" not in text and "in a row" not in text


def it_gives_the_tables_facts_the_dashboards_types() -> None:
    """The tables' quartile and averages are the dashboard's own facts (one route): a
    QuartilePosition with its source and ranking, an AverageComparison with `compare.*`
    items; never a quartile from both the dashboard and the tables."""
    from narrator.language.findings import Movement, QuartilePosition, QuartileSource, Ranking

    ctx = _local("86.0", 31, 2)
    ctx = replace(ctx, indicator=replace(ctx.indicator, quartile=3))  # the dashboard's own
    found = {f.rule: f.fact for f in apply_rules(ctx)}
    assert "quartile" not in found  # the tables' computed quartile is the one said
    assert found["national_quartile"] == QuartilePosition(
        2, None, Movement.PLACED, True, QuartileSource.LOCAL, Ranking(31, 150, "2024/25")
    )
    averages = found["national_averages"]
    assert isinstance(averages, AverageComparison) and averages.published
    assert "third quartile" not in _words(ctx) and _words(ctx).count("quartile") == 1


@pytest.mark.parametrize(
    ("yaml", "where", "says"),
    [
        (
            'plan:\n  parts:\n    national_quartile.local: "x"\n',
            "plan.parts.national_quartile.local",
            "set plan.parts.quartile.benchmark.published or .local",
        ),
        (
            'plan:\n  parts:\n    national_england.above: "x"\n',
            "plan.parts.national_england.above",
            "set clauses.compare.above, compare.below, compare.same",
        ),
        (
            'plan:\n  parts:\n    national_neighbours:\n      as_england: "x"\n',
            "plan.parts.national_neighbours",
            "set clauses.compare.above, compare.below, compare.same",
        ),
        (
            'clauses:\n  national.change.increase: "x"\n',
            "clauses.national.change.increase",
            "an average's own change on the year, run and record are no longer said",
        ),
    ],
)
def it_refuses_an_override_of_a_removed_national_key(
    tmp_path: Path, yaml: str, where: str, says: str
) -> None:
    """A council's phrasebook that words the national tables' old sentences gets the located
    "removed" error with what words it now, as the removed `sentences:` keys do."""
    path = tmp_path / "house.yaml"
    path.write_text(yaml, encoding="utf-8")
    with pytest.raises(PhrasebookError) as info:
        load_phrasebook(path)
    assert info.value.file == str(path)
    assert f"{where} was removed: " in str(info.value)
    assert says in str(info.value)
    assert "line " in str(info.value)
