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
