"""Messages that cross widget and screen boundaries.

Messages that belong to one widget are nested in that widget; these are the
ones several screens share. The app is the only writer of `BankChanged`: after
every write through the store it reloads `app.bank` and sends this message to
every screen on the stack, so each can redraw from the fresh snapshot.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class BankChanged(Message, bubble=False):
    """The bank was written; `app.bank` already holds the new snapshot.

    Sent by the app to each screen on the stack (it does not bubble, so a screen
    handling it cannot echo it back to the app).
    """

    reason: str = ""
    """A short description of the write (e.g. "saved story", "imported"), for logs and tests."""

    story_id: str | None = None
    """The story the write was about, when there was one, so a list can keep it selected."""


@dataclass
class StoryChosen(Message):
    """The user picked a story (in a list, the palette or a suggestion): open or select it."""

    story_id: str


@dataclass
class ThemeChanged(Message, bubble=False):
    """The user picked a theme; the app applies it and remembers it in the store settings."""

    theme: str


@dataclass
class TargetChanged(Message, bubble=False):
    """The target company changed (chosen on any screen); every screen shows the new one.

    Sent by `storybank.tui.target.choose` to every screen, the chooser's included."""

    company_id: str | None
