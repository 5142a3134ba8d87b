"""Every path storybank uses, decided in one place.

The database path comes from `--db`, then `STORYBANK_DB`, then the platform's
user data dir. Config (themes, settings that belong to the machine) lives in the
platform's user config dir, overridable with `STORYBANK_CONFIG_DIR`; the advisor's
cache in the user cache dir, overridable with `STORYBANK_CACHE_DIR` (tests use both).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from storybank.errors import StoryBankError

APP_NAME = "storybank"
DB_ENV = "STORYBANK_DB"
CONFIG_ENV = "STORYBANK_CONFIG_DIR"
CACHE_ENV = "STORYBANK_CACHE_DIR"
DB_FILENAME = "storybank.json"


class LocationError(StoryBankError):
    """A path storybank needs cannot be decided (no home folder, a path ending in a slash)."""


def _platform_dir(kind: str, env: str, lookup: Callable[..., str]) -> Path:
    """A platformdirs folder, or LocationError when the home folder is unknown.

    With HOME unset and no passwd entry for the account (a container, a service),
    platformdirs cannot expand `~`; every folder still has its own variable.
    """
    try:
        return Path(lookup(APP_NAME, appauthor=False))
    except (RuntimeError, KeyError, OSError) as exc:
        raise LocationError(
            f"cannot find your {kind} folder: no home folder is known ({exc}). "
            f"Set {env} to a path (or set HOME)."
        ) from None


def _expand(value: str | os.PathLike[str], env: str) -> Path:
    """A path as given, `~` expanded; LocationError when `~` cannot be."""
    try:
        return Path(value).expanduser()
    except RuntimeError:
        raise LocationError(
            f"cannot expand '~' in {os.fspath(value)!r}: no home folder is known; "
            f"give {env} as an absolute path."
        ) from None


def data_dir() -> Path:
    from platformdirs import user_data_dir  # small, but only needed when no path is given

    return _platform_dir("data", DB_ENV, user_data_dir)


def config_dir() -> Path:
    override = os.environ.get(CONFIG_ENV)
    if override:
        return _expand(override, CONFIG_ENV)
    from platformdirs import user_config_dir

    return _platform_dir("config", CONFIG_ENV, user_config_dir)


def cache_dir() -> Path:
    """`$STORYBANK_CACHE_DIR`, else the platform's user cache dir (the advisor's disk cache)."""
    override = os.environ.get(CACHE_ENV)
    if override:
        return _expand(override, CACHE_ENV)
    from platformdirs import user_cache_dir

    return _platform_dir("cache", CACHE_ENV, user_cache_dir)


def db_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The database file: explicit `--db`, else `$STORYBANK_DB`, else the user data dir.

    A path ending in a slash names a folder, never a file: refused rather than
    silently saved as a file without the slash.
    """
    for value, source in ((explicit, "--db"), (os.environ.get(DB_ENV), DB_ENV)):
        if not value:
            continue
        text = os.fspath(value)
        if text.endswith(("/", os.sep)):
            raise LocationError(
                f"{source} {text!r} ends with a slash, so it names a folder; give the "
                f"database file, e.g. {text.rstrip('/' + os.sep) or '.'}/{DB_FILENAME}"
            )
        return _expand(value, source)
    return data_dir() / DB_FILENAME


def db_path_for_reading(explicit: str | os.PathLike[str] | None = None) -> Path:
    """`db_path`, refusing a `--db` or `$STORYBANK_DB` whose folder does not exist.

    A command that only reads treats a missing file as an empty bank; with a mistyped
    folder that would read as "no stories yet" about a bank that is somewhere else."""
    path = db_path(explicit)
    source = "--db" if explicit else DB_ENV if os.environ.get(DB_ENV) else None
    if source is not None and not path.exists() and not path.parent.is_dir():
        raise LocationError(
            f"the database {path} does not exist: there is no folder {path.parent} (check {source})"
        )
    return path


def backups_dir(db: Path) -> Path:
    """Backups sit beside the database they protect, in a hidden folder."""
    return db.parent / f".{db.name}.backups"


def lock_path(db: Path) -> Path:
    return db.parent / f".{db.name}.lock"


def user_themes_dir() -> Path:
    return config_dir() / "themes"
