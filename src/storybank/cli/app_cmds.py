"""`storybank` with no command opens the app; `storybank demo` opens it on a sample copy."""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    app = sub.add_parser(
        "app",
        parents=[common],
        help="open the app (the same as running storybank with no command)",
        description="Open the storybank app on your database.",
    )
    app.set_defaults(handler=run_app)
    demo = sub.add_parser(
        "demo",
        help="open the app on a throwaway copy of the sample bank",
        description=(
            "Copy the packaged sample stories and companies into a temporary "
            "database and open the app on it. Your own bank is not touched."
        ),
    )
    demo.add_argument(
        "--keep",
        action="store_true",
        help="keep the temporary database afterwards (its path is printed)",
    )
    demo.set_defaults(handler=run_demo)


def run_app(args: argparse.Namespace) -> int:
    """Open the app on the resolved database; a corrupt file raises DatabaseError (exit 1)."""
    from storybank.tui.factory import make_app  # Textual is imported only here (~150 ms)

    make_app(getattr(args, "db", None)).run()
    return 0


def run_demo(args: argparse.Namespace) -> int:
    """Open the app on a throwaway copy of the samples; say plainly what became of it."""
    from storybank.resources import sample_bank
    from storybank.safetext import clean_line
    from storybank.store import Store
    from storybank.tui.factory import make_app

    folder = Path(tempfile.mkdtemp(prefix="storybank-demo-"))
    db = folder / "demo.json"
    exported: Path | None = None
    try:
        Store.open(str(db)).apply_import(sample_bank())
        app = make_app(str(db), demo=True)
        app.run()
        exported = app.demo_exported
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    # Printed after the app, so the last line on the terminal is true: no path to a copy
    # that no longer exists.
    if args.keep:
        print(f"storybank demo: the demo bank was kept at {clean_line(str(db))}", file=sys.stderr)
    else:
        print(
            "storybank demo: the throwaway demo bank was deleted; your own bank was not touched.",
            file=sys.stderr,
        )
    if exported is not None:
        shown = clean_line(str(exported))
        print(
            f"storybank demo: your changes were exported to {shown}; "
            f"`storybank import {shown}` adds them to your own bank.",
            file=sys.stderr,
        )
    return 0
