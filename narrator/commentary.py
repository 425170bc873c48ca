"""Text officers write that narrator keeps: per-indicator commentary and spotlight paragraphs.

Commentary is a YAML mapping from the dashboard's indicator name to text, appended to that
indicator's generated paragraph on every build. A spotlight file is plain text: paragraphs are
separated by blank lines; a line starting with "#" is a sub-heading.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from narrator.catalogue import normalise_name
from narrator.errors import ConfigError
from narrator.yamlfile import read_mapping


@dataclass(frozen=True)
class Commentary:
    """Officer text by normalised indicator name; `names` keeps the names as written."""

    source: str | None
    texts: dict[str, str]
    names: dict[str, str]

    def for_indicator(self, name: str) -> str | None:
        """The officer's text for this indicator, or None when there is none."""
        return self.texts.get(normalise_name(name))


def load_commentary(path: Path | None) -> Commentary:
    """Read a commentary file; None gives no commentary.

    Two entries for one indicator (the same name twice, or names that differ only in case,
    spacing or punctuation) are a ConfigError naming both, so neither text is lost unseen."""
    if path is None:
        return Commentary(None, {}, {})
    file = str(path)
    data = read_mapping(path, "commentary", empty_ok=True)
    texts: dict[str, str] = {}
    names: dict[str, str] = {}
    for name, text in data.items():
        if not isinstance(name, str) or not isinstance(text, str):
            raise ConfigError(file, f"entry {name!r}: expected text for an indicator name")
        key = normalise_name(name)
        if key in names:
            raise ConfigError(
                file,
                f"entries {names[key]!r} and {name!r} name the same indicator: "
                "put the text in one entry",
            )
        texts[key] = " ".join(text.split())
        names[key] = name
    return Commentary(file, texts, names)


@dataclass(frozen=True)
class SpotlightPart:
    """A spotlight paragraph, or a sub-heading when `heading` is True."""

    text: str
    heading: bool = False


def load_spotlight(path: Path | None) -> tuple[SpotlightPart, ...]:
    """Paragraphs of a spotlight file; None gives none."""
    if path is None:
        return ()
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ConfigError(str(path), "spotlight file not found") from exc
    parts: list[SpotlightPart] = []
    for chunk in raw.replace("\r\n", "\n").split("\n\n"):
        lines = [line.strip() for line in chunk.strip().splitlines() if line.strip()]
        if not lines:
            continue
        if lines[0].startswith("#"):
            parts.append(SpotlightPart(lines[0].lstrip("#").strip(), heading=True))
            lines = lines[1:]
        if lines:
            parts.append(SpotlightPart(" ".join(lines)))
    return tuple(parts)
