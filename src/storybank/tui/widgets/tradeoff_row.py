"""One editable tradeoff (chose, over, because) with a remove button.

Each part has its own labelled line across the form's width, and the reason wraps, so
none is cut off (three inputs side by side showed a third of the form each).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Input, Label, TextArea

from storybank.model import Tradeoff
from storybank.safetext import clean_line
from storybank.tui.widgets.compact import compact_button, compact_input


class TradeoffRow(Vertical):
    """What was chosen, over what, and why; posts `TradeoffRow.Removed` on remove."""

    @dataclass
    class Removed(Message):
        row: TradeoffRow

    def __init__(self, tradeoff: Tradeoff | None = None) -> None:
        super().__init__(classes="tradeoff-row row")
        self.tradeoff = tradeoff or Tradeoff(chose="")

    def compose(self) -> ComposeResult:
        t = self.tradeoff
        with Horizontal(classes="t-line"):
            yield Label("Chose", classes="t-label")
            yield compact_input(
                clean_line(t.chose), placeholder="what you chose", classes="t-chose"
            )
            yield compact_button("Remove", classes="remove-row", tooltip="Remove this tradeoff")
        with Horizontal(classes="t-line"):
            yield Label("Over", classes="t-label")
            yield compact_input(
                clean_line(t.over), placeholder="the option you turned down", classes="t-over"
            )
        with Horizontal(classes="t-line"):
            yield Label("Because", classes="t-label")
            yield TextArea(
                clean_line(t.because),
                soft_wrap=True,
                compact=True,
                placeholder="why, given the constraint",
                classes="t-because",
            )

    def data(self) -> dict[str, Any]:
        return {
            "chose": self.query_one(".t-chose", Input).value.strip(),
            "over": self.query_one(".t-over", Input).value.strip(),
            "because": " ".join(self.query_one(".t-because", TextArea).text.split()),
        }

    def is_blank(self) -> bool:
        return not (
            any(inp.value.strip() for inp in self.query(Input))
            or self.query_one(".t-because", TextArea).text.strip()
        )

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.Removed(self))
