"""Wording found in a new user's trial on other councils' dashboards (tests/fixtures/councils/),
each on a fixture that is not Leicestershire's."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

COUNCILS = Path(__file__).resolve().parent / "fixtures" / "councils"
SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "leicestershire-cfs"


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


def it_refuses_an_override_of_a_removed_sentences_key_naming_its_new_key(
    tmp_path: Path,
) -> None:
    """A council's phrasebook written for the removed `sentences:` section is a located error
    (the file and the key's line) naming the key that words it now, not a silent no-op."""
    from narrator.errors import PhrasebookError
    from narrator.pipeline import prepare

    config = _copy(tmp_path, "hartbridge", {})
    (tmp_path / "house.yaml").write_text(
        "terms:\n"
        "  position: {4: bottom}\n"
        "sentences:\n"
        '  quartile.placed: "This puts {{ area }} in the {{ quartile }} quartile."\n',
        encoding="utf-8",
    )
    with config.open("a", encoding="utf-8") as f:
        f.write("phrasebook: house.yaml\n")
    with pytest.raises(PhrasebookError) as info:
        prepare(config)
    assert info.value.file == str(tmp_path / "house.yaml")
    assert info.value.key == "sentences.quartile.placed"
    assert info.value.message.startswith("line 4: the `sentences:` section was removed; set ")
    assert "plan.parts.quartile.placed or plan.parts.quartile.subject.placed" in str(info.value)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("level", "plan.joins.opening or plan.joins.member or plan.joins.overall"),
        ("travel.no_previous", "plan.parts.travel.no_previous"),
        ("summary.quartiles", "plan.parts.summary.quartiles"),
        ("count_change", "plan.parts.count_change.against"),
        ("travel.no_change", "plan.parts.travel.unchanged"),
    ],
)
def it_names_the_new_key_of_each_removed_one(tmp_path: Path, old: str, new: str) -> None:
    from narrator.errors import PhrasebookError
    from narrator.language.phrases import load_phrasebook

    path = tmp_path / "house.yaml"
    path.write_text(f'sentences:\n  {old}: "Anything."\n', encoding="utf-8")
    with pytest.raises(PhrasebookError) as info:
        load_phrasebook(path)
    assert f"line 2: the `sentences:` section was removed; set {new} instead" in str(info.value)


def it_refuses_an_override_of_a_renamed_part(tmp_path: Path) -> None:
    from narrator.errors import PhrasebookError
    from narrator.language.phrases import load_phrasebook

    path = tmp_path / "house.yaml"
    path.write_text('plan:\n  parts:\n    travel.no_change: "the same"\n', encoding="utf-8")
    with pytest.raises(PhrasebookError, match=r"line 3: .*set plan\.parts\.travel\.unchanged"):
        load_phrasebook(path)


def it_refuses_an_unknown_phrasebook_key_with_did_you_mean(tmp_path: Path) -> None:
    from narrator.errors import PhrasebookError
    from narrator.language.phrases import load_phrasebook

    path = tmp_path / "house.yaml"
    path.write_text(
        'plan:\n  parts:\n    travel.improved: "better"\n    quartile.plaecd: "x"\n',
        encoding="utf-8",
    )
    with pytest.raises(PhrasebookError) as info:
        load_phrasebook(path)
    assert str(info.value) == (
        f"{path}: phrase 'plan.parts.quartile.plaecd': line 4: not a phrasebook key; "
        "did you mean 'quartile.placed'?"
    )
    path.write_text("report:\n  headings:\n    purpose: Aim\n    backgound: B\n", "utf-8")
    with pytest.raises(PhrasebookError, match=r"line 4: .*did you mean 'background'"):
        load_phrasebook(path)


@pytest.mark.parametrize(
    ("terms", "message"),
    [
        (
            "  quartile: [top, second, third, fourth]\n",
            "line 2: expected a table of words by key, like {1: ..., 2: ..., 3: ..., 4: ...}, "
            "not a list",
        ),
        ("  quartle: {1: top}\n", "line 2: not a terms table; did you mean 'quartile'?"),
        ("  quartile: {5: top}\n", "line 2: 5 is not a key of terms.quartile (it has 1, 2, 3, 4)"),
        ("  position: {4: 4}\n", "line 2: the word for 4 must be text, not int 4"),
        ("  month: [Jan, Feb]\n", "line 2: expected 12 words, as the bundled list has, not 2"),
    ],
)
def it_refuses_a_terms_table_shaped_unlike_the_bundled_one(
    tmp_path: Path, terms: str, message: str
) -> None:
    """A quartile table written as a list printed "in the 2 quartile": every `terms:` table is
    checked against the bundled one's shape, with its line."""
    from narrator.errors import PhrasebookError
    from narrator.language.phrases import load_phrasebook

    path = tmp_path / "house.yaml"
    path.write_text("terms:\n" + terms, encoding="utf-8")
    with pytest.raises(PhrasebookError) as info:
        load_phrasebook(path)
    assert str(info.value).endswith(message)
    path.write_text("terms:\n  position: {4: bottom}\n  term: {Michaelmas: Michaelmas}\n", "utf-8")
    load_phrasebook(path)


def it_changes_every_paragraph_that_uses_a_phrase_when_the_phrase_changes(
    tmp_path: Path,
) -> None:
    """One wording table: the national tables' quartile of a quarterly figure joined to its
    change ("..., and would place Leicestershire in the second quartile of local authorities on
    the 2022/23 published figures (74th of 150)", several of the sample's paragraphs since
    issues 22 and 23) is worded in one place, and changing it there changes every paragraph
    that says it, and no other."""
    from narrator.pipeline import prepare

    folder = tmp_path / "sample"
    shutil.copytree(SAMPLE, folder, ignore=shutil.ignore_patterns(".narrator-cache"))
    config = folder / "config.yaml"
    prepared = prepare(config)
    before = _texts(prepared)
    key = "quartile.benchmark.local"
    using = {
        t.context.name
        for t in prepared.texts
        for s in t.sentences
        for part in s.plan.parts
        # a concession says the position with the area first (its `standing` slot): the bundled
        # concession join does not say the joined `position` part
        if part.key == key and s.plan.relation != "concession"
    }
    assert len(using) >= 3  # the sample places its quarterly figures in several paragraphs
    text = (folder / "phrasebook.yaml").read_text(encoding="utf-8")
    assert "plan:\n  parts:\n" in text
    text = text.replace(
        "plan:\n  parts:\n",
        "plan:\n  parts:\n"
        f"    {key}: >-\n"
        "      would place {{ area }} in the {{ quartile }} quartile nationally on the\n"
        "      {{ year }} published figures ({{ rank | ordinal }} of {{ ranked }})\n",
    )
    (folder / "phrasebook.yaml").write_text(text, encoding="utf-8")
    after = _texts(prepare(config))
    assert {name for name in before if before[name] != after[name]} == using
    for name in using:
        assert "quartile nationally on the 2022/23" in after[name]
        assert (
            after[name].replace(" quartile nationally on", " quartile of local authorities on")
            == before[name]
        )


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
    # no quartile but a target: the summary counts the target (236 against no more than 200)
    # and the change (214 to 236, lower is better)
    assert _summary(prepare(config)) == (
        "The one measure with a target did not achieve it. The one measure compared with its "
        "previous figure worsened."
    )
    config.write_text(config.read_text(encoding="utf-8") + "summary: quartiles\n", "utf-8")
    assert _summary(prepare(config)) == "The one measure reported has no national quartile."


def it_says_were_for_a_plural_subject() -> None:
    """Kingsmead's catalogue says `plural: true` for "the Council CO2 emissions"."""
    from narrator.pipeline import prepare

    texts = _texts(prepare(COUNCILS / "kingsmead" / "config.yaml"))
    assert texts["Council CO2 emissions (tonnes CO2e)"] == (
        "In 2022/23, the Council CO2 emissions were 11,204 tonnes, within its target of 11,500 "
        "tonnes. There was an improvement of 1,151 tonnes (9.3%) on 2021/22 (12,355 tonnes)."
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
    assert "above the £0 target." in text, text
    assert "£120k" in text and "£340k" in text


def it_names_the_same_point_last_year_as_officers_do() -> None:
    """Westmoor: a year to date (April to September 2023) against April to September 2022 is
    "the same period last year", the months said once, with the latest figure."""
    from narrator.pipeline import prepare

    texts = _texts(prepare(COUNCILS / "westmoor" / "config.yaml"))
    assert texts["Number of new requests for support from new clients"] == (
        "The number of new requests for support from new clients was 6,587 so far in 2023/24 "
        "(April to September). The figure shows an increase of 383 requests (6.2%) from the same "
        "period last year (6,204)."
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
        "So far in 2023/24 (April to December), the rent collected as a percentage of the rent due "
        "was 97.9%, below the 98.5% target. So far in 2023/24 (April to September), the figure was "
        "96.4%."
    )
    check = _texts(prepare(COUNCILS / "kingsmead" / "config.yaml"))[
        "% of eligible population offered an NHS Health Check (YTD)"
    ]
    assert "NHS Health Check (year to date) was 18.7%" in check and "end of Quarter 4" in check


def it_offers_an_in_line_tolerance_in_the_config_init_writes(tmp_path: Path) -> None:
    """init writes `in_line_points` commented out (the default stays 0: every difference is
    said); uncommented in Westmoor's config, 0.1 points from England is "in line with" it."""
    from narrator.intake.scaffold import config_text
    from narrator.pipeline import prepare

    written = config_text([], dashboard="dashboard.csv", sheet=None, area="Westmoor")
    assert "\nrules:\n  target_margins: always\n" in written
    assert "\n  # in_line_points: 0.5 " in written
    name = (
        "Proportion of older people (65+) still at home 91 days after discharge from hospital "
        "into reablement"
    )
    # with its quartile said, an average within half a slight margin adds nothing (issue 23)
    assert "England average" not in _texts(prepare(COUNCILS / "westmoor" / "config.yaml"))[name]
    # without a quartile, the average is what places the figure: said
    row = ("82.3%,81.9%,2\n", "82.3%,81.9%,\n")
    config = _copy(tmp_path, "westmoor", {"dashboard.csv": row})
    said = "is 0.1 percentage points above the England average (82.3%)."
    assert said in _texts(prepare(config))[name]
    with config.open("a", encoding="utf-8") as f:
        f.write("rules:\n  in_line_points: 0.5\n")
    text = _texts(prepare(config))[name]
    assert text.endswith("is in line with the England average (82.3%)."), text


def it_states_a_whole_years_average_beside_a_year_to_date_on_its_own() -> None:
    """Westmoor's admissions so far this year with a quartile (ASCOF 2A(2): 289.4 for YTD Q2
    2023/24, 142.1 for YTD Q1, quartile 2, England 560.8, target 560.0 to minimise): the England
    average and the target (a whole year's) are stated beside the position, never "the figure
    is the England average is", nor judged; the shorter window's figure is joined to the latest
    one, compared but not called a change; the period said once."""
    from narrator.pipeline import prepare

    text = _texts(prepare(COUNCILS / "westmoor" / "config.yaml"))[
        "Permanent admissions to residential and nursing care homes per 100,000 aged 65+"
    ]
    assert "the figure is the England average" not in text
    assert text == (
        "So far in 2023/24 (April to September), the rate of permanent admissions to residential "
        "and nursing care homes per 100,000 population aged 65 and over was 289.4, compared with "
        "142.1 for April to June 2023. Westmoor is in the second quartile of local authorities; "
        "the England average is 560.8, and the target is no more than 560.0."
    ), text


def it_explains_which_phrase_said_each_sentence(capsys: Any) -> None:
    """explain names a sentence's join by its key, and each part's by its slot
    ("plan.joins.stated", "compare: plan.parts.comparators.stated")."""
    from tests.conftest import run_cli

    config = str(COUNCILS / "westmoor" / "config.yaml")
    name = "Permanent admissions to residential and nursing care homes per 100,000 aged 65+"
    code, out, _ = run_cli(["explain", config, name], capsys)
    assert code == 0
    assert "phrase plan.joins.stated (variant 1):" in out
    assert "compare: plan.parts.comparators.stated" in out
    assert "change: plan.parts.travel.unlike.joined" in out
    assert "phrase plan.joins.opening (variant 1):" in out
    assert "sentences.sentences" not in out
