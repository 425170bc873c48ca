"""Word is stricter than LibreOffice: the documents narrator writes must hold none of the faults
behind Word's "unreadable content" repair prompt (tests/wordcheck.py lists them), whether built
on the bundled template, on a house template, with comments, or regenerated with tracked
changes. The checker itself is shown to find each kind of fault it looks for."""

from __future__ import annotations

import dataclasses
import shutil
import zipfile
from pathlib import Path

import pytest

from narrator.word.write import write_report
from tests.helpers import corrected_data, house_template, make_report, review
from tests.wordcheck import problems

# --- narrator's documents ----------------------------------------------------------------------


def it_writes_the_sample_without_a_known_word_fault(prepared_q1, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from narrator.pipeline import report_of

    out = tmp_path / "sample.docx"
    write_report(report_of(prepared_q1), out)
    assert problems(out) == []


def it_writes_comments_and_a_house_template_without_a_known_word_fault(tmp_path: Path) -> None:
    plain = tmp_path / "plain.docx"
    write_report(make_report(), plain)  # one block carries a comment
    house = house_template(tmp_path / "house.docx", numbering=True)
    on_house = tmp_path / "house-report.docx"
    write_report(make_report(), on_house, template=house)
    again = tmp_path / "again.docx"
    write_report(make_report(), again, template=plain)  # a previous report as the template
    assert [problems(p) for p in (plain, on_house, again)] == [[], [], []]


def it_regenerates_with_tracked_changes_without_a_known_word_fault(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.helpers import build

    first = tmp_path / "report.docx"
    build(capsys, "-o", str(first))
    reviewed = tmp_path / "reviewed.docx"
    review(first, reviewed)
    nxt = tmp_path / "next.docx"
    build(
        capsys, "--data", str(corrected_data(tmp_path)), "--previous", str(reviewed), "-o", str(nxt)
    )
    assert problems(nxt) == []


# --- the checker can fail ------------------------------------------------------------------------


def _rewrite(source: Path, out: Path, member: str, old: str, new: str, count: int = 1) -> Path:
    """A copy of `source` with `old` replaced by `new` (`count` times) in one member."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == member:
                text = data.decode("utf-8")
                assert old in text, (member, old)
                data = text.replace(old, new, count).encode("utf-8")
            dst.writestr(info, data)
    return out


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("good") / "good.docx"
    write_report(make_report(), out)
    assert problems(out) == []
    return out


SHADED = '<w:shd w:val="clear" w:color="auto" w:fill="D9D9D9"/>'

BROKEN = {
    "shading before the cell width": (
        "word/document.xml",
        '<w:tcPr><w:tcW w:type="dxa" w:w="1474"/>' + SHADED,
        "<w:tcPr>" + SHADED + '<w:tcW w:type="dxa" w:w="1474"/>',
        "w:tcPr has w:tcW out of schema order",
    ),
    "two bookmarks with one id": (
        "word/document.xml",
        'w:id="2"',
        'w:id="1"',
        "bookmark id 1 starts 2 times",
    ),
    "a list naming no abstract list": (
        "word/numbering.xml",
        '<w:abstractNumId w:val="8"/>',
        '<w:abstractNumId w:val="99"/>',
        "names no abstractNum",
    ),
    "a line break typed into text": (
        "word/document.xml",
        "2,000 children",
        "2,000\nchildren",
        "w:t holds a line break",
    ),
    "a header reference naming no relationship": (
        "word/document.xml",
        'w:footerReference w:type="default" r:id="',
        'w:footerReference w:type="default" r:id="rIdNone',
        "r:id rIdNone",
    ),
    "two paragraphs with one w14:paraId": (
        "word/document.xml",
        '<w:p><w:pPr><w:pStyle w:val="ReportTitle"/>',
        '<w:p w14:paraId="1A2B3C4D"><w:pPr><w:pStyle w:val="ReportTitle"/>'
        '</w:pPr></w:p><w:p w14:paraId="1A2B3C4D"><w:pPr><w:pStyle w:val="ReportTitle"/>',
        "paragraph id 1A2B3C4D used 2 times",
    ),
    "not XML": ("word/styles.xml", "</w:styles>", "</w:style>", "not well-formed XML"),
    "a relationship to nothing": (
        "word/_rels/document.xml.rels",
        'Target="numbering.xml"',
        'Target="numbring.xml"',
        "which is not in the package",
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def it_finds_each_kind_of_fault(good: Path, tmp_path: Path, case: str) -> None:
    member, old, new, expected = BROKEN[case]
    broken = _rewrite(good, tmp_path / "broken.docx", member, old, new)
    found = problems(broken)
    assert any(expected in p for p in found), found


def it_finds_a_section_break_that_is_not_last(good: Path, tmp_path: Path) -> None:
    broken = _rewrite(
        good, tmp_path / "broken.docx", "word/document.xml", "</w:body>", "<w:p/></w:body>"
    )
    assert "word/document.xml: w:body has w:sectPr that is not its last child" in problems(broken)


def it_reads_the_libreoffice_round_trip_too(good: Path, tmp_path: Path) -> None:
    """LibreOffice's own output puts w:sectPr first in a paragraph's w:pPr, which Word opens
    (so the order check is not the whole story); the checker must at least read it."""
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) not installed")
    from tests.helpers import convert

    converted = convert(good, "docx", tmp_path)
    found = problems(converted)
    assert all("out of schema order" in p for p in found), found


def _dangling_styles(path: Path) -> set[str]:
    """Style ids the body or the comments name that styles.xml does not define."""
    from lxml import etree

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(path) as package:
        styles = etree.fromstring(package.read("word/styles.xml"))
        defined = {s.get(f"{w}styleId") for s in styles.iter(f"{w}style")}
        named: set[str] = set()
        for part in ("word/document.xml", "word/comments.xml"):
            if part in package.namelist():
                root = etree.fromstring(package.read(part))
                for tag in ("pStyle", "rStyle", "tblStyle"):
                    named |= {str(e.get(f"{w}val")) for e in root.iter(f"{w}{tag}")}
    return named - defined


def it_defines_every_style_the_body_and_comments_name(good: Path, tmp_path: Path) -> None:
    """python-docx's comments name Word's comment styles without defining them; narrator adds
    them (Word would otherwise show the comment text in the body font)."""
    from docx import Document

    assert _dangling_styles(good) == set()
    comment_text = Document(str(good)).styles["annotation text"]
    assert comment_text.style_id == "CommentText" and comment_text.font.size.pt == 10
    house = house_template(tmp_path / "house.docx", numbering=True)
    on_house = tmp_path / "house-report.docx"
    write_report(make_report(), on_house, template=house)
    assert _dangling_styles(on_house) == set()
    report = make_report()
    bare = dataclasses.replace(
        report, blocks=tuple(dataclasses.replace(b, comments=()) for b in report.blocks)
    )
    no_comments = tmp_path / "no-comments.docx"
    write_report(bare, no_comments)
    assert "annotation text" not in Document(str(no_comments)).styles  # none needed


def it_defines_the_comment_styles_in_a_regenerated_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.helpers import build

    first = tmp_path / "report.docx"
    build(capsys, "-o", str(first))
    reviewed = tmp_path / "reviewed.docx"
    review(first, reviewed)  # adds a reviewer's comment with python-docx
    nxt = tmp_path / "next.docx"
    build(
        capsys, "--data", str(corrected_data(tmp_path)), "--previous", str(reviewed), "-o", str(nxt)
    )
    assert _dangling_styles(nxt) == set()


def it_writes_a_dashboard_with_pasted_control_characters(tmp_path: Path) -> None:
    import csv

    from narrator.pipeline import prepare, report_of
    from tests.conftest import Q1_2024_25, SAMPLE_CONFIG

    with Q1_2024_25.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    name, period = rows[0].index("Indicator"), rows[0].index("Latest Period")
    rows[1][name] += "\x01"
    rows[2][period] = "\x1fQ1 2024/25"
    data = tmp_path / "pasted.csv"
    with data.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    prepared = prepare(SAMPLE_CONFIG, data=data)
    assert [p.location.row for p in prepared.problems if p.code == "control-character"] == [2, 3]
    out = tmp_path / "report.docx"
    write_report(report_of(prepared), out)
    assert problems(out) == []
