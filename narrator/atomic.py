"""Writing a file atomically, so a failure never leaves a half-written file in place of a good one.

Every file narrator writes (a report, a regenerated report, a backup, the config and catalogue
`init` writes) goes through `atomic_write` or, for files that must change together,
`atomic_write_all`; `check_writable` says before any work starts whether it can succeed. Each
turns an operating-system failure (a full disk, a read-only or permission-denied folder, an
output whose parent is a file, a name too long) into an OutputError naming the file and what
to do. Shared by the stages (intake's `init` and word's reports), so it sits at the top.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

from narrator.errors import OutputError
from narrator.limits import MAX_NAME_BYTES, os_problem


def check_writable(out: Path, what: str = "report") -> None:
    """Raise OutputError unless a `what` can be written at `out`: each part of the name at most
    MAX_NAME_BYTES, not a folder or a special file, and its nearest existing folder is a folder
    this process may write in (the folders below it are made when the file is written)."""
    for part in out.parts:
        size = len(os.fsencode(part))
        if size > MAX_NAME_BYTES:
            raise OutputError(
                f"{out}: the name {part[:40]}... is {size} bytes long; file and folder names "
                f"can be at most {MAX_NAME_BYTES}: choose a shorter name"
            )
    if out.is_dir():
        raise OutputError(
            f"{out}: is a folder; name the report file to write, e.g. {out}/report.docx"
        )
    if out.exists() and not out.is_file():
        raise OutputError(f"{out}: not a regular file (a pipe or device); choose another file")
    parent = out.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    if not parent.is_dir():
        raise OutputError(
            f"{out}: cannot write the {what} there: {parent} is a file, not a folder; choose "
            "another output path"
        )
    if not os.access(parent, os.W_OK | os.X_OK):
        raise OutputError(
            f"{out}: cannot write the {what} there: permission denied for the folder {parent}; "
            "choose another folder or check its permissions"
        )


def atomic_write(out: Path, data: bytes, what: str = "report") -> None:
    """Write `data` to a temporary file beside `out` (making its folder if need be), flush it
    to disk, then rename it over `out`; on any failure the temporary file is removed, `out` is
    untouched, and an operating-system error is raised as OutputError naming the `what`."""
    atomic_write_all([(out, data)], what)


def atomic_write_all(
    files: list[tuple[Path, bytes]],
    what: str = "report",
    *,
    before_replace: Callable[[], object] | None = None,
) -> None:
    """Write several files so that either all of them are replaced or none is: each is written
    in full to a temporary file beside it and flushed first (a full disk fails here, with every
    original untouched), then `before_replace` runs (e.g. backups), then each is renamed over
    its file; should a rename fail, the files already replaced get their old bytes back.
    Raises OutputError as `atomic_write`; a failure before the renames leaves no temporary
    file."""
    staged: list[tuple[Path, Path]] = []
    try:
        for out, data in files:
            staged.append((out, _stage(out, data, what)))
        if before_replace is not None:
            before_replace()
        # the old bytes, to put back should a later rename fail (one file: nothing to undo)
        originals = [(out, _old_bytes(out, what) if len(files) > 1 else None) for out, _ in staged]
    except BaseException:
        for _, temp in staged:
            temp.unlink(missing_ok=True)
        raise
    done: list[tuple[Path, bytes | None]] = []
    for (out, temp), original in zip(staged, originals, strict=True):
        try:
            os.replace(temp, out)
        except OSError as exc:
            for _, left in staged:
                left.unlink(missing_ok=True)
            _restore(done)
            raise OutputError(
                f"{out}: cannot write the {what}: {os_problem(exc)}; nothing was changed"
            ) from None
        done.append(original)


def _stage(out: Path, data: bytes, what: str) -> Path:
    """`data` in a flushed temporary file beside `out`, with `out`'s permissions."""
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        mode = stat.S_IMODE(out.stat().st_mode) if out.exists() else 0o644
        handle, temp_name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    except OSError as exc:
        raise OutputError(f"{out}: cannot write the {what}: {os_problem(exc)}") from None
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        temp.chmod(mode)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise OutputError(
            f"{out}: cannot write the {what}: {os_problem(exc)}; nothing was changed"
        ) from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp


def _old_bytes(out: Path, what: str) -> bytes | None:
    try:
        return out.read_bytes() if out.exists() else None
    except OSError as exc:
        raise OutputError(f"{out}: cannot replace the {what}: {os_problem(exc)}") from None


def _restore(done: list[tuple[Path, bytes | None]]) -> None:
    """Put back the old bytes of files already replaced (a file that did not exist is removed);
    best effort: this runs only when a rename has just failed."""
    for out, original in done:
        try:
            if original is None:
                out.unlink(missing_ok=True)
            else:
                atomic_write(out, original)
        except (OSError, OutputError):
            pass
