"""Every key of a config and a catalogue is checked against its schema: a key no section takes
is an error with the file, its line and the nearest known key, at any depth; a value of the
wrong type is an error with its line; `check` says when the report's own text is missing or
empty. (The phrasebook's keys are checked by the phrasebook.)

Fixtures are a northern unitary's (Northmoor), not the sample's council."""

from __future__ import annotations

from pathlib import Path

import pytest

from narrator.errors import ConfigError
from narrator.intake.catalogue import load_catalogue
from narrator.intake.config import load_config
from narrator.model import Problem
from narrator.officer_files import Config
from tests.conftest import SAMPLE, run_cli

CONFIG = """\
area: Northmoor
committee: Adults and Health Scrutiny Panel
title: Quarter 2 2024/25 Performance
dashboard: dashboard.csv
outcomes:
  - topic: Living well
    heading: People live well at home
    themes: true
text:
  purpose: To update the Panel on performance.
  policy: The Council's performance framework.
  background: Figures are for Quarter 2.
spotlight:
  title: Reablement
  file: spotlight.md
officers:
  - name: Sam Okafor
    role: Head of Performance
    telephone: 01632 960000
rules:
  targets: when_missed
national:
  lait: lait.parquet
  year: latest
"""

CATALOGUE = """\
indicators:
  - name: Reablement at 91 days
    subject: the proportion of older people at home 91 days after reablement
    unit: percentage
    decimals: 1
    national: {measure: ASCOF2B}
  - name: Delayed transfers
    unit: per 100,000
    definition_change:
      since: Q1 2024/25
      reason: the count now includes mental health beds
groups:
  - members: [Reablement at 91 days, Delayed transfers]
"""


def _config(tmp_path: Path, old: str = "", new: str = "") -> Path:
    assert old in CONFIG
    path = tmp_path / "config.yaml"
    path.write_text(CONFIG.replace(old, new, 1), encoding="utf-8")
    return path


def _catalogue(tmp_path: Path, old: str = "", new: str = "") -> Path:
    assert old in CATALOGUE
    path = tmp_path / "catalogue.yaml"
    path.write_text(CATALOGUE.replace(old, new, 1), encoding="utf-8")
    return path


def report_text_problems(config: Config) -> list[Problem]:
    from narrator.intake.config import report_text_problems as found

    return found(config)


def _line(text: str, start: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith(start))


def it_reads_the_northmoor_files_that_fit_the_schema(tmp_path: Path) -> None:
    config = load_config(_config(tmp_path))
    assert config.spotlight_title == "Reablement" and config.outcomes[0].themes is True
    assert config.officers[0].telephone == "01632 960000"
    assert len(load_catalogue(_catalogue(tmp_path)).entries) == 2
    assert report_text_problems(config) == []


@pytest.mark.parametrize(
    ("old", "new", "section", "near"),
    [
        ("  file: spotlight.md", "  fle: spotlight.md", "spotlight", "file"),
        ("    telephone: 01632", "    phone: 01632", "officers[0]", "telephone"),
        ("    heading: People", "    headng: People", "outcomes[0]", "heading"),
        ("  targets: when_missed", "  target: when_missed", "rules", "targets"),
        ("  year: latest", "  yaer: latest", "national", "year"),
        ("  background: Figures", "  backgroud: Figures", "text", "background"),
        ("title: Quarter", "tilte: Quarter", "the config", "title"),
    ],
)
def it_refuses_an_unknown_config_key_at_any_depth_with_its_line_and_nearest_key(
    tmp_path: Path, old: str, new: str, section: str, near: str
) -> None:
    path = _config(tmp_path, old, new)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    key = new.split(":")[0].strip()
    assert info.value.line == _line(path.read_text(encoding="utf-8"), new.split(":")[0])
    assert f"unknown key {key!r} in {section}; did you mean {near!r}?" in str(info.value)
    assert str(info.value).startswith(f"{path}, line {info.value.line}, column ")


@pytest.mark.parametrize(
    ("old", "new", "section", "near"),
    [
        ("    subject: the", "    subjet: the", "indicators[0]", "subject"),
        ("    national: {measure:", "    national: {measur:", "indicators[0].national", "measure"),
        ("      reason: the", "      reasn: the", "indicators[1].definition_change", "reason"),
        ("  - members: [", "  - member: [", "groups[0]", "members"),
        ("groups:", "group:", "the catalogue", "groups"),
    ],
)
def it_refuses_an_unknown_catalogue_key_at_any_depth_with_its_line_and_nearest_key(
    tmp_path: Path, old: str, new: str, section: str, near: str
) -> None:
    path = _catalogue(tmp_path, old, new)
    with pytest.raises(ConfigError) as info:
        load_catalogue(path)
    key = new.split(":")[-2].strip(" -{")
    assert info.value.line == _line(path.read_text(encoding="utf-8"), new.split(":")[0])
    assert f"unknown key {key!r} in {section}; did you mean {near!r}?" in str(info.value)


def it_refuses_an_unknown_top_level_catalogue_key_with_nothing_near(tmp_path: Path) -> None:
    path = _catalogue(tmp_path, "groups:", "notes: checked by Sam\ngroups:")
    with pytest.raises(ConfigError) as info:
        load_catalogue(path)
    assert info.value.line == 12
    assert "unknown key 'notes' in the catalogue (the catalogue takes indicators, groups)" in str(
        info.value
    )


def it_refuses_themes_written_as_the_text_no(tmp_path: Path) -> None:
    """`themes: 'no'` is a YAML text, which Python counts as true: it turned themes on."""
    path = _config(tmp_path, "    themes: true", "    themes: 'no'")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert info.value.line == 8
    assert info.value.message == (
        "outcomes[0].themes: expected true or false, not the text 'no' "
        "(write true or false without quotes)"
    )


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("title: Quarter 2 2024/25 Performance", "title: [Q2, 2024]", "title: expected text"),
        ("  file: spotlight.md", "  file: {a: b}", "spotlight.file: expected text, not a mapping"),
        ("  purpose: To", "  purpose: {To: x}\n  x: To", "text.purpose: expected text or a list"),
        ("  year: latest", "  year: [latest]", "national.year: expected text, not a list"),
        ("  targets: when_missed", "  targets: 3", "rules.targets: expected text, not the number"),
        ("    role: Head", "    role:\n      - Head", "officers[0].role: expected text, not a"),
    ],
)
def it_refuses_a_config_value_of_the_wrong_type_with_its_line(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    path = _config(tmp_path, old, new)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert info.value.line is not None
    assert info.value.message.startswith(message)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("    decimals: 1", "    decimals: one", "indicators[0].decimals: expected a whole number"),
        ("    decimals: 1", "    decimals: 1\n    plural: 'yes'", "indicators[0].plural: expected"),
        ("    subject: the", "    subject:\n      - the", "indicators[0].subject: expected text"),
        ("  - members: [", "  - members: Reablement\n    x: [", "groups[0].members: expected a"),
    ],
)
def it_refuses_a_catalogue_value_of_the_wrong_type_with_its_line(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    path = _catalogue(tmp_path, old, new)
    with pytest.raises(ConfigError) as info:
        load_catalogue(path)
    assert info.value.line is not None
    assert info.value.message.startswith(message)


def it_reports_a_config_without_report_text(tmp_path: Path) -> None:
    """A config with no `text:` printed the purpose, policy and background headings empty."""
    start, end = CONFIG.index("text:"), CONFIG.index("spotlight:")
    path = _config(tmp_path, CONFIG[start:end], "")
    problems = report_text_problems(load_config(path))
    assert [(p.code, p.message) for p in problems] == [
        (
            "missing-report-text",
            "no `text:`: the report prints the purpose, policy and background headings with "
            "nothing under them; give each its paragraphs",
        )
    ]


def it_reports_a_missing_section_and_an_empty_paragraph_with_their_lines(tmp_path: Path) -> None:
    path = _config(
        tmp_path,
        "  policy: The Council's performance framework.\n",
        "  conclusion: ['Performance held up.', '  ']\n",
    )
    problems = report_text_problems(load_config(path))
    assert [p.message for p in problems] == [
        "line 9: text.policy has no text: the report prints its heading with nothing under it; "
        "give it a paragraph",
        "line 11: text.conclusion[1] is empty: it would print as an empty numbered paragraph; "
        "remove it or write it",
    ]


def it_says_in_check_when_the_report_text_is_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import shutil

    folder = tmp_path / "sample"
    shutil.copytree(SAMPLE, folder)
    config = folder / "config.yaml"
    text = config.read_text(encoding="utf-8")
    start, end = text.index("\ntext:\n"), text.index("\nofficers:")
    config.write_text(text[:start] + text[end:], encoding="utf-8")
    code, out, err = run_cli(["check", str(config)], capsys)
    assert code == 1
    assert "no `text:`: the report prints the purpose, policy and background headings" in out + err


def it_names_the_line_of_a_config_error_in_check_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    path = _config(tmp_path, "  file: spotlight.md", "  fle: spotlight.md")
    code, out, _ = run_cli(["check", str(path), "--format", "json"], capsys)
    assert code == 2
    (error,) = json.loads(out)["errors"]
    assert error["row"] == 15 and "did you mean 'file'?" in error["message"]
