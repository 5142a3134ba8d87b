"""Errors that reach the user as clear one-line messages, never as tracebacks."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with user input, with its 1-based position when known."""

    message: str
    line: int | None = None
    column: int | None = None
    path: tuple[str | int, ...] = field(default=())
    """Where in the data: ("stories", 0, "title"); empty for the whole file."""

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
