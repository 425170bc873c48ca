"""YAML written line by line, as `narrator init` writes its files: every value plain when YAML
reads it back unchanged, folded over lines when long, double-quoted otherwise."""

from __future__ import annotations

import re
import textwrap

WIDTH = 100


# --- YAML scalars ----------------------------------------------------------------------------


def reads_back(text: str, value: object) -> bool:
    from narrator.yamltext import load_yaml

    try:
        return bool(load_yaml(text) == {"k": value})
    except Exception:  # any YAML complaint: the form does not hold this value
        return False


# What YAML reads as it is in a double-quoted scalar: printable characters other than the line
# breaks NEL, LS and PS, and the byte-order mark. (JSON has already escaped tab and newline.)
_UNPRINTABLE = re.compile(
    "[^\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)


def quoted(value: str) -> str:
    """A double-quoted YAML scalar: JSON's escapes are YAML's, and a character YAML does not
    allow in a file as it is (control characters, DEL) is written as an escape."""
    import json

    text = json.dumps(value, ensure_ascii=False)
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


def scalar_lines(key: str, value: str, indent: int, comment: str | None = None) -> list[str]:
    """`key: value` at `indent` spaces, plain when YAML reads it back unchanged, folded over
    lines when long, double-quoted otherwise; `comment` follows a one-line value."""
    pad = " " * indent
    tail = f"  # {comment}" if comment else ""
    plain = f"{pad}{key}: {value}"
    if (
        len(plain) <= WIDTH
        and "#" not in value
        and value == value.strip()
        and "\t" not in value
        and not _UNPRINTABLE.search(value)
        and reads_back(f"k: {value}", value)
    ):
        return [plain + tail]
    if len(plain) > WIDTH and value == " ".join(value.split()):
        lines = textwrap.wrap(value, WIDTH - indent - 2, break_on_hyphens=False)
        folded = [f"{pad}  {line}" for line in lines]
        if reads_back("k: >-\n" + "\n".join(f"  {line}" for line in lines), value):
            head = [f"{pad}# {comment}"] if comment else []
            return [*head, f"{pad}{key}: >-", *folded]
    return [f"{pad}{key}: {quoted(value)}{tail}"]


def list_item_lines(value: str, indent: int) -> list[str]:
    """`- value` at `indent`, folded when long."""
    lines = scalar_lines("k", value, indent + 2)
    first = lines[0].replace(" " * (indent + 2) + "k:", " " * indent + "-", 1)
    return [first, *lines[1:]]
