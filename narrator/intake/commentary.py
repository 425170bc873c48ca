"""Text officers write that narrator keeps: per-indicator commentary and spotlight paragraphs.

Commentary is a YAML mapping from the dashboard's indicator name to text, appended to that
indicator's generated paragraph on every build. A spotlight file is plain text: paragraphs are
separated by blank lines; a line starting with "#" is a sub-heading.
"""

from __future__ import annotations

import re
from pathlib import Path

from narrator.errors import ConfigError
from narrator.officer_files import Commentary, SpotlightPart, normalise_name
from narrator.yamlfile import read_mapping, unstorable_character


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


def load_spotlight(path: Path | None) -> tuple[SpotlightPart, ...]:
    """Paragraphs of a spotlight file, in order; None gives none.

        The file is Markdown-like text: paragraphs are separated by blank lines and their lines
        joined with spaces; a line starting with "#" is a sub-heading (wherever it stands); a line
        starting with a list marker ("- ", "* ", "+ ", "1. ", "2) ") starts a paragraph of its own,
        the marker dropped. A paragraph number typed at the start ("6. The number of ...", as in
        text copied from an earlier report) is dropped too: Word numbers the paragraphs. A UTF-8
        byte order mark is ignored. A missing, unreadable or non-UTF-8 file is a ConfigError, as is
    a control character a Word document cannot hold (named with its line).
    """
    if path is None:
        return ()
    from narrator.limits import read_input

    file = str(path)
    try:
        raw = read_input(path, "spotlight").decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError(file, "spotlight file is not UTF-8 text") from exc
    for number, text_line in enumerate(raw.splitlines(), start=1):
        char = unstorable_character(text_line)
        if char is not None:
            raise ConfigError(
                file,
                f"line {number} holds the control character U+{ord(char):04X}, which a Word "
                "document cannot hold: remove it",
            )
    parts: list[SpotlightPart] = []
    lines: list[str] = []

    def end_paragraph() -> None:
        if lines:
            parts.append(SpotlightPart(_NUMBER_OR_MARKER.sub("", " ".join(lines), count=1)))
            lines.clear()

    for raw_line in raw.splitlines():
        line = raw_line.strip()
        if not line:
            end_paragraph()
        elif line.startswith("#"):
            end_paragraph()
            if line.lstrip("#").strip():
                parts.append(SpotlightPart(line.lstrip("#").strip(), heading=True))
        else:
            if _NUMBER_OR_MARKER.match(line):
                end_paragraph()
            lines.append(line)
    end_paragraph()
    return tuple(parts)


_NUMBER_OR_MARKER = re.compile(r"^(?:[-*+]|\d{1,3}[.)])\s+")
"""A list marker or typed paragraph number at the start of a line, with the space after it."""
