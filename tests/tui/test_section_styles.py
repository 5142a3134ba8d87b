"""A section's stylesheet is read when the section first opens, not at start-up, and a
theme switch still restyles every screen; so are the editor's and each dialog's."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from core_support import app_with, two_stories
from textual.app import App
from textual.color import Color
from textual.css.stylesheet import Stylesheet
from textual.widgets import OptionList, TextArea

from storybank.tui import app as app_module
from storybank.tui.screens import OwnStylesheets, stylesheets
from storybank.tui.screens.editor import EditorScreen
from storybank.tui.screens.help import HelpScreen
from storybank.tui.screens.stories import StoriesScreen
from storybank.tui.screens.theme_picker import ThemePickerScreen
from waiting import wait_until

SECTION_FILES = {
    "ask": ["sections.tcss", "ask.tcss"],
    "companies": ["sections.tcss", "companies.tcss"],
    "coverage": ["sections.tcss", "coverage.tcss"],
    "practice": ["sections.tcss", "practice.tcss"],
    "brief": ["sections.tcss", "brief.tcss"],
    "drill": ["drill.tcss"],
}


def loaded(app: Any, name: str) -> bool:
    path = str(stylesheets(name)[0])
    return app.stylesheet.has_source(path, "")


async def test_a_sections_stylesheet_is_read_when_it_first_opens(db_path: Path) -> None:
    app = app_with(db_path, two_stories())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        every_file = {name for files in SECTION_FILES.values() for name in files}
        assert not any(loaded(app, name) for name in every_file)
        assert not any(
            "ask-question" in rule.selector_names or "#ask-question" in rule.selector_names
            for rule in app.stylesheet.rules
        )
        for section, files in SECTION_FILES.items():
            app.open_section(section)
            await pilot.pause()
            assert all(loaded(app, name) for name in files), section
        app.open_section("ask")
        await pilot.pause()
        question = app.screen.query_one("#ask-question", TextArea)
        assert question.styles.height is not None and question.styles.height.value == 5
        assert question.styles.border_top[0] in ("round", "")  # round until focused


async def test_first_opening_a_section_does_not_refresh_all_css(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = app_with(db_path, two_stories())
    refreshed: list[object] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        monkeypatch.setattr(app, "refresh_css", lambda *a, **k: refreshed.append(a))
        app.open_section("coverage")
        await pilot.pause()
        assert refreshed == []
        assert app.screen._css_update_count == app._css_update_count


async def test_a_theme_switch_restyles_the_sections_and_the_story_list(db_path: Path) -> None:
    app = app_with(db_path, two_stories())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.open_section("ask")
        await pilot.pause()
        app.switch_mode(app_module.HOME_MODE)
        await pilot.pause()
        app.theme = "storybank-light"
        await pilot.pause()
        await pilot.pause()
        primary = Color.parse(app.current_theme.primary)
        background = Color.parse(app.current_theme.background)
        home = app.screen
        assert isinstance(home, StoriesScreen)
        assert home.styles.background.rgb == background.rgb
        assert home.query_one("#story-list", OptionList).styles.background is not None
        app.open_section("ask")
        await pilot.pause()
        question = app.screen.query_one("#ask-question", TextArea)
        question.blur()
        await pilot.pause()
        assert question.styles.border_top[1].rgb == primary.rgb
        assert app.screen.styles.background.rgb == background.rgb


def own_stylesheet_screens() -> list[type]:
    """Every screen class that reads its own stylesheets (imported, so none is missed)."""
    import importlib
    import pkgutil

    import storybank.tui.screens as package

    for info in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"storybank.tui.screens.{info.name}")

    def below(cls: type) -> list[type]:
        return [sub for direct in cls.__subclasses__() for sub in (direct, *below(direct))]

    return [cls for cls in below(OwnStylesheets) if cls.STYLESHEETS]


def test_every_own_stylesheet_exists_and_parses() -> None:
    classes = own_stylesheet_screens()
    assert len(classes) >= 11  # the editor, welcome, history, cue cards and the dialogs
    variables = App().get_css_variables()
    for cls in classes:
        for name in cls.STYLESHEETS:
            sheet = Stylesheet(variables=variables)
            sheet.read(stylesheets(name)[0])
            sheet.parse()  # raises on any error
            assert sheet.rules, (cls.__name__, name)


async def test_the_editors_and_a_dialogs_rules_are_read_when_they_first_open(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = app_with(db_path, two_stories())
    refreshed: list[object] = []
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        own = {name for cls in own_stylesheet_screens() for name in cls.STYLESHEETS}
        assert not any(loaded(app, name) for name in own)  # the first screen parses none
        monkeypatch.setattr(app, "refresh_css", lambda *a, **k: refreshed.append(a))
        home = app.screen
        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(app.screen, EditorScreen), "the editor")
        await pilot.pause()
        assert loaded(app, "editor.tcss") and not loaded(app, "dialogs.tcss")
        beat = app.screen.query_one(".beat", TextArea)  # editor.tcss: min-height 7
        assert beat.styles.min_height is not None and beat.styles.min_height.value == 7
        status = app.screen.query_one("#editor-status")
        assert status.styles.height is not None and status.styles.height.value == 1
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is home, "back on the story list")
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen), "the help")
        await pilot.pause()
        assert loaded(app, "dialogs.tcss")
        dialog = app.screen.query_one(".help-dialog")  # dialogs.tcss: width 100
        assert dialog.styles.width is not None and dialog.styles.width.value == 100
        assert refreshed == []  # added, not a whole re-parse and restyle
        # The story list kept its look: nothing in the new files matches it.
        assert home.query_one("#story-list", OptionList).styles.height is not None


async def test_a_dialog_made_of_widgets_already_shown_gets_its_rules(db_path: Path) -> None:
    """The theme picker's rules apply the first time it opens, when it is the first
    dialog to read dialogs.tcss."""
    app = app_with(db_path, two_stories())
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert not loaded(app, "dialogs.tcss")
        app.action_pick_theme()
        await wait_until(pilot, lambda: isinstance(app.screen, ThemePickerScreen), "the picker")
        await pilot.pause()
        dialog = app.screen.query_one(".theme-dialog")  # dialogs.tcss: width 50
        assert dialog.styles.width is not None and dialog.styles.width.value == 50
