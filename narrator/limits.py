"""Bounded resources, each declared once, and the checks that enforce them.

A user's file can ask for more than a build should ever spend: a YAML alias bomb, a phrase that
loops a billion times, a zip that unpacks to terabytes, a FIFO that never ends. Each bound here
is far above what an honest report needs (the largest council dashboards have a few hundred
indicators; the benchmark builds 10,000 in ten seconds) and is checked before the work it
bounds starts, so a run is refused at once with the limit named instead of failing after
minutes. Every message says which file broke which limit and what to do.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from narrator.errors import InputError
from narrator.lazy_re import lazy

MAX_INPUT_BYTES = 100 * 1024**2
"""Any file narrator reads (dashboard, config, catalogue, commentary, phrasebook, template,
previous report): 100 MB. A 10,000-indicator dashboard is about 2 MB."""

MAX_UNZIPPED_BYTES = 500 * 1024**2
"""The uncompressed size of everything in a zip package (.xlsx, .docx, .dotx), read from its
directory before any part is unpacked."""

MAX_SHEET_CELLS = 2_000_000
"""The cells a worksheet's grid may span (its last row times its last column, and each merged
range), read from the sheet's XML before the workbook is opened: a sheet with one stray value
in cell XFD1048576 spans 17 billion cells, and opening or reading it would never finish."""

MAX_TEXT_LINES = 1_000_000
"""Lines of a CSV or text dashboard, counted before it is parsed."""

MAX_COLUMNS = 1_000
"""Columns of a dashboard row (a dashboard has about twenty)."""

MAX_INDICATORS = 20_000
"""Indicator rows in one dashboard: a 10,000-indicator report builds in ten seconds; far beyond
this a build runs for minutes and gigabytes. Split the dashboard (build-all --split-by)."""

MAX_SPLIT_ROWS = 250_000
"""Rows of a dashboard that `build-all --split-by` splits into reports (a national table: 153
authorities of a thousand indicators each); each report is still held to MAX_INDICATORS."""

MAX_YAML_DEPTH = 50
"""Levels of nesting in a YAML file (a phrasebook has five)."""

MAX_YAML_ALIAS_NODES = 100_000
"""Values a YAML file may reach through aliases (`*name`), counted as expanded: a "billion
laughs" file names a few hundred and reaches billions."""

MAX_PHRASE_SECONDS = 2.0
"""Time one phrase may take to render, over all its uses in a run (they take microseconds)."""

MAX_PHRASE_CHARS = 20_000
"""Characters one phrase, or any text it builds on the way, may hold (a sentence is under 500)."""

MAX_PHRASE_RANGE = 10_000
"""The longest `range()` a phrase may loop over."""

MAX_NUMBER_DIGITS = 15
"""Digits before the decimal point of a dashboard figure: the precision Excel keeps. Longer
figures are not measurements, and overflow the exact arithmetic of rounding and comparing."""

MAX_NUMBER_PLACES = 30
"""Places after the decimal point of a dashboard figure (a value Excel computed shows 15
significant digits, so up to about 20 places for a small one)."""

MAX_NAME_BYTES = 255
"""The longest file or folder name (each part of a path, in bytes) narrator writes: the limit
of the common file systems, checked before a build so a long name is not found at the end."""

MAX_DECIMALS = 6
"""The most decimal places a catalogue may ask a figure to be printed to."""


def os_problem(exc: OSError) -> str:
    """What an operating-system error means for the user and what to do, in words."""
    code = exc.errno
    if code == errno.ENOENT:
        return "not found: check the path"
    if code in (errno.EACCES, errno.EPERM):
        return "permission denied: check the file's and its folder's permissions"
    if code == errno.ENOSPC:
        return "the disk is full: free some space and run again"
    if code == errno.EDQUOT:
        return "the disk quota is used up: free some space and run again"
    if code == errno.EROFS:
        return "the folder is on a read-only disk: choose another folder"
    if code == errno.ENOTDIR:
        return "a part of the path is a file, not a folder: check the path"
    if code == errno.EISDIR:
        return "is a folder, not a file"
    if code == errno.ENAMETOOLONG:
        return "the name is too long: choose a shorter path"
    if code == errno.EIO:
        return "the disk could not be read or written (an I/O error): check the disk"
    reason = exc.strerror or type(exc).__name__
    return f"cannot be used ({reason})"


def check_regular_file(path: Path, what: str) -> int:
    """The size of `path` in bytes, after making sure it is a regular file no larger than
    MAX_INPUT_BYTES. Raises InputError for a missing or unreadable file, a folder, and a FIFO,
    device or socket (which can block forever or never end)."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise InputError(str(path), f"{what} file not found: check the path") from None
    except OSError as exc:
        raise InputError(str(path), f"{what} file: {os_problem(exc)}") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(str(path), f"is a folder, not a {what} file")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(
            str(path),
            f"not a regular file (a pipe, device or socket) and cannot be read as a {what}: "
            "save it as a file and name that",
        )
    if info.st_size > MAX_INPUT_BYTES:
        raise InputError(
            str(path),
            f"{what} file is larger than narrator reads ({_size(info.st_size)}; the limit is "
            f"{_size(MAX_INPUT_BYTES)}): check it is the right file",
        )
    return info.st_size


def read_input(path: Path, what: str) -> bytes:
    """The bytes of a file the user gave, checked first with `check_regular_file`; an
    operating-system error while reading is an InputError naming the file."""
    check_regular_file(path, what)
    try:
        with open(path, "rb") as stream:
            return stream.read(MAX_INPUT_BYTES + 1)[:MAX_INPUT_BYTES]
    except OSError as exc:
        raise InputError(str(path), f"{what} file: {os_problem(exc)}") from None


def check_zip(data: bytes, file: str, what: str) -> None:
    """Refuse a zip package (.xlsx, .docx) whose parts would unpack to more than
    MAX_UNZIPPED_BYTES, reading only its directory. A file that is not a zip at all is left to
    the reader, which says so in its own words."""
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            total = sum(item.file_size for item in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        return
    if total > MAX_UNZIPPED_BYTES:
        raise InputError(
            file,
            f"{what} would unpack to {_size(total)} uncompressed (the limit is "
            f"{_size(MAX_UNZIPPED_BYTES)}): it is damaged or not a real {what}",
        )


def _size(n: int) -> str:
    for unit, scale in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if n >= scale:
            return f"{n / scale:,.1f} {unit}"
    return f"{n} bytes"


_CELL_REF = lazy(rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]{1,3})([0-9]{1,7})"')
_MERGE_REF = lazy(
    rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Z]{1,3})([0-9]{1,7}):([A-Z]{1,3})([0-9]{1,7})"'
)


def check_workbook(data: bytes, file: str) -> None:
    """Refuse a workbook (.xlsx bytes) over MAX_UNZIPPED_BYTES unpacked, or with a worksheet
    whose grid or a merged range spans more than MAX_SHEET_CELLS cells, reading only the zip's
    directory and the sheets' XML (openpyxl makes an object for every cell of a merged range
    while it opens the file). A file that is not a zip is left to the reader."""
    import io
    import zipfile

    check_zip(data, file, "workbook")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            sheets = [
                (item.filename, archive.read(item.filename))
                for item in archive.infolist()
                if item.filename.startswith("xl/worksheets/") and item.filename.endswith(".xml")
            ]
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        return
    for name, xml in sheets:
        rows = columns = 0
        for letters, number in _CELL_REF.findall(xml):
            rows, columns = max(rows, int(number)), max(columns, _column_number(letters))
        spans = [(rows, columns, "its last cell")]
        for left, top, right, bottom in _MERGE_REF.findall(xml):
            height = int(bottom) - int(top) + 1
            width = _column_number(right) - _column_number(left) + 1
            spans.append(
                (
                    height,
                    width,
                    f"the merged range {left.decode()}{top.decode()}:"
                    f"{right.decode()}{bottom.decode()}",
                )
            )
        for height, width, what in spans:
            if height * width > MAX_SHEET_CELLS:
                raise InputError(
                    file,
                    f"the worksheet {name.rsplit('/', 1)[-1]} spans {height:,} rows by "
                    f"{width:,} columns through {what} ({height * width:,} cells; the limit is "
                    f"{MAX_SHEET_CELLS:,}): in Excel, delete the rows and columns beyond the "
                    "table (or unmerge that range) and save",
                )


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number
