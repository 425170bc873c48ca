"""Every dashboard in the seeds loads: the scorecard copied from a PDF (seed 001), the markdown
table from a PDF (seed 002), the OCR'd appendix (seed 003) and the Power BI table copied column
by column at the end of seed 004.

The expected indicators below were TRANSCRIBED BY HAND from the seed files (tests/fixtures/,
copies of ../shared/seeds/), one line per indicator in file order:
    name | period as written | value as written | count | comparison | RAG | quartile | SN average
with "-" for "the file has no value here, or it cannot be read for certain". Where OCR makes a
figure uncertain (seed 003) the hand reading is "-" and the reader must warn, located.
"""

# ruff: noqa: E501  (the hand-transcribed tables keep one indicator a line)
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from narrator.intake.load import Dashboard, load_dashboard
from narrator.model import CatalogueEntry, Comparison, Indicator, Polarity, Rag, Severity

FIXTURES = Path(__file__).parent / "fixtures"

SEED001 = """
% child protection cases which were reviewed within timescales | Q1 | 95.8% | 250 | Similar | G | 2 | 89.9%
% of children becoming subject to a child protection plan for second or subsequent time | Q1 | 12% | 15 | Better | G | 1 | 20.8%
% re-referrals to childrens Social Care within 12 months | Q1 | 29.0% | - | New | R | 4 | 24.1%
% Continuous assessments completed within 45 days | Q1 | 76.0% | - | New | A | 3 | 82.0%
% of Child Protection plans lasting 2 years or more open at the end of the quarter (low = good) | Q1 | 0.5% | 2 | Better | G | 1 | 1.8%
Placement stability - % children with 3 or more placements during a year (low = good) | Q1 | 8.3% | 48 | Higher | G | 2 | 12.4%
Placement stability - % children in same placement for 2+ years or placed for adoption | Q1 | 69.1% | 103 | Better | A | 3 | 68.0%
% of Care Leavers in suitable accommodation (end of quarter) | Q1 | 92.1% | 35 | Similar | G | 1 | 80.8%
The % of Care leavers in education, employment and training (EET) (end of quarter) | Q1 | 55.3% | 21 | Better | A | 2 | 48.1%
CSE referrals | Q1 | 81 | - | Higher | - | - | -
The % of children in care who have had dental checks within last 12 months (at end of period) | Q1 | 65.2% | 376 | Lower | - | - | -
The % of children in care who have their annual health assessment within last 12 months (at end of period) | Q1 | 74.5% | 430 | Lower | - | - | -
The average emotional health strengths/difficulties score for children in care. (low = good) | Q1 | 15 | - | Similar | A | 3 | 15.58
SEND - Children and young people assessed and decision taken whether or not to issue a statement, or EHC plan, during calendar year | 2017 | 390 | - | Higher | - | - | -
SEND - Intial requests for EHCP refused | 2017 | 226 | - | Higher | - | - | -
SEND - children and young people assessed and EHCP issued | 2017 | 99.5% | - | Higher | - | - | 91.0%
SEND - children and young people assessed and EHCP NOT issued | 2017 | 0.5% | - | Lower | - | - | 9.0%
SEND - Percentage of EHC plans issued within 20 weeks | 2017 | 99.0% | - | Higher | G | 1 | 47.00%
SEND - Total number of statements / EHC plans over 12 month period | 2017 | 3,703 | - | Higher | - | - | -
No. of individuals open to Early Help services | Q2 | 7,245 | - | Lower | - | - | -
No. of individuals with an Early Help Assessment | Q1 | 2,139 | - | Lower | - | - | -
No. of families with an Early Help assessment | Q1 | 829 | - | Similar | - | - | -
No. of SLF families claimed for as a % of overall payment by results target | Q1 | 1373 | - | - | - | - | -
Feedback from families and evaluation provides evidence of positive impact | - | - | - | - | - | - | -
Number of first time entrants to the criminal justice system aged 10-17 (low = good) (rolling year data) | Apr 17 - Mar 18 | 104 | - | Better | G | 1 | -
Rate of re-offending by young offenders (low = good) | 2016/17 | 0.71 | - | Better | G | - | -
Number of instances of the use of custody for young people (low = good) | Q1 | 1 | - | Similar | - | - | -
The % of eligible 2 year olds taking up their FEEE | Q1 | 73.0% | - | Lower | A | 2 | 75.3%
The % of eligible 3 and 4 year olds taking up their FEEE | Q1 | 100.0% | - | Same | G | 1 | 98.6%
The % of all childcare providers rated good or outstanding | Q1 | 96.0% | - | Same | G | 1 | 93.1
The % of schools rated Good or Outstanding | Q1 | 88.7% | - | Similar | A | 2 | 89.0%
The % of Primary Schools rated Good or Outstanding | Q1 | 89.5% | - | Better | A | 3 | 89.3%
The % of Secondary Schools rated Good or Outstanding | Q1 | 86.9% | - | Better | A | 2 | 79.5%
The % of Special Schools rated Good or Outstanding | Q1 | 100% | - | Same | G | 1 | 92.8%
The % of pupils in Good or Outstanding schools | Q1 | 89.3% | - | Better | A | 2 | 88.9%
A Level average points score (per entry) | 2017 | 212.20 | - | Better | - | - | -
The % of reception pupils reaching a ‘Good’ level of development’ | 2018 | 70.80% | - | Better | - | - | -
Key Stage 2 - pupils achieving expected standard in Reading, Writing and Mathematics | 2018 | 65.3% | - | Better | - | - | -
Progress measures from KS1 to KS2 (Maths) | 2018 | 0.00 | - | Better | - | - | -
Progress measures from KS1 to KS2 (Writing) | 2018 | 0.10 | - | Better | - | - | -
Progress measures from KS1 to KS2 (Reading) | 2018 | -0.10 | - | Better | - | - | -
The % of reception pupils with FSM status achieving ‘Good’ level of development’ | 2018 | 48% | - | Better | - | - | -
Key Stage 2 - % of pupils eligible for Free School Meals achieving expected standard in Reading, Writing and Mathematics | 2018 | 36.7% | - | Lower | - | - | -
Key Stage 2 - % of SEN statement/EHCP pupils achieving expected standard in Reading, Writing and Mathematics | 2018 | 6.9% | - | Similar | - | - | -
Key Stage 2 - % of Children in Care achieving expected standard in Reading, Writing and Maths | 2017 | 22.2% | - | Better | - | - | -
% achieveing a Level 2 qualification by age 19 | 2017 | 83.20% | - | Lower | A | 3 | 84.7%
% of NEET 16-17 for children with SEN and disability (low = good) | Jun-18 | 3% | 16 | Better | - | - | -
NEET young people aged 16-17 (low = good) | Jun-18 | 2% | 271 | Similar | G | 2 | 2.3%
"""

# seed 002 has no comparison words: its "Compared to previous data" column gives polarity
SEED002 = """
% child protection cases which were reviewed within timescales | Q1 | - | - | - | - | - | 89.8%
% of children becoming subject to a child protection plan for second or subsequent time | Q2 | 28.4% | - | - | - | 4 | 22.9%
% re-referrals to Childrens Social Care within 12 months | Q2 | 19.3% | - | - | - | 2 | 22.1%
% Single assessments completed within 45 days | Q2 | 91.6% | - | - | - | 2 | 86.3%
% of Child Protection plans lasting 2 years or more open at the end of the quarter (low = good) | Q2 | 2.1% | - | - | - | 2 | 1.4%
Placement stability - % children with 3 or more placements during a year (low = good) | Q2 | 2.9% | - | - | - | 1 | 11.2%
Placement stability - % children in same placement for 2+ years or placed for adoption | Q2 | 67.2% | - | - | - | 3 | 65.0%
% of Care Leavers in suitable accommodation (end of quarter) | Q2 | 95.4% | - | - | - | 2 | 85.4%
The % of Care leavers in education, employment and training (EET) (end of quarter) | Q2 | 62.6% | - | - | - | 1 | 53.0%
The % of children in care who have had dental checks within last 12 months (at end of period) | Q2 | 42.8% | - | - | - | - | -
The % of children in care who have their annual health assessment within last 12 months (at end of period) | Q2 | 86.3% | - | - | - | - | -
No. of individuals worked with by Children and Families Wellbeing Service during quarter | Q2 | 3,972 | - | - | - | - | -
No. of families worked with by Children and Families Wellbeing Service during quarter | Q2 | 1,505 | - | - | - | - | -
No. of Children in mainstream schools with Education and Health Care Plans | Summer Census 2021 | 2,244 | - | - | - | - | -
No. of Children in mainstream schools in receipt of SEN Support (without EHCP) | Summer Census 2021 | 11,371 | - | - | - | - | -
The % of eligible 2 year olds taking up their FEEE | Summer 2021 | 68.5% | - | - | - | 4 | 65%
The % of eligible 3 year olds taking up their FEEE | Summer 2021 | 93.5% | - | - | - | 2 | 92%
No. of Children Electively Educated at Home | Q2 | 749 | - | - | - | - | -
NEET young people aged 16-17 (low = good) | Q1 | 3% | 420 | - | - | 2 | 2.6%
"""

SEED002_POLARITY = "hllhllhhhhhnnnnhhnl"  # high, low, none: "(high is good)" ... "(Low is good)"
SEED002_TARGETS = [">97.2%", "<20.8%", "<18.7%", ">90.3%", "<3.0%", "<9.0%", ">70.0%", ">92.0%"]
SEED002_TARGETS += [">54.0%", "", "", "", "", "", "", ">70%", ">95%", "", "<1.9%"]
SEED002_TOPICS = [
    "Help children in Leicestershire to live in safe, stable environments and have secure "
    "attachments"
] * 11
SEED002_TOPICS += [
    "Help children and their families build strength, resilience, confidence and capacity"
] * 4
SEED002_TOPICS += ["Help every child to get the best possible start in life"] * 2
SEED002_TOPICS += [
    "Help every child to have access to good quality education to ensure they achieve their "
    "maximum potential"
] * 2

# seed 003: values only where the OCR'd cell holds a clean number (the first character of the
# comparison cell is OCR's echo of the value's last character: "5.40%" | "6 Similar")
SEED003 = """
% child protection cases which were reviewed within timescales | - | - | - | - | - | - | -
% of children becoming subject to a child protection plan for second or subsequent time | Q1 2016/17 | - | - | Similar | - | - | 94.5%
% of Child Protection plans lasting 2 years or more open at the end of the quarter | Q1 2016/17 | - | - | - | - | - | 1.7%
% of Child Protection plans lasting 2 years or more that cease during the quarter | Q1 2016/17 | - | - | Similar | - | - | 1.7%
Placement stability - % children with 3 or more placements during a year | Q1 2016/17 | - | - | Better | - | - | 3.5%
Placement stability - % children in same placement for 2+ years or placed for adoption | Q1 2016/17 | - | - | Better | - | - | 5.70%
% of Care Leavers in suitable accommodation | 2016 | - | - | Better | - | - | 78.3%
The % of Care leavers in education, employment and training (EET) | 2016 | - | - | Better | - | - | 14.0%
% children who wait less than 20 months between entering care and moving in with their adoptive family | - | - | - | - | - | - | 52%
% of children placed for adoption over last 3 years whose placement has broken down | 2014-2016 | - | - | New | - | - | -
No of adoption support packages in place | - | - | - | - | - | - | -
CSE referrals | Q1 2016/17 | - | - | Lower | - | - | -
No. of families open to the Early Help service | Q1 2016/17 | 1030 | - | New | - | - | -
No. of children/families in receipt of early help and family support services | - | - | - | - | - | - | -
No. of SLF families claimed for as a % of overall payment by results target | Q1 2016/17 | - | - | - | - | - | -
The % of families referred to locality hubs that are allocated/processed within 28 day: | Q1 2016/17 | - | - | Worse | - | - | -
The % of Social Care contacts referred to Early Help | Q1 2016/17 | 18.40% | - | - | - | - | -
Number of Early Help stepped up to Social Care | Q1 2016/17 | - | - | New | - | - | -
Feedback from families and evaluation provides evidence of positive impact - including through family and youtl ttar | - | - | - | New | - | - | -
SEND - Children and young people assessed and decision taken whether or not to issue a statement, or EHC plan, during calendar year | 2015 | 360 | - | Higher | - | - | -
SEND - Percentage of EHC plans issued within 20 weeks | 2015 | 99.9% | - | - | G | - | 37.3%
SEND - Total number of statements / EHC plans over 12 month period | 2015 | 2995 | - | Higher | - | - | -
SEND - no. of SEND appeals lodged for calendar year per 10,000 school population | 2015 | - | - | Better | A | 2 | 3.39
The % of children in care who have had dental checks | 2016 | - | - | Worse | - | - | -
The % of children in care who have their annual health assessment | 2016 | - | - | Better | - | - | -
The % of children in care with up to date immunisations | 2016 | - | - | Worse | - | - | -
The average emotional health strengths/difficulties score for children in care | - | - | - | - | - | - | -
Number of first time entrants to the criminal justice system aged 10-17 | Q4 2015/16 | 124 | - | Better | G | 3 | 314.9
Rate of re-offending by young offenders | Q3 2015/16 | 0.62 | - | Better | G | - | -
Number of instance of the use of custody for young people | Q4 2015/16 | - | - | New | G | - | -
The % of people reporting they have been a victim of ASB in the last 12 months | Q4 2015/16 | 5.40% | - | Similar | G | - | -
The % of people who agree that the Police and other local services are successfully dealing with ASB and Crime | Q4 2015/16 | 92.70% | - | Better | G | - | -
% of people who feel safe in their local area after dark | Q4 2015/16 | - | - | Better | - | - | -
Overall Crime Rate (per 1,000 population) | Q4 2015/16 | - | - | Similar | - | - | -
Reported hate incidents (per 1,000 population) | Q4 2015/16 | - | - | Better | A | - | -
The % of people who agree that people from different backgrounds get on | Q4 2015/16 | - | - | Worse | - | - | -
The number of County cases referred to Channel in the last 12 months (Leics and Rutland) | Q1 2016/17 | - | - | - | - | - | -
% of domestic violence cases reviewed at MARAC that are repeat incidents | Q4 2015/16 | - | - | Better | A | - | -
"""

# seed 004's appendix, in the table's order (area, then name): the copy lists the names in
# reverse within each area. Columns: name | period | latest | previous | target | RAG | quartile
SEED004 = """
Eligible 2 and 3-year olds taking up their FEEE in a high-quality provision | Summer Term 2024 | 98.2% | 97.3% | - | - | -
Eligible 2 year olds taking up their FEEE | Summer Term 2024 | 66.0% | 71.2% | - | - | -
Eligible 3 year olds taking up their FEEE | Summer Term 2024 | 92.9% | 89.8% | - | - | -
Applicants obtaining their first preferences for first time admission to Primary school | 2024 | 95.0% | 94.30% | - | A | 2
Children Electively Educated at Home | Q1 2024/25 | 1279 | 1128 | - | - | -
Children receiving at least one fixed term suspension as a % of School population | 2022/23 | 3.16 | 2.5 | - | A | 2
NEET young people aged 16-17 | Q1 2024/25 | 0.9% | 0.8% | <2.1% | G | 1
Permanent exclusions as a % of School population | 2022/23 | 0.07 | 0.02 | - | A | 2
Primary schools rated 'Good' or 'Outstanding' | Q1 2024/25 | 90.3% | 90.3% | - | A | 3
Pupils in Good or Outstanding schools | Q1 2024/25 | 85.4% | 85.9% | - | R | 4
Secondary pupils achieving their first preference for Secondary transfer | 2024 | 91.5% | 90.7% | - | G | 1
Secondary schools rated 'Good' or 'Outstanding' | Q1 2024/25 | 77.8% | 77.8% | - | R | 4
Children in mainstream schools in receipt of SEN Support (without EHCP) | Summer Term 2024 | 13374 | 12968 | - | - | -
Children in mainstream schools with EHCP | Summer Term 2024 | 2674 | 2522 | - | - | -
Assessments completed within 45 days | Q1 2024/25 | 83.1% | 88.6% | >90.3% | A | 3
Care leavers EET | Q1 2024/25 | 47.3% | 63.3% | >54.0% | R | 4
Care leavers in suitable accommodation | Q1 2024/25 | 93.5% | 94.9% | >92.0% | G | 1
Child protection cases which were reviewed within timescales | Q1 2024/25 | 92.2% | 87.4% | >97.2% | A | 2
Children becoming subject to a CPP for second or subsequent time | Q1 2024/25 | 25.2% | 26.9% | <20.8% | A | 3
Children in care who have had dental checks within last 12 months (at end of period) | Q1 2024/25 | 73.0% | 76.6% | - | - | -
Children in care who have their annual health assessment within last 12 months (.. | Q1 2024/25 | 80.6% | 76.3% | - | - | -
Re-referrals to CSC within 12 mths | Q1 2024/25 | 24.9% | 24.1% | <18.7% | R | 4
"""


def rows(table: str) -> list[list[str]]:
    return [[c.strip() for c in line.split(" | ")] for line in table.strip().splitlines()]


def number(text: str) -> Decimal | None:
    return None if text == "-" else Decimal(text.rstrip("%").replace(",", ""))


def optional(text: str) -> str | None:
    return None if text == "-" else text


def load(name: str) -> Dashboard:
    return load_dashboard(FIXTURES / name)


def assert_single_period(ind: Indicator, expected: list[str]) -> None:
    name, period, value, count, comparison, rag, quartile, neighbour = expected
    assert ind.name == name
    assert (ind.latest_period.label if ind.latest_period else None) == optional(period), name
    assert ind.latest == number(value), name
    assert ind.numerator == number(count), name
    assert (ind.comparison.value if ind.comparison else None) == (
        comparison.lower() if comparison != "-" else None
    ), name
    assert (ind.rag.value if ind.rag else None) == optional(rag), name
    assert ind.quartile == (None if quartile == "-" else int(quartile)), name
    assert ind.neighbour_average == number(neighbour), name


def test_seed001_scorecard_reads_every_indicator_and_nothing_else() -> None:
    dashboard = load("seed001.txt")
    expected = rows(SEED001)
    assert len(dashboard.indicators) == len(expected) == 48
    for ind, want in zip(dashboard.indicators, expected, strict=True):
        assert_single_period(ind, want)
    assert not dashboard.errors


def test_seed001_polarity_topics_and_bare_quarters() -> None:
    dashboard = load("seed001.txt")
    by_name = {i.name: i for i in dashboard.indicators}
    low = [i.name for i in dashboard.indicators if i.polarity is Polarity.LOW_IS_GOOD]
    assert len(low) == 8 and all("(low = good)" in n for n in low)
    assert by_name["CSE referrals"].polarity is Polarity.NONE  # "Higher - no polarity"
    first = dashboard.indicators[0]
    assert first.topic == "Children at most risk are protected from harm and kept safe"
    assert first.latest_period is not None and first.latest_period.canonical() == "Q1 2018/19"
    later = by_name["No. of individuals open to Early Help services"]
    assert later.topic == "Families are self-sufficient and able to cope"
    assert later.latest_period is not None and later.latest_period.canonical() == "Q2 2018/19"
    slf = by_name["No. of SLF families claimed for as a % of overall payment by results target"]
    assert slf.extra["percentage"] == "50%"
    year = [p for p in dashboard.problems if p.code == "quarter-without-year"]
    assert len(year) == 1 and "2018/19" in year[0].message and "Jun-18" in year[0].message
    assert year[0].location.row == 4
    feedback = by_name["Feedback from families and evaluation provides evidence of positive impact"]
    said = [p for p in dashboard.problems if p.location.indicator == feedback.name]
    assert [p.code for p in said] == ["no-figure"]
    assert said[0].location.row == 84 and said[0].value == "See Appendix n/a"


def test_seed002_markdown_table_reads_every_indicator_and_nothing_else() -> None:
    dashboard = load("seed002.md")
    expected = rows(SEED002)
    assert len(dashboard.indicators) == len(expected) == 19
    polarity = {"h": Polarity.HIGH_IS_GOOD, "l": Polarity.LOW_IS_GOOD, "n": Polarity.NONE}
    for i, (ind, want) in enumerate(zip(dashboard.indicators, expected, strict=True)):
        assert_single_period(ind, want)
        assert ind.polarity is polarity[SEED002_POLARITY[i]], ind.name
        assert (ind.target.text if ind.target else "") == SEED002_TARGETS[i], ind.name
        assert ind.topic == SEED002_TOPICS[i], ind.name
    assert not dashboard.errors
    neet = dashboard.indicators[-1]
    assert neet.latest_period is not None and neet.latest_period.canonical() == "Q1 2021/22"


def test_seed002_reports_the_ocr_noise_it_does_not_read() -> None:
    problems = load("seed002.md").problems
    by_code = {p.code: p for p in problems}
    assert by_code["noise-beside-heading"].location.row == 18
    assert by_code["noise-beside-heading"].value == "02 | 2.072 | / | / | /- | /"
    assert by_code["garbled-copy"].location.row == 31
    noise = [p for p in problems if p.code == "noise-below-row"]
    assert {(p.location.row, p.value) for p in noise} == {
        (30, "00.070"),
        (30, "(8 10 8000)"),
        (30, "7.070"),
        (30, "3373"),
    }
    assert all(p.location.file and p.location.file.endswith("seed002.md") for p in problems)


def test_seed003_ocr_appendix_reads_every_indicator_and_nothing_else() -> None:
    dashboard = load("seed003.tsv")
    expected = rows(SEED003)
    assert len(dashboard.indicators) == len(expected) == 38
    for ind, want in zip(dashboard.indicators, expected, strict=True):
        assert_single_period(ind, want)
    assert not dashboard.errors
    by_name = {i.name: i for i in dashboard.indicators}
    send = by_name["SEND - Total number of statements / EHC plans over 12 month period"]
    assert send.polarity is Polarity.NONE and send.comparison is Comparison.HIGHER
    assert "Social Care" not in by_name  # a theme, never an indicator
    assert dashboard.indicators[0].theme == "Social Care"
    assert dashboard.indicators[0].topic == (
        "Children and young people are safe within caring family homes"
    )


def test_seed003_every_uncertain_value_is_a_located_warning() -> None:
    dashboard = load("seed003.tsv")
    warned = {
        (p.location.indicator, p.location.row)
        for p in dashboard.problems
        if p.code in ("unreadable-latest", "missing-latest-value", "no-figure")
    }
    for ind in dashboard.indicators:
        if ind.latest is None:
            assert (ind.name, ind.row.row) in warned, ind.name
    cse = next(p for p in dashboard.problems if p.location.indicator == "CSE referrals")
    assert cse.code == "unreadable-latest" and cse.value == "8. | 7 Lower"
    assert cse.location.row == 20 and cse.severity is Severity.WARNING
    misread = next(p for p in dashboard.problems if p.code == "ocr-reading")
    assert misread.value == "Higner - no _O polarity" and "Higher - no polarity" in misread.message
    together = next(p for p in dashboard.problems if p.code == "rows-run-together")
    assert together.location.row == 24


def test_seed004_appendix_reads_every_indicator_with_its_values() -> None:
    dashboard = load("seed004_appendix.txt")
    expected = rows(SEED004)
    assert len(dashboard.indicators) == len(expected) == 22
    for ind, (name, period, latest, previous, target, rag, quartile) in zip(
        dashboard.indicators, expected, strict=True
    ):
        assert ind.name == name
        assert ind.latest_period is not None and ind.latest_period.label == period, name
        assert ind.latest == number(latest), name
        assert ind.previous == number(previous), name
        assert (ind.target.text if ind.target else None) == optional(target), name
        assert (ind.rag.value if ind.rag else None) == optional(rag), name
        assert ind.quartile == (None if quartile == "-" else int(quartile)), name
    assert [i.theme for i in dashboard.indicators] == (
        ["Early Years"] * 3 + ["Education"] * 9 + ["SEND"] * 2 + ["Social Care"] * 8
    )
    assert not dashboard.errors
    unread = next(p for p in dashboard.problems if p.code == "unreadable-target")
    assert unread.value == "93.7%" and unread.location.indicator is not None
    assert unread.location.indicator.startswith("Applicants")


def test_seed004_appendix_agrees_with_the_sample_dashboard() -> None:
    """The sample's own dashboard (transcribed separately, by another hand) has the same
    figures as the appendix read from last quarter's published report (to the appendix's
    places)."""
    sample = load_dashboard(
        Path(__file__).parent.parent / "samples" / "leicestershire-cfs" / "dashboard-q1-2024-25.csv"
    )
    theirs = {i.name: i for i in sample.indicators}
    compared = 0
    for ind in load("seed004_appendix.txt").indicators:
        other = theirs.get(ind.name)
        if other is None:  # the appendix cuts one name short: "... within last 12 months (.."
            assert ind.name.endswith("(..")
            continue
        compared += 1
        assert other.latest is not None and other.previous is not None
        assert ind.latest is not None and ind.previous is not None
        # the appendix prints one suspension rate to fewer places (2.5 for 2.47)
        mine = (ind.latest, ind.previous, ind.rag, ind.quartile)
        assert mine == (
            other.latest.quantize(ind.latest),
            other.previous.quantize(ind.previous),
            other.rag,
            other.quartile,
        ), ind.name
    assert compared == len(theirs) - 1  # every indicator but the one cut short
    # the quartile narrator queries is the department's, as published (national/SOURCE.md)
    assert theirs["Assessments completed within 45 days"].quartile == 3


def test_seed004_appendix_is_found_inside_the_whole_report() -> None:
    report = "Conclusion\n\n35. The report provides a summary of performance.\n\n"
    text = report + (FIXTURES / "seed004_appendix.txt").read_text(encoding="utf-8")
    from narrator.intake import layouts

    assert layouts.detect(text) == "column-runs"
    assert len(layouts.read("column-runs", "report.txt", text).indicators) == 22


@pytest.mark.parametrize(
    ("fixture", "layout"),
    [
        ("seed001.txt", "scorecard"),
        ("seed002.md", "markdown-table"),
        ("seed003.tsv", "ocr-appendix"),
        ("seed004_appendix.txt", "column-runs"),
    ],
)
def test_each_layout_is_detected(fixture: str, layout: str) -> None:
    from narrator.intake import layouts

    text = (FIXTURES / fixture).read_text(encoding="utf-8")
    assert layouts.detect(text) == layout
    named = load_dashboard(FIXTURES / fixture, layout=layout)
    assert len(named.indicators) == len(load(fixture).indicators)


def test_seed000_is_still_read_as_a_table() -> None:
    from narrator.intake import layouts

    assert len(load("seed000.tsv").indicators) == 18
    assert load_dashboard(FIXTURES / "seed000.tsv", layout="table").indicators
    text = (FIXTURES / "seed000.tsv").read_text(encoding="utf-8")
    assert layouts.detect(text) is None  # no other layout claims a table


def test_a_named_layout_that_does_not_fit_says_so() -> None:
    dashboard = load_dashboard(FIXTURES / "seed000.tsv", layout="column-runs")
    assert not dashboard.indicators
    assert [p.code for p in dashboard.errors] == ["no-indicators"]


def test_a_bare_quarter_takes_the_report_year_only_when_the_file_names_none(
    tmp_path: Path,
) -> None:
    """Eastbridge's scorecard and markdown table write "Q2" with no year anywhere: the
    report period's financial year is used, and said; without a report period the quarter is
    not read, and said, at its line."""
    from narrator.periods import parse_period

    card = tmp_path / "eastbridge.txt"
    card.write_text(
        " Safe children\nRepeat referrals (low = good)\nQ2 18.2% (40) Better G 2 20.1%\n"
        "Assessments on time\nQ2 81.0% Similar A 3 84.0%\nCarers assessed\nQ2 412 New n/a n/a n/a\n",
        encoding="utf-8",
    )
    table = tmp_path / "eastbridge.md"
    table.write_text(
        "| Eastbridge Scorecard | Latest update | Current figure | Compared to previous data |\n"
        "|--|--|--|--|\n| Safe children | | | |\n| Repeat referrals | Q2 | 18.2% | Better |\n",
        encoding="utf-8",
    )
    read_in_year = []
    for path, line in ((card, 3), (table, 4)):  # the line of the first "Q2"
        read = load_dashboard(path, report_period=parse_period("Jan-25"))
        read_in_year.append(path)
        periods = {i.latest_period.canonical() for i in read.indicators if i.latest_period}
        assert periods == {"Q2 2024/25"}, path
        said = [p for p in read.problems if p.code == "quarter-without-year"]
        assert len(said) == 1 and "2024/25" in said[0].message and said[0].location.row == line
        unread = load_dashboard(path)
        assert all(i.latest_period is None for i in unread.indicators)
        located = [p for p in unread.problems if p.code == "unreadable-latest-period"]
        assert located and all(p.location.row and p.value == "Q2" for p in located)
        assert len(located) == len(unread.indicators)
    assert read_in_year == [card, table]


def test_a_scorecard_line_whose_figures_do_not_fit_keeps_its_indicator(tmp_path: Path) -> None:
    """Figures that break the pattern (a quartile of 5, a RAG of "X") leave the indicator in,
    without figures, and say which line could not be read; the next indicator reads as usual."""
    path = tmp_path / "westfield.txt"
    path.write_text(
        "Westfield Scorecard 2024/25\n Children are safe\n"
        "Alpha indicator\nQ1 92.2% Better G 5 89%\n"
        "Beta indicator Q1 50.0% Worse A 2 40.0%\n"
        "Gamma indicator Q1 7.0% Worse X 2 40.0%\n",
        encoding="utf-8",
    )
    dashboard = load_dashboard(path, layout="scorecard")  # one line fits: too few to detect
    assert [(i.name, i.latest, i.topic) for i in dashboard.indicators] == [
        ("Alpha indicator", None, "Children are safe"),
        ("Beta indicator", Decimal("50.0"), "Children are safe"),
        ("Gamma indicator", None, "Children are safe"),
    ]
    unread = [p for p in dashboard.problems if p.code == "unreadable-figures"]
    assert [(p.location.row, p.value) for p in unread] == [
        (4, "Q1 92.2% Better G 5 89%"),
        (6, "Q1 7.0% Worse X 2 40.0%"),
    ]


def test_a_name_with_nothing_under_it_is_said(tmp_path: Path) -> None:
    """A row with only a name is an outcome heading; one with no indicator under it may be an
    indicator whose figures are all missing, so it is named in a warning."""
    table = tmp_path / "westfield.md"
    table.write_text(
        "| Westfield 2024/25 Quarter 1 | Latest update | Current figure |\n|--|--|--|\n"
        "| Children are safe | | |\n| Repeat referrals | Q1 | 18.2% |\n"
        "| Young carers identified | | |\n| Families thrive | | |\n| Hub contacts | Q1 | 1,204 |\n"
        "| Children in need | | |\n",
        encoding="utf-8",
    )
    dashboard = load_dashboard(table)
    assert [(i.name, i.topic) for i in dashboard.indicators] == [
        ("Repeat referrals", "Children are safe"),
        ("Hub contacts", "Families thrive"),
    ]
    empty = [p for p in dashboard.problems if p.code == "empty-heading"]
    assert [(p.location.row, p.location.indicator) for p in empty] == [
        (5, "Young carers identified"),
        (8, "Children in need"),
    ]


SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"


@pytest.mark.skipif(not SHARED.is_dir(), reason="optional: ../shared/seeds is not beside the repo")
def test_the_fixtures_are_the_seeds_and_the_whole_seed_004_reads() -> None:
    """Optional: the fixtures are exact copies of the seeds, and seed 004 read whole (the
    committee report with the dashboard copied at its end) gives the appendix's indicators."""
    pairs = [
        ("seed000.tsv", "000_a1dfe57871a23bea.txt"),
        ("seed001.txt", "001_f7cb0dcad451a13a.txt"),
        ("seed002.md", "002_eb736191a337ad00.txt"),
        ("seed003.tsv", "003_29d53fe39d526a7b.txt"),
    ]
    for fixture, seed in pairs:
        assert (FIXTURES / fixture).read_bytes() == (SHARED / seed).read_bytes(), fixture
    whole = SHARED / "004_6757bdbd2be11f79.txt"
    assert whole.read_text(encoding="utf-8").endswith(
        (FIXTURES / "seed004_appendix.txt").read_text(encoding="utf-8")
    )
    read = load_dashboard(whole)
    assert [i.name for i in read.indicators] == [
        i.name for i in load("seed004_appendix.txt").indicators
    ]
    assert not read.errors


def test_an_ocr_appendix_with_its_columns_in_another_order(tmp_path: Path) -> None:
    """Another council's OCR'd appendix (Kestrel Vale), its value before its period and no
    updated flag: the header's words place the columns."""
    path = tmp_path / "kestrel.tsv"
    rows = [
        ["Appendix B"],
        [
            "Outcome / Indicator",
            "Current Performance",
            "Latest update",
            "Compared to previous data",
            "Status RAG",
            "National quartile",
            "",
            "Neighbours",
            "Target",
        ],
        ["Children are safe"],
        [
            "Repeat referrals within 12 months",
            "21.5%",
            "Q2 2024/25",
            "Better",
            "G",
            "2",
            "",
            "22.0%",
            "<23%",
        ],
        ["Assessments on time", "84.0%", "Q2 2024/25", "Worse", "A", "3", "", "86.1%", "no target"],
        ["Young carers identified", "212", "Q2 2024/25", "New", "n/a", "n/a", "", "n/a", ""],
    ]
    path.write_text("\n".join("\t".join(r) for r in rows) + "\n", encoding="utf-8")
    dashboard = load_dashboard(path, layout="ocr-appendix")
    got = [
        (
            i.name,
            i.latest,
            str(i.latest_period),
            i.comparison,
            i.rag,
            i.quartile,
            i.neighbour_average,
        )
        for i in dashboard.indicators
    ]
    assert got == [
        (
            "Repeat referrals within 12 months",
            Decimal("21.5"),
            "Q2 2024/25",
            Comparison.BETTER,
            Rag.GREEN,
            2,
            Decimal("22.0"),
        ),
        (
            "Assessments on time",
            Decimal("84.0"),
            "Q2 2024/25",
            Comparison.WORSE,
            Rag.AMBER,
            3,
            Decimal("86.1"),
        ),
        ("Young carers identified", Decimal("212"), "Q2 2024/25", Comparison.NEW, None, None, None),
    ]
    assert dashboard.indicators[0].topic == "Children are safe"
    assert [i.target.text if i.target else None for i in dashboard.indicators] == [
        "<23%",
        None,
        None,
    ]


def test_a_layout_is_read_from_text_only() -> None:
    from narrator.errors import DataError
    from narrator.intake import layouts

    with pytest.raises(DataError) as info:
        layouts.read("pdf", "x.txt", "text")
    assert info.value.value == "pdf" and "no such layout" in str(info.value)
    workbook = Path(__file__).parent.parent / "samples" / "leicestershire-cfs"
    with pytest.raises(DataError) as info:
        load_dashboard(workbook / "dashboard-q1-2024-25.xlsx", layout="scorecard")
    assert "a workbook" in str(info.value)


def test_control_characters_in_a_layout_are_removed_with_a_located_warning(
    tmp_path: Path,
) -> None:
    """A form feed or record separator pasted into a scorecard is removed (a Word document
    cannot hold it), said at its line, and does not split the line in two."""
    text = (FIXTURES / "seed001.txt").read_text(encoding="utf-8")
    text = text.replace("CSE referrals", "CSE\x1e referrals\x0c", 1)
    path = tmp_path / "pasted.txt"
    path.write_text(text, encoding="utf-8")
    dashboard = load_dashboard(path)
    assert len(dashboard.indicators) == 48
    assert "CSE referrals" in {i.name for i in dashboard.indicators}
    [removed] = [p for p in dashboard.problems if p.code == "control-character"]
    assert removed.location.row == 30 and removed.value == "CSE\x1e referrals\x0c"


def test_a_name_cut_short_finds_the_one_catalogue_entry_it_begins() -> None:
    from narrator.intake.catalogue import load_catalogue
    from narrator.officer_files import Catalogue

    sample = load_catalogue(
        Path(__file__).parent.parent / "samples" / "leicestershire-cfs" / "catalogue.yaml"
    )
    cut = "Children in care who have their annual health assessment within last 12 months (.."
    entry = sample.lookup(cut)
    assert entry is not None and entry.name.endswith("within last 12 months (at end of period)")
    two = Catalogue(
        (
            CatalogueEntry(name="Children in care with a dental check this year"),
            CatalogueEntry(name="Children in care with a dental check last year"),
        )
    )
    assert two.lookup("Children in care with a dental check (..") is None  # which one?
    assert two.lookup("Children in care with a dental check") is None  # not cut: no guess


def test_column_runs_in_the_order_the_tables_own_header_names(tmp_path: Path) -> None:
    """Another council's Power BI copy (Harbourside): no target or quartile column, but the
    previous period; its header, copied below the table, gives the order of the runs."""
    entries = [
        "Harbourside Children's Dashboard",
        "Alpha indicator",
        "Beta indicator",
        "Gamma indicator",
        "12.5%",
        "310",
        "88.0%",
        "Q2 2024/25",
        "Q2 2024/25",
        "Summer Term\n2024",
        "11.0%",
        "295",
        "90.1%",
        "Q1 2024/25",
        "Q1 2024/25",
        "Spring Term\n2024",
        "G",
        "N/A",
        "A",
        "Indicator Latest Data Period Previous Data\nPrevious Period RAG",
    ]
    path = tmp_path / "harbourside.txt"
    path.write_text("\n\n".join(entries) + "\n", encoding="utf-8")
    dashboard = load_dashboard(path)
    got = [
        (i.name, i.latest, str(i.latest_period), i.previous, str(i.previous_period), i.rag)
        for i in dashboard.indicators
    ]
    assert got == [
        (
            "Alpha indicator",
            Decimal("12.5"),
            "Q2 2024/25",
            Decimal("11.0"),
            "Q1 2024/25",
            Rag.GREEN,
        ),
        ("Beta indicator", Decimal("310"), "Q2 2024/25", Decimal("295"), "Q1 2024/25", None),
        (
            "Gamma indicator",
            Decimal("88.0"),
            "Summer Term 2024",
            Decimal("90.1"),
            "Spring Term 2024",
            Rag.AMBER,
        ),
    ]
    assert not dashboard.errors
