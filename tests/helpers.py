"""Helpers the test files share: fixtures made in code (a resolved Context, hand-built reports,
corrected dashboards, LAIT rows), Word conversion, and the golden sample paragraphs. A test file
imports them from here, never from another test file."""

from __future__ import annotations

import atexit
import csv
import io
import os
import shutil
import statistics
import subprocess
import tempfile
from datetime import date
from decimal import Decimal as D
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph

from narrator.context import Context
from narrator.intake.resolve import resolve
from narrator.language.assemble import indicator_key
from narrator.model import (
    CatalogueEntry,
    Frequency,
    Indicator,
    Polarity,
    Rag,
)
from narrator.officer_files import Catalogue
from narrator.periods import parse_period
from narrator.report import (
    Appendix,
    AppendixRow,
    Block,
    Comment,
    Properties,
    Report,
    Role,
)
from narrator.settings import RuleSettings
from narrator.units import Unit
from narrator.word import markers, wordxml
from tests.conftest import Q1_2024_25, SAMPLE
from tests.conftest import run_cli as run

# --- the sample as the department published it: its one query -----------------------------------


QUERIED = "Assessments completed within 45 days"
"""The sample's one queried indicator. The department's export gives it the third quartile, what
the 2021/22 thresholds give 83.1%; the 2022/23 published tables, which the report states, give
the second (samples/leicestershire-cfs/national/SOURCE.md). The sample keeps the department's 3:
narrator queries it."""


SAMPLE_QUERY = (QUERIED, "benchmark-quartile-disagrees")
"""The sample's one problem, as (indicator, code): `queries(prepared.problems) == [SAMPLE_QUERY]`
says the sample built with that query and nothing else."""


QUARTILE_COLUMN = "National benchmark (quartile 1 = top)"


def queries(problems: Any) -> list[tuple[str | None, str]]:
    """Each problem as (indicator, code), in the order given."""
    return [(p.location.indicator, p.code) for p in problems]


def query_free_text() -> str:
    """The sample dashboard's CSV text with QUERIED's quartile set to the tables' 2: an input
    narrator has nothing to query (every other byte as the sample's)."""
    text = Q1_2024_25.read_text(encoding="utf-8")
    lines = text.split("\n")
    header = next(csv.reader([lines[0]]))
    column = header.index(QUARTILE_COLUMN)
    (number,) = [i for i, line in enumerate(lines) if f",{QUERIED}," in line]
    row = next(csv.reader([lines[number]]))
    assert row[column] == "3", row[column]
    row[column] = "2"
    written = io.StringIO()
    csv.writer(written, lineterminator="").writerow(row)
    lines[number] = written.getvalue()
    return "\n".join(lines)


def query_free_sample(folder: Path) -> Path:
    """A copy of the whole sample in `folder` (made if missing) whose dashboard (CSV, and the
    workbook made from it by samples/tools/make_xlsx.py) gives QUERIED the tables' quartile 2:
    for tests that need a sample narrator has nothing to query. Returns its config."""
    import runpy

    shutil.copytree(SAMPLE, folder, dirs_exist_ok=True)
    dashboard = folder / Q1_2024_25.name
    dashboard.write_text(query_free_text(), encoding="utf-8")
    tool = SAMPLE.parent / "tools" / "make_xlsx.py"
    runpy.run_path(str(tool))["main"](dashboard)
    return folder / "config.yaml"


# --- a Context resolved from a made-up indicator --------------------------------------------------


HIGH = Polarity.HIGH_IS_GOOD


def make(
    latest: str | None = "50.0",
    previous: str | None = "40.0",
    *,
    polarity: Polarity = HIGH,
    unit: Unit = Unit.PERCENTAGE,
    decimals: int = 1,
    latest_period: str = "Q1 2024/25",
    previous_period: str | None = "Q4 2023/24",
    report_period: str | None = "Q1 2024/25",
    frequency: Frequency | None = Frequency.QUARTER,
    settings: RuleSettings | None = None,
    **fields: Any,
) -> Context:
    indicator = Indicator(
        name="Test indicator",
        topic=None,
        theme=None,
        polarity=polarity,
        frequency=frequency,
        latest=D(latest) if latest is not None else None,
        latest_period=parse_period(latest_period),
        previous=D(previous) if previous is not None else None,
        previous_period=parse_period(previous_period) if previous_period else None,
        **fields,
    )
    entry = CatalogueEntry(name="Test indicator", unit=unit, decimals=decimals, noun="children")
    ctx, problems = resolve(
        indicator,
        Catalogue((entry,)),
        area="Leicestershire",
        report_period=parse_period(report_period) if report_period else None,
        settings=settings or RuleSettings(),
    )
    assert not problems
    return ctx


# --- the sample reviewed in Word and its data corrected -------------------------------------------


def _ungrouped_sample() -> Path:
    """A copy of the sample whose catalogue has no groups: these tests follow one indicator's
    own paragraph through review and regeneration (the FEEE indicators the sample writes as
    one paragraph among them); a group's paragraph has its own test below. Its dashboard is
    query-free (query_free_sample), so that narrator's comments in these reports are the ones
    each test provokes; the sample's own query through regeneration is
    test_regenerate.test_the_samples_query_stays_once_through_regeneration."""
    folder = Path(tempfile.mkdtemp(prefix="narrator-ungrouped-"))
    atexit.register(shutil.rmtree, folder, True)
    query_free_sample(folder)
    catalogue = folder / "catalogue.yaml"
    text = catalogue.read_text(encoding="utf-8")
    catalogue.write_text(text[: text.index("\ngroups:")] + "\n", encoding="utf-8")
    return folder / "config.yaml"


UNGROUPED_CONFIG = _ungrouped_sample()


EDITED = "Eligible 3 year olds taking up their FEEE"  # reworded by the reviewer; figure corrected


UNTOUCHED = "Secondary pupils achieving their first preference for Secondary transfer"  # corrected


DELETED = "Children Electively Educated at Home"


ADDED_AFTER = "Assessments completed within 45 days"


COMMENTED = "Re-referrals to CSC within 12 mths"


CORRECTIONS = {EDITED: ("92.9%", "93.4%"), UNTOUCHED: ("91.5%", "91.8%")}


REVIEWER_PARAGRAPH = "The service has recruited two more assessment social workers since June."


REVIEWER_COMMENT = "Check this against the service's own figures."


NUMBERED = "Numbered Paragraph"


def build(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    code, out, err = run(["build", str(UNGROUPED_CONFIG), *args], capsys)
    assert code == 0, err
    return out


def corrected_data(tmp_path: Path) -> Path:
    """The query-free sample dashboard (UNGROUPED_CONFIG's) with one figure corrected in
    EDITED's row and one in UNTOUCHED's."""
    rows = list(csv.reader(io.StringIO(query_free_text())))
    latest = rows[0].index("Latest Value")
    name = rows[0].index("Indicator")
    for row in rows[1:]:
        if row[name] in CORRECTIONS:
            old, new = CORRECTIONS[row[name]]
            assert row[latest] == old
            row[latest] = new
    out = tmp_path / "corrected.csv"
    with out.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows(rows)
    return out


def paragraph_of(document: Any, key: str) -> Paragraph:
    """The body paragraph carrying `key`'s identity marker."""
    key_map = markers.read_key_map(document)
    for p in wordxml.body_paragraphs(document):
        if key_map.get(markers.marker_digits(p) or "") == key:
            return Paragraph(p, document._body)
    raise AssertionError(f"no paragraph carries {key!r}")


def review(source: Path, out: Path) -> str:
    """Edit the report as a reviewer would in Word; return the reworded paragraph's text."""
    document = Document(str(source))
    edited = paragraph_of(document, indicator_key(EDITED))
    run_ = edited.runs[0]  # typing over words keeps the paragraph and its hidden bookmark
    assert "This places Leicestershire" not in run_.text
    run_.text = "Take-up rose again this term. " + run_.text
    reworded = edited.text
    following = paragraph_of(document, indicator_key(ADDED_AFTER))._p.getnext()
    Paragraph(following, document._body).insert_paragraph_before(REVIEWER_PARAGRAPH, style=NUMBERED)
    deleted = paragraph_of(document, indicator_key(DELETED))._p
    deleted.getparent().remove(deleted)
    commented = paragraph_of(document, indicator_key(COMMENTED))
    document.add_comment(commented.runs, text=REVIEWER_COMMENT, author="Jane Reviewer")
    document.save(str(out))
    return reworded


# --- a hand-built report, and Word conversion -----------------------------------------------------

COMMITTEE = "CHILDREN AND FAMILY SERVICES OVERVIEW AND SCRUTINY COMMITTEE: 3 SEPTEMBER 2024"


TITLE = "QUARTER 1 2024/25 PERFORMANCE REPORT"


SUBTITLE = "JOINT REPORT OF THE CHIEF EXECUTIVE AND DIRECTOR OF CHILDREN AND FAMILY SERVICES"


APPENDIX_TITLE = "Children and Family Services Department Performance Dashboard Quarter 1, 2024/25"


SUPPORT_KEY = "Eligible 2 year olds taking up their FEEE"


def report_blocks() -> tuple[Block, ...]:
    body = Role.BODY
    return (
        Block(Role.COMMITTEE, COMMITTEE),
        Block(Role.TITLE, TITLE),
        Block(Role.SUBTITLE, SUBTITLE),
        Block(Role.HEADING, "Purpose of the Report"),
        Block(body, "The purpose of this report is to present an update.", "purpose.1", "a1b2c3d4"),
        Block(Role.HEADING, "Background and Overview"),
        Block(
            body, "Quartile positions are added where data is available.", "background.1", "0f0f"
        ),
        Block(body, "2,000 children were seen in the quarter.", "background.2", "beef01"),
        Block(Role.SUBHEADING, "Early years"),
        Block(
            body,
            "In the Summer term 2024, 66% of eligible two-year-olds took up their FEEE.",
            SUPPORT_KEY,
            "0badf00d",
            indicator=SUPPORT_KEY,
            comments=(Comment("The previous period is a different term."),),
        ),
        Block(body, "Recent national policy changes have broadened eligibility."),
        Block(Role.HEADING, "Conclusion"),
        Block(body, "The report summarises performance at the end of Quarter 1.", "end.1", "c0c0"),
        Block(Role.HEADING, "Background Papers"),
        Block(Role.PLAIN, "None."),
        Block(Role.HEADING, "Officers to Contact"),
        Block(Role.PLAIN, "Jane Moore, Director – Children and Families Service"),
    )


ROWS = (
    AppendixRow("Early Years", "2 year olds taking up FEEE", "66%", "Summer 2024", "71.2%",
                "Spring 2024", "Worsened", ">75%", Rag.RED, None),
    AppendixRow("Early Years", "3 year olds taking up FEEE", "92.9%", "Summer 2024", "89.8%",
                "Spring 2024", "Improved", None, Rag.GREEN, "1st"),
    AppendixRow("Education", "Primary schools Good or Outstanding", "90.3%", "Q1 2024/25",
                "90.3%", "Q4 2023/24", "No change", None, None, "3rd"),
    AppendixRow("Education", "Secondary schools Good or Outstanding", "77.8%", "Q1 2024/25",
                "77.8%", "Q4 2023/24", "No change", None, Rag.AMBER, "4th"),
    AppendixRow("SEND", "EHCPs issued within 20 weeks", "6%", "2023", "3.8%", "2022",
                "Improved", "50%", Rag.RED, "4th"),
)  # fmt: skip


RAG_KEY = (
    (Rag.GREEN, "Top quartile of local authorities or high in the second quartile"),
    (Rag.AMBER, "Second or third quartile"),
    (Rag.RED, "Bottom quartile"),
)


def make_report(*, appendix: bool = True, created: date | None = date(2024, 9, 3)) -> Report:
    return Report(
        blocks=report_blocks(),
        properties=Properties(
            title="Quarter 1 2024/25 performance report",
            subject="Children and Family Services performance",
            author="Business Intelligence Service",
            keywords="performance; scrutiny",
            created=created,
        ),
        appendix=Appendix(
            title=APPENDIX_TITLE,
            rows=ROWS,
            rag_key=RAG_KEY,
            quartile_counts={"1st": 1, "2nd": 0, "3rd": 1, "4th": 2, "N/A": 1},
            rag_counts={"Green": 1, "Amber": 1, "Red": 2, "N/A": 1},
            progress_counts={"Improved": 2, "No change": 2, "Worsened": 1, "N/A": 0},
        )
        if appendix
        else None,
    )


def house_template(path: Path, *, numbering: bool) -> Path:
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(11)
    section = document.sections[0]
    section.left_margin = section.right_margin = Cm(2)
    section.top_margin = section.bottom_margin = Cm(1.5)
    section.header.paragraphs[0].text = "HOUSE TEMPLATE"
    document.add_paragraph("Delete me: template body text.")
    if not numbering:
        (rel_id,) = [k for k, r in document.part.rels.items() if r.reltype == RT.NUMBERING]
        document.part.drop_rel(rel_id)
    document.save(str(path))
    return path


soffice = shutil.which("soffice")


needs_soffice = pytest.mark.skipif(soffice is None, reason="LibreOffice (soffice) not installed")


def convert(source: Path, target_format: str, tmp_path: Path) -> Path:
    """Convert with a private LibreOffice profile and HOME, so parallel runs do not collide."""
    assert soffice is not None
    outdir = tmp_path / f"converted-{target_format}"
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    command = [
        soffice,
        f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}",
        "--headless",
        "--convert-to",
        target_format,
        "--outdir",
        str(outdir),
        str(source),
    ]
    env = {**os.environ, "HOME": str(home)}
    subprocess.run(command, env=env, check=True, capture_output=True, timeout=120)
    return outdir / f"{source.stem}.{target_format}"


# --- LAIT rows, and quartiles worked out by hand --------------------------------------------------

NATIONAL = SAMPLE / "national"


LAIT = NATIONAL / "lait-slice.csv"


EES = Path(__file__).parent / "data" / "national" / "ees-care-leavers-19-21-suitable.csv"


def lait_rows(measure: str, year: str, path: Path = LAIT) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return [
            r for r in csv.DictReader(stream) if r["Short Desc"] == measure and r["Years"] == year
        ]


def number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def la_values(rows: list[dict[str, str]]) -> dict[int, float]:
    """LA number -> figure, for local authorities (numbers below 970) with a figure."""
    out = {}
    for r in rows:
        value = number(r["Values"])
        if r["LA Number"] and float(r["LA Number"]) < 970 and value is not None:
            out[int(float(r["LA Number"]))] = value
    return out


def expected_quartile(values: list[float], value: float, polarity: str) -> int:
    q25, q50, q75 = statistics.quantiles(values, n=4, method="inclusive")
    if polarity == "low":
        return 1 if value <= q25 else 2 if value <= q50 else 3 if value <= q75 else 4
    return 1 if value > q75 else 2 if value > q50 else 3 if value > q25 else 4


def ees_rows(year: str) -> list[dict[str, str]]:
    with EES.open(encoding="utf-8-sig", newline="") as stream:
        return [r for r in csv.DictReader(stream) if r["time_period"] == year]


# --- the sample's golden paragraphs ---------------------------------------------------------------

GOLDEN = {
    "Child protection cases which were reviewed within timescales": (
        "At the end of Quarter 1, the percentage of Child Protection cases reviewed within "
        "timescales was 92.2% (270 out of 293 children), below the 97.2% target. This marks an "
        "improvement of 4.8 percentage points on the end of Quarter 4 (87.4%, 291 out of 333 "
        "children), and would place Leicestershire in the second quartile of local authorities on "
        "the 2022/23 published figures (74th of 150). Leicestershire’s figure is 4.1 percentage "
        "points above the England average (88.1%) and 4.0 percentage points above the statistical "
        "neighbour average (88.2%)."
    ),
    "Children becoming subject to a CPP for second or subsequent time": (
        "The percentage of children becoming subject to a child protection plan for a second or "
        "subsequent time was 25.2% at the end of Quarter 1, above the 20.8% target. There has been "
        "a small improvement of 1.7 percentage points on the end of Quarter 4 (26.9%), although "
        "Leicestershire would be in the third quartile of local authorities on the 2022/23 "
        "published figures (92nd of 148). While the percentage fell, the number of children rose "
        "from 28 to 33. By comparison, the figure is 1.6 percentage points above the England "
        "average (23.6%) and 1.9 percentage points above the statistical neighbour average "
        "(23.3%). This continues to be an area of focus for the service and regular audits are "
        "completed to understand any themes around the circumstances leading to repeat periods of "
        "child protection planning."
    ),
    "Re-referrals to CSC within 12 mths": (
        "At the end of Quarter 1, the percentage of re-referrals to Children’s Social Care within "
        "12 months was 24.9% (462 children), above the 18.7% target. This is a slight increase of "
        "0.8 percentage points from the end of Quarter 4 (24.1%), and would place Leicestershire "
        "in the fourth quartile of local authorities on the 2022/23 published figures (123rd of "
        "149). Current performance is 2.5 percentage points above the England average (22.4%) and "
        "5.1 percentage points above the statistical neighbour average (19.8%)."
    ),
    "Assessments completed within 45 days": (
        "The percentage of assessments completed within 45 days was 83.1% at the end of Quarter 1 "
        "(1,588 out of 1,910 assessments), below the 90.3% target. This marks a decrease of 5.5 "
        "percentage points from the end of Quarter 4 (88.6%), although Leicestershire would be in "
        "the second quartile of local authorities on the 2022/23 published figures (70th of 152)."
    ),
    "Care leavers in suitable accommodation": (
        "At the end of Quarter 1, the percentage of Care Leavers aged up to 21 in Suitable "
        "Accommodation was 93.5% (87 out of 93 young people), above its target of 92.0%. There has "
        "been a slight decrease of 1.4 percentage points from the end of Quarter 4 (94.9%), "
        "although Leicestershire would be in the top quartile of local authorities on the 2022/23 "
        "published figures (29th of 150). Leicestershire’s figure is 5.5 percentage points above "
        "the England average (88.0%) and 3.6 percentage points above the statistical neighbour "
        "average (89.9%)."
    ),
    "Care leavers EET": (
        "The percentage of Care Leavers aged up to 21 in Education, Employment or Training was "
        "47.3% at the end of Quarter 1 (44 out of 93 young people), below the 54.0% target. This "
        "is a decrease of 16.0 percentage points from the end of Quarter 4 (63.3%), and would "
        "place Leicestershire in the fourth quartile of local authorities on the 2022/23 published "
        "figures (129th of 151). Performance is 8.7 percentage points below the England average "
        "(56.0%) and 9.3 percentage points below the statistical neighbour average (56.6%). The "
        "Service continues to provide careful oversight to the care leaver indicators and is "
        "driven by a corporate commitment for creating mentoring and apprenticeship opportunities "
        "for care leavers."
    ),
    "Primary schools rated 'Good' or 'Outstanding'": (
        "The percentage of primary schools rated Good or Outstanding was 90.3% at the end of "
        "Quarter 1 (204 out of 226 inspected schools), unchanged from the end of Quarter 4. "
        "Leicestershire is in the third quartile of local authorities, and the figure is 1.3 "
        "percentage points below the England average (91.6%) and 1.6 percentage points below the "
        "statistical neighbour average (91.9%)."
    ),
    "Children Electively Educated at Home": (
        "At the end of Quarter 1, the number of children Electively Home Educated (EHE) was 1,279. "
        "The figure shows an increase of 151 children (13.4%) from the end of Quarter 1 2023/24 "
        "(1,128). The trend has been driven by two factors: firstly, having experienced a period "
        "of enforced home schooling during the pandemic, some parents have opted for EHE as a "
        "lifestyle choice and have chosen to continue this even when schools reopened. The second "
        "factor has been ongoing health concerns which could be for the child, vulnerable parents, "
        "or general safety concerns. The numbers will continue to be monitored closely."
    ),
    "Permanent exclusions as a % of School population": (
        "The number of permanent exclusions from Leicestershire schools as a percentage of the "
        "school population was 0.07% in the 2022/23 academic year, the highest in the eight years "
        "published (since 2015/16). There has been an increase of 0.05 percentage points from the "
        "2021/22 academic year (0.02%), with the number of permanent exclusions rising from 24 to "
        "67. On the 2022/23 published figures, Leicestershire is in the second quartile of local "
        "authorities (44th of 152), and the figure is 0.04 percentage points below both the "
        "England and the statistical neighbour averages (0.11%)."
    ),
    # seed 004 para 34: suspension 3.16% (2.47%), England 3.61% (3.02%), neighbours 3.41% (2.84%)
    "Children receiving at least one fixed term suspension as a % of School population": (
        "In the 2022/23 academic year, the number of children receiving at least one fixed term "
        "suspension as a percentage of the school population was 3.16%, the highest in the eight "
        "years published (since 2015/16). The figure shows an increase of 0.69 percentage points "
        "from the 2021/22 academic year (2.47%), with the number of children rising from 2,482 to "
        "3,186. On the 2022/23 published figures, Leicestershire is in the second quartile of "
        "local authorities (49th of 152). The latest figure is 0.45 percentage points below the "
        "England average (3.61%) and 0.25 percentage points below the statistical neighbour "
        "average (3.41%)."
    ),
}


SUMMARY = (
    "From 22 measures reported, 17 have a national benchmark; three are in the top quartile, five "
    "are in the second quartile, three are in the third quartile and six are in the bottom "
    "quartile."
)


EXPORTS = Path(__file__).parent / "fixtures" / "exports"
"""Other councils' tables exactly as their systems export them (tests/test_exports.py)."""


def report_paragraphs(path: Path) -> list[str]:
    """The text of every non-empty paragraph of the .docx at `path`, in order."""
    return [p.text for p in Document(str(path)).paragraphs if p.text.strip()]


def init_export(name: str, folder: Path, area: str, capsys: pytest.CaptureFixture[str]) -> Path:
    """`narrator init` on a copy of the export fixture `name` in `folder`: the config it wrote."""
    folder.mkdir(parents=True, exist_ok=True)
    board = Path(shutil.copy(EXPORTS / f"{name}.csv", folder / f"{name}.csv"))
    code, _, err = run(["init", str(board), "--area", area], capsys)
    assert code == 0, err
    return folder / "config.yaml"
