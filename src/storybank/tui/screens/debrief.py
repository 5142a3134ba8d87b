"""The debrief dialog: paste the questions an interview asked, see what the brief predicted.

Step one takes the questions (one per line; bullets and numbers are fine), the round and
the interviewer; `ctrl+s` records them through the store (a debrief and the new
questions in one write). Step two lists each question as predicted or new, the
precision/recall line for the loop, and offers each question to Practice: `enter` on
one closes the dialog with its id, and the Brief screen opens Practice on it.
"""

from __future__ import annotations

import datetime as _dt
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from storybank.errors import StoryBankError
from storybank.tui.literal import join, literal_line
from storybank.tui.screens import stylesheets


class DebriefScreen(ModalScreen[str | None]):
    """Record a debrief for one company; dismisses with a question id to practise, or None."""

    CSS_PATH: ClassVar = stylesheets("debrief.tcss")
    """Read when this screen first opens (not at start-up)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Close"),
        Binding("ctrl+s", "record", "Record", priority=True, tooltip="Record these questions"),
    ]

    def __init__(self, company_id: str, today: _dt.date | None = None) -> None:
        super().__init__()
        self.company_id = company_id
        self.today = today
        self.result: object = None
        """The recorded `DebriefResult` (None until ctrl+s)."""
        self.debrief: object = None
        """The debrief as stored (with its id)."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="debrief-dialog"):
            yield Static(
                Content.styled("Debrief: which questions were you asked?", "bold"),
                classes="dialog-title",
            )
            area = TextArea(id="debrief-questions", soft_wrap=True, show_line_numbers=False)
            area.border_title = "One question per line (paste is fine)"
            yield area
            with Horizontal(id="debrief-options"):
                yield Input(placeholder="Round (optional)", id="debrief-round")
                yield Input(placeholder="Interviewer (optional)", id="debrief-interviewer")
            yield Static("", id="debrief-problem", classes="field-error")
            yield Static("", id="debrief-summary")
            yield OptionList(id="debrief-asked")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Close", id="cancel")
                yield Button("Record", id="record", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#debrief-asked", OptionList).display = False
        self.query_one("#debrief-questions", TextArea).focus()

    @property
    def recorded(self) -> bool:
        return self.debrief is not None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "record":
            return not self.recorded
        return True

    def action_record(self) -> None:
        """Read, match and store the questions, then show the result and the practice list."""
        from storybank.loop.debrief import prepare_debrief, split_questions
        from storybank.loop.ledger import normalise_interviewer, normalise_round
        from storybank.quality.brief import build_brief
        from storybank.quality.questions import question_bank

        if self.recorded:
            return
        problem = self.query_one("#debrief-problem", Static)
        texts = split_questions(self.query_one("#debrief-questions", TextArea).text)
        if not texts:
            problem.update(Content("Type or paste at least one question."))
            return
        app = self.app
        bank = app.bank  # type: ignore[attr-defined]
        company = bank.company(self.company_id)
        if company is None:
            problem.update(Content("This company is no longer in the bank."))
            return
        today = self.today or _dt.date.today()
        questions = question_bank(bank.questions)
        brief = build_brief(bank, company, questions, today=today)
        from storybank.model import Question

        predicted = [Question(q.id, q.text, q.kind, list(q.competencies)) for q in brief.questions]
        result = prepare_debrief(
            texts,
            company,
            today.isoformat(),
            predicted,
            questions,
            round=normalise_round(self.query_one("#debrief-round", Input).value),
            interviewer=normalise_interviewer(self.query_one("#debrief-interviewer", Input).value),
        )
        try:
            self.debrief = app.store.add_debrief(result.debrief, result.added)  # type: ignore[attr-defined]
        except StoryBankError as error:
            problem.update(literal_line(str(error)))
            return
        self.result = result
        app.refresh_bank("debrief")  # type: ignore[attr-defined]
        self._show_result()

    def _show_result(self) -> None:
        from storybank.loop.debrief import loop_score

        result = self.result
        bank = self.app.bank  # type: ignore[attr-defined]
        added = {q.text: q.id for q in result.added}  # type: ignore[attr-defined]
        loop = [d for d in bank.debriefs if d.company == self.company_id]
        self.query_one("#debrief-questions", TextArea).display = False
        self.query_one("#debrief-options").display = False
        self.query_one("#debrief-problem", Static).update("")
        self.query_one("#record", Button).display = False
        summary = self.query_one("#debrief-summary", Static)
        summary.update(
            join(
                Content.styled("Recorded. ", "bold $success"),
                literal_line(loop_score(loop).line()),
                "\n",
                Content.styled("Enter practises the highlighted question now.", "dim"),
            )
        )
        options = self.query_one("#debrief-asked", OptionList)
        options.clear_options()
        for reading in result.readings:  # type: ignore[attr-defined]
            if reading.predicted is not None:
                mark, question_id = "predicted", reading.predicted.id
            elif reading.text in added:
                mark, question_id = "new, added", added[reading.text]
            else:
                mark = "already in your bank"
                question_id = _bank_id(bank, reading.text)
            options.add_option(
                Option(
                    join(
                        Content.styled(f"[{reading.kind}] ", "dim"),
                        literal_line(reading.text),
                        Content.styled(f"  ({mark})", "dim"),
                    ),
                    id=question_id,
                )
            )
        options.display = True
        options.highlighted = 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "record":
            self.action_record()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)


def _bank_id(bank: object, text: str) -> str | None:
    """The id of the question bank's closest question to `text` (to practise it)."""
    from storybank.loop.debrief import similarity
    from storybank.quality.questions import question_bank

    questions = question_bank(bank.questions)  # type: ignore[attr-defined]
    if not questions:
        return None
    best = max(questions, key=lambda q: similarity(text, q.text))
    return best.id
