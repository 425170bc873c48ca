"""Writing a file atomically, so a failure never leaves a half-written file in place of a good one.

Every file the word stage writes (a report, a regenerated report, a backup) goes through
`atomic_write`; `check_writable` says before any work starts whether it can succeed. Either
turns an operating-system failure (a full disk, a read-only or permission-denied folder, an
output whose parent is a file) into an OutputError naming the file and what to do.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from narrator.errors import OutputError
from narrator.limits import os_problem


def check_writable(out: Path) -> None:
    """Raise OutputError unless a report can be written at `out`: not a folder or a special
    file, and its nearest existing folder is a folder this process may write in (the folders
    below it are made when the report is written)."""
    if out.is_dir():
        raise OutputError(
            f"{out}: is a folder; name the report file to write, e.g. {out}/report.docx"
        )
    if out.exists() and not out.is_file():
        raise OutputError(f"{out}: not a regular file (a pipe or device); choose a .docx file")
    parent = out.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    if not parent.is_dir():
        raise OutputError(
            f"{out}: cannot write the report there: {parent} is a file, not a folder; choose "
            "another output path"
        )
    if not os.access(parent, os.W_OK | os.X_OK):
        raise OutputError(
            f"{out}: cannot write the report there: permission denied for the folder {parent}; "
            "choose another folder or check its permissions"
        )


def atomic_write(out: Path, data: bytes) -> None:
    """Write `data` to a temporary file beside `out` (making its folder if need be), flush it
    to disk, then rename it over `out`; on any failure the temporary file is removed, `out` is
    untouched, and an operating-system error is raised as OutputError."""
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        mode = stat.S_IMODE(out.stat().st_mode) if out.exists() else 0o644
        handle, temp_name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    except OSError as exc:
        raise OutputError(f"{out}: cannot write the report: {os_problem(exc)}") from None
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        temp.chmod(mode)
        os.replace(temp, out)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise OutputError(
            f"{out}: cannot write the report: {os_problem(exc)}; nothing was changed"
        ) from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
