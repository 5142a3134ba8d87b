"""Reading a file a path names, for every reader storybank has: regular files only, capped.

A path from the user or the environment may name anything: a FIFO (a plain `open`
blocks forever), `/dev/zero` (a plain `read()` never ends, then MemoryError), a
multi-gigabyte file, or a folder. Every read of a user's file (the database, a
backup, a theme, the advisor cache and its key, an import) goes through
`read_capped`, which opens without blocking, checks what was opened (not what the
name pointed to a moment earlier) and never reads more than its cap.
"""

from __future__ import annotations

import errno
import os
import stat
from contextlib import suppress
from pathlib import Path

MiB = 1024 * 1024
PRIVATE_DIR_MODE = 0o700


class NotRegularFileError(OSError):
    """The path names a device, a pipe or a socket: never read, never replaced."""

    def __init__(self, path: Path | str) -> None:
        super().__init__(errno.EINVAL, "not a regular file (a device, a pipe or a socket)", path)


class FileTooLargeError(OSError):
    """The file is bigger than its reader's cap."""

    def __init__(self, path: Path | str, size: int, limit: int) -> None:
        super().__init__(errno.EFBIG, f"too large ({describe_size(size)}; the limit is "
                         f"{describe_size(limit)})", path)  # fmt: skip
        self.size = size
        self.limit = limit


def describe_size(size: int) -> str:
    if size >= MiB:
        return f"{size / MiB:.1f} MiB" if size % MiB else f"{size // MiB} MiB"
    if size >= 1024:
        return f"{size / 1024:.1f} KiB" if size % 1024 else f"{size // 1024} KiB"
    return f"{size} bytes"


def is_special(path: Path | str) -> bool:
    """An existing path that is neither a file nor a folder (a device, a pipe, a socket)."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def read_capped(path: Path | str, limit: int) -> bytes:
    """The bytes of the regular file at `path`, at most `limit` of them.

    Raises FileNotFoundError, IsADirectoryError, NotRegularFileError,
    FileTooLargeError, or another OSError (permission, a name too long, ...).
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    flags |= getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except ValueError:  # an embedded NUL in the name
        raise OSError(errno.EINVAL, "the name contains a NUL character", str(path)) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, "is a folder", str(path))
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFileError(path)
        if info.st_size > limit:
            raise FileTooLargeError(path, info.st_size, limit)
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, min(limit + 1 - total, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:  # grew while we read (or lied about its size)
                raise FileTooLargeError(path, total, limit)
        return b"".join(chunks)
    finally:
        os.close(fd)


def make_private_dirs(folder: Path) -> None:
    """Create a folder private to the user (0700), and every missing parent 0700 too.

    `mkdir(parents=True)` would create the parents with the umask's mode (0777 under
    umask 000). Existing folders are left alone. A file where a folder belongs is
    reported as such, not as the bare "File exists".
    """
    missing: list[Path] = []
    probe = folder
    while not probe.is_dir():
        if probe.exists() or probe.is_symlink():
            raise NotADirectoryError(errno.ENOTDIR, f"{probe} is a file, not a folder", str(probe))
        missing.append(probe)
        if probe.parent == probe:
            break
        probe = probe.parent
    for path in reversed(missing):
        try:
            path.mkdir(mode=PRIVATE_DIR_MODE)
        except FileExistsError:
            if not path.is_dir():
                raise
            continue  # made meanwhile by another writer
        with suppress(OSError):
            os.chmod(path, PRIVATE_DIR_MODE)  # the umask may have removed bits; never added any
