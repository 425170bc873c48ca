"""`narrator init`: a first config and catalogue from a dashboard, that build at once.

The invented dashboards (tests/fixtures/init/) are other councils': Northmoor's adults'
services (rates per 100,000, money, counts, no RAG or Topic column) and Harrowfield's
children's services (monthly periods, rates per 10,000, numerators, a RAG column).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import run_cli as run

FIXTURES = Path(__file__).parent / "fixtures"
NORTHMOOR = FIXTURES / "init" / "northmoor-adults.csv"
HARROWFIELD = FIXTURES / "init" / "harrowfield-children.csv"
SEED000 = FIXTURES / "seed000.tsv"

# What an officer reads in the report: the subject of each indicator, as init words it.
NORTHMOOR_SUBJECTS = {
    "Permanent admissions of older people to residential care per 100,000": (
        "the rate of permanent admissions of older people to residential care"
    ),
    "Delayed transfers of care (DToC) per 100,000 population": (
        "the rate of delayed transfers of care (DToC)"
    ),
    "ASC clients receiving direct payments as a % of community clients": (
        "the number of adult social care clients receiving direct payments as a percentage of "
        "community clients"
    ),
    "Adults with LD in paid employment": (
        "the percentage of adults with learning disabilities in paid employment"
    ),
    "No. of safeguarding enquiries completed": "the number of safeguarding enquiries completed",
    # its periods say "YTD": the subject need not
    "Carers assessments completed (YTD)": "the number of carers assessments completed",
    "Average weekly cost of a residential care placement (£)": (
        "the average weekly cost of a residential care placement"
    ),
    "Spend on home care per adult client": "the spend on home care per adult client",
    "Smoking quitters at 4 wks per 100k population": "the rate of smoking quitters at four weeks",
    "Spend on agency staff (£000s)": "the spend on agency staff",
}
HARROWFIELD_SUBJECTS = {
    "Rate of CiC per 10,000 children": "the rate of children in care",
    "CIN rate per 10,000": "the rate of children in need",
    "% of CP Plans lasting 2 yrs+": (
        "the percentage of child protection Plans lasting two years or more"
    ),
    "No. of UASC": "the number of unaccompanied asylum-seeking children",
    "First time entrants to the YJS per 100,000 10-17 population": (
        # the population stays with its base: never a bare "per 100,000" of no one
        "the rate of first time entrants to the youth justice service per 100,000 population "
        "aged 10 to 17"
    ),
    "% of EHCPs issued within 20 weeks (excl. exceptions)": (
        "the percentage of Education, Health and Care Plans (EHCPs) issued within 20 weeks "
        "(excluding exceptions)"
    ),
    "KS2 pupils achieving expected standard in RWM": (
        "the percentage of Key Stage 2 pupils achieving the expected standard in reading, writing "
        "and maths"
    ),
    "% NEET or not known 16-17": (
        "the percentage of young people aged 16 to 17 not in education, employment or training "
        "(NEET) or whose activity is not known"
    ),
    "Families supported by EH with a completed EHA": (
        "the number of families supported by early help with a completed early help assessment"
    ),
    "Average days between a child entering care and moving in with their adoptive family": (
        "the average time between a child entering care and moving in with their adoptive family"
    ),
}


def _copy(dashboard: Path, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / dashboard.name
    shutil.copyfile(dashboard, target)
    return target


def _report_text(path: Path) -> str:
    import docx

    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


# The seed dashboards in their other layouts (scorecard, markdown table, OCR'd appendix, Power BI
# column runs), as the layout readers' tests copied them into tests/fixtures/.
SEED_LAYOUTS = ["seed001.txt", "seed002.md", "seed003.tsv", "seed004_appendix.txt"]


@pytest.mark.parametrize(
    ("dashboard", "area", "subjects"),
    [
        (NORTHMOOR, "Northmoor", NORTHMOOR_SUBJECTS),
        (HARROWFIELD, "Harrowfield", HARROWFIELD_SUBJECTS),
        (SEED000, "Leicestershire", None),
        *[(FIXTURES / name, "Leicestershire", None) for name in SEED_LAYOUTS],
    ],
    ids=["northmoor", "harrowfield", "seed000", *SEED_LAYOUTS],
)
def it_builds_straight_after_init(
    dashboard: Path,
    area: str,
    subjects: dict[str, str] | None,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from narrator.intake.catalogue import load_catalogue
    from narrator.intake.load import load_dashboard
    from narrator.pipeline import prepare

    board = _copy(dashboard, tmp_path / "council")
    code, out, err = run(["init", str(board), "--area", area], capsys)
    assert code == 0, err
    config, catalogue = board.parent / "config.yaml", board.parent / "catalogue.yaml"
    assert f"Wrote {config} and {catalogue} (" in out
    # plain YAML that reads back (the comments are YAML comments)
    assert yaml.safe_load(config.read_text(encoding="utf-8"))["area"] == area
    entries = yaml.safe_load(catalogue.read_text(encoding="utf-8"))["indicators"]

    indicators = load_dashboard(board).indicators
    loaded = load_catalogue(catalogue)
    assert all(loaded.lookup(i.name) is not None for i in indicators)
    assert len(entries) == len({i.name for i in indicators})

    report = tmp_path / "report.docx"
    code, out, err = run(["build", str(config), "-o", str(report)], capsys)
    assert code == 0, err
    assert "no catalogue entry" not in err
    assert f"{len(indicators)} indicators" in out
    prepared = prepare(config)
    assert not [p for p in prepared.problems if p.code == "not-in-catalogue"]

    if subjects is not None:
        assert {e["name"]: e["subject"] for e in entries} == subjects
        text = _report_text(report).lower()
        for subject in subjects.values():
            assert subject.lower() in text


def it_guesses_units_places_rates_and_nouns_from_names_and_cells(tmp_path: Path) -> None:
    from narrator.intake.scaffold import write_scaffold

    board = _copy(HARROWFIELD, tmp_path)
    write_scaffold(board, area="Harrowfield")
    entries = {
        e["name"]: e
        for e in yaml.safe_load((tmp_path / "catalogue.yaml").read_text())["indicators"]
    }
    cic = entries["Rate of CiC per 10,000 children"]
    assert (cic["unit"], cic["per"], cic["noun"]) == ("rate", 10000, "children")
    # places are not declared for a figure the dashboard writes with decimals: each figure and
    # target then prints as written (a target of "45" never becomes "45.0")
    assert "decimals" not in cic
    uasc = entries["No. of UASC"]
    assert (uasc["unit"], uasc["decimals"], uasc["noun"]) == ("count", 0, "children")
    ehcp = entries["% of EHCPs issued within 20 weeks (excl. exceptions)"]
    assert (ehcp["unit"], ehcp["noun"]) == ("percentage", "plans")
    assert "decimals" not in ehcp
    days = entries[
        "Average days between a child entering care and moving in with their adoptive family"
    ]
    assert (days["unit"], days["word"], "decimals" in days) == ("score", "days", False)
    assert "timing" not in uasc  # children in the country's care: a snapshot
    ks2 = entries["KS2 pupils achieving expected standard in RWM"]
    assert (ks2["unit"], ks2["year_type"]) == ("percentage", "academic")
    assert ks2["noun"] == "pupils"

    board = _copy(NORTHMOOR, tmp_path / "n")
    write_scaffold(board, area="Northmoor")
    text = (tmp_path / "n" / "catalogue.yaml").read_text()
    entries = {e["name"]: e for e in yaml.safe_load(text)["indicators"]}
    quitters = entries["Smoking quitters at 4 wks per 100k population"]
    assert (quitters["unit"], quitters["per"]) == ("rate", 100000)
    carers = entries["Carers assessments completed (YTD)"]
    assert (carers["unit"], carers["noun"]) == ("count", "assessments")
    agency = entries["Spend on agency staff (£000s)"]
    assert (agency["unit"], agency["scale"], agency["timing"]) == ("money", "k", "flow")
    cost = entries["Average weekly cost of a residential care placement (£)"]
    assert (cost["unit"], "decimals" in cost, "timing" in cost) == ("money", False, False)
    enquiries = entries["No. of safeguarding enquiries completed"]
    assert (enquiries["noun"], enquiries["timing"]) == ("enquiries", "flow")
    # every guess is commented for the officer to check
    assert "unit: rate  # 'per 100k' in the name: a rate per 100,000" in text
    assert "per: 100000  # 'per 100k' in the name: a rate per 100,000" in text
    assert "noun: assessments  # from 'assessments' in the name" in text
    assert "# subject: made from the name; expanded LD" in text


def it_writes_the_config_a_committee_report_needs(tmp_path: Path) -> None:
    from narrator.intake.config import load_config
    from narrator.intake.scaffold import write_scaffold

    board = _copy(SEED000, tmp_path)
    written = write_scaffold(board, area="Leicestershire")
    config = load_config(written.config)
    assert config.area == "Leicestershire"
    assert str(config.report_period) == "Q4 2022/23"
    assert config.title == "Quarter 4 2022/23 Performance Report"
    assert config.dashboard == board
    assert config.catalogue == written.catalogue
    # the outcomes in the dashboard's order
    assert [o.topic for o in config.outcomes] == [
        "Help children and their families build strength, resilience, confidence and capacity",
        "Help children in Leicestershire to live in safe, stable environments and have secure "
        "attachments",
        "Help every child to get the best possible start in life",
        "Help every child to have access to good quality education to ensure they achieve "
        "their maximum potential",
    ]
    assert config.committee.startswith("TODO:")
    assert all(p.startswith("TODO:") for p in config.text["purpose"])
    assert config.officers[0].name.startswith("TODO:")


def it_names_the_area_as_a_placeholder_when_not_given(tmp_path: Path) -> None:
    from narrator.intake.config import load_config
    from narrator.intake.scaffold import write_scaffold

    board = _copy(NORTHMOOR, tmp_path / "in")
    written = write_scaffold(board, folder=tmp_path / "out")
    config = load_config(written.config)
    assert config.area.startswith("TODO:")
    assert config.dashboard.resolve() == board.resolve()  # a path relative to the config
    assert yaml.safe_load(written.config.read_text())["dashboard"] == "../in/northmoor-adults.csv"
    # no Topic column: its Service column's themes are the outcomes (issue 21)
    assert [o.topic for o in config.outcomes] == [
        "Adult Social Care",
        "Commissioning",
        "Public Health",
    ]


def it_refuses_to_overwrite_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    board = _copy(NORTHMOOR, tmp_path)
    mine = "# my own config\narea: Northmoor\n"
    (tmp_path / "config.yaml").write_text(mine)
    code, _, err = run(["init", str(board)], capsys)
    assert code == 2
    assert "config.yaml: already exists; narrator init does not write over it" in err
    assert "--force" in err
    assert (tmp_path / "config.yaml").read_text() == mine
    assert not (tmp_path / "catalogue.yaml").exists()  # nothing written at all

    # an existing catalogue alone is refused too
    (tmp_path / "config.yaml").unlink()
    (tmp_path / "catalogue.yaml").write_text("indicators: []\n")
    code, _, err = run(["init", str(board)], capsys)
    assert code == 2 and "catalogue.yaml: already exists" in err
    assert not (tmp_path / "config.yaml").exists()


def it_keeps_a_copy_of_what_force_replaces(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    board = _copy(NORTHMOOR, tmp_path)
    mine = "# my own config\narea: Northmoor\n"
    (tmp_path / "config.yaml").write_text(mine)
    (tmp_path / "config.yaml.bak").write_text("an older backup")
    code, _, err = run(["init", str(board), "--force"], capsys)
    assert code == 0, err
    assert (tmp_path / "config.yaml.bak").read_text() == "an older backup"
    assert (tmp_path / "config.yaml.bak1").read_text() == mine
    assert "kept a copy of the previous file as" in err
    assert "narrator init" in (tmp_path / "config.yaml").read_text()


def it_lists_the_placeholders_left_as_warnings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    board = _copy(HARROWFIELD, tmp_path)
    run(["init", str(board), "--area", "Harrowfield"], capsys)
    config = tmp_path / "config.yaml"
    code, out, _ = run(["check", str(config)], capsys)
    assert code == 1  # warnings only: the report can be built
    assert 'line 6: a placeholder still to replace: committee: "TODO:' in out
    assert "# meeting_date: 2025-01-31  # TODO: the meeting's date" in out
    left = out.count("a placeholder still to replace")
    assert left >= 10

    # the officer fills in the committee: one fewer
    text = config.read_text()
    text = text.replace(
        'committee: "TODO: the committee\'s name (e.g. ... Overview and Scrutiny Committee)"',
        "committee: Children's Scrutiny Committee",
    )
    config.write_text(text)
    _, out, _ = run(["check", str(config)], capsys)
    assert out.count("a placeholder still to replace") == left - 1


def it_finds_no_placeholders_in_the_sample() -> None:
    from narrator.intake.placeholders import placeholder_problems
    from tests.conftest import SAMPLE

    assert placeholder_problems([SAMPLE / "config.yaml", SAMPLE / "catalogue.yaml", None]) == []


@pytest.mark.parametrize(
    ("name", "unit", "subject"),
    [
        (
            "% re-referrals to CSC within 12 mths",
            "percentage",
            "the percentage of re-referrals to children's social care within 12 months",
        ),
        (
            "Children becoming subject to a CPP for second or subsequent time",
            "percentage",
            "the percentage of children becoming subject to a child protection plan for a second "
            "or subsequent time",
        ),
        (
            "CPP lasting 2 yrs or more open at the end of the quarter",
            "percentage",
            "the percentage of child protection plans lasting two years or more open at the end "
            "of the quarter",
        ),
        (
            "Care leavers EET",
            "percentage",
            "the percentage of care leavers in education, employment or training",
        ),
        (
            "NEET young people aged 16-17",
            "percentage",
            "the percentage of young people aged 16 to 17 not in education, employment or "
            "training (NEET)",
        ),
        (
            "Children in mainstream schools with EHCP",
            "count",
            "the number of children in mainstream schools with an Education, Health and Care "
            "Plan (EHCP)",
        ),
        (
            "Eligible 2 year olds taking up their FEEE",
            "percentage",
            "the percentage of eligible two-year-olds taking up their Funded Early Education "
            "Entitlement (FEEE)",
        ),
        (
            "Permanent exclusions as a % of School population",
            "percentage",
            "the number of permanent exclusions as a percentage of the school population",
        ),
        (
            "No. of CLA placed out of county",
            "count",
            "the number of children looked after placed out of county",
        ),
        ("Number of LAC", "count", "the number of looked after children"),
        (
            "CiC with an up to date PEP",
            "percentage",
            "the percentage of children in care with an up to date personal education plan",
        ),
        (
            "Children with SEND",
            "count",
            "the number of children with special educational needs and disabilities",
        ),
        (
            "DToC per 100,000 population aged 18+",
            "rate",
            "the rate of delayed transfers of care per 100,000 population aged 18 and over",
        ),
        (
            "Placement stability - % children with 3 or more placements during a year (low = good)",
            "percentage",
            "the percentage of children with three or more placements during a year",
        ),
        (
            "The % of Care leavers in education, employment and training (EET) (end of quarter)",
            "percentage",
            "the percentage of care leavers in education, employment and training (EET)",
        ),
        (
            "ASC service users with a review (YTD)",
            "percentage",
            "the percentage of adult social care service users with a review (year to date)",
        ),
        (
            "KS2 pupils achieving the expected standard in 3 subjects",
            "percentage",
            "the percentage of Key Stage 2 pupils achieving the expected standard in three "
            "subjects",
        ),
        (
            "Children Electively Educated at Home",
            "count",
            "the number of children electively educated at home",
        ),
        (
            "Pupils In Good Or Outstanding Schools",
            "percentage",
            "the percentage of pupils in Good or Outstanding schools",
        ),
        (
            "Rate Of Children Subject To A CPP per 10,000",
            "rate",
            "the rate of children subject to a child protection plan",
        ),
        (
            "A level students achieving AAB",
            "percentage",
            "the percentage of A level students achieving AAB",
        ),
        # names as seed 001 writes them
        (
            "SEND - Intial requests for EHCP refused",
            "count",
            "the number of intial requests for Education, Health and Care Plan (EHCP) refused",
        ),
        (
            "Key Stage 2 - pupils achieving expected standard in Reading, Writing and Mathematics",
            "percentage",
            "the percentage of Key Stage 2 pupils achieving the expected standard in "
            "Reading, Writing and Mathematics",
        ),
        (
            "No. of SLF families claimed for as a % of overall payment by results target",
            "percentage",
            "the number of SLF families claimed for as a percentage of the overall "
            "payment by results target",
        ),
        (
            "The average emotional health strengths/difficulties score for children in care. "
            "(low = good)",
            "score",
            "the average emotional health strengths/difficulties score for children in care",
        ),
        (
            "% of Care Leavers in suitable accommodation (end of quarter)",
            "percentage",
            "the percentage of Care Leavers in suitable accommodation",
        ),
        (
            "% re-referrals to childrens Social Care within 12 months",
            "percentage",
            "the percentage of re-referrals to children's Social Care within 12 months",
        ),
        ("YOS re-offending rate", "percentage", "the youth offending service re-offending rate"),
        ("Average Attainment 8 score", "score", "the average Attainment 8 score"),
    ],
)
def it_words_a_subject_as_prose(name: str, unit: str, subject: str) -> None:
    from narrator.intake.subject import subject_of
    from narrator.units import Unit

    assert subject_of(name, Unit(unit))[0] == subject


def it_says_which_abbreviations_it_expanded() -> None:
    from narrator.intake.subject import subject_of
    from narrator.units import Unit

    _, note = subject_of("% re-referrals to CSC within 12 mths", Unit.PERCENTAGE)
    assert note == "made from the name; expanded CSC, mths"


def it_keeps_the_abbreviations_as_data() -> None:
    from importlib.resources import files

    data = yaml.safe_load(files("narrator.intake").joinpath("vocabulary.yaml").read_text())
    wanted = {"CSC", "CiC", "CLA", "CP", "CPP", "EHCP", "FEEE", "NEET", "SEN", "mths", "yrs"}
    wanted |= {"LAC", "SEND", "EET", "KS2", "YOS", "DToC", "ASC"}
    assert wanted <= set(data["abbreviations"])
    for key, value in data["abbreviations"].items():
        assert isinstance(value, str) or isinstance(value.get("means"), str), key


@pytest.mark.parametrize(
    ("subject", "noun"),
    [
        ("the number of carers assessments completed", "assessments"),
        ("the percentage of children in mainstream schools", "children"),
        ("the percentage of care leavers in suitable accommodation", "young people"),
        ("the percentage of re-referrals to children's social care", "referrals"),
        ("the percentage of eligible two-year-olds taking up their FEEE", "children"),
        ("the average weekly cost of a placement", None),
    ],
)
def it_finds_the_noun_counts_count(subject: str, noun: str | None) -> None:
    from narrator.intake.subject import noun_of

    found = noun_of(subject)
    assert (found[0] if found else None) == noun


def it_infers_the_report_period_from_the_latest_periods() -> None:
    from narrator.intake.scaffold import infer_report_period
    from narrator.model import Indicator, Polarity
    from narrator.periods import parse_period

    def row(latest: str) -> Indicator:
        return Indicator("x", None, None, Polarity.NONE, None, None, parse_period(latest))

    period, why = infer_report_period([row("Sep-25"), row("Aug-25"), row("Q1 2025/26")])
    assert (str(period), why) == ("Q2 2025/26", "2 of the 3 latest figures fall in Q2 2025/26")
    period, _ = infer_report_period([row("Q4 2022/23"), row("Q3 2022/23")])
    assert str(period) == "Q4 2022/23"  # a tie: the later quarter
    period, _ = infer_report_period([row("Spring 2023"), row("2021/22")])
    assert str(period) == "Spring Term 2023"
    assert infer_report_period([])[0] is None


@given(st.text(min_size=1, max_size=300))
def it_writes_any_text_as_yaml_that_reads_back(value: str) -> None:
    from narrator.intake.scaffold import scalar_lines

    text = "\n".join(["top:", *scalar_lines("key", value, 2, "a comment")])
    assert yaml.safe_load(text) == {"top": {"key": value}}


def it_writes_the_files_but_says_when_the_dashboard_cannot_be_built(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    board = tmp_path / "dashboard.csv"
    board.write_text(
        "Indicator,Polarity,Latest Period,Latest Value\n"
        "No. of UASC,N/A,Q2 2025/26,44\n"
        "CIN rate per 10000,Low = Good,Q2 2025/26,twelve\n"
    )
    code, out, err = run(["init", str(board), "--area", "Harrowfield"], capsys)
    assert code == 0
    assert "(2 indicators)" in out
    assert "note: the dashboard has 1 problem(s) that stop a build" in err
    assert "narrator check" in err


def it_reads_figures_above_100_as_counts_whatever_the_name_says() -> None:
    from decimal import Decimal

    from narrator.intake.unit_guess import guess_unit
    from narrator.model import Indicator, Polarity
    from narrator.units import Unit

    row = Indicator(
        "No. of families claimed for as a % of the payment by results target",
        None,
        None,
        Polarity.HIGH_IS_GOOD,
        None,
        Decimal(1373),
        None,
        percent_sign=True,
    )
    guess = guess_unit(row)
    assert (guess.unit, guess.note) == (
        Unit.COUNT,
        "'%' in its cells, but its figures go above 100: a count",
    )
