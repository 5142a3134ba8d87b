"""Ask: paste an interview question, see which of your stories to tell and how to angle it.

The advisor answers in a few milliseconds, so it runs on the UI thread, but only
once typing pauses (a 150 ms debounce restarted on every keystroke), which keeps
typing smooth however fast the user types or pastes.

With a company chosen the answer is loop-aware (`storybank.loop.advice`): stories
already told there are marked, a fresh one of similar fit comes first, and `ctrl+r`
records the focused (or first) suggestion as told, with the round and interviewer.
Each card lists the follow-ups the interviewer is likely to ask next.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Input, Select, Static, TextArea

from storybank.model import Bank
from storybank.safetext import clean_line
from storybank.tui import target
from storybank.tui.literal import join, literal, literal_line
from storybank.tui.messages import BankChanged, TargetChanged
from storybank.tui.screens import stylesheets
from storybank.tui.widgets.nav_bar import NavBar
from storybank.tui.widgets.suggestion_card import SuggestionCard
from storybank.vocab import ROUNDS

if TYPE_CHECKING:
    from storybank.advisor.rank import BankIndex

DEBOUNCE_SECONDS = 0.15
"""Wait this long after the last keystroke before asking the advisor again."""

HINT = Content(
    "Type or paste an interview question above. The best three stories appear here, "
    "each with the beat to lead with, the opening line, the number to quote and the "
    "tradeoff to state."
)


class AskScreen(Screen[None]):
    """The live advisor: question in, top three stories with their angle out."""

    CSS_PATH: ClassVar = stylesheets("sections.tcss", "ask.tcss")
    """Read when this screen first opens (not at start-up)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+y",
            "copy_opening",
            "Copy opening",
            priority=True,
            tooltip="Copy the opening line of the focused (or first) suggestion",
        ),
        Binding("ctrl+l", "clear_question", "Clear", tooltip="Clear the question"),
        Binding(
            "ctrl+r",
            "record_told",
            "Told it",
            priority=True,
            tooltip="Record the focused (or first) suggestion as told in this company's loop",
        ),
        Binding("enter", "open_story", "Open story", tooltip="Show the focused story in the list"),
        Binding(
            "C,c",
            "cue_card",
            "Card",
            tooltip="The cue card of the focused (or first) suggestion; left/right: the others",
        ),
        Binding(
            "p",
            "pick_story",
            "Pick this",
            tooltip="Tell this story for questions like this one: it comes first next time "
            "(p again undoes)",
        ),
        Binding(
            "escape",
            "leave_question",
            "Done typing",
            tooltip="Move to the suggestions (section keys work again; escape again goes back)",
        ),
        # Away from the question box escape goes back; `a` returns to the question.
        Binding(
            "escape",
            "app.go_back",
            "Back",
            tooltip="Back to the story list (a returns to the question, as you left it)",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._debounce: Timer | None = None
        self._summary_shown: Content = HINT
        self.advice: Any = None
        """The advisor's latest answer (None until a question is typed)."""
        self.loop: Any = None
        """The latest `LoopAdvice`: the advice with follow-ups and told marks per story."""
        self._indexed: tuple[Bank, BankIndex] | None = None

    def compose(self) -> ComposeResult:
        yield NavBar("ask")
        yield Static("Ask: which story should I tell?", id="ask-title", classes="screen-title")
        question = TextArea(id="ask-question", soft_wrap=True, show_line_numbers=False)
        question.border_title = "Question"
        yield question
        with Horizontal(id="ask-options"):
            yield Select[str]([], prompt="Any company", id="ask-company")
            yield Select[str](
                [(r.capitalize(), r) for r in ROUNDS], prompt="Any round", id="ask-round"
            )
            yield Input(placeholder="Interviewer (optional)", id="ask-interviewer")
        with VerticalScroll(id="ask-results"):
            yield Static(HINT, id="ask-summary")
        yield Footer()

    def on_mount(self) -> None:
        self._fill_companies()
        self.query_one("#ask-question", TextArea).focus()

    # -- data ---------------------------------------------------------------------------

    @property
    def bank(self) -> Bank:
        return self.app.bank  # type: ignore[attr-defined,no-any-return]

    def _index(self) -> BankIndex:
        """The advisor's index of the shown bank, kept while the app shows that snapshot.

        The app never changes a bank it shows; it replaces it after every write and
        every change seen on disk. So between two replacements the index is the same,
        and each keystroke is spared looking it up by every story's content."""
        from storybank.advisor.rank import bank_index

        bank = self.bank
        if self._indexed is None or self._indexed[0] is not bank:
            self._indexed = (bank, bank_index(bank.stories))
        return self._indexed[1]

    def _fill_companies(self) -> None:
        target.fill_select(self, self.query_one("#ask-company", Select))

    def on_target_changed(self, _: TargetChanged) -> None:
        """Another screen (or this one) chose the target company: answer for it."""
        select = self.query_one("#ask-company", Select)
        if not target.shows_target(select, self.app):
            self._fill_companies()
            self.refresh_advice()

    def on_bank_changed(self, _: BankChanged) -> None:
        self._fill_companies()
        self.refresh_advice()

    def on_screen_resume(self) -> None:
        # The bank may have changed while another screen was on top.
        self._fill_companies()
        self.refresh_advice()

    # -- input --------------------------------------------------------------------------

    @on(TextArea.Changed, "#ask-question")
    def _question_changed(self) -> None:
        if self._debounce is not None:
            self._debounce.stop()
        self._debounce = self.set_timer(DEBOUNCE_SECONDS, self._debounced_refresh)

    def _debounced_refresh(self) -> None:
        self._debounce = None  # fired: nothing to stop
        self.refresh_advice()

    @on(Select.Changed)
    def _option_changed(self, event: Select.Changed) -> None:
        if event.select.id == "ask-company":
            target.picked(self, event.select)
        self.refresh_advice()

    @on(Input.Changed, "#ask-interviewer")
    def _interviewer_changed(self) -> None:
        self._question_changed()

    @property
    def interviewer(self) -> str | None:
        from storybank.loop.ledger import normalise_interviewer

        return normalise_interviewer(self.query_one("#ask-interviewer", Input).value)

    @property
    def question(self) -> str:
        return self.query_one("#ask-question", TextArea).text

    def _selected(self, selector: str) -> str | None:
        value = self.query_one(selector, Select).value
        return None if value is Select.NULL else str(value)

    def refresh_advice(self) -> None:
        """Ask the advisor about the current question and redraw the suggestions."""
        from storybank.loop.advice import loop_advice

        if self._debounce is not None:  # this refresh answers the question as typed so
            self._debounce.stop()  # far: the pending one would only repeat it
            self._debounce = None
        results = self.query_one("#ask-results", VerticalScroll)
        summary = self.query_one("#ask-summary", Static)
        question = self.question.strip()
        if not question:
            self.advice = None
            results.remove_children(SuggestionCard)
            summary.update(HINT)
            self._summary_shown = HINT
            return
        company_id = self._selected("#ask-company")
        company = self.bank.company(company_id) if company_id else None
        self.loop = loop_advice(
            question,
            self.bank,
            company=company,
            round=self._selected("#ask-round"),
            top=3,
            interviewer=self.interviewer,
            index=self._index(),
        )
        self.advice = self.loop.advice
        text = self._summary(self.advice)
        if text != self._summary_shown:  # unchanged text: no relayout for this keystroke
            self._summary_shown = text
            summary.update(text)
        # Cards are updated in place (a keystroke must cost well under a frame); only a
        # change in how many suggestions there are mounts or removes widgets.
        cards = list(results.query(SuggestionCard))
        suggestions = self.advice.suggestions
        weak = self.advice.weak_match
        probes, told = self.loop.probes, self.loop.told
        for rank, (card, suggestion) in enumerate(zip(cards, suggestions, strict=False), 1):
            card.show(suggestion, rank, probes.get(suggestion.id, ()), told.get(suggestion.id, ()))
            card.set_class(weak, "weak")
        if len(cards) > len(suggestions):
            for card in cards[len(suggestions) :]:
                card.remove()
        elif len(suggestions) > len(cards):
            results.mount_all(
                SuggestionCard(
                    suggestion,
                    rank,
                    probes.get(suggestion.id, ()),
                    told.get(suggestion.id, ()),
                    classes="weak" if weak else "",
                )
                for rank, suggestion in enumerate(suggestions, 1)
                if rank > len(cards)
            )

    def _summary(self, advice: Any) -> Content:
        competencies = ", ".join(advice.competencies) if advice.competencies else "none recognised"
        parts: list[Content | str] = [
            Content.styled("Kind: ", "bold"),
            literal_line(advice.kind),
            Content.styled("   Probes: ", "bold"),
            literal_line(competencies),
        ]
        if not self.bank.stories:
            # The advisor's note says the same; one clear line is enough.
            parts += ["\n", Content.styled("Your bank has no stories yet.", "bold")]
            return join(*parts)
        if advice.weak_match:
            # The advisor's note then names the closest story and what to do with it.
            advice_text = (
                literal(advice.note)
                if advice.note
                else Content(
                    "No story fits this question well. Tell the closest one, say honestly "
                    "what differs, and put the weight on the reasoning you would apply here."
                )
            )
            parts += ["\n", Content.styled(" Weak match ", "bold reverse"), " ", advice_text]
        elif advice.note:
            parts += ["\n", literal(advice.note, "italic")]
        if advice.pitch_text:
            from storybank.method.reading import PITCH_LABELS

            label = PITCH_LABELS.get(advice.pitch_part or "", "Your pitch")
            parts += ["\n", Content.styled(f"{label}: ", "bold"), literal(advice.pitch_text)]
        return join(*parts)

    # -- actions ------------------------------------------------------------------------

    def action_copy_opening(self) -> None:
        """Copy the opening line of the focused suggestion (or the first) to the clipboard."""
        cards = list(self.query(SuggestionCard))
        if not cards:
            self.notify(
                "Type a question first: there is no suggestion to copy.",
                severity="warning",
                markup=False,
            )
            return
        card = self.focused if isinstance(self.focused, SuggestionCard) else cards[0]
        opening = clean_line(card.suggestion.opening or "")
        if not opening:
            self.notify("This suggestion has no opening line.", severity="warning", markup=False)
            return
        self.app.copy_to_clipboard(opening)
        self.notify(f"Copied: {opening}", title="Opening line", markup=False)

    def action_record_told(self) -> None:
        """Record the focused (or first) suggestion as told at the chosen company."""
        from storybank.tui.loop_actions import record_told

        cards = list(self.query(SuggestionCard))
        if not cards:
            self.notify(
                "Type a question first: there is no suggestion to record.",
                severity="warning",
                markup=False,
            )
            return
        card = self.focused if isinstance(self.focused, SuggestionCard) else cards[0]
        company_id = self._selected("#ask-company")
        if record_told(
            self.app, card.suggestion.id, company_id, self._selected("#ask-round"), self.interviewer
        ):
            self.refresh_advice()

    def action_open_story(self) -> None:
        """Show the focused suggestion's story on the home list (to read or edit it)."""
        card = self.focused
        jump = getattr(self.app, "jump_to_story", None)
        if isinstance(card, SuggestionCard) and callable(jump):
            jump(card.suggestion.id)

    def action_cue_card(self) -> None:
        """The focused (or first) suggestion's cue card, among the suggestions in order."""
        cards = list(self.query(SuggestionCard))
        open_cards = getattr(self.app, "open_cards", None)
        if not cards or not callable(open_cards):
            return
        card = self.focused if isinstance(self.focused, SuggestionCard) else cards[0]
        open_cards([c.suggestion.id for c in cards], card.suggestion.id)

    def action_pick_story(self) -> None:
        """Remember the focused suggestion as the user's choice for this question; on the
        card already chosen, forget that choice (the undo)."""
        from storybank.tui.pick_actions import toggle_pick

        card = self.focused
        if not isinstance(card, SuggestionCard) or self.advice is None:
            return
        question = self.advice.question or self.question.strip()
        if toggle_pick(self.app, question, card.suggestion.id, source="ask"):
            self.refresh_advice()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("open_story", "pick_story"):
            # Only on a suggestion card: enter in the question box is a new line.
            return isinstance(self.focused, SuggestionCard)
        if action == "cue_card":
            # A letter in the question box is typing; on the suggestions it opens the card.
            return not isinstance(self.focused, TextArea) and bool(self.query(SuggestionCard))
        if action == "leave_question":
            return isinstance(self.focused, TextArea)
        if action == "focus_question":
            return not isinstance(self.focused, TextArea)
        return True

    def action_clear_question(self) -> None:
        area = self.query_one("#ask-question", TextArea)
        area.clear()
        area.focus()

    def action_leave_question(self) -> None:
        """Leave the question box for the first suggestion (or the results), so single-letter
        keys navigate again; a second escape from there goes back to the question."""
        if isinstance(self.focused, TextArea):
            cards = list(self.query(SuggestionCard))
            if cards:
                cards[0].focus()
            else:
                self.query_one("#ask-results", VerticalScroll).focus()
        else:
            self.action_focus_question()

    def action_focus_question(self) -> None:
        self.query_one("#ask-question", TextArea).focus()
