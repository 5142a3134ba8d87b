"""Errors that reach the user as clear one-line messages, never as tracebacks."""

from __future__ import annotations

from storybank.record import FrozenRecord


class Problem(FrozenRecord):
    """One thing wrong with user input, with its 1-based position when known.

    Immutable and hashable. A record rather than a dataclass: this module is on every
    command's start-up path, and `dataclasses` costs more to import than the rest of
    `storybank ask` (see `storybank.record`).
    """

    __slots__ = ("message", "line", "column", "path")  # noqa: RUF023 - constructor order

    message: str
    line: int | None
    column: int | None
    path: tuple[str | int, ...]
    """Where in the data: ("stories", 0, "title"); empty for the whole file."""

    def __init__(
        self,
        message: str,
        line: int | None = None,
        column: int | None = None,
        path: tuple[str | int, ...] = (),
    ) -> None:
        self._init("message", message)
        self._init("line", line)
        self._init("column", column)
        self._init("path", tuple(path))

    def format(self, filename: str | None = None) -> str:
        """`FILE:LINE:COLUMN: message`, dropping the parts that are unknown."""
        where = [filename] if filename else []
        if self.line is not None:
            where.append(str(self.line))
            if self.column is not None:
                where.append(str(self.column))
        prefix = ":".join(where)
        return f"{prefix}: {self.message}" if prefix else self.message


class StoryBankError(Exception):
    """A failure the user can act on; its text is printed as is, one line per line."""


class InputError(StoryBankError):
    """Bad user input (a YAML file, a form): every problem found, not just the first."""

    def __init__(self, problems: list[Problem], filename: str | None = None) -> None:
        self.problems = list(problems)
        self.filename = filename
        super().__init__("\n".join(p.format(filename) for p in self.problems))


class DatabaseError(StoryBankError):
    """The database file cannot be used (unreadable, corrupt, locked too long)."""


class NotFoundError(StoryBankError):
    """A story, company or backup named by the user does not exist."""


MAX_ERROR_LINES = 50
"""A file with thousands of problems shows the first ones and a count, not a flood."""


def error_lines(exc: StoryBankError) -> list[str]:
    """The lines the CLI prints for an error, so the TUI can show them exactly the same.

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
