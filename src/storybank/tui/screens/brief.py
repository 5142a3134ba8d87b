"""Brief: the one-pager to read five minutes before the call with a company.

The brief is built by `storybank.quality.brief` (the same one `storybank brief`
prints) and shown as its plain text at the screen's width, with the section headings
styled: one screen by default, everything after `f`. `i` shows the one-pager for the
next interviewer, `d` records a debrief of the questions actually asked, and `w`
writes the printable Markdown version to a file.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Footer, Select, Static

from storybank import targets
from storybank.errors import StoryBankError
from storybank.model import Bank, Company
from storybank.tui import target
from storybank.tui.literal import join, literal
from storybank.tui.messages import BankChanged, TargetChanged
from storybank.tui.screens import stylesheets
from storybank.tui.widgets.nav_bar import NavBar

NO_COMPANY = Content(
    "Add a target company first (press o for Companies, then n): the brief ranks your "
    "stories for it, gives the angle for each focus area and the likely questions."
)
CHOOSE_COMPANY = Content(
    "Choose a company above (press c) to read its brief: your stories ranked for it, the "
    "angle for each focus area and the likely questions."
)
MIN_WIDTH = 40


def style_brief(text: str) -> Content:
    """The brief's plain text as Content: each underlined title becomes a bold heading.

    The text holds the user's own words (already neutralised by the renderer, and
    again here by `literal`), so nothing in it is ever read as markup.
    """
    lines = text.rstrip("\n").split("\n")
    parts: list[Content | str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        following = lines[index + 1] if index + 1 < len(lines) else ""
        is_rule = bool(following) and set(following) <= {"=", "-"} and len(following) >= 3
        if is_rule and line.strip():
            style = "bold $accent" if following[0] == "=" else "bold $secondary"
            parts += [literal(line, style), "\n"]
            index += 2
            continue
        parts += [literal(line), "\n"]
        index += 1
    return join(*parts).rstrip()


class BriefScreen(Screen[None]):
    """Pick a company; read its brief (scrollable); write it out as Markdown."""

    CSS_PATH: ClassVar = stylesheets("sections.tcss", "brief.tcss")
    """Read when this screen first opens (not at start-up)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "focus_company", "Company", tooltip="Choose the company to brief"),
        Binding("f", "toggle_full", "Full", tooltip="The one screen, or the whole brief"),
        Binding(
            "i",
            "interviewer",
            "Interviewer",
            tooltip="The one-pager for the next interviewer: not heard yet, colleagues, reserve",
        ),
        Binding(
            "d",
            "debrief",
            "Debrief",
            tooltip="After an interview: record the questions asked, practise the new ones",
        ),
        Binding("w", "write_markdown", "Write .md", tooltip="Save the brief as a Markdown file"),
        Binding(
            "C",
            "cue_card",
            "Card",
            tooltip="The cue cards of the stories to lead with (left/right: the next one)",
        ),
        Binding("j", "scroll_brief(1)", "Down", show=False, tooltip="Scroll the brief down"),
        Binding("k", "scroll_brief(-1)", "Up", show=False, tooltip="Scroll the brief up"),
    ]

    def __init__(self, today: date | None = None) -> None:
        super().__init__()
        self.today = today
        """The day the brief is for (None: the clock's today; tests and snapshots fix it)."""
        self.full = False
        """Whether the whole brief is shown instead of the one screen."""
        self.interviewer: tuple[str, str | None] | None = None
        """(name, round) when the next interviewer's one-pager is shown instead."""
        self.brief: Any = None
        """The last brief built (None without a company)."""
        self._width = 0
        self._built_for: tuple[object, ...] | None = None
        self._built_bank: Bank | None = None
        self._wanted: str | None = None
        self._had_companies = False
        """Whether the company list had entries at the last refill."""

    def compose(self) -> ComposeResult:
        yield NavBar("brief")
        with Horizontal(classes="screen-top"):
            yield Static("Brief", classes="screen-title")
            yield Select[str]([], prompt="Choose a company", id="brief-company")
        with VerticalScroll(id="brief-scroll", can_focus=True):
            yield Static(NO_COMPANY, id="brief-text")
        yield Footer()

    @property
    def bank(self) -> Bank:
        return self.app.bank  # type: ignore[attr-defined,no-any-return]

    def on_mount(self) -> None:
        self._fill_companies(pick_soonest=self._wanted is None)
        self._apply_wanted()
        self.query_one("#brief-scroll", VerticalScroll).focus()

    def on_bank_changed(self, _: BankChanged) -> None:
        self._fill_companies()
        self.refresh_brief()

    def on_screen_resume(self) -> None:
        self._fill_companies()
        self.refresh_brief()

    def on_resize(self, event: Resize) -> None:
        if self._text_width() != self._width:
            self.refresh_brief()

    def _fill_companies(self, *, pick_soonest: bool = False) -> None:
        select = self.query_one("#brief-company", Select)
        companies = self.bank.companies
        # The first companies to arrive (sample bank, import, Companies) get the same
        # default as opening Brief with them already there: the next interview, which
        # becomes the target company of every screen.
        if companies and not self._had_companies:
            pick_soonest = True
        self._had_companies = bool(companies)
        if pick_soonest and companies and target.target_id(self.app) is None:
            target.choose(self.app, self._soonest(companies).id)
        target.fill_select(self, select)
        if pick_soonest:
            self.refresh_brief()

    @staticmethod
    def _soonest(companies: list[Company]) -> Company:
        """The company whose interview comes next (the one to brief), else the first."""
        # Which interview comes next: the real calendar.
        return targets.next_interview(companies, date.today()) or companies[0]

    def on_target_changed(self, _: TargetChanged) -> None:
        select = self.query_one("#brief-company", Select)
        if not target.shows_target(select, self.app):
            self.interviewer = None
            self._fill_companies()
            self.refresh_brief()

    @property
    def company(self) -> Company | None:
        value = self.query_one("#brief-company", Select).value
        return None if value is Select.NULL else self.bank.company(str(value))

    @on(Select.Changed, "#brief-company")
    def _company_changed(self, event: Select.Changed) -> None:
        target.picked(self, event.select)  # the target for every screen
        self.interviewer = None
        self.refresh_brief()
        self.query_one("#brief-scroll", VerticalScroll).scroll_home(animate=False)

    def _text_width(self) -> int:
        scroll = self.query_one("#brief-scroll", VerticalScroll)
        width = scroll.scrollable_content_region.width or self.app.size.width - 4
        return max(MIN_WIDTH, min(100, width - 1))

    def refresh_brief(self) -> None:
        """Build the brief for the chosen company and show it at the current width."""
        from storybank.quality.brief import build_brief, render_brief_text
        from storybank.quality.questions import question_bank

        target = self.query_one("#brief-text", Static)
        company = self.company
        if company is None:
            self.brief = None
            self._built_for = None
            target.update(CHOOSE_COMPANY if self.bank.companies else NO_COMPANY)
            return
        width = self._text_width()
        today = self.today or date.today()
        # The app replaces `bank` with a new snapshot on every write, so identity says
        # whether anything changed since the last build (screen resume, resize).
        key = (company.id, width, today, self.full, self.interviewer)
        if self.bank is self._built_bank and key == self._built_for and self.brief is not None:
            return
        self._built_bank, self._built_for = self.bank, key
        self._width = width
        questions = question_bank(self.bank.questions)
        if self.interviewer is not None:
            from storybank.quality.interviewer import (
                build_interviewer_brief,
                render_interviewer_text,
            )

            name, round_name = self.interviewer
            page = build_interviewer_brief(
                self.bank, company, questions, name, round_name, today=today
            )
            self.brief = page.brief
            target.update(style_brief(render_interviewer_text(page, width)))
            return
        self.brief = build_brief(self.bank, company, questions, today=today)
        text = render_brief_text(self.brief, width, full=self.full, hint=False)
        target.update(style_brief(text))

    def show_company(self, company_id: str) -> None:
        """Brief this company (another screen sends the user here, maybe before mount)."""
        self._wanted = company_id
        if self.query("#brief-company"):
            self._apply_wanted()

    def _apply_wanted(self) -> None:
        wanted, self._wanted = self._wanted, None
        if wanted is None or self.bank.company(wanted) is None:
            return
        target.choose(self.app, wanted)
        target.fill_select(self, self.query_one("#brief-company", Select))
        self.refresh_brief()

    def action_focus_company(self) -> None:
        self.query_one("#brief-company", Select).focus()

    def action_toggle_full(self) -> None:
        """Switch between the one screen and the whole brief (and back from a one-pager)."""
        if self.interviewer is not None:
            self.interviewer = None
        else:
            self.full = not self.full
        self.refresh_brief()
        self.query_one("#brief-scroll", VerticalScroll).scroll_home(animate=False)

    def action_interviewer(self) -> None:
        """Ask who is next (and the round), then show their one-pager."""
        from storybank.tui.screens.interviewer_prompt import InterviewerPromptScreen

        if self.company is None:
            self.notify("Choose a company first.", severity="warning", markup=False)
            return

        def done(answer: tuple[str, str | None] | None) -> None:
            if answer is not None:
                self.show_interviewer(*answer)

        self.app.push_screen(InterviewerPromptScreen(), done)

    def show_interviewer(self, name: str, round_name: str | None = None) -> None:
        self.interviewer = (name, round_name)
        self.refresh_brief()
        self.query_one("#brief-scroll", VerticalScroll).scroll_home(animate=False)

    def action_debrief(self) -> None:
        """Record the questions of an interview; practise one of them from the dialog."""
        from storybank.tui.screens.debrief import DebriefScreen

        company = self.company
        if company is None:
            self.notify("Choose a company first.", severity="warning", markup=False)
            return

        def done(question_id: str | None) -> None:
            if question_id is None:
                return
            open_section = getattr(self.app, "open_section", None)
            if callable(open_section):
                open_section("practice")
                practice = self.app.screen
                practise = getattr(practice, "practise", None)
                if callable(practise):
                    practise(question_id)

        self.app.push_screen(DebriefScreen(company.id, today=self.today), done)

    def action_cue_card(self) -> None:
        """The cue card of the first story to lead with; left and right go through the
        leads, then the rest of the brief's stories by fit."""
        open_cards = getattr(self.app, "open_cards", None)
        if self.brief is None or not callable(open_cards):
            self.notify(
                "Choose a company first: its brief says which stories to lead with.",
                severity="warning",
                markup=False,
            )
            return
        ids = [lead.id for lead in getattr(self.brief, "leads", [])]
        ids += [ranked.id for ranked in getattr(self.brief, "stories", [])]
        if ids:
            open_cards(ids, ids[0])

    def action_scroll_brief(self, lines: int) -> None:
        self.query_one("#brief-scroll", VerticalScroll).scroll_relative(y=lines, animate=False)

    def action_write_markdown(self) -> None:
        from storybank.tui.screens.path_prompt import PathPromptScreen

        company = self.company
        if company is None or self.brief is None:
            self.notify("Choose a company first.", severity="warning", markup=False)
            return

        def done(path: str | None) -> None:
            if path:
                self.write_markdown(Path(path).expanduser())

        self.app.push_screen(
            PathPromptScreen(
                "Write the brief as Markdown to:", suggestion=f"brief-{company.id}.md"
            ),
            done,
        )

    def write_markdown(self, path: Path) -> None:
        """Write the printable brief (private file, atomic) and say where it went."""
        from storybank.privatefile import write_private_text
        from storybank.quality.brief import render_brief_markdown

        try:
            write_private_text(path, render_brief_markdown(self.brief))
        except (OSError, StoryBankError) as error:
            self.notify(
                f"Could not write {path}: {error}",
                title="Not written",
                severity="error",
                markup=False,
            )
            return
        self.notify(f"Brief written to {path}", markup=False)
