"""Wording found in a new user's trial on other councils' dashboards (tests/fixtures/councils/),
each on a fixture that is not Leicestershire's."""

from __future__ import annotations

from pathlib import Path
from typing import Any

COUNCILS = Path(__file__).resolve().parent / "fixtures" / "councils"


def _copy(tmp_path: Path, council: str, edit: dict[str, tuple[str, str]]) -> Path:
    """The council's fixture in tmp_path, each file in `edit` with its (old, new) replaced."""
    for item in (COUNCILS / council).iterdir():
        text = item.read_text(encoding="utf-8")
        if item.name in edit:
            old, new = edit[item.name]
            assert old in text, old
            text = text.replace(old, new)
        (tmp_path / item.name).write_text(text, encoding="utf-8")
    return tmp_path / "config.yaml"


def _texts(prepared: Any) -> dict[str, str]:
    return {t.context.name: t.text for t in prepared.texts}


def it_warns_of_a_sentences_override_the_plan_no_longer_uses(tmp_path: Path) -> None:
    """A council's phrasebook written for the old `sentences:` keys: each key the planned
    paragraphs word through `plan:` is named, at the override file and line, with the `plan:`
    key to set; a key still said alone (no previous figure) raises nothing."""
    from narrator.pipeline import prepare

    config = _copy(tmp_path, "hartbridge", {})
    (tmp_path / "house.yaml").write_text(
        "sentences:\n"
        '  quartile.placed: "This puts {{ area }} in the {{ quartile }} quartile."\n'
        '  level: "{{ subject }} stood at {{ value }} {{ period.when }}."\n'
        '  travel.no_previous: "Nothing for {{ previous_period.name }}."\n'
        '  target: "The target is {{ goal }}."\n',
        encoding="utf-8",
    )
    with config.open("a", encoding="utf-8") as f:
        f.write("phrasebook: house.yaml\n")
    prepared = prepare(config)
    found = [p for p in prepared.problems if p.code == "phrase-superseded"]
    assert [p.severity.name for p in found] == ["WARNING"] * 3
    placed, level, target = found
    assert placed.location.file == str(tmp_path / "house.yaml")
    assert placed.message.startswith("line 2: sentences.quartile.placed is no longer used")
    assert "plan.parts.quartile.placed or plan.parts.quartile.subject.placed" in placed.message
    assert level.message.startswith("line 3: sentences.level is no longer used")
    assert "plan.joins.opening" in level.message
    # a key no finding reaches: its findings have more specific phrases
    assert target.message == (
        "line 5: sentences.target is never used: more specific phrases word its findings; set "
        "plan.parts.target.met or plan.parts.target.missed or plan.parts.target.missed.at_most "
        "or plan.parts.target.missed.below or plan.parts.target.missed.equal or "
        "sentences.target.stated instead"
    )
    # the override is indeed not what the paragraphs say
    assert not any("This puts" in t for t in _texts(prepared).values())


def _summary(prepared: Any) -> str:
    from narrator.pipeline import report_of

    return str(next(b.text for b in report_of(prepared).blocks if b.key == "summary:quartiles"))


def it_names_the_fourth_quartile_as_the_paragraphs_do() -> None:
    """Westmoor: the summary's quartile is the paragraph's "fourth", not "bottom"."""
    from narrator.pipeline import prepare

    prepared = prepare(COUNCILS / "westmoor" / "config.yaml")
    assert _summary(prepared) == (
        "From 10 measures reported, four have a national quartile; two are in the second "
        "quartile, one is in the third quartile and one is in the fourth quartile."
    )
    dols = _texts(prepared)["% of DoLS applications completed within 21 days"]
    assert "in the fourth quartile of local authorities" in dols


def _one_row(tmp_path: Path, council: str, indicator: str) -> Path:
    config = _copy(tmp_path, council, {})
    board = tmp_path / "dashboard.csv"
    header, *rows = board.read_text(encoding="utf-8").splitlines()
    (row,) = [r for r in rows if indicator in r]
    board.write_text(f"{header}\n{row}\n", encoding="utf-8")
    return config


def it_words_a_one_measure_summary_naturally(tmp_path: Path) -> None:
    """A report of one measure: "The one measure reported is in the fourth quartile.", not
    "From one measure reported, one has a national quartile; one is in ..."."""
    from narrator.pipeline import prepare

    with_quartile = tmp_path / "q"
    with_quartile.mkdir()
    config = _one_row(with_quartile, "westmoor", "% of DoLS applications")
    assert _summary(prepare(config)) == "The one measure reported is in the fourth quartile."
    without = tmp_path / "n"
    without.mkdir()
    config = _one_row(without, "kingsmead", "Households in temporary accommodation")
    assert _summary(prepare(config)) == "The one measure reported has no national quartile."


def it_says_were_for_a_plural_subject() -> None:
    """Kingsmead's catalogue says `plural: true` for "the Council CO2 emissions"."""
    from narrator.pipeline import prepare

    texts = _texts(prepare(COUNCILS / "kingsmead" / "config.yaml"))
    assert texts["Council CO2 emissions (tonnes CO2e)"] == (
        "The Council CO2 emissions were 11,204 tonnes in 2022/23, an improvement of 1,151 "
        "tonnes (9.3%) on 2021/22 (12,355) and meeting the target of no more than 11,500 tonnes."
    )
    # a singular subject beside it is unchanged
    assert " was 82,907 tonnes" in texts["Household waste collected (tonnes)"]


def it_refuses_a_plural_that_is_not_true_or_false(tmp_path: Path) -> None:
    import pytest

    from narrator.errors import ConfigError
    from narrator.intake.catalogue import load_catalogue

    _copy(tmp_path, "kingsmead", {"catalogue.yaml": ("plural: true", "plural: yes please")})
    with pytest.raises(
        ConfigError, match="plural: expected true or false, not the text 'yes please'"
    ):
        load_catalogue(tmp_path / "catalogue.yaml")


def it_says_zero_money_without_a_scale(tmp_path: Path) -> None:
    """Westmoor, money in thousands: a target of £0 is "no more than £0", never "£0k"."""
    from narrator.pipeline import prepare

    config = _copy(tmp_path, "westmoor", {})
    board = tmp_path / "dashboard.csv"
    board.write_text(
        board.read_text(encoding="utf-8")
        + "ASC40,Net overspend on care packages (£000),Money,Minimise,Quarterly,Q1 2023/24,"
        '"£340",Q2 2023/24,"£120","£0",R,,,,\n',
        encoding="utf-8",
    )
    text = _texts(prepare(config))["Net overspend on care packages (£000)"]
    assert "missing the target of no more than £0." in text, text
    assert "£120k" in text and "£340k" in text


def it_names_the_same_point_last_year_as_officers_do() -> None:
    """Westmoor: a year to date (April to September 2023) against April to September 2022 is
    "the same period last year", the months said once, with the latest figure."""
    from narrator.pipeline import prepare

    texts = _texts(prepare(COUNCILS / "westmoor" / "config.yaml"))
    assert texts["Number of new requests for support from new clients"] == (
        "So far in 2023/24 (April to September), the number of new requests for support from "
        "new clients was 6,587, an increase of 383 requests (6.2%) from the same period last "
        "year (6,204)."
    )


def it_says_year_to_date_once() -> None:
    """Dunmere: "the rent collected ... (year to date)" beside "so far in 2023/24" said the
    period twice; the period says it. Kingsmead's Health Check, whose latest period is a single
    quarter, keeps its "(year to date)": there the subject alone says it."""
    from narrator.pipeline import prepare

    rent = _texts(prepare(COUNCILS / "dunmere" / "config.yaml"))[
        "Rent collected as a % of rent due (YTD)"
    ]
    assert rent == (
        "The rent collected as a percentage of the rent due was 97.9% so far in 2023/24 (April "
        "to December), short of the target of at least 98.5%. So far in 2023/24 (April to "
        "September), the figure was 96.4%."
    )
    check = _texts(prepare(COUNCILS / "kingsmead" / "config.yaml"))[
        "% of eligible population offered an NHS Health Check (YTD)"
    ]
    assert "NHS Health Check (year to date) was 18.7% at the end of Quarter 4" in check


def it_offers_an_in_line_tolerance_in_the_config_init_writes(tmp_path: Path) -> None:
    """init writes `in_line_points` commented out (the default stays 0: every difference is
    said); uncommented in Westmoor's config, 0.1 points from England is "in line with" it."""
    from narrator.intake.scaffold import config_text
    from narrator.pipeline import prepare

    written = config_text([], dashboard="dashboard.csv", sheet=None, area="Westmoor")
    assert "# rules:\n#   in_line_points: 0.5 " in written
    name = (
        "Proportion of older people (65+) still at home 91 days after discharge from hospital "
        "into reablement"
    )
    said = "the figure is 0.1 percentage points above the England average (82.3%)."
    assert said in _texts(prepare(COUNCILS / "westmoor" / "config.yaml"))[name]
    config = _copy(tmp_path, "westmoor", {})
    with config.open("a", encoding="utf-8") as f:
        f.write("rules:\n  in_line_points: 0.5\n")
    text = _texts(prepare(config))[name]
    assert text.endswith("the figure is in line with the England average (82.3%)."), text


def it_states_a_whole_years_average_beside_a_year_to_date_on_its_own() -> None:
    """Westmoor's admissions so far this year with a quartile: the England average (a whole
    year's) is stated in a sentence of its own, never "the figure is the England average is"."""
    from narrator.pipeline import prepare

    text = _texts(prepare(COUNCILS / "westmoor" / "config.yaml"))[
        "Permanent admissions to residential and nursing care homes per 100,000 aged 65+"
    ]
    assert "the figure is the England average" not in text
    assert text.endswith(
        "Westmoor is in the second quartile of local authorities. The England average is "
        "560.8. The target is no more than 560.0."
    ), text


def it_explains_which_phrase_said_each_sentence(capsys: Any) -> None:
    """explain names a sentence's phrase by its key, once ("sentences.comparators.stated")."""
    from tests.conftest import run_cli

    config = str(COUNCILS / "westmoor" / "config.yaml")
    name = "Permanent admissions to residential and nursing care homes per 100,000 aged 65+"
    code, out, _ = run_cli(["explain", config, name], capsys)
    assert code == 0
    assert "phrase sentences.comparators.stated (variant 1):" in out
    assert "phrase plan.joins.position (variant 1):" in out
    assert "sentences.sentences" not in out
