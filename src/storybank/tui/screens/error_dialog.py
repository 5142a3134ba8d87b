"""Show an error's text exactly as the CLI prints it, in a scrollable modal."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Static

from storybank.tui.literal import literal
from storybank.tui.screens import OwnStylesheets


class ErrorDialog(OwnStylesheets, ModalScreen[None]):
    """An import (or export) error: every problem line, selectable, nothing else changed."""

    STYLESHEETS = ("dialogs.tcss",)

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("enter", "close", "Close", show=False),
    ]

    def __init__(self, title: str, message: str) -> None:
        super().__init__()
        self.title_text = title
        self.message = message
        """The error text: file names and messages come from user input, so shown literally."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog error-dialog"):
            yield Static(Content.styled(self.title_text, "bold $error"), classes="dialog-title")
            with VerticalScroll(classes="error-lines"):
                yield Static(literal(self.message), id="error-message")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Close", id="close", variant="primary")
        yield Footer()  # this dialog's keys, not those of the screen underneath

    def on_mount(self) -> None:
        self.query_one("#close", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
