"""Drill: spaced recall of the stories' facts, one card at a time.

Type (or say) the answer, Enter reveals the real one, 1-4 grades it (Again, Hard,
Good, Easy) and the grade is stored at once through the store. The company picker
puts the stories that company's loop needs first. The schedule is FSRS
(`storybank.recall`), imported when this screen first opens.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Input, Select, Static

from storybank.tui import target
from storybank.tui.literal import join, literal, literal_line
from storybank.tui.messages import BankChanged, TargetChanged
from storybank.tui.screens import stylesheets
from storybank.tui.widgets.footer import FooterLine
from storybank.tui.widgets.nav_bar import NavBar

if TYPE_CHECKING:
    from storybank.model import Bank
    from storybank.recall.cards import RecallCard
    from storybank.recall.session import Clock, DrillSession

GRADES: dict[str, str] = {"1": "again", "2": "hard", "3": "good", "4": "easy"}


class DrillScreen(Screen[None]):
    """Recall the opening line, the numbers, the tradeoffs and the lesson of each story."""

    CSS_PATH: ClassVar = stylesheets("drill.tcss")
    """Read when this screen first opens (not at start-up)."""

    HELP_TITLE = "Drill"
    AUTO_FOCUS = "#drill-answer"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "reveal", "Reveal", tooltip="Show the answer"),
        Binding("1", "grade('again')", "Grade", key_display="1-4", tooltip="1 Again .. 4 Easy"),
        Binding("2", "grade('hard')", "Hard", show=False),
        Binding("3", "grade('good')", "Good", show=False),
        Binding("4", "grade('easy')", "Easy", show=False),
        Binding("ctrl+n", "skip", "Skip", tooltip="Leave this card for another session"),
        Binding(
            "ctrl+o", "focus_company", "Company", tooltip="Put a company's focus stories first"
        ),
        Binding("ctrl+r", "restart", "Restart", tooltip="Start a new session with what is due"),
        Binding("escape", "back", "Back", tooltip="Back to the story list"),
    ]

    def __init__(self, clock: Clock | None = None) -> None:
        super().__init__()
        self._clock = clock
        self.session: DrillSession | None = None
        self.card: RecallCard | None = None
        self.revealed = False
        self.shown = 0

    @property
    def bank(self) -> Bank:
        return self.app.bank  # type: ignore[attr-defined]

    def compose(self) -> ComposeResult:
        yield NavBar("drill")
        with Vertical(id="drill-body"):
            yield Select[str]([], prompt="Any company", id="drill-company")
            yield Static("", id="drill-progress")
            yield Static("", id="drill-prompt")
            yield Input(
                placeholder="Type or say your answer, then Enter to reveal", id="drill-answer"
            )
            yield Static("", id="drill-solution")
            yield Static("", id="drill-hint")
        yield FooterLine()

    def on_mount(self) -> None:
        self._fill_companies()
        self.action_restart()

    # --- session ----------------------------------------------------------------------

    def _company_id(self) -> str | None:
        value = self.query_one("#drill-company", Select).value
        return None if value is Select.NULL else str(value)

    def _fill_companies(self) -> None:
        target.fill_select(self, self.query_one("#drill-company", Select))

    def on_target_changed(self, _: TargetChanged) -> None:
        select = self.query_one("#drill-company", Select)
        if not target.shows_target(select, self.app):
            self._fill_companies()
            self.action_restart()

    def action_restart(self) -> None:
        from storybank.recall.schedule import utc_now
        from storybank.recall.session import DrillSession

        self.session = DrillSession(
            self.bank, company_id=self._company_id(), clock=self._clock or utc_now
        )
        self.shown = 0
        self._next_card()

    def _next_card(self) -> None:
        assert self.session is not None
        self.card = self.session.current()
        self.revealed = False
        answer = self.query_one("#drill-answer", Input)
        answer.value = ""
        self.query_one("#drill-solution", Static).update("")
        if self.card is None:
            self._show_done()
            return
        self.shown += 1
        total = self.shown + len(self.session.queue) - 1
        self.query_one("#drill-progress", Static).update(
            join(
                Content.styled(f"Card {self.shown} of {total} · {self.card.kind} · ", "dim"),
                literal_line(self.card.title, "bold"),
            )
        )
        self.query_one("#drill-prompt", Static).update(literal(self.card.prompt))
        self.query_one("#drill-hint", Static).update(
            Content.styled("Enter reveals the answer.", "dim")
        )
        answer.display = True
        answer.focus()
        self.refresh_bindings()

    def _show_done(self) -> None:
        from storybank.recall.schedule import due_summary

        assert self.session is not None
        summary = due_summary(self.bank, self.session.clock())
        self.query_one("#drill-progress", Static).update(
            Content.styled("Nothing left to drill right now.", "bold")
        )
        self.query_one("#drill-prompt", Static).update(
            Content(f"{self.session.summary_line()} {summary.line().capitalize()}.")
        )
        self.query_one("#drill-answer", Input).display = False
        self.query_one("#drill-hint", Static).update(
            Content.styled("ctrl+r starts again with whatever is due; escape goes back.", "dim")
        )
        self.refresh_bindings()

    # --- actions ----------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "reveal":
            return self.card is not None and not self.revealed
        if action == "grade":
            return self.card is not None and self.revealed
        if action == "skip":
            return self.card is not None
        return True

    @on(Input.Submitted, "#drill-answer")
    def _submitted(self) -> None:
        self.action_reveal()

    def action_reveal(self) -> None:
        if self.card is None or self.revealed:
            return
        self.revealed = True
        said = self.query_one("#drill-answer", Input).value.strip()
        parts: list[Content | str] = [Content.styled("Answer: ", "bold $success")]
        parts.append(literal(self.card.answer))
        if said:
            parts += ["\n", Content.styled("You said: ", "dim"), literal(said, "dim")]
        self.query_one("#drill-solution", Static).update(join(*parts))
        self.query_one("#drill-hint", Static).update(
            Content.styled("Grade it: 1 Again · 2 Hard · 3 Good · 4 Easy (ctrl+n skips)", "bold")
        )
        self.set_focus(None)  # the digits are grades now, not text
        self.refresh_bindings()

    def action_grade(self, rating: str) -> None:
        from storybank.errors import StoryBankError
        from storybank.tui.transfer import show_error

        if self.session is None or self.card is None or not self.revealed:
            return
        review = self.session.grade(rating)
        try:
            self.app.store.add_review(review)  # type: ignore[attr-defined]
        except StoryBankError as exc:
            show_error(self.app, "The grade was not saved", exc)  # type: ignore[arg-type]
            return
        self.post_message(self.Graded(review.card, rating))
        self.app.refresh_bank("graded recall card")  # type: ignore[attr-defined]
        self._next_card()

    def action_skip(self) -> None:
        if self.session is not None and self.card is not None:
            self.session.skip()
            self._next_card()

    def action_focus_company(self) -> None:
        self.query_one("#drill-company", Select).focus()

    def action_back(self) -> None:
        switch = getattr(self.app, "action_stories", None)
        if callable(switch):
            switch()
        else:
            self.dismiss()

    @on(Select.Changed, "#drill-company")
    def _company_changed(self, event: Select.Changed) -> None:
        target.picked(self, event.select)  # the target for every screen
        self.action_restart()

    def on_bank_changed(self, message: BankChanged) -> None:
        self._fill_companies()
        if message.reason != "graded recall card":
            self.action_restart()  # stories changed: their cards may have too

    class Graded(Message):
        """A card was graded (for tests and listeners): its id and the rating."""

        def __init__(self, card: str, rating: str) -> None:
            super().__init__()
            self.card = card
            self.rating = rating
