"""Your pitch: the answers to questions that want a pitch, not a story.

"Tell me about yourself", "why product ops", "where do you see yourself" are answered from
these parts; the Ask screen quotes the part a question asks for, with the story to use as
evidence. A company's "why us" note is in the company editor. Saving never overwrites a
pitch changed elsewhere since this screen opened (`Store.set_pitch(expect=...)`).
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Label, Static, TextArea

from storybank import schema
from storybank.model import Pitch
from storybank.safetext import clean
from storybank.tui.screens import OwnStylesheets

HINTS: dict[str, str] = {
    "arc": "60-90 seconds: what you do now, what you did before, why this role",
    "why_this_work": "what product ops means to you and why you want more of it",
    "future": "where this role leads for you",
    "strengths": "a strength and a weakness, each with the story that shows it",
    "questions": "the questions you will ask them",
}
"""A placeholder per part (the labels themselves come from the schema)."""


class PitchScreen(OwnStylesheets, ModalScreen[Pitch | None]):
    """Edit the five parts of the pitch; ctrl+s saves, escape closes (twice if unsaved)."""

    STYLESHEETS = ("pitch.tcss",)

    HELP_TITLE = "Your pitch"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "cancel", "Close"),
    ]

    def __init__(self, pitch: Pitch) -> None:
        super().__init__()
        self.pitch = pitch
        """The pitch as read when the screen opened (the base a save is checked against)."""
        self._confirm_discard = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="pitch-dialog"):
            yield Static(
                Content.styled(
                    "Your pitch: what a 'tell me about yourself' is answered from", "bold"
                ),
                classes="dialog-title",
            )
            with VerticalScroll(id="pitch-form"):
                for field in schema.PITCH:
                    yield Label(field.label, classes="pitch-label")
                    yield TextArea(
                        clean(getattr(self.pitch, field.name)),
                        id=f"pitch-{field.name}",
                        soft_wrap=True,
                        compact=True,
                        placeholder=HINTS.get(field.name, ""),
                    )
            yield Static(
                Content.styled("A company's 'why us' note is in the company editor.", "dim")
            )
            yield Static(id="pitch-problems")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancel", id="cancel", compact=True)
                yield Button("Save (ctrl+s)", id="save", variant="primary", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(f"#pitch-{schema.PITCH[0].name}", TextArea).focus()

    def form_pitch(self) -> Pitch:
        """What the form holds now (each part trimmed at its ends)."""
        return Pitch(
            **{
                field.name: self.query_one(f"#pitch-{field.name}", TextArea).text.strip()
                for field in schema.PITCH
            }
        )

    def has_unsaved_changes(self) -> bool:
        """For the app's quit guard."""
        return self.form_pitch() != self.pitch

    def action_save(self) -> None:
        from storybank.errors import StoryBankError
        from storybank.tui.literal import literal
        from storybank.validate import validate_bank_data

        pitch = self.form_pitch()
        problems = self.query_one("#pitch-problems", Static)
        labels = schema.labels(schema.PITCH)
        _, found = validate_bank_data({"version": 1, "pitch": pitch.to_dict()})
        if found:
            lines = [
                f"{labels.get(str(p.path[1]), 'Pitch') if len(p.path) > 1 else 'Pitch'}: "
                f"{p.message}"
                for p in found
            ]
            problems.update(literal("\n".join(lines)))
            problems.add_class("-shown")
            return
        try:
            self.app.store.set_pitch(pitch, expect=self.pitch)  # type: ignore[attr-defined]
        except StoryBankError as error:
            from storybank.tui.transfer import show_error

            show_error(self.app, "Your pitch was not saved", error)  # type: ignore[arg-type]
            return
        self.app.refresh_bank("pitch")  # type: ignore[attr-defined]
        self.notify("Your pitch is saved.", markup=False)
        self.dismiss(pitch)

    def action_cancel(self) -> None:
        if self.has_unsaved_changes() and not self._confirm_discard:
            self._confirm_discard = True
            self.notify(
                "Unsaved changes: press escape again to discard them, ctrl+s to save.",
                severity="warning",
                markup=False,
            )
            return
        self.dismiss(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        elif event.button.id == "cancel":
            self.action_cancel()
