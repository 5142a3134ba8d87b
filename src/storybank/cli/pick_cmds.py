"""`storybank pick` and `storybank picks`: tell the advisor which story you would tell.

A pick is kept in the bank (and exported with it): the next time a similar question is
asked, in `ask`, the Ask screen or Practice, that story comes first and `why` says "you
chose it for '...'". `storybank picks` lists them, newest first; `picks forget N` undoes one.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storybank.model import Pick
    from storybank.store import Store


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    pick = sub.add_parser(
        "pick",
        parents=[common],
        help="choose the story to tell for a question (the advisor prefers it next time)",
        description=(
            "Remember that you would tell STORY for QUESTION. Similar questions then put "
            "that story first, saying why; undo with `storybank picks forget N`."
        ),
    )
    pick.add_argument("story", metavar="STORY", help="the id of the story")
    pick.add_argument("question", metavar="QUESTION", help="the question, in quotes")
    pick.set_defaults(handler=run_pick)

    picks = sub.add_parser(
        "picks",
        parents=[common],
        help="list the stories you chose for questions, or forget one",
        description="List your story choices, newest first; `picks forget N` undoes one.",
    )
    picks.add_argument(
        "action", nargs="?", choices=["list", "forget"], default="list", help="list or forget"
    )
    picks.add_argument("number", nargs="?", type=int, metavar="N", help="the choice to forget")
    picks.add_argument("--json", action="store_true", help="print the list as JSON")
    picks.set_defaults(handler=run_picks)


def _store(args: argparse.Namespace) -> Store:
    from storybank.store import Store

    return Store.open(getattr(args, "db", None))


def run_pick(args: argparse.Namespace) -> int:
    from datetime import UTC, datetime

    from storybank.errors import NotFoundError, StoryBankError
    from storybank.model import Pick
    from storybank.safetext import clean_line

    question = " ".join(args.question.split())
    if not any(ch.isalnum() for ch in question):
        raise StoryBankError("the question has no words: pass the question text in quotes")
    store = _store(args)
    bank = store.bank()
    if bank.story(args.story) is None:
        known = ", ".join(s.id for s in bank.stories[:8]) or "none yet"
        raise NotFoundError(f"no story {clean_line(args.story)!r} (stories: {known})")
    at = datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    store.add_pick(Pick(question=question, story=args.story, at=at, source="cli"))
    count = len(store.picks())
    print(
        f"Noted: for questions like '{clean_line(question)}', {args.story} comes first.\n"
        f"Undo: storybank picks forget {count}"
    )
    return 0


def _numbered(picks: list[Pick]) -> list[tuple[int, Pick]]:
    """Each choice with its number (1 = oldest, as `forget N` takes it), newest first."""
    return list(reversed(list(enumerate(picks, start=1))))


def run_picks(args: argparse.Namespace) -> int:
    from storybank.errors import StoryBankError
    from storybank.safetext import clean_line

    store = _store(args)
    picks = store.picks()
    if args.action == "forget":
        if args.number is None:
            raise StoryBankError("say which choice to forget: storybank picks forget N")
        if not 1 <= args.number <= len(picks):
            raise StoryBankError(
                f"there is no choice {args.number}: `storybank picks` lists "
                f"{len(picks)} (numbers 1-{len(picks)})"
                if picks
                else "there are no story choices to forget"
            )
        pick = picks[args.number - 1]
        store.forget_pick(pick)
        print(f"Forgot choice {args.number}: {pick.story} for '{clean_line(pick.question)}'.")
        return 0
    if args.number is not None:
        raise StoryBankError("a number goes with forget: storybank picks forget N")
    if args.json:
        rows = [{"number": n, **p.to_dict()} for n, p in _numbered(picks)]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not picks:
        print(
            'No story choices yet. Choose one with `storybank pick STORY "QUESTION"`, '
            "or with the Ask screen's `u` key."
        )
        return 0
    for number, pick in _numbered(picks):
        sys.stdout.write(
            f"{number:>3}  {pick.at[:10]}  {pick.story}  <- '{clean_line(pick.question)}'"
            f" ({pick.source})\n"
        )
    return 0
