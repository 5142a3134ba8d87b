"""Reading the database file: the part of the store that `storybank ask` needs.

Kept apart from `storybank.storage` so that a read imports neither TinyDB nor
filelock (together ~60 ms of start-up). A file that does not parse raises a
DatabaseError naming the file, the backups folder and how to restore.
"""

from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path
from typing import Any

from storybank import locations
from storybank.errors import DatabaseError, StoryBankError
from storybank.userfile import (
    FileTooLargeError,
    NotRegularFileError,
    describe_size,
    is_special,
    read_capped,
)

TEMP_SUFFIX = ".sbtmp"
"""Temp files end with this (and start with `.<target name>.`), so a sweep finds only ours."""


def temp_files(target: Path) -> list[Path]:
    """Leftover temp files of writes to `target` (a killed writer's), oldest name first."""
    folder = target.parent
    prefix = f".{target.name}."
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    return sorted(
        folder / name for name in names if name.startswith(prefix) and name.endswith(TEMP_SUFFIX)
    )


def real_path(path: Path) -> Path:
    """Where the bytes live: a symlinked database is written through to its target."""
    return Path(os.path.realpath(path))


MAX_DB_BYTES = 64 * 1024 * 1024
"""The largest database (or backup) read: a bank of thousands of stories is a few MB, so
64 MiB is far beyond any real one and keeps a stray multi-GB file from being read whole."""

_READABLE_LISTED = 3
"""Readable backups named in a damaged-file message (newest first)."""


def restore_hint(db: Path, *, list_readable: bool = True) -> str:
    """Where the backups are and how to restore; names the newest readable ones."""
    folder = locations.backups_dir(real_path(db))
    hint = (
        f"Backups are in {folder}: run `storybank backups` "
        "to list them and `storybank restore NAME` to restore one."
    )
    if not list_readable:
        return hint
    from storybank.backups import backup_files  # only on this error path (pyproject.toml)

    try:
        found = [(b.name, _stories_in(payload, b.path)) for b, payload in backup_files(db)]
    except (StoryBankError, OSError):  # the hint must never hide the error it explains
        return hint
    readable = [(name, count) for name, count in found if count is not None]
    if readable:
        names = ", ".join(
            f"{name} ({count} stor{'y' if count == 1 else 'ies'})"
            for name, count in readable[:_READABLE_LISTED]
        )
        return hint + f" Readable backups, newest first: {names}."
    if found:
        return hint + f" None of its {len(found)} backups can be read either."
    return hint + " There are no backups yet."


def _stories_in(payload: bytes | None, path: Path) -> int | None:
    """How many stories a backup holds, or None when it does not parse (the full record
    check is `Store.backups`; a hint only needs to know which backups can be read)."""
    if payload is None:
        return None
    try:
        data = parse(payload, path, hint=False)
    except StoryBankError:
        return None
    stories = data.get("stories")
    return len(stories) if isinstance(stories, dict) else 0


_LONG_NUMBER = re.compile(rb"[0-9]{4000,}")


def parse(payload: bytes, db: Path, *, hint: bool = True) -> dict[str, Any]:
    """Parse database bytes or raise a DatabaseError that names the file and the backups.

    `hint=False` (reading a backup) leaves out the list of readable backups.
    """

    def restore() -> str:
        return restore_hint(db, list_readable=hint)

    if not payload.strip():
        raise DatabaseError(
            f"{db} is empty ({len(payload)} bytes), but a storybank database always holds "
            "data; it was left untouched.\n"
            + restore()
            + " If you made it empty on purpose, delete it and storybank starts a new bank."
        )
    try:
        data = json.loads(payload)
    except UnicodeDecodeError:
        raise DatabaseError(
            f"{db} is not a storybank database (not UTF-8 text); it was left untouched.\n"
            + restore()
        ) from None
    except json.JSONDecodeError as exc:
        raise DatabaseError(
            f"{db} is damaged: not valid JSON at line {exc.lineno} column {exc.colno} "
            f"({exc.msg}); it was left untouched.\n" + restore()
        ) from None
    except ValueError:
        # json refuses to turn an integer of over 4,300 digits into an int.
        found = _LONG_NUMBER.search(payload)
        where = ""
        if found is not None:
            line = payload.count(b"\n", 0, found.start()) + 1
            column = found.start() - (payload.rfind(b"\n", 0, found.start()) + 1) + 1
            where = f" at line {line} column {column}"
        raise DatabaseError(
            f"{db} is damaged: the number{where} has thousands of digits, which no storybank "
            "writes; it was left untouched.\n" + restore()
        ) from None
    except RecursionError:
        raise DatabaseError(
            f"{db} is not a storybank database (nested too deeply); it was left untouched.\n"
            + restore()
        ) from None
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        raise DatabaseError(
            f"{db} is not a storybank database (expected tables of records); "
            "it was left untouched.\n" + restore()
        )
    return data


def refuse_special(db: Path) -> None:
    """A device or a pipe can never hold a database: say so before anything is created."""
    if is_special(db):
        raise DatabaseError(
            f"{db} is not a regular file (a device or a pipe), so it cannot hold a storybank "
            "database; give a file path with --db or STORYBANK_DB."
        )


def is_read_only(db: Path) -> bool:
    """An existing file whose owner made it read-only (no write bit), or not writable to us.

    The mode bits are checked as well as `os.access`, which says yes to root for any file.
    """
    try:
        info = os.stat(db)
    except (OSError, ValueError):
        return False
    if not stat.S_ISREG(info.st_mode):
        return False
    return not info.st_mode & stat.S_IWUSR or not os.access(db, os.W_OK)


def refuse_read_only(db: Path, shown: Path | None = None) -> None:
    """A database the user made read-only (chmod 0400) is never silently replaced.

    The atomic rename would succeed (it needs only the folder to be writable) and drop
    the protection, so a write checks the file's own permission first.
    """
    if is_read_only(db):
        raise DatabaseError(
            f"{shown or db} is read-only, so storybank will not replace it; nothing was "
            "changed. Make it writable (chmod u+w) to save changes."
        )


def read_bytes(db: Path) -> bytes | None:
    """The database file's bytes (at most MAX_DB_BYTES), or None when there is no file yet."""
    try:
        return read_capped(db, MAX_DB_BYTES)
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise DatabaseError(f"{db} is a folder, not a storybank database file.") from None
    except NotRegularFileError:
        refuse_special(db)
        raise DatabaseError(f"{db} is not a regular file; it cannot hold a database.") from None
    except FileTooLargeError as exc:
        raise DatabaseError(
            f"{db} is {describe_size(exc.size)}, larger than any storybank database can be "
            f"(the limit is {describe_size(exc.limit)}); it was not read and was left "
            "untouched.\n" + restore_hint(db)
        ) from None
    except OSError as exc:
        raise DatabaseError(f"cannot read {db}: {exc.strerror or exc}") from None
