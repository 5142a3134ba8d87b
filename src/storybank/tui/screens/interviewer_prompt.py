"""Ask who the next interviewer is, and the round; dismisses with (name, round) or None."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Static


class InterviewerPromptScreen(ModalScreen[tuple[str, str | None] | None]):
    """Two fields: the interviewer's name (required) and the round (optional free text)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(
                Content.styled("Who is your next interviewer?", "bold"), classes="dialog-title"
            )
            yield Input(placeholder="Name, e.g. J. Park", id="interviewer-name")
            yield Input(
                placeholder="Round (optional): behavioral, case, panel, hiring manager...",
                id="interviewer-round",
            )
            yield Static("", id="interviewer-problem", classes="field-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Show", id="ok", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#interviewer-name", Input).focus()

    def _submit(self) -> None:
        from storybank.loop.ledger import normalise_interviewer, normalise_round

        name = normalise_interviewer(self.query_one("#interviewer-name", Input).value)
        if name is None:
            self.query_one("#interviewer-problem", Static).update(
                Content("Type the interviewer's name.")
            )
            self.query_one("#interviewer-name", Input).focus()
            return
        round_name = normalise_round(self.query_one("#interviewer-round", Input).value)
        self.dismiss((name, round_name))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "interviewer-name":
            self.query_one("#interviewer-round", Input).focus()
        else:
            self._submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "ok":
            self._submit()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
