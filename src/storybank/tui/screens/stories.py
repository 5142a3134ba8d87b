"""Home: the story list (fuzzy filter as you type) beside the selected story in full."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from storybank.tui.literal import join, literal_line
from storybank.tui.messages import BankChanged, StoryChosen
from storybank.tui.widgets.badges import badges
from storybank.tui.widgets.footer import FooterLine
from storybank.tui.widgets.lint_findings import LintFindings
from storybank.tui.widgets.nav_bar import NavBar
from storybank.tui.widgets.story_detail import StoryDetail

if TYPE_CHECKING:
    from storybank.model import Bank, Story
    from storybank.quality.lint import StoryReport
    from storybank.tui.app import StorybankApp

FILTER_CUTOFF = 75.0
"""rapidfuzz partial-ratio score (0-100) a story needs to stay listed while filtering."""


SCORE_DELAY_AT_START = 0.15
"""Seconds after the home screen's first paint before the first lint scores and the recall
due count are computed (threads, which share the interpreter with the UI thread: the
frames just after the first, a resize or the footer's keys, are still being made)."""

SCORE_CHUNK = 50
"""Stories scored between two updates of the list."""


def story_reports(
    stories: list[Story], cancelled: Callable[[], bool] | None = None
) -> dict[str, StoryReport]:
    """Lint report per story id (pure engine code, safe to run in a worker thread): the
    list shows the score, the detail pane the findings and their fixes.

    `cancelled` is asked before each story, so a worker scoring a big bank stops within
    one story's lint (~1 ms) when it is replaced or the app quits, instead of keeping
    the interpreter alive until the whole bank is scored."""
    from storybank.quality.lint import lint_story  # ~40 ms import: never on the first frame

    reports: dict[str, StoryReport] = {}
    for story in stories:
        if cancelled is not None and cancelled():
            break
        reports[story.id] = lint_story(story)
    return reports


def story_scores(
    stories: list[Story], cancelled: Callable[[], bool] | None = None
) -> dict[str, int]:
    """Lint score per story id (see `story_reports`)."""
    return {key: report.score for key, report in story_reports(stories, cancelled).items()}


SearchTexts = dict[str, tuple["Story", str, str]]
"""id -> (story, processed title, processed rest): what filtering compares, kept per story."""


def filter_stories(
    stories: list[Story], query: str, prepared: SearchTexts | None = None
) -> list[Story]:
    """Stories matching `query` fuzzily (title weighs most), best first, ties in bank order.

    `prepared` (kept by the caller between keystrokes) holds each story's text already
    joined and normalised, so a keystroke in a big bank only compares."""
    query = query.strip()
    if not query:
        return list(stories)
    from rapidfuzz import fuzz, utils  # ~10 ms import, only once the user filters

    wanted = utils.default_process(query)
    cache: SearchTexts = {} if prepared is None else prepared
    ranked: list[tuple[float, int, Story]] = []
    for index, story in enumerate(stories):
        texts = cache.get(story.id)
        if texts is None or not (texts[0] is story or texts[0] == story):
            rest = " ".join([story.summary, *story.competencies, *story.tags, story.id])
            texts = (story, utils.default_process(story.title), utils.default_process(rest))
            cache[story.id] = texts
        title_score = fuzz.partial_ratio(wanted, texts[1])
        rest_score = fuzz.partial_ratio(wanted, texts[2]) * 0.9
        score = max(title_score, rest_score)
        if score >= FILTER_CUTOFF:
            ranked.append((-score, index, story))
    ranked.sort(key=lambda item: (item[0], item[1]))
    return [story for _, _, story in ranked]


SORT_LABELS = {
    "bank": "bank order",
    "id": "id",
    "title": "title",
    "quality": "quality, lowest first",
    "practised": "last practised, longest ago first",
    "edited": "last edited, newest first",
}
"""How the list's sort indicator names each `settings.STORY_SORT` order."""


def sort_stories(
    stories: list[Story],
    order: str,
    scores: dict[str, int] | None = None,
    last_practised: dict[str, str] | None = None,
    last_edited: dict[str, str] | None = None,
) -> list[Story]:
    """`stories` in `order` (a `settings.STORY_SORT` choice); ties keep bank order.

    A story not scored yet sorts after the scored ones; one never practised comes first
    when sorting by last practised (it is the one most in need of a drill); one never
    edited since it was added comes after the edited ones when sorting by last edit."""
    if order == "id":
        return sorted(stories, key=lambda s: s.id)
    if order == "title":
        return sorted(stories, key=lambda s: (s.title.casefold(), s.id))
    if order == "quality":
        known = scores or {}
        return sorted(stories, key=lambda s: (s.id not in known, known.get(s.id, 0)))
    if order == "practised":
        when = last_practised or {}
        return sorted(stories, key=lambda s: when.get(s.id, ""))
    if order == "edited":
        edited = last_edited or {}
        newest_first = sorted(
            (s for s in stories if s.id in edited), key=lambda s: edited[s.id], reverse=True
        )
        return newest_first + [s for s in stories if s.id not in edited]
    return list(stories)


def last_practised(store: object) -> dict[str, str]:
    """Story id -> the date it was last picked in a practice drill (ISO text)."""
    from storybank.practice import read_history

    latest: dict[str, str] = {}
    for record in read_history(store):
        if record.chosen and record.date > latest.get(record.chosen, ""):
            latest[record.chosen] = record.date
    return latest


def story_prompt(story: Story, score: int | None) -> Content:
    """Two lines per story: the title, then badges and the quality score."""
    second: list[Content | str] = [badges(story.competencies, limit=4)]
    if score is not None:
        style = "$success" if score >= 80 else "$warning" if score >= 60 else "$error"
        second += ["  ", Content.styled(f"{score:>3}", f"bold {style}")]
    if not story.competencies and score is None:
        second.append(Content.styled("no competencies yet", "$text-muted"))
    return Content.assemble(literal_line(story.title, "bold"), "\n", *second)


class StoriesScreen(Screen[None]):
    """Browse, filter, create, edit and delete stories."""

    AUTO_FOCUS = "#story-list"
    HELP_TITLE = "Story list"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "filter", "Filter", tooltip="Fuzzy-filter the list as you type"),
        Binding("n", "new", "New", tooltip="Write a new story"),
        Binding("e", "edit", "Edit", tooltip="Edit the selected story"),
        Binding("C,c", "cue_card", "Card", tooltip="The selected story's cue card, on one screen"),
        Binding(
            "f",
            "findings",
            "Fixes",
            tooltip="The selected story's lint findings: enter opens the editor at the field",
        ),
        Binding("d", "delete", "Delete", tooltip="Delete the selected story (asks first)"),
        Binding(
            "H",
            "history",
            "History",
            tooltip="The selected story's earlier versions, beside the current one; restore",
            show=False,  # the footer is full at 80 columns; help and the palette list it
        ),
        Binding(
            "u",
            "undo",
            "Undo",
            tooltip="Take back the last change: a delete, a save, a sample load, a restore",
        ),
        Binding("escape", "clear_filter", "Clear filter", show=False),
        Binding(
            "S",
            "cycle_sort",
            "Sort",
            tooltip="Order by id, title, quality, last practised or last edited (remembered)",
        ),
        # The list and the detail pane use down themselves; this fires from the filter box.
        Binding("down", "focus_list", "To the list", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.selected_story_id: str | None = None
        """The highlighted story, kept across refreshes and filtering."""
        self._scores: dict[str, int] = {}
        self._score_cache: dict[str, tuple[Story, int]] = {}
        self._reports: dict[str, tuple[Story, StoryReport]] = {}
        """id -> (the story as linted, its report): the findings the detail pane lists."""
        """id -> (the story as scored, its lint score): rescored only when the story changes."""
        self._first_scores_pending = True
        """The first scoring (and due count) waits for SCORE_DELAY_AT_START, so it never
        delays the first paint."""
        self._shown: list[Story] = []
        self._shown_ids: set[str] = set()
        self._search_texts: SearchTexts = {}
        self._prompts: dict[str, tuple[Story, int | None, Content]] = {}
        """id -> (story, score, its list prompt). Reusing a prompt keeps the height Textual
        measured for it, so a rebuild of a long list measures only what changed."""
        """Ids of `_shown`, for membership tests (a list test compares whole stories)."""

    @property
    def storybank(self) -> StorybankApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield NavBar("stories")
        with Horizontal(id="stories-body"):
            with Vertical(id="story-list-pane"):
                yield OptionList(id="story-list")
                yield Static("", id="story-count")
                yield Static("", id="recall-due")
            with Vertical(id="story-side"):
                yield StoryDetail(id="story-detail")
                yield Static("", id="story-lint-title")
                yield LintFindings(id="story-lint")
        yield FooterLine()

    def on_mount(self) -> None:
        self._rebuild()
        # Counted from the first paint, not from now: on a busy machine the paint itself
        # comes later, and a delay from mount would land the threads on it.
        self.call_after_refresh(self.set_timer, SCORE_DELAY_AT_START, self._fill_in)

    def _fill_in(self) -> None:
        """After the first paint: count the due recall cards, score the stories not scored.

        Both run in threads, but a thread still takes turns with the UI thread for the
        interpreter: started with the screen, they made its first paint take about twice
        as long. The list, the count line and the detail show at once and these fill in."""
        self._first_scores_pending = False
        self._count_due(self.storybank.bank)
        self._cached_scores(self.storybank.bank.stories)

    # Each worker is given a description: by default Textual names a worker after the
    # repr of its arguments, and that of a 1,000-story bank took ~15 ms of the UI thread.
    @work(thread=True, exclusive=True, group="recall-due", description="count due cards")
    def _count_due(self, bank: Bank) -> None:
        """How many recall cards are due (FSRS replay, off the UI thread; t opens the drill)."""
        from storybank.recall.cards import Cancelled
        from storybank.recall.schedule import due_summary, utc_now

        worker = get_current_worker()

        def gone() -> bool:
            return worker.is_cancelled or not self.app.is_running

        try:
            summary = due_summary(bank, utc_now(), cancelled=gone)
        except Cancelled:
            return  # the app is closing, or a newer count replaced this one
        if gone():
            return
        if not summary.total:
            text = ""
        elif summary.due:
            text = f"Recall: {summary.due} due · t to drill"
        else:
            text = "Recall: nothing due"
        self.app.call_from_thread(self.query_one("#recall-due", Static).update, text)

    # --- quality scores (computed off the UI thread, cached per story version) -----------

    def _cached_scores(self, stories: list[Story]) -> dict[str, int]:
        """Scores still valid for the stories as they are now; starts scoring the rest."""
        known: dict[str, int] = {}
        missing: list[Story] = []
        for story in stories:
            cached = self._score_cache.get(story.id)
            if cached is not None and cached[0] == story:
                known[story.id] = cached[1]
            else:
                missing.append(story)
        if missing and not self._first_scores_pending:  # until then `_fill_in` starts them
            self._score_stories(missing)
        return known

    @work(thread=True, exclusive=True, group="lint-scores", description="score stories")
    def _score_stories(self, stories: list[Story]) -> None:
        worker = get_current_worker()
        # In chunks, so scores fill in as they come and each update of the list stays a
        # few milliseconds of the UI thread (one chunk's prompts measured, not the bank's).
        for start in range(0, len(stories), SCORE_CHUNK):
            chunk = stories[start : start + SCORE_CHUNK]
            reports = story_reports(chunk, lambda: worker.is_cancelled)
            if worker.is_cancelled or not self.app.is_running:
                return  # a newer job replaced this one, or the app is closing
            self.app.call_from_thread(self._scores_ready, chunk, reports)

    def _scores_ready(self, stories: list[Story], reports: dict[str, StoryReport]) -> None:
        scores = {key: report.score for key, report in reports.items()}
        for story in stories:
            if story.id in scores:
                self._score_cache[story.id] = (story, scores[story.id])
                self._reports[story.id] = (story, reports[story.id])
        current = {s.id: s for s in self.storybank.bank.stories}
        option_list = self.query_one("#story-list", OptionList)
        for story in stories:
            if current.get(story.id) != story or story.id not in scores:
                continue  # changed again since; a newer worker scores it
            self._scores[story.id] = scores[story.id]
            if story.id in self._shown_ids:
                option_list.replace_option_prompt(story.id, self._prompt(story))
        if self.selected_story_id in scores:
            self._select(self.selected_story_id)
        if self._story_order() == "quality" and all(
            s.id in self._scores for s in self.storybank.bank.stories
        ):
            self._rebuild()  # every score is in: the list takes its quality order

    # --- list --------------------------------------------------------------------------

    def _rebuild(self, select: str | None = None) -> None:
        stories = self.storybank.bank.stories
        self._scores = self._cached_scores(stories)
        query = self._filter_query()
        before = [s.id for s in self._shown]
        self._shown = filter_stories(stories, query, self._search_texts)
        order = self._story_order()
        if not query.strip() and order != "bank":  # a filter lists the best match first
            store = self.storybank.store
            practised = last_practised(store) if order == "practised" else None
            edited = store.last_edited() if order == "edited" else None
            self._shown = sort_stories(self._shown, order, self._scores, practised, edited)
        self._shown_ids = {s.id for s in self._shown}
        option_list = self.query_one("#story-list", OptionList)
        ids = [s.id for s in self._shown]
        if ids == before and option_list.option_count == len(ids):
            # The same stories in the same order (one story saved, say): change only the
            # prompts that changed, instead of making and measuring the whole list again.
            for index, story in enumerate(self._shown):
                prompt = self._prompt(story)
                if option_list.get_option_at_index(index).prompt is not prompt:
                    option_list.replace_option_prompt_at_index(index, prompt)
        else:
            option_list.clear_options()
            option_list.add_options(Option(self._prompt(s), id=s.id) for s in self._shown)
        wanted = select or self.selected_story_id
        if ids:
            index = ids.index(wanted) if wanted in ids else 0
            self._select(ids[index])
            option_list.highlighted = index
        else:
            self._select(None)
        self._update_count(len(stories), query)

    def _prompt(self, story: Story) -> Content:
        """The story's list prompt with its current score, reused while neither changed."""
        score = self._scores.get(story.id)
        cached = self._prompts.get(story.id)
        if cached is not None and cached[1] == score and (cached[0] is story or cached[0] == story):
            return cached[2]
        prompt = story_prompt(story, score)
        self._prompts[story.id] = (story, score, prompt)
        return prompt

    def _update_count(self, total: int, query: str) -> None:
        shown = len(self._shown)
        noun = "story" if total == 1 else "stories"
        if query.strip():
            text = join(f"{shown} of {total} {noun} match ", literal_line(repr(query.strip())))
        else:
            text = Content(f"{total} {noun}" + (" · 5-7 is the target" if total < 5 else ""))
            order = self._story_order()
            if order != "bank":
                text = join(text, Content.styled(f"\n▼ by {SORT_LABELS[order]}", "dim"))
        self.query_one("#story-count", Static).update(text)

    def _select(self, story_id: str | None) -> None:
        had_selection = self.selected_story_id is not None
        self.selected_story_id = story_id
        story = self.storybank.bank.story(story_id) if story_id else None
        score = self._scores.get(story_id) if story_id else None
        self.query_one(StoryDetail).show(story, score)
        self._show_findings(story)
        if had_selection != (story_id is not None):
            self.refresh_bindings()  # e/d appear or go; the footer rebuilds only then

    def _show_findings(self, story: Story | None) -> None:
        """The selected story's lint findings and fixes under it (once linted)."""
        title = self.query_one("#story-lint-title", Static)
        findings = self.query_one("#story-lint", LintFindings)
        cached = self._reports.get(story.id) if story is not None else None
        report = cached[1] if cached is not None and cached[0] == story else None
        if story is None:
            title.update("")
            findings.show([])
        elif report is None:
            title.update(Content.styled("Checking the story…", "$text-muted"))
            findings.show([])
        elif not report.findings:
            title.update(
                join(
                    Content.styled("✓ Nothing to fix", "bold $success"),
                    f" · {report.score}/100 {report.verdict}",
                )
            )
            findings.show([])
        else:
            count = len(report.findings)
            title.update(
                join(
                    Content.styled(f"{count} to fix", "bold"),
                    f" · {report.score}/100 {report.verdict}",
                )
            )
            findings.show(report.findings)
        if findings.display != bool(findings.findings):
            findings.display = bool(findings.findings)
            self.refresh_bindings()  # f is offered only when there is something to fix

    @on(LintFindings.Jump, "#story-lint")
    def _jump_to_field(self, event: LintFindings.Jump) -> None:
        """Enter on a finding: the editor, open at the field the finding is about."""
        if self.selected_story_id:
            self.storybank.open_editor(self.selected_story_id, field=event.field)

    @on(OptionList.OptionHighlighted, "#story-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id != self.selected_story_id:
            self._select(event.option.id)

    @on(OptionList.OptionSelected, "#story-list")
    def _opened(self, event: OptionList.OptionSelected) -> None:
        """Enter on a story: read it in the detail pane (enter again edits)."""
        self._select(event.option.id)
        self.query_one(StoryDetail).focus()

    @on(Input.Changed, "#story-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self._rebuild()

    @on(Input.Submitted, "#story-filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        self.query_one("#story-list", OptionList).focus()

    def on_screen_resume(self) -> None:
        # A drill rated in Practice changes "last practised" without a bank write.
        if self._story_order() == "practised":
            self._rebuild()

    def on_bank_changed(self, message: BankChanged) -> None:
        self._rebuild(select=message.story_id)
        self._count_due(self.storybank.bank)
        self.refresh_bindings()  # undo may have become available

    async def on_story_chosen(self, message: StoryChosen) -> None:
        if message.story_id not in self._shown_ids:
            await self._clear_filter()
        self._rebuild(select=message.story_id)
        self.query_one("#story-list", OptionList).focus()

    # --- actions -----------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit", "delete", "cue_card", "history"):
            return self.selected_story_id is not None
        if action == "findings":
            return bool(self.query_one("#story-lint", LintFindings).findings)
        if action == "undo":
            return self.storybank.undo_what is not None
        if action == "clear_filter":
            return self._filter_field() is not None
        return True

    def _filter_field(self) -> Input | None:
        """The filter box, which exists only while filtering (one widget less at start-up)."""
        found = self.query("#story-filter")
        return found.first(Input) if found else None

    def _filter_query(self) -> str:
        field = self._filter_field()
        return field.value if field is not None else ""

    async def action_filter(self) -> None:
        field = self._filter_field()
        if field is None:
            field = Input(placeholder="Filter stories…", id="story-filter")
            await self.query_one("#story-list-pane").mount(field, before=0)
        field.focus()
        self.refresh_bindings()

    async def _clear_filter(self) -> None:
        field = self._filter_field()
        if field is not None:
            await field.remove()
        self.refresh_bindings()

    async def action_clear_filter(self) -> None:
        await self._clear_filter()
        self._rebuild()
        self.query_one("#story-list", OptionList).focus()

    def action_focus_list(self) -> None:
        self.query_one("#story-list", OptionList).focus()

    def _story_order(self) -> str:
        from storybank import settings

        store = getattr(self.storybank, "store", None)
        # As the store last saw the file, the version the shown bank was built from: a
        # rebuild asks this several times, and each `get_setting` reads the whole file.
        return settings.read(store.seen_settings if store else None, settings.STORY_SORT)

    def action_cycle_sort(self) -> None:
        """The next order (bank, id, title, quality, last practised, last edited), remembered."""
        from storybank import settings
        from storybank.errors import StoryBankError

        order = settings.STORY_SORT.after(self._story_order())
        try:
            settings.write(self.storybank.store, settings.STORY_SORT, order)
        except StoryBankError as error:
            self.notify(str(error), title="Not saved", severity="error", markup=False)
            return
        self._rebuild()
        self.notify(f"Stories by {SORT_LABELS[order]}.", markup=False)

    def action_new(self) -> None:
        self.storybank.open_editor(None)

    def action_edit(self) -> None:
        if self.selected_story_id:
            self.storybank.open_editor(self.selected_story_id)

    def action_findings(self) -> None:
        self.query_one("#story-lint", LintFindings).focus()

    def action_cue_card(self) -> None:
        """The cue card of the selected story; left and right go through the list shown."""
        if self.selected_story_id:
            self.storybank.open_cards([s.id for s in self._shown], self.selected_story_id)

    def action_delete(self) -> None:
        if self.selected_story_id:
            self.storybank.confirm_delete(self.selected_story_id)

    def action_history(self) -> None:
        if self.selected_story_id is not None:
            self.storybank.open_history(self.selected_story_id)

    def action_undo(self) -> None:
        self.storybank.undo()
