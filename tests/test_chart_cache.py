"""The charts' cache (narrator.word.charts.cache): a chart drawn once is read back, byte for
byte, without python-pptx; keyed by everything its bytes depend on; a corrupt or foreign file
ignored and written again."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from narrator.word.charts import cache, drawingml
from narrator.word.charts.spec import Bars, TrendLine

BARS = Bars("RAG", {"Green": 3, "Amber": 2, "Red": 1}, {"Green": "00B050"})
LINE = TrendLine("Rate per 10,000", [("2022", 41.0), ("2023", None), ("2024", 38.5)], 40.0, 1)
WHEN = datetime(2025, 1, 31)
ARGS: dict[str, Any] = {"font": "+mn-lt", "workbook_rel": "rId1", "created": WHEN}


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("NARRATOR_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


def _no_drawing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_: Any, **__: Any) -> tuple[bytes, bytes]:
        raise AssertionError("drawn again, not read from the cache")

    monkeypatch.setattr(drawingml, "render", refuse)


def it_keeps_a_drawn_chart_and_gives_the_same_bytes_back(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    drawn = [cache.render(chart, **ARGS) for chart in (BARS, LINE)]
    assert drawn == [drawingml.render(chart, **ARGS) for chart in (BARS, LINE)]
    assert len(list(folder.glob(f"{cache.PREFIX}*.json"))) == 2
    _no_drawing(monkeypatch)
    assert [cache.render(chart, **ARGS) for chart in (BARS, LINE)] == drawn


def it_stores_its_key_and_only_data(folder: Path) -> None:
    cache.render(LINE, **ARGS)
    (path,) = folder.glob(f"{cache.PREFIX}*.json")
    data = json.loads(path.read_text(encoding="ascii"))
    assert sorted(data) == ["key", "schema", "xlsx", "xml"]
    assert data["key"] == cache.chart_key(LINE, **ARGS)
    assert path.name == f"{cache.PREFIX}{data['key'][:32]}.json"


@pytest.mark.parametrize(
    "spoil",
    [
        lambda data: b"not json {",
        lambda data: b"[1, 2]",
        lambda data: json.dumps({**data, "key": "0" * 64}).encode(),  # another chart's
        lambda data: json.dumps({**data, "schema": 0}).encode(),
        lambda data: json.dumps({**data, "xml": "not base64!"}).encode(),
        lambda data: json.dumps({**data, "xlsx": 7}).encode(),
    ],
    ids=["not JSON", "a list", "foreign key", "old schema", "bad base64", "not text"],
)
def it_ignores_a_corrupt_or_foreign_file_and_writes_it_again(folder: Path, spoil: Any) -> None:
    good = cache.render(BARS, **ARGS)
    (path,) = folder.glob(f"{cache.PREFIX}*.json")
    written = path.read_bytes()
    path.write_bytes(spoil(json.loads(written)))
    assert cache.render(BARS, **ARGS) == good
    assert path.read_bytes() == written


def it_keys_on_everything_the_bytes_depend_on(monkeypatch: pytest.MonkeyPatch) -> None:
    key = cache.chart_key(BARS, **ARGS)
    assert (
        cache.chart_key(
            Bars("RAG", {"Green": 3, "Amber": 2, "Red": 1}, {"Green": "00B050"}), **ARGS
        )
        == key
    )
    others = [
        cache.chart_key(
            Bars("RAG", {"Amber": 2, "Green": 3, "Red": 1}, {"Green": "00B050"}), **ARGS
        ),
        cache.chart_key(
            Bars("RAG", {"Green": 3, "Amber": 2, "Red": 2}, {"Green": "00B050"}), **ARGS
        ),
        cache.chart_key(
            Bars("Rag", {"Green": 3, "Amber": 2, "Red": 1}, {"Green": "00B050"}), **ARGS
        ),
        cache.chart_key(
            Bars("RAG", {"Green": 3, "Amber": 2, "Red": 1}, {"Green": "00B051"}), **ARGS
        ),
        cache.chart_key(BARS, **{**ARGS, "font": "Arial"}),
        cache.chart_key(BARS, **{**ARGS, "workbook_rel": "rId2"}),
        cache.chart_key(BARS, **{**ARGS, "created": datetime(2025, 2, 1)}),
        cache.chart_key(LINE, **ARGS),
    ]
    monkeypatch.setattr(cache, "_library_versions", lambda: ("pptx 9.9", "xlsxwriter 9.9"))
    others.append(cache.chart_key(BARS, **ARGS))
    assert len({key, *others}) == len(others) + 1


def it_names_the_installed_chart_libraries_versions() -> None:
    import pptx
    import xlsxwriter

    versions = cache._library_versions()
    assert [v.split()[:2] for v in versions] == [
        ["pptx", pptx.__version__],
        ["xlsxwriter", xlsxwriter.__version__],
    ]


def it_draws_without_a_cache_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    blocked = tmp_path / "a file"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("NARRATOR_CACHE", str(blocked / "cache"))  # cannot be made
    assert cache.render(LINE, **ARGS) == drawingml.render(LINE, **ARGS)
