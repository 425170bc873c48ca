"""Golden paragraphs: the sample dashboard (Q1 2024/25) must give exactly these words, and so
must the Q4 2022/23 dashboard for the rows whose cells are written differently.

Each expected paragraph was checked by hand against its dashboard row and against seed 004's
paragraphs 5 and 14-19, which say the same things (value, period, counts, previous value,
direction and judgement, quartile) with the seed's errors corrected: differences between
percentages are in percentage points.
"""

from __future__ import annotations

import pytest

GOLDEN = {
    "Child protection cases which were reviewed within timescales": (
        "At the end of Quarter 1, the percentage of Child Protection cases reviewed within "
        "timescales was 92.2% (270 out of 293 children). This is an improvement on the end of "
        "Quarter 4 (87.4%, 291 out of 333 children), an increase of 4.8 percentage points. This "
        "places Leicestershire in the second quartile of local authorities. This does not meet "
        "the target of more than 97.2%."
    ),
    "Children becoming subject to a CPP for second or subsequent time": (
        "The percentage of children becoming subject to a child protection plan for a second or "
        "subsequent time was 25.2% at the end of Quarter 1 (33 children). This is a small "
        "improvement on the end of Quarter 4 (26.9%, 28 children), a decrease of 1.7 percentage "
        "points. This places Leicestershire in the third quartile of local authorities. This "
        "does not meet the target of less than 20.8%. This continues to be an area of focus for "
        "the service and regular audits are completed to understand any themes around the "
        "circumstances leading to repeat periods of child protection planning."
    ),
    "Re-referrals to CSC within 12 mths": (
        "At the end of Quarter 1, the percentage of re-referrals to Children’s Social Care "
        "within 12 months was 24.9% (462 children). This is a slight deterioration from the end "
        "of Quarter 4 (24.1%), an increase of 0.8 percentage points. This continues to place "
        "Leicestershire in the fourth quartile of local authorities. This does not meet the "
        "target of less than 18.7%."
    ),
    "Assessments completed within 45 days": (
        "The percentage of assessments completed within 45 days was 83.1% at the end of "
        "Quarter 1 (1,588 out of 1,910 assessments). This is a deterioration from the end of "
        "Quarter 4 (88.6%), a decrease of 5.5 percentage points. This places Leicestershire in "
        "the third quartile of local authorities. This does not meet the target of more than "
        "90.3%."
    ),
    "Care leavers in suitable accommodation": (
        "At the end of Quarter 1, the percentage of Care Leavers aged up to 21 in Suitable "
        "Accommodation was 93.5% (87 out of 93 young people). This is a slight deterioration "
        "from the end of Quarter 4 (94.9%), a decrease of 1.4 percentage points. This continues "
        "to place Leicestershire in the top quartile of local authorities. This meets the "
        "target of more than 92.0%."
    ),
    "Care leavers EET": (
        "The percentage of Care Leavers aged up to 21 in Education, Employment or Training was "
        "47.3% at the end of Quarter 1 (44 out of 93 young people). This is a considerable "
        "deterioration from the end of Quarter 4 (63.3%), a decrease of 16.0 percentage points. "
        "This places Leicestershire in the fourth quartile of local authorities. This does not "
        "meet the target of more than 54.0%. The Service continues to provide careful oversight "
        "to the care leaver indicators and is driven by a corporate commitment for creating "
        "mentoring and apprenticeship opportunities for care leavers."
    ),
    "Primary schools rated 'Good' or 'Outstanding'": (
        "The percentage of primary schools rated Good or Outstanding was 90.3% at the end of "
        "Quarter 1 (204 out of 226 inspected schools). This is unchanged from the end of "
        "Quarter 4 (90.3%). This places Leicestershire in the third quartile of local "
        "authorities. This is 1.3 percentage points below the England average (91.6%) and 1.6 "
        "percentage points below the statistical neighbour average (91.9%)."
    ),
    "Children Electively Educated at Home": (
        "At the end of Quarter 1, the number of children Electively Home Educated (EHE) was "
        "1,279. This is an increase of 151 children (13.4%) from the end of Quarter 1 2023/24 "
        "(1,128). The trend has been driven by two factors: firstly, having experienced a "
        "period of enforced home schooling during the pandemic, some parents have opted for EHE "
        "as a lifestyle choice and have chosen to continue this even when schools reopened. The "
        "second factor has been ongoing health concerns which could be for the child, "
        "vulnerable parents, or general safety concerns. The numbers will continue to be "
        "monitored closely."
    ),
    "Permanent exclusions as a % of School population": (
        "In the 2022/23 academic year, the number of permanent exclusions from Leicestershire "
        "schools as a percentage of the school population was 0.07% (67 permanent exclusions). "
        "This is a considerable deterioration from the 2021/22 academic year (0.02%, 24 "
        "permanent exclusions), an increase of 0.05 percentage points. This places "
        "Leicestershire in the second quartile of local authorities. This is 0.04 percentage "
        "points below both the England and statistical neighbour averages (0.11%)."
    ),
}

SUMMARY = (
    "From 22 measures reported, 14 have a national benchmark; three are in the top quartile, "
    "four are in the second quartile, three are in the third quartile and four are in the "
    "bottom quartile."
)


# The Q4 2022/23 dashboard built with the sample config (so its quarters carry their year), the
# generated sentences only: two-place values printed to the catalogue's one place, percentages
# written without "%" (92.2, 0.7), month periods ("Dec-22"), terms without "Term" ("Autumn
# 2022") and counts written "743.0". Checked by hand against
# samples/leicestershire-cfs/dashboard-q4-2022-23.csv.
GOLDEN_Q4 = {
    "Children becoming subject to a CPP for second or subsequent time": (
        "At the end of Quarter 4 2022/23, the percentage of children becoming subject to a "
        "child protection plan for a second or subsequent time was 23.0%. This is a slight "
        "deterioration from the end of Quarter 3 2022/23 (22.9%), an increase of 0.1 "
        "percentage points. This places Leicestershire in the third quartile of local "
        "authorities. This is 0.7 percentage points above the statistical neighbour average "
        "(22.3%). This does not meet the target of less than 20.8%."
    ),
    "CPP lasting 2 yrs or more open at the end of the quarter": (
        "The percentage of open Child Protection Plans that had lasted two years or more was "
        "1.4% at the end of Quarter 4 2022/23. This is a considerable improvement on the end "
        "of Quarter 3 2022/23 (1.8%), a decrease of 0.4 percentage points. This places "
        "Leicestershire in the top quartile of local authorities. This is 0.1 percentage "
        "points above the statistical neighbour average (1.3%). This meets the target of less"
        " than 3.0%."
    ),
    "Eligible 2 year olds taking up their FEEE": (
        "The percentage of eligible two-year-olds taking up their Funded Early Education "
        "Entitlement (FEEE) was 90.1% in the Spring term 2023. This is a small deterioration "
        "from the Autumn term 2022 (92.2%), a decrease of 2.1 percentage points."
    ),
    "Children Electively Educated at Home": (
        "At the end of Quarter 4 2022/23, the number of children Electively Home Educated "
        "(EHE) was 1,017. This is a considerable increase of 274 children (36.9%) from the "
        "end of Quarter 4 2021/22 (743)."
    ),
    "NEET young people aged 16-17": (
        "The percentage of young people aged 16 to 17 not in education, employment or "
        "training (NEET) was 1.0% at the end of March 2023. This is a considerable "
        "deterioration from the end of December 2022 (0.7%), an increase of 0.3 percentage "
        "points. This places Leicestershire in the second quartile of local authorities. This"
        " is 2.5 percentage points below the statistical neighbour average (3.5%). This meets"
        " the target of less than 2.1%."
    ),
}

SUMMARY_Q4 = (
    "From 18 measures reported, 10 have a national benchmark; three are in the top quartile, "
    "two are in the second quartile, four are in the third quartile and one is in the bottom "
    "quartile."
)


@pytest.mark.parametrize("name", sorted(GOLDEN))
def it_words_each_golden_indicator_exactly(prepared_q1, name: str) -> None:  # type: ignore[no-untyped-def]
    texts = {t.context.name: t.text for t in prepared_q1.texts}
    assert texts[name] == GOLDEN[name]


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
