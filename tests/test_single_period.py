"""Single-period indicators: a scorecard that gives, instead of the previous figure, a word
comparing with it. Golden paragraphs for each polarity (high, low, none) and each comparison
word (Better, Worse, Similar, Same, New, Higher, Lower, "Higher - no polarity", "Lower - no
polarity"), read end to end from an invented council's scorecard (Northmoor, Quarter 3 2023/24)
through the scorecard reader, the rules and the phrasebook.

Each expected paragraph was checked by hand against its scorecard line (the paragraph
planner of issue 12 places the comparison after the benchmarks): the value, its count,
the quarter, the comparison word's meaning for the polarity (a direction judged only when a
polarity is given), the quartile and the gap to the neighbour average (latest minus average, in
percentage points). No paragraph states a previous figure: the scorecard gives none.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache

import pytest

from narrator.context import Context
from narrator.intake.layouts import scorecard
from narrator.intake.resolve import resolve
from narrator.language.phrases import load_phrasebook
from narrator.language.realise import Realiser
from narrator.language.rules import apply_rules, compared
from narrator.model import CatalogueEntry, Comparison, Polarity
from narrator.officer_files import Catalogue
from narrator.periods import parse_period
from narrator.settings import RuleSettings
from narrator.units import Unit

SCORECARD = """Northmoor Children's Services Scorecard 2023/24 Quarter 3
 Children are safe
Care leavers in education, employment or training (high is good)
Q3 61.2% (82) Better G 1 55.0%
Child protection plans reviewed on time (high is good)
Q3 88.4% (191) Worse A 3 91.0%
Care leavers in suitable accommodation (high is good)
Q3 90.5% (76) Similar G 2 89.9%
Assessments completed within 45 days (high is good)
Q3 84.0% (1,210) Same A 3 85.2%
Early help assessments completed within 30 days (high is good)
Q3 72.5% (145) New A 3 n/a
Children in care with a health assessment (high is good)
Q3 93.1% (412) Higher G 1 90.2%
Dental checks for children in care (high is good)
Q3 80.2% (355) Lower A 3 82.1%
 Families are supported
Re-referrals within 12 months (low = good)
Q3 19.8% (233) Better G 2 21.5%
Repeat child protection plans (low = good)
Q3 24.6% (51) Worse R 4 20.1%
Children with 3 or more placements in a year (low = good)
Q3 9.9% (41) Higher A 3 10.0%
Young people not in education, employment or training (low = good)
Q3 2.4% (310) Lower G 1 3.1%
Children missing from home (low = good)
Q3 112 Similar n/a n/a n/a
First time entrants to the youth justice system (low = good)
2023 37 New n/a n/a n/a
Contacts to the front door
Q3 5,412 Higher - no polarity n/a n/a n/a
Children electively home educated
Q3 1,046 Lower - no polarity n/a n/a n/a
Children in need
Q3 2,871 Similar n/a n/a n/a
Private fostering arrangements
Q3 14 New n/a n/a n/a
Children looked after
Q3 598 Better n/a n/a n/a
Children subject to a child protection plan
Q3 471 Worse n/a n/a n/a
Children waiting over 18 weeks for an assessment (low = good)
Q3 6.5% (13) Same A 3 5.9%
Children adopted
Q3 21 Same n/a n/a n/a
"""

# name -> (subject, unit, noun)
SUBJECTS = {
    "Care leavers in education, employment or training (high is good)": (
        "the percentage of care leavers in education, employment or training",
        Unit.PERCENTAGE,
        "young people",
    ),
    "Child protection plans reviewed on time (high is good)": (
        "the percentage of child protection plans reviewed on time",
        Unit.PERCENTAGE,
        "plans",
    ),
    "Care leavers in suitable accommodation (high is good)": (
        "the percentage of care leavers in suitable accommodation",
        Unit.PERCENTAGE,
        "young people",
    ),
    "Assessments completed within 45 days (high is good)": (
        "the percentage of assessments completed within 45 days",
        Unit.PERCENTAGE,
        "assessments",
    ),
    "Early help assessments completed within 30 days (high is good)": (
        "the percentage of early help assessments completed within 30 days",
        Unit.PERCENTAGE,
        "assessments",
    ),
    "Children in care with a health assessment (high is good)": (
        "the percentage of children in care with an up-to-date health assessment",
        Unit.PERCENTAGE,
        "children",
    ),
    "Dental checks for children in care (high is good)": (
        "the percentage of children in care with a dental check",
        Unit.PERCENTAGE,
        "children",
    ),
    "Re-referrals within 12 months (low = good)": (
        "the percentage of re-referrals within 12 months",
        Unit.PERCENTAGE,
        "children",
    ),
    "Repeat child protection plans (low = good)": (
        "the percentage of children subject to a child protection plan for a second time",
        Unit.PERCENTAGE,
        "children",
    ),
    "Children with 3 or more placements in a year (low = good)": (
        "the percentage of children in care with three or more placements in a year",
        Unit.PERCENTAGE,
        "children",
    ),
    "Young people not in education, employment or training (low = good)": (
        "the percentage of young people aged 16-17 not in education, employment or training",
        Unit.PERCENTAGE,
        "young people",
    ),
    "Children missing from home (low = good)": (
        "the number of children reported missing from home",
        Unit.COUNT,
        "children",
    ),
    "First time entrants to the youth justice system (low = good)": (
        "the number of first time entrants to the youth justice system",
        Unit.COUNT,
        "young people",
    ),
    "Contacts to the front door": ("the number of contacts to the front door", Unit.COUNT, None),
    "Children electively home educated": (
        "the number of children electively home educated",
        Unit.COUNT,
        "children",
    ),
    "Children in need": ("the number of children in need", Unit.COUNT, "children"),
    "Children looked after": ("the number of children looked after", Unit.COUNT, "children"),
    "Children waiting over 18 weeks for an assessment (low = good)": (
        "the percentage of children waiting over 18 weeks for an assessment",
        Unit.PERCENTAGE,
        "children",
    ),
    "Children adopted": ("the number of children adopted", Unit.COUNT, "children"),
    "Children subject to a child protection plan": (
        "the number of children subject to a child protection plan",
        Unit.COUNT,
        "children",
    ),
    "Private fostering arrangements": (
        "the number of private fostering arrangements",
        Unit.COUNT,
        "arrangements",
    ),
}


@cache
def paragraphs() -> dict[str, tuple[str, Context]]:
    dashboard = scorecard.read("northmoor.txt", SCORECARD)
    assert not dashboard.errors
    catalogue = Catalogue(
        tuple(
            CatalogueEntry(name=name, subject=subject, unit=unit, decimals=None, noun=noun)
            for name, (subject, unit, noun) in SUBJECTS.items()
        )
    )
    realiser = Realiser(load_phrasebook(None), "Northmoor")
    found = {}
    for ind in dashboard.indicators:
        ctx, _ = resolve(
            ind,
            catalogue,
            area="Northmoor",
            report_period=parse_period("Q3 2023/24"),
            settings=RuleSettings(),
        )
        text = " ".join(s.text for s in realiser.paragraph(apply_rules(ctx), ctx))
        found[ind.name] = (text, ctx)
    return found


def test_the_scorecard_gives_each_polarity_and_each_word() -> None:
    dashboard = scorecard.read("northmoor.txt", SCORECARD)
    pairs = {(i.polarity, i.comparison) for i in dashboard.indicators}
    assert pairs == {(p, w) for p in Polarity for w in Comparison}  # all 21
    assert len(dashboard.indicators) == len(SUBJECTS) == len(EXPECTED)


EXPECTED = {
    # high is good
    "Care leavers in education, employment or training (high is good)": (
        "At the end of Quarter 3, the percentage of care leavers in education, employment or "
        "training was 61.2% (82 young people). Northmoor ranks in the top quartile of local "
        "authorities, and the figure is 6.2 percentage points above the statistical neighbour "
        "average (55.0%). This is better than the previous figure."
    ),
    "Child protection plans reviewed on time (high is good)": (
        "The percentage of child protection plans reviewed on time was 88.4% at the end of Quarter "
        "3 (191 plans). Northmoor is in the third quartile of local authorities, and the figure is "
        "2.6 percentage points below the statistical neighbour average (91.0%). This is worse than "
        "the previous figure."
    ),
    "Care leavers in suitable accommodation (high is good)": (
        "The percentage of care leavers in suitable accommodation was 90.5% at the end of Quarter "
        "3 (76 young people). Northmoor is in the second quartile of local authorities. This is "
        "similar to the previous figure."
    ),
    "Assessments completed within 45 days (high is good)": (
        "At the end of Quarter 3, the percentage of assessments completed within 45 days was 84.0% "
        "(1,210 assessments). Northmoor ranks in the third quartile of local authorities, and the "
        "figure is 1.2 percentage points below the statistical neighbour average (85.2%). This is "
        "the same as the previous figure."
    ),
    "Early help assessments completed within 30 days (high is good)": (
        "At the end of Quarter 3, the percentage of early help assessments completed within 30 "
        "days was 72.5% (145 assessments). Northmoor ranks in the third quartile of local "
        "authorities. This is a new indicator this quarter, with no earlier figure to compare "
        "with."
    ),
    "Children in care with a health assessment (high is good)": (
        "At the end of Quarter 3, the percentage of children in care with an up-to-date health "
        "assessment was 93.1% (412 children). Northmoor is in the top quartile of local "
        "authorities, and the figure is 2.9 percentage points above the statistical neighbour "
        "average (90.2%). This is higher than the previous figure, an improvement."
    ),
    "Dental checks for children in care (high is good)": (
        "At the end of Quarter 3, the percentage of children in care with a dental check was 80.2% "
        "(355 children). Northmoor ranks in the third quartile of local authorities, and the "
        "figure is 1.9 percentage points below the statistical neighbour average (82.1%). This is "
        "lower than the previous figure, which is worse."
    ),
    # low is good
    "Re-referrals within 12 months (low = good)": (
        "At the end of Quarter 3, the percentage of re-referrals within 12 months was 19.8% (233 "
        "children). Northmoor is in the second quartile of local authorities, and the figure is "
        "1.7 percentage points below the statistical neighbour average (21.5%). This is better "
        "than the previous figure."
    ),
    "Repeat child protection plans (low = good)": (
        "The percentage of children subject to a child protection plan for a second time was 24.6% "
        "at the end of Quarter 3 (51 children). Northmoor ranks in the fourth quartile of local "
        "authorities, and the figure is 4.5 percentage points above the statistical neighbour "
        "average (20.1%). This is worse than the previous figure."
    ),
    "Children with 3 or more placements in a year (low = good)": (
        "The percentage of children in care with three or more placements in a year was 9.9% at "
        "the end of Quarter 3 (41 children). Northmoor is in the third quartile of local "
        "authorities. This is higher than the previous figure, which is worse."
    ),
    "Young people not in education, employment or training (low = good)": (
        "At the end of Quarter 3, the percentage of young people aged 16-17 not in education, "
        "employment or training was 2.4% (310 young people). Northmoor ranks in the top quartile "
        "of local authorities, and the figure is 0.7 percentage points below the statistical "
        "neighbour average (3.1%). This is lower than the previous figure, an improvement."
    ),
    "Children missing from home (low = good)": (
        "The number of children reported missing from home was 112 at the end of Quarter 3. "
        "This is similar to the previous figure."
    ),
    "First time entrants to the youth justice system (low = good)": (
        "The number of first time entrants to the youth justice system was 37 in 2023. This is a "
        "new indicator, with no earlier figure to compare with."
    ),
    # no polarity: a direction without a judgement, or the scorecard's own word
    "Contacts to the front door": (
        "In Quarter 3, the number of contacts to the front door was 5,412. This is higher than "
        "the previous figure."
    ),
    "Children electively home educated": (
        "At the end of Quarter 3, the number of children electively home educated was 1,046. This "
        "is lower than the previous figure."
    ),
    "Children in need": (
        "The number of children in need was 2,871 at the end of Quarter 3. This is similar to the "
        "previous figure."
    ),
    "Private fostering arrangements": (
        "The number of private fostering arrangements was 14 at the end of Quarter 3. This is a "
        "new indicator this quarter, with no earlier figure to compare with."
    ),
    "Children looked after": (
        "At the end of Quarter 3, the number of children looked after was 598. This is better than "
        "the previous figure."
    ),
    "Children subject to a child protection plan": (
        "At the end of Quarter 3, the number of children subject to a child protection plan was"
        " 471. This is worse than the previous figure."
    ),
    "Children waiting over 18 weeks for an assessment (low = good)": (
        "At the end of Quarter 3, the percentage of children waiting over 18 weeks for an "
        "assessment was 6.5% (13 children). Northmoor is in the third quartile of local "
        "authorities. This is the same as the previous figure."
    ),
    "Children adopted": (
        "The number of children adopted was 21 at the end of Quarter 3. This is the same as the "
        "previous figure."
    ),
}


@pytest.mark.parametrize("name", list(SUBJECTS))
def test_golden_single_period_paragraph(name: str) -> None:
    text, _ = paragraphs()[name]
    assert text == EXPECTED[name]


def test_a_previous_figure_speaks_instead_of_the_word() -> None:
    """When the dashboard gives the previous figure too, `travel` words the change and the
    comparison word adds nothing."""
    from dataclasses import replace

    _, ctx = paragraphs()["Children in need"]
    assert compared(ctx) is not None
    indicator = replace(ctx.indicator, previous=Decimal(2700))
    assert compared(replace(ctx, indicator=indicator)) is None


def test_a_table_with_a_trend_word_and_no_previous_value_is_single_period(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A CSV scorecard (Eastbridge, another council) with a Trend column of words and no
    previous figures: each word is its indicator's comparison; a row that gives its previous
    value is compared by the figures instead."""
    from narrator.intake.load import load_dashboard

    path = tmp_path / "eastbridge.csv"
    path.write_text(
        "Indicator,Polarity,Latest Period,Latest Value,Previous Value,Trend\n"
        "Rate of children in need per 10k,Low = Good,Q2 2024/25,312.4,,Better\n"
        "Assessments on time,High = Good,Q2 2024/25,81.0%,,Similar\n"
        "Family hub contacts,N/A,Q2 2024/25,1204,,Higher - no polarity\n"
        "Young carers identified,N/A,Q2 2024/25,88,,New\n"
        "Care leavers in touch,High = Good,Q2 2024/25,94.0%,91.0%,Better\n",
        encoding="utf-8",
    )
    dashboard = load_dashboard(path)
    words = [i.comparison for i in dashboard.indicators]
    assert words == [
        Comparison.BETTER,
        Comparison.SIMILAR,
        Comparison.HIGHER,
        Comparison.NEW,
        None,
    ]
    assert not [p for p in dashboard.problems if p.code == "trend-needs-polarity"]
    realiser = Realiser(load_phrasebook(None), "Eastbridge")
    ctx, _ = resolve(
        dashboard.indicators[2],
        Catalogue(()),
        area="Eastbridge",
        report_period=parse_period("Q2 2024/25"),
        settings=RuleSettings(),
    )
    sentences = [s.text for s in realiser.paragraph(apply_rules(ctx), ctx)]
    assert sentences[1] == "This is higher than the previous figure."


def test_the_rag_key_reads_the_comparison_word_as_the_trend() -> None:
    """Green in the second quartile needs an improving trend: "Better" gives one; "Similar"
    does not, and the check says so in the key's words."""
    from dataclasses import replace

    from narrator.intake.checks import rag_contradicts_key
    from narrator.model import Rag

    _, ctx = paragraphs()["Re-referrals within 12 months (low = good)"]  # Better G 2
    assert ctx.indicator.rag is Rag.GREEN and ctx.indicator.quartile == 2
    assert rag_contradicts_key(ctx) == []
    similar = replace(ctx, indicator=replace(ctx.indicator, comparison=Comparison.SIMILAR))
    [problem] = rag_contradicts_key(similar)
    assert problem.message == "RAG Green does not fit the RAG key for quartile 2 with no change"
    higher = replace(ctx, indicator=replace(ctx.indicator, comparison=Comparison.HIGHER))
    [problem] = rag_contradicts_key(higher)  # higher is worse when low is good
    assert problem.message.endswith("with a declining trend")


def test_the_appendix_shows_the_scorecards_own_words_and_counts_their_judgements() -> None:
    from narrator.language.appendix import build_appendix

    contexts = [ctx for _, ctx in paragraphs().values()]
    appendix = build_appendix("Dashboard", contexts, Realiser(load_phrasebook(None), "Northmoor"))
    shown = {row.indicator: row.direction for row in appendix.rows}
    assert shown["Care leavers in suitable accommodation (high is good)"] == "Similar"
    assert shown["Private fostering arrangements"] == "New"
    assert shown["Contacts to the front door"] == "Higher"
    assert all(row.previous is None for row in appendix.rows)  # no invented previous figure
    # counted by what the word means for the polarity; no polarity or "New": not counted
    assert appendix.progress_counts == {"Improved": 4, "No change": 4, "Worsened": 4, "N/A": 9}
