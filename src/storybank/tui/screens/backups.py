"""The bank's backups, from the command palette: list them, restore one.

The same listing as `storybank backups` (newest first: when, why, size, stories) and
the same restore as `storybank restore`, after a confirmation that says what will be
replaced. The store backs the current bank up first, so the restore is itself undone
with `u`; and it is refused if the bank changed since the confirmation was shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from storybank.errors import StoryBankError
from storybank.tui.literal import literal_line
from storybank.tui.screens import OwnStylesheets

if TYPE_CHECKING:
    from storybank.backups import BackupInfo
    from storybank.tui.app import StorybankApp


def size_text(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def stories_text(count: int | None) -> str:
    if count is None:
        return "unreadable"
    return f"{count} stor{'y' if count == 1 else 'ies'}"


def backup_when(info: BackupInfo) -> str:
    return info.created.astimezone().strftime("%Y-%m-%d %H:%M:%S")


def backup_row(info: BackupInfo) -> str:
    return (
        f"{backup_when(info):<19}  {info.reason[:16]:<16}  "
        f"{size_text(info.size):>9}  {stories_text(info.stories)}"
    )


class BackupsScreen(OwnStylesheets, ModalScreen[None]):
    """Every backup of the bank, newest first; enter restores the highlighted one (asks)."""

    STYLESHEETS = ("backups.tcss",)

    HELP_TITLE = "Backups"
    AUTO_FOCUS = "#backups-list"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,r", "restore", "Restore", tooltip="Restore the highlighted backup (asks)"),
        Binding("escape", "close", "Close"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.backups: list[BackupInfo] = []

    @property
    def storybank(self) -> StorybankApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog backups-dialog"):
            yield Static("Backups of your bank", classes="dialog-title")
            yield Static(id="backups-hint", classes="dialog-detail")
            yield Static(f"{'taken':<19}  {'why':<16}  {'size':>9}  stories", id="backups-head")
            yield OptionList(id="backups-list")
        yield Footer()

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        from storybank.backups import backups_dir

        try:
            self.backups = self.storybank.store.backups()
        except StoryBankError as exc:
            self.backups = []
            self.notify(str(exc), title="Backups not read", severity="error", markup=False)
        folder = backups_dir(self.storybank.store.path)
        if self.backups:
            hint = (
                f"{len(self.backups)} backup{'s' * (len(self.backups) != 1)} in {folder}, "
                "newest first. One is taken before "
                "every delete, import, restore or undo, and at most hourly while you write. "
                "enter restores the highlighted one (asks first; u undoes)."
            )
        else:
            hint = f"No backups yet in {folder}: the first write to the bank takes one."
        self.query_one("#backups-hint", Static).update(literal_line(hint))
        options = self.query_one("#backups-list", OptionList)
        options.clear_options()
        options.add_options(
            [Option(literal_line(backup_row(info)), id=info.name) for info in self.backups]
        )
        if self.backups:
            options.highlighted = 0
        self.refresh_bindings()

    @property
    def selected(self) -> BackupInfo | None:
        index = self.query_one("#backups-list", OptionList).highlighted
        if index is None or not 0 <= index < len(self.backups):
            return None
        return self.backups[index]

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_restore()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "restore":
            return True if self.backups else None
        return True

    def action_restore(self) -> None:
        from storybank.tui.screens.confirm import ConfirmScreen

        info = self.selected
        if info is None:
            return
        if info.stories is None:
            self.notify(
                "That backup cannot be read as a bank, so it cannot be restored.",
                severity="warning",
                markup=False,
            )
            return
        app = self.storybank
        app.notice_outside_changes()  # the question describes the bank as it is now
        seen = app.store.file_version()
        bank = app.bank
        stories, companies = len(bank.stories), len(bank.companies)
        detail = (
            f"This replaces your whole bank as it is now ({stories_text(stories)}, "
            f"{companies} compan{'y' if companies == 1 else 'ies'}, and its practice "
            f"history and settings) with the backup's ({stories_text(info.stories)}). "
            "Your bank is backed up first, and u takes the restore back."
        )

        def answered(confirmed: bool | None) -> None:
            if confirmed:
                app.restore_backup(info, seen)
                self.reload()

        question = Content.styled(f"Restore the backup of {backup_when(info)}?", "bold")
        self.app.push_screen(ConfirmScreen(question, detail, confirm_label="Restore"), answered)

    def action_close(self) -> None:
        self.dismiss(None)
