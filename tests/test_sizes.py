"""Size words by each unit's bands (issue 23: "thresholds per unit in the phrasebook"): the
bundled phrasebook's `sizes:` decide "slight" and "small" for percentages (in points), tiny
percentages, counts, rates, money and days (by relative change) and how many people are said as
people; a user phrasebook may change one unit's band; a config's `rules:` setting, where one is
given, wins for its own report; a wrong key or shape is a located error with "did you mean".

Thornbury Vale's waste export (tests/fixtures/exports, an invented district council) is the
council: its residual waste rose 118 kg to 121 kg, 2.5% (a count in kg, sized by relative
change: "small" between 2% and 5%), and its recycling fell 45.2% to 43.8%, 1.4 points
("slight", at most 1.5 points).
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal as D
from pathlib import Path
from typing import Any

import pytest
import yaml

from narrator.errors import PhrasebookError
from narrator.language.phrases import load_phrasebook
from narrator.language.sizes import band_limit, people_moved, size_basis, size_of
from narrator.settings import RuleSettings
from narrator.units import Unit
from tests.helpers import init_export, make

RESIDUAL = "Residual household waste per household"
RECYCLING = "Percentage of household waste sent for reuse recycling and composting"


def it_reads_the_bands_of_each_unit_from_the_bundled_phrasebook() -> None:
    sizes = load_phrasebook().sizes
    assert sizes.bands("percent") == (D("1.5"), D("3"), D("10"))
    for unit in ("percent_tiny", "count", "rate", "money", "score"):
        assert sizes.bands(unit) == (D("2"), D("5"), D("15")), unit
    assert sizes.people_up_to == 2


def _house(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "house.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def it_sizes_each_unit_by_its_own_row(tmp_path: Path) -> None:
    """Money's row changed alone: a 4% fall in spend is "slight" for it, while a count's 4% is
    still "small"."""
    book = load_phrasebook(_house(tmp_path, "sizes:\n  money: {slight: 5, small: 10}\n"))
    money = replace(make("96", "100", unit=Unit.MONEY, decimals=0), sizes=book.sizes)
    count = replace(make("96", "100", unit=Unit.COUNT, decimals=0), sizes=book.sizes)
    assert size_of(money) == "slight"
    assert size_of(count) == "small"
    assert size_basis(money).bands[0] == ("sizes.money.slight", D("5"))
    assert size_basis(money).bands[2] == ("sizes.money.moderate", D("15"))  # the bundled one's


def it_lets_a_config_override_win_over_the_phrasebook(tmp_path: Path) -> None:
    """The config's `rules:` is one council's own decision for its report: it wins over the
    phrasebook's band, and `explain` names it."""
    book = load_phrasebook(_house(tmp_path, "sizes:\n  count: {slight: 5, small: 10}\n"))
    settings = RuleSettings.from_mapping({"slight_relative": 1, "people_up_to": 0})
    ctx = replace(
        make("96", "100", unit=Unit.COUNT, decimals=0, settings=settings), sizes=book.sizes
    )
    assert size_of(ctx) == "small"  # 4%: above the config's slight 1, within the phrasebook's 10
    assert [name for name, _ in size_basis(ctx).bands] == [
        "rules.slight_relative",
        "sizes.count.small",
        "sizes.count.moderate",
    ]
    assert size_of(replace(ctx, settings=RuleSettings())) == "slight"  # the phrasebook's 5
    # what the planner's salience measures against: the same bands, overrides laid over
    assert band_limit(ctx, "slight", points=False) == 1
    assert band_limit(ctx, "small", points=False) == 10
    percentage = replace(make(settings=settings), sizes=book.sizes)
    assert band_limit(percentage, "small", points=True) == 3  # the bundled percent row
    assert band_limit(percentage, "slight", points=False) == 1  # a tiny percentage's: the config


def it_reads_the_people_threshold_from_the_phrasebook(tmp_path: Path) -> None:
    """Three more children on a count of 40: sized with the bundled `people_up_to: 2`, said as
    people with the phrasebook's 3; the config's 1 wins over both."""
    ctx = make("43", "40", unit=Unit.COUNT, decimals=0)
    assert people_moved(ctx) is None
    book = load_phrasebook(_house(tmp_path, "sizes:\n  people_up_to: 3\n"))
    assert people_moved(replace(ctx, sizes=book.sizes)) == 3
    one = replace(ctx, sizes=book.sizes, settings=RuleSettings.from_mapping({"people_up_to": 1}))
    assert people_moved(one) is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "sizes:\n  cuont: {slight: 1}\n",
            "phrase 'sizes.cuont': line 2: not a phrasebook key; did you mean 'count'?",
        ),
        (
            "sizes:\n  count:\n    slihgt: 1\n",
            "phrase 'sizes.count.slihgt': line 3: not a phrasebook key; did you mean 'slight'?",
        ),
        (
            "sizes:\n  rate: {slight: 6}\n",
            "phrase 'sizes.rate': line 2: the bands must rise, slight <= small <= moderate "
            "(here slight 6, small 5, moderate 15)",
        ),
        (
            "sizes:\n  rate: {slight: 'a bit'}\n",
            "phrase 'sizes.rate.slight': line 2: expected a number from 0 to 1,000,000, not str "
            "'a bit'",
        ),
        ("sizes:\n  rate: [1, 2, 3]\n", "phrase 'sizes.rate': line 2: expected a table of bands"),
        (
            "sizes:\n  people_up_to: 1.5\n",
            "phrase 'sizes.people_up_to': line 2: expected a whole number of people",
        ),
        ("sizes: 3\n", "phrase 'sizes': line 1: expected a table of size bands, not int 3"),
    ],
)
def it_rejects_a_wrong_size_key_or_shape_with_its_line(
    tmp_path: Path, text: str, message: str
) -> None:
    path = _house(tmp_path, text)
    with pytest.raises(PhrasebookError) as info:
        load_phrasebook(path)
    assert f"{path}: {message}" in str(info.value)


# --- Thornbury Vale, end to end -------------------------------------------------------------


def _paragraphs(config: Path) -> dict[str, str]:
    from narrator.pipeline import prepare

    prepared = prepare(config)
    assert prepared.texts is not None, prepared.errors
    return {t.context.name: " ".join(s.text for s in t.sentences) for t in prepared.texts}


def _configure(config: Path, **changes: Any) -> None:
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    for key, value in changes.items():
        data[key] = {**data.get(key, {}), **value} if isinstance(value, dict) else value
    config.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


def it_sizes_thornburys_changes_by_phrasebook_and_config(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = init_export("thornbury-environment", tmp_path, "Thornbury Vale", capsys)
    bundled = _paragraphs(config)
    assert "a small increase of 3 kg (2.5%)" in bundled[RESIDUAL]
    assert "a slight decrease of 1.4 percentage points" in bundled[RECYCLING]
    # the district's own phrasebook: its counts' slight band to 3%, its percentages' to 1 point
    (tmp_path / "house.yaml").write_text(
        "sizes:\n  count: {slight: 3}\n  percent: {slight: 1}\n", encoding="utf-8"
    )
    _configure(config, phrasebook="house.yaml")
    house = _paragraphs(config)
    assert house[RESIDUAL] == (
        "In Quarter 3, the residual household waste per household was 121 kg, above the target of "
        "115 kg by 6 kg. It represents a slight increase of 3 kg (2.5%) from Quarter 2 (118 kg)."
    )
    assert house[RECYCLING] == (
        "The percentage of household waste sent for reuse recycling and composting was 43.8% in "
        "Quarter 3, below the 46.0% target by 2.2 percentage points. This marks a small decrease "
        "of 1.4 percentage points from Quarter 2 (45.2%)."
    )
    # its config for this report: counts' slight band back to 2%; the phrasebook's percent kept
    _configure(config, rules={"slight_relative": 2})
    both = _paragraphs(config)
    assert "a small increase of 3 kg (2.5%)" in both[RESIDUAL]
    assert "a small decrease of 1.4 percentage points" in both[RECYCLING]
