"""One editable metric (name, before, after, unit) with a remove button."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Button, Input

from storybank.model import Metric, Number
from storybank.safetext import clean_line
from storybank.tui.widgets.compact import compact_button, compact_input


def parse_number(text: str) -> Number | str | None:
    """Typed text to a number; anything else is passed on so validation can name the problem."""
    raw = text.strip().replace(",", "").replace("_", "")
    if not raw:
        return None
    try:
        return int(raw)
    except ValueError:
        pass
    try:
        return float(raw)
    except ValueError:
        return text.strip()


def number_text(value: Number | None) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class MetricRow(Horizontal):
    """A row of four inputs; posts `MetricRow.Removed` when its button is pressed."""

    @dataclass
    class Removed(Message):
        row: MetricRow

    def __init__(self, metric: Metric | None = None) -> None:
        super().__init__(classes="metric-row row")
        self.metric = metric or Metric(name="")

    def compose(self) -> ComposeResult:
        m = self.metric
        yield compact_input(
            clean_line(m.name), placeholder="metric, e.g. escalation time", classes="m-name"
        )
        yield compact_input(number_text(m.before), placeholder="before", classes="m-before")
        yield compact_input(number_text(m.after), placeholder="after", classes="m-after")
        yield compact_input(clean_line(m.unit), placeholder="unit", classes="m-unit")
        yield compact_button("Remove", classes="remove-row", tooltip="Remove this metric")

    def data(self) -> dict[str, Any]:
        """The row as file-format data; empty fields are left out so validation is exact."""
        out: dict[str, Any] = {"name": self.query_one(".m-name", Input).value.strip()}
        for key in ("before", "after"):
            out[key] = parse_number(self.query_one(f".m-{key}", Input).value)
        unit = self.query_one(".m-unit", Input).value.strip()
        if unit:
            out["unit"] = unit
        return out

    def is_blank(self) -> bool:
        return not any(inp.value.strip() for inp in self.query(Input))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.Removed(self))
