"""Pick a colour theme: previewed as you move, applied on enter, reverted on escape."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from storybank.tui.screens import OwnStylesheets

OWN_PREFIX = "storybank-"


class ThemePickerScreen(OwnStylesheets, ModalScreen[str | None]):
    """storybank's themes first, then Textual's and the user's; the choice is remembered."""

    STYLESHEETS = ("dialogs.tcss",)

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("j", "app.cursor('down')", "Down", show=False),
        Binding("k", "app.cursor('up')", "Up", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._original = ""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog theme-dialog"):
            yield Static(Content.styled("Choose a theme", "bold"), classes="dialog-title")
            yield OptionList(id="theme-list")
            yield Static(Content("enter applies · escape cancels"), classes="dialog-detail")
        yield Footer()  # this dialog's keys, not those of the screen underneath

    def on_mount(self) -> None:
        self._original = self.app.theme
        names = sorted(self.app.available_themes, key=lambda n: (not n.startswith(OWN_PREFIX), n))
        option_list = self.query_one("#theme-list", OptionList)
        # Theme names come from files users may write, so they are never parsed as markup.
        option_list.add_options(Option(Content(name), id=name) for name in names)
        if self._original in names:
            option_list.highlighted = names.index(self._original)
        option_list.focus()

    @on(OptionList.OptionHighlighted, "#theme-list")
    def _preview(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id:
            self.app.theme = event.option.id

    @on(OptionList.OptionSelected, "#theme-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.app.theme = event.option.id
            self.app.remember_theme(event.option.id)  # type: ignore[attr-defined]
            self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.app.theme = self._original
        self.dismiss(None)
