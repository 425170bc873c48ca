"""The phrasebook is data, checked when it loads: bad phrases fail with their key, before any
document is written; an officer's file overrides single phrases."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from narrator.errors import PhrasebookError
from narrator.language.phrases import load_phrasebook
from narrator.language.realise import Realiser, format_number, stable_index
from narrator.language.rules import apply_rules
from tests.helpers import make


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "house.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def it_loads_the_bundled_phrasebook() -> None:
    book = load_phrasebook()
    # a change for the worse is worded by its plain direction, as one without a polarity
    assert book.find("parts", "travel.worsened.considerable")[0].key == "plan.parts.travel"
    assert book.find("parts", "travel.improved.slight")[0].key == "plan.parts.travel.improved"
    assert book.find("parts", "travel.increase.small")[0].key == "plan.parts.travel"
    # a finding said on its own is a part too: one wording table
    assert book.find("parts", "travel.no_previous")[0].key == "plan.parts.travel.no_previous"


def it_lets_an_officer_override_one_phrase(tmp_path: Path) -> None:
    # a part and a connective: "while" for the bundled "although"
    path = write(
        tmp_path,
        "plan:\n  parts:\n"
        '    quartile.placed: "puts {{ area }} in the {{ quartile }} quartile"\n'
        "  joins:\n"
        '    change_position.concession: "This is {{ change }}, while it {{ position }}."\n',
    )
    book = load_phrasebook(path)
    ctx = make(quartile=4)  # an improvement, in the fourth quartile: a concession
    text = " ".join(
        s.text for s in Realiser(book, "Leicestershire").paragraph(apply_rules(ctx), ctx)
    )
    assert ", while it puts Leicestershire in the fourth quartile." in text
    assert "percentage points" in text  # the rest of the bundled phrasebook still applies


def it_rejects_a_phrase_using_a_value_no_rule_provides(tmp_path: Path) -> None:
    path = write(tmp_path, 'plan:\n  parts:\n    quartile.placed: "in {{ quartle }} quartile"\n')
    with pytest.raises(PhrasebookError) as info:
        load_phrasebook(path)
    assert "plan.parts.quartile.placed" in str(info.value)
    assert "quartle" in str(info.value) and "quartile" in str(info.value)


def it_rejects_a_phrase_that_does_not_parse(tmp_path: Path) -> None:
    path = write(tmp_path, 'plan:\n  parts:\n    target.met: "meets {{ goal "\n')
    with pytest.raises(PhrasebookError, match=r"plan\.parts\.target\.met"):
        load_phrasebook(path)


def it_rejects_unknown_sections(tmp_path: Path) -> None:
    with pytest.raises(PhrasebookError, match="line 1: not a phrasebook key; did you mean"):
        load_phrasebook(write(tmp_path, "sentencs: {}\n"))


def it_refuses_to_print_a_missing_value(tmp_path: Path) -> None:
    path = write(tmp_path, 'plan:\n  joins:\n    opening: "{{ subject }} was {{ counts }}."\n')
    book = load_phrasebook(path)
    ctx = make()  # no numerator: counts is None
    with pytest.raises(PhrasebookError, match="missing"):
        Realiser(book, "Leicestershire").paragraph(apply_rules(ctx), ctx)


def it_runs_phrases_in_the_sandbox(tmp_path: Path) -> None:
    path = write(tmp_path, 'plan:\n  joins:\n    opening: "{{ subject.__class__.__mro__ }}"\n')
    book = load_phrasebook(path)
    ctx = make()
    with pytest.raises(PhrasebookError):
        Realiser(book, "Leicestershire").paragraph(apply_rules(ctx), ctx)


def it_chooses_variants_by_the_indicator_not_by_chance() -> None:
    assert stable_index("Care leavers EET", 2) == stable_index("Care leavers EET", 2)
    picks = {stable_index(f"indicator {i}", 2) for i in range(20)}
    assert picks == {0, 1}


def it_formats_numbers_for_the_locale_without_nan() -> None:
    assert format_number(Decimal("13374"), 0, "en_GB") == "13,374"
    assert format_number(Decimal("0.07"), 2, "en_GB") == "0.07"
    assert format_number(Decimal("16.0"), 1, "en_GB") == "16.0"
    with pytest.raises(ValueError):
        format_number(Decimal("NaN"), 1, "en_GB")


def it_writes_small_counts_in_words_in_the_summary() -> None:
    book = load_phrasebook()
    assert book.number_word(3) == "three"
    assert book.number_word(14) is None


def it_renders_plain_phrases_as_jinja_does() -> None:
    """Phrases that only print values take a fast path; it must give Jinja's text exactly,
    and Jinja's errors for a missing value or a None."""
    from jinja2 import StrictUndefined, UndefinedError
    from jinja2.sandbox import SandboxedEnvironment

    from narrator.language.templating import JinjaPhrase, MissingValue, _finalize, plain_renderer

    env = SandboxedEnvironment(undefined=StrictUndefined, finalize=_finalize)
    values = {"n": "92.2", "term": "Summer", "year": 2024, "flag": True, "x": " a & b "}
    plain = [
        "{{ n }}%",
        "the {{ term }} term {{ year }}",
        "{{ flag }}{{x}} <{{ n }}>",
        "no values at all",
        "trailing newline {{ n }}\n",
    ]
    for source in plain:
        render = plain_renderer(env.parse(source))
        assert render is not None, source
        assert render(**values) == env.from_string(source).render(**values), source
    render = plain_renderer(env.parse("{{ n }}%"))
    assert render is not None
    with pytest.raises(UndefinedError):
        render(term="x")
    with pytest.raises(MissingValue):
        render(n=None)
    for source in (
        "{{ n | upper }}",
        "{% if flag %}x{% endif %}",
        "{{ 'a' if flag }}",
        "",
        "{{ n ~ '%' }}",
    ):
        assert plain_renderer(env.parse(source)) is None, source
    book = load_phrasebook()
    assert not isinstance(book.units["percent"].render, JinjaPhrase)  # the fast path
    assert isinstance(book.units["points"].render, JinjaPhrase)  # has a condition: Jinja


def it_rejects_an_unknown_filter_when_the_phrasebook_loads(tmp_path: Path) -> None:
    path = write(tmp_path, 'plan:\n  parts:\n    quartile.placed: "{{ area | shout }} is placed"\n')
    with pytest.raises(PhrasebookError) as info:
        load_phrasebook(path)
    assert "plan.parts.quartile.placed" in str(info.value) and "shout" in str(info.value)


def it_never_says_deterioration_by_default() -> None:
    """Officers name a change for the worse by its direction ("a decrease") or as "worse"; no
    council report we read says "deterioration" (issue 12), so the bundled phrasebook does not."""
    from importlib.resources import files

    text = (files("narrator.phrasebook") / "en-GB.yaml").read_text(encoding="utf-8")
    assert "deteriorat" not in text.lower()
