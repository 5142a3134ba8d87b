"""One editable tradeoff (chose, over, because) with a remove button."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Button, Input

from storybank.model import Tradeoff
from storybank.safetext import clean_line
from storybank.tui.widgets.compact import compact_button, compact_input


class TradeoffRow(Horizontal):
    """What was chosen, over what, and why; posts `TradeoffRow.Removed` on remove."""

    @dataclass
    class Removed(Message):
        row: TradeoffRow

    def __init__(self, tradeoff: Tradeoff | None = None) -> None:
        super().__init__(classes="tradeoff-row row")
        self.tradeoff = tradeoff or Tradeoff(chose="")

    def compose(self) -> ComposeResult:
        t = self.tradeoff
        yield compact_input(clean_line(t.chose), placeholder="chose", classes="t-chose")
        yield compact_input(clean_line(t.over), placeholder="over", classes="t-over")
        yield compact_input(clean_line(t.because), placeholder="because", classes="t-because")
        yield compact_button("Remove", classes="remove-row", tooltip="Remove this tradeoff")

    def data(self) -> dict[str, Any]:
        return {
            key: self.query_one(f".t-{key}", Input).value.strip()
            for key in ("chose", "over", "because")
        }

    def is_blank(self) -> bool:
        return not any(inp.value.strip() for inp in self.query(Input))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.Removed(self))
