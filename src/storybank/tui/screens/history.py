"""A story's history: its earlier versions, each beside the current one, and restore.

Opened with `H` on the story list. The list holds the versions the store kept (newest
first: when the save that replaced it ran, and what that save changed); the pane beside
it shows the highlighted version against the story as it is now, field by field (only
the fields that differ). `r` restores the highlighted version after a confirmation:
the restore is a checked save (never over a change the app did not see), the current
version goes into the history, and `u` takes the restore back.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Label, OptionList, Static
from textual.widgets.option_list import Option

from storybank.errors import StoryBankError
from storybank.tui.checked_save import STORY_FIELDS
from storybank.tui.literal import join, literal, literal_line
from storybank.tui.messages import BankChanged
from storybank.tui.screens import OwnStylesheets
from storybank.tui.screens.conflict import differing_fields, show_value

if TYPE_CHECKING:
    from storybank.model import Story
    from storybank.store import StoryVersion
    from storybank.tui.app import StorybankApp


def when(stamp: str) -> str:
    """An ISO time as local date and minute ("2026-12-02 18:50"); the text itself if odd."""
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp or "unknown time"
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%Y-%m-%d %H:%M")


def version_label(version: StoryVersion) -> str:
    return f"v{version.number}  {when(version.replaced_at)}  {version.summary}"


class HistoryScreen(OwnStylesheets, Screen[None]):
    """The earlier versions of one story, compared with the current one."""

    STYLESHEETS = ("conflict.tcss", "history.tcss")

    HELP_TITLE = "Story history"
    AUTO_FOCUS = "#history-list"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "restore", "Restore", tooltip="Make the highlighted version current (asks)"),
        Binding("escape", "back", "Back", tooltip="Back to the story list"),
    ]

    def __init__(self, story_id: str) -> None:
        super().__init__()
        self.story_id = story_id
        self.versions: list[StoryVersion] = []
        self.current: Story | None = None

    @property
    def storybank(self) -> StorybankApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        with Vertical(id="history"):
            yield Static(id="history-title", classes="dialog-title")
            yield Static(id="history-hint")
            with Horizontal(id="history-body"):
                yield OptionList(id="history-list")
                yield VerticalScroll(id="history-diff")
        yield Footer()

    async def on_mount(self) -> None:
        await self._load()

    async def on_bank_changed(self, message: BankChanged) -> None:
        await self._load()

    # -- building -----------------------------------------------------------------------

    async def _load(self) -> None:
        """Read the story and its versions again and redraw, keeping the highlighted one."""
        keep = self.selected.number if self.selected is not None else None
        self.current = self.storybank.bank.story(self.story_id)
        try:
            self.versions = self.storybank.store.story_versions(self.story_id)
        except StoryBankError as exc:
            self.versions = []
            self.notify(str(exc), title="History not read", severity="error", markup=False)
        title = self.current.title if self.current is not None else self.story_id
        self.query_one("#history-title", Static).update(
            join("History of ", literal_line(title, "bold"))
        )
        count = len(self.versions)
        if self.current is None:
            hint = "This story is not in the bank now (deleted?); its versions are shown alone."
        elif not count:
            hint = (
                "No earlier versions yet: each save that changes this story keeps the one "
                "it replaces here."
            )
        else:
            hint = (
                f"{count} earlier version{'s' * (count != 1)}, newest first: when the save "
                "that replaced it ran, and what that save changed. Beside it: that version "
                "against the story now. r restores it (u undoes)."
            )
        self.query_one("#history-hint", Static).update(Content(hint))
        options = self.query_one("#history-list", OptionList)
        options.clear_options()
        options.add_options(
            [Option(literal_line(version_label(v)), id=str(v.number)) for v in self.versions]
        )
        if self.versions:
            index = next((i for i, v in enumerate(self.versions) if v.number == keep), 0)
            options.highlighted = index
        await self._show_diff()
        self.refresh_bindings()

    @property
    def selected(self) -> StoryVersion | None:
        if not self.is_mounted:
            return None
        options = self.query_one("#history-list", OptionList)
        index = options.highlighted
        if index is None or not 0 <= index < len(self.versions):
            return None
        return self.versions[index]

    async def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        await self._show_diff()

    async def _show_diff(self) -> None:
        pane = self.query_one("#history-diff", VerticalScroll)
        await pane.remove_children()
        version = self.selected
        if version is None:
            return
        then = version.story.to_dict()
        now = self.current.to_dict() if self.current is not None else {}
        fields = [(key, label) for key, label in STORY_FIELDS if key != "id"]
        differ = differing_fields(fields, then, now)
        if then.get("id") != self.story_id:
            differ.insert(0, ("id", "Id"))
        if not differ:
            await pane.mount(Static(Content(f"v{version.number} is the same as the story now.")))
            return
        widgets: list[Horizontal] = [
            Horizontal(
                Label("Field", classes="conflict-field"),
                Label(f"v{version.number}", classes="conflict-value"),
                Label("Now", classes="conflict-value"),
                classes="conflict-head",
            )
        ]
        for key, label in differ:
            widgets.append(
                Horizontal(
                    Label(label, classes="conflict-field"),
                    Static(literal(show_value(key, then.get(key))), classes="conflict-value"),
                    Static(
                        literal(show_value(key, now.get(key))),
                        classes="conflict-value history-now",
                    ),
                    classes="conflict-row",
                    id=f"history-row-{key}",
                )
            )
        await pane.mount_all(widgets)

    # -- actions ------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "restore":
            return True if self.selected is not None and self.current is not None else None
        return True

    def action_restore(self) -> None:
        from storybank.tui.screens.confirm import ConfirmScreen

        version, current = self.selected, self.current
        if version is None or current is None:
            return
        fields = [(key, label) for key, label in STORY_FIELDS if key != "id"]
        differ = [
            label
            for _key, label in differing_fields(fields, version.story.to_dict(), current.to_dict())
        ]
        if differ:
            what = f"It replaces the current {', '.join(differ)}."
        else:
            what = "It is the same as the current version."
        detail = (
            f"{what} The current version is kept in the history first, and u takes the "
            "restore back."
        )

        def answered(confirmed: bool | None) -> None:
            if confirmed:
                self.storybank.restore_version(self.story_id, version.number, current)

        question = join(f"Restore v{version.number} of ", literal_line(current.title, "bold"), "?")
        self.app.push_screen(ConfirmScreen(question, detail, confirm_label="Restore"), answered)

    def action_back(self) -> None:
        self.dismiss(None)
