"""Asking before a delete: on a terminal a y/N question, elsewhere only with --yes.

Shared by `storybank delete` and `storybank company delete`; not a command module.
"""

from __future__ import annotations

import sys

from storybank.errors import StoryBankError

YES_ANSWERS = frozenset(("y", "yes"))


class NotConfirmedError(StoryBankError):
    """The user answered no (or nothing): nothing was deleted."""


def confirm_delete(question: str, *, yes: bool, again: str) -> None:
    """Return when the delete may go ahead; raise StoryBankError when it may not.

    `yes` is the command's --yes. Without it, a terminal is asked `question [y/N]` (on
    stderr, so the question shows even when stdout is piped); without a terminal the
    command refuses, naming `again` (the same command with --yes) in one line.
    """
    if yes:
        return
    stdin = sys.stdin
    if stdin is None or not stdin.isatty():
        raise StoryBankError(
            f"not deleting without a confirmation (no terminal to ask on): run `{again}`"
        )
    sys.stderr.write(f"{question} [y/N] ")
    sys.stderr.flush()
    answer = stdin.readline()
    if not answer.endswith("\n"):
        sys.stderr.write("\n")  # end of input: put the next line on a line of its own
    if answer.strip().casefold() not in YES_ANSWERS:
        raise NotConfirmedError("not deleted; nothing changed")
