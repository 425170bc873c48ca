"""Reading the YAML files officers write (config, catalogue, commentary, phrasebook), with one
set of messages for a missing, unreadable or malformed file."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from narrator.errors import ConfigError
from narrator.schema import KeyPath, Spec, check


def read_mapping(
    path: Path, what: str, *, empty_ok: bool = False, schema: Spec | None = None
) -> dict[str, Any]:
    """The file's top-level mapping. `what` names the file in messages ("catalogue").

    An empty file gives {} when `empty_ok`; otherwise, like a file that is not a mapping, it is a
    ConfigError. A missing file, a folder, a special file, one over the size limit, bad
    encoding, bad YAML and YAML over the bounds of narrator.limits are ConfigErrors too.
    With a `schema` (narrator.schema), an unknown key or a value of the wrong type is a
    ConfigError with the line and column it is on; None: keys and types are the caller's.
    """
    from narrator.limits import read_input
    from narrator.yamltext import YamlRefused, load_yaml

    file = str(path)
    data_bytes = read_input(path, what)
    try:
        data = load_yaml(data_bytes.decode("utf-8"), kept=True)
    except UnicodeDecodeError as exc:
        raise ConfigError(file, f"{what} file is not UTF-8 text") from exc
    except YamlRefused as exc:
        raise ConfigError(file, f"refused: {_yaml_problem(exc)}") from exc
    except _yaml_error() as exc:
        raise ConfigError(file, f"not valid YAML: {_yaml_problem(exc)}") from exc
    except (ValueError, OverflowError) as exc:  # a value PyYAML parsed but could not build:
        # a date that does not exist, a whole number of thousands of digits
        dated = any(word in str(exc) for word in ("month", "day", "year"))
        hint = "write dates as YYYY-MM-DD" if dated else "check the numbers"
        raise ConfigError(
            file, f"not valid YAML: {exc} ({hint}, or put the text in quotes)"
        ) from exc
    if data is None and empty_ok:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(file, f"expected a mapping in the {what} file")
    bad = _unstorable(data)
    if bad is not None:
        text, char = bad
        raise ConfigError(
            file,
            f"the text {text[:60]!r} holds the control character U+{ord(char):04X}, which a "
            "Word document cannot hold: remove it",
        )
    if schema is not None:
        problem = check(data, schema, f"the {what}")
        if problem is not None:
            line, column = position(data_bytes.decode("utf-8"), problem.path) or (None, None)
            raise ConfigError(file, problem.message, line=line, column=column)
    return data


def _yaml_error() -> type[Exception]:
    """PyYAML's error class, imported only when an error is being handled (a file whose
    values come from narrator.load_cache is read without PyYAML)."""
    import yaml

    return yaml.YAMLError


def position(text: str, path: KeyPath) -> tuple[int, int] | None:
    """The (line, column) of the key or list item at `path` in the YAML `text`, as an editor
    counts them; None when the path is not in the text (a merged or aliased value).

    Composed again only when a problem is reported: the values read carry no positions."""
    import yaml

    node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    mark = None
    for part in path:
        if node is None:
            return None
        if isinstance(part, int) and isinstance(node, yaml.SequenceNode):
            if part >= len(node.value):
                return None
            node = node.value[part]
            mark = node.start_mark
        elif isinstance(node, yaml.MappingNode):
            pair = next((p for p in node.value if str(p[0].value) == str(part)), None)
            if pair is None:
                return None
            mark, node = pair[0].start_mark, pair[1]
        else:
            return None
    return None if mark is None else (mark.line + 1, mark.column + 1)


def _yaml_problem(exc: Exception) -> str:
    """PyYAML's complaint in one line, with the line and column as an editor counts them
    ("line 2, column 1: did not find expected ',' or ']' (while parsing a flow sequence that
    starts at line 1, column 8)"); its own text names "<unicode string>" and spans lines."""
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None)
    if mark is None or not problem:
        return " ".join(str(exc).split())
    text = f"line {mark.line + 1}, column {mark.column + 1}: {problem}"
    context, context_mark = getattr(exc, "context", None), getattr(exc, "context_mark", None)
    if context:
        text += f" ({context}"
        if context_mark is not None and (context_mark.line, context_mark.column) != (
            mark.line,
            mark.column,
        ):
            text += (
                f" that starts at line {context_mark.line + 1}, column {context_mark.column + 1}"
            )
        text += ")"
    return text


def _unstorable(value: Any) -> tuple[str, str] | None:
    """(the text, its first character) for the first string in `value` (a loaded YAML value:
    mappings, lists and scalars, keys included) holding a character XML 1.0 forbids; None
    when there is none."""
    if isinstance(value, str):
        char = unstorable_character(value)
        return (value, char) if char is not None else None
    items: list[Any] = []
    if isinstance(value, dict):
        items = [item for pair in value.items() for item in pair]
    elif isinstance(value, list):
        items = value
    for item in items:
        found = _unstorable(item)
        if found is not None:
            return found
    return None


_UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def unstorable_character(text: str) -> str | None:
    """The first character of `text` that XML 1.0, and so a .docx, cannot hold (control
    characters other than tab and line breaks); None when every character can be stored."""
    match = _UNSTORABLE.search(text)
    return match.group(0) if match else None
