"""First run with an empty bank: load the sample bank or start empty."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Static

from storybank.tui.screens import OwnStylesheets
from storybank.tui.widgets.footer import FooterLine

if TYPE_CHECKING:
    from storybank.tui.app import StorybankApp

WELCOME_TITLE = "Welcome to storybank"
PITCH = (
    "Keep 5 to 7 core career stories, each with numbers and tradeoffs, and reuse them "
    "across behavioral, case and panel rounds."
)
BEATS_LINE_1 = "Every story is told in six beats: context, constraint, decision,"
BEATS_LINE_2 = "execution, result, what changed after; numbers before -> after."


class WelcomeScreen(OwnStylesheets, Screen[None]):
    """Shown over the empty story list; either choice lands on the list."""

    STYLESHEETS = ("welcome.tcss",)

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("l", "load_sample", "Load sample bank"),
        Binding("e", "start_empty", "Start empty"),
        Binding("escape", "start_empty", "Start empty", show=False),
    ]

    @property
    def storybank(self) -> StorybankApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        with Center(id="welcome-center"), Vertical(id="welcome-box"):
            yield Static(Content.styled(WELCOME_TITLE, "bold $primary"), id="welcome-title")
            yield Static(Content(PITCH), classes="welcome-text")
            yield Static(
                Content.assemble((BEATS_LINE_1, "bold"), "\n", (BEATS_LINE_2, "bold")),
                id="welcome-beats",
            )
            yield Static(
                Content(
                    "Explore with six sample stories, three companies and 150+ practice "
                    "questions, or start with your own."
                ),
                classes="welcome-text",
            )
            with Horizontal(id="welcome-buttons"):
                yield Button("Load the sample bank", id="load-sample", variant="primary")
                yield Button("Start empty", id="start-empty")
        yield FooterLine()

    def on_mount(self) -> None:
        self.query_one("#load-sample", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "load-sample":
            self.action_load_sample()
        else:
            self.action_start_empty()

    def action_load_sample(self) -> None:
        from storybank.tui.transfer import load_sample_bank

        self.dismiss()
        load_sample_bank(self.storybank)

    def action_start_empty(self) -> None:
        self.dismiss()
        self.storybank.notify(
            "Press n to write your first story; ctrl+p lists every action.", markup=False
        )
