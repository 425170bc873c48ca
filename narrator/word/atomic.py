"""Writing a file atomically, so a failure never leaves a half-written file in place of a good one.

Every file the word stage writes (a report, a regenerated report, a backup) goes through
`atomic_write`.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


def atomic_write(out: Path, data: bytes) -> None:
    """Write `data` to a temporary file beside `out`, flush it to disk, then rename it over
    `out`; on any failure the temporary file is removed and `out` is untouched."""
    mode = stat.S_IMODE(out.stat().st_mode) if out.exists() else 0o644
    handle, temp_name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        temp.chmod(mode)
        os.replace(temp, out)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
