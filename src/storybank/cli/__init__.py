"""The `storybank` command line: a thin layer over the engine.

Subcommands live in small modules that each add their parsers; heavy modules
(Textual, rapidfuzz, the store) are imported inside handlers, never here, so
`storybank ask` starts fast.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
from collections.abc import Sequence

from storybank import __version__
from storybank.errors import StoryBankError, error_lines

COMMAND_MODULES: dict[str, tuple[str, ...]] = {
    "storybank.cli.bank_cmds": ("import", "export", "list", "show", "init"),
    "storybank.cli.story_cmds": ("new", "delete"),
    "storybank.cli.company_cmds": ("company",),
    "storybank.cli.ask_cmd": ("ask",),
    "storybank.cli.pick_cmds": ("pick", "picks"),
    "storybank.cli.pitch_cmds": ("pitch",),
    "storybank.cli.quality_cmds": ("lint", "coverage", "brief", "cards"),
    "storybank.cli.loop_cmds": ("told", "ledger", "debrief"),
    "storybank.cli.recall_cmds": ("drill", "status"),
    "storybank.cli.sample_cmds": ("samples",),
    "storybank.cli.redact_cmds": ("redactions",),
    "storybank.cli.backup_cmds": ("backups", "restore", "locate"),
    "storybank.cli.history_cmds": ("history", "restore-version"),
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


DEBUG_ENV = "STORYBANK_DEBUG"
"""Set to 1 to let an unexpected error raise with its traceback (for a bug report)."""


def _tolerant_output() -> None:
    """Never crash on a character the terminal's encoding lacks (LANG=C, latin-1, ascii).

    Such characters print as `?` instead of raising UnicodeEncodeError mid-report; a
    UTF-8 terminal is unaffected. Files storybank writes are always UTF-8.
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):  # closed or detached: leave it
                reconfigure(errors="replace")


def main(argv: Sequence[str] | None = None) -> int:
    _tolerant_output()
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(_module_for(argv))
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    try:
        if handler is None:
            return _open_app(args)
        return int(handler(args) or 0)
    except StoryBankError as exc:
        _print_lines(error_lines(exc))
        return 1
    except KeyboardInterrupt:
        print("storybank: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): stop quietly, as other tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except OSError as exc:
        # A path the OS refuses (a folder that cannot be entered, a name too long, a
        # full disk) that no handler expected: one clear line, never a traceback.
        _print_lines(error_lines(StoryBankError(os_error_line(exc))))
        return 1
    except (MemoryError, RecursionError) as exc:
        _print_lines([f"storybank: out of resources ({type(exc).__name__}); nothing was changed"])
        return 1
    except Exception as exc:
        if os.environ.get(DEBUG_ENV, "") not in ("", "0"):
            raise
        _print_lines(
            [
                f"storybank: unexpected error ({type(exc).__name__}); this is a bug in "
                f"storybank. Run again with {DEBUG_ENV}=1 for the traceback to report it."
            ]
        )
        return 1


def os_error_line(exc: OSError) -> str:
    """`cannot use PATH: reason` from an OSError (the path quoted as given)."""
    reason = exc.strerror or str(exc) or type(exc).__name__
    if exc.filename is not None:
        return f"cannot use {os.fsdecode(exc.filename)}: {reason}"
    return f"cannot complete the command: {reason}"


def _print_lines(lines: list[str]) -> None:
    for line in lines:
        print(line, file=sys.stderr)
