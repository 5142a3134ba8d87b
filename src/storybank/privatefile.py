"""Write a file the user asked for (an export, a brief, cue cards): atomic and private.

One writer for every such file, so they share the same guarantees: a temp file with an
unpredictable name created exclusively in the target folder (mode 0600 whatever the
umask), fsync, rename over the target, fsync of the folder. A reader never sees half a
file, a crash leaves the old file whole, and a symlinked target stays a symlink. A
target that is a device or a pipe (/dev/null, /dev/stdout, `>(...)`) is written into,
never replaced. The database itself has its own writer (`storage.py`), whose steps the
crash tests inject failures into.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path


def write_private_text(path: Path | str, text: str) -> Path:
    """Write `text` (UTF-8, `\\n` newlines) to `path`; returns the file actually written."""
    target = Path(path)
    if _is_stream(target):
        with open(target, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        return target
    if target.is_symlink():
        target = target.resolve()
    folder = target.parent
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            if hasattr(os, "fchmod"):  # mkstemp already made it 0600; be explicit
                os.fchmod(handle.fileno(), 0o600)
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
    _fsync_dir(folder)
    return target


def _is_stream(path: Path) -> bool:
    """An existing target that is neither a file nor a folder (a device, a pipe)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable; some filesystems refuse, which is not an error."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
