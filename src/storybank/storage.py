"""A TinyDB storage that never leaves a half-written database behind.

TinyDB's stock `JSONStorage` rewrites the file in place (seek, write, fsync,
truncate); a kill anywhere in that sequence leaves a torn or over-long file. This
storage writes the whole new state to a temp file in the same folder (exclusive
creation, mode 0600), fsyncs it, renames it over the database with `os.replace`
and fsyncs the folder, so the database is always either the old or the new state.

Every save step is a module-level function (`_write_all`, `_fsync`, `_replace`,
`_fsync_dir`) so tests can make each one fail and prove the original survives.

Callers that write must hold the database lock (see `storybank.store`): the sweep
of leftover temp files relies on that to never remove a live writer's file.
"""

from __future__ import annotations

import errno
import json
import os
import tempfile
from contextlib import suppress
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from storybank.dbfile import TEMP_SUFFIX, parse, read_bytes, real_path, temp_files
from storybank.errors import DatabaseError
from storybank.userfile import make_private_dirs

__all__ = [
    "AtomicJSONStorage",
    "atomic_write",
    "dumps",
    "parse",
    "read_bytes",
    "real_path",
    "sweep_temp_files",
    "temp_files",
]


FILE_MODE = 0o600
DIR_MODE = 0o700


# --- save steps (patched by the failure-injection tests) ---------------------------------


def _write_all(fd: int, payload: bytes) -> None:
    """Write every byte: `os.write` may write less than asked."""
    view = memoryview(payload)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _fsync(fd: int) -> None:
    os.fsync(fd)


def _replace(source: str, target: str) -> None:
    os.replace(source, target)


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable; some filesystems cannot fsync a folder."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EBADF):
            raise
    finally:
        os.close(fd)


# --- helpers ------------------------------------------------------------------------------


def ensure_dir(folder: Path) -> None:
    """Create a folder and its missing parents, all 0700 (see `userfile.make_private_dirs`)."""
    make_private_dirs(folder)


def atomic_write(target: Path, payload: bytes) -> None:
    """Replace `target` with `payload` so that it is always wholly old or wholly new.

    The temp file is created next to the target (same filesystem, so the rename is
    atomic) with `mkstemp` (O_EXCL, unpredictable name, mode 0600). On any failure
    the temp file is removed and the target is untouched. Raises OSError.
    """
    folder = target.parent
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TEMP_SUFFIX, dir=folder)
    try:
        try:
            if hasattr(os, "fchmod"):  # mkstemp already made it 0600; be explicit
                os.fchmod(fd, FILE_MODE)
            _write_all(fd, payload)
            _fsync(fd)
        finally:
            os.close(fd)
        _replace(tmp, os.fspath(target))
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(folder)


def sweep_temp_files(target: Path) -> list[Path]:
    """Remove leftover temp files; call only while holding the database lock.

    They are never read: a temp file may be torn, and even a whole one was never
    acknowledged. They can hold the user's plaintext, so they must not linger.
    """
    removed = []
    for leftover in temp_files(target):
        with suppress(FileNotFoundError):
            leftover.unlink()
            removed.append(leftover)
    return removed


def dumps(data: Any) -> bytes:
    """Compact, deterministic JSON (same data, same bytes); ASCII so any text round-trips."""
    text = json.dumps(data, ensure_ascii=True, separators=(",", ":"), allow_nan=False)
    text += "\n"  # in place (the only reference): no third copy of a large bank's text
    return text.encode("ascii")


class AtomicJSONStorage(Storage):
    """TinyDB storage: read the whole file, write the whole file atomically.

    `read` raises DatabaseError for a file that does not parse (or is empty) instead
    of returning None, so TinyDB never treats a damaged file as a fresh database and
    overwrites it. A missing file reads as None (a new database).
    """

    def __init__(self, path: str | os.PathLike[str], create_dirs: bool = True) -> None:
        super().__init__()
        self.path = Path(path)
        self._create_dirs = create_dirs
        self.last_payload: bytes | None = None
        """The bytes of the last successful `write`, so the store can keep them as its
        cache instead of reading and parsing the file it has just written."""

    @property
    def target(self) -> Path:
        return real_path(self.path)

    def read(self) -> dict[str, dict[str, Any]] | None:
        payload = self.read_payload()
        if payload is None:
            return None
        return parse(payload, self.path)

    def read_payload(self) -> bytes | None:
        """The file's bytes unparsed (None: no file), for a caller that may have them parsed."""
        return read_bytes(self.target)

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        target = self.target
        try:
            payload = dumps(data)
        except (TypeError, ValueError) as exc:
            raise DatabaseError(f"cannot save {self.path}: {exc}; nothing was changed.") from None
        try:
            if self._create_dirs:
                ensure_dir(target.parent)
            self.last_payload = None
            atomic_write(target, payload)
        except OSError as exc:
            reason = exc.strerror or str(exc) or type(exc).__name__
            raise DatabaseError(
                f"cannot save {self.path}: {reason}; the file was left as it was."
            ) from exc
        self.last_payload = payload

    def close(self) -> None:
        """Nothing is held open between calls."""
