"""Summaries and targets that fit every service (issue 21): the summary paragraph counts
targets met and missed and which way the measures moved as well as quartiles, choosing what the
dashboard holds (config `summary:`); a paragraph says by how much a target is missed or beaten
(`rules.target_margins`, which `narrator init` writes `always`) and can quote the council's
own status word (`rules.status_words`, off by default).

Ellesmere Vale's adult social care export (tests/fixtures/exports/): four of five measures have
a target and four a quartile, so the summary counts both. Checked against its rows: ASC01 7.4%
against at least 7.0% (met, 0.4 points), ASC02 688.9 against no more than 650.0 (missed, 38.9),
ASC03 79.6% against at least 85.0% (missed, 5.4 points), ASC04 1,912 against at least 1,900
(met, 12); ASC05 has no figure. Against 2009/10: ASC01, ASC02 (lower is better) and ASC04
improved, ASC03 worsened.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import run_cli as run
from tests.helpers import init_export, report_paragraphs


def _build(
    config: Path, capsys: pytest.CaptureFixture[str], edit: tuple[str, str] = ("", "")
) -> list[str]:
    """The report's paragraphs, the config first edited (`edit`: old, new)."""
    text = config.read_text(encoding="utf-8")
    if edit[0]:
        assert edit[0] in text, edit[0]
        config.write_text(text.replace(edit[0], edit[1]), encoding="utf-8")
    report = config.parent / "report.docx"
    code, _, err = run(["build", str(config), "-o", str(report)], capsys)
    assert code == 0, err
    return report_paragraphs(report)


def _summary(paragraphs: list[str]) -> str:
    """The Background's summary: the paragraph after the background text."""
    start = paragraphs.index("Background and Overview") + 2
    return paragraphs[start]


ELLESMERE_SUMMARY = (
    "Two (50%) of the four measures with a target achieved it. Of the four measures compared "
    "with their previous figures, three improved and one worsened. From five measures reported, "
    "four have a national quartile; one is in the top quartile, one is in the second quartile, "
    "one is in the third quartile and one is in the fourth quartile."
)


def it_counts_targets_and_quartiles_when_most_measures_have_both(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = init_export("ellesmere-adults", tmp_path, "Ellesmere Vale", capsys)
    assert _summary(_build(config, capsys)) == ELLESMERE_SUMMARY


@pytest.mark.parametrize(
    ("name", "area", "summary"),
    [
        (
            "thornbury-environment",
            "Thornbury Vale",
            "One (25%) of the four measures with a target achieved it. Of the four measures "
            "compared with their previous figures, one improved and three worsened.",
        ),
        (
            "redgate-housing",
            "Redgate",
            "Three (75%) of the four measures with a target achieved it. Of the four measures "
            "compared with their previous figures, three improved and one worsened.",
        ),
        (
            "ashcombe-revenues-quarter",
            "Ashcombe",
            # the collection rates, the year filling up, are not compared with Quarter 2
            "Two (67%) of the three measures with a target achieved it. The one measure "
            "compared with its previous figure improved.",
        ),
    ],
)
def it_counts_targets_where_the_dashboard_has_no_quartiles(
    name: str, area: str, summary: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Thornbury: ENV01, ENV02 and ENV05 missed, ENV04 met; ENV03 has no polarity. Redgate:
    only temporary accommodation missed and worsened; the ratio has no polarity."""
    config = init_export(name, tmp_path, area, capsys)
    assert _summary(_build(config, capsys)) == summary


def it_counts_what_the_config_names_in_its_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = init_export("ellesmere-adults", tmp_path, "Ellesmere Vale", capsys)
    summary = "# summary: [targets, quartiles]"
    said = _summary(_build(config, capsys, (summary, "summary: [quartiles, targets]")))
    assert said.startswith("From five measures reported, four have a national quartile;")
    assert said.endswith(
        "Of the four measures compared with their previous figures, three "
        "improved and one worsened."
    )
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("summary: [quartiles, targets]", "summary: quartiles"), "utf-8")
    assert _summary(_build(config, capsys)).startswith("From five measures reported")


def it_keeps_the_samples_quartile_summary() -> None:
    """Leicestershire: 8 of 22 measures have a target, 17 a quartile (twelve from the national
    tables since issue 22): quartiles only."""
    from narrator.pipeline import prepare, report_of
    from tests.conftest import SAMPLE_CONFIG

    blocks = report_of(prepare(SAMPLE_CONFIG)).blocks
    summary = next(b.text for b in blocks if b.key == "summary:quartiles")
    assert summary.startswith("From 22 measures reported, 17 have a national benchmark;")
    assert "target" not in summary


@pytest.mark.parametrize(
    ("setting", "met", "missed"),
    [
        (
            "always",
            "7.4% at the end of Quarter 4, beating its target of 7.0% by 0.4 percentage points.",
            "below the 85.0% target by 5.4 percentage points.",
        ),
        (
            "when_missed",
            "7.4% at the end of Quarter 4, above its target of 7.0%.",
            "below the 85.0% target by 5.4 percentage points.",
        ),
        (
            "never",
            "7.4% at the end of Quarter 4, above its target of 7.0%.",
            "below the 85.0% target.",
        ),
    ],
)
def it_says_a_targets_margin_as_the_config_asks(
    setting: str, met: str, missed: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = init_export("ellesmere-adults", tmp_path, "Ellesmere Vale", capsys)
    text = " ".join(
        _build(config, capsys, ("target_margins: always", f"target_margins: {setting}"))
    )
    assert met in text and missed in text
    if setting == "never":
        assert not re.search(r"target of [^.]* by \d", text), text


def it_quotes_the_councils_status_word_when_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = init_export("ellesmere-adults", tmp_path, "Ellesmere Vale", capsys)
    text = " ".join(_build(config, capsys))
    assert "rated" not in text  # off by default
    text = " ".join(_build(config, capsys, ("# status_words: true", "status_words: true")))
    assert (
        "above the target of 650.0 by 38.9 per 100,000 (rated ‘Target slightly missed "
        "(within 10%)’)."
    ) in text
    assert "beating its target of 1,900 by 12 carers (rated ‘Target met’)." in text
    assert text.count("(rated ‘") == 4  # ASC05's 'Data Only' rates nothing


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            "summary: [target]",
            "summary: 'target' is not one of targets, quartiles; did you mean 'targets'?",
        ),
        ("summary: [targets, targets]", "summary: targets, targets names a part twice"),
        ("summary: 'no'", "summary: 'no' is not one of targets, quartiles"),
    ],
)
def it_refuses_a_summary_it_cannot_say(
    line: str, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = init_export("ellesmere-adults", tmp_path, "Ellesmere Vale", capsys)
    text = config.read_text(encoding="utf-8").replace("# summary: [targets, quartiles]", line)
    config.write_text(text, encoding="utf-8")
    code, out, err = run(["build", str(config), "-o", str(tmp_path / "r.docx")], capsys)
    assert code != 0 and message in out + err, out + err


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "target_margins: always",
            "target_margins: sometimes",
            "rules.target_margins: 'sometimes'; use always, when_missed, never",
        ),
        (
            "# status_words: true",
            "status_words: 'yes'",
            "expected true or false, not the text 'yes'",
        ),
    ],
)
def it_refuses_target_settings_it_cannot_follow(
    old: str, new: str, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = init_export("ellesmere-adults", tmp_path, "Ellesmere Vale", capsys)
    config.write_text(config.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    code, out, err = run(["build", str(config), "-o", str(tmp_path / "r.docx")], capsys)
    assert code != 0 and message in out + err, out + err
