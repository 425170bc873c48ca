"""A text dashboard's reader: CSV, tab-, semicolon- or bar-separated text -> `Table`.

The encoding is read from the bytes (UTF-16 as Excel's "Unicode Text" saves it, UTF-8 with or
without its mark, else Windows-1252); the separator is the one whose table has the required
columns, trying the likeliest first.
"""

from __future__ import annotations

import csv
import io
from collections import Counter

from narrator.errors import DataError, Location
from narrator.intake.columns import Header, find_header
from narrator.intake.table import RawRow, Table, missing_columns
from narrator.limits import MAX_COLUMNS, MAX_TEXT_LINES


def decode_text(data: bytes) -> str:
    """A text file's text: UTF-16 with its byte-order mark (Excel's "Unicode Text"), else
    UTF-8 with or without its mark, else Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def read_text(source: str, data: bytes) -> Table:
    """The file's table. Raises DataError for a binary file, one no separator makes a table of,
    or a table without the required columns."""
    text = decode_text(data)
    if "\x00" in text:
        raise DataError(
            Location(file=source), None, "a CSV or tab-separated text file", "a binary file"
        )
    lines = text.count("\n")
    if lines > MAX_TEXT_LINES:
        raise DataError(
            Location(file=source),
            None,
            f"at most {MAX_TEXT_LINES:,} lines (the limit): check it is the right file",
            f"{lines:,} lines",
        )
    sample = [line for line in text[:1_000_000].splitlines() if line.strip()][:20]
    counts = Counter({d: sum(d in line for line in sample) for d in "\t,;|"})
    delimiters = [d for d, n in counts.most_common() if n] or [","]
    best: tuple[tuple[RawRow, ...], Header | None] = ((), None)
    failed: DataError | None = None
    for delimiter in delimiters:
        records: list[list[str]] = []
        try:
            for record in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
                if len(record) > MAX_COLUMNS:
                    raise DataError(
                        Location(file=source, row=len(records) + 1),
                        None,
                        f"at most {MAX_COLUMNS:,} columns (the limit): check the file",
                        f"{len(record):,} columns separated by {delimiter!r}",
                    )
                records.append(record)
        except csv.Error as exc:  # a cell longer than the csv module allows, or a stray quote
            failed = failed or DataError(
                Location(file=source, row=len(records) + 1),
                None,
                "a CSV or tab-separated text file",
                f"cannot be read as a table ({exc})",
            )
            continue
        rows = tuple(RawRow(i + 1, tuple(r)) for i, r in enumerate(records))
        header = find_header([r.texts for r in rows])
        if header is not None and not header.missing:
            return Table(source, None, False, rows, header, delimiter)
        if best[1] is None or (header is not None and len(header.fields) > len(best[1].fields)):
            best = (rows, header)
    if failed is not None and best[1] is None:
        raise failed
    raise missing_columns(source, None, *best)
