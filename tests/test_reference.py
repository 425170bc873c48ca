"""The README's reference lists are the code's own tables (narrator.reference): a column
spelling, catalogue or config key, rules threshold or unit spelling added to the code and not
to the README fails here, with the command that brings the README up to date."""

from __future__ import annotations

from pathlib import Path

import pytest

from narrator import reference
from narrator.intake.columns import ALIASES
from tests.conftest import ROOT

README = ROOT / "README.md"


def it_keeps_the_readme_reference_lists_made_from_the_code() -> None:
    text = README.read_text(encoding="utf-8")
    assert reference.generated(text) == text, "run: python -m narrator.reference README.md"


def it_lists_every_spelling_of_every_column() -> None:
    table = reference.columns()
    spellings = [name for names in ALIASES.values() for name in names]
    assert len(spellings) > 100
    assert [name for name in spellings if name not in table] == []


def it_sees_a_spelling_the_readme_lacks(monkeypatch: pytest.MonkeyPatch) -> None:
    text = README.read_text(encoding="utf-8")
    monkeypatch.setitem(ALIASES, "target", (*ALIASES["target"], "Goal 2025"))
    monkeypatch.setitem(ALIASES, "new_field", ("Brand New Column",))
    made = reference.generated(text)
    assert made != text
    assert "Latest Target, Goal 2025 | below |" in made
    assert "| Brand New Column | | |" in made


def it_checks_and_rewrites_the_readme(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    copy = tmp_path / "README.md"
    text = README.read_text(encoding="utf-8")
    copy.write_text(text.replace("Freq, Periodicity", "Freq"), encoding="utf-8")
    assert reference.main(["--check", str(copy)]) == 1
    assert "python -m narrator.reference" in capsys.readouterr().err
    assert reference.main([str(copy)]) == 0
    assert copy.read_text(encoding="utf-8") == text
    copy.write_text("no parts here\n", encoding="utf-8")
    assert reference.main(["--check", str(copy)]) == 2
    assert "no <!-- reference:columns --> part" in capsys.readouterr().err
