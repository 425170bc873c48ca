"""Issue 19's one route from findings to words, held: the language stage decides on typed
findings (no phrase key parsed back), the phrasebook has one wording table, and word/ prints
no hard-coded "N/A" (no function over 80 lines: tests/test_layers.py)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LANGUAGE = ROOT / "narrator" / "language"
_PARSING = {"split", "rsplit", "partition", "rpartition", "endswith", "startswith"}


def _modules(folder: Path) -> list[Path]:
    found = sorted(folder.glob("*.py"))
    assert len(found) > 5  # the stage is there to check
    return found


def _is_key(node: ast.AST) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "key"


def it_never_parses_a_findings_key_in_the_language_stage() -> None:
    """A decision is read from a finding's typed fact: no `.key.split(...)`, `.key.rsplit`,
    `.key.endswith(...)`, `.key == "..."` or `"..." in x.key` in narrator/language."""
    found = []
    for path in _modules(LANGUAGE):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in _PARSING
                and _is_key(node.func.value)
            ):
                found.append(f"{path.name}:{node.lineno}")
            if isinstance(node, ast.Compare) and (
                _is_key(node.left) or any(_is_key(c) for c in node.comparators)
            ):
                found.append(f"{path.name}:{node.lineno}")
    assert found == []


def it_has_one_wording_table() -> None:
    """No `sentences:` section beside `plan:`; every part the planner may ask for is found."""
    import yaml

    from narrator.language.phrasekeys import part_keys
    from narrator.language.phrases import load_phrasebook

    data = yaml.safe_load((ROOT / "phrasebook" / "en-GB.yaml").read_text(encoding="utf-8"))
    assert "sentences" not in data and set(data["plan"]) == {"parts", "joins"}
    book = load_phrasebook()
    keys = part_keys()
    assert "travel.no_previous" in keys and "summary.quartiles" in keys
    assert all(book.find("parts", key) for key in keys)


def it_prints_no_hard_coded_missing_value_in_word() -> None:
    """No text in word/ (charts/ included) holds "N/A", however quoted: what a missing value
    prints as is the phrasebook's `appendix.missing`."""
    modules = sorted((ROOT / "narrator" / "word").rglob("*.py"))
    assert len(modules) > 10 and any(p.parent.name == "charts" for p in modules)
    found = [
        f"{p.relative_to(ROOT)}:{node.lineno}"
        for p in modules
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and "N/A" in node.value
    ]
    assert found == []


def it_gives_every_finding_a_typed_fact(prepared_q1) -> None:  # type: ignore[no-untyped-def]
    from narrator.language import findings
    from narrator.language.rules import apply_rules

    kinds = (
        findings.LatestFigure,
        findings.Change,
        findings.CountChange,
        findings.QuartilePosition,
        findings.AverageComparison,
        findings.TargetResult,
        findings.ComparedWord,
        findings.PublishedRecord,
    )
    seen = set()
    for text in prepared_q1.texts:
        for finding in apply_rules(text.context):
            assert isinstance(finding.fact, kinds), finding
            seen.add(type(finding.fact))
    assert {findings.LatestFigure, findings.Change, findings.QuartilePosition} <= seen
