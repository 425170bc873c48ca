"""The phrasebook's YAML values and phrase parses kept on disk (narrator.load_cache): data only,
keyed by the files' content, checked on reading, and a cache that cannot be trusted ignored."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from narrator.errors import PhrasebookError
from narrator.language import phrases
from narrator.language.sandbox import BoundedSandbox
from narrator.language.templating import JinjaPhrase
from tests.conftest import SAMPLE_CONFIG

OVERRIDE = 'units:\n  percent: "{{ n }} per cent"\nterms:\n  quartile: {1: top, 2: second}\n'


def _counting_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every phrase Jinja parses from now on."""
    parsed: list[str] = []
    parse = BoundedSandbox.parse

    def counted(self: Any, source: str, *args: Any, **kwargs: Any) -> Any:
        parsed.append(source)
        return parse(self, source, *args, **kwargs)

    monkeypatch.setattr(BoundedSandbox, "parse", counted)
    return parsed


def _shape(book: phrases.Phrasebook) -> list[tuple[str, str, bool]]:
    """Each phrase's key, text and whether Jinja renders it."""
    out = []
    for section in (book.units, book.subject, book.periods_when, book.periods_name):
        out += [(p.key, p.source, isinstance(p.render, JinjaPhrase)) for p in section.values()]
    for many in (book.clauses, book.parts, book.joins):
        for variants in many.values():
            out += [(p.key, p.source, isinstance(p.render, JinjaPhrase)) for p in variants]
    return out


def it_loads_the_phrasebook_again_from_its_cache_without_parsing_a_phrase(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NARRATOR_CACHE", str(tmp_path / "cache"))
    override = tmp_path / "house.yaml"
    override.write_text(OVERRIDE, encoding="utf-8")
    first = phrases._load_with_cache(override)
    (cached,) = (tmp_path / "cache").glob("phrasebook-*.json")
    data = json.loads(cached.read_text(encoding="utf-8"))  # data only: JSON
    assert cached.name == f"phrasebook-{data['key'][:32]}.json" and data["schema"] == 2
    parsed = _counting_parses(monkeypatch)
    second = phrases._load_with_cache(override)
    assert parsed == []
    assert _shape(second) == _shape(first)
    assert second.terms == first.terms and second.terms["quartile"][1] == "top"
    assert second.units["percent"].render(n="92.2") == "92.2 per cent"
    # a condition: interpreted from its kept tree (narrator.language.phrase_tree), not parsed
    points = second.units["points"].render(n="3", one=False)
    assert points == first.units["points"].render(n="3", one=False) and parsed == []
    assert points == "3 percentage points"


@pytest.mark.parametrize(
    "content",
    [
        b"not json at all",
        b'{"schema": 1, "key": "another", "yaml": {}, "phrases": {}}',
        b"[" * 100_000,
        None,  # the right key, the wrong shape: written below
    ],
)
def it_ignores_a_cache_it_cannot_trust_and_writes_it_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: bytes | None
) -> None:
    monkeypatch.setenv("NARRATOR_CACHE", str(tmp_path / "cache"))
    expected = _shape(phrases._load_with_cache(None))
    (cached,) = (tmp_path / "cache").glob("phrasebook-*.json")
    key = json.loads(cached.read_text(encoding="utf-8"))["key"]
    if content is None:
        pieces = {"{{ n }}%": [["n"], "ab", None]}  # the right schema and key, wrong pieces
        wrong = {"schema": 2, "key": key, "yaml": {}, "phrases": pieces}
        content = json.dumps(wrong).encode()
    cached.write_bytes(content)
    assert _shape(phrases._load_with_cache(None)) == expected
    assert json.loads(cached.read_text(encoding="utf-8"))["key"] == key


def it_keys_the_cache_by_the_phrasebooks_content(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NARRATOR_CACHE", str(tmp_path / "cache"))
    override = tmp_path / "house.yaml"
    override.write_text(OVERRIDE, encoding="utf-8")
    phrases._load_with_cache(override)
    override.write_text(OVERRIDE.replace("per cent", "percent"), encoding="utf-8")
    assert phrases._load_with_cache(override).units["percent"].render(n="5") == "5 percent"
    assert len(list((tmp_path / "cache").glob("phrasebook-*.json"))) == 2


def it_rejects_a_bad_phrase_however_often_it_is_loaded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only a phrasebook that loaded is cached: a bad phrase fails every time."""
    monkeypatch.setenv("NARRATOR_CACHE", str(tmp_path / "cache"))
    override = tmp_path / "house.yaml"
    override.write_text('units:\n  percent: "{{ n | shout }}"\n', encoding="utf-8")
    for _ in range(2):
        with pytest.raises(PhrasebookError, match="shout"):
            phrases._load_with_cache(override)
    assert not list((tmp_path / "cache").glob("phrasebook-*.json"))


def it_builds_the_same_report_from_the_cache(tmp_path: Path) -> None:
    """A cold build (the cache written) and a warm one (read) write the same bytes."""
    env = {"NARRATOR_CACHE": str(tmp_path / "cache")}
    outputs = []
    for name in ("cold", "warm"):
        out = tmp_path / f"{name}.docx"
        argv = [sys.executable, "-m", "narrator", "build", str(SAMPLE_CONFIG), "-o", str(out)]
        subprocess.run(argv, check=True, capture_output=True, env={**os.environ, **env})
        outputs.append(out.read_bytes())
    assert list((tmp_path / "cache").glob("phrasebook-*.json"))
    assert outputs[0] == outputs[1]


# --- an officer's YAML files (config, catalogue, commentary), each kept in a file of its own ---

COUNCIL_CONFIG = """\
area: Wirral
meeting_date: 2025-03-18
report_period: Month 11 2024/25
rates: {per: 10000, places: 1}
terms: [RAG, "BRAG"]
stamp: 2025-03-01 09:30:00
"""


def it_keeps_an_officers_yaml_file_dates_and_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import datetime

    import yaml

    from narrator import load_cache
    from narrator.yamltext import load_yaml

    monkeypatch.setenv("NARRATOR_CACHE", str(tmp_path / "cache"))
    first = load_yaml(COUNCIL_CONFIG, kept=True)
    assert first == yaml.safe_load(COUNCIL_CONFIG)
    assert first["meeting_date"] == datetime.date(2025, 3, 18)
    (kept,) = (tmp_path / "cache").glob("yaml-*.json")
    assert load_cache.text_value(COUNCIL_CONFIG) == (True, first)

    def refuse(*_: Any, **__: Any) -> Any:
        raise AssertionError("parsed again")

    monkeypatch.setattr(yaml, "load", refuse)
    again = load_yaml(COUNCIL_CONFIG, kept=True)
    assert again == first and type(again["stamp"]) is datetime.datetime
    assert load_cache.text_value(COUNCIL_CONFIG.replace("Wirral", "Sefton")) == (False, None)
    data = json.loads(kept.read_text(encoding="utf-8"))
    assert sorted(data) == ["key", "schema", "value"]


@pytest.mark.parametrize(
    "spoil",
    [
        lambda data: "{ not json",
        lambda data: json.dumps({**data, "key": "0" * 64}),
        lambda data: json.dumps({**data, "value": {"x": 1}}),
        lambda data: json.dumps({**data, "value": {"date": "2025-02-30"}}),
    ],
    ids=["not JSON", "foreign key", "not a value", "not a date"],
)
def it_ignores_a_kept_yaml_file_it_cannot_trust_and_writes_it_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spoil: Any
) -> None:
    from narrator import load_cache
    from narrator.yamltext import load_yaml

    monkeypatch.setenv("NARRATOR_CACHE", str(tmp_path / "cache"))
    good = load_yaml(COUNCIL_CONFIG, kept=True)
    (kept,) = (tmp_path / "cache").glob("yaml-*.json")
    written = kept.read_text(encoding="utf-8")
    kept.write_text(spoil(json.loads(written)), encoding="utf-8")
    assert load_cache.text_value(COUNCIL_CONFIG) == (False, None)
    assert load_yaml(COUNCIL_CONFIG, kept=True) == good
    assert kept.read_text(encoding="utf-8") == written


# --- facts a library works out (babel's number symbols, a date's words), kept ---------------------


def it_remembers_a_librarys_answer_for_later_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from narrator import load_cache

    monkeypatch.setenv("NARRATOR_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(load_cache, "_FACTS", {})
    asked: list[str] = []

    def answer() -> str:
        asked.append("asked")
        return "18 March 2025"

    question = "format_date 2025-03-18 'd MMMM y' en_GB"
    assert load_cache.remembered("babel", question, answer) == "18 March 2025"
    (kept,) = (tmp_path / "cache").glob("facts-*.json")
    monkeypatch.setattr(load_cache, "_FACTS", {})  # as a new process would start
    assert load_cache.remembered("babel", question, answer) == "18 March 2025"
    assert asked == ["asked"]
    data = json.loads(kept.read_text(encoding="utf-8"))
    assert data["facts"] == {question: "18 March 2025"}

    kept.write_text(json.dumps({**data, "facts": {question: ["not", "a fact"]}}), "utf-8")
    monkeypatch.setattr(load_cache, "_FACTS", {})
    assert load_cache.remembered("babel", question, answer) == "18 March 2025"
    assert asked == ["asked", "asked"]
    assert json.loads(kept.read_text(encoding="utf-8")) == data  # written again


def it_keys_remembered_facts_by_the_librarys_version() -> None:
    import babel

    from narrator import load_cache

    stamp = load_cache.library_stamp("babel")
    assert stamp.split()[:2] == ["babel", babel.__version__]
    assert load_cache.library_stamp("no_such_library_here") == "no_such_library_here missing"


def it_writes_the_meeting_date_as_babel_does_from_memory_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import datetime

    from babel.dates import format_date

    from narrator import load_cache
    from narrator.language.assemble import meeting_date

    monkeypatch.setenv("NARRATOR_CACHE", str(tmp_path / "cache"))
    day = datetime.date(2025, 11, 4)
    for locale in ("en_GB", "fr_FR", "en_GB"):
        monkeypatch.setattr(load_cache, "_FACTS", {})
        assert meeting_date(day, "d MMMM y", locale) == format_date(day, "d MMMM y", locale=locale)
    assert meeting_date(day, "d MMMM y", "fr_FR") == "4 novembre 2025"
