"""Flows "in", snapshots "at the end of" (issue 23): an average time over a quarter and a count of
the quarter's events are what was done during it ("In Quarter 3, the average time to remove
fly-tipping was 2 days"), not what stood at its end; what is held at the end ("open referrals",
"children on a plan") stays a snapshot; a catalogue's `timing:` overrides either guess. One
guesser (narrator.intake.timing) for `narrator init`, which writes its guess with why, and for a
build whose catalogue does not say.

Councils: Thornbury Vale's waste export (init then build, tests/fixtures/exports) and Fenmoor's
catalogue (tests/fixtures/councils/fenmoor: its streetlight repairs declare no timing), both
invented.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from narrator.intake.resolve import is_flow
from narrator.intake.timing import flow_reason
from narrator.model import CatalogueEntry
from narrator.units import Unit
from tests.helpers import init_export

FENMOOR = Path(__file__).parent / "fixtures" / "councils" / "fenmoor"


@pytest.mark.parametrize(
    ("text", "unit", "word"),
    [
        ("the average time to remove fly-tipping", Unit.SCORE, "days"),
        ("Average days to complete a Care Act assessment", Unit.COUNT, "days"),
        ("the median time taken to process new claims", Unit.SCORE, "weeks"),
        ("days to relet local authority homes", Unit.SCORE, "days"),
        ("the number of fly-tipping incidents", Unit.COUNT, None),
        ("the number of complaints received", Unit.COUNT, None),
        ("the number of missed bin collections", Unit.COUNT, None),
        ("Contacts to the front door", Unit.COUNT, None),
    ],
)
def it_takes_averages_of_times_and_counts_of_events_as_flows(
    text: str, unit: Unit, word: str | None
) -> None:
    assert flow_reason(text, unit, word) is not None
    assert is_flow(CatalogueEntry("A", subject=text, unit=unit, word=word), "A", unit)


@pytest.mark.parametrize(
    ("text", "unit", "word"),
    [
        ("the number of open referrals", Unit.COUNT, None),  # held at the end
        ("the number of children on a child protection plan", Unit.COUNT, None),
        ("the number of households in temporary accommodation", Unit.COUNT, None),
        ("the average caseload of social workers", Unit.SCORE, None),  # no time
        ("the average age of the council's vehicles", Unit.SCORE, "years"),  # not an average time
        ("the percentage of complaints answered within 10 days", Unit.PERCENTAGE, None),
        ("the household waste collected", Unit.COUNT, "tonnes"),  # a quantity, not events
    ],
)
def it_keeps_what_stands_at_the_end_a_snapshot(text: str, unit: Unit, word: str | None) -> None:
    assert flow_reason(text, unit, word) is None
    assert not is_flow(CatalogueEntry("A", subject=text, unit=unit, word=word), "A", unit)


def it_lets_the_catalogue_override_the_guess() -> None:
    """The people still waiting, on average, at the end of the quarter: a snapshot declared."""
    waiting = "the average time to first assessment"
    entry = CatalogueEntry("A", subject=waiting, word="weeks", timing="snapshot")
    assert not is_flow(entry, "A", Unit.SCORE)
    held = CatalogueEntry("A", subject="the number of open referrals", timing="flow")
    assert is_flow(held, "A", Unit.COUNT)


def it_writes_thornburys_average_time_as_a_flow_with_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """init guesses the fly-tipping average a flow and says why; the build says "In Quarter 3"
    and names the previous quarter without "the end of"."""
    from narrator.pipeline import prepare

    config = init_export("thornbury-environment", tmp_path, "Thornbury Vale", capsys)
    catalogue = (tmp_path / "catalogue.yaml").read_text(encoding="utf-8")
    assert (
        "    timing: flow  # an average time ('Average time', in days): over what was done in the "
        "period ('in Quarter 2')\n"
    ) in catalogue
    prepared = prepare(config)
    assert prepared.texts is not None
    texts = {t.context.name: t.text for t in prepared.texts}
    assert texts["Average time to remove fly-tipping"] == (
        "In Quarter 3, the average time to remove fly-tipping was 2 days, an improvement of 1 day "
        "(33.3% lower) on Quarter 2 (3 days) and beating its target of 3 days by 1 day."
    )
    # declared a snapshot, it is said at the end of the quarter again
    declared = catalogue.replace(
        "    timing: flow  # an average time", "    timing: snapshot  # an average time"
    )
    (tmp_path / "catalogue.yaml").write_text(declared, encoding="utf-8")
    texts = {t.context.name: t.text for t in prepare(config).texts or ()}
    assert texts["Average time to remove fly-tipping"].startswith(
        "At the end of Quarter 3, the average time to remove fly-tipping was 2 days"
    )


def it_says_fenmoors_undeclared_average_repair_time_in_the_month(tmp_path: Path) -> None:
    """Fenmoor's catalogue gives its streetlight repairs no `timing`: the build guesses a flow
    ("in June 2024"); written `timing: snapshot`, "at the end of June 2024"."""
    from narrator.pipeline import prepare

    folder = Path(shutil.copytree(FENMOOR, tmp_path / "fenmoor"))
    name = "Average days to repair a streetlight"
    texts = {t.context.name: t.text for t in prepare(folder / "config.yaml").texts or ()}
    assert texts[name].startswith(
        "The average time to repair a streetlight fault was 5.25 days in June 2024, "
    )
    catalogue = folder / "catalogue.yaml"
    text = catalogue.read_text(encoding="utf-8")
    marker = "    subject: the average time to repair a streetlight fault\n"
    catalogue.write_text(text.replace(marker, marker + "    timing: snapshot\n"), encoding="utf-8")
    texts = {t.context.name: t.text for t in prepare(folder / "config.yaml").texts or ()}
    assert texts[name] == (
        "At the end of June 2024, the average time to repair a streetlight fault was 5.25 days, an "
        "improvement of 1.25 days (19.2% lower) on the last report in April 2024 (6.5 days) and "
        "within its target of 7 days."
    )


def it_explains_why_a_figure_is_a_flow(capsys: pytest.CaptureFixture[str]) -> None:
    from tests.conftest import run_cli

    config = str(FENMOOR / "config.yaml")
    code, out, _ = run_cli(["explain", config, "Average days to repair a streetlight"], capsys)
    assert code == 0
    assert (
        "  timing: flow (in the period): an average time ('average time', in days): over what "
        "was done in the period (no `timing` in the catalogue)\n"
    ) in out
    code, out, _ = run_cli(["explain", config, "Tonnes of food waste collected"], capsys)
    assert "  timing: flow (in the period): the catalogue's `timing`\n" in out
