"""The `storybank` command line: a thin layer over the engine.

Subcommands live in small modules that each add their parsers; heavy modules
(Textual, rapidfuzz, the store) are imported inside handlers, never here, so
`storybank ask` starts fast.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from storybank import __version__
from storybank.errors import StoryBankError

COMMAND_MODULES: dict[str, tuple[str, ...]] = {
    "storybank.cli.bank_cmds": ("import", "export", "list", "show", "init"),
    "storybank.cli.ask_cmd": ("ask",),
    "storybank.cli.quality_cmds": ("lint", "coverage", "brief", "cards"),
    "storybank.cli.recall_cmds": ("drill", "status"),
    "storybank.cli.redact_cmds": ("redactions",),
    "storybank.cli.backup_cmds": ("backups", "restore", "locate"),
    "storybank.cli.app_cmds": ("app", "demo"),
}
"""Each module defines `register(subparsers, common)` for the commands listed beside it;
the order sets the --help order. Listing the names here lets `main` import only the one
module a command needs, which keeps `storybank ask` fast."""


def _common_options() -> argparse.ArgumentParser:
    """Options every subcommand accepts, so `--db` works before or after the command."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="database file (default: $STORYBANK_DB, else your user data dir)",
    )
    return common


def _module_for(argv: Sequence[str]) -> str | None:
    """The module of the command named in `argv`, skipping `--db PATH`; None if unclear."""
    skip = False
    for token in argv:
        if skip:
            skip = False
            continue
        if token == "--db":
            skip = True
            continue
        if token.startswith("-"):
            if token in ("-h", "--help", "--version"):
                return None
            continue
        return next((m for m, names in COMMAND_MODULES.items() if token in names), None)
    return None


def build_parser(only_module: str | None = None) -> argparse.ArgumentParser:
    """The full parser, or one holding just `only_module`'s commands (the fast path)."""
    parser = argparse.ArgumentParser(
        prog="storybank",
        description="Keep, check and drill your Product Operations interview stories.",
        epilog="Run `storybank` with no command to open the app.",
    )
    parser.add_argument("--version", action="version", version=f"storybank {__version__}")
    parser.add_argument("--db", metavar="PATH", default=None, help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    common = _common_options()
    for name in [only_module] if only_module else COMMAND_MODULES:
        importlib.import_module(name).register(sub, common)
    return parser


def _open_app(args: argparse.Namespace) -> int:
    from storybank.cli.app_cmds import run_app

    return run_app(args)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(_module_for(argv))
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    try:
        if handler is None:
            return _open_app(args)
        return int(handler(args) or 0)
    except StoryBankError as exc:
        for line in error_lines(exc):
            print(line, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("storybank: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): stop quietly, as other tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


MAX_ERROR_LINES = 50
"""A file with thousands of problems shows the first ones and a count, not a flood."""


def error_lines(exc: StoryBankError) -> list[str]:
    """The lines `main` prints for an error, so the TUI can show them exactly the same.

    Messages may quote user text, so control characters are neutralised here too."""
    from storybank.safetext import clean_line

    lines = [
        clean_line(line) if _has_position(line) else f"storybank: {clean_line(line)}"
        for line in (str(exc).splitlines() or ["error"])
    ]
    if len(lines) > MAX_ERROR_LINES:
        hidden = len(lines) - MAX_ERROR_LINES
        lines = lines[:MAX_ERROR_LINES]
        lines.append(f"storybank: ... and {hidden} more problems not shown; fix these first")
    return lines


def _has_position(line: str) -> bool:
    """Lines shaped `FILE:LINE:...` are printed as they are, so editors can jump to them."""
    head = line.split(": ", 1)[0]
    return head.count(":") >= 1 and head.rsplit(":", 1)[-1].isdigit()
