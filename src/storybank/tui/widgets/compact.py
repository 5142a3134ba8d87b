"""Compact (borderless) form controls, so a whole story form stays usable at 80x24."""

from __future__ import annotations

from typing import Any

from textual.events import Blur
from textual.widgets import Button, Input


class FormInput(Input):
    """An Input that shows the start of its text again once focus moves on.

    Focus selects the whole value and scrolls to its end; without this a form read
    after tabbing through it shows every long field from the middle.
    """

    def on_blur(self, event: Blur) -> None:
        self.cursor_position = 0


def compact_input(value: str = "", **kwargs: Any) -> Input:
    return FormInput(value, compact=True, **kwargs)


def compact_button(label: str, **kwargs: Any) -> Button:
    return Button(label, compact=True, **kwargs)
