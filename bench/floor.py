"""The floor: python-docx alone writing the given paragraphs (no rules, no template, no
styles), one `add_paragraph` each, then saving. Run as a process of its own by bench/run.py:

    python bench/floor.py PARAGRAPHS.json OUT.docx
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    from docx import Document

    texts = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    document = Document()
    for text in texts:
        document.add_paragraph(text)
    document.save(argv[1])
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
