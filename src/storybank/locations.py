"""Every path storybank uses, decided in one place.

The database path comes from `--db`, then `STORYBANK_DB`, then the platform's
user data dir. Config (themes, settings that belong to the machine) lives in the
platform's user config dir, overridable with `STORYBANK_CONFIG_DIR`; the advisor's
cache in the user cache dir, overridable with `STORYBANK_CACHE_DIR` (tests use both).
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "storybank"
DB_ENV = "STORYBANK_DB"
CONFIG_ENV = "STORYBANK_CONFIG_DIR"
CACHE_ENV = "STORYBANK_CACHE_DIR"
DB_FILENAME = "storybank.json"


def data_dir() -> Path:
    from platformdirs import user_data_dir  # small, but only needed when no path is given

    return Path(user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    override = os.environ.get(CONFIG_ENV)
    if override:
        return Path(override)
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    """`$STORYBANK_CACHE_DIR`, else the platform's user cache dir (the advisor's disk cache)."""
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir(APP_NAME, appauthor=False))


def db_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The database file: explicit `--db`, else `$STORYBANK_DB`, else the user data dir."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get(DB_ENV)
    if env:
        return Path(env).expanduser()
    return data_dir() / DB_FILENAME


def backups_dir(db: Path) -> Path:
    """Backups sit beside the database they protect, in a hidden folder."""
    return db.parent / f".{db.name}.backups"


def lock_path(db: Path) -> Path:
    return db.parent / f".{db.name}.lock"


def user_themes_dir() -> Path:
    return config_dir() / "themes"
