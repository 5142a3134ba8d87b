"""First run with an empty bank: the welcome screen loads the samples or starts empty."""

from __future__ import annotations

from pathlib import Path

from core_support import app_with, screen_text, two_stories

from storybank.store import Store
from storybank.tui.screens.stories import StoriesScreen
from storybank.tui.screens.welcome import WelcomeScreen


async def test_empty_bank_shows_welcome_and_loads_samples(db_path: Path) -> None:
    app = app_with(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        text = screen_text(app)
        assert "six beats: context, constraint, decision," in text
        assert "execution, result, what changed after; numbers before -> after." in text
        await pilot.press("enter")  # "Load the sample bank" has focus
        await pilot.pause()
        assert isinstance(app.screen, StoriesScreen)
        assert len(app.bank.stories) >= 5
        assert app.screen.selected_story_id == app.bank.stories[0].id
    stored = Store.open(str(db_path)).bank()
    assert len(stored.stories) == len(app.bank.stories)
    assert stored.companies and not stored.questions  # questions stay packaged


async def test_start_empty_writes_nothing(db_path: Path) -> None:
    app = app_with(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.click("#start-empty")
        await pilot.pause()
        assert isinstance(app.screen, StoriesScreen)
        assert "0 stories" in screen_text(app)
    assert Store.open(str(db_path)).is_empty()


async def test_no_welcome_when_the_bank_has_stories(db_path: Path) -> None:
    app = app_with(db_path, two_stories())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StoriesScreen)
