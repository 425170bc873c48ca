"""Regenerating a reviewed report after data corrections: the reviewer's edits stay, every
change narrator makes is a tracked change, and an edited report is never overwritten."""

from __future__ import annotations

import csv
import io
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from narrator.language.assemble import indicator_key
from narrator.word import comments, markers, revisions, wordxml
from tests.conftest import Q1_2024_25, SAMPLE
from tests.conftest import run_cli as run
from tests.docx_read import read_paragraphs, read_table_rows
from tests.helpers import (
    ADDED_AFTER,
    COMMENTED,
    DELETED,
    EDITED,
    NUMBERED,
    QUARTILE_COLUMN,
    QUERIED,
    REVIEWER_COMMENT,
    REVIEWER_PARAGRAPH,
    UNGROUPED_CONFIG,
    UNTOUCHED,
    build,
    convert,
    corrected_data,
    needs_soffice,
    paragraph_of,
    query_free_text,
    review,
    soffice,
)

GROUPED_CONFIG = SAMPLE / "config.yaml"


def accepted(path: Path, tmp_path: Path) -> Path:
    """`path` with every tracked change accepted."""
    document = Document(str(path))
    revisions.accept_all(document)
    out = tmp_path / f"{path.stem}-accepted.docx"
    document.save(str(out))
    return out


def _texts(path: Path) -> list[tuple[str, str]]:
    return [(p.style, p.text) for p in read_paragraphs(path)]


@pytest.fixture
def reviewed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, str]:
    first = tmp_path / "report.docx"
    build(capsys, "-o", str(first))
    out = tmp_path / "reviewed.docx"
    return out, review(first, out)


@pytest.mark.parametrize("office", ["python-docx", "libreoffice"])
def test_regenerating_keeps_the_reviewers_edits_and_tracks_the_corrections(
    office: str,
    reviewed: tuple[Path, str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    previous, reworded = reviewed
    if office == "libreoffice":
        if shutil.which("soffice") is None:
            pytest.skip("LibreOffice (soffice) not installed")
        previous = convert(previous, "docx", tmp_path)
    data = corrected_data(tmp_path)
    nxt = tmp_path / "next.docx"
    summary = build(capsys, "--data", str(data), "--previous", str(previous), "-o", str(nxt))
    assert "regenerated 1," in summary and "conflicts 1," in summary
    assert "kept as edited 0," in summary and "deleted 1," in summary
    assert f"deleted by the reviewer (not restored): {indicator_key(DELETED)}" in summary

    # the reviewer's text is all there, their comment too
    paragraphs = read_paragraphs(nxt)
    texts = [p.text for p in paragraphs]
    assert reworded in texts
    assert "percentage of assessments completed" in texts[texts.index(REVIEWER_PARAGRAPH) - 1]
    assert not any(p.key == indicator_key(DELETED) for p in paragraphs)
    document = Document(str(nxt))
    comments = {c.author: c for c in document.comments}
    assert comments["Jane Reviewer"].text == REVIEWER_COMMENT

    # the untouched paragraph shows the corrected figure as a tracked change, and only it
    body = wordxml.body_paragraphs(document)
    keys = [p.key for p in paragraphs]
    untouched = body[keys.index(indicator_key(UNTOUCHED))]
    inserted = "".join(untouched.xpath(".//w:ins/w:r/w:t/text()"))
    deleted = "".join(untouched.xpath(".//w:del/w:r/w:delText/text()"))
    assert "91.8%" in inserted and "91.5%" in deleted
    assert "91.8%" not in deleted and "Secondary" not in inserted  # word level, not the paragraph
    assert set(untouched.xpath(".//w:ins/@w:author | .//w:del/@w:author")) == {"narrator"}
    assert set(untouched.xpath(".//w:ins/@w:date")) == {"2024-09-03T00:00:00Z"}
    tracked = [key for key, p in zip(keys, body, strict=True) if p.xpath(".//w:ins | .//w:del")]
    assert tracked == [indicator_key(UNTOUCHED)]

    # the edited paragraph keeps its wording and carries a comment with the new figure
    edited = body[keys.index(indicator_key(EDITED))]
    assert not edited.xpath(".//w:ins | .//w:del")
    (note,) = [c for c in document.comments if c.author == "narrator"]
    assert "93.4%" in note.text and "Newly generated wording" in note.text
    anchored = document.element.body.xpath(
        f'.//w:p[w:commentRangeStart[@w:id="{note.comment_id}"]]'
    )
    assert anchored == [edited]

    # numbering is still one continuous list
    numbered = [p for p in paragraphs if p.style == NUMBERED]
    assert all(p.numbered for p in numbered) and len({p.num_id for p in numbered}) == 1

    # Accept All gives the clean build of the corrected data plus the reviewer's edits
    clean = tmp_path / "clean.docx"
    build(capsys, "--data", str(data), "-o", str(clean))
    expected = _texts(clean)
    edited_new = next(p.text for p in read_paragraphs(clean) if p.key == indicator_key(EDITED))
    expected[expected.index((NUMBERED, edited_new))] = (NUMBERED, reworded)
    deleted_text = next(p.text for p in read_paragraphs(clean) if p.key == indicator_key(DELETED))
    expected.remove((NUMBERED, deleted_text))
    after = next(p.text for p in read_paragraphs(clean) if p.key == indicator_key(ADDED_AFTER))
    expected.insert(expected.index((NUMBERED, after)) + 1, (NUMBERED, REVIEWER_PARAGRAPH))
    done = accepted(nxt, tmp_path)
    assert _texts(done) == expected
    assert read_table_rows(done) == read_table_rows(clean)
    assert revisions.revision_count(Document(str(done))) == 0


def test_the_appendix_table_shows_the_corrected_figures_as_tracked_changes(
    reviewed: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    previous, _ = reviewed
    nxt = tmp_path / "next.docx"
    data = corrected_data(tmp_path)
    build(capsys, "--data", str(data), "--previous", str(previous), "-o", str(nxt))
    rows = {row[1]: row for row in read_table_rows(nxt)}
    assert rows[EDITED][2] == "93.4%" and rows[UNTOUCHED][2] == "91.8%"
    table = Document(str(nxt)).tables[0]._tbl
    assert sorted(table.xpath(".//w:ins//w:t/text()")) == ["91.8%", "93.4%"]
    assert sorted(table.xpath(".//w:del//w:delText/text()")) == ["91.5%", "92.9%"]


def test_regenerating_with_the_same_data_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], reviewed: tuple[Path, str]
) -> None:
    first = tmp_path / "report.docx"
    again = tmp_path / "again.docx"
    build(capsys, "--previous", str(first), "-o", str(again))
    document = Document(str(again))
    assert revisions.revision_count(document) == 0
    assert list(document.comments) == []
    assert _texts(again) == _texts(first)
    assert read_table_rows(again) == read_table_rows(first)

    # and once a reviewed report has been regenerated, doing it again adds nothing
    previous, _ = reviewed
    data = corrected_data(tmp_path)
    once, twice = tmp_path / "once.docx", tmp_path / "twice.docx"
    build(capsys, "--data", str(data), "--previous", str(previous), "-o", str(once))
    summary = build(capsys, "--data", str(data), "--previous", str(once), "-o", str(twice))
    assert "regenerated 0," in summary and "conflicts 0," in summary
    assert "kept as edited 1," in summary
    for member in ("word/document.xml", "word/comments.xml"):
        assert _member(twice, member) == _member(once, member)


def _member(path: Path, name: str) -> bytes:
    with zipfile.ZipFile(path) as package:
        return package.read(name)


def test_an_edited_report_is_not_overwritten(
    reviewed: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    previous, _ = reviewed
    before = previous.read_bytes()
    code, _, err = run(["build", str(UNGROUPED_CONFIG), "-o", str(previous)], capsys)
    assert code != 0
    assert "edited since narrator wrote it" in err and "--previous" in err
    assert "Traceback" not in err
    assert previous.read_bytes() == before
    assert sorted(p.name for p in previous.parent.iterdir()) == ["report.docx", "reviewed.docx"]


def test_force_overwrites_an_edited_report_and_keeps_a_backup(
    reviewed: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    previous, _ = reviewed
    before = previous.read_bytes()
    build(capsys, "-o", str(previous), "--force")
    backup = previous.with_name("reviewed.docx.bak")
    assert backup.read_bytes() == before
    assert REVIEWER_PARAGRAPH not in [p.text for p in read_paragraphs(previous)]
    build(capsys, "-o", str(previous))  # now narrator's own again: no --force needed


def test_a_forced_build_that_fails_leaves_the_report_and_no_backup(
    reviewed: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    previous, _ = reviewed
    before = previous.read_bytes()
    bad = tmp_path / "bad.csv"
    bad.write_text("Indicator,Latest Value\nfoo,abc\n", encoding="utf-8")
    code, _, err = run(
        ["build", str(UNGROUPED_CONFIG), "--data", str(bad), "-o", str(previous), "--force"], capsys
    )
    assert code != 0 and "missing" in err and "kept a copy" not in err
    assert previous.read_bytes() == before
    assert not list(previous.parent.glob("*.bak*"))


def test_a_file_narrator_did_not_write_is_not_overwritten(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    theirs = tmp_path / "theirs.docx"
    Document().save(str(theirs))
    before = theirs.read_bytes()
    code, _, err = run(["build", str(UNGROUPED_CONFIG), "-o", str(theirs)], capsys)
    assert code != 0 and "not a report narrator wrote" in err
    assert theirs.read_bytes() == before


def test_regenerating_in_place_keeps_a_backup(
    reviewed: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    previous, reworded = reviewed
    before = previous.read_bytes()
    data = corrected_data(tmp_path)
    build(capsys, "--data", str(data), "--previous", str(previous), "-o", str(previous))
    assert previous.with_name("reviewed.docx.bak").read_bytes() == before
    assert reworded in [p.text for p in read_paragraphs(previous)]


@needs_soffice
def test_a_regenerated_report_renders_in_libreoffice(
    reviewed: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    previous, _ = reviewed
    nxt = tmp_path / "next.docx"
    build(capsys, "--data", str(corrected_data(tmp_path)), "--previous", str(previous), "-o",
          str(nxt))  # fmt: skip
    pdf = convert(nxt, "pdf", tmp_path)
    assert pdf.read_bytes().startswith(b"%PDF")


def _rewrite_rows(tmp_path: Path, drop: str, rename: tuple[str, str]) -> Path:
    """The sample dashboard without `drop`'s row and with one indicator renamed (a new one)."""
    rows = list(csv.reader(io.StringIO(Q1_2024_25.read_text(encoding="utf-8"))))
    name = rows[0].index("Indicator")
    kept = [rows[0]]
    for row in rows[1:]:
        if row[name] == drop:
            continue
        if row[name] == rename[0]:
            row[name] = rename[1]
        kept.append(row)
    out = tmp_path / "changed.csv"
    with out.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows(kept)
    return out


def test_new_indicators_are_inserted_and_gone_ones_deleted_as_tracked_changes(
    reviewed: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    previous, _ = reviewed
    renamed = "Eligible 2 and 3-year olds taking up their FEEE in a high-quality provision"
    data = _rewrite_rows(tmp_path, COMMENTED, (renamed, "Early years places rated Good"))
    nxt = tmp_path / "next.docx"
    summary = build(capsys, "--data", str(data), "--previous", str(previous), "-o", str(nxt))
    assert "new 1," in summary and "removed 2;" in summary  # the commented one and the renamed
    document = Document(str(nxt))
    added = paragraph_of(document, indicator_key("Early years places rated Good"))._p
    assert added.xpath("./w:pPr/w:rPr/w:ins") and added.xpath(".//w:ins/w:r/w:t")
    key_map = markers.read_key_map(document)
    around = [
        key_map.get(markers.marker_digits(p) or "") for p in (added.getprevious(), added.getnext())
    ]
    assert around == [indicator_key(EDITED), indicator_key(renamed)]  # after its new neighbour
    gone = paragraph_of(document, indicator_key(COMMENTED))._p
    assert revisions.is_deleted(gone)
    done = accepted(nxt, tmp_path)
    texts = [p.text for p in read_paragraphs(done)]
    assert not any("re-referrals" in t.lower() for t in texts)
    assert any("FEEE" in t and "rated Good" not in t for t in texts)  # the others stay
    numbered = [p for p in read_paragraphs(done) if p.style == NUMBERED]
    assert all(p.numbered for p in numbered) and len({p.num_id for p in numbered}) == 1
    # the appendix follows: the new indicator's row inserted, the gone ones' rows deleted
    table = Document(str(nxt)).tables[0]
    inserted = [tr for tr in table.rows if tr._tr.xpath("./w:trPr/w:ins")]
    deleted = [tr for tr in table.rows if tr._tr.xpath("./w:trPr/w:del")]
    assert [wordxml.paragraph_text(tr.cells[1].paragraphs[0]._p) for tr in inserted] == [
        "Early years places rated Good"
    ]
    assert len(deleted) == 2
    area = wordxml.paragraph_text(inserted[0].cells[0].paragraphs[0]._p)
    assert area == "Early Years"
    trs = [tr._tr for tr in table.rows]
    after = table.rows[trs.index(inserted[0]._tr) + 1]
    assert wordxml.paragraph_text(after.cells[0].paragraphs[0]._p) == "Education"  # group end
    names = [row[1] for row in read_table_rows(done)[1:]]
    assert "Early years places rated Good" in names
    assert COMMENTED not in names and renamed not in names
    assert len(names) == 21


def test_diff_names_the_changed_figures_and_paragraphs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = corrected_data(tmp_path)
    code, out, _ = run(
        ["diff", str(Q1_2024_25), str(data), "--config", str(UNGROUPED_CONFIG)], capsys
    )
    assert code == 0
    assert f"{EDITED} [paragraph 22, {indicator_key(EDITED)}]" in out
    assert "latest: '92.9%' -> '93.4%'" in out and "latest: '91.5%' -> '91.8%'" in out
    assert "Paragraphs whose text changes: 2" in out
    assert f"28 -> 28  {indicator_key(UNTOUCHED)}" in out
    code, out, _ = run(["diff", str(Q1_2024_25), str(Q1_2024_25)], capsys)
    assert code == 0 and out.strip() == "No figures changed."


NEET = "NEET young people aged 16-17"
QUARTILE = "National benchmark (quartile 1 = top)"


def _with_cells(tmp_path: Path, name: str, changes: dict[str, dict[str, str]]) -> Path:
    """The query-free sample dashboard (UNGROUPED_CONFIG's) with `changes` ({indicator:
    {column: new text}}) made."""
    rows = list(csv.reader(io.StringIO(query_free_text())))
    column = {header: i for i, header in enumerate(rows[0])}
    for row in rows[1:]:
        for header, value in changes.get(row[column["Indicator"]], {}).items():
            row[column[header]] = value
    out = tmp_path / name
    with out.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows(rows)
    return out


def _narrator_notes(path: Path, indicator: str) -> list[str]:
    """The texts of narrator's comments anchored in `indicator`'s paragraph."""
    document = Document(str(path))
    p = paragraph_of(document, indicator_key(indicator))._p
    return [t for _, a, t in comments.paragraph_comments(document, p) if a == "narrator"]


def test_narrators_warnings_follow_the_corrected_data(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Amber in the top quartile (the national tables' quartile too, since issue 22: the RAG is the
    # only thing wrong)
    warned = _with_cells(tmp_path, "warned.csv", {NEET: {"Status RAG": "Amber"}})
    fixed = _with_cells(tmp_path, "fixed.csv", {NEET: {"Status RAG": "Green"}})
    first = tmp_path / "first.docx"
    build(capsys, "--data", str(warned), "-o", str(first))
    (warning,) = _narrator_notes(first, NEET)
    assert warning.startswith(
        'narrator: warned.csv, row 21, column "Status RAG": RAG Amber does not fit'
    )

    # the data team fixes the RAG: the warning no longer holds and goes
    corrected = tmp_path / "corrected.docx"
    summary = build(capsys, "--data", str(fixed), "--previous", str(first), "-o", str(corrected))
    assert f"outdated narrator comment removed: {indicator_key(NEET)}" in summary
    assert list(Document(str(corrected)).comments) == []

    # the figure comes back wrong: the warning is added, as a fresh build has it
    again = tmp_path / "again.docx"
    summary = build(capsys, "--data", str(warned), "--previous", str(corrected), "-o", str(again))
    assert f"new warning (comment added): {indicator_key(NEET)}" in summary
    assert _narrator_notes(again, NEET) == [warning]
    assert revisions.revision_count(Document(str(again))) == 2  # the RAG and quartile cells

    # the reviewer deletes the warning: it is not put back while it still holds
    document = Document(str(again))
    (comment,) = document.comments
    comments.remove_comment(document, str(comment.comment_id))
    dismissed = tmp_path / "dismissed.docx"
    document.save(str(dismissed))
    kept = tmp_path / "kept.docx"
    summary = build(capsys, "--data", str(warned), "--previous", str(dismissed), "-o", str(kept))
    assert "new warning" not in summary and "comment removed" not in summary
    assert list(Document(str(kept)).comments) == []


def test_the_samples_query_stays_once_through_regeneration(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The sample as the department published it: its one query (SAMPLE_QUERY) is narrator's
    one comment, on the queried paragraph; regenerating with the same data keeps it, once,
    and changes nothing."""
    first, again = tmp_path / "first.docx", tmp_path / "again.docx"
    code, _, err = run(["build", str(GROUPED_CONFIG), "-o", str(first)], capsys)
    assert code == 0, err
    notes = _narrator_notes(first, QUERIED)
    assert len(notes) == 1 and notes[0].startswith(
        f'narrator: dashboard-q1-2024-25.csv, row 5, column "{QUARTILE_COLUMN}": the dashboard '
        "gives quartile 3, but the national tables give 2: "
    )
    assert [c.author for c in Document(str(first)).comments] == ["narrator"]
    argv = ["build", str(GROUPED_CONFIG), "--previous", str(first), "-o", str(again)]
    code, _, err = run(argv, capsys)
    assert code == 0, err
    assert _narrator_notes(again, QUERIED) == notes
    assert [c.author for c in Document(str(again)).comments] == ["narrator"]
    assert revisions.revision_count(Document(str(again))) == 0
    assert _texts(again) == _texts(first)


def test_a_conflict_note_gives_way_to_newer_figures(
    reviewed: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    previous, reworded = reviewed
    once = tmp_path / "once.docx"
    build(capsys, "--data", str(corrected_data(tmp_path)), "--previous", str(previous), "-o",
          str(once))  # fmt: skip
    (note,) = _narrator_notes(once, EDITED)
    assert "93.4%" in note

    # a second correction to the same figure: one note, with the newest figures only
    newer = _with_cells(tmp_path, "newer.csv", {EDITED: {"Latest Value": "93.9%"}})
    twice = tmp_path / "twice.docx"
    summary = build(capsys, "--data", str(newer), "--previous", str(accepted(once, tmp_path)),
                    "-o", str(twice))  # fmt: skip
    assert "conflicts 1," in summary
    assert f"outdated narrator comment removed: {indicator_key(EDITED)}" in summary
    (note,) = _narrator_notes(twice, EDITED)
    assert "93.9%" in note and "93.4%" not in note
    comments = Document(str(twice)).comments
    assert sorted(c.author for c in comments) == ["Jane Reviewer", "narrator"]
    assert reworded in [p.text for p in read_paragraphs(twice)]

    # the figure goes back to what the reviewer worked from: no note is left
    back = tmp_path / "back.docx"
    summary = build(capsys, "--previous", str(twice), "-o", str(back))
    assert "conflicts 0," in summary and "kept as edited 1," in summary
    assert _narrator_notes(back, EDITED) == []

    # and the newer figure again: the note comes back
    last = tmp_path / "last.docx"
    summary = build(capsys, "--data", str(newer), "--previous", str(back), "-o", str(last))
    assert "conflicts 1," in summary
    (note,) = _narrator_notes(last, EDITED)
    assert "93.9%" in note


_W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
_W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
_EXTENDED = "http://schemas.microsoft.com/office/2011/relationships/commentsExtended"


def _with_comments_extended(source: Path, out: Path, entries: str) -> None:
    """`source` with its one comment's paragraph given w14:paraId 1A2B3C4D and a Word
    commentsExtended part holding `entries` (w15:commentEx elements)."""
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    document = Document(str(source))
    (comment,) = document.comments
    comment._comment_elm.xpath(".//w:p")[0].set(f"{{{_W14}}}paraId", "1A2B3C4D")
    blob = f'<w15:commentsEx xmlns:w15="{_W15}">{entries}</w15:commentsEx>'.encode()
    content_type = (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml"
    )
    part = Part(PackURI("/word/commentsExtended.xml"), content_type, blob, document.part.package)
    document.part.relate_to(part, _EXTENDED)
    document.save(str(out))


def _extended_xml(path: Path) -> bytes:
    return _member(path, "word/commentsExtended.xml")


def test_a_replied_to_note_stays_and_word_side_entries_go_with_a_removed_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    warned = _with_cells(tmp_path, "warned.csv", {NEET: {"Status RAG": "Amber"}})
    fixed = _with_cells(tmp_path, "fixed.csv", {NEET: {"Status RAG": "Green"}})
    first = tmp_path / "first.docx"
    build(capsys, "--data", str(warned), "-o", str(first))
    replied = tmp_path / "replied.docx"
    _with_comments_extended(
        first,
        replied,
        '<w15:commentEx w15:paraId="1A2B3C4D" w15:done="0"/>'
        '<w15:commentEx w15:paraId="5E6F7A8B" w15:paraIdParent="1A2B3C4D" w15:done="0"/>',
    )
    out = tmp_path / "out.docx"
    summary = build(capsys, "--data", str(fixed), "--previous", str(replied), "-o", str(out))
    assert "comment removed" not in summary
    assert len(_narrator_notes(out, NEET)) == 1

    alone = tmp_path / "alone.docx"
    _with_comments_extended(first, alone, '<w15:commentEx w15:paraId="1A2B3C4D" w15:done="0"/>')
    summary = build(capsys, "--data", str(fixed), "--previous", str(alone), "-o", str(out))
    assert "outdated narrator comment removed" in summary
    assert _narrator_notes(out, NEET) == []
    assert b"1A2B3C4D" in _extended_xml(alone) and b"1A2B3C4D" not in _extended_xml(out)
    body = _member(out, "word/document.xml")
    assert b"commentRangeStart" not in body and b"commentReference" not in body


def test_diff_of_two_configs_compares_their_dashboards(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = corrected_data(tmp_path)
    config = tmp_path / "corrected.yaml"
    text = UNGROUPED_CONFIG.read_text(encoding="utf-8")
    text = text.replace("dashboard: dashboard-q1-2024-25.csv", f"dashboard: {data}")
    for name in ("catalogue.yaml", "commentary.yaml", "spotlight.md", "phrasebook.yaml"):
        shutil.copy(UNGROUPED_CONFIG.parent / name, tmp_path / name)
    shutil.copytree(UNGROUPED_CONFIG.parent / "national", tmp_path / "national")
    config.write_text(text, encoding="utf-8")
    code, out, _ = run(["diff", str(UNGROUPED_CONFIG), str(config)], capsys)
    assert code == 0
    assert "latest: '92.9%' -> '93.4%'" in out and "latest: '91.5%' -> '91.8%'" in out
    assert "Paragraphs whose text changes: 2" in out
    assert f"28 -> 28  {indicator_key(UNTOUCHED)}" in out


def test_diff_of_a_config_and_a_dashboard_says_what_it_needs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(["diff", str(UNGROUPED_CONFIG), str(corrected_data(tmp_path))], capsys)
    assert code != 0 and out == ""
    assert "both be dashboards or both be report configs" in err
    assert f"--config {UNGROUPED_CONFIG}" in err and "Traceback" not in err


def test_a_row_the_reviewer_added_to_the_appendix_stays(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import copy

    from docx.table import _Row

    first = tmp_path / "report.docx"
    build(capsys, "-o", str(first))
    document = Document(str(first))
    table = document.tables[0]
    last = table.rows[-1]._tr
    added = copy.deepcopy(last)
    last.addnext(added)
    local = "Local measure: EHE visits within 10 days"
    for cell, text in zip(_Row(added, table).cells, ["", local, "88%"], strict=False):
        cell.paragraphs[0].runs[0].text = text
    reviewed = tmp_path / "reviewed.docx"
    document.save(str(reviewed))
    nxt = tmp_path / "next.docx"
    data = corrected_data(tmp_path)
    summary = build(capsys, "--data", str(data), "--previous", str(reviewed), "-o", str(nxt))
    assert "appendix cells and rows changed 2" in summary  # the two corrected figures only
    rows = Document(str(nxt)).tables[0].rows
    assert not [tr for tr in rows if tr._tr.xpath("./w:trPr/w:del")]
    assert [r[1:3] for r in read_table_rows(accepted(nxt, tmp_path))][-1] == [local, "88%"]


@needs_soffice
def test_a_libreoffice_save_of_a_regenerated_report_is_not_an_edit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = tmp_path / "report.docx"
    build(capsys, "-o", str(first))
    document = Document(str(first))
    edited = paragraph_of(document, indicator_key(EDITED))
    edited.runs[0].text = "Take-up rose again this term. " + edited.runs[0].text
    later = paragraph_of(document, indicator_key(UNTOUCHED))  # after EDITED in the report
    document.add_comment(later.runs, text=REVIEWER_COMMENT, author="Jane Reviewer")
    reviewed = tmp_path / "reviewed.docx"
    document.save(str(reviewed))
    nxt = tmp_path / "next.docx"
    data = corrected_data(tmp_path)
    build(capsys, "--data", str(data), "--previous", str(reviewed), "-o", str(nxt))
    # narrator's note (made last) is anchored first: LibreOffice writes the comments reordered
    saved = convert(nxt, "docx", tmp_path)
    authors = [c.author for c in Document(str(saved)).comments]
    assert authors == ["narrator", "Jane Reviewer"]
    code, _, err = run(
        ["build", str(UNGROUPED_CONFIG), "--data", str(data), "-o", str(saved)], capsys
    )
    assert code == 0, err


def _tiny_png() -> bytes:
    """A 1x1 white PNG."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\xff\xff")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def _picture_blobs(path: Path) -> list[bytes]:
    document = Document(str(path))
    return [
        document.part.related_parts[shape._inline.graphic.graphicData.pic.blipFill.blip.embed].blob
        for shape in document.inline_shapes
        if shape._inline.graphic.graphicData.pic is not None
    ]


def _chart_data(path: Path) -> list[tuple[str, str, Any, list[Any]]]:
    """Each native chart's name, alt text, series (from its XML) and workbook rows."""
    from tests.chartdata import read_charts

    return [(c.name, c.description, c.series, c.workbook) for c in read_charts(path)]


def test_the_charts_are_redrawn_and_a_picture_the_reviewer_added_is_left_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = tmp_path / "report.docx"
    build(capsys, "-o", str(first))
    document = Document(str(first))
    document.add_paragraph("Figure 2: the service's own chart.")
    document.add_picture(io.BytesIO(_tiny_png()))
    reviewed = tmp_path / "reviewed.docx"
    document.save(str(reviewed))
    charts = _chart_data(reviewed)
    (theirs,) = _picture_blobs(reviewed)
    moved = _with_cells(tmp_path, "moved.csv", {NEET: {QUARTILE: "2", "Status RAG": "Amber"}})
    nxt = tmp_path / "next.docx"
    build(capsys, "--data", str(moved), "--previous", str(reviewed), "-o", str(nxt))
    clean = tmp_path / "clean.docx"
    build(capsys, "--data", str(moved), "-o", str(clean))
    new_charts = _chart_data(clean)
    assert new_charts != charts  # the correction moves the quartile and RAG counts
    assert _chart_data(nxt) == new_charts
    assert _picture_blobs(nxt) == [theirs]
    # the charts are narrator's: regenerating them is no reviewer edit
    again = tmp_path / "again.docx"
    build(capsys, "--data", str(moved), "--previous", str(nxt), "-o", str(again))
    assert _chart_data(again) == new_charts


@needs_soffice
def test_charts_saved_by_libreoffice_are_found_again_and_redrawn(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """LibreOffice keeps a chart's data and workbook but renames it "Object1" and drops its alt
    text: regeneration finds each by its title, gives it the new data, its name and alt text."""
    first = tmp_path / "report.docx"
    build(capsys, "-o", str(first))
    saved = convert(first, "docx", tmp_path)
    from tests.chartdata import read_charts

    read = read_charts(saved)
    assert [c.series for c in read] == [c.series for c in read_charts(first)]
    assert [c.workbook for c in read] == [c.workbook for c in read_charts(first)]
    assert not {c.name for c in read} & {c.name for c in read_charts(first)}
    moved = _with_cells(tmp_path, "moved.csv", {NEET: {QUARTILE: "2", "Status RAG": "Amber"}})
    nxt = tmp_path / "next.docx"
    build(capsys, "--data", str(moved), "--previous", str(saved), "-o", str(nxt))
    clean = tmp_path / "clean.docx"
    build(capsys, "--data", str(moved), "-o", str(clean))
    assert _chart_data(nxt) == _chart_data(clean)


def test_a_summary_picture_of_an_earlier_narrator_becomes_native_charts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Reports written before native charts carry the summary as a picture: regeneration puts
    the native charts in its place and drops the picture."""
    from narrator.word.charts.appendix import PICTURE_NAME

    first = tmp_path / "report.docx"
    build(capsys, "-o", str(first))
    document = Document(str(first))
    figure = document.element.body.xpath(".//w:p[.//c:chart]")[0]
    for r in figure.xpath("./w:r"):
        figure.remove(r)
    figure.getparent().remove(figure.getnext())  # reports of the time had no caption
    from docx.text.paragraph import Paragraph

    picture = Paragraph(figure, document._body).add_run().add_picture(io.BytesIO(_tiny_png()))
    picture._inline.docPr.set("name", PICTURE_NAME)
    old = tmp_path / "old.docx"
    document.save(str(old))
    assert not _chart_data(old)
    nxt = tmp_path / "next.docx"
    build(capsys, "--previous", str(old), "-o", str(nxt))
    assert _chart_data(nxt) == _chart_data(first)
    assert _picture_blobs(nxt) == []
    captions = [p.text for p in read_paragraphs(nxt) if p.style == "Caption"]
    assert captions == [p.text for p in read_paragraphs(first) if p.style == "Caption"]
    with zipfile.ZipFile(nxt) as package:
        assert not [n for n in package.namelist() if n.startswith("word/media/")]


def _reviewed_table(tmp_path: Path, capsys: pytest.CaptureFixture[str], edit: Any) -> Path:
    """A fresh sample report whose appendix table `edit(table)` has changed, as a reviewer."""
    first = tmp_path / "report.docx"
    build(capsys, "-o", str(first))
    document = Document(str(first))
    edit(document.tables[0])
    reviewed = tmp_path / "reviewed.docx"
    document.save(str(reviewed))
    return reviewed


def test_an_appendix_row_the_reviewer_deleted_stays_deleted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def drop(table: Any) -> None:
        (tr,) = [tr._tr for tr in table.rows if tr.cells[1].text == DELETED]
        tr.getparent().remove(tr)

    reviewed = _reviewed_table(tmp_path, capsys, drop)
    nxt = tmp_path / "next.docx"
    data = corrected_data(tmp_path)
    summary = build(capsys, "--data", str(data), "--previous", str(reviewed), "-o", str(nxt))
    assert f"appendix row deleted by the reviewer (not restored): {DELETED}" in summary
    assert "appendix cells and rows changed 2" in summary
    table = Document(str(nxt)).tables[0]
    assert not table._tbl.xpath(".//w:trPr/w:ins")
    names = [row[1] for row in read_table_rows(accepted(nxt, tmp_path))]
    assert DELETED not in names and EDITED in names and len(names) == 22  # header + 21


def test_a_renamed_appendix_column_does_not_stop_the_table_being_updated(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def rename(table: Any) -> None:
        table.rows[0].cells[2].paragraphs[0].runs[0].text = "Latest"

    reviewed = _reviewed_table(tmp_path, capsys, rename)
    nxt = tmp_path / "next.docx"
    data = corrected_data(tmp_path)
    summary = build(capsys, "--data", str(data), "--previous", str(reviewed), "-o", str(nxt))
    assert "appendix cells and rows changed 2" in summary and "NOT updated" not in summary
    rows = {row[1]: row for row in read_table_rows(accepted(nxt, tmp_path))}
    assert rows[EDITED][2] == "93.4%" and rows[UNTOUCHED][2] == "91.8%"
    assert rows["Indicator"][2] == "Latest"


def test_a_missing_appendix_table_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def remove(table: Any) -> None:
        table._tbl.getparent().remove(table._tbl)

    reviewed = _reviewed_table(tmp_path, capsys, remove)
    nxt = tmp_path / "next.docx"
    data = corrected_data(tmp_path)
    summary = build(capsys, "--data", str(data), "--previous", str(reviewed), "-o", str(nxt))
    assert "appendix dashboard table was not found" in summary
    assert "its figures were NOT updated" in summary


_LIBRARIES = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE library:libraries PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "libraries.dtd">
<library:libraries xmlns:library="http://openoffice.org/2000/library" xmlns:xlink="http://www.w3.org/1999/xlink">
 <library:library library:name="Standard" library:link="false"/>
</library:libraries>
"""
_LIBRARY = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE library:library PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "library.dtd">
<library:library xmlns:library="http://openoffice.org/2000/library" library:name="Standard"
 library:readonly="false" library:passwordprotected="false">{element}</library:library>
"""
_ACCEPT_ALL = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1"
 script:language="StarBasic">
Sub AcceptAll(source As String, target As String)
  Dim hidden(0) As New com.sun.star.beans.PropertyValue
  hidden(0).Name = &quot;Hidden&quot;
  hidden(0).Value = True
  document = StarDesktop.loadComponentFromURL(ConvertToURL(source), &quot;_blank&quot;, 0, hidden())
  helper = createUnoService(&quot;com.sun.star.frame.DispatchHelper&quot;)
  Dim none()
  frame = document.getCurrentController().getFrame()
  helper.executeDispatch(frame, &quot;.uno:AcceptAllTrackedChanges&quot;, &quot;&quot;, 0, none())
  Dim filter(0) As New com.sun.star.beans.PropertyValue
  filter(0).Name = &quot;FilterName&quot;
  filter(0).Value = &quot;MS Word 2007 XML&quot;
  document.storeToURL(ConvertToURL(target), filter())
  document.close(True)
End Sub
</script:module>
"""


def _libreoffice_accept_all(source: Path, tmp_path: Path) -> Path:
    """`source` with every tracked change accepted by LibreOffice itself (Edit > Track Changes >
    Accept All), run as a Basic macro in a private profile: an oracle independent of
    narrator.word.revisions.accept_all."""
    import os
    import subprocess

    assert soffice is not None
    profile = tmp_path / "lo-macro-profile"
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    env = {**os.environ, "HOME": str(home)}
    start = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless"]
    # the first start makes the profile (it would overwrite a macro library put there before)
    subprocess.run([*start, "--terminate_after_init"], env=env, capture_output=True, timeout=180)
    basic = profile / "user" / "basic"
    (basic / "Standard").mkdir(parents=True, exist_ok=True)
    for name in ("script.xlc", "dialog.xlc"):
        (basic / name).write_text(_LIBRARIES, encoding="utf-8")
    element = '<library:element library:name="Module1"/>'
    (basic / "Standard" / "script.xlb").write_text(_LIBRARY.format(element=element), "utf-8")
    (basic / "Standard" / "dialog.xlb").write_text(_LIBRARY.format(element=""), "utf-8")
    (basic / "Standard" / "Module1.xba").write_text(_ACCEPT_ALL, encoding="utf-8")
    target = tmp_path / f"{source.stem}-lo-accepted.docx"
    macro = f'macro:///Standard.Module1.AcceptAll("{source}","{target}")'
    subprocess.run([*start, macro], env=env, capture_output=True, timeout=180, check=False)
    assert target.exists(), "LibreOffice did not run the Accept All macro"
    return target


@needs_soffice
def test_libreoffice_accept_all_gives_what_accept_all_gives(
    reviewed: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    previous, _ = reviewed
    renamed = "Eligible 2 and 3-year olds taking up their FEEE in a high-quality provision"
    data = _rewrite_rows(tmp_path, COMMENTED, (renamed, "Early years places rated Good"))
    corrected = _with_cells(tmp_path, "both.csv", {})
    corrected.write_text(data.read_text(encoding="utf-8").replace("91.5%", "91.8%"), "utf-8")
    nxt = tmp_path / "next.docx"
    summary = build(capsys, "--data", str(corrected), "--previous", str(previous), "-o", str(nxt))
    assert "new 1," in summary and "removed 2;" in summary and "regenerated 0," not in summary
    ours, theirs = accepted(nxt, tmp_path), _libreoffice_accept_all(nxt, tmp_path)
    assert revisions.revision_count(Document(str(theirs))) == 0
    assert _texts(theirs) == _texts(ours)
    assert read_table_rows(theirs) == read_table_rows(ours)


def test_a_group_members_correction_regenerates_its_groups_paragraph(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The sample writes the FEEE indicators as one paragraph, keyed by its opening member: a
    correction to a later member's figure regenerates that paragraph as a tracked change, and
    `diff` names the group's paragraph for the member."""
    first = tmp_path / "grouped.docx"
    code, _, err = run(["build", str(GROUPED_CONFIG), "-o", str(first)], capsys)
    assert code == 0, err
    group = indicator_key("Eligible 2 year olds taking up their FEEE")
    data = corrected_data(tmp_path)  # the three-year-olds' 92.9% corrected to 93.4%
    nxt = tmp_path / "next.docx"
    argv = ["build", str(GROUPED_CONFIG), "--data", str(data), "--previous", str(first)]
    code, summary, err = run([*argv, "-o", str(nxt)], capsys)
    assert code == 0, err
    assert "regenerated 2," in summary  # the group's paragraph and the secondary transfer one
    paragraph = paragraph_of(Document(str(nxt)), group)._p
    assert paragraph.xpath(".//w:ins//w:t") and paragraph.xpath(".//w:del//w:delText")
    (done,) = [p for p in read_paragraphs(accepted(nxt, tmp_path)) if p.key == group]
    assert "For three-year-olds, the figure was 93.4%" in done.text
    code, out, _ = run(
        ["diff", str(Q1_2024_25), str(data), "--config", str(GROUPED_CONFIG)], capsys
    )
    assert f"{EDITED} [paragraph 21, {indicator_key(EDITED)}, in {group}]" in out


def test_a_reviewed_group_paragraph_names_each_members_new_figures(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The reviewer reworded the FEEE paragraph and then a member's figure was corrected: the
    conflict note names the member whose figure changed, with what the draft said and what
    the corrected data gives, not only the opening member's."""
    opening = "Eligible 2 year olds taking up their FEEE"
    first = tmp_path / "grouped.docx"
    code, _, err = run(["build", str(GROUPED_CONFIG), "-o", str(first)], capsys)
    assert code == 0, err
    document = Document(str(first))
    paragraph = paragraph_of(document, indicator_key(opening))
    paragraph.runs[0].text = "Take-up was mixed this term. " + paragraph.runs[0].text
    edited = tmp_path / "edited.docx"
    document.save(str(edited))
    nxt = tmp_path / "next.docx"
    argv = ["build", str(GROUPED_CONFIG), "--data", str(corrected_data(tmp_path))]
    code, summary, err = run([*argv, "--previous", str(edited), "-o", str(nxt)], capsys)
    assert code == 0, err
    assert "conflicts 1," in summary
    (note,) = _narrator_notes(nxt, opening)
    changed = f"{EDITED}: the draft said 92.9%; the corrected data gives 93.4%."
    assert f"please check it. {changed} Newly generated wording" in note
    assert f"{opening}:" not in note  # its figures did not change
