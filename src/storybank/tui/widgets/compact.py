"""Compact (borderless) form controls, so a whole story form stays usable at 80x24."""

from __future__ import annotations

from typing import Any

from textual.widgets import Button, Input


def compact_input(value: str = "", **kwargs: Any) -> Input:
    return Input(value, compact=True, **kwargs)


def compact_button(label: str, **kwargs: Any) -> Button:
    return Button(label, compact=True, **kwargs)
