"""Indicators the catalogue does not know: a sensible paragraph from the dashboard name, and a
warning naming the indicator; a row without a latest figure says so without printing a number."""

from __future__ import annotations

from pathlib import Path

from narrator.model import Severity
from tests.conftest import Q1_2024_25, SAMPLE

TOPIC = (
    '"Help children in Leicestershire to live in safe, stable environments and have secure '
    'attachments",Social Care'
)
ROWS = [
    f"{TOPIC},Children adopted within 12 months,High = Good,Quarter,Q4 2023/24,61.0%,"
    "Q1 2024/25,64.5%,Increase,N/A,N/A,N/A,,,,,,,,",
    f"{TOPIC},Foster carers recruited,N/A,Quarter,Q4 2023/24,12,Q1 2024/25,,N/A,N/A,N/A,N/A,"
    ",,,,,,,",
]


def prepared_with_rows(tmp_path: Path, rows: list[str] = ROWS):  # type: ignore[no-untyped-def]
    from narrator.pipeline import prepare

    dashboard = tmp_path / "dashboard.csv"
    text = Q1_2024_25.read_text(encoding="utf-8").rstrip("\n")
    dashboard.write_text(text + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    config = tmp_path / "config.yaml"
    text = (SAMPLE / "config.yaml").read_text(encoding="utf-8")
    for name in ("catalogue.yaml", "commentary.yaml", "spotlight.md", "phrasebook.yaml"):
        text = text.replace(f": {name}", f": {SAMPLE / name}")
    text = text.replace(": national/", f": {SAMPLE / 'national'}/")
    config.write_text(text, encoding="utf-8")
    return prepare(config, data=dashboard)


def it_words_an_uncatalogued_indicator_from_its_dashboard_name(tmp_path: Path) -> None:
    prepared = prepared_with_rows(tmp_path)
    texts = {t.context.name: t.text for t in prepared.texts}
    assert texts["Children adopted within 12 months"] == (
        "The figure for Children adopted within 12 months was 64.5% at the end of Quarter 1. This "
        "is an improvement of 3.5 percentage points on the end of Quarter 4 (61.0%)."
    )
    assert texts["Foster carers recruited"] == (
        "The figure for Foster carers recruited is not available at the end of Quarter 1."
    )
    warned = {p.location.indicator for p in prepared.problems if p.code == "not-in-catalogue"}
    assert warned == {"Children adopted within 12 months", "Foster carers recruited"}
    assert all(p.severity is Severity.WARNING for p in prepared.problems)


def it_says_how_an_uncatalogued_indicators_figures_were_read(tmp_path: Path) -> None:
    """A percentage written without "%" (92.2 in the Q4 2022/23 dashboard) is read as a plain
    number when the catalogue does not say otherwise: the warning must say so."""
    from narrator.pipeline import prepare

    config = tmp_path / "config.yaml"
    text = (SAMPLE / "config.yaml").read_text(encoding="utf-8")
    (tmp_path / "catalogue.yaml").write_text("indicators: []\n", encoding="utf-8")
    for name in ("commentary.yaml", "spotlight.md", "phrasebook.yaml"):
        text = text.replace(f": {name}", f": {SAMPLE / name}")
    text = text.replace(": national/", f": {SAMPLE / 'national'}/")
    config.write_text(text, encoding="utf-8")
    prepared = prepare(config, data=SAMPLE / "dashboard-q4-2022-23.csv")
    said = {
        p.location.indicator: p.message for p in prepared.problems if p.code == "not-in-catalogue"
    }
    assert said["Eligible 2 year olds taking up their FEEE"].endswith(
        "its figures are read as a plain number, not a percentage (no % in its cells, target or "
        "name), to 1 decimal place"
    )
    assert said["Care leavers EET"].endswith("read as a percentage, to 2 decimal places")
    assert said["Children Electively Educated at Home"].endswith(
        "read as a count, to 0 decimal places"
    )


def it_queries_figures_with_more_places_than_a_report_prints(tmp_path: Path) -> None:
    """A value Excel computed and shows in General format arrives with fifteen significant
    digits: without 'decimals' in the catalogue the paragraph prints them all, so it is
    queried at its cell; a catalogued indicator's declared places are printed and not queried."""
    computed = (
        f"{TOPIC},Children adopted within 12 months,High = Good,Quarter,Q4 2023/24,61.0%,"
        "Q1 2024/25,64.5161290322581%,Increase,N/A,N/A,N/A,,,,,,,,"
    )
    prepared = prepared_with_rows(tmp_path, [computed])
    # only the uncatalogued row: the sample's own rows hold at most their declared places
    (problem,) = [p for p in prepared.problems if p.code == "many-decimal-places"]
    assert problem.location.indicator == "Children adopted within 12 months"
    assert problem.location.column == "Latest Value" and problem.location.row == 24
    assert problem.value == "64.5161290322581%"
    assert "13 decimal places" in problem.message and "'decimals'" in str(problem.expected)


def it_names_the_benchmark_when_there_is_no_latest_figure(tmp_path: Path) -> None:
    """ "This places ..." would refer to a figure the paragraph has just said is missing."""
    row = (
        f"{TOPIC},Foster carers recruited,N/A,Quarter,Q4 2023/24,12,Q1 2024/25,,N/A,N/A,N/A,"
        "3,2,,,,,,"
    )
    prepared = prepared_with_rows(tmp_path, [row])
    texts = {t.context.name: t.text for t in prepared.texts}
    assert texts["Foster carers recruited"] == (
        "The figure for Foster carers recruited is not available at the end of Quarter 1. "
        "On the latest published benchmark Leicestershire is now in the third quartile of "
        "local authorities, down from the second."
    )


def it_reads_an_uncatalogued_row_in_the_unit_init_writes_for_it() -> None:
    """One unit guesser: a build reads a row the catalogue lacks in the unit `narrator init`
    would write for it (or a score with init's word, for a duration or "(kg)")."""
    from narrator.intake.infer import infer_entry
    from narrator.intake.load import load_dashboard
    from narrator.intake.resolve import resolve
    from narrator.officer_files import Catalogue
    from narrator.settings import RuleSettings
    from narrator.units import Unit

    fixtures = Path(__file__).parent / "fixtures"
    boards = [*sorted(fixtures.glob("**/dashboard*.csv")), *sorted(fixtures.glob("init/*.csv"))]
    seen: set[Unit] = set()
    for board in boards:
        for indicator in load_dashboard(board).indicators:
            ctx, _ = resolve(
                indicator, Catalogue(()), area="X", report_period=None, settings=RuleSettings()
            )
            entry = infer_entry(indicator).entry
            assert entry.unit is not None
            init_unit = entry.unit if entry.word is None else ctx.unit
            assert (board.name, indicator.name, ctx.unit) == (board.name, indicator.name, init_unit)
            seen.add(ctx.unit)
    assert seen == {Unit.PERCENTAGE, Unit.COUNT, Unit.RATE, Unit.SCORE, Unit.MONEY}


def it_says_an_uncatalogued_counts_change_with_the_noun_init_would_guess(tmp_path: Path) -> None:
    """Issue 23, every difference with its unit: a count the catalogue does not know says what
    its change counts by the noun `narrator init` would guess from its name's head
    ("burglaries"); one whose name names nothing counted ("Graffiti removed") says its change by
    its relative size, never a bare "22". 312 - 287 = 25 (8.0%); 220 - 198 = 22 (10.0%)."""
    rows = [
        f"{TOPIC},Residential burglaries,Low = Good,Quarter,Q4 2023/24,312,Q1 2024/25,287,"
        "N/A,N/A,N/A,N/A,,,,,,,,",
        f"{TOPIC},Graffiti removed,N/A,Quarter,Q4 2023/24,220,Q1 2024/25,198,N/A,N/A,N/A,N/A,"
        ",,,,,,,",
    ]
    prepared = prepared_with_rows(tmp_path, rows)
    texts = {t.context.name: t.text for t in prepared.texts}
    assert texts["Residential burglaries"] == (
        "The figure for Residential burglaries was 287 at the end of Quarter 1. This figure is an "
        "improvement of 25 burglaries (8.0%) on the end of Quarter 4 (312)."
    )
    assert texts["Graffiti removed"] == (
        "At the end of Quarter 1, the figure for Graffiti removed was 198. It represents a "
        "decrease of 10.0% from the end of Quarter 4 (220)."
    )
