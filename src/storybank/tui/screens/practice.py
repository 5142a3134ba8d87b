"""Practice: a timed drill. Draw a question, answer it aloud against the clock, compare, rate.

The drill times the answer you speak without the card: the question is shown (pick the
story you would tell with enter, if you like), space starts the clock, you answer out
loud, space again stops it, and only then the advisor's pick and its cue card appear.
`P` pauses and resumes; a bell rings at time's up; `r` reveals without timing. The
seconds spoken go into the practice record (`PracticeRecord.seconds`).

Questions come from the packaged bank merged with the user's own, weighted
toward the chosen company's focus and the user's weakest areas
(`quality.questions.draw_practice_question`). The countdown reads an injected
clock, so tests move time themselves instead of sleeping. Ratings go to the
store's practice history, which also feeds the next draws' weak areas.

After the reveal, `f` starts the second round: the follow-ups an interviewer would
dig in with (`storybank.loop.probes`, from the story you picked, else the advisor's),
one at a time against a shorter clock. Questions a debrief added to the bank are drawn
first until practised once, and `ctrl+r` records the story in the company's loop ledger.
"""

from __future__ import annotations

import random
from datetime import datetime
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, OptionList, Select, Static, TabbedContent, TabPane
from textual.widgets.option_list import Option

from storybank import settings
from storybank.errors import StoryBankError
from storybank.model import Bank, Question, Story
from storybank.practice import PracticeRecord, add_to_history, read_history
from storybank.tui import target
from storybank.tui.literal import join, literal, literal_line
from storybank.tui.messages import BankChanged, TargetChanged
from storybank.tui.screens import stylesheets
from storybank.tui.widgets.countdown import Clock, Countdown, format_seconds
from storybank.tui.widgets.cue_card import CueCardView
from storybank.tui.widgets.nav_bar import NavBar
from storybank.tui.widgets.suggestion_card import render_suggestion
from storybank.vocab import COMPETENCIES

SECONDS_SETTING = settings.PRACTICE_SECONDS.key
DEFAULT_SECONDS = settings.PRACTICE_SECONDS.default
MIN_SECONDS = settings.PRACTICE_SECONDS.minimum
HISTORY_ROWS = 20
"""How many past drills the history tab shows, newest first."""

RATING_WORDS = {1: "lost", 2: "shaky", 3: "okay", 4: "good", 5: "nailed it"}

PICK_PROMPT = "Pick your story (enter), then space: answer aloud; space again stops."
SPEAK_PROMPT = "Press space and answer out loud; space again stops the clock."


def practice_seconds(store: Any) -> int:
    """The answer time from the `practice.seconds` setting (clamped), else two minutes."""
    return settings.read(store, settings.PRACTICE_SECONDS)


class PracticeScreen(Screen[None]):
    """Draw, answer against the clock, pick a story, reveal the advisor's pick, rate 1-5."""

    CSS_PATH: ClassVar = stylesheets("sections.tcss", "practice.tcss")
    """Read when this screen first opens (not at start-up)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "space",
            "speak",
            "Start/stop",
            tooltip="Start the clock and answer out loud; again to stop and see the pick",
        ),
        Binding("P", "pause", "Pause", tooltip="Pause or resume the clock while you answer"),
        Binding(
            "p",
            "keep_pick",
            "Keep my pick",
            tooltip="Your story comes first for questions like this from now on (p again undoes)",
        ),
        Binding("n", "next_question", "Next", tooltip="Draw another question"),
        Binding(
            "r",
            "reveal",
            "Reveal",
            tooltip="Show the advisor's pick and its cue card (stops the clock)",
        ),
        Binding("1", "rate(1)", "Rate", key_display="1-5", tooltip="Rate your answer: 1 lost .. 5"),
        Binding("2", "rate(2)", "Rate 2", show=False),
        Binding("3", "rate(3)", "Rate 3", show=False),
        Binding("4", "rate(4)", "Rate 4", show=False),
        Binding("5", "rate(5)", "Rate 5", show=False),
        Binding("h", "toggle_history", "History", tooltip="Past drills and ratings"),
        Binding(
            "plus,equals_sign",
            f"adjust_time({settings.PRACTICE_STEP})",
            "Time",
            key_display="+/-",
            tooltip=f"{settings.PRACTICE_STEP} seconds more (+) or less (-) to answer; remembered",
        ),
        Binding("minus", f"adjust_time({-settings.PRACTICE_STEP})", "Less time", show=False),
        Binding(
            "c",
            "focus_company",
            "Company",
            tooltip="The target company: questions lean to its focus (every screen follows)",
        ),
        Binding(
            "f",
            "follow_up",
            "Follow-ups",
            tooltip="Second round: the follow-ups an interviewer would ask, one at a time",
        ),
        Binding(
            "ctrl+r",
            "record_told",
            "Told it",
            tooltip="Record the story as told in this company's loop (as ctrl+r in Ask)",
        ),
        Binding(
            "C",
            "cue_card",
            "Card",
            tooltip="The advisor's pick on one screen (and the story you picked, with right)",
        ),
    ]

    def __init__(
        self, *, seed: int | None = None, autostart: bool = True, clock: Clock | None = None
    ) -> None:
        super().__init__()
        self.rng = random.Random(seed)
        """The draw's randomness; tests seed it for a reproducible question."""
        self.autostart = autostart
        """Whether the clock redraws itself while it runs (tests and snapshots: off, and
        they move `clock` themselves), and whether a follow-up's clock starts at once."""
        self.clock = clock
        """Seconds from an injected source (tests); None: the real monotonic clock."""
        self.spoken: int | None = None
        """Seconds the answer was timed for (None: not timed, or not yet stopped)."""
        self.question: Question | None = None
        self.chosen: str | None = None
        """The id of the story the user said they would tell."""
        self.advisor_pick: Any = None
        """The advisor's top suggestion for the question, once revealed."""
        self.rated: int | None = None
        self._revealed = False
        self._history_width = 0
        self.follow_ups: list[str] = []
        """The second round's probes for the story (empty until `f`)."""
        self.follow_up_index = -1
        """Which probe is being answered (-1: the second round has not started)."""
        self._wanted: str | None = None
        self._loop: Any = None
        """The last `LoopAdvice` for the revealed question (follow-ups, told marks)."""

    def compose(self) -> ComposeResult:
        yield NavBar("practice")
        with Horizontal(classes="screen-top"):
            yield Static("Practice", classes="screen-title")
            yield Select[str]([], prompt="Any company", id="practice-company")
        with TabbedContent(id="practice-tabs"):
            with TabPane("Drill", id="tab-drill"), VerticalScroll(id="practice-drill"):
                yield Static(id="practice-question")
                yield Countdown(
                    DEFAULT_SECONDS,
                    clock=self.clock,
                    ticking=self.autostart,
                    id="practice-countdown",
                )
                yield Static(PICK_PROMPT, id="practice-prompt")
                yield OptionList(id="practice-stories")
                yield Static(id="practice-rate")
                yield Static(id="practice-verdict")
                yield CueCardView(id="practice-card")
            with TabPane("History", id="tab-history"):
                yield DataTable(id="practice-history", cursor_type="row", zebra_stripes=True)
        yield Footer()

    @property
    def bank(self) -> Bank:
        return self.app.bank  # type: ignore[attr-defined,no-any-return]

    @property
    def store(self) -> Any:
        return getattr(self.app, "store", None)

    @property
    def countdown(self) -> Countdown:
        return self.query_one("#practice-countdown", Countdown)

    @property
    def phase(self) -> str:
        """Where the drill is: "empty", "ready" (the question shown, the clock not yet
        started), "speaking" (the clock runs), "paused", "follow-up" (the second round),
        "revealed" (awaiting a rating) or "rated"."""
        if self.question is None:
            return "empty"
        if not self._revealed:
            if self.countdown.running:
                return "speaking"
            if self.countdown.paused:
                return "paused"
            if self.countdown.expired:
                return "speaking"  # time's up: the answer is being wrapped up
            return "ready"
        if 0 <= self.follow_up_index < len(self.follow_ups):
            return "follow-up"
        return "rated" if self.rated is not None else "revealed"

    def on_mount(self) -> None:
        self._fill_companies()
        self._fill_history()
        self.action_next_question()

    def on_bank_changed(self, _: BankChanged) -> None:
        self._fill_companies()
        self._fill_stories()

    def on_screen_resume(self) -> None:
        self._fill_companies()
        self._fill_stories()

    def on_resize(self) -> None:
        if self.size.width != self._history_width:
            self._fill_history()

    def on_screen_suspend(self) -> None:
        # Leaving the drill mid-answer pauses the clock instead of letting it run out
        # unseen; P (or space) resumes it on the way back.
        if self.countdown.running and not self._revealed:
            self.countdown.pause()
            self._show_speaking()
        else:
            self.countdown.stop()

    # -- filling widgets ----------------------------------------------------------------

    def _fill_companies(self) -> None:
        target.fill_select(self, self.query_one("#practice-company", Select))

    def on_target_changed(self, _: TargetChanged) -> None:
        """Chosen on another screen: the next draw is weighted toward it (this one stays)."""
        self._fill_companies()

    def _fill_stories(self) -> None:
        options = self.query_one("#practice-stories", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        options.add_options([Option(literal_line(s.title), id=s.id) for s in self.bank.stories])
        if self.bank.stories:
            options.highlighted = min(highlighted or 0, len(self.bank.stories) - 1)

    def _history(self) -> list[PracticeRecord]:
        return read_history(self.store)

    def _fill_history(self) -> None:
        table = self.query_one("#practice-history", DataTable)
        table.clear(columns=True)
        table.add_columns("Date", "Question", "You", "Advisor", "Spoke", "Rating")
        titles = {s.id: s.title for s in self.bank.stories}
        # The question takes what is left once date, titles and rating (and each column's
        # 2 cells of padding) are laid out, so the rating stays in view at 80 columns.
        width = self.size.width or self.app.size.width
        title_width = 16 if width >= 100 else 13
        question_width = max(16, min(60, width - 10 - 2 * title_width - 6 - 5 - 6 * 2 - 3))
        self._history_width = width
        for record in reversed(self._history()[-HISTORY_ROWS:]):
            chosen, pick, rating = record.chosen, record.advisor, record.rating
            table.add_row(
                _text(record.date[:10]),
                _text(record.question, question_width),
                _text(titles.get(chosen or "", chosen or "-"), title_width),
                _text(titles.get(pick or "", pick or "-"), title_width),
                _text(format_seconds(record.seconds) if record.seconds is not None else "-"),
                _text(f"{rating}/5" if rating is not None else "-"),
            )

    def _company(self) -> Any:
        value = self.query_one("#practice-company", Select).value
        return None if value is Select.NULL else self.bank.company(str(value))

    # -- the drill ----------------------------------------------------------------------

    def action_next_question(self) -> None:
        """Draw a question (focus- and weakness-weighted) and start the clock."""
        from storybank.quality.lint import lint_story
        from storybank.quality.questions import (
            draw_practice_question,
            question_bank,
            weakest_competencies,
        )

        questions = question_bank(self.bank.questions)
        records = self._history()
        history = [r.to_dict() for r in records]
        # Lint scores stand in for ratings until the user has practised an area.
        scores = {s.id: float(lint_story(s).score) for s in self.bank.stories}
        weakest = weakest_competencies(self.bank.stories, history, questions, scores)
        # Only claim weak areas when some signal sets them apart: a rating, a story that
        # lints below full marks, or a built-in area no story covers. Otherwise the
        # ranking is a tie in vocabulary order, and naming it would mislead.
        covered = {c for s in self.bank.stories for c in s.competencies}
        informative = (
            any(r.rating is not None for r in records)
            or any(score < 100 for score in scores.values())
            or any(c not in covered for c in COMPETENCIES)
        )
        wanted, self._wanted = self._wanted, None
        chosen = next((q for q in questions if q.id == wanted), None) if wanted else None
        self.question = (
            chosen
            or _debrief_question(self.bank, questions, records)
            or draw_practice_question(questions, self._company(), weakest, history, self.rng)
        )
        self.follow_ups = []
        self.follow_up_index = -1
        self.chosen = None
        self.advisor_pick = None
        self.rated = None
        self.spoken = None
        self._revealed = False
        self._fill_stories()
        self.query_one("#practice-verdict", Static).update("")
        self.query_one("#practice-card", CueCardView).display = False
        self.query_one("#practice-rate", Static).update("")
        self._show_question(weakest if informative else [])
        seconds = practice_seconds(self.store)
        self.countdown.start(seconds, run=False)  # space starts it: the answer is timed
        options = self.query_one("#practice-stories", OptionList)
        options.display = bool(self.bank.stories)
        prompt = self.query_one("#practice-prompt", Static)
        prompt.display = self.question is not None
        prompt.update(PICK_PROMPT if self.bank.stories else SPEAK_PROMPT)
        if self.bank.stories:
            options.focus()
        self.refresh_bindings()

    def _show_question(self, weakest: list[str]) -> None:
        question = self.question
        target = self.query_one("#practice-question", Static)
        if question is None:
            target.update("No practice questions: import a questions: list to drill.")
            return
        company = self._company()
        meta = f"{question.kind} question"
        if question.competencies:
            meta += " on " + ", ".join(question.competencies)
        parts: list[Content | str] = [
            literal(question.text, "bold"),
            "\n",
            Content.styled(meta, "dim"),
        ]
        if company is not None:
            parts += [Content.styled(" · weighted toward ", "dim"), literal_line(company.name)]
        if weakest:
            parts += [Content.styled(" · your weakest: " + ", ".join(weakest[:2]), "dim")]
        if not self.bank.stories:
            parts += ["\n", "Your bank has no stories yet: add some to practise picking one."]
        target.update(join(*parts))

    @on(OptionList.OptionSelected, "#practice-stories")
    def _story_picked(self, event: OptionList.OptionSelected) -> None:
        """Enter on a story: the one you will tell; the clock is started with space."""
        if self.question is None or self._revealed:
            return
        self.chosen = event.option.id
        story = self._story(self.chosen)
        self.query_one("#practice-prompt", Static).update(
            join(
                Content.styled("You will tell: ", "bold"),
                literal_line(story.title if story else ""),
                "\n",
                Content.styled(
                    "Press space and answer out loud, without the card; space again stops.",
                    "bold $accent",
                ),
            )
        )

    # -- the timed answer -----------------------------------------------------------------

    def action_speak(self) -> None:
        """Space: start the clock (the answer begins), or stop it and reveal the pick."""
        phase = self.phase
        if phase in ("ready", "paused"):
            self.countdown.resume()
            self._show_speaking()
        elif phase == "speaking":
            self.action_reveal()
        self.refresh_bindings()

    def action_pause(self) -> None:
        """P: pause the clock mid-answer, or resume it."""
        if self.phase == "speaking" and self.countdown.running:
            self.countdown.pause()
        elif self.phase == "paused":
            self.countdown.resume()
        else:
            return
        self._show_speaking()
        self.refresh_bindings()

    def _show_speaking(self) -> None:
        """While the answer is timed: no list, no card, only what the keys do."""
        self.query_one("#practice-stories", OptionList).display = False
        prompt = self.query_one("#practice-prompt", Static)
        prompt.display = True
        if self.countdown.paused:
            prompt.update(
                Content.styled("Paused. P (or space) resumes; r reveals.", "bold $warning")
            )
        else:
            prompt.update(
                Content.styled(
                    "Answer out loud now, without the card. Space stops and shows the "
                    "advisor's pick; P pauses.",
                    "bold $accent",
                )
            )
        self.query_one("#practice-drill", VerticalScroll).focus()

    @on(Countdown.Expired)
    def _time_up(self) -> None:
        self.app.bell()
        if self.phase == "follow-up":
            self.notify("Time's up: press f for the next follow-up.", markup=False)
            return
        self.notify("Time's up: finish your sentence, then press space.", markup=False)
        self.refresh_bindings()

    def practise(self, question_id: str) -> None:
        """Drill this question next (the debrief offers each asked question this way)."""
        self._wanted = question_id
        if self.is_mounted:
            self.action_next_question()

    @on(Select.Changed, "#practice-company")
    def _company_changed(self, event: Select.Changed) -> None:
        target.picked(self, event.select)  # the target for every screen
        self.action_next_question()

    def action_reveal(self) -> None:
        """Stop the clock and show the advisor's pick with its cue card."""
        from storybank.quality.cards import cue_card

        if self.question is None or self._revealed:
            return
        timed = self.phase in ("speaking", "paused")
        self._revealed = True
        self.countdown.stop()
        self.countdown.paused = False
        self.countdown.update_time()
        self.spoken = self.countdown.used if timed else None
        from storybank.loop.advice import loop_advice

        loop = loop_advice(self.question.text, self.bank, company=self._company(), top=1)
        self._loop = loop
        advice = loop.advice
        self.advisor_pick = advice.suggestions[0] if advice.suggestions else None
        verdict = self.query_one("#practice-verdict", Static)
        verdict.update(self._verdict(advice))
        card_view = self.query_one("#practice-card", CueCardView)
        story = self._story(self.advisor_pick.id) if self.advisor_pick else None
        if story is not None:
            card_view.show(cue_card(story), "Cue card: the advisor's pick")
            card_view.display = True
        self.query_one("#practice-stories", OptionList).display = False
        self.query_one("#practice-prompt", Static).display = False
        self.query_one("#practice-rate", Static).update(
            Content.styled(
                "How did it go? Press 1 (lost) to 5 (nailed it) to rate and save; "
                "f for the follow-up round."
                + (
                    " p keeps your pick for questions like this."
                    if self.chosen
                    and (self.advisor_pick is None or self.advisor_pick.id != self.chosen)
                    else ""
                ),
                "bold",
            )
        )
        self.refresh_bindings()
        self.query_one("#practice-drill", VerticalScroll).focus()

    def _story(self, story_id: str | None) -> Story | None:
        return self.bank.story(story_id) if story_id else None

    def _verdict(self, advice: Any) -> Content:
        chosen = self._story(self.chosen)
        pick = self.advisor_pick
        parts: list[Content | str] = [Content.styled("You picked: ", "bold")]
        parts.append(literal_line(chosen.title) if chosen else Content("nothing (revealed)"))
        if self.spoken is None:
            parts += [Content.styled("   not timed", "dim"), "\n"]
        else:
            spoke = f"   you spoke for {format_seconds(self.spoken)}"
            parts += [
                Content.styled(f"{spoke} of {format_seconds(self.countdown.total)}", "dim"),
                "\n",
            ]
        if pick is None:
            parts.append("The advisor has no story to suggest: your bank is empty.")
            return join(*parts)
        if self.chosen == pick.id:
            parts += [Content.styled("Same as the advisor.", "bold $success"), "\n"]
        elif chosen is not None:
            parts += [
                Content.styled("The advisor would tell another story:", "bold $warning"),
                "\n",
            ]
        loop = self._loop
        parts.append(
            render_suggestion(
                pick,
                compact=True,
                probes=loop.probes.get(pick.id, ()) if loop else (),
                told=loop.told.get(pick.id, ()) if loop else (),
            )
        )
        if advice.weak_match:
            parts += [
                "\n",
                Content.styled("Weak match: ", "bold reverse"),
                " tell the closest example, say what differs, lead with your reasoning.",
            ]
        return join(*parts)

    def action_keep_pick(self) -> None:
        """Keep the story the user picked as their choice for questions like this one (the
        advisor then puts it first, in Ask and here); pressed again, forget that choice."""
        from storybank.tui.pick_actions import toggle_pick

        if self.question is None or not self.chosen:
            return
        toggle_pick(self.app, self.question.text, self.chosen, source="practice")

    def action_rate(self, rating: int) -> None:
        """Save this drill with the user's 1-5 self-rating to the practice history."""
        if self.question is None or not self._revealed or self.rated is not None:
            if self.question is not None and not self._revealed:
                self.notify("Pick your story (or press r) before rating.", markup=False)
            return
        question = self.question
        company = self._company()
        record = PracticeRecord(
            date=datetime.now().isoformat(timespec="seconds"),
            question_id=question.id,
            question=question.text,
            kind=question.kind,
            competencies=list(question.competencies),
            company=company.id if company else None,
            chosen=self.chosen,
            advisor=self.advisor_pick.id if self.advisor_pick else None,
            rating=rating,
            seconds=self.spoken,
            limit=self.countdown.total,
            follow_ups=self.follow_ups[: self.follow_up_index + 1]
            if self.follow_up_index >= 0
            else None,
        )
        if self.store is not None:
            try:
                add_to_history(self.store, record)
            except StoryBankError as error:
                # Not saved: say why and leave the rating keys live so the user can retry.
                self.notify(str(error), title="Rating not saved", severity="error", markup=False)
                return
        self.rated = rating
        self.refresh_bindings()
        self._fill_history()
        self.query_one("#practice-rate", Static).update(
            Content.styled(
                f"Saved: {rating}/5 ({RATING_WORDS[rating]}). Press n for the next question.",
                "bold",
            )
        )

    # -- the second round: follow-ups -----------------------------------------------------

    def _round_two_story(self) -> Story | None:
        return self._story(self.chosen) or self._story(
            self.advisor_pick.id if self.advisor_pick else None
        )

    def action_follow_up(self) -> None:
        """Start the follow-up round, or move to its next probe; each gets its own clock."""
        from storybank.loop.probes import story_probes

        if not self._revealed or self.question is None:
            return
        if self.follow_up_index < 0:
            story = self._round_two_story()
            if story is None:
                return
            self.follow_ups = [p.text for p in story_probes(story, self.question.kind)]
            if not self.follow_ups:
                self.notify(
                    "This story gives an interviewer nothing obvious to probe.", markup=False
                )
                return
        if self.follow_up_index + 1 >= len(self.follow_ups):
            self.follow_up_index = len(self.follow_ups)
            self.countdown.stop()
            self._show_follow_up()
            self.refresh_bindings()
            return
        self.follow_up_index += 1
        self.countdown.start(follow_up_seconds(self.store), run=self.autostart)
        self._show_follow_up()
        self.refresh_bindings()

    def _show_follow_up(self) -> None:
        story = self._round_two_story()
        total = len(self.follow_ups)
        rate = self.query_one("#practice-rate", Static)
        verdict = self.query_one("#practice-verdict", Static)
        if self.follow_up_index >= total:
            verdict.update(
                join(
                    Content.styled("Follow-up round done: ", "bold $success"),
                    f"{total} follow-up{'s' if total != 1 else ''} answered for ",
                    literal_line(story.title if story else ""),
                    ".",
                )
            )
            if self.rated is None:
                rate.update(
                    Content.styled("Press 1 (lost) to 5 (nailed it) to rate and save.", "bold")
                )
            return
        number = self.follow_up_index + 1
        verdict.update(
            join(
                Content.styled(f"Follow-up {number} of {total}", "bold $accent"),
                Content.styled(" on ", "dim"),
                literal_line(story.title if story else "", "dim"),
                "\n",
                literal(self.follow_ups[self.follow_up_index], "bold"),
            )
        )
        rate.update(
            Content.styled(
                "Answer out loud, then f for the next follow-up (1-5 rates the whole drill).",
                "bold",
            )
        )

    def action_record_told(self) -> None:
        """Record the story you picked (else the advisor's) as told at the chosen company."""
        from storybank.tui.loop_actions import record_told

        story = self._round_two_story()
        if story is None:
            self.notify("Reveal first: then ctrl+r records the story as told.", markup=False)
            return
        company = self._company()
        record_told(self.app, story.id, company.id if company else None)

    def action_cue_card(self) -> None:
        """After the reveal: the advisor's pick's cue card, then the one you picked."""
        open_cards = getattr(self.app, "open_cards", None)
        if not self._revealed or not callable(open_cards):
            return
        ids = [self.advisor_pick.id] if self.advisor_pick else []
        if self.chosen:
            ids.append(self.chosen)
        if ids:
            open_cards(ids, ids[0])

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Only the keys of this step of the drill are in the footer (Help lists them all):
        the clock's before the reveal, the rating's and the follow-ups' after it."""
        if action == "speak":
            return self.phase in ("ready", "speaking", "paused")
        if action == "pause":
            return self.phase in ("speaking", "paused")
        if action in ("follow_up", "record_told", "cue_card"):
            return self._revealed
        if action == "keep_pick":
            # After the reveal, when the user told another story than the advisor's.
            pick = self.advisor_pick
            return self._revealed and bool(self.chosen) and (pick is None or pick.id != self.chosen)
        if action == "rate":
            if not self._revealed:
                return False
            return True if self.rated is None else None
        if action == "reveal":
            return self.question is not None and not self._revealed
        return True

    def action_adjust_time(self, delta: int) -> None:
        """Change the answer time by `delta` seconds, remember it, and restart this clock."""
        try:
            seconds = settings.write(
                self.store, settings.PRACTICE_SECONDS, practice_seconds(self.store) + delta
            )
        except StoryBankError as error:
            self.notify(str(error), title="Not saved", severity="error", markup=False)
            return
        if self.phase == "ready":
            self.countdown.start(seconds, run=False)
        else:
            self.countdown.total = seconds  # a clock already counting keeps its count
        self.notify(f"Answer time: {format_seconds(seconds)} (remembered)", markup=False)

    def action_toggle_history(self) -> None:
        tabs = self.query_one("#practice-tabs", TabbedContent)
        tabs.active = "tab-drill" if tabs.active == "tab-history" else "tab-history"

    def action_focus_company(self) -> None:
        self.query_one("#practice-company", Select).focus()


def follow_up_seconds(store: Any) -> int:
    """Half the answer time (at least 30 s): a follow-up wants a short, direct answer."""
    return max(MIN_SECONDS, practice_seconds(store) // 2)


def _debrief_question(
    bank: Bank, questions: list[Question], history: list[PracticeRecord]
) -> Question | None:
    """A question asked in a real interview (a debrief added it) not practised yet."""
    asked = {a.text for d in bank.debriefs for a in d.asked}
    if not asked:
        return None
    done = {r.question_id for r in history}
    return next((q for q in questions if q.text in asked and q.id not in done), None)


def _text(value: str, width: int | None = None) -> Text:
    """A DataTable cell from stored text: cleaned, one line, never markup (Rich `Text`)."""
    content = literal_line(value)
    if width is not None:
        content = content.truncate(width, ellipsis=True)
    return Text(content.plain, no_wrap=True, end="")
