"""Golden paragraphs: the sample dashboard (Q1 2024/25) must give exactly these words, and so
must the Q4 2022/23 dashboard for the rows whose cells are written differently.

Each expected paragraph was checked by hand against its dashboard row and against seed 004's
paragraphs 5 and 14-33, which say the same things (value, period, counts, previous value,
direction and judgement, quartile) with the seed's errors corrected: differences between
percentages are in percentage points. Worded as the planner arranges them (issue 12): the
change joined to the position (elaboration, or concession when they pull apart), the target
joined to the figure, a count moving against its rate as its own sentence, a change named once.
Re-derived from the CSV rows for the planner's wording: every figure, difference, count,
judgement, quartile and target the earlier wording stated is still stated.

Issue 22: the sample benchmarks the twelve indicators LAIT publishes (not two), so their
paragraphs state the national tables' quartile and rank (the Quarter 1 figure placed against
the 2022/23 thresholds, not the dashboard's typed quartile), the England and statistical
neighbour averages with their change on 2021/22, runs and records, the year once and each span
of years once. Checked by hand against samples/leicestershire-cfs/national/lait-slice.csv with
pandas (thresholds, ranks with the area's own figure replaced, neighbour means of the 2021
set); the dashboard's quartiles agree with them (assessments' corrected to 2, see
national/SOURCE.md). The Q4 2022/23 dashboard predates the 2022/23 publication: its paragraphs
are placed against 2022/23 as well, and check says the dashboard is behind.
"""

from __future__ import annotations

import pytest

from tests.helpers import GOLDEN, SUMMARY

# Seed 004 paragraph 23: the three FEEE indicators in one paragraph, as the sample catalogue
# groups them. Summer Term 2024 against Spring Term 2024: 66.0% from 71.2% (down 5.2 points,
# high is good: a plain decrease), 92.9% from 89.8% (up 3.1: an improvement), 98.2% from 97.3%
# (up 0.9, at most slight_points 1.5: a slight improvement).
FEEE_PARAGRAPH = (
    "The percentage of eligible two-year-olds taking up their Funded Early Education Entitlement "
    "(FEEE) was 66.0% in the Summer term 2024. This marks a decrease of 5.2 percentage points from "
    "the Spring term 2024 (71.2%), and would place Leicestershire in the fourth quartile of local "
    "authorities on the 2022/23 published figures (120th of 152). Leicestershire is 7.9 percentage "
    "points below the England average (73.9%) and 10.5 percentage points below the statistical "
    "neighbour average (76.5%). For three-year-olds, the figure was 92.9%, an improvement of 3.1 "
    "percentage points on 89.8%. Overall, the percentage of eligible two- and three-year-olds "
    "taking up their FEEE in high-quality provision was 98.2%, a slight improvement of 0.9 "
    "percentage points on 97.3%."
)

# The Q4 2022/23 dashboard built with the sample config (so its quarters carry their year), the
# generated sentences only: two-place values printed to the catalogue's one place, percentages
# written without "%" (92.2, 0.7), month periods ("Dec-22"), terms without "Term" ("Autumn
# 2022") and counts written "743.0". Checked by hand against
# samples/leicestershire-cfs/dashboard-q4-2022-23.csv.
GOLDEN_Q4 = {
    "Children becoming subject to a CPP for second or subsequent time": (
        "At the end of Quarter 4 2022/23, the percentage of children becoming subject to a child "
        "protection plan for a second or subsequent time was 23.0%, above the 20.8% target. This "
        "is a slight increase of 0.1 percentage points from the end of Quarter 3 2022/23 (22.9%), "
        "although on the 2022/23 published figures, Leicestershire would be in the second quartile "
        "of local authorities (68th of 148)."
    ),
    "CPP lasting 2 yrs or more open at the end of the quarter": (
        "The percentage of open Child Protection Plans that had lasted two years or more was 1.4% "
        "at the end of Quarter 4 2022/23, below its target of 3.0%. There has been an improvement "
        "of 0.4 percentage points on the end of Quarter 3 2022/23 (1.8%), which places "
        "Leicestershire in the top quartile of local authorities."
    ),
    "Eligible 2 year olds taking up their FEEE": (
        "The percentage of eligible two-year-olds taking up their Funded Early Education "
        "Entitlement (FEEE) was 90.1% in the Spring term 2023. This is a small decrease of 2.1 "
        "percentage points from the Autumn term 2022 (92.2%), although on the 2022/23 published "
        "figures, Leicestershire would be in the top quartile of local authorities (11th of 152). "
        "Leicestershire is 16.2 percentage points above the England average (73.9%) and 13.6 "
        "percentage points above the statistical neighbour average (76.5%)."
    ),
    "Children Electively Educated at Home": (
        "At the end of Quarter 4 2022/23, the number of children Electively Home Educated (EHE) "
        "was 1,017, an increase of 274 children (36.9%) from the end of Quarter 4 2021/22 (743)."
    ),
    "NEET young people aged 16-17": (
        "The percentage of young people aged 16 to 17 not in education, employment or training "
        "(NEET) was 1.0% at the end of March 2023, below its target of 2.1%. This figure is an "
        "increase of 0.3 percentage points from the end of December 2022 (0.7%), although "
        "Leicestershire would be in the top quartile of local authorities on the 2022/23 published "
        "figures (10th of 152). The latest figure is 1.8 percentage points below the England "
        "average (2.8%) and 1.7 percentage points below the statistical neighbour average (2.7%)."
    ),
}

# The two exclusion measures have no quartile on that dashboard; the national tables place both
# 2021/22 figures in the top quartile (as their paragraphs say), so the summary counts them.
SUMMARY_Q4 = (
    "From 18 measures reported, 13 have a national benchmark; seven are in the top quartile, two "
    "are in the second quartile, three are in the third quartile and one is in the bottom "
    "quartile."
)


@pytest.mark.parametrize("name", sorted(GOLDEN))
def it_words_each_golden_indicator_exactly(prepared_q1, name: str) -> None:  # type: ignore[no-untyped-def]
    texts = {t.context.name: t.text for t in prepared_q1.texts}
    assert texts[name] == GOLDEN[name]


def it_writes_the_catalogue_group_as_one_paragraph_like_seed_paragraph_23(prepared_q1) -> None:  # type: ignore[no-untyped-def]
    from narrator.pipeline import report_of

    texts = [b.text for b in report_of(prepared_q1).blocks]
    assert FEEE_PARAGRAPH in texts
    assert not [t for t in texts if t.startswith("For three-year-olds")]


def it_words_the_quartile_summary_like_seed_paragraph_5(prepared_q1) -> None:  # type: ignore[no-untyped-def]
    from narrator.pipeline import report_of

    report = report_of(prepared_q1)
    assert SUMMARY in [b.text for b in report.blocks]


def it_gives_byte_identical_text_for_the_same_input(prepared_q1, sample_config) -> None:  # type: ignore[no-untyped-def]
    from narrator.pipeline import prepare

    again = prepare(sample_config)
    assert [t.text for t in again.texts] == [t.text for t in prepared_q1.texts]


def it_reports_every_dashboard_indicator(prepared_q1) -> None:  # type: ignore[no-untyped-def]
    assert len(prepared_q1.texts) == 22
    assert not prepared_q1.errors


@pytest.mark.parametrize("name", sorted(GOLDEN_Q4))
def it_words_the_q4_2022_23_dashboard_exactly(prepared_q4, name: str) -> None:  # type: ignore[no-untyped-def]
    texts = {t.context.name: " ".join(s.text for s in t.sentences) for t in prepared_q4.texts}
    assert texts[name] == GOLDEN_Q4[name]


def it_words_the_q4_2022_23_quartile_summary(prepared_q4) -> None:  # type: ignore[no-untyped-def]
    from narrator.pipeline import report_of

    assert SUMMARY_Q4 in [b.text for b in report_of(prepared_q4).blocks]
