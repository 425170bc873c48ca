"""Each chart's drawn parts (its XML and its workbook's bytes), kept on disk between builds.

Drawing a chart takes python-pptx and xlsxwriter: importing them is about 0.1 s of CPU (and
python-pptx's XML writer imports xml.sax.saxutils, which imports urllib.request, http.client
and ssl), paid by every build for charts that are, from one build to the next, the same. So
`render` looks the chart up first by a hash of everything its bytes depend on: the chart's
spec (narrator.word.charts.spec: its data, labels, colours and names), the font, the workbook's
relationship id and date, narrator's version, the versions of python-pptx and xlsxwriter, the
files of narrator's code that draw it and `SCHEMA`. Only a chart not found is drawn (and
python-pptx imported), and then kept.

One JSON file per chart, beside the phrasebook's cache (the folder of
narrator.load_cache.folder), named by the hash, which is stored in the file and checked on
reading. It holds data only: the key and the two parts' bytes in base64. A file that does not
parse, holds another key or has the wrong shape is ignored, and written again once the chart
is drawn; where the folder cannot be written there is simply no cache.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Mapping
from dataclasses import fields
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

from narrator import load_cache
from narrator.word.charts.spec import Chart

SCHEMA = 1
"""The layout of a chart's cache file; raised whenever what it holds changes meaning."""

PREFIX = "chart-"
"""The start of a chart cache file's name (then 32 hex digits of its key, ".json")."""

# the modules (in the narrator package) whose code decides a chart's bytes
_CODE = ("word/charts/drawingml.py", "word/charts/spec.py", "word/charts/cache.py")
_LIBRARIES = ("pptx", "xlsxwriter")
_MAX_BYTES = 4 * 1024 * 1024  # a chart file larger than this is not one narrator wrote


def render(chart: Chart, *, font: str, workbook_rel: str, created: datetime) -> tuple[bytes, bytes]:
    """The chart part's XML and its workbook's bytes, as narrator.word.charts.drawingml.render
    gives them (the same arguments): from the cache when it holds them, else drawn (and
    kept)."""
    key = chart_key(chart, font=font, workbook_rel=workbook_rel, created=created)
    path = _path(key)
    if path is not None:
        kept = read(path, key)
        if kept is not None:
            return kept
    from narrator.word.charts import drawingml

    xml, xlsx = drawingml.render(chart, font=font, workbook_rel=workbook_rel, created=created)
    if path is not None:
        write(path, key, xml, xlsx)
    return xml, xlsx


def chart_key(chart: Chart, *, font: str, workbook_rel: str, created: datetime) -> str:
    """The hash (hex SHA-256) of everything a chart's drawn bytes depend on."""
    from narrator import __version__

    described = {
        "schema": SCHEMA,
        "narrator": __version__,
        "code": _code_digests(),
        "libraries": _library_versions(),
        "chart": _plain_chart(chart),
        "font": font,
        "workbook_rel": workbook_rel,
        "created": created.isoformat(),
    }
    text = json.dumps(described, ensure_ascii=True, allow_nan=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("ascii")).hexdigest()


def _plain_chart(chart: Chart) -> dict[str, Any]:
    """Every field of the chart's spec as JSON's values: a mapping as its [key, value] pairs
    in order (the order bars are drawn in), a sequence as a list."""

    def plain(value: Any) -> Any:
        if isinstance(value, Mapping):
            return [[plain(k), plain(v)] for k, v in value.items()]
        if isinstance(value, list | tuple):
            return [plain(item) for item in value]
        if value is None or isinstance(value, str | int | float):
            return value
        raise TypeError(f"a chart's spec holds a {type(value).__name__}")

    return {
        "kind": type(chart).__name__,
        **{f.name: plain(getattr(chart, f.name)) for f in fields(chart)},
    }


@cache
def _code_digests() -> tuple[str, ...]:
    package = Path(__file__).resolve().parents[2]
    return tuple(load_cache.file_digest(package / name) for name in _CODE)


def _library_versions() -> tuple[str, ...]:
    """Each chart library's version (see narrator.load_cache.library_stamp)."""
    return tuple(load_cache.library_stamp(name) for name in _LIBRARIES)


def _path(key: str) -> Path | None:
    place = load_cache.folder()
    return None if place is None else place / f"{PREFIX}{key[:32]}.json"


def read(path: Path, key: str) -> tuple[bytes, bytes] | None:
    """The chart's XML and workbook kept in `path` under `key`; None when there is no such
    file, or it is not one (it does not parse, holds another key, has the wrong shape)."""
    try:
        if path.stat().st_size > _MAX_BYTES:
            return None
        data = json.loads(path.read_bytes())
        if data.get("schema") != SCHEMA or data.get("key") != key:
            return None
        xml, xlsx = data["xml"], data["xlsx"]
        if not isinstance(xml, str) or not isinstance(xlsx, str):
            return None
        return base64.b64decode(xml, validate=True), base64.b64decode(xlsx, validate=True)
    except (OSError, ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return None


def write(path: Path, key: str, xml: bytes, xlsx: bytes) -> None:
    """Keep a chart's parts in `path` (a temporary file, then renamed over any old one);
    nothing when the folder cannot be written."""
    data = {
        "schema": SCHEMA,
        "key": key,
        "xml": base64.b64encode(xml).decode("ascii"),
        "xlsx": base64.b64encode(xlsx).decode("ascii"),
    }
    load_cache.write_quietly(path, json.dumps(data))


__all__ = ["PREFIX", "SCHEMA", "chart_key", "read", "render", "write"]
