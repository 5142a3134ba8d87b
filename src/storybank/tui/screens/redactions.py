"""Edit the redaction list: each real name and the stand-in a shared export uses.

Suggestions (capitalised words found in several stories, and the target companies)
are one Enter away from the name field. Every change is written at once through the
store; `storybank export --redact FILE` (or the CLI's lint) uses the list.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from storybank.tui.literal import join, literal_line
from storybank.tui.messages import BankChanged
from storybank.tui.screens import OwnStylesheets

if TYPE_CHECKING:
    from storybank.model import Redaction


class RedactionsScreen(OwnStylesheets, ModalScreen[None]):
    """The names a redacted export hides, with suggestions; escape closes."""

    STYLESHEETS = ("redactions.tcss",)

    HELP_TITLE = "Redactions"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("delete", "remove", "Remove", tooltip="Remove the highlighted name"),
        Binding("ctrl+n", "focus_name", "New name", tooltip="Type a name and its stand-in"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="redactions-dialog"):
            yield Static(
                Content.styled("Redactions: names a shared export replaces", "bold"),
                classes="dialog-title",
            )
            yield OptionList(id="redaction-list")
            with Horizontal(id="redaction-fields"):
                yield Input(placeholder="Name (e.g. Northwind)", id="redaction-name")
                yield Input(
                    placeholder="Stand-in (e.g. a Series C analytics company)", id="redaction-as"
                )
            yield Static("", id="redaction-problem", classes="field-error")
            yield Static(Content.styled("Suggestions (Enter to use):", "dim"))
            yield OptionList(id="redaction-suggestions")
        yield Footer()

    def on_mount(self) -> None:
        self._fill()
        self.query_one("#redaction-name", Input).focus()

    @property
    def redactions(self) -> list[Redaction]:
        return list(self.app.bank.redactions)  # type: ignore[attr-defined]

    def _fill(self) -> None:
        from storybank.redact import suggestions

        listed = self.query_one("#redaction-list", OptionList)
        listed.clear_options()
        if self.redactions:
            listed.add_options(
                Option(
                    join(literal_line(r.name, "bold"), "  ->  ", literal_line(r.stand_in)),
                    id=str(i),
                )
                for i, r in enumerate(self.redactions)
            )
        else:
            listed.add_option(Option(Content.styled("No names yet.", "dim"), disabled=True))
        found = self.query_one("#redaction-suggestions", OptionList)
        found.clear_options()
        for item in suggestions(self.app.bank):  # type: ignore[attr-defined]
            where = f"  in {len(item.stories)} stories" if item.stories else "  target company"
            found.add_option(
                Option(join(literal_line(item.name), Content.styled(where, "dim")), id=item.name)
            )

    def _save(self, redactions: list[Redaction]) -> bool:
        from storybank.errors import StoryBankError
        from storybank.tui.transfer import show_error

        try:
            self.app.store.set_redactions(redactions)  # type: ignore[attr-defined]
        except StoryBankError as exc:
            show_error(self.app, "The redaction list was not saved", exc)  # type: ignore[arg-type]
            return False
        self.app.refresh_bank("redactions")  # type: ignore[attr-defined]
        return True

    @on(Input.Submitted, "#redaction-name")
    def _name_done(self) -> None:
        self.query_one("#redaction-as", Input).focus()

    @on(Input.Submitted, "#redaction-as")
    def _add(self) -> None:
        from storybank.model import Redaction

        name_input = self.query_one("#redaction-name", Input)
        as_input = self.query_one("#redaction-as", Input)
        name = " ".join(name_input.value.split())
        stand_in = " ".join(as_input.value.split())
        problem = self.query_one("#redaction-problem", Static)
        if not name or not stand_in:
            problem.update(Content("Give both the name and its stand-in."))
            return
        if name.casefold() in stand_in.casefold():
            problem.update(Content("The stand-in must not contain the name it hides."))
            return
        items = [r for r in self.redactions if r.name.casefold() != name.casefold()]
        items.append(Redaction(name, stand_in))
        if self._save(items):
            problem.update("")
            name_input.value = ""
            as_input.value = ""
            name_input.focus()

    @on(OptionList.OptionSelected, "#redaction-suggestions")
    def _use_suggestion(self, event: OptionList.OptionSelected) -> None:
        self.query_one("#redaction-name", Input).value = event.option.id or ""
        self.query_one("#redaction-as", Input).focus()

    @on(OptionList.OptionSelected, "#redaction-list")
    def _edit_listed(self, event: OptionList.OptionSelected) -> None:
        index = int(event.option.id or 0)
        item = self.redactions[index]
        self.query_one("#redaction-name", Input).value = item.name
        self.query_one("#redaction-as", Input).value = item.stand_in
        self.query_one("#redaction-as", Input).focus()

    def action_remove(self) -> None:
        listed = self.query_one("#redaction-list", OptionList)
        if listed.highlighted is None or not self.redactions:
            return
        items = self.redactions
        del items[listed.highlighted]
        self._save(items)

    def action_focus_name(self) -> None:
        self.query_one("#redaction-name", Input).focus()

    def action_close(self) -> None:
        self.dismiss(None)

    def on_bank_changed(self, message: BankChanged) -> None:
        self._fill()
