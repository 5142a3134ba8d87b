"""The storybank Textual app: owns the store, the bank snapshot and app-wide keys.

Screens are views: they read `app.bank` (a snapshot reloaded after every write)
and ask the app to write through `app.store`. After each write the app calls
`refresh_bank()`, which reloads the snapshot and sends `BankChanged` to every
screen so they redraw. Section screens (Ask, Companies, Coverage, Practice,
Brief) are Textual modes, imported only when first opened so startup stays fast.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, TextArea

from storybank.safetext import clean
from storybank.tui.commands import StorybankCommands
from storybank.tui.messages import BankChanged

if TYPE_CHECKING:
    from storybank.model import Bank, Story
    from storybank.store import Store
    from storybank.tui.themes import ThemeLoadResult

DEFAULT_THEME = "storybank-dark"

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

    return StoriesScreen()


SECTION_ACTIONS = frozenset({"stories", *SECTIONS})
"""Actions bound to single letters: off while a text field or a dialog has focus."""


class StorybankApp(App[None]):
    """Keep, check and drill interview stories, by keyboard alone (the mouse works too)."""

    TITLE = "storybank"
    SUB_TITLE = "a Ask o Companies v Coverage p Practice b Brief t Drill"
    """The section keys, always in view in the header (the footer keeps the screen's keys)."""
    CSS_PATH: ClassVar = ["app.tcss", "screens.tcss"]
    """Core screens and dialogs; the section screens (Ask, Companies, ...) in screens.tcss."""
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
    ]

    def __init__(self, store: Store, theme_result: ThemeLoadResult | None = None) -> None:
        super().__init__()
        self.store: Store = store
        """The only way to write: atomic, locked, backed up."""
        self.bank: Bank = store.bank()
        """Read-only snapshot of the bank, reloaded by `refresh_bank()` after each write."""
        self.deleted_stories: list[Story] = []
        """Stories deleted this session, newest last, so `u` can bring them back."""
        self._sections_added: set[str] = set()
        self._start_warnings: list[tuple[str, str]] = []
        """(title, message) pairs noticed before the app runs, shown once it has mounted."""
        self._apply_themes(theme_result)

    # --- start-up ---------------------------------------------------------------------

    def get_theme_variable_defaults(self) -> dict[str, str]:
        from storybank.tui.themes import VARIABLE_DEFAULTS

        return dict(VARIABLE_DEFAULTS)

    def on_mount(self) -> None:
        for title, message in self._start_warnings:
            # File names and YAML messages come from files users write: neutralise controls.
            self.notify(clean(message), title=title, severity="warning", timeout=12, markup=False)
        self.theme_changed_signal.subscribe(self, self._remember_theme)
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
        wanted = self.store.get_setting("theme", DEFAULT_THEME)
        if not isinstance(wanted, str) or wanted not in self.available_themes:
            if wanted is not None and wanted != DEFAULT_THEME:
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
            if name != self.store.get_setting("theme", DEFAULT_THEME):
                self.store.set_setting("theme", name)
        except StoryBankError as exc:
            self.notify(
                clean(str(exc)), title="Theme not remembered", severity="error", markup=False
            )

    # --- the bank ----------------------------------------------------------------------

    def refresh_bank(self, reason: str = "", story_id: str | None = None) -> None:
        """Reload the snapshot after a write and tell every screen (in every mode) to redraw."""
        self.bank = self.store.bank()
        screens: list[Screen] = []
        for screen in self._all_screens():
            if screen not in screens:
                screens.append(screen)
        for screen in screens:
            screen.post_message(BankChanged(reason=reason, story_id=story_id))

    def _all_screens(self) -> list[Screen]:
        screens: list[Screen] = list(self.screen_stack)
        for mode in [HOME_MODE, *sorted(self._sections_added)]:
            try:
                screens.extend(self.get_screen_stack(mode))
            except KeyError:  # a mode not opened yet has no stack (and nothing to redraw)
                continue
        return [s for s in screens if s.is_attached]

    def save_story(self, story: Story) -> None:
        """Write one story (new or changed) and refresh every view."""
        self.store.upsert_story(story)
        self.refresh_bank("saved story", story.id)

    def delete_story(self, story_id: str) -> None:
        """Delete a story (the store backs up first) and keep it for `undo_delete`."""
        from storybank.errors import StoryBankError
        from storybank.tui.transfer import show_error

        try:
            removed = self.store.delete_story(story_id)
        except StoryBankError as exc:
            show_error(self, "The story was not deleted", exc)
            return
        self.deleted_stories.append(removed)
        self.refresh_bank("deleted story", story_id)
        self.notify(
            "Press u on the story list to undo.",
            title="Story deleted",
            timeout=6,
            markup=False,
        )

    def undo_delete(self) -> None:
        """Bring back the most recently deleted story of this session."""
        if not self.deleted_stories:
            self.notify("Nothing to undo.", markup=False)
            return
        from storybank.errors import StoryBankError
        from storybank.tui.transfer import show_error

        story = self.deleted_stories[-1]
        try:
            if self.store.story(story.id) is not None:
                self.notify(
                    "A story with the same id exists again, so the deleted one was not restored.",
                    severity="warning",
                    markup=False,
                )
                self.deleted_stories.pop()
                return
            self.store.upsert_story(story)
        except StoryBankError as exc:
            show_error(self, "The story was not restored", exc)
            return
        self.deleted_stories.pop()
        self.refresh_bank("restored story", story.id)
        self.notify("Story restored.", markup=False)

    # --- app-wide actions --------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Single-letter section keys never fire while typing or inside a dialog."""
        if action in SECTION_ACTIONS:
            if isinstance(self.focused, Input | TextArea):
                return False
            if isinstance(self.screen, ModalScreen):
                return False
        return True

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
            self.add_mode(name, factory)
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

    def open_editor(self, story_id: str | None = None) -> None:
        """Open the editor on a story (or a blank one); it saves through `save_story`."""
        from storybank.tui.screens.editor import EditorScreen

        story = self.bank.story(story_id) if story_id else None
        if self.current_mode != HOME_MODE:
            self.switch_mode(HOME_MODE)
        self.push_screen(EditorScreen(story))

    def confirm_delete(self, story_id: str) -> None:
        """Ask, then delete: the user always sees which story goes."""
        from storybank.tui.literal import join, literal_line
        from storybank.tui.screens.confirm import ConfirmScreen

        story = self.bank.story(story_id)
        if story is None:
            return

        def done(confirmed: bool | None) -> None:
            if confirmed:
                self.delete_story(story_id)

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
