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
import re
import stat
import tempfile
import time
from pathlib import Path

TEMP_PREFIX = ".storybank-"
TEMP_SUFFIX = ".tmp"
"""Temp files are named `.storybank-<target name>.<random>.tmp`: recognisably ours."""
STALE_AFTER = 60.0
"""Seconds after which a temp file beside a target is a killed writer's leftover: a live
write of even a large export takes well under a second."""


def write_private_text(path: Path | str, text: str) -> Path:
    """Write `text` (UTF-8, `\\n` newlines) to `path`; returns the file actually written.

    A path ending in a slash names a folder and is refused (IsADirectoryError) rather
    than written as a file without the slash. Stale temp files that a killed earlier
    write left beside the target are removed first (they hold plaintext).
    """
    if os.fspath(path).endswith(("/", os.sep)):
        raise IsADirectoryError(21, "the path ends with a slash, so it names a folder", str(path))
    target = Path(path)
    if _is_stream(target):
        with open(target, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        return target
    if target.is_symlink():
        target = target.resolve()
    folder = target.parent
    sweep_stale_temps(target)
    fd, tmp_name = tempfile.mkstemp(
        prefix=f"{TEMP_PREFIX}{target.name}.", suffix=TEMP_SUFFIX, dir=folder
    )
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


def _temp_pattern(name: str) -> re.Pattern[str]:
    """Our temp names for `name`, and the older `.<name>.<8 random>.tmp` form."""
    random = r"[A-Za-z0-9_]{8}"
    escaped = re.escape(name)
    return re.compile(
        rf"(?:{re.escape(TEMP_PREFIX)}{escaped}\.[^/]+|\.{escaped}\.{random}){re.escape(TEMP_SUFFIX)}\Z"
    )


def sweep_stale_temps(target: Path, *, now: float | None = None) -> list[Path]:
    """Remove temp files of writes to `target` older than STALE_AFTER; returns them.

    A write killed between creating its temp file and the rename leaves a hidden copy
    of the user's text behind; the next write to the same target removes it. Younger
    temps may belong to a write in progress and are left alone.
    """
    folder = target.parent
    pattern = _temp_pattern(target.name)
    moment = time.time() if now is None else now
    removed: list[Path] = []
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    for name in names:
        if not pattern.match(name):
            continue
        leftover = folder / name
        try:
            info = os.lstat(leftover)
            if stat.S_ISREG(info.st_mode) and moment - info.st_mtime > STALE_AFTER:
                leftover.unlink()
                removed.append(leftover)
        except OSError:
            continue
    return removed


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
