"""Regenerate a reviewed report from corrected data without losing the reviewer's edits.

The reviewed document is the starting point, so the reviewer's formatting, added paragraphs and
comments stay where they are. Each generated paragraph is found by its identity marker
(narrator.word.wordxml) and compared with the new report's block of the same key:

- untouched (its text still hashes to the marker's fingerprint): rewritten to the new text as
  tracked word-level changes, and its marker given the new fingerprint;
- edited by the reviewer: the reviewer's wording stays; when the new text differs from the one
  the reviewer started from, a comment gives the new figures and the newly generated wording
  (once: the fingerprint noted is kept in the custom property ``narrator:noted``). The marker
  keeps its old fingerprint, so the paragraph still reads as edited next time;
- deleted by the reviewer (its key is in the key map but no paragraph carries it, or its
  deletion is a tracked change): stays deleted and is reported;
- a new indicator: inserted as a tracked paragraph after its neighbour;
- an indicator no longer in the data: deleted as a tracked change.

narrator's own comments on a generated paragraph (author "narrator": data warnings and the
conflict note) follow the new data: a warning that no longer holds and a conflict note
superseded by newer figures are removed (unless someone has replied to them), and a new warning
is added as a fresh build would add it. narrator.notes remembers which were offered, so one the
reviewer deleted is not put back while it still holds.

The appendix dashboard table's cells are rewritten (tracked) from the new data and the summary
chart redrawn. Headings and other untracked text are left as the reviewer has them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from docx.oxml.ns import qn

from narrator import notes
from narrator.language.assemble import fingerprint, indicator_key
from narrator.language.phrases import Phrasebook
from narrator.report import Appendix, AppendixRow, Block, Report
from narrator.word import guard, revisions, styles, wordxml

AUTHOR = "narrator"
NOTED_PROPERTY = "narrator:noted"


@dataclass
class Outcome:
    """What regeneration did, by paragraph key, for the summary on the terminal.

    `deleted` are paragraphs the reviewer deleted (left deleted); `added` new indicators
    inserted; `removed` paragraphs whose indicator left the data (deleted, tracked); `cells`
    the number of appendix table cells and rows changed (rows of new indicators are inserted,
    rows of indicators gone from the data deleted, both tracked). `outdated_notes` are the
    paragraphs that lost a narrator comment which no longer holds (a fixed warning, a conflict
    note with superseded figures); `new_notes` those given a new warning. `deleted_rows` are
    the indicators whose appendix row the reviewer deleted (not restored); `appendix_missing`
    is True when the report has an appendix but no table in the document could be told for it
    (its figures were then not updated).
    """

    regenerated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept_as_edited: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    cells: int = 0
    outdated_notes: list[str] = field(default_factory=list)
    new_notes: list[str] = field(default_factory=list)
    deleted_rows: list[str] = field(default_factory=list)
    appendix_missing: bool = False


@dataclass(frozen=True)
class _Found:
    """A generated paragraph in the reviewed document: its element, key digits, fingerprint."""

    element: Any
    digits: str
    fingerprint: str | None


def regenerate(report: Report, previous: Path, out: Path, book: Phrasebook) -> Outcome:
    """Write `out`: the reviewed document `previous` brought up to date with `report`.

    Raises ConfigError when `previous` is not a readable .docx. The file is written atomically
    (see narrator.word.write). Dates on tracked changes and comments are the report's created date
    (today when it has none), so the same inputs give the same bytes.
    """

    from narrator.word.package import open_document, read_package
    from narrator.word.write import _atomic_write

    data = read_package(previous, "previous report")
    document = open_document(data, str(previous), "previous report")
    wordxml.adopt_core_properties(document)
    when = datetime.combine(report.properties.created or date.today(), time())
    outcome = Outcome()
    _Regeneration(document, report, book, when, outcome).run()
    core = document.core_properties
    core.last_modified_by = AUTHOR
    core.modified = when
    wordxml.ensure_comment_styles(document)
    guard.stamp(document)
    _atomic_write(out, styles.stable_bytes(document))
    return outcome


class _Regeneration:
    """One pass over a reviewed document (state shared by the steps of `run`)."""

    def __init__(
        self, document: Any, report: Report, book: Phrasebook, when: datetime, outcome: Outcome
    ) -> None:
        self.document = document
        self.report = report
        self.book = book
        self.when = when
        self.outcome = outcome
        self.marks = revisions.marks_for(document, AUTHOR, when)
        self.key_map = wordxml.read_key_map(document)
        self.written = set(self.key_map.values())  # every key narrator wrote before this run
        self.noted = _decode_noted(wordxml.read_text_property(document, NOTED_PROPERTY))
        self.notes = notes.decode(wordxml.read_text_property(document, notes.PROPERTY))
        self.found = self._find_markers()
        self.comments: wordxml.CommentWriter | None = None

    def run(self) -> None:
        blocks = self.report.blocks
        wanted = {b.key for b in blocks if b.key is not None}
        written = set(self.key_map.values())
        for index, block in enumerate(blocks):
            if block.key is None:
                continue
            found = self.found.get(block.key)
            if found is None:
                if block.key in written:
                    self.outcome.deleted.append(block.key)
                else:
                    self._insert(index, block)
            elif revisions.is_deleted(found.element):
                self.outcome.deleted.append(block.key)
            else:
                self._update(found, block)
        for key, found in self.found.items():
            if key not in wanted and not revisions.is_deleted(found.element):
                revisions.mark_deleted(found.element, self.marks)
                self.outcome.removed.append(key)
        if self.report.appendix is not None:
            self._update_appendix(self.report.appendix)
        wordxml.write_key_map(self.document, self.key_map)
        wordxml.write_text_property(self.document, NOTED_PROPERTY, _encode_noted(self.noted))
        wordxml.write_text_property(self.document, notes.PROPERTY, notes.encode(self.notes))

    def _find_markers(self) -> dict[str, _Found]:
        found: dict[str, _Found] = {}
        for p in revisions.body_paragraphs(self.document):
            for name in wordxml.bookmark_names(p):
                parsed = wordxml.parse_marker(name)
                if parsed is None:
                    continue
                key = self.key_map.get(parsed[0])
                if key is not None and key not in found:
                    found[key] = _Found(p, parsed[0], parsed[1])
                break
        return found

    # -- generated paragraphs ----------------------------------------------------------------

    def _update(self, found: _Found, block: Block) -> None:
        key, p = str(block.key), found.element
        text = wordxml.paragraph_text(p)
        current = fingerprint(text)
        warnings = [c.text for c in block.comments]
        if current == found.fingerprint or current == block.fingerprint:
            if text == block.text:
                self.outcome.unchanged.append(key)
            else:
                revisions.rewrite(p, block.text, self.marks)
                self.outcome.regenerated.append(key)
            if block.fingerprint is not None and block.fingerprint != found.fingerprint:
                wordxml.set_marker_fingerprint(p, block.fingerprint)
            self.noted.pop(found.digits, None)
            self._sync_notes(found, key, warnings)
            return
        if block.fingerprint == found.fingerprint:  # edited, and its data is as drafted
            self.noted.pop(found.digits, None)
            self.outcome.kept_as_edited.append(key)
            self._sync_notes(found, key, warnings)
            return
        conflict = self._conflict_text(block)
        if block.fingerprint == self.noted.get(found.digits):  # already noted in a comment
            self.outcome.kept_as_edited.append(key)
            self._sync_notes(found, key, warnings, kept=[conflict])
            return
        self._sync_notes(found, key, warnings, conflict=conflict)
        if block.fingerprint is not None:
            self.noted[found.digits] = block.fingerprint
        self.outcome.conflicts.append(key)

    def _sync_notes(
        self,
        found: _Found,
        key: str,
        warnings: list[str],
        *,
        conflict: str | None = None,
        kept: Sequence[str] = (),
    ) -> None:
        """Bring narrator's own comments on a paragraph to the wanted ones: the `conflict` note
        (None: none) and the block's `warnings`, in that order.

        A narrator comment on it whose text is neither wanted nor in `kept` is removed (unless
        it has replies); a wanted text not on it is added, unless it was offered before (then
        the reviewer deleted it). `kept` texts stay if present but are never added.
        """
        p = found.element
        wanted = [conflict, *warnings] if conflict is not None else list(warnings)
        offered = self.notes.get(found.digits, set())
        allowed = [" ".join(t.split()) for t in [*wanted, *kept]]
        present: list[str] = []
        removed = False
        for comment_id, author, text in revisions.paragraph_comments(self.document, p):
            if author != AUTHOR:
                continue
            normal = " ".join(text.split())
            if normal in allowed and normal not in present:
                present.append(normal)
            elif not revisions.has_replies(self.document, comment_id):
                revisions.remove_comment(self.document, comment_id)
                removed = True
        if removed:
            self.outcome.outdated_notes.append(key)
        for text in wanted:
            normal = " ".join(text.split())
            if normal not in present and notes.note_hash(text) not in offered:
                self._comment(p, text)
                present.append(normal)
                if text in warnings and key not in self.outcome.new_notes:
                    self.outcome.new_notes.append(key)
        hashes = {notes.note_hash(t) for t in [*wanted, *kept]}
        if hashes:
            self.notes[found.digits] = hashes
        else:
            self.notes.pop(found.digits, None)

    def _conflict_text(self, block: Block) -> str:
        appendix = self.report.appendix
        rows = {row.indicator: row for row in appendix.rows} if appendix else {}
        row = rows.get(block.indicator) if block.indicator else None
        if row is None:
            return self.book.report_text("regenerate.conflict_text", wording=block.text)
        figures = self.book.report_text("regenerate.figures", **_figures(row))
        return self.book.report_text("regenerate.conflict", figures=figures, wording=block.text)

    def _comment(self, p: Any, text: str) -> None:
        runs = revisions.text_runs(p) or p.findall(qn("w:r"))
        if not runs:
            return
        if self.comments is None:
            self.comments = wordxml.CommentWriter(self.document)
        self.comments.add(
            runs[0], runs[-1], text, author=AUTHOR, initials=AUTHOR[0].upper(), when=self.when
        )

    def _insert(self, index: int, block: Block) -> None:
        key = str(block.key)
        paragraph = self.document.add_paragraph(block.text, style=styles.ROLE_STYLES[block.role])
        place, anchor = self._anchor(index)
        if anchor is not None:
            if place == "after":
                revisions.move_after(paragraph._p, anchor)
            else:
                revisions.move_before(paragraph._p, anchor)
        digits = wordxml.key_digits(key, self.key_map)
        self.key_map[digits] = key
        name = wordxml.marker_name(digits, block.fingerprint)
        wordxml.add_bookmark(paragraph._p, wordxml.next_bookmark_id(self.document), name)
        for comment in block.comments:
            self._comment(paragraph._p, comment.text)
        if block.comments:
            self.notes[digits] = {notes.note_hash(c.text) for c in block.comments}
        revisions.mark_inserted(paragraph._p, self.marks)
        self.found[key] = _Found(paragraph._p, digits, block.fingerprint)
        self.outcome.added.append(key)

    def _anchor(self, index: int) -> tuple[str, Any]:
        """Where a new block goes: after the paragraph of the block before it (and after any
        paragraphs the reviewer added below that one), else before the next generated block
        in the same part of the report, else after the nearest earlier generated paragraph.
        ("after", None) when nothing is found: it stays at the end of the body."""
        blocks = self.report.blocks
        previous = blocks[index - 1] if index > 0 else None
        if previous is not None and previous.key in self.found:
            return "after", self._after_additions(self.found[str(previous.key)].element)
        for block in blocks[index + 1 :]:
            if block.key is None:
                break
            if block.key in self.found:
                return "before", self.found[block.key].element
        for block in reversed(blocks[:index]):
            if block.key in self.found:
                return "after", self._after_additions(self.found[str(block.key)].element)
        return "after", None

    def _after_additions(self, p: Any) -> Any:
        """`p`, or the last of the unmarked paragraphs in its style that follow it."""
        from docx.text.paragraph import Paragraph

        def style(element: Any) -> str | None:
            s = Paragraph(element, self.document._body).style
            return str(s.name) if s is not None else None

        paragraphs = revisions.body_paragraphs(self.document)
        position = next(i for i, e in enumerate(paragraphs) if e is p)
        last = p
        for element in paragraphs[position + 1 :]:
            if wordxml.marker_digits(element) is not None or style(element) != style(p):
                break
            last = element
        return last

    # -- appendix ----------------------------------------------------------------------------

    def _update_appendix(self, appendix: Appendix) -> None:
        from narrator.word.write import CHART_NAME, appendix_cell_text, chart_of

        table = self._appendix_table(appendix)
        if table is not None:
            names = [f for f in AppendixRow.__dataclass_fields__ if f != "area"]
            rows = {row.indicator: row for row in appendix.rows}
            seen: set[str] = set()
            for tr in table.rows[1:]:
                cells = tr.cells
                name = wordxml.paragraph_text(cells[1].paragraphs[0]._p)
                row = rows.get(name)
                if row is None:
                    continue
                seen.add(name)
                for column, field_name in enumerate(names, start=1):
                    value = getattr(row, field_name)
                    cell = cells[column]
                    p = cell.paragraphs[0]._p
                    if revisions.rewrite(p, appendix_cell_text(value), self.marks):
                        self.outcome.cells += 1
                        if field_name == "rag" and value is not None:
                            wordxml.shade_cell(cell, styles.RAG_FILLS[value])
            self._remove_rows(table, set(rows))
            missing = [r for r in appendix.rows if r.indicator not in seen]
            for row in missing:
                if indicator_key(row.indicator) in self.written:
                    self.outcome.deleted_rows.append(row.indicator)
            self._add_rows(
                table, [r for r in missing if r.indicator not in self.outcome.deleted_rows]
            )
        else:
            self.outcome.appendix_missing = True
        chart = chart_of(appendix)
        shape = wordxml.find_picture(self.document, CHART_NAME, styles.FIGURE)
        if chart is not None and shape is not None:
            png, alt = chart
            wordxml.replace_picture(self.document, shape, png, alt)

    def _remove_rows(self, table: Any, current: set[str]) -> None:
        """Rows for indicators no longer in the data: tracked row deletions. Only rows narrator
        wrote (their indicator's key is in the key map) go; a row the reviewer added stays."""
        for tr in table.rows[1:]:
            name = wordxml.paragraph_text(tr.cells[1].paragraphs[0]._p)
            if not name or name in current or indicator_key(name) not in self.written:
                continue
            if not tr._tr.xpath("./w:trPr/w:del"):
                revisions.mark_row_deleted(tr._tr, self.marks)
                self.outcome.cells += 1

    def _add_rows(self, table: Any, new_rows: list[AppendixRow]) -> None:
        """Rows for indicators new to the data: tracked row insertions, after the last row of
        their area (with the area named, since it sits outside the merged area cell)."""
        from narrator.word.write import add_dashboard_row

        for row in new_rows:
            existing = list(table.rows)[1:]
            area = ""
            last_of_area = None
            for tr in existing:
                text = wordxml.paragraph_text(tr.cells[0].paragraphs[0]._p)
                area = text or area  # an empty area cell continues the merged one above
                if area == row.area:
                    last_of_area = tr
            added = add_dashboard_row(self.document, table, row)
            if last_of_area is not None:
                last_of_area._tr.addnext(added)
            revisions.mark_row_inserted(added, self.marks)
            self.outcome.cells += 1

    def _appendix_table(self, appendix: Appendix) -> Any:
        """The dashboard table: the one with the appendix's header row; failing that (the
        reviewer renamed a column), the one most of whose rows name an indicator narrator
        wrote; None when there is neither."""
        best, best_count = None, 0
        for table in self.document.tables:
            rows = list(table.rows)
            if not rows or len(rows[0].cells) != len(appendix.headers):
                continue
            header = [wordxml.paragraph_text(c.paragraphs[0]._p) for c in rows[0].cells]
            if tuple(header) == appendix.headers:
                return table
            names = [wordxml.paragraph_text(tr.cells[1].paragraphs[0]._p) for tr in rows[1:]]
            count = sum(1 for name in names if name and indicator_key(name) in self.written)
            if count * 2 > len(names) and count > best_count:
                best, best_count = table, count
        return best


def _figures(row: AppendixRow) -> dict[str, str]:
    from narrator.word.write import appendix_cell_text

    names = ("latest", "latest_period", "previous", "previous_period", "target", "quartile")
    return {name: appendix_cell_text(getattr(row, name)) for name in names}


def _decode_noted(text: str | None) -> dict[str, str]:
    """{key digits: fingerprint already noted in a comment} from "digits=fp,..."; None -> {}."""
    pairs = (entry.partition("=") for entry in (text or "").split(",") if entry)
    return {digits: fp for digits, _, fp in pairs}


def _encode_noted(noted: dict[str, str]) -> str:
    return ",".join(f"{digits}={fp}" for digits, fp in sorted(noted.items()))


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
