"""Ask for a file path (import or export); dismisses with the path or None."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Static

from storybank.tui.literal import literal_line


class PathPromptScreen(ModalScreen[str | None]):
    """A one-field dialog: `~` is expanded, and an import path must exist."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, *, must_exist: bool = False, suggestion: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.must_exist = must_exist
        self.suggestion = suggestion

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content.styled(self.title_text, "bold"), classes="dialog-title")
            yield Input(value=self.suggestion, placeholder="path/to/file.yaml", id="path")
            yield Static("", id="path-problem", classes="field-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("OK", id="ok", variant="primary")
        yield Footer()  # this dialog's keys, not those of the screen underneath

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    def _submit(self) -> None:
        value = self.query_one("#path", Input).value.strip()
        problem = self.query_one("#path-problem", Static)
        if not value:
            problem.update(Content("Type a file path."))
            return
        path = Path(value).expanduser()
        if self.must_exist and not path.is_file():
            problem.update(literal_line(f"No file at {path}"))
            return
        if not self.must_exist and path.is_dir():
            # As the CLI says it; writing would fail later with a confusing temp-file name.
            example = path / (self.suggestion or "storybank-export.yaml")
            problem.update(literal_line(f"{path} is a folder; give a file name such as {example}"))
            return
        if not self.must_exist and not path.parent.is_dir():
            problem.update(literal_line(f"No folder {path.parent}"))
            return
        self.dismiss(str(path))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "ok":
            self._submit()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
