"""Timestamped copies of the database, kept beside it, so no mistake is final.

A backup is taken before each destructive operation (import --replace, a merge
that overwrites records, delete, restore, migration) and, on a rolling basis, at
most once per `ROLLING_INTERVAL` of writes. The newest `backups.keep` (default 20)
are kept. Backups are written atomically, mode 0600, in a 0700 folder
(`locations.backups_dir`). Functions that write expect the database lock to be
held. This module knows backup files only; reading one as a bank, listing backups with
their story counts and restoring one are Store operations (`Store.backups`,
`Store.restore_backup`), so the store depends on this module and never the reverse.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from storybank import locations, settings
from storybank.dbfile import MAX_DB_BYTES, read_bytes, real_path
from storybank.errors import DatabaseError, NotFoundError
from storybank.record import FrozenRecord
from storybank.userfile import FileTooLargeError, read_capped

DEFAULT_KEEP = settings.BACKUPS_KEEP.default
KEEP_SETTING = settings.BACKUPS_KEEP.key
ROLLING_INTERVAL = 3600.0
"""Seconds between rolling backups: at most one per hour of writes."""

_NAME = re.compile(r"^(\d{8})-(\d{6})-(\d{6})-([a-z0-9][a-z0-9-]*)\.json$")


class BackupInfo(FrozenRecord):
    """One backup file as `storybank backups` lists it."""

    __slots__ = ("name", "path", "created", "reason", "size", "stories")  # noqa: RUF023

    name: str
    path: Path
    created: datetime
    """When it was taken (UTC, from the name)."""
    reason: str
    size: int
    stories: int | None
    """Stories it holds; None when the file cannot be read as a bank."""

    def __init__(
        self,
        name: str,
        path: Path,
        created: datetime,
        reason: str,
        size: int,
        stories: int | None,
    ) -> None:
        self._init("name", name)
        self._init("path", path)
        self._init("created", created)
        self._init("reason", reason)
        self._init("size", size)
        self._init("stories", stories)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "path": str(self.path),
            "created": self.created.isoformat(),
            "reason": self.reason,
            "size": self.size,
            "stories": self.stories,
            "readable": self.stories is not None,
        }


def backups_dir(db: Path) -> Path:
    """Backups sit beside the real file (a symlinked database's target)."""
    return locations.backups_dir(real_path(db))


def keep_setting(data: dict[str, Any]) -> int:
    """`backups.keep` from raw database data: a positive integer, else the default."""
    return settings.raw_value(data, settings.BACKUPS_KEEP)


def _parse_name(name: str) -> tuple[datetime, str] | None:
    match = _NAME.match(name)
    if not match:
        return None
    day, time, micro, reason = match.groups()
    try:
        created = datetime.strptime(f"{day}{time}{micro}", "%Y%m%d%H%M%S%f").replace(tzinfo=UTC)
    except ValueError:
        return None
    return created, reason


def _names(folder: Path) -> list[str]:
    """Backup file names in the folder, oldest first (names sort by time)."""
    try:
        entries = os.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return []
    except OSError as exc:
        raise DatabaseError(f"cannot read the backups folder {folder}: {exc.strerror}") from None
    return sorted(name for name in entries if _parse_name(name) is not None)


def _reason_slug(reason: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", reason.lower()).strip("-")
    return slug or "backup"


def create_backup(
    db: Path, reason: str, keep: int = DEFAULT_KEEP, *, now: datetime | None = None
) -> Path | None:
    """Copy the database file as it is now into the backups folder; None if there is no file.

    The bytes are copied as they are, even from a damaged file (so a restore over
    it can be undone). Then only the newest `keep` backups are kept.
    """
    from storybank.storage import atomic_write, ensure_dir

    payload = read_bytes(real_path(db))
    if payload is None:
        return None
    folder = backups_dir(db)
    stamp = (now or datetime.now(UTC)).astimezone(UTC)
    slug = _reason_slug(reason)
    try:
        ensure_dir(folder)
        taken = set(_names(folder))
        name = f"{stamp:%Y%m%d-%H%M%S-%f}-{slug}.json"
        while name in taken:  # two backups in one microsecond: step forward
            stamp = stamp.replace(microsecond=(stamp.microsecond + 1) % 1_000_000)
            name = f"{stamp:%Y%m%d-%H%M%S-%f}-{slug}.json"
        path = folder / name
        atomic_write(path, payload)
    except OSError as exc:
        raise DatabaseError(
            f"cannot back up {db} into {folder}: {exc.strerror or exc}; nothing was changed."
        ) from exc
    prune(db, keep)
    return path


def prune(db: Path, keep: int) -> list[Path]:
    """Delete all but the newest `keep` backups (at least one is always kept)."""
    folder = backups_dir(db)
    names = _names(folder)
    doomed = names[: max(0, len(names) - max(1, keep))]
    removed = []
    for name in doomed:
        try:
            (folder / name).unlink()
            removed.append(folder / name)
        except FileNotFoundError:
            continue
    return removed


def newest_backup_time(db: Path) -> datetime | None:
    names = _names(backups_dir(db))
    if not names:
        return None
    parsed = _parse_name(names[-1])
    return parsed[0] if parsed else None


def rolling_backup(
    db: Path,
    keep: int = DEFAULT_KEEP,
    *,
    interval: float = ROLLING_INTERVAL,
    now: datetime | None = None,
) -> Path | None:
    """Back up unless a backup (of any kind) was taken within the last `interval` seconds."""
    now = now or datetime.now(UTC)
    newest = newest_backup_time(db)
    if newest is not None and 0 <= (now - newest).total_seconds() < interval:
        return None
    return create_backup(db, "rolling", keep, now=now)


def _is_temp_name(name: str) -> bool:
    from storybank.dbfile import TEMP_SUFFIX

    return name.startswith(".") and name.endswith(TEMP_SUFFIX)


def has_temp_files(db: Path) -> bool:
    """Whether the backups folder holds temp files a backup left (no lock needed to look)."""
    try:
        names = os.listdir(backups_dir(db))
    except OSError:
        return False
    return any(_is_temp_name(name) for name in names)


def sweep_temp_files(db: Path) -> list[Path]:
    """Remove temp files a killed backup left in the backups folder (lock held)."""
    folder = backups_dir(db)
    removed = []
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    for name in names:
        if _is_temp_name(name):
            try:
                (folder / name).unlink()
                removed.append(folder / name)
            except FileNotFoundError:
                continue
    return removed


def backup_files(db: Path) -> Iterator[tuple[BackupInfo, bytes | None]]:
    """Every backup file of `db` with its bytes, newest first (see `Store.backups`, which
    counts the stories in them): the info's `stories` is None here, the bytes are None when
    the file is over the size cap and was not read."""
    folder = backups_dir(db)
    for name in reversed(_names(folder)):
        path = folder / name
        parsed = _parse_name(name)
        assert parsed is not None
        created, reason = parsed
        try:  # never blocks on a pipe named like a backup, never reads a huge file whole
            payload = read_capped(path, MAX_DB_BYTES)
        except FileTooLargeError as exc:
            yield BackupInfo(name, path, created, reason, exc.size, None), None
            continue
        except OSError:
            continue  # a folder or a pipe named like a backup, or pruned while we looked
        yield BackupInfo(name, path, created, reason, len(payload), None), payload


def find_backup(db: Path, name: str) -> Path:
    """A backup named as `storybank backups` lists it (with or without `.json`), or a path."""
    folder = backups_dir(db)
    candidates = []
    if name and os.sep not in name and name not in (".", ".."):
        candidates += [folder / name, folder / f"{name}.json"]
    candidates.append(Path(name).expanduser())
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise NotFoundError(
        f"no backup named {name!r} in {folder}; run `storybank backups` to list them."
    )
