"""`storybank backups`, `storybank restore` and `storybank locate`: find and recover your data.

These work even when the database file is damaged (that is when they are needed),
so they use a `Store` without opening it through `Store.open` (which checks the file).
"""

from __future__ import annotations

import argparse
import json
from datetime import datetime
from pathlib import Path
from typing import Any


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    listing = sub.add_parser(
        "backups",
        parents=[common],
        help="list the automatic backups of your database",
        description=(
            "List the backups storybank keeps beside your database, newest first: taken "
            "before each import --replace, delete, restore and upgrade, and at most once an "
            "hour while you write. The newest 20 are kept (setting backups.keep)."
        ),
    )
    listing.add_argument("--json", action="store_true", help="print JSON instead of a table")
    listing.set_defaults(handler=run_backups)

    restore = sub.add_parser(
        "restore",
        parents=[common],
        help="replace your database with a backup (the current state is backed up first)",
        description=(
            "Replace the database with a backup. The backup is checked first; the current "
            "file (even a damaged one) is saved as a new backup, so a restore can be undone."
        ),
    )
    restore.add_argument(
        "backup", metavar="BACKUP", help="a name from `storybank backups`, or a backup file path"
    )
    restore.set_defaults(handler=run_restore)

    locate = sub.add_parser(
        "locate",
        parents=[common],
        help="print every path storybank uses",
        description="Print the database, backups, lock, config and user themes paths.",
    )
    locate.add_argument("--json", action="store_true", help="print JSON instead of lines")
    locate.set_defaults(handler=run_locate)


def _db(args: argparse.Namespace) -> Path:
    from storybank import locations

    return locations.db_path(getattr(args, "db", None))


def human_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    value = float(size)
    for unit in ("KB", "MB", "GB"):
        value /= 1024
        if value < 1024 or unit == "GB":
            return f"{value:.1f} {unit}"
    raise AssertionError("unreachable")


def _local(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S")


def run_backups(args: argparse.Namespace) -> int:
    from storybank.backups import backups_dir
    from storybank.safetext import clean
    from storybank.store import Store

    db = _db(args)
    found = Store(db).backups()
    if args.json:
        print(json.dumps([b.to_dict() for b in found], indent=2, ensure_ascii=False))
        return 0
    folder = clean(str(backups_dir(db)))
    if not found:
        print(f"No backups yet in {folder}.")
        print("One is taken before each destructive change and at most hourly while you write.")
        return 0
    rows = [("NAME", "TAKEN", "SIZE", "STORIES")]
    for info in found:
        stories = "unreadable" if info.stories is None else str(info.stories)
        rows.append((info.name, _local(info.created), human_size(info.size), stories))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    for row in rows:
        print(
            f"{row[0]:<{widths[0]}}  {row[1]:<{widths[1]}}  "
            f"{row[2]:>{widths[2]}}  {row[3]:>{widths[3]}}".rstrip()
        )
    print(f"\n{len(found)} backup{'s' if len(found) != 1 else ''} in {folder}")
    print("Restore one with: storybank restore NAME")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from storybank.safetext import clean
    from storybank.store import Store, read_bank

    db = _db(args)
    source, safety = Store(db).restore_backup(args.backup)
    count = len(read_bank(db).stories)
    print(
        f"Restored {clean(source.name)} into {clean(str(db))} "
        f"({count} stor{'y' if count == 1 else 'ies'})."
    )
    if safety is not None:
        print(f"The state it replaced was saved as backup {clean(safety.name)}.")
    return 0


def locations_map(db: Path) -> dict[str, Any]:
    """Every path storybank uses for this database, for `locate` and the app's about box."""
    from storybank import locations
    from storybank.advisor.cache import cache_file as advisor_cache_file
    from storybank.dbfile import real_path

    real = real_path(db)
    return {
        "database": str(db),
        "database_target": str(real) if real != db.absolute() else None,
        "backups": str(locations.backups_dir(real)),
        "lock": str(locations.lock_path(real)),
        "config": str(locations.config_dir()),
        "user_themes": str(locations.user_themes_dir()),
        "advisor_cache": str(advisor_cache_file()),
    }


def run_locate(args: argparse.Namespace) -> int:
    from storybank.safetext import clean

    paths = locations_map(_db(args))
    if args.json:
        print(json.dumps(paths, indent=2, ensure_ascii=False))
        return 0
    labels = {
        "database": "database",
        "database_target": "  (real file)",
        "backups": "backups",
        "lock": "lock file",
        "config": "config dir",
        "user_themes": "user themes",
        "advisor_cache": "advisor cache",
    }
    width = max(len(v) for v in labels.values())
    for key, value in paths.items():
        if value is not None:
            print(f"{labels[key]:<{width}}  {clean(value)}")
    return 0
