"""App wiring around the home screen: palette jump, section keys, BankChanged to every mode."""

from __future__ import annotations

from pathlib import Path

import pytest
from core_support import app_with, two_stories
from textual.screen import Screen

from factories import complete_story
from storybank.tui import app as app_module
from storybank.tui.messages import BankChanged
from storybank.tui.screens.stories import StoriesScreen
from waiting import wait_for_palette_results


async def test_palette_jumps_to_a_story(db_path: Path) -> None:
    app = app_with(db_path, two_stories())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.selected_story_id == "launch-calendar"
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"open story activation")
        await wait_for_palette_results(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, StoriesScreen)
        assert app.screen.selected_story_id == "activation-metric"


async def test_a_missing_section_says_so_instead_of_failing(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(
        app_module.SECTIONS, "brief", ("storybank.tui.screens.not_built", "Nope", "Brief")
    )
    app = app_with(db_path, two_stories())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, StoriesScreen)
        assert any("Brief screen is not available" in n.message for n in app._notifications)


class RecordingSection(Screen[None]):
    """A stand-in section screen that records the BankChanged messages it receives."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[BankChanged] = []

    def on_bank_changed(self, message: BankChanged) -> None:
        self.seen.append(message)


async def test_sections_are_modes_and_hear_every_write(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(app_module.SECTIONS, "brief", (__name__, "RecordingSection", "Brief"))
    app = app_with(db_path, two_stories())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("b")
        await pilot.pause()
        section = app.screen
        assert isinstance(section, RecordingSection)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, StoriesScreen)
        app.save_story(complete_story("new-one", "A new story"))
        await pilot.pause()
        assert [m.story_id for m in section.seen] == ["new-one"]
        assert app.bank.story("new-one") is not None
        await pilot.press("b")
        await pilot.pause()
        assert app.screen is section  # state kept between visits


async def test_the_palette_offers_the_current_screens_keys(db_path: Path) -> None:
    app = app_with(db_path, two_stories())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        editor = app.screen
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"add metric")
        await wait_for_palette_results(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is editor
        assert len(editor.query("MetricRow")) == 2  # the story had one
