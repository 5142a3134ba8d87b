"""The storybank Textual app: owns the store, the bank snapshot and app-wide keys.

Screens are views: they read `app.bank` (a snapshot reloaded after every write)
and ask the app to write through `app.store`. After each write the app calls
`refresh_bank()`, which reloads the snapshot and sends `BankChanged` to every
screen so they redraw. Section screens (Ask, Companies, Coverage, Practice,
Brief) are Textual modes, imported only when first opened so startup stays fast.

Other writers: a cheap stat of the database file (on a slow timer, when the
terminal regains focus and before each save) notices a change made outside the
app; the snapshot is reloaded, every screen redraws and the user is told what
changed. Editors keep their forms; their saves are checked by the store against
the version they started from (`storybank.tui.checked_save`).
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events
from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen, Screen
from textual.widgets import Input

from storybank import settings
from storybank.errors import StoryBankError
from storybank.safetext import clean
from storybank.tui.commands import StorybankCommands
from storybank.tui.messages import BankChanged

if TYPE_CHECKING:
    from storybank.backups import BackupInfo
    from storybank.model import Bank, Story
    from storybank.store import Store
    from storybank.tui.themes import ThemeLoadResult
    from storybank.tui.undo import UndoStep

DEFAULT_THEME = settings.THEME.default

SECTIONS: dict[str, tuple[str, str, str]] = {
    "ask": ("storybank.tui.screens.ask", "AskScreen", "Ask"),
    "companies": ("storybank.tui.screens.companies", "CompaniesScreen", "Companies"),
    "coverage": ("storybank.tui.screens.coverage", "CoverageScreen", "Coverage"),
    "practice": ("storybank.tui.screens.practice", "PracticeScreen", "Practice"),
    "brief": ("storybank.tui.screens.brief", "BriefScreen", "Brief"),
    "drill": ("storybank.tui.screens.drill", "DrillScreen", "Drill"),
}
"""Section name -> (module, class, label). Each is a mode holding its own screen state."""

HOME_MODE = "stories"
"""The story list's mode; the editor and the welcome screen are pushed onto it."""


def _home_screen() -> Screen:
    from storybank.tui.screens.stories import StoriesScreen

    return styled_as_now(StoriesScreen())


def styled_as_now(screen: Screen) -> Screen:
    """Mark a screen made for a mode as up to date with the stylesheet as it is now.

    Textual refreshes the whole CSS (a fresh parse of every source, about 12 ms, and the
    parse cache emptied, so the next widget's default CSS parses everything once more)
    the first time any mode's screen is shown, since the screen's count of CSS updates
    starts behind the app's. A screen just made has no styles yet: it is styled from the
    current stylesheet when it mounts, so there is nothing to refresh. A theme change
    still refreshes every screen as before (it counts as an update after this one).

    What that refresh did that matters is styling the app itself (Textual styles the app
    only after its first screen is composed, and widgets measured and rendered before
    would keep the colours of an unstyled app): done here, from the one parse."""
    app = screen.app
    app.stylesheet.update(app, animate=False)
    return counted_as_styled(screen)


def counted_as_styled(screen: Screen) -> Screen:
    """Count a screen just made for a mode as styled with the stylesheet as it is now, so
    Textual does not refresh the whole CSS when it is first shown (see `styled_as_now`).

    A section screen's own stylesheet is read before it is shown (its CSS_PATH: a parse
    and a restyle of what is already mounted, so rules that match anything there apply
    too); the screen itself is styled from the result when it mounts."""
    screen._css_update_count = screen.app._css_update_count
    return screen


def _section_mode(factory: Callable[[], Screen]) -> Callable[[], Screen]:
    def make() -> Screen:
        return counted_as_styled(factory())

    return make


def typing_into(widget: object) -> bool:
    """Whether `widget` is a text field (Input or TextArea), where a letter is text.

    TextArea is not imported for the question: none can exist before its module is
    imported (by the editor, Ask, ...), and that import (its document model, its themes)
    is a share of start-up the story list does not need."""
    if isinstance(widget, Input):
        return True
    text_area = sys.modules.get("textual.widgets._text_area")
    return text_area is not None and isinstance(widget, text_area.TextArea)


DiskStamp = tuple[int, int, int, int] | None
"""(device, inode, mtime in ns, size) of the database file; None when there is none. Every
write replaces the file, so a new inode shows even a change of the same size and time."""


def disk_stamp(path: Path) -> DiskStamp:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino, st.st_mtime_ns, st.st_size)


SECTION_ACTIONS = frozenset({"stories", "go_back", "back_or_quit", "cursor", *SECTIONS})
"""Actions bound to single letters (and escape): off while a text field has focus (the
key is a letter there) and inside a dialog (the dialog's own keys), except `cursor`,
which a dialog with a list binds for j/k itself."""


class StorybankApp(App[None]):
    """Keep, check and drill interview stories, by keyboard alone (the mouse works too)."""

    TITLE = "storybank"
    SUB_TITLE = "s Stories a Ask o Companies v Coverage p Practice b Brief t Drill"
    """The section keys (the terminal's title; every screen's top bar shows them too)."""
    CSS_PATH: ClassVar = ["app.tcss"]
    """The first screen, the frame every dialog shares, the company pickers. Every other
    screen reads its own stylesheet when it first opens: the sections (Ask, Companies, ...)
    through Textual's CSS_PATH, the editor and the dialogs through `OwnStylesheets`."""
    COMMANDS: ClassVar = App.COMMANDS | {StorybankCommands}
    ENABLE_COMMAND_PALETTE = True
    DEFAULT_MODE: ClassVar[str] = HOME_MODE
    MODES: ClassVar = {HOME_MODE: _home_screen}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", tooltip="Leave storybank", priority=True),
        Binding("question_mark", "help", "Help", tooltip="Every key on this screen"),
        Binding("s", "stories", "Stories", tooltip="The story list (home)", show=False),
        Binding("a", "ask", "Ask", tooltip="Which story answers this question?", show=False),
        Binding(
            "o", "companies", "Companies", tooltip="Target companies and story fit", show=False
        ),
        Binding("v", "coverage", "Coverage", tooltip="Stories x competencies, gaps", show=False),
        Binding("p", "practice", "Practice", tooltip="Timed drill with a cue card", show=False),
        Binding("b", "brief", "Brief", tooltip="Pre-call one-pager for a company", show=False),
        Binding("t", "drill", "Drill", tooltip="Spaced recall of your facts", show=False),
        Binding("ctrl+t", "pick_theme", "Theme", tooltip="Choose a colour theme", show=False),
        Binding("escape", "go_back", "Back", tooltip="Back to the story list (home)", show=False),
        Binding(
            "q",
            "back_or_quit",
            "Back / quit",
            tooltip="Back to the story list; on the list, quit (asks first if anything "
            "would be lost)",
            show=False,
        ),
        Binding("j", "cursor('down')", "Down", tooltip="Move down in a list or table", show=False),
        Binding("k", "cursor('up')", "Up", tooltip="Move up in a list or table", show=False),
    ]

    DISK_CHECK_INTERVAL: ClassVar[float | None] = 2.0
    """Seconds between checks for changes made by other writers (a stat, no read unless the
    file changed); None turns the timer off (tests call `notice_outside_changes()`)."""

    def __init__(
        self, store: Store, theme_result: ThemeLoadResult | None = None, *, demo: bool = False
    ) -> None:
        super().__init__()
        self.store: Store = store
        """The only way to write: atomic, locked, backed up."""
        self.demo = demo
        """Running on a throwaway copy of the sample bank (`storybank demo`)."""
        self.demo_exported: Path | None = None
        """Where the user saved the demo bank on the way out, if they did."""
        self._disk_stamp: DiskStamp = disk_stamp(store.target)
        self.bank: Bank = store.bank()
        self.demo_start: Bank | None = self.bank if demo else None
        """The demo bank as it opened, to tell on quit what the user changed in it."""
        """Read-only snapshot of the bank, reloaded by `refresh_bank()` after each write."""
        self.undo_steps: list[UndoStep] = []
        """The changes of this session that `u` can take back, newest last
        (`storybank.tui.undo`: deletes, saves, sample loads, restores)."""
        self._sections_added: set[str] = set()
        self._start_warnings: list[tuple[str, str]] = []
        """(title, message) pairs noticed before the app runs, shown once it has mounted."""
        self._apply_themes(theme_result)

    # --- start-up ---------------------------------------------------------------------

    def run(self, *args: Any, **kwargs: Any) -> None:
        """Run the app (as Textual's `run`) with what exists before it frozen for the GC.

        By the first frame the process holds tens of thousands of objects made at start
        (modules, themes, the bank snapshot) that live as long as the app; the cyclic
        collector's full passes walked all of them again while the first screen was being
        made (one such pass was about 16 ms of it). `gc.freeze()` leaves them out of its
        walks; reference counting still frees whatever is dropped, and everything made
        while the app runs is collected as before. Unfrozen when the run ends, so a
        caller that goes on (or runs another app) collects them as usual."""
        import gc

        gc.freeze()
        try:
            return super().run(*args, **kwargs)  # what the app exited with (the snapshots')
        finally:
            gc.unfreeze()

    def get_theme_variable_defaults(self) -> dict[str, str]:
        from storybank.tui.themes import VARIABLE_DEFAULTS

        return dict(VARIABLE_DEFAULTS)

    def on_mount(self) -> None:
        for title, message in self._start_warnings:
            # File names and YAML messages come from files users write: neutralise controls.
            self.notify(clean(message), title=title, severity="warning", timeout=12, markup=False)
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        if self.demo:
            self.title = "storybank DEMO"
            self.set_class(True, "-demo")
            self.notify(
                "A throwaway copy of the sample bank: your own bank is not touched. On quit "
                "you can export what you changed here; otherwise it is deleted.",
                title="Demo",
                timeout=10,
                markup=False,
            )
        if self.DISK_CHECK_INTERVAL:
            self.set_interval(self.DISK_CHECK_INTERVAL, self.notice_outside_changes)
        if not self.bank.stories and not self.bank.companies:
            from storybank.tui.screens.welcome import WelcomeScreen

            self.push_screen(WelcomeScreen())

    def _apply_themes(self, result: ThemeLoadResult | None) -> None:
        """Register packaged and user themes and pick the remembered one, before the first
        frame (switching after mount would restyle every widget a second time)."""
        if result is None:
            from storybank.tui.themes import load_all_themes

            result = load_all_themes()
        for theme in result.themes:
            self.register_theme(theme)
        if result.problems:
            self._start_warnings.append(
                ("Some theme files were skipped", "\n".join(result.problems))
            )
        wanted = settings.read(self.store, settings.THEME)
        if wanted not in self.available_themes:
            if wanted != DEFAULT_THEME:
                self._start_warnings.append(
                    (
                        "Theme not found",
                        f"Theme {wanted!r} is not available; using {DEFAULT_THEME}.",
                    )
                )
            wanted = DEFAULT_THEME
        self._start_with_theme(wanted)

    def _start_with_theme(self, name: str) -> None:
        """Make `name` the theme the first stylesheet parse uses.

        Setting `App.theme` runs Textual's watcher, which re-parses the whole stylesheet and
        restyles every widget just after the first frame (about a fifth of start-up). Nothing
        is styled yet here, so a theme of the same light/dark family as Textual's default
        only needs its variables and class; a different family takes the normal path, which
        also switches the ANSI colour mapping."""
        theme = self.get_theme(name)
        if theme is None or theme.dark != self.current_theme.dark:
            self.theme = name
            return
        self.set_reactive(App.theme, name)
        self.stylesheet.set_variables(self.get_css_variables())
        self.set_class(True, f"-theme-{name}", update=False)

    def _remember_theme(self, theme: object) -> None:
        """Persist a theme chosen anywhere (e.g. Textual's own palette command)."""
        from storybank.tui.screens.theme_picker import ThemePickerScreen

        if isinstance(self.screen, ThemePickerScreen):
            return  # a preview; the picker calls remember_theme() when the user chooses
        name = getattr(theme, "name", None)
        if isinstance(name, str):
            self.remember_theme(name)

    def remember_theme(self, name: str) -> None:
        """Store the theme choice in the bank's settings, so the next start uses it."""
        from storybank.errors import StoryBankError

        try:
            settings.write(self.store, settings.THEME, name)
        except (StoryBankError, ValueError) as exc:
            self.notify(
                clean(str(exc)), title="Theme not remembered", severity="error", markup=False
            )

    # --- the bank ----------------------------------------------------------------------

    def refresh_bank(self, reason: str = "", story_id: str | None = None) -> None:
        """Reload the snapshot after a write and tell every screen (in every mode) to redraw."""
        self._disk_stamp = disk_stamp(self.store.target)  # before the read: never skip a change
        self.bank = self.store.bank()
        self._broadcast(reason, story_id)

    def _broadcast(self, reason: str, story_id: str | None = None) -> None:
        screens: list[Screen] = []
        for screen in self._all_screens():
            if screen not in screens:
                screens.append(screen)
        from storybank.tui.target import refresh_bars

        for screen in screens:
            screen.post_message(BankChanged(reason=reason, story_id=story_id))
            refresh_bars(screen)  # the target company may have been renamed or deleted

    def _all_screens(self) -> list[Screen]:
        screens: list[Screen] = list(self.screen_stack)
        for _, stack in self.mode_stacks():
            screens.extend(stack)
        return [s for s in screens if s.is_attached]

    def mode_stacks(self) -> list[tuple[str, list[Screen]]]:
        """(mode, its screen stack) for every mode opened so far, home first."""
        stacks: list[tuple[str, list[Screen]]] = []
        for mode in [HOME_MODE, *sorted(self._sections_added)]:
            try:
                stacks.append((mode, list(self.get_screen_stack(mode))))
            except KeyError:  # a mode not opened yet has no stack (and nothing to redraw)
                continue
        return stacks

    def notice_outside_changes(self) -> bool:
        """If another writer changed the file, reload, redraw and say what changed.

        Costs one stat when nothing changed. Editors keep their forms (an editor whose
        record changed warns its user). True when the bank was reloaded.
        """
        stamp = disk_stamp(self.store.target)
        if stamp == self._disk_stamp:
            return False
        from storybank.bankdiff import bank_changes

        self._disk_stamp = stamp
        try:
            fresh = self.store.bank()
        except StoryBankError as exc:
            self.notify(
                clean(str(exc)),
                title="The bank on disk cannot be read",
                severity="error",
                markup=False,
            )
            return False
        changes = bank_changes(self.bank, fresh)
        self.bank = fresh
        if not changes:
            return False
        self._broadcast("outside change")
        self.notify(
            f"The bank changed on disk: {changes.summary()}.",
            title="Changed by another writer",
            timeout=8,
            markup=False,
        )
        return True

    def on_app_focus(self, event: events.AppFocus) -> None:
        """Back from another terminal (where `storybank import` may have run): look again."""
        self.notice_outside_changes()

    def save_story(self, story: Story) -> None:
        """Write one story (new or changed) and refresh every view."""
        self.store.upsert_story(story)
        self.refresh_bank("saved story", story.id)

    def delete_story(self, story_id: str, seen: Story | None = None) -> None:
        """Delete a story (the store backs up first) and remember it for `undo` (u).

        `seen` is the version the user confirmed; if the story changed on disk since,
        nothing is deleted and the user is asked again about the version on disk.
        """
        from storybank.model import Story
        from storybank.store import ConflictError, record_version
        from storybank.tui.transfer import show_error

        expect = {story_id: record_version(seen)} if seen is not None else None
        try:
            removed = self.store.delete_story(story_id, expect=expect)
        except ConflictError as conflict:
            self.refresh_bank("outside change", story_id)
            disk = conflict.disk if isinstance(conflict.disk, Story) else None
            self._delete_conflict(story_id, disk)
            return
        except StoryBankError as exc:
            show_error(self, "The story was not deleted", exc)
            return
        from storybank.tui.undo import RecordsUndo, remember

        remember(
            self,
            RecordsUndo(
                "the story delete",
                [("stories", story_id, removed, None)],  # never over a newer one
                "Story restored.",
                select=story_id,
            ),
        )
        self.refresh_bank("deleted story", story_id)
        self.notify(
            "Press u on the story list to undo.",
            title="Story deleted",
            timeout=6,
            markup=False,
        )

    def _delete_conflict(self, story_id: str, disk: Story | None) -> None:
        from storybank.tui.literal import join, literal_line
        from storybank.tui.screens.choice import Choice, ChoiceScreen

        if disk is None:
            self.notify("That story was already deleted by another writer.", markup=False)
            return

        def answered(choice: str | None) -> None:
            if choice == "delete":
                self.delete_story(story_id, seen=disk)

        self.push_screen(
            ChoiceScreen(
                join("The story ", literal_line(disk.title, "bold"), " changed on disk"),
                "Another writer changed it after you asked to delete it; nothing was deleted. "
                "The list now shows the version on disk.",
                [Choice("keep", "Keep it"), Choice("delete", "Delete it anyway", "error")],
            ),
            answered,
        )

    def undo(self) -> None:
        """Take back the newest change of this session (`storybank.tui.undo`)."""
        from storybank.tui.undo import undo_last

        undo_last(self)

    @property
    def undo_what(self) -> str | None:
        """What `undo` would take back ("the story delete"), or None when nothing."""
        return self.undo_steps[-1].what if self.undo_steps else None

    # --- app-wide actions --------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Single-letter section keys never fire while typing or inside a dialog."""
        if action in SECTION_ACTIONS:
            if typing_into(self.focused):
                return False
            if isinstance(self.screen, ModalScreen) and action != "cursor":
                return False
        return True

    async def action_quit(self) -> None:
        """Quit, asking first if anything would be lost (unsaved edits, demo changes)."""
        from storybank.tui.quit_guard import request_quit

        request_quit(self)

    def action_go_back(self) -> None:
        """One level back: a screen opened on top closes (as its own escape would, so an
        editor still asks about unsaved changes); a section goes to the story list."""
        screen = self.screen
        if len(self.screen_stack) > 1:
            close = getattr(screen, "action_close", None) or getattr(screen, "action_back", None)
            if callable(close):
                close()
            return
        if self.current_mode != HOME_MODE:
            self.switch_mode(HOME_MODE)

    async def action_back_or_quit(self) -> None:
        """`q`: back, like escape; on the story list itself, quit (through the quit guard)."""
        if len(self.screen_stack) > 1 or self.current_mode != HOME_MODE:
            self.action_go_back()
            return
        await self.action_quit()

    def action_cursor(self, direction: str) -> None:
        """`j`/`k`: move the highlight in the focused list or table, or scroll a pane."""
        widget = self.focused
        if widget is None:
            return
        for name in (f"action_cursor_{direction}", f"action_scroll_{direction}"):
            move = getattr(widget, name, None)
            if callable(move):
                move()
                return

    def action_help(self) -> None:
        from storybank.tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.screen))

    def action_pick_theme(self) -> None:
        from storybank.tui.screens.theme_picker import ThemePickerScreen

        if not isinstance(self.screen, ThemePickerScreen):
            self.push_screen(ThemePickerScreen())

    def action_stories(self) -> None:
        self.switch_mode(HOME_MODE)

    def action_ask(self) -> None:
        """Open Ask with the cursor in the question: `a` means "ask something", so the
        letters typed next must go into the box, not to the section keys."""
        self.open_section("ask")
        screen = self.screen
        focus_question = getattr(screen, "action_focus_question", None)
        if screen.is_mounted and callable(focus_question):
            focus_question()  # a first visit focuses it in its own on_mount

    def action_companies(self) -> None:
        self.open_section("companies")

    def action_coverage(self) -> None:
        self.open_section("coverage")

    def action_practice(self) -> None:
        self.open_section("practice")

    def action_brief(self) -> None:
        self.open_section("brief")

    def action_drill(self) -> None:
        self.open_section("drill")

    def open_pitch(self) -> None:
        """The pitch editor: the answers to 'tell me about yourself' and its kin."""
        from storybank.tui.screens.pitch import PitchScreen

        if not isinstance(self.screen, PitchScreen):
            self.push_screen(PitchScreen(self.store.pitch()))

    def open_redactions(self) -> None:
        """The redaction list editor (names hidden by `storybank export --redact`)."""
        from storybank.tui.screens.redactions import RedactionsScreen

        if not isinstance(self.screen, RedactionsScreen):
            self.push_screen(RedactionsScreen())

    def open_section(self, name: str) -> None:
        """Switch to a section's mode, importing its screen the first time it is opened."""
        module_name, class_name, label = SECTIONS[name]
        if name not in self._sections_added:
            factory = self._section_factory(module_name, class_name)
            if factory is None:
                self.notify(
                    f"The {label} screen is not available in this build yet.",
                    severity="warning",
                    markup=False,
                )
                return
            self.add_mode(name, _section_mode(factory))
            self._sections_added.add(name)
        self.switch_mode(name)

    @staticmethod
    def _section_factory(module_name: str, class_name: str) -> Callable[[], Screen] | None:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            return None
        return getattr(module, class_name, None)

    # --- story workflows shared by screens and the palette ------------------------------

    def open_editor(self, story_id: str | None = None, *, field: str | None = None) -> None:
        """Open the editor on a story (or a blank one); it saves through `save_story`.

        `field` (a lint finding's field, e.g. "result" or "metrics[0]") is focused first."""
        from storybank.tui.screens.editor import EditorScreen

        story = self.bank.story(story_id) if story_id else None
        if self.current_mode != HOME_MODE:
            self.switch_mode(HOME_MODE)
        self.push_screen(EditorScreen(story, focus_field=field))

    def open_cards(self, story_ids: list[str], start: str | None = None) -> None:
        """Show the cue card of `start` among `story_ids` (the stories of the place it was
        opened from, so left and right move through them); escape comes back here."""
        from storybank.tui.screens.cards import CardsScreen

        ids = [story_id for story_id in story_ids if self.bank.story(story_id) is not None]
        if not ids:
            self.notify("There is no story to show a card for.", severity="warning")
            return
        self.push_screen(CardsScreen(ids, start))

    def open_history(self, story_id: str) -> None:
        """A story's earlier versions beside the current one, restorable (`H`)."""
        from storybank.tui.screens.history import HistoryScreen

        if self.bank.story(story_id) is None and not self.store.story_versions(story_id):
            return
        if self.current_mode != HOME_MODE:
            self.switch_mode(HOME_MODE)
        self.push_screen(HistoryScreen(story_id))

    def restore_version(self, story_id: str, number: int, seen: Story) -> None:
        """Make version `number` of a story current: a checked save against `seen` (the
        version the user looked at), itself kept in the history and undoable with `u`."""
        from storybank.store import ConflictError, record_version
        from storybank.tui.transfer import show_error
        from storybank.tui.undo import RecordsUndo, remember

        try:
            restored = self.store.restore_story_version(
                story_id, number, expect={story_id: record_version(seen)}
            )
        except ConflictError:
            self.refresh_bank("outside change", story_id)
            self.notify(
                "The story changed since you looked (another writer?), so nothing was "
                "restored. The history now shows it as it is; look again and restore.",
                title="Not restored",
                severity="warning",
                timeout=8,
                markup=False,
            )
            return
        except StoryBankError as exc:
            show_error(self, "The version was not restored", exc)
            return
        remember(
            self,
            RecordsUndo(
                "the version restore",
                [("stories", story_id, seen, record_version(restored))],
                "The story is back as it was before the restore.",
                select=story_id,
            ),
        )
        self.refresh_bank("restored version", story_id)
        self.notify(
            f"Version {number} is the current one; the one it replaced is in the history. "
            "u takes it back.",
            title="Version restored",
            markup=False,
        )

    def open_backups(self) -> None:
        """The bank's backups, newest first, restorable (the command palette's Backups)."""
        from storybank.tui.screens.backups import BackupsScreen

        if not isinstance(self.screen, BackupsScreen):
            self.push_screen(BackupsScreen())

    def restore_backup(self, info: BackupInfo, seen: str) -> bool:
        """Make the bank a copy of a backup, refused if the file is not `seen` (its
        `file_version()` when the user was asked) any more. The store backs the current
        bank up first; `u` restores that backup again. True when restored."""
        from storybank.store import ConflictError
        from storybank.tui.transfer import show_error
        from storybank.tui.undo import BackupUndo, remember

        try:
            _source, safety = self.store.restore_backup(info.name, expect_file=seen)
        except ConflictError:
            self.notice_outside_changes()
            self.notify(
                "The bank changed since you were asked (another writer?), so nothing was "
                "restored. Look at it again and restore if you still want to.",
                title="Not restored",
                severity="warning",
                timeout=8,
                markup=False,
            )
            return False
        except StoryBankError as exc:
            show_error(self, "The backup was not restored", exc)
            return False
        if safety is not None:
            remember(
                self,
                BackupUndo(
                    "the backup restore",
                    safety.name,
                    self.store.file_version(),
                    "Your bank is back as it was before the restore.",
                ),
            )
        self.refresh_bank("restored backup")
        stories = len(self.bank.stories)
        self.notify(
            f"The bank is the backup's now: {stories} stor{'y' if stories == 1 else 'ies'}. "
            "Your bank as it was is a backup too; u on the story list takes the restore back.",
            title="Backup restored",
            timeout=8,
            markup=False,
        )
        return True

    def confirm_delete(self, story_id: str) -> None:
        """Ask, then delete: the user always sees which story goes."""
        from storybank.tui.literal import join, literal_line
        from storybank.tui.screens.confirm import ConfirmScreen

        story = self.bank.story(story_id)
        if story is None:
            return

        def done(confirmed: bool | None) -> None:
            if confirmed:
                self.delete_story(story_id, seen=story)

        question = join("Delete the story ", literal_line(story.title, "bold"), "?")
        detail = "A backup is taken first, and u brings it back during this session."
        self.push_screen(ConfirmScreen(question, detail, confirm_label="Delete"), done)

    def jump_to_story(self, story_id: str) -> None:
        """Show a story in the home list (from the palette or another screen)."""
        from storybank.tui.messages import StoryChosen

        if self.current_mode != HOME_MODE:
            self.switch_mode(HOME_MODE)
        home = self.get_screen_stack(HOME_MODE)[0]
        self.call_after_refresh(home.post_message, StoryChosen(story_id))

    def import_path(self, path: str, replace: bool = False) -> None:
        """Import a YAML file; any error is shown exactly as the CLI prints it."""
        from storybank.tui.transfer import import_bank_file

        import_bank_file(self, Path(path).expanduser(), replace=replace)

    def export_path(self, path: str) -> None:
        from storybank.tui.transfer import export_bank_file

        export_bank_file(self, Path(path).expanduser())
