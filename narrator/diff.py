"""What a data correction changes: figures per indicator, and the report paragraphs it touches.

`figure_changes` compares two dashboards cell by cell, as the files wrote them; with a config,
`paragraph_changes` builds the report from each and lists the paragraphs (key and number)
whose text differs, including ones no single indicator owns (the quartile summary).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from narrator.intake.dashboard import Dashboard
from narrator.language.assemble import indicator_key
from narrator.officer_files import normalise_name
from narrator.report import Report, Role


@dataclass(frozen=True)
class FigureChange:
    """One indicator whose cells differ. `old` None: new indicator; `new` None: gone.
    `cells` lists (column, old text, new text); a missing cell reads as ""."""

    indicator: str
    key: str
    old: str | None
    new: str | None
    cells: tuple[tuple[str, str, str], ...]


@dataclass(frozen=True)
class ParagraphChange:
    """A numbered paragraph whose text differs. `old_number` / `new_number` are its positions
    among the numbered paragraphs of each report; None where it is not in that report.
    `members`: the keys of further indicators written into it (a catalogue group's)."""

    key: str
    old_number: int | None
    new_number: int | None
    members: tuple[str, ...] = ()


def figure_changes(old: Dashboard, new: Dashboard) -> list[FigureChange]:
    """Indicators (matched by normalised name) whose cells differ, in the new file's order, then
    those only the old file has."""
    before = {normalise_name(i.name): i for i in old.indicators}
    after = {normalise_name(i.name): i for i in new.indicators}
    changes: list[FigureChange] = []
    for name in [*after, *(n for n in before if n not in after)]:
        a, b = before.get(name), after.get(name)
        old_cells = {c: cell.text for c, cell in a.cells.items()} if a else {}
        new_cells = {c: cell.text for c, cell in b.cells.items()} if b else {}
        columns = [*new_cells, *(c for c in old_cells if c not in new_cells)]
        cells = tuple(
            (c, old_cells.get(c, ""), new_cells.get(c, ""))
            for c in columns
            if old_cells.get(c, "").strip() != new_cells.get(c, "").strip()
        )
        either = b or a
        if either is not None and (cells or a is None or b is None):
            shown = either.name
            changes.append(
                FigureChange(
                    shown, indicator_key(shown), a.name if a else None, b.name if b else None, cells
                )
            )
    return changes


def paragraph_changes(old: Report, new: Report) -> list[ParagraphChange]:
    """Numbered paragraphs (by key) whose text differs between two reports, in new order."""

    def numbered(report: Report) -> dict[str, tuple[int, str, tuple[str, ...]]]:
        body = [b for b in report.blocks if b.role is Role.BODY]
        return {
            b.key: (n, b.text, tuple(indicator_key(m) for m in b.members))
            for n, b in enumerate(body, start=1)
            if b.key is not None
        }

    before, after = numbered(old), numbered(new)
    out: list[ParagraphChange] = []
    for key in [*after, *(k for k in before if k not in after)]:
        a, b = before.get(key), after.get(key)
        if a is None or b is None or a[1] != b[1]:
            members = tuple(dict.fromkeys([*(b[2] if b else ()), *(a[2] if a else ())]))
            out.append(ParagraphChange(key, a[0] if a else None, b[0] if b else None, members))
    return out


def is_config(path: Path) -> bool:
    """True for a report config (.yaml / .yml), False for a dashboard file."""
    return path.suffix.lower() in (".yaml", ".yml")


def diff_lines(figures: list[FigureChange], paragraphs: list[ParagraphChange] | None) -> list[str]:
    """The report `narrator diff` prints. `paragraphs` None: no config, so no paragraph
    numbers (each indicator's paragraph key is shown instead)."""
    numbers = {p.key: p for p in paragraphs or []}
    for p in paragraphs or []:
        for member in p.members:  # a group member's figures change its group's paragraph
            numbers.setdefault(member, p)
    lines: list[str] = []
    for change in figures:
        where = numbers.get(change.key)
        if where is not None and where.key != change.key:
            number = where.new_number or where.old_number
            place = f"paragraph {number}, {change.key}, in {where.key}"
        elif where is not None:
            place = f"paragraph {where.new_number or where.old_number}, {change.key}"
        else:
            place = change.key
        state = " (new)" if change.old is None else " (gone)" if change.new is None else ""
        lines.append(f"{change.indicator}{state} [{place}]")
        lines.extend(f"  {column}: {old!r} -> {new!r}" for column, old, new in change.cells)
    if not figures:
        lines.append("No figures changed.")
    if paragraphs is not None:
        lines.append(f"Paragraphs whose text changes: {len(paragraphs)}")
        for p in paragraphs:
            old = "-" if p.old_number is None else str(p.old_number)
            new = "-" if p.new_number is None else str(p.new_number)
            lines.append(f"  {old} -> {new}  {p.key}")
    return lines
