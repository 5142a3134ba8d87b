"""Reading the database file: the part of the store that `storybank ask` needs.

Kept apart from `storybank.storage` so that a read imports neither TinyDB nor
filelock (together ~60 ms of start-up). A file that does not parse raises a
DatabaseError naming the file, the backups folder and how to restore.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

from storybank import locations
from storybank.errors import DatabaseError


def real_path(path: Path) -> Path:
    """Where the bytes live: a symlinked database is written through to its target."""
    return Path(os.path.realpath(path))


def restore_hint(db: Path) -> str:
    return (
        f"Backups are in {locations.backups_dir(real_path(db))}: run `storybank backups` "
        "to list them and `storybank restore NAME` to restore one."
    )


def parse(payload: bytes, db: Path) -> dict[str, Any]:
    """Parse database bytes or raise a DatabaseError that names the file and the backups."""
    if not payload.strip():
        raise DatabaseError(
            f"{db} is empty ({len(payload)} bytes), but a storybank database always holds "
            "data; it was left untouched.\n"
            + restore_hint(db)
            + " If you made it empty on purpose, delete it and storybank starts a new bank."
        )
    try:
        data = json.loads(payload)
    except UnicodeDecodeError:
        raise DatabaseError(
            f"{db} is not a storybank database (not UTF-8 text); it was left untouched.\n"
            + restore_hint(db)
        ) from None
    except json.JSONDecodeError as exc:
        raise DatabaseError(
            f"{db} is damaged: not valid JSON at line {exc.lineno} column {exc.colno} "
            f"({exc.msg}); it was left untouched.\n" + restore_hint(db)
        ) from None
    except RecursionError:
        raise DatabaseError(
            f"{db} is not a storybank database (nested too deeply); it was left untouched.\n"
            + restore_hint(db)
        ) from None
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        raise DatabaseError(
            f"{db} is not a storybank database (expected tables of records); "
            "it was left untouched.\n" + restore_hint(db)
        )
    return data


def read_bytes(db: Path) -> bytes | None:
    """The database file's bytes, or None when there is no file yet."""
    try:
        mode = os.stat(db).st_mode
    except OSError:
        mode = stat.S_IFREG  # missing or unreadable: `open` below says which
    if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        # A pipe would be read forever, and a save would replace a device with a file.
        raise DatabaseError(
            f"{db} is not a regular file (a device or a pipe), so it cannot hold a storybank "
            "database; give a file path with --db or STORYBANK_DB."
        )
    try:
        with open(db, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise DatabaseError(f"{db} is a folder, not a storybank database file.") from None
    except OSError as exc:
        raise DatabaseError(f"cannot read {db}: {exc.strerror or exc}") from None
