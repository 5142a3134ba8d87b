"""A section's stylesheet is read when the section first opens, not at start-up, and a
theme switch still restyles every screen."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from core_support import app_with, two_stories
from textual.color import Color
from textual.widgets import OptionList, TextArea

from storybank.tui import app as app_module
from storybank.tui.screens import stylesheets
from storybank.tui.screens.stories import StoriesScreen

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
