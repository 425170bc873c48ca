"""The sample as shipped: CSV and Excel give the same report (the installed wheel's own run of
the sample is tests/test_wheel.py)."""

from __future__ import annotations

from tests.conftest import SAMPLE, SAMPLE_CONFIG


def it_words_the_excel_sample_exactly_as_the_csv(prepared_q1) -> None:  # type: ignore[no-untyped-def]
    from narrator.pipeline import prepare

    workbook = SAMPLE / "dashboard-q1-2024-25.xlsx"
    from_excel = prepare(SAMPLE_CONFIG, data=workbook)
    assert not from_excel.problems
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
