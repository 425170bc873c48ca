"""The README's council words match what narrator reads (issue 21: the Reference lists every
header shape, status, quartile, aim and placeholder word accepted, generated from the
vocabulary by `narrator.reference`, not copied; test_reference checks the README is in step)."""

from __future__ import annotations


def it_lists_every_word_the_vocabulary_accepts() -> None:
    from narrator.intake.word_reference import vocabulary_reference
    from narrator.intake.words import default_words

    words = default_words()
    reference = vocabulary_reference(words)
    tables = (words.headings, words.status, words.aims, words.placeholders)
    every = [w for table in tables for ws in table.values() for w in ws]
    every += [w for ws in words.quartiles.values() for w in ws]
    every += [*words.unit_words, *words.money_scales, *words.per]
    assert len(every) > 100
    assert [w for w in every if f"`{w}`" not in reference] == []


def it_generates_the_vocabulary_part_of_the_readme() -> None:
    from narrator import reference
    from narrator.intake.word_reference import vocabulary_reference

    assert reference.PARTS["vocabulary"] is vocabulary_reference
    stale = "<!-- reference:vocabulary -->\nold words\n<!-- /reference:vocabulary -->\n"
    made = reference.PARTS["vocabulary"]()
    assert "`Next to top`" in made and "old words" not in made
    assert stale.replace("old words", made) != stale


def it_reads_the_words_it_lists() -> None:
    """Every listed word is read as the Reference says, through the cell parsers."""
    from narrator.intake import cells
    from narrator.intake.words import default_words
    from narrator.model import Polarity, Rag

    words = default_words()
    rag = {"met": Rag.GREEN, "near": Rag.AMBER, "missed": Rag.RED, "none": None}
    status = {w: m for m, ws in words.status.items() for w in ws}
    assert [w for w, m in status.items() if cells.parse_rag(w) is not rag[m]] == []
    quartile = {w: q for q, ws in words.quartiles.items() for w in ws}
    assert [w for w, q in quartile.items() if cells.parse_quartile(w) != q] == []
    aim = {w: a for a, ws in words.aims.items() for w in ws}
    assert [w for w, a in aim.items() if cells.parse_polarity(w) is not Polarity(a)] == []
    reason = {w: r for r, ws in words.placeholders.items() for w in ws}
    assert [w for w, r in reason.items() if cells.placeholder_reason(w) != r] == []
    assert [w for w in reason if cells.parse_value(w) is not None] == []
