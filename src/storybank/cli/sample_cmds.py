"""`storybank samples [list]` and `storybank samples remove`: the sample bank kept apart.

The samples loaded by `storybank init --sample` (or the app's "Load the sample bank") are
marked in the bank (`storybank.samples`); these commands show them and take exactly them
out again.
"""

from __future__ import annotations

import argparse

from storybank.errors import StoryBankError


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    samples = sub.add_parser(
        "samples",
        parents=[common],
        help="show or remove the sample stories and companies in your bank",
        description=(
            "The sample stories and companies loaded by `storybank init --sample` are "
            "marked as samples. `storybank samples` lists them (and which you edited); "
            "`storybank samples remove` removes exactly them, after a backup."
        ),
    )
    samples.set_defaults(handler=run_samples_list)
    actions = samples.add_subparsers(dest="samples_action", metavar="ACTION")
    lst = actions.add_parser(
        "list", parents=[common], help="list the samples in your bank (the default)"
    )
    lst.set_defaults(handler=run_samples_list)
    remove = actions.add_parser(
        "remove",
        parents=[common],
        help="remove the sample stories and companies (a backup is taken first)",
        description=(
            "Remove every sample story and company you have not edited, in one write, "
            "after a backup (`storybank restore` undoes it). A sample you edited stops "
            "the removal unless --force (remove it too) or --keep-edited (keep it as "
            "your own)."
        ),
    )
    how = remove.add_mutually_exclusive_group()
    how.add_argument("--force", action="store_true", help="remove edited samples too")
    how.add_argument(
        "--keep-edited",
        action="store_true",
        help="remove the untouched samples; keep edited ones as your own stories",
    )
    remove.set_defaults(handler=run_samples_remove)


def _ids(ids: list[str]) -> str:
    return ", ".join(ids)


def _say(text: str, indent: str = "") -> None:
    """Print within 80 columns (paths and ids may be long)."""
    import textwrap

    print(
        textwrap.fill(
            text,
            80,
            initial_indent=indent,
            subsequent_indent=indent + "  ",
            break_long_words=False,
            break_on_hyphens=False,
        )
    )


def run_samples_list(args: argparse.Namespace) -> int:
    from storybank import locations
    from storybank.safetext import clean_line
    from storybank.samples import counts_text
    from storybank.store import read_sample_status

    path = locations.db_path_for_reading(getattr(args, "db", None))
    status = read_sample_status(path)
    if status.is_empty():
        print(f"No samples in {clean_line(str(path))}: every story there is your own.")
        return 0
    total = counts_text(status.count("stories"), status.count("companies"))
    print(f"Samples in {clean_line(str(path))}: {total}.")
    for kind, label in (("stories", "Stories"), ("companies", "Companies")):
        if status.untouched[kind]:
            _say(f"{label}: {clean_line(_ids(status.untouched[kind]))}", "  ")
        if status.edited[kind]:
            _say(f"{label} you edited: {clean_line(_ids(status.edited[kind]))}", "  ")
    print("Remove them with `storybank samples remove`.")
    return 0


def run_samples_remove(args: argparse.Namespace) -> int:
    from storybank import locations
    from storybank.safetext import clean_line
    from storybank.samples import counts_text
    from storybank.store import Store

    path = locations.db_path(getattr(args, "db", None))
    if not path.exists():
        raise StoryBankError(f"no database at {clean_line(str(path))}: nothing to remove")
    store = Store.open(getattr(args, "db", None))
    # A sample the user edited stops the removal (SamplesEditedError): exit 1, unchanged.
    removed, kept = store.remove_samples(include_edited=args.force, keep_edited=args.keep_edited)
    shown = clean_line(str(store.path))
    if removed.is_empty() and kept.is_empty():
        print(f"No samples in {shown}; nothing changed.")
        return 0
    gone = counts_text(removed.count("stories"), removed.count("companies"))
    _say(f"Removed {gone} (the samples) from {shown}.")
    if not kept.is_empty():
        ids = [rid for kind in ("stories", "companies") for rid in kept.untouched[kind]]
        _say(f"Kept as your own (you edited them): {clean_line(_ids(ids))}.")
    left = len(store.stories())
    _say(
        f"Your bank now holds {left} stor{'y' if left == 1 else 'ies'}. A backup was taken "
        "first: `storybank backups` lists it, `storybank restore NAME` undoes this."
    )
    return 0
