"""`storybank pitch`: the answers to questions that want a pitch, not a story.

"Tell me about yourself", "why product ops", "where do you see yourself" are answered from
your pitch; "why us" from the company's own note. `ask` quotes the part a question asks
for and names the story to use as evidence. The pitch travels in the YAML (`pitch:`, and
`why_us:` on a company) like everything else.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storybank.model import Pitch
    from storybank.store import Store

PARTS: dict[str, str] = {
    "arc": "arc",
    "why-this-work": "why_this_work",
    "future": "future",
    "strengths": "strengths",
    "questions": "questions",
    "why-us": "why_us",
}
"""The part names the CLI takes, and the field each is kept in (why-us: a company's)."""


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    pitch = sub.add_parser(
        "pitch",
        parents=[common],
        help="show or write your pitch (tell me about yourself, why this work, why us)",
        description=(
            "Without arguments, show your pitch. `pitch set PART TEXT` writes one part "
            "(TEXT - reads it from stdin); `pitch clear PART` empties it. Parts: "
            + ", ".join(PARTS)
            + " (why-us needs --company ID after the text)."
        ),
    )
    pitch.add_argument("action", nargs="?", choices=["show", "set", "clear"], default="show")
    pitch.add_argument("part", nargs="?", choices=list(PARTS), metavar="PART")
    pitch.add_argument("text", nargs="?", metavar="TEXT", help="the text, or - for stdin")
    pitch.add_argument("--company", metavar="ID", help="the company a why-us note is for")
    pitch.set_defaults(handler=run_pitch)


def _store(args: argparse.Namespace) -> Store:
    from storybank.store import Store

    return Store.open(getattr(args, "db", None))


def run_pitch(args: argparse.Namespace) -> int:
    from storybank.errors import StoryBankError

    store = _store(args)
    if args.action == "show":
        if args.part or args.text:
            raise StoryBankError("show takes no part: storybank pitch, or storybank pitch set PART")
        _show(store)
        return 0
    if not args.part:
        raise StoryBankError(f"say which part to {args.action}: one of {', '.join(PARTS)}")
    if args.action == "set":
        if args.text is None:
            raise StoryBankError("give the text: storybank pitch set PART 'TEXT' (or - for stdin)")
        text = sys.stdin.read() if args.text == "-" else args.text
    else:
        if args.text is not None:
            raise StoryBankError("clear takes no text: storybank pitch clear PART")
        text = ""
    text = text.strip()
    if args.action == "set" and not text:
        raise StoryBankError("the text is empty: use `storybank pitch clear PART` to empty it")
    _check_text(text)
    if args.part == "why-us":
        _set_why_us(store, args.company, text)
    else:
        if args.company:
            raise StoryBankError("--company goes with why-us only")
        pitch = store.pitch()
        store.set_pitch(pitch.replace(**{PARTS[args.part]: text}), expect=pitch)
        print(f"{'Saved' if text else 'Cleared'} your {args.part.replace('-', ' ')}.")
    return 0


def _check_text(text: str) -> None:
    """The same rules as text in a YAML file (no control or invisible characters)."""
    from storybank.errors import StoryBankError
    from storybank.validate import validate_bank_data

    _, problems = validate_bank_data({"version": 1, "pitch": {"arc": text}})
    if problems:
        raise StoryBankError(problems[0].message.replace("'arc' of the pitch", "the text"))


def _set_why_us(store: Store, company_id: str | None, text: str) -> None:
    from storybank.cli.quality_cmds import find_company
    from storybank.errors import StoryBankError
    from storybank.safetext import clean_line
    from storybank.store import record_version

    if not company_id:
        raise StoryBankError(
            "a why-us note is for one company: storybank pitch set why-us 'TEXT' --company ID"
        )
    company = find_company(store.bank(), company_id)
    store.upsert_company(company.replace(why_us=text), expect={company.id: record_version(company)})
    print(f"{'Saved' if text else 'Cleared'} your why-us note for {clean_line(company.name)}.")


def _show(store: Store) -> None:
    from storybank.safetext import clean, clean_line

    bank = store.bank()
    pitch: Pitch = bank.pitch
    lines: list[str] = []
    for part, field in PARTS.items():
        if part == "why-us":
            continue
        text = getattr(pitch, field).strip()
        lines.append(f"{part}:")
        lines += [f"  {line}" for line in clean(text).splitlines()] if text else ["  (not written)"]
    notes = [(c, c.why_us.strip()) for c in bank.companies]
    lines.append("why-us:")
    if not notes:
        lines.append("  (no companies yet)")
    for company, note in notes:
        said = clean_line(note) if note else "(not written)"
        lines.append(f"  {clean_line(company.id)}: {said}")
    if pitch.is_empty():
        lines += ["", "Write a part: storybank pitch set arc 'I run product ops at ...'"]
    print("\n".join(lines))
