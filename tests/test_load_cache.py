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
    assert cached.name == f"phrasebook-{data['key'][:32]}.json" and data["schema"] == 1
    parsed = _counting_parses(monkeypatch)
    second = phrases._load_with_cache(override)
    assert parsed == []
    assert _shape(second) == _shape(first)
    assert second.terms == first.terms and second.terms["quartile"][1] == "top"
    assert second.units["percent"].render(n="92.2") == "92.2 per cent"
    points = second.units["points"].render(n="3", one=False)  # Jinja: parsed when first used
    assert points == first.units["points"].render(n="3", one=False) and parsed


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
        wrong = {"schema": 1, "key": key, "yaml": {}, "phrases": {"{{ n }}%": [["n"], "ab"]}}
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
