"""A question with several named answers, as a modal that dismisses the chosen answer's key.

Used where a yes/no is not enough: unsaved changes ("save and close", "discard",
"keep editing"), quitting, renaming a story, loading the sample bank into a bank
that already holds stories, leaving the demo. Escape is always the safe answer
(None: nothing happens).
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Static


class Choice:
    """One answer: the key it dismisses with, its button label and style."""

    __slots__ = ("key", "label", "variant")

    def __init__(self, key: str, label: str, variant: str = "default") -> None:
        self.key = key
        self.label = label
        self.variant = variant
        """A Button variant: "primary" for the recommended answer, "error" for a loss."""


class ChoiceScreen(ModalScreen[str | None]):
    """Ask, offering each choice as a button; the first button has the focus."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("left", "app.focus_previous", "Previous button", show=False),
        Binding("right", "app.focus_next", "Next button", show=False),
    ]

    def __init__(self, question: Content, detail: Content | str, choices: list[Choice]) -> None:
        super().__init__()
        self.question = question
        self.detail = detail if isinstance(detail, Content) else Content(detail)
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog choice-dialog"):
            yield Static(self.question, classes="dialog-title")
            if self.detail:
                yield Static(self.detail, classes="dialog-detail")
            with Horizontal(classes="dialog-buttons"):
                for choice in self.choices:
                    yield Button(
                        choice.label,
                        id=f"choice-{choice.key}",
                        variant=choice.variant,  # type: ignore[arg-type]
                        compact=True,
                    )
        yield Footer()  # this dialog's keys, not those of the screen underneath

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        button_id = event.button.id or ""
        self.dismiss(button_id.removeprefix("choice-") or None)

    def action_cancel(self) -> None:
        self.dismiss(None)
