"""`storybank` with no command opens the app; `storybank demo` opens it on a sample copy."""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any


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


CRASH_MESSAGE = (
    "storybank: the app stopped on an unexpected error (a bug in storybank). Everything "
    "saved before it is safe on disk. Run again with STORYBANK_DEBUG=1 to see the details "
    "for a report."
)


def run_tui(app: Any, **run_options: Any) -> int:  # a textual App (not imported here)
    """Run the app; after a crash, one clean line and exit code 1, never a traceback.

    Textual renders an unhandled exception as a rich traceback *with local variables*
    (story text, form fields) onto `App.error_console` and sets `App.return_code` to 1.
    That console is swapped for one writing to memory, which is dropped, so no story
    text reaches the terminal; `STORYBANK_DEBUG=1` keeps Textual's own output.
    """
    import io
    import os

    from storybank.cli import DEBUG_ENV

    quiet = os.environ.get(DEBUG_ENV, "") in ("", "0")
    if quiet:
        from rich.console import Console

        app.error_console = Console(file=io.StringIO(), markup=False, highlight=False)
    app.run(**run_options)
    code = app.return_code or 0
    if code and quiet:
        print(CRASH_MESSAGE, file=sys.stderr)
    return 1 if code else 0


def run_app(args: argparse.Namespace) -> int:
    """Open the app on the resolved database; a corrupt file raises DatabaseError (exit 1)."""
    from storybank.tui.factory import make_app  # Textual is imported only here (~150 ms)

    return run_tui(make_app(getattr(args, "db", None)))


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
        code = run_tui(app)
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
    return code
