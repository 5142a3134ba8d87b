"""Every key that works on the current screen, and the app-wide ones."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Footer, Static

EXTRA_KEYS: tuple[tuple[str, str, str], ...] = (
    ("ctrl+p", "Command palette: every action, and jump to a story", "App"),
    ("tab / shift+tab", "Move between fields and panes", "App"),
    ("up / down", "Move in lists; scroll the detail pane", "Lists"),
    ("enter", "Open the highlighted item / press a button", "Lists"),
)


def describe_bindings(screen: Screen) -> list[tuple[str, str, str]]:
    """(keys, description, where) for every binding active on `screen`, app-wide ones last."""
    app = screen.app
    rows: dict[tuple[str, str], tuple[str, str, str]] = {}
    for key, active in screen.active_bindings.items():
        binding = active.binding
        description = binding.description or binding.tooltip or binding.action
        if binding.tooltip and binding.description and binding.tooltip != binding.description:
            # "Edit: Edit the selected story" says it twice; the tooltip alone is enough.
            first_word = binding.tooltip.split()[0].lower() if binding.tooltip.split() else ""
            if first_word == binding.description.lower():
                description = binding.tooltip
            else:
                description = f"{binding.description}: {binding.tooltip}"
        if active.node is app:
            where = "App"
        elif active.node is screen:
            where = "Screen"
        else:
            where = type(active.node).__name__
        if not active.enabled:
            description += " (not available right now)"
        display = app.get_key_display(binding) or key
        rows.setdefault((binding.action, where), (display, description, where))
    rank = {"Screen": 0, "App": 1}
    ordered = sorted(rows.values(), key=lambda row: (rank.get(row[2], 2), row[2]))
    return ordered + list(EXTRA_KEYS)


class HelpScreen(ModalScreen[None]):
    """Built from the live bindings, so it can never drift from what the keys do."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("question_mark", "close", "Close", show=False),
        Binding("q", "close", "Close", show=False),
    ]

    def __init__(self, target: Screen) -> None:
        super().__init__()
        self.target = target
        self.rows = describe_bindings(target)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog help-dialog"):
            name = getattr(self.target, "HELP_TITLE", None) or type(self.target).__name__
            name = name.removesuffix("Screen") if name.endswith("Screen") else name
            yield Static(Content.styled(f"Keys: {name}", "bold $primary"), classes="dialog-title")
            table: DataTable[Content | Text] = DataTable(id="help-table", cursor_type="row")
            # The description column takes the dialog's spare width, and a long one wraps
            # onto a second line (height=None) instead of stopping mid-word at 80 columns.
            dialog_width = min(100, self.app.size.width * 95 // 100)
            description_width = max(30, dialog_width - 6 - 26)
            table.add_column("Key", width=10)
            table.add_column("What it does", width=description_width)
            table.add_column("Where", width=8)
            for key, description, where in self.rows:
                # Rich Text (never markup-parsed) wraps to the column; Content stays one line.
                table.add_row(Content(key), Text(description), Content(where), height=None)
            yield table
            yield Static(Content("escape closes this help"), classes="dialog-detail")
        yield Footer()  # this dialog's keys, not those of the screen underneath

    def action_close(self) -> None:
        self.dismiss(None)
