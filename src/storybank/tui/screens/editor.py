"""The story editor: every field, validated live with the same messages as import.

The form is turned into file-format data and checked by
`storybank.validate.validate_story_data`, so the editor can never save what an
import would refuse, and the user reads the same words in both places.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import (
    Button,
    Header,
    Input,
    Label,
    Select,
    SelectionList,
    Static,
    TextArea,
)
from textual.widgets.selection_list import Selection

from storybank.errors import Problem
from storybank.model import Story
from storybank.quality.textstats import count_words, format_seconds, seconds_for
from storybank.safetext import clean, clean_line, has_unsafe
from storybank.tui.literal import join, literal, literal_line
from storybank.tui.messages import BankChanged
from storybank.tui.screens import OwnStylesheets
from storybank.tui.widgets.check_list import CheckList
from storybank.tui.widgets.compact import compact_button, compact_input
from storybank.tui.widgets.footer import FooterLine
from storybank.tui.widgets.lint_findings import LintFindings, field_path
from storybank.tui.widgets.metric_row import MetricRow
from storybank.tui.widgets.tradeoff_row import TradeoffRow
from storybank.vocab import (
    BEAT_LABELS,
    BEATS,
    COMPETENCIES,
    CUSTOMERS,
    ORGS,
    REQUIRED_BEATS,
    ROUNDS,
    STAGES,
    STORY_KEYS,
    slugify,
)

if TYPE_CHECKING:
    from storybank.tui.app import StorybankApp
    from storybank.tui.checked_save import SaveOutcome

AfterSave = Callable[[bool], None]
"""Told whether the editor closed (saved, or the disk's version taken) or is still open."""

VALIDATE_DELAY = 0.25
"""Seconds of quiet typing before the form is re-validated (keeps keystrokes instant)."""

ERROR_FIELDS: tuple[str, ...] = STORY_KEYS
"""Fields with their own inline error line; anything else goes to the general line."""

ENV_CHOICES: dict[str, tuple[str, ...]] = {"stage": STAGES, "customer": CUSTOMERS, "org": ORGS}

SECTIONS: tuple[tuple[str, str, str], ...] = (
    ("story", "Story: id, title, summary, competencies", "f2"),
    ("beats", "The six beats", "f3"),
    ("numbers", "Numbers and tradeoffs", "f4"),
    ("setting", "Setting: environment, round notes, tags, themes", "f5"),
)
"""(id, heading, key) per section of the form: a key jumps straight to each, and ctrl+down
and ctrl+up step through them, instead of a dozen Tabs to reach the metrics."""


def id_from_title(title: str) -> str:
    """A valid id suggested from a title (or a company's name): "Launch & learn" ->
    "launch-learn", "Café Ops" -> "cafe-ops" (accents folded, anything else a dash)."""
    folded = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", slugify(folded)).strip("-")[:60].strip("-")


def split_list(text: str) -> list[str]:
    """`a, b ,c` -> ["a", "b", "c"]: the comma-separated fields (tags, custom competencies)."""
    return [part.strip() for part in text.split(",") if part.strip()]


class EditorScreen(OwnStylesheets, Screen[None]):
    """Edit one story (or write a new one); ctrl+s saves, escape asks before discarding."""

    STYLESHEETS = ("editor.tcss",)

    HELP_TITLE = "Story editor"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", tooltip="Validate and save the story"),
        Binding("escape", "close", "Close", tooltip="Close (asks if there are unsaved changes)"),
        Binding("ctrl+r", "add_metric", "Add metric", tooltip="Add a before -> after metric"),
        Binding("ctrl+o", "add_tradeoff", "Add tradeoff", tooltip="Add a chose/over/because row"),
        Binding(
            "ctrl+g",
            "next_fix",
            "Next fix",
            tooltip="Go to the field of the next lint finding (the list at the top says why)",
        ),
        Binding("ctrl+down", "section(1)", "Section", key_display="^↓", tooltip="Next section"),
        Binding("ctrl+up", "section(-1)", "Previous section", show=False),
        *(
            Binding(key, f"jump('{name}')", f"To {name}", show=False, tooltip=f"Go to {heading}")
            for name, heading, key in SECTIONS
        ),
    ]

    def __init__(self, story: Story | None = None, *, focus_field: str | None = None) -> None:
        super().__init__()
        self.story = story
        self.focus_field = focus_field
        """The field to focus first (a lint finding's field), else the title."""
        """The story as it was when the editor opened; None for a new story."""
        self.problems: list[Problem] = []
        self._initial: dict[str, Any] = {}
        self._id_follows_title = story is None
        self._validate_timer: Timer | None = None
        self._show_problems = story is not None
        self._warned_disk_version: str | None = None
        """The on-disk version of this story the user was last told about."""
        self.findings: list[Any] = []
        """The lint findings of the form as it stands (when it validates)."""
        self._next_fix = 0

    @property
    def storybank(self) -> StorybankApp:
        return self.app  # type: ignore[return-value]

    # --- building the form ---------------------------------------------------------------

    def compose(self) -> ComposeResult:
        s = self.story or Story(id="", title="")
        yield Header()
        yield Static("", id="editor-status")
        with VerticalScroll(id="editor-form"):
            yield Static("", id="editor-lint-title")
            yield LintFindings(id="editor-lint")
            yield self._section("story")
            yield Label("Id (letters, digits, dashes)", classes="field-label")
            # No select-all on focus: one key typed into a selected id would rename the story.
            yield compact_input(
                clean_line(s.id),
                placeholder="e.g. escalation-triage",
                id="f-id",
                select_on_focus=False,
            )
            yield self._error("id")
            yield Label("Title", classes="field-label")
            yield compact_input(
                clean_line(s.title), placeholder="What you did, in a line", id="f-title"
            )
            yield self._error("title")
            yield Label("Summary (one or two sentences)", classes="field-label")
            yield TextArea(
                clean(s.summary), id="f-summary", classes="summary", soft_wrap=True, compact=True
            )
            yield self._error("summary")
            yield Label("Competencies", classes="field-label")
            yield CheckList[str](*self._competency_options(s), id="f-competencies")
            yield compact_input(
                ", ".join(clean_line(c) for c in s.competencies if c not in self._known()),
                placeholder="other competencies, comma-separated",
                id="f-custom-competencies",
            )
            yield self._error("competencies")
            yield self._section("beats")
            for beat in BEATS:
                required = " (required)" if beat in REQUIRED_BEATS else ""
                yield Label(f"{BEAT_LABELS[beat]}{required}", classes="field-label")
                yield TextArea(clean(s.beat(beat)), id=f"f-{beat}", classes="beat", soft_wrap=True)
                yield self._error(beat)
            yield self._section("numbers")
            yield Label("Metrics: name, before, after, unit", classes="field-label")
            with VerticalScroll(id="metric-rows", classes="rows"):
                for metric in s.metrics:
                    yield MetricRow(metric)
            yield compact_button("Add metric", id="add-metric", classes="add-row")
            yield self._error("metrics")
            yield Label("Tradeoffs: chose X over Y because Z", classes="field-label")
            with VerticalScroll(id="tradeoff-rows", classes="rows"):
                for tradeoff in s.tradeoffs:
                    yield TradeoffRow(tradeoff)
            yield compact_button("Add tradeoff", id="add-tradeoff", classes="add-row")
            yield self._error("tradeoffs")
            yield self._section("setting")
            yield Label("Environment: stage, customer type, org design", classes="field-label")
            with Horizontal(id="environment-row", classes="row"):
                for key, choices in ENV_CHOICES.items():
                    current = getattr(s.environment, key)
                    yield Select[str](
                        [(value, value) for value in choices],
                        prompt=key,
                        compact=True,
                        value=current if current in choices else Select.NULL,
                        id=f"f-env-{key}",
                    )
            yield self._error("environment")
            yield Label("Round notes: what to stress in each round", classes="field-label")
            for round_name in ROUNDS:
                # A label beside each note: once filled, the placeholder no longer says
                # which round an input is for.
                with Horizontal(classes="row round-row"):
                    yield Label(round_name.capitalize(), classes="round-label")
                    yield compact_input(
                        clean_line(s.rounds.get(round_name, "")),
                        placeholder=f"what to stress in the {round_name} round",
                        id=f"f-round-{round_name}",
                    )
            yield self._error("rounds")
            yield Label("Tags (comma-separated)", classes="field-label")
            yield compact_input(", ".join(clean_line(t) for t in s.tags), id="f-tags")
            yield self._error("tags")
            yield Label("Themes it answers", classes="field-label")
            yield Static(self._themes_hint(), id="themes-hint", classes="field-hint")
            yield CheckList[str](*self._theme_options(s), id="f-themes")
            yield self._error("themes")
            yield Static("", id="err-general", classes="field-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancel", id="editor-cancel")
                yield Button("Save (ctrl+s)", id="editor-save", variant="primary")
        yield FooterLine()

    def _themes_inferred(self) -> tuple[list[str], bool]:
        from storybank.method.themes import story_themes

        if self.story is None:
            return [], True
        return story_themes(self.story)

    def _themes_hint(self) -> Content:
        _, inferred = self._themes_inferred()
        if inferred:
            return Content.styled(
                "Ticked: inferred from the story's words. Leave them to keep inferring, or "
                "change the ticks to say which themes it answers.",
                "dim",
            )
        return Content.styled("You chose these themes (untick all to say none).", "dim")

    def _theme_options(self, story: Story) -> list[Selection[str]]:
        from storybank.vocab import THEMES

        themes, inferred = self._themes_inferred()
        return [
            Selection(
                literal_line(f"{name} (inferred)" if inferred and name in themes else name),
                name,
                name in themes,
            )
            for name in THEMES
        ]

    @staticmethod
    def _section(name: str) -> Static:
        """A section's heading, with the key that jumps to it."""
        heading, key = next((h, k) for n, h, k in SECTIONS if n == name)
        return Static(
            join(
                Content.styled(heading, "bold $accent"), Content.styled(f"  {key.upper()}", "dim")
            ),
            id=f"section-{name}",
            classes="section-title",
        )

    @staticmethod
    def _error(field: str) -> Static:
        return Static("", id=f"err-{field}", classes="field-error")

    def _known(self) -> list[str]:
        """Competencies offered as choices: built-in, then custom ones used in the bank."""
        return [*COMPETENCIES, *self.storybank.bank.custom_competencies()]

    def _competency_options(self, story: Story) -> list[Selection[str]]:
        return [
            Selection(literal_line(name), name, name in story.competencies)
            for name in self._known()
        ]

    def on_mount(self) -> None:
        self.sub_title = "New story" if self.story is None else "Edit story"
        title = self.query_one("#f-title", Input)
        if self.story is not None:
            # The cursor at the end of the title, nothing selected: the first key typed adds
            # to the text instead of replacing it (the id is never the first focus).
            title.select_on_focus = False
            title.cursor_position = len(title.value)
        title.focus()
        if self.focus_field is not None:
            self.call_after_refresh(self._focus_field, self.focus_field)
        if self.story is not None and any(has_unsafe(t) for t in _all_text(self.story)):
            self.notify(
                "Control characters in this story are shown as visible symbols; saving "
                "keeps the symbols instead.",
                severity="warning",
                markup=False,
            )
        self.call_after_refresh(self._remember_initial)

    def _remember_initial(self) -> None:
        self._initial = self.form_data()
        self._validate()

    @on(Input.Blurred, "#f-title")
    def _title_left(self) -> None:
        self.query_one("#f-title", Input).select_on_focus = True  # like every other field

    # --- reading the form ----------------------------------------------------------------

    def _value(self, selector: str) -> str:
        return self.query_one(selector, Input).value.strip()

    def _metric_rows(self) -> list[MetricRow]:
        return [row for row in self.query(MetricRow) if not row.is_blank()]

    def _tradeoff_rows(self) -> list[TradeoffRow]:
        return [row for row in self.query(TradeoffRow) if not row.is_blank()]

    def form_data(self) -> dict[str, Any]:
        """The form as file-format data (what `validate_story_data` checks)."""
        chosen = list(self.query_one("#f-competencies", SelectionList).selected)
        original = self.story.competencies if self.story else []
        ordered = [c for c in original if c in chosen] + [c for c in chosen if c not in original]
        custom = split_list(self._value("#f-custom-competencies"))
        data: dict[str, Any] = {
            "id": self._value("#f-id"),
            "title": self._value("#f-title"),
            "summary": " ".join(self.query_one("#f-summary", TextArea).text.split()),
            "competencies": ordered + [c for c in custom if c not in ordered],
        }
        for beat in BEATS:
            data[beat] = self.query_one(f"#f-{beat}", TextArea).text.strip()
        data["metrics"] = [row.data() for row in self._metric_rows()]
        data["tradeoffs"] = [row.data() for row in self._tradeoff_rows()]
        environment: dict[str, str] = {}
        for key in ENV_CHOICES:
            value = self.query_one(f"#f-env-{key}", Select).value
            if isinstance(value, str):
                environment[key] = value
        data["environment"] = environment
        data["rounds"] = {
            name: self._value(f"#f-round-{name}")
            for name in ROUNDS
            if self._value(f"#f-round-{name}")
        }
        data["tags"] = split_list(self._value("#f-tags"))
        from storybank.vocab import THEMES

        picked = set(self.query_one("#f-themes", SelectionList).selected)
        shown, inferred = self._themes_inferred()
        if not inferred or picked != set(shown):
            # Said by the user (or changed from what was inferred): kept as declared.
            data["themes"] = [name for name in THEMES if name in picked]
        return data

    @property
    def is_dirty(self) -> bool:
        return bool(self._initial) and self.form_data() != self._initial

    # --- validation ----------------------------------------------------------------------

    def _schedule_validation(self) -> None:
        if self._validate_timer is not None:
            self._validate_timer.stop()
        self._validate_timer = self.set_timer(VALIDATE_DELAY, self._validate)

    def _validate(self) -> Story | None:
        """Check the form, show each problem under its field, update the status line."""
        from storybank.validate import validate_story_data

        data = self.form_data()
        story, problems = validate_story_data(data)
        problems = problems + self._bank_problems(data)
        if problems:
            story = None
        self.problems = problems
        self._show_errors(problems if self._show_problems else [])
        self._show_findings(story)
        self._update_status(data)
        return story

    def _show_findings(self, story: Story | None) -> None:
        """What `storybank lint` would say about the form as it stands, with each fix."""
        from storybank.quality.lint import lint_story

        title = self.query_one("#editor-lint-title", Static)
        pane = self.query_one("#editor-lint", LintFindings)
        if story is None:
            self.findings = []
            pane.show([])
            pane.display = False
            if self.problems and self._show_problems:
                title.update(
                    Content.styled(
                        "Fix the problems marked in red first; then the lint findings show here.",
                        "$error",
                    )
                )
            else:
                title.update("")
            title.display = bool(self.problems and self._show_problems)
            return
        report = lint_story(story)
        self.findings = list(report.findings)
        pane.show(self.findings)
        pane.display = bool(self.findings)
        title.display = True
        if not self.findings:
            title.update(
                join(
                    Content.styled("✓ Nothing to fix", "bold $success"),
                    f" · quality {report.score}/100 {report.verdict}",
                )
            )
            return
        count = len(self.findings)
        title.update(
            join(
                Content.styled(f"{count} to fix", "bold"),
                f" · quality {report.score}/100 {report.verdict}",
                Content.styled(" · enter on one, or ctrl+g, goes to its field", "dim"),
            )
        )

    def _bank_problems(self, data: dict[str, Any]) -> list[Problem]:
        """What only the bank knows: a new or renamed id must not take another story's."""
        new_id = data.get("id")
        if not isinstance(new_id, str) or not new_id:
            return []
        original_id = self.story.id if self.story else None
        if new_id != original_id and self.storybank.bank.story(new_id) is not None:
            return [Problem(f"a story with id {new_id!r} already exists", path=("id",))]
        return []

    def _show_errors(self, problems: list[Problem]) -> None:
        by_field: dict[str, list[str]] = {name: [] for name in (*ERROR_FIELDS, "general")}
        for problem in problems:
            head = problem.path[0] if problem.path else "general"
            field = head if isinstance(head, str) and head in by_field else "general"
            by_field[field].append(problem.format())
        for field, messages in by_field.items():
            target = self.query_one(f"#err-{field}", Static)
            target.update(literal("\n".join(messages)) if messages else Content(""))
            target.display = bool(messages)

    def _update_status(self, data: dict[str, Any]) -> None:
        words = count_words(" ".join(str(data[beat]) for beat in BEATS))
        spoken = format_seconds(seconds_for(words))
        # Short enough that "N problems · unsaved changes" still fits 80 columns.
        parts: list[Content | str] = [f"{words} words · about {spoken} at 150 wpm"]
        if self._show_problems and self.problems:
            count = len(self.problems)
            parts += [" · ", Content.styled(f"{count} problem{'s' * (count != 1)}", "$error")]
        elif self._show_problems:
            parts += [" · ", Content.styled("ready to save", "$success")]
        if self.is_dirty:
            parts += [" · ", Content.styled("unsaved changes", "$warning")]
        self.query_one("#editor-status", Static).update(join(*parts))

    # --- events --------------------------------------------------------------------------

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    @on(SelectionList.SelectedChanged)
    def _changed(self, event: Any) -> None:
        if not self._initial:
            return  # the form is still being filled from the story
        self._show_problems = True
        self._schedule_validation()

    @on(Input.Changed, "#f-title")
    def _title_changed(self, event: Input.Changed) -> None:
        if self._id_follows_title and self._initial:
            id_field = self.query_one("#f-id", Input)
            with id_field.prevent(Input.Changed):
                id_field.value = id_from_title(event.value)

    @on(Input.Changed, "#f-id")
    def _id_edited(self, event: Input.Changed) -> None:
        if self._initial:
            self._id_follows_title = False

    @on(Button.Pressed, "#add-metric")
    async def action_add_metric(self) -> None:
        await self._add_row("#metric-rows", MetricRow())

    @on(Button.Pressed, "#add-tradeoff")
    async def action_add_tradeoff(self) -> None:
        await self._add_row("#tradeoff-rows", TradeoffRow())

    async def _add_row(self, container: str, row: Widget) -> None:
        """Mount a blank row and put the cursor in it. Awaiting the mount matters: with key
        repeat the next press arrives before an un-awaited row has its inputs."""
        await self.query_one(container).mount(row)
        inputs = row.query(Input)
        if inputs:  # a row removed again meanwhile has none
            inputs.first().focus()
            row.scroll_visible()

    @on(MetricRow.Removed)
    @on(TradeoffRow.Removed)
    async def _row_removed(self, event: MetricRow.Removed | TradeoffRow.Removed) -> None:
        was_focused = event.row.has_focus_within
        await event.row.remove()
        if was_focused:  # else focus would fall to the bare rows container
            add = "#add-metric" if isinstance(event.row, MetricRow) else "#add-tradeoff"
            self.query_one(add, Button).focus()
        self._show_problems = True
        self._schedule_validation()

    @on(Button.Pressed, "#editor-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#editor-cancel")
    def _cancel_pressed(self) -> None:
        self.action_close()

    # --- actions ---------------------------------------------------------------------------

    def action_save(self) -> None:
        self.save()

    def has_unsaved_changes(self) -> bool:
        """For the app's quit guard."""
        return self.is_dirty

    def save(self, then: AfterSave | None = None) -> None:
        """Validate, confirm a rename, write without overwriting unseen changes, close.

        `then` learns whether the editor closed; it is not called while a dialog
        (rename, conflict) is still waiting for the user's answer.
        """
        self._show_problems = True
        story = self._validate()
        if story is None:
            count = len(self.problems)
            self.notify(
                f"{count} problem{'s' * (count != 1)} to fix before saving (marked in red).",
                severity="error",
                markup=False,
            )
            self._focus_first_error()
            if then is not None:
                then(False)
            return
        if self.story is not None and story.id != self.story.id:
            self._confirm_rename(story, then)
            return
        self._write(story, then)

    def _confirm_rename(self, story: Story, then: AfterSave | None) -> None:
        """Renaming changes the name every command uses for the story: ask, and say so."""
        from storybank.tui.screens.choice import Choice, ChoiceScreen

        assert self.story is not None
        old, new = self.story.id, story.id

        def answered(choice: str | None) -> None:
            if choice == "rename":
                self._write(story, then)
            elif choice == "keep":
                self._write(Story.from_dict({**story.to_dict(), "id": old}), then)
            elif then is not None:
                then(False)

        question = join(
            "Rename ", literal_line(old, "bold"), " to ", literal_line(new, "bold"), "?"
        )
        detail = join(
            "Its practice history and recall-card reviews move to the new id with it. "
            "Commands and notes that name the old id need the new one: ",
            literal_line(f"storybank cards {new}", "bold"),
            ", not ",
            literal_line(f"storybank cards {old}"),
            ".",
        )
        self.app.push_screen(
            ChoiceScreen(
                question,
                detail,
                [
                    Choice("cancel", "Back to editing"),
                    Choice("keep", "Save, keep the old id"),
                    Choice("rename", "Rename", "primary"),
                ],
            ),
            answered,
        )

    def _write(self, story: Story, then: AfterSave | None) -> None:
        from storybank.tui.checked_save import CheckedSave

        notice = getattr(self.storybank, "notice_outside_changes", None)
        if callable(notice):
            notice()  # tell the user about other writers first; the store still checks

        def finished(outcome: SaveOutcome) -> None:
            closed = self._finish(outcome)
            if then is not None:
                then(closed)

        CheckedSave(self.storybank, story, original=self.story, done=finished).start()

    def _finish(self, outcome: SaveOutcome) -> bool:
        """Refresh every view after a checked save and close; False: keep editing."""
        if outcome.action == "back":
            return False
        if outcome.record is not None:
            renamed = self.story is not None and outcome.record.id != self.story.id
            reason = "renamed story" if renamed and outcome.action == "saved" else "saved story"
            self.storybank.refresh_bank(reason, outcome.record.id)
        else:
            self.storybank.refresh_bank(
                "took the disk version", self.story.id if self.story else None
            )
        if outcome.action == "copy" and outcome.record is not None:
            self.notify(
                f"Saved as a copy with the id {outcome.record.id}; the version on disk was "
                "left as it was.",
                markup=False,
            )
        elif outcome.action == "disk":
            self.notify("Your changes were dropped; the version on disk stays.", markup=False)
        else:
            self.notify("Story saved.", markup=False)
        self.dismiss()
        return True

    def on_bank_changed(self, message: BankChanged) -> None:
        """Another writer changed the story being edited: say so now, not only at save."""
        from storybank.store import record_version

        if self.story is None or message.reason != "outside change":
            return
        disk = self.storybank.bank.story(self.story.id)
        if disk == self.story:
            return
        version = record_version(disk) or "deleted"
        if version == self._warned_disk_version:
            return
        self._warned_disk_version = version
        what = "was deleted" if disk is None else "changed"
        self.notify(
            f"The story you are editing {what} on disk. Saving shows what changed and lets "
            "you choose what to keep.",
            title="Changed on disk",
            severity="warning",
            timeout=10,
            markup=False,
        )

    def _focus_first_error(self) -> None:
        """After a failed save: the cursor in the first field with a problem (the exact
        metric or tradeoff row when the problem says which)."""
        for field in ERROR_FIELDS:
            if self.query_one(f"#err-{field}", Static).display:
                exact = next(
                    (
                        problem.path
                        for problem in self.problems
                        if problem.path and problem.path[0] == field
                    ),
                    (),
                )
                path = field
                if len(exact) >= 2 and isinstance(exact[1], int):
                    path = f"{field}[{exact[1]}]"
                    if len(exact) >= 3 and isinstance(exact[2], str):
                        path += f".{exact[2]}"
                if not self._focus_field(path):
                    self._focus_field(field)
                return

    def _field_widget(self, field: str) -> Widget | None:
        """The widget to focus for a field: a form field ("result"), a problem's or a
        finding's path ("metrics[1]", "tradeoffs[0].because")."""
        head, index, part = field_path(field)
        if head in ("metrics", "tradeoffs") and index is not None:
            rows = list(self.query(MetricRow if head == "metrics" else TradeoffRow))
            if index < len(rows):
                row = rows[index]
                wanted = row.query(f".{'m' if head == 'metrics' else 't'}-{part}") if part else None
                if wanted:
                    return wanted.first()
                inputs = row.query(Input)
                return inputs.first() if inputs else row
        selectors = {
            "competencies": "#f-competencies",
            "metrics": "#add-metric",
            "tradeoffs": "#add-tradeoff",
            "environment": "#f-env-stage",
            "rounds": "#f-round-behavioral",
            "story": "#f-context",  # the length of the whole: start where it begins
        }
        selector = selectors.get(head, f"#f-{head}")
        results = self.query(selector)
        return results.first() if results else None

    def _focus_field(self, field: str) -> bool:
        target = self._field_widget(field)
        if target is None or not target.focusable:
            return False
        target.focus()
        self.call_after_refresh(target.scroll_visible, animate=False)
        return True

    @on(LintFindings.Jump, "#editor-lint")
    def _jump_to_finding(self, event: LintFindings.Jump) -> None:
        self._focus_field(event.field)

    def action_next_fix(self) -> None:
        """Focus the field of the next finding (after the last, the first again)."""
        if not self.findings:
            self.notify("Nothing to fix: lint has no findings for this story.", markup=False)
            return
        self._next_fix %= len(self.findings)
        finding = self.findings[self._next_fix]
        self._next_fix += 1
        pane = self.query_one("#editor-lint", LintFindings)
        pane.highlighted = self.findings.index(finding)
        self._focus_field(finding.field)

    def action_jump(self, name: str) -> None:
        """Go to a section: its heading at the top, the cursor in its first field."""
        first = {
            "story": "#f-title",
            "beats": "#f-context",
            "numbers": "#add-metric",
            "setting": "#f-env-stage",
        }[name]
        if name == "numbers" and self.query(MetricRow):
            target: Widget = self.query(MetricRow).first().query(Input).first()
        else:
            target = self.query_one(first)
        target.focus()
        heading = self.query_one(f"#section-{name}")
        self.call_after_refresh(
            self.query_one("#editor-form", VerticalScroll).scroll_to_widget,
            heading,
            animate=False,
            top=True,
        )

    def action_section(self, step: int) -> None:
        """The next (or previous) section from the one the cursor is in."""
        names = [name for name, _, _ in SECTIONS]
        headings = [self.query_one(f"#section-{name}") for name in names]
        focused = self.focused
        current = 0
        if focused is not None:
            for index, heading in enumerate(headings):
                if focused.region.y >= heading.region.y:
                    current = index
        self.action_jump(names[(current + step) % len(names)])

    def action_close(self) -> None:
        if not self.is_dirty:
            self.dismiss()
            return
        from storybank.tui.screens.choice import Choice, ChoiceScreen

        def answered(choice: str | None) -> None:
            if choice == "discard":
                self.dismiss()
            elif choice == "save":
                self.save()

        self.app.push_screen(
            ChoiceScreen(
                Content.styled("Discard your changes to this story?", "bold"),
                "Nothing has been saved since the editor opened.",
                [
                    Choice("cancel", "Keep editing"),
                    Choice("discard", "Discard", "error"),
                    Choice("save", "Save and close", "primary"),
                ],
            ),
            answered,
        )


def _all_text(story: Story) -> list[str]:
    texts = [story.id, story.title, story.summary, *story.beats().values(), *story.tags]
    texts += [m.name for m in story.metrics] + [m.unit for m in story.metrics]
    texts += [t.chose for t in story.tradeoffs] + [t.over for t in story.tradeoffs]
    texts += [t.because for t in story.tradeoffs] + list(story.rounds.values())
    return texts + list(story.competencies)
