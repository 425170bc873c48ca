"""Councils' exports as they come (issue 21): four services other than children's, each in the
header shape its council publishes, through `narrator init` then `narrator build` with no hand
edits. The dashboards (tests/fixtures/exports/, invented councils) are CSV; each is also
written here as an XLSX with merged header cells (openpyxl), as the spreadsheet it was saved
from, and must build the same paragraphs.

- Ellesmere Vale, adult social care: a title row, "2009/10 Outturn | 2010/11 Target | Q4
  2010/11 Actual", PI Code, Good Performance, council status words ("Achieved", "Target
  slightly missed (within 10%)"), quartile words ("Next to top") for England and a comparator
  group, "Annual Indicator" in a value cell, section rows for outcomes.
- Thornbury Vale, waste and street scene: a title row, bands "Q2 2023/24" and "Q3 2023/24" over
  "Value | Target | Status", Aim "Maximise"/"Minimise", units in cells ("121kg", "9,655
  tonnes", "2 days").
- Hollowmere, council tax and business rates: "2010/11 Value | 2011/12 Value | 2011/12 Target",
  area-prefixed names ("Hollowmere: ..."), "£1.2m", a price-to-earnings ratio, bare targets
  with no polarity column (the status says which way is good), no topics: one heading named
  after the department.
- Redgate, housing: "Latest Value (Q1)" and "Target 2024/25" beside a Period column, a Service
  column whose themes become the outcomes, "current tenant arrears as a percentage of the rent
  debit".

Every sentence was checked against its dashboard row: the figures, periods, targets (as the
dashboard wrote them: "7.0%", "650.0", "115kg"), met or missed and by how much (init writes
`target_margins: always`: 7.4% - 7.0% = 0.4 points, 688.9 - 650.0 = 38.9, 121 - 115 = 6 kg),
and quartiles.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from tests.conftest import run_cli as run
from tests.helpers import EXPORTS, report_paragraphs


def _init_build(
    board: Path, area: str, capsys: pytest.CaptureFixture[str], department: str | None = None
) -> tuple[list[str], str, str]:
    """init then build, as a new user would with no hand edits: (the report's paragraphs,
    the config init wrote, build's messages)."""
    args = ["init", str(board), "--area", area]
    if department:
        args += ["--department", department]
    code, _, err = run(args, capsys)
    assert code == 0, err
    config = board.parent / "config.yaml"
    report = board.parent / "report.docx"
    code, _, err = run(["build", str(config), "-o", str(report)], capsys)
    assert code == 0, err
    assert "error" not in err.lower(), err
    return report_paragraphs(report), config.read_text(encoding="utf-8"), err


def _csv(name: str, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy(EXPORTS / f"{name}.csv", folder / f"{name}.csv"))


def _format(text: str) -> str:
    """The Excel number format that shows a number as `text` writes it ("7.4%", "1,840")."""
    places = len(text.rstrip("%").split(".")[1]) if "." in text else 0
    body = ("#,##0" if "," in text else "0") + ("." + "0" * places if places else "")
    return body + ("%" if text.endswith("%") else "")


def _xlsx(
    name: str,
    folder: Path,
    merges: list[str],
    figures: str,
    header: list[list[str]] | None = None,
) -> Path:
    """The CSV as the workbook it was saved from: each header band's cells merged (`merges`,
    Excel ranges), and the figures of the columns `figures` (letters) stored as numbers with
    the format that shows them as the CSV writes them (7.4% is 0.074 formatted "0.0%").
    `header` replaces the CSV's first row (None: kept), for a workbook whose header the CSV
    export flattened."""
    import csv

    import openpyxl
    from openpyxl.utils import get_column_letter

    folder.mkdir(parents=True, exist_ok=True)
    with (EXPORTS / f"{name}.csv").open(encoding="utf-8", newline="") as file:
        rows = list(csv.reader(file))
    if header is not None:
        rows = header + rows[1:]
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Dashboard"
    for r, row in enumerate(rows, start=1):
        for c, text in enumerate(row, start=1):
            letter = get_column_letter(c)
            cell = sheet.cell(row=r, column=c)
            number = text.replace(",", "").rstrip("%")
            if letter in figures and number.replace(".", "", 1).isdigit():
                cell.value = float(number) / (100 if text.endswith("%") else 1)
                cell.number_format = _format(text)
            elif text:
                cell.value = text
    for band in merges:
        first = band.split(":")[0]
        kept = sheet[first].value
        for row_cells in sheet[band]:
            for cell in row_cells:
                if cell.coordinate != first:
                    cell.value = None  # as Excel keeps a merged range: the value top-left
        sheet.merge_cells(band)
        sheet[first].value = kept
    path = folder / f"{name}.xlsx"
    book.save(path)
    return path


def _numbered(paragraphs: list[str], first: str, count: int) -> list[str]:
    """`count` paragraphs from the one that starts with `first`."""
    start = next(i for i, p in enumerate(paragraphs) if p.startswith(first))
    return paragraphs[start : start + count]


# --- Ellesmere Vale: adult social care --------------------------------------------------------

ELLESMERE = [
    "Promoting independence",
    (
        "The percentage of adults with learning disabilities in paid employment was 7.4% at the "
        "end of Quarter 4, beating its target of 7.0% by 0.4 percentage points. This marks a "
        "slight improvement of 1.3 percentage points on 2009/10 (6.1%), and places Ellesmere Vale "
        "in the second quartile of local authorities. Ellesmere Vale is in the top quartile among "
        "its comparator group."
    ),
    (
        "In Quarter 4, the rate of permanent admissions to residential and nursing care homes per "
        "100,000 population aged 65 and over was 688.9, above the target of 650.0 by 38.9 per "
        "100,000. There was a small improvement of 23.5 per 100,000 (3.3% lower) on 2009/10 "
        "(712.4), although Ellesmere Vale ranks in the third quartile of local authorities. "
        "Ellesmere Vale is in the fourth quartile among its comparator group."
    ),
    (
        "At the end of Quarter 4, the Intermediate Care percentage was 79.6%, below the 85.0% "
        "target by 5.4 percentage points. This marks a small decrease of 2.7 percentage points "
        "from 2009/10 (82.3%), and places Ellesmere Vale in the fourth quartile of local "
        "authorities. Ellesmere Vale is in the third quartile among its comparator group."
    ),
    "Carers and safeguarding",
    (
        "The number of carers assessed or reviewed was 1,912 at the end of Quarter 4, beating its "
        "target of 1,900 by 12 carers. This represents a small improvement of 72 carers (3.9%) on "
        "2009/10 (1,840)."
    ),
    (
        "The percentage of service users who feel safe is reported once a year, so there is no "
        "figure at the end of Quarter 4. On the latest published benchmark Ellesmere Vale is in"
        " the top quartile of local authorities. Ellesmere Vale is in the second quartile among"
        " its comparator group."
    ),
]


@pytest.mark.parametrize("form", ["csv", "xlsx"])
def it_reads_an_adult_social_care_outturn_export(
    form: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "ellesmere"
    if form == "csv":
        board = _csv("ellesmere-adults", folder)
    else:
        board = _xlsx("ellesmere-adults", folder, ["A1:K1"], "DEF")
    paragraphs, config, _ = _init_build(board, "Ellesmere Vale", capsys)
    assert _numbered(paragraphs, "Promoting independence", len(ELLESMERE)) == ELLESMERE
    assert "#   '2009/10 Outturn': the previous value, for 2009/10" in config
    assert "#   'Q4 2010/11 Actual': the latest value, for Q4 2010/11" in config
    assert "#   '2010/11 Target': the target, for 2010/11" in config
    assert yaml.safe_load(config)["layout"] == "period-headings"
    assert [o["topic"] for o in yaml.safe_load(config)["outcomes"]] == [
        "Promoting independence",
        "Carers and safeguarding",
    ]


# --- Thornbury Vale: waste and street scene -----------------------------------------------------

THORNBURY = [
    "Waste and Recycling",
    (
        "In Quarter 3, the residual household waste per household was 121 kg, above the target of "
        "115 kg by 6 kg. It represents a small increase of 3 kg (2.5%) from Quarter 2 (118 kg)."
    ),
    (
        "The percentage of household waste sent for reuse recycling and composting was 43.8% in "
        "Quarter 3, below the 46.0% target by 2.2 percentage points. This marks a slight decrease "
        "of 1.4 percentage points from Quarter 2 (45.2%)."
    ),
    (
        "In Quarter 3, the household waste collected was 9,655 tonnes. There has been a small "
        "increase of 243 tonnes (2.6%) from Quarter 2 (9,412 tonnes)."
    ),
    "Street Scene",
    (
        "In Quarter 3, the average time to remove fly-tipping was 2 days, an improvement of 1 day "
        "(33.3% lower) on Quarter 2 (3 days) and beating its target of 3 days by 1 day."
    ),
    (
        "The percentage of streets below the standard for litter was 6% at the end of Quarter 3, "
        "above the 5% target by 1 percentage point. It represents a small increase of 2 percentage "
        "points from the end of Quarter 2 (4%)."
    ),
]


@pytest.mark.parametrize("form", ["csv", "xlsx"])
def it_reads_a_waste_export_with_period_bands(
    form: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The CSV writes each band in its first column only; the workbook merges "Q3 2023/24"
    over "Value | Target | Status" and the title over the table."""
    folder = tmp_path / "thornbury"
    if form == "csv":
        board = _csv("thornbury-environment", folder)
    else:
        board = _xlsx("thornbury-environment", folder, ["A1:G1", "E2:G2"], "DEF")
    paragraphs, config, _ = _init_build(board, "Thornbury Vale", capsys)
    assert _numbered(paragraphs, "Waste and Recycling", len(THORNBURY)) == THORNBURY
    assert "the latest value, for Q3 2023/24" in config
    assert "the previous value, for Q2 2023/24" in config


# --- Hollowmere: council tax and business rates -------------------------------------------------

HOLLOWMERE = [
    "Revenues and Benefits",
    (
        "The percentage of Council Tax collected was 97.6% in 2011/12, beating its target of 97.5% "
        "by 0.1 percentage points. The figure shows a slight improvement of 0.5 percentage points "
        "on 2010/11 (97.1%)."
    ),
    (
        "In 2011/12, the percentage of non-domestic rates collected was 97.9%, below the 98.5% "
        "target by 0.6 percentage points. This represents a slight decrease of 0.5 percentage "
        "points from 2010/11 (98.4%)."
    ),
    (
        "The average time to process new Housing Benefit claims was 19 days in 2011/12, an "
        "improvement of 5 days (20.8% lower) on 2010/11 (24 days) and beating its target of 21 "
        "days by 2 days."
    ),
    (
        "The Council Tax arrears were £1.2m in 2011/12. There was a decrease of £0.2m (14.3% "
        "lower) from 2010/11 (£1.4m)."
    ),
    (
        "In 2011/12, the business rates price-to-earnings ratio was 6.8. This figure is an "
        "increase of 9.7% from 2010/11 (6.2)."
    ),
]


@pytest.mark.parametrize("form", ["csv", "xlsx"])
def it_reads_a_revenues_export_with_years_in_its_headings(
    form: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """No polarity column: the status says which way each bare target is good ("Target met"
    at 97.6% against 97.5%: higher is better). The workbook puts the years in a band above
    "Value | Value | Target" ("2011/12" merged over the latest value and its target)."""
    folder = tmp_path / "hollowmere"
    if form == "csv":
        board = _csv("hollowmere-revenues", folder)
    else:
        bands = [
            ["", "", "2010/11", "2011/12", "", ""],
            ["PI Code", "Indicator", "Value", "Value", "Target", "Status"],
        ]
        board = _xlsx("hollowmere-revenues", folder, ["D1:E1"], "CDE", header=bands)
    paragraphs, config, _ = _init_build(board, "Hollowmere", capsys, "Revenues and Benefits")
    assert _numbered(paragraphs, "Revenues and Benefits", len(HOLLOWMERE)) == HOLLOWMERE
    catalogue = yaml.safe_load((folder / "catalogue.yaml").read_text(encoding="utf-8"))
    entries = {e["name"]: e for e in catalogue["indicators"]}
    arrears = entries["Hollowmere: Council Tax arrears"]
    assert (arrears["unit"], arrears["scale"], arrears["plural"]) == ("money", "m", True)
    assert entries["Hollowmere: Business rates price-to-earnings ratio"]["unit"] == "score"
    assert "outcomes: []" in config


# --- Redgate: housing ---------------------------------------------------------------------------

REDGATE = [
    "Income and Tenancy",
    (
        "At the end of Quarter 1, the current tenant arrears as a percentage of the rent debit was "
        "2.05%, beating its target of 2.50% by 0.45 percentage points. There was an improvement of "
        "0.26 percentage points on the previous period (2.31%)."
    ),
    (
        "The average time to relet local authority homes was 28 days in Quarter 1, beating its "
        "target of 30 days by 2 days. There has been an improvement of 4 days (12.5% lower) on the "
        "previous period (32 days)."
    ),
    "Housing Need",
    (
        "At the end of Quarter 1, the house price to earnings ratio was 9.1. This marks a small "
        "increase of 2.2% from the previous period (8.9)."
    ),
    (
        "The rate of households in temporary accommodation was 3.4 per 1,000 at the end of Quarter "
        "1, above the target of 3.0 by 0.4 per 1,000. This is an increase of 0.3 per 1,000 (9.7% "
        "higher) from the previous period (3.1)."
    ),
    (
        "The number of homelessness cases prevented was 156 at the end of Quarter 1, beating its "
        "target of 150 by 6 cases. This marks an improvement of 14 cases (9.9%) on the previous "
        "period (142)."
    ),
]


@pytest.mark.parametrize("form", ["csv", "xlsx"])
def it_reads_a_housing_export_with_periods_in_its_headings(
    form: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'Latest Value (Q1)' and 'Target 2024/25' are read as the latest value and target, and
    check says so (the rows' Period column gives the period); the Service column's themes are
    the outcomes. The workbook has a title merged over the table."""
    folder = tmp_path / "redgate"
    if form == "csv":
        board = _csv("redgate-housing", folder)
    else:
        with (EXPORTS / "redgate-housing.csv").open(encoding="utf-8") as file:
            first = file.readline().strip().split(",")
        title = ["Redgate Borough Council - Housing Performance Q1 2024/25"] + [""] * 7
        board = _xlsx("redgate-housing", folder, ["A1:H1"], "EFG", header=[title, first])
    paragraphs, config, err = _init_build(board, "Redgate", capsys)
    assert _numbered(paragraphs, "Income and Tenancy", len(REDGATE)) == REDGATE
    assert (
        'column "Latest Value (Q1)": a period in the column\'s heading: read as the latest '
        "value; the period in its heading (Q1) is not read" in err
    )
    assert (
        'column "Target 2024/25": a period in the column\'s heading: read as the target of the '
        "latest period (the heading says 2024/25)" in err
    )
    assert [o["topic"] for o in yaml.safe_load(config)["outcomes"]] == [
        "Income and Tenancy",
        "Housing Need",
    ]


def it_stops_a_build_that_would_say_millions_as_pounds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'£1.2m' with no scale in the catalogue would be said '£1.2': an error naming the cell
    and what the catalogue needs."""
    board = _csv("hollowmere-revenues", tmp_path / "hollowmere")
    run(["init", str(board), "--area", "Hollowmere"], capsys)
    catalogue = board.parent / "catalogue.yaml"
    text = catalogue.read_text(encoding="utf-8")
    catalogue.write_text(text.replace("    scale: m", "    # scale: m"), encoding="utf-8")
    code, out, err = run(["check", str(board.parent / "config.yaml")], capsys)
    assert code == 2, err
    assert (
        'row 5, column "2011/12 Value" (indicator "Hollowmere: Council Tax arrears"): the cells '
        "write money in millions, but the catalogue does not say so (found '£1.2m'); expected "
        "unit: money and scale: m in the catalogue" in out
    )


# --- Kestrel Vale: street scene counts, each change with what it counts ----------------------

KESTREL_CSV = """\
Measure,Aim,Previous Period,Previous Value,Latest Period,Latest Value,Target,Status
Fly-tipping incidents cleared,Maximise,Q1 2024/25,"1,204",Q2 2024/25,"1,318","1,250",Green
Abandoned vehicles removed,Maximise,Q1 2024/25,12,Q2 2024/25,13,,Data only
Graffiti removed,Maximise,Q1 2024/25,220,Q2 2024/25,198,,Data only
"""

KESTREL = [
    (
        "The number of fly-tipping incidents cleared was 1,318 in Quarter 2, beating its target "
        "of 1,250 by 68 incidents. The figure shows an improvement of 114 incidents (9.5%) on "
        "Quarter 1 (1,204)."
    ),
    (
        "At the end of Quarter 2, the number of abandoned vehicles removed was 13. This figure is "
        "an improvement of one vehicle on the end of Quarter 1 (12)."
    ),
    (
        "The number of graffiti removed was 198 at the end of Quarter 2. It represents a decrease "
        "of 10.0% from the end of Quarter 1 (220)."
    ),
]


def it_says_each_counts_change_with_what_it_counts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 23, every difference with its unit: init guesses a count's noun from its name's
    head ("incidents" the vocabulary knows, "vehicles" the head of "Abandoned vehicles
    removed") and writes it with why; a change of one is said as one of them. A count whose
    name names nothing counted ("Graffiti removed") says its change by its relative size beside
    the previous figure, never a bare "22". 1,318 - 1,204 = 114 (9.5%), 1,318 - 1,250 = 68;
    13 - 12 = 1; 220 - 198 = 22, 22 / 220 = 10.0%."""
    board = tmp_path / "kestrel" / "kestrel-street-scene.csv"
    board.parent.mkdir()
    board.write_text(KESTREL_CSV, encoding="utf-8")
    paragraphs, _, _ = _init_build(board, "Kestrel Vale", capsys)
    assert _numbered(paragraphs, "The number of fly-tipping", len(KESTREL)) == KESTREL
    catalogue = (board.parent / "catalogue.yaml").read_text(encoding="utf-8")
    assert "noun: vehicles  # from 'vehicles' in the name\n" in catalogue
    assert "# noun: the name does not say what its counts count" in catalogue


# --- Oakhurst: a target's margin said as its change is -----------------------------------------

OAKHURST_CSV = """\
Measure,Aim,Previous Period,Previous Value,Latest Period,Latest Value,Target,Status
Abandoned vehicles removed,Maximise,Apr-Jun 2025,9,Jul-Sep 2025,13,12,Green
Noise complaints received,Minimise,Apr-Jun 2025,40,Jul-Sep 2025,38,36,Red
Graffiti removed,Maximise,Apr-Jun 2025,220,Jul-Sep 2025,198,200,Red
"""

OAKHURST = [
    (
        "At the end of Quarter 2, the number of abandoned vehicles removed was 13, an improvement "
        "of 4 vehicles (44.4%) on April to June 2025 (9) and beating its target of 12 by one "
        "vehicle."
    ),
    (
        "The number of noise complaints received was 38 in Quarter 2, above the target of 36 by "
        "two complaints. There has been an improvement of two complaints on April to June 2025 "
        "(40)."
    ),
    (
        "At the end of Quarter 2, the number of graffiti removed was 198, below the target of 200 "
        "by 1.0%. It represents a decrease of 10.0% from April to June 2025 (220)."
    ),
]


def it_says_a_targets_margin_with_what_it_counts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 23, every difference with its unit, a target's margin too: a count's margin with
    the noun it counts, one or two said as people as its change would be ("by one vehicle":
    13 - 12 = 1; "by two complaints": 38 - 36 = 2); a count whose name names nothing counted
    by its size relative to the target, as its change is said by its relative size (200 - 198
    = 2, 2 / 200 = 1.0%; 220 - 198 = 22, 22 / 220 = 10.0%), never a bare "by 2". 13 - 9 = 4,
    4 / 9 = 44.4%; 40 - 38 = 2."""
    board = tmp_path / "oakhurst" / "oakhurst-street-scene.csv"
    board.parent.mkdir()
    board.write_text(OAKHURST_CSV, encoding="utf-8")
    paragraphs, _, _ = _init_build(board, "Oakhurst", capsys)
    assert _numbered(paragraphs, "At the end of Quarter 2", len(OAKHURST)) == OAKHURST
