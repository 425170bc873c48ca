"""Parts of README.md generated from narrator's own tables, so the Reference never drifts from
what narrator reads. Each part sits between two markers naming it:

    <!-- BEGIN GENERATED: vocabulary (python -m narrator.readme_blocks README.md) -->
    ...
    <!-- END GENERATED: vocabulary -->

`GENERATORS` maps a part's name to the function that writes it; add one to generate another
part (column spellings, catalogue keys). `python -m narrator.readme_blocks README.md` rewrites
every part in place; `--check` only says whether any differs (tests/test_readme_blocks.py runs
the same comparison).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path


def _vocabulary() -> str:
    from narrator.intake.reference import vocabulary_reference

    return vocabulary_reference()


GENERATORS: dict[str, Callable[[], str]] = {"vocabulary": _vocabulary}

_BLOCK = re.compile(
    r"(?P<begin><!-- BEGIN GENERATED: (?P<name>[\w-]+)[^>]*-->\n)(?P<body>.*?)"
    r"(?P<end><!-- END GENERATED: (?P=name) -->)",
    re.S,
)


def regenerate(text: str) -> str:
    """`text` with every generated part written afresh. A part whose name has no generator is
    left as it is."""

    def fresh(m: re.Match[str]) -> str:
        generate = GENERATORS.get(m.group("name"))
        if generate is None:
            return m.group(0)
        return f"{m.group('begin')}{generate().rstrip()}\n{m.group('end')}"

    return _BLOCK.sub(fresh, text)


def parts(text: str) -> list[str]:
    """The names of the generated parts `text` holds, in order."""
    return [m.group("name") for m in _BLOCK.finditer(text)]


def main(argv: list[str]) -> int:
    """Rewrite (or with --check, compare) the generated parts of each file named."""
    check = "--check" in argv
    stale = []
    for name in (a for a in argv if a != "--check"):
        path = Path(name)
        text = path.read_text(encoding="utf-8")
        new = regenerate(text)
        if new != text:
            stale.append(name)
            if not check:
                path.write_text(new, encoding="utf-8")
    if check and stale:
        print(f"generated parts out of date in {', '.join(stale)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
