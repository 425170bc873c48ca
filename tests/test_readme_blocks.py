"""The README's generated parts match what narrator reads (issue 21: the Reference lists every
header shape, status, quartile, aim and placeholder word accepted, generated from the
vocabulary, not copied)."""

from __future__ import annotations

from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def it_keeps_the_readme_in_step_with_the_vocabulary() -> None:
    """Fails when vocabulary.yaml (or another generator's table) changes and the README is not
    regenerated: run `python -m narrator.readme_blocks README.md`."""
    from narrator.readme_blocks import parts, regenerate

    text = README.read_text(encoding="utf-8")
    assert "vocabulary" in parts(text)
    assert regenerate(text) == text


def it_lists_every_word_the_vocabulary_accepts() -> None:
    from narrator.intake.reference import vocabulary_reference
    from narrator.intake.words import default_words

    words = default_words()
    reference = vocabulary_reference(words)
    tables = (words.headings, words.status, words.aims, words.placeholders)
    every = [w for table in tables for ws in table.values() for w in ws]
    every += [w for ws in words.quartiles.values() for w in ws]
    every += [*words.unit_words, *words.money_scales, *words.per]
    assert every and all(f"`{w}`" in reference for w in every)


def it_regenerates_a_stale_part_and_leaves_unknown_parts_alone() -> None:
    from narrator.readme_blocks import regenerate

    stale = (
        "before\n<!-- BEGIN GENERATED: vocabulary (x) -->\nold words\n"
        "<!-- END GENERATED: vocabulary -->\nafter\n"
        "<!-- BEGIN GENERATED: someone-else -->\nkept\n<!-- END GENERATED: someone-else -->\n"
    )
    fresh = regenerate(stale)
    assert "old words" not in fresh and "`Next to top`" in fresh
    assert fresh.startswith("before\n") and "\nafter\n" in fresh and "\nkept\n" in fresh
    assert regenerate(fresh) == fresh


def it_reads_the_words_it_lists() -> None:
    """Every listed word is read as the Reference says, through the cell parsers."""
    from narrator.intake import cells
    from narrator.intake.words import default_words
    from narrator.model import Polarity, Rag

    words = default_words()
    rag = {"met": Rag.GREEN, "near": Rag.AMBER, "missed": Rag.RED, "none": None}
    for meaning, said in words.status.items():
        assert all(cells.parse_rag(w) is rag[meaning] for w in said), meaning
    for quartile, said in words.quartiles.items():
        assert all(cells.parse_quartile(w) == quartile for w in said), quartile
    for aim, said in words.aims.items():
        assert all(cells.parse_polarity(w) is Polarity(aim) for w in said), aim
    for reason, said in words.placeholders.items():
        assert all(cells.placeholder_reason(w) == reason for w in said), reason
        assert all(cells.parse_value(w) is None for w in said), reason
