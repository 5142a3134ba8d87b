"""One story's cue card on one screen: how to open, the beats as short facts, the numbers
said aloud, the tradeoff.

Opened with `C` (also `c` where it is free) from wherever a story is suggested (the
story list, Ask's suggestions, the Brief's leads, Practice's answer), on the stories of
that place, so left and right move to the next suggestion's card without going back.
The card is built by `storybank.quality.cards` (the same card `storybank cards` prints).
Escape goes back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from storybank.tui.literal import join, literal_line
from storybank.tui.messages import BankChanged
from storybank.tui.screens import OwnStylesheets
from storybank.tui.widgets.badges import badges

if TYPE_CHECKING:
    from storybank.model import Story

ROW_STYLES = {"numbers": "bold", "open": "italic"}
"""The rows to stand out: the numbers are what the interviewer remembers."""


def card_widgets(card: Any, *, rounds: bool) -> list[Horizontal]:
    """The card's rows as widgets: a label column, then each fact on its own bulleted line
    (a wrapped fact stays under its own bullet, so two facts never read as one)."""
    from storybank.quality.cards import CARD_LABELS, card_rows
    from storybank.vocab import ROUNDS

    rows: list[Horizontal] = []
    for name, items in card_rows(card):
        if name in ROUNDS and not rounds:
            continue
        style = ROW_STYLES.get(name, "")
        facts = [
            Horizontal(
                Static("•", classes="card-bullet"),
                Static(literal_line(item, style), classes="card-text"),
                classes="card-fact",
            )
            for item in items
        ]
        label = Static(CARD_LABELS[name], classes="card-label")
        row = Horizontal(label, Vertical(*facts, classes="card-facts"), classes="card-row")
        if name in ROUNDS:
            row.add_class("card-round")
            if not any(r.has_class("card-round") for r in rows):
                row.add_class("card-rounds-start")  # a blank line between card and notes
        rows.append(row)
    return rows


class CardsScreen(OwnStylesheets, Screen[None]):
    """The cue card of one story among the stories it was opened on."""

    STYLESHEETS = ("cards.tcss",)

    HELP_TITLE = "Cue card"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", tooltip="Back to where the card was opened"),
        # Priority: the card scrolls only up and down, so the arrows always change story.
        Binding(
            "left", "move(-1)", "Prev", key_display="←", priority=True, tooltip="Previous story"
        ),
        Binding("right", "move(1)", "Next", key_display="→", priority=True, tooltip="Next story"),
        Binding("r", "toggle_rounds", "Rounds", tooltip="Show or hide each round's note"),
        Binding("e", "edit", "Edit", tooltip="Edit this story"),
        Binding("j", "scroll(1)", "Down", show=False, tooltip="Scroll the card down"),
        Binding("k", "scroll(-1)", "Up", show=False, tooltip="Scroll the card up"),
    ]

    def __init__(self, story_ids: list[str], start: str | None = None) -> None:
        super().__init__()
        self.story_ids = list(dict.fromkeys(story_ids))
        """The stories of the place the card was opened from, in its order."""
        self.index = self.story_ids.index(start) if start in self.story_ids else 0
        self.rounds = False
        """Whether the round notes are shown below the card."""
        self.card: Any = None
        """The card shown (a `quality.cards.CueCard`), None when the story is gone."""

    @property
    def story_id(self) -> str | None:
        return self.story_ids[self.index] if self.story_ids else None

    def _story(self) -> Story | None:
        bank = self.app.bank  # type: ignore[attr-defined]
        return bank.story(self.story_id) if self.story_id else None  # type: ignore[no-any-return]

    def compose(self) -> ComposeResult:
        with Horizontal(id="card-bar"):
            yield Static("", id="card-title")
            yield Static("", id="card-place")
        with VerticalScroll(id="card-scroll", can_focus=True):
            yield Static("", id="card-meta")
            yield Vertical(id="card-rows")
        yield Footer()

    def on_mount(self) -> None:
        self.show_card()
        self.query_one("#card-scroll").focus()

    def show_card(self) -> None:
        """Build the card of the current story and lay its rows out."""
        from storybank.quality.cards import cue_card
        from storybank.quality.textstats import format_seconds

        story = self._story()
        place = self.query_one("#card-place", Static)
        rows = self.query_one("#card-rows", Vertical)
        rows.remove_children()
        if story is None:
            self.card = None
            self.query_one("#card-title", Static).update("This story is no longer in the bank.")
            self.query_one("#card-meta", Static).update("")
            place.update("")
            self.refresh_bindings()
            return
        self.card = cue_card(story)
        count = len(self.story_ids)
        place.update(f"card {self.index + 1} of {count}" if count > 1 else "cue card")
        self.query_one("#card-title", Static).update(literal_line(story.title))
        meta: list[Content | str] = [literal_line(story.id)]
        if story.competencies:
            meta += ["  ", badges(story.competencies)]  # the list's badges: one line at 80
        meta.append(f"  about {format_seconds(self.card.spoken_seconds)} to tell")
        self.query_one("#card-meta", Static).update(join(*meta))
        rows.mount_all(card_widgets(self.card, rounds=self.rounds))
        self.query_one("#card-scroll", VerticalScroll).scroll_home(animate=False)
        self.refresh_bindings()

    def on_bank_changed(self, _: BankChanged) -> None:
        bank = self.app.bank  # type: ignore[attr-defined]
        current = self.story_id
        self.story_ids = [i for i in self.story_ids if bank.story(i) is not None] or self.story_ids
        if current in self.story_ids:
            self.index = self.story_ids.index(current)
        self.index = min(self.index, max(0, len(self.story_ids) - 1))
        self.show_card()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "move":
            return len(self.story_ids) > 1
        if action in ("edit", "toggle_rounds"):
            return self.card is not None
        return True

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_move(self, step: int) -> None:
        if len(self.story_ids) > 1:
            self.index = (self.index + step) % len(self.story_ids)
            self.show_card()

    def action_toggle_rounds(self) -> None:
        self.rounds = not self.rounds
        self.show_card()
        if self.rounds:
            rounds = self.query(".card-round")
            if rounds:
                self.query_one("#card-scroll", VerticalScroll).scroll_to_widget(
                    rounds.first(), animate=False
                )

    def action_edit(self) -> None:
        open_editor = getattr(self.app, "open_editor", None)
        if self.story_id and callable(open_editor):
            open_editor(self.story_id)

    def action_scroll(self, lines: int) -> None:
        self.query_one("#card-scroll", VerticalScroll).scroll_relative(y=lines, animate=False)
