"""The sample as shipped: CSV and Excel give the same report (the installed wheel's own run of
the sample is tests/test_wheel.py)."""

from __future__ import annotations

from tests.conftest import SAMPLE, SAMPLE_CONFIG
from tests.helpers import SAMPLE_QUERY, queries


def it_words_the_excel_sample_exactly_as_the_csv(prepared_q1) -> None:  # type: ignore[no-untyped-def]
    from narrator.pipeline import prepare

    workbook = SAMPLE / "dashboard-q1-2024-25.xlsx"
    from_excel = prepare(SAMPLE_CONFIG, data=workbook)
    assert queries(from_excel.problems) == queries(prepared_q1.problems) == [SAMPLE_QUERY]
    (query,) = from_excel.problems
    assert (query.location.cell, query.value) == ("M7", "3")  # the workbook's own cell
    assert [t.text for t in from_excel.texts] == [t.text for t in prepared_q1.texts]


def it_shows_in_the_readme_the_paragraph_the_sample_gives(prepared_q1) -> None:  # type: ignore[no-untyped-def]
    """The README's front-door example is the sample's own paragraph, word for word: a wording
    change that forgets the README fails here."""
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    start = readme.index("narrator writes:")
    lines = readme[start:].splitlines()[2:]
    quoted = [line[2:] for line in lines[: lines.index("")] if line.startswith("> ")]
    assert quoted, "the README quotes no paragraph after 'narrator writes:'"
    example = " ".join(quoted)
    texts = [t.text for t in prepared_q1.texts]
    assert any(example in text for text in texts), example


def it_keeps_the_workbook_the_tool_makes_from_the_csv(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The committed .xlsx is samples/tools/make_xlsx.py's output for the committed CSV, byte
    for byte, and the tool makes the same bytes each time: a CSV edit whose workbook was not
    made again (or was edited by hand) fails here."""
    import runpy
    import shutil
    from pathlib import Path

    tool = Path(__file__).resolve().parent.parent / "samples" / "tools" / "make_xlsx.py"
    main = runpy.run_path(str(tool))["main"]
    source = shutil.copy(SAMPLE / "dashboard-q1-2024-25.csv", tmp_path / "dashboard.csv")
    first = main(Path(source)).read_bytes()
    assert main(Path(source)).read_bytes() == first
    assert first == (SAMPLE / "dashboard-q1-2024-25.xlsx").read_bytes()
