"""The sample report as a whole document: the committee-report skeleton in order, one Word
numbering list for every body paragraph, heading styles, the appendix from the data, officer
commentary after the generated sentences, and LibreOffice opening it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document

from narrator.model import Severity
from narrator.word import tables
from tests.conftest import Q1_2024_25, SAMPLE, SAMPLE_CONFIG
from tests.docx_read import ReadParagraph, read_paragraphs, read_table_rows

COMMITTEE, TITLE, SUBTITLE = "Report Committee", "Report Title", "Report Subtitle"
H1, H2, BODY, PLAIN = "Heading 1", "Heading 2", "Numbered Paragraph", "Report Plain"

# The whole document, in order: (style, numbered, the text's opening words).
EXPECTED: list[tuple[str, bool, str]] = [
    (
        COMMITTEE,
        False,
        "CHILDREN AND FAMILY SERVICES OVERVIEW AND SCRUTINY COMMITTEE: 3 SEPTEMBER 2024",
    ),
    (TITLE, False, "QUARTER 1 2024/25 PERFORMANCE REPORT"),
    (SUBTITLE, False, "JOINT REPORT OF THE CHIEF EXECUTIVE AND DIRECTOR OF CHILDREN AND FAMILY"),
    (H1, False, "Purpose of the Report"),
    (BODY, True, "The purpose of this report is to present the Committee"),
    (H1, False, "Policy Framework and Previous Decisions"),
    (BODY, True, "The Children and Family Services Department’s performance is reported"),
    (H1, False, "Background and Overview"),
    (BODY, True, "The following report and accompanying data aim to report"),
    (BODY, True, "Quartile positions are added where comparative national data"),
    (BODY, True, "From 22 measures reported, 17 have a national benchmark;"),
    (H1, False, "Education and SEND Performance Spotlight"),
    (BODY, True, "The number of Education, Health and Care Plans (EHCPs) issued"),
    (BODY, True, "Demand for Education, Health and Care Needs Assessments"),
    (BODY, True, "Response times to contacts around School Admissions"),
    (H1, False, "Helping children in Leicestershire live in safe, stable environments"),
    (BODY, True, "Local Authority comparisons used are most recent figures"),
    (BODY, True, "At the end of Quarter 1, the percentage"),
    (BODY, True, "The percentage of children becoming subject to a child"),
    (BODY, True, "At the end of Quarter 1, the"),
    (BODY, True, "The percentage of assessments completed within 45 days was 83.1%"),
    (BODY, True, "At the end of Quarter 1, the percentage of"),
    (BODY, True, "The percentage of Care Leavers aged up to 21 in Education,"),
    (BODY, True, "At the end of Quarter 1, the percentage of Children in"),
    (BODY, True, "The percentage of Children in Care who had an"),
    (H1, False, "Helping children and their families build strength, resilience"),
    (BODY, True, "In the Summer term 2024, the number of children"),
    (BODY, True, "The number of children in mainstream schools receiving"),
    (H1, False, "People are safe in their daily lives"),
    (BODY, True, "Local Youth Justice statistics are regularly reported to the Youth and Justice"),
    (H1, False, "Help every child to get the best possible start in life"),
    (H2, False, "Early Years"),
    # the three FEEE indicators in one paragraph, as the sample catalogue groups them
    (BODY, True, "The percentage of eligible two-year-olds taking up"),
    (H1, False, "Help every child to have access to good quality education"),
    (BODY, True, "The percentage of primary schools rated Good or Outstanding was 90.3%"),
    (BODY, True, "At the end of Quarter 1, the"),
    (BODY, True, "The percentage of pupils educated in Good or Outstanding schools was"),
    (BODY, True, "In 2024, the percentage of applicants obtaining"),
    (BODY, True, "The percentage of applicants obtaining their first"),
    (BODY, True, "At the end of Quarter 1, the number of"),
    (BODY, True, "The percentage of young people aged 16 to 17 not in"),
    (BODY, True, "The number of permanent exclusions from Leicestershire"),
    (BODY, True, "In the 2022/23 academic year, the number of children"),
    (H1, False, "Conclusion"),
    (BODY, True, "The report provides a summary of performance at the end of Quarter 1 2024/25"),
    (BODY, True, "Details of all metrics (reflecting any changes in indicators for 2024/25)"),
    (H1, False, "Background Papers"),
    (PLAIN, False, "None."),
    (H1, False, "Circulation under the Local Issues Alert Procedure"),
    (PLAIN, False, "None."),
    (H1, False, "Appendix"),
    (
        PLAIN,
        False,
        "Children and Family Services Department Performance Dashboard Quarter 1, 2024/25",
    ),
    (H1, False, "Officers to Contact"),
    # one paragraph an officer, name, telephone and email on lines of their own
    (
        PLAIN,
        False,
        "Jane Moore, Director – Children and Families Service\nTel: 0116 305 2649\n"
        "Email: Jane.Moore@leics.gov.uk",
    ),
    (
        PLAIN,
        False,
        "Sharon Cooke, Assistant Director – Children’s Social Care\nTel: 0116 305 5479\n"
        "Email: Sharon.Cooke@leics.gov.uk",
    ),
    (
        PLAIN,
        False,
        "Alison Bradley, Assistant Director – Education, SEND and Commissioning\n"
        "Tel: 0116 305 8825\nEmail: Alison.Bradley@leics.gov.uk",
    ),
    (
        PLAIN,
        False,
        "Emma Jones, Business Partner – Business Intelligence Service\nTel: 0116 305 7526\n"
        "Email: Emma.j.Jones@leics.gov.uk",
    ),
    (H1, False, "Children and Family Services Department Performance Dashboard Quarter 1, 2024/25"),
    ("Caption", False, "Figure 1: Indicators by quartile, RAG rating and direction of travel"),
]


@pytest.fixture(scope="module")
def sample_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from narrator.pipeline import prepare, report_of
    from narrator.word.write import write_report

    out = tmp_path_factory.mktemp("sample") / "report.docx"
    write_report(report_of(prepare(SAMPLE_CONFIG)), out)
    return out


def body_text(paragraphs: list[ReadParagraph]) -> list[ReadParagraph]:
    """The report's text paragraphs (the appendix's spacer and chart paragraphs are empty; the
    charts' caption is text)."""
    return [p for p in paragraphs if p.text]


def it_has_the_committee_report_skeleton_in_order(sample_docx: Path) -> None:
    actual = body_text(read_paragraphs(sample_docx))
    assert len(actual) == len(EXPECTED)
    for paragraph, (style, numbered, opening) in zip(actual, EXPECTED, strict=True):
        assert (paragraph.style, paragraph.numbered) == (style, numbered), paragraph.text
        assert paragraph.text.startswith(opening), (paragraph.text, opening)


def it_writes_every_block_whole_and_the_golden_paragraphs_word_for_word(
    prepared_q1,
    sample_docx: Path,  # type: ignore[no-untyped-def]
) -> None:
    from narrator.pipeline import report_of
    from narrator.word.styles import ROLE_STYLES
    from tests.helpers import GOLDEN, SUMMARY

    report = report_of(prepared_q1)
    expected = [(ROLE_STYLES[b.role], b.text) for b in report.blocks]
    assert report.appendix is not None
    expected.append((H1, report.appendix.title))
    figures = report.appendix.figures
    expected.append(("Caption", f"{figures.label} 1: {figures.summary}"))
    actual = [(p.style, p.text) for p in body_text(read_paragraphs(sample_docx))]
    assert actual == expected
    texts = [text for _, text in actual]
    for golden in [*GOLDEN.values(), SUMMARY]:
        assert golden in texts


def it_sets_the_document_properties_from_the_config(sample_docx: Path) -> None:
    from datetime import UTC, datetime

    core = Document(str(sample_docx)).core_properties
    assert core.title == (
        "Children and Family Services Overview and Scrutiny Committee: "
        "Quarter 1 2024/25 Performance Report"
    )
    assert core.subject == "Children and Family Services performance report Q1 2024/25"
    assert core.author == "Business Intelligence Service"
    assert core.created == datetime(2024, 9, 3, tzinfo=UTC)


def it_numbers_every_body_paragraph_in_one_word_list(sample_docx: Path) -> None:
    paragraphs = read_paragraphs(sample_docx)
    body = [p for p in paragraphs if p.style == BODY]
    assert len(body) == 32
    assert all(p.numbered for p in body)
    assert len({p.num_id for p in body}) == 1
    assert not any(re.match(r"\s*\d+[.)]\s", p.text) for p in paragraphs)
    assert not any(p.numbered for p in paragraphs if p.style != BODY)


def it_puts_one_row_per_indicator_in_the_appendix_with_rag_shading(sample_docx: Path) -> None:
    rows = read_table_rows(sample_docx)
    assert len(rows) == 23
    table = Document(str(sample_docx)).tables[0]
    colours = {"G": "00B050", "A": "FFC000", "R": "FF0000", "N/A": None}
    by_name = {row.cells[1].text: row for row in table.rows[1:]}
    import csv

    with Q1_2024_25.open(encoding="utf-8") as handle:
        data = list(csv.DictReader(handle))
    assert set(by_name) == {r["Indicator"] for r in data}
    for record in data:
        rag = {"Green": "G", "Amber": "A", "Red": "R"}.get(record["Status RAG"], "N/A")
        cell = by_name[record["Indicator"]].cells[8]
        assert cell.text == rag, record["Indicator"]
        assert tables.cell_fill(cell._tc) == colours[rag]
        assert (
            by_name[record["Indicator"]].cells[2].text.replace(",", "") == (record["Latest Value"])
        )


def it_puts_officer_commentary_after_the_generated_sentences(prepared_q1) -> None:  # type: ignore[no-untyped-def]
    (eet,) = [t for t in prepared_q1.texts if t.context.name == "Care leavers EET"]
    generated = " ".join(s.text for s in eet.sentences)
    assert eet.text == generated + " " + eet.commentary
    assert eet.commentary.startswith("The Service continues to provide careful oversight")


def it_warns_about_commentary_for_an_indicator_not_in_the_data(tmp_path: Path) -> None:
    from narrator.pipeline import prepare

    commentary = tmp_path / "commentary.yaml"
    commentary.write_text(
        "Care leavers EET: Context that only an officer knows.\n"
        "Children adopted within 12 months: This indicator is not on the dashboard.\n",
        encoding="utf-8",
    )
    config = tmp_path / "config.yaml"
    text = (SAMPLE / "config.yaml").read_text(encoding="utf-8")
    text = text.replace("commentary: commentary.yaml", f"commentary: {commentary}")
    for name in ("dashboard-q1-2024-25.csv", "catalogue.yaml", "spotlight.md", "phrasebook.yaml"):
        text = text.replace(f": {name}", f": {SAMPLE / name}")
    text = text.replace(": national/", f": {SAMPLE / 'national'}/")
    config.write_text(text, encoding="utf-8")
    prepared = prepare(config)
    warnings = [p for p in prepared.problems if p.code == "commentary-unknown-indicator"]
    assert len(warnings) == 1
    assert warnings[0].severity is Severity.WARNING
    assert warnings[0].location.indicator == "Children adopted within 12 months"
    assert str(commentary) in warnings[0].describe()
    texts = {t.context.name: t.text for t in prepared.texts}
    assert texts["Care leavers EET"].endswith("Context that only an officer knows.")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def it_opens_in_libreoffice(sample_docx: Path, tmp_path: Path) -> None:
    outdir = tmp_path / "pdf"
    home = tmp_path / "home"
    home.mkdir()
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            str(sample_docx),
        ],
        env={**os.environ, "HOME": str(home)},
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = outdir / "report.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        # Word's numbering is rendered: paragraph 5 is the quartile summary
        assert re.search(r"5\.\s+From 22 measures reported", text)
        assert re.search(r"32\.\s+Details of all metrics", text)


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        (
            "Care leavers EET: One.\nNEET young people aged 16-17: Other.\n"
            "Care leavers EET: Two.\n",
            "line 3: the key 'Care leavers EET' is given again (first on line 1)",
        ),
        (
            "Care leavers EET: One.\ncare leavers  eet.: Two.\n",
            "entries 'Care leavers EET' and 'care leavers  eet.' name the same indicator",
        ),
    ],
    ids=["same-name-twice", "names-differing-in-case-and-punctuation"],
)
def it_refuses_two_commentary_entries_for_one_indicator(
    tmp_path: Path, entries: str, message: str
) -> None:
    """Either text would otherwise be dropped without a word."""
    from narrator.errors import ConfigError
    from narrator.intake.commentary import load_commentary

    commentary = tmp_path / "commentary.yaml"
    commentary.write_text(entries, encoding="utf-8")
    with pytest.raises(ConfigError, match=re.escape(message)) as info:
        load_commentary(commentary)
    assert info.value.file == str(commentary)


def it_refuses_a_repeated_key_in_any_yaml_file_and_keeps_merge_keys() -> None:
    import yaml

    from narrator.yamltext import load_yaml

    with pytest.raises(yaml.YAMLError, match=r"line 3: the key 'area' is given again"):
        load_yaml("area: Leicestershire\ntitle: Q1\narea: Rutland\n")
    with pytest.raises(yaml.YAMLError, match=r"line 3: the key 'b'"):
        load_yaml("a:\n  b: 1\n  b: 2\n")
    merged = "base: &base {unit: '%', polarity: up}\nx:\n  <<: *base\n  polarity: down\n"
    assert load_yaml(merged)["x"] == {"unit": "%", "polarity": "down"}


def it_reads_a_markdown_like_spotlight_file(tmp_path: Path) -> None:
    from narrator.intake.commentary import load_spotlight
    from narrator.officer_files import SpotlightPart

    spotlight = tmp_path / "spotlight.md"
    spotlight.write_text(
        "\ufeff# Education, Health and Care Plans\n"
        "The number of plans continues\nto increase: 6,377 in January 2024. This is 176\n"
        "more (2.8%).\n"
        "## Assessments\n"
        "Demand continues to rise.\r\n"
        "\n"
        "6. Copied from the last report, number and all.\n"
        "\n"
        "- Recruiting two psychologists\n"
        "- Clearing the backlog\n  by March.\n"
        "#\n",
        encoding="utf-8",
    )
    assert load_spotlight(spotlight) == (
        SpotlightPart("Education, Health and Care Plans", heading=True),
        SpotlightPart(
            "The number of plans continues to increase: 6,377 in January 2024. This is 176 "
            "more (2.8%)."
        ),
        SpotlightPart("Assessments", heading=True),
        SpotlightPart("Demand continues to rise."),
        SpotlightPart("Copied from the last report, number and all."),
        SpotlightPart("Recruiting two psychologists"),
        SpotlightPart("Clearing the backlog by March."),
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "spotlight file not found"),
        ("folder", "is a folder, not a spotlight file"),
        ("\ufeffSpotlight".encode("utf-16"), "spotlight file is not UTF-8 text"),
    ],
    ids=["missing", "folder", "utf-16"],
)
def it_names_a_spotlight_file_it_cannot_read(
    tmp_path: Path, content: bytes | str | None, message: str
) -> None:
    from narrator.errors import ConfigError
    from narrator.intake.commentary import load_spotlight

    spotlight = tmp_path / "spotlight.md"
    if content == "folder":
        spotlight.mkdir()
    elif isinstance(content, bytes):
        spotlight.write_bytes(content)
    with pytest.raises(ConfigError, match=re.escape(message)) as info:
        load_spotlight(spotlight)
    assert info.value.file == str(spotlight)


def it_refuses_officer_text_with_a_character_word_cannot_hold(tmp_path: Path) -> None:
    """A control character (a bell, a form feed pasted from elsewhere) would otherwise stop the
    write with an internal error; the officer is told which file and where."""
    from narrator.errors import ConfigError
    from narrator.intake.commentary import load_commentary, load_spotlight

    spotlight = tmp_path / "spotlight.md"
    spotlight.write_text("First paragraph.\n\nSecond \x07 paragraph.\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"line 3 holds the control character U\+0007"):
        load_spotlight(spotlight)
    commentary = tmp_path / "commentary.yaml"
    commentary.write_text('Care leavers EET: "Oversight\\x0c continues."\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"'Oversight\\x0c continues\.' holds the control ch"):
        load_commentary(commentary)
