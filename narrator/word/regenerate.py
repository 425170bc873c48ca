"""Regenerate a reviewed report from corrected data without losing the reviewer's edits.

The reviewed document is the starting point, so the reviewer's formatting, added paragraphs and
comments stay where they are. The steps, each in its own module:

- narrator.word.reviewed: what narrator wrote into the document before (the key map, the
  fingerprints already noted, the comments offered), and each generated paragraph found by its
  identity marker (narrator.word.markers);
- narrator.word.regenerate_blocks: each paragraph matched with the new report's block of the
  same key and brought up to date (rewritten as tracked changes when untouched, a comment when
  the reviewer edited it, kept deleted, inserted, or deleted as a tracked change);
- narrator.word.regenerate_notes: narrator's own comments (data warnings, the conflict note)
  follow the new data;
- narrator.word.regenerate_appendix: the appendix dashboard table's cells rewritten (tracked)
  from the new data and the charts given the new figures.

Headings and other untracked text are left as the reviewer has them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, time
from pathlib import Path

from narrator.atomic import atomic_write
from narrator.errors import InputError
from narrator.language.phrases import Phrasebook
from narrator.report import Report
from narrator.word import comments, guard, package, styles
from narrator.word.regenerate_appendix import update_appendix
from narrator.word.regenerate_blocks import update_blocks
from narrator.word.reviewed import AUTHOR, Outcome, Reviewed


def regenerate(
    report: Report,
    previous: Path,
    out: Path,
    book: Phrasebook,
    *,
    before_write: Callable[[], object] | None = None,
) -> Outcome:
    """Write `out`: the reviewed document `previous` brought up to date with `report`.

    Raises ConfigError when `previous` is not a readable .docx. The file is written atomically
    (see narrator.word.atomic). Dates on tracked changes and comments are the report's created
    date (today when it has none), so the same inputs give the same bytes.
    """
    from narrator.word.open_docx import open_document, read_package

    data = read_package(previous, "previous report")
    document = open_document(data, str(previous), "previous report")
    package.adopt_core_properties(document)
    when = datetime.combine(report.properties.created or date.today(), time())
    outcome = Outcome()
    reviewed = Reviewed(document, report, book, when, outcome)
    problem = reviewed.unusable()
    if problem is not None:
        raise InputError(str(previous), f"previous report: {problem}")
    styles.ensure_styles(document)  # a reviewer may have deleted a style narrator writes with
    update_blocks(reviewed)
    if report.appendix is not None:
        update_appendix(reviewed, report.appendix)
    reviewed.save_state()
    core = document.core_properties
    core.last_modified_by = AUTHOR
    core.modified = when
    comments.ensure_comment_styles(document)
    guard.stamp(document)
    data = styles.stable_bytes(document)
    if before_write is not None:
        before_write()  # e.g. a backup of `out`: only once the new report is ready
    atomic_write(out, data)
    return outcome


def summary_lines(outcome: Outcome) -> Sequence[str]:
    """The terminal summary: counts, then the keys a reviewer should look at."""
    lines = [
        f"regenerated {len(outcome.regenerated)}, unchanged {len(outcome.unchanged)}, "
        f"kept as edited {len(outcome.kept_as_edited)}, conflicts {len(outcome.conflicts)}, "
        f"deleted {len(outcome.deleted)}, new {len(outcome.added)}, "
        f"removed {len(outcome.removed)}; appendix cells and rows changed {outcome.cells}"
    ]
    for title, keys in (
        ("conflict (your wording kept, see the comment)", outcome.conflicts),
        ("retyped by the reviewer (kept as their wording)", outcome.retyped),
        ("deleted by the reviewer (not restored)", outcome.deleted),
        ("new (tracked insertion)", outcome.added),
        ("no longer in the data (tracked deletion)", outcome.removed),
        ("outdated narrator comment removed", outcome.outdated_notes),
        ("new warning (comment added)", outcome.new_notes),
        ("appendix row deleted by the reviewer (not restored)", outcome.deleted_rows),
    ):
        lines.extend(f"  {title}: {key}" for key in keys)
    if outcome.appendix_missing:
        lines.append(
            "  warning: the appendix dashboard table was not found (its header row and "
            "indicator names were changed?); its figures were NOT updated"
        )
    return lines
