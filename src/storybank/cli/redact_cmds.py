"""`storybank redactions` and the redacted branch of `storybank export --redact FILE`.

The redaction list itself is edited in the app (command palette: Redactions) or in the
YAML (`redactions:`); this command shows it with suggestions.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    red = sub.add_parser(
        "redactions",
        parents=[common],
        help="the names a redacted export replaces, and names worth adding",
        description=(
            "List the redaction list (name -> stand-in) and suggest names to add: "
            "capitalised words found in several stories, and your target companies. Edit "
            "the list in the app (command palette: Redactions) or under `redactions:` in "
            "an exported YAML file, then `storybank export --redact FILE`."
        ),
    )
    red.set_defaults(handler=run_redactions)


def run_redactions(args: argparse.Namespace) -> int:
    from storybank import locations
    from storybank.redact import suggestions
    from storybank.safetext import clean_line
    from storybank.store import read_bank

    bank = read_bank(locations.db_path_for_reading(getattr(args, "db", None)))
    if bank.redactions:
        print("Redaction list:")
        width = max(len(r.name) for r in bank.redactions)
        for r in bank.redactions:
            print(f"  {clean_line(r.name).ljust(width)}  ->  {clean_line(r.stand_in)}")
    else:
        print("The redaction list is empty.")
    found = suggestions(bank)
    if found:
        print("Suggested (not listed yet):")
        for f in found:
            where = f"in {len(f.stories)} stories" if f.stories else "a target company"
            print(f"  {clean_line(f.name)} ({where})")
    return 0


def parse_accepted(value: str | None) -> list[str] | None:
    """--accept-names: absent -> accept none ([]); bare -> all (None); NAME,NAME -> those."""
    if value is None:
        return []
    if value == "*":
        return None
    return [part.strip() for part in value.split(",") if part.strip()]


def run_redacted_export(args: argparse.Namespace) -> int:
    """Redact, lint, then write (stdout for -); nothing is written when the lint refuses."""
    from storybank.cli.bank_cmds import _out, _read
    from storybank.errors import StoryBankError
    from storybank.privatefile import write_private_text
    from storybank.redact import check_redacted, dump_redacted, redact_bank
    from storybank.safetext import clean_line

    if args.file != "-":
        raise StoryBankError("give the file once: storybank export --redact FILE")
    bank = _read(args)
    redacted = redact_bank(bank, round_money=args.round_money)
    refusal = check_redacted(bank, redacted, parse_accepted(args.accept_names))
    if refusal is not None:
        raise refusal
    text = dump_redacted(redacted)
    names = len(bank.redactions)
    note = f"Redacted {names} name{'s' if names != 1 else ''}"
    if args.round_money:
        note += " and rounded money to ranges"
    if args.redact == "-":
        _out(text)
        print(f"{note}.", file=sys.stderr)
        return 0
    target = Path(args.redact).expanduser()
    if target.is_dir() or not target.parent.is_dir():
        raise StoryBankError(f"cannot write {target}: give a file in an existing folder")
    try:
        write_private_text(target, text)
    except OSError as exc:
        raise StoryBankError(f"cannot write {target}: {exc.strerror or exc}") from None
    print(
        f"{note}; wrote {len(redacted.stories)} stories to {clean_line(str(target))} "
        "(review history and the redaction list left out).",
        file=sys.stderr,
    )
    return 0
