"""`storybank history` and `storybank restore-version`: a story's earlier versions.

The store keeps the version each save replaced (`Store.story_versions`); the app shows
them with `H` on the story list. Here they are listed, and one is made current again:
a save like any other, so the version it replaces is kept in turn.
"""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    history = sub.add_parser(
        "history",
        parents=[common],
        help="list a story's earlier versions (when each was replaced, what changed)",
        description=(
            "List the versions of a story that saves replaced, newest first: when the save "
            "ran and what it changed. The last 25 of each story are kept."
        ),
    )
    history.add_argument("story", metavar="ID", help="the story's id")
    history.add_argument("--json", action="store_true", help="print JSON instead of lines")
    history.set_defaults(handler=run_history)

    restore = sub.add_parser(
        "restore-version",
        parents=[common],
        help="make an earlier version of a story its current one",
        description=(
            "Make version N of a story (from `storybank history ID`) its current one. It is "
            "a save: the version it replaces is kept in the history, so it can be undone "
            "the same way."
        ),
    )
    restore.add_argument("story", metavar="ID", help="the story's id")
    restore.add_argument("number", metavar="N", type=int, help="the version number")
    restore.set_defaults(handler=run_restore_version)


def _when(stamp: str) -> str:
    from datetime import datetime

    try:
        return datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return stamp


def run_history(args: argparse.Namespace) -> int:
    from storybank.errors import NotFoundError
    from storybank.safetext import clean_line, json_text
    from storybank.store import Store

    store = Store.open(getattr(args, "db", None))
    versions = store.story_versions(args.story)
    current = store.story(args.story)
    if current is None and not versions:
        raise NotFoundError(f"no story with id {args.story!r} in {store.path}")
    if args.json:
        rows = [
            {
                "number": v.number,
                "replaced_at": v.replaced_at,
                "summary": v.summary,
                "story": v.story.to_dict(),
            }
            for v in versions
        ]
        print(json_text({"story": args.story, "versions": rows}, indent=2))
        return 0
    title = clean_line(current.title) if current is not None else "(deleted)"
    print(f"{clean_line(args.story)}: {title}")
    if not versions:
        print("No earlier versions yet: each save that changes it keeps the one it replaces.")
        return 0
    for v in versions:
        print(f"  v{v.number:<3} {_when(v.replaced_at)}  {clean_line(v.summary)}")
    print(f"\nRestore one with: storybank restore-version {clean_line(args.story)} N")
    return 0


def run_restore_version(args: argparse.Namespace) -> int:
    from storybank.errors import NotFoundError
    from storybank.safetext import clean_line
    from storybank.store import Store, record_version

    store = Store.open(getattr(args, "db", None))
    current = store.story(args.story)
    if current is None and not store.story_versions(args.story):
        raise NotFoundError(f"no story with id {args.story!r} in {store.path}")
    # A deleted story comes back only if no story took its id meanwhile (expect: none).
    seen = record_version(current) if current is not None else None
    store.restore_story_version(args.story, args.number, expect={args.story: seen})
    if current is None:
        print(
            f"Restored version {args.number} of {clean_line(args.story)}: the deleted story "
            f"is back (storybank show {clean_line(args.story)})."
        )
        return 0
    newest = store.story_versions(args.story)
    kept = f" as v{newest[0].number}" if newest else ""
    print(
        f"Restored version {args.number} of {clean_line(args.story)}; the version it "
        f"replaced is kept{kept} (storybank history {clean_line(args.story)})."
    )
    return 0
