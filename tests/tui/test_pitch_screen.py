"""The pitch in the app: written on its own screen (palette: Your pitch), a company's
'why us' in the company editor, and quoted by the Ask screen for pitch questions."""

from __future__ import annotations

from screens_host import fixed_bank, real_app
from textual.widgets import TextArea

from storybank.model import Pitch
from storybank.tui.screens.ask import DEBOUNCE_SECONDS, AskScreen
from storybank.tui.screens.company_editor import CompanyEditor
from storybank.tui.screens.pitch import PitchScreen
from waiting import wait_until

ARC = "I run product ops at a payments company."


async def test_write_the_arc_save_it_and_see_ask_quote_it() -> None:
    app = real_app(fixed_bank())
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_pitch()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PitchScreen)
        screen.query_one("#pitch-arc", TextArea).insert(ARC)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, PitchScreen), "the save")
        assert app.store.pitch() == Pitch(arc=ARC)
        await pilot.press("a")
        await pilot.pause()
        ask = app.screen
        assert isinstance(ask, AskScreen)
        ask.query_one("#ask-question", TextArea).insert("Tell me about yourself.")
        await pilot.pause(DEBOUNCE_SECONDS + 0.1)
        await wait_until(pilot, lambda: ask.advice is not None, "the advice")
        assert ask.advice.pitch_text == ARC
        summary = str(ask.query_one("#ask-summary").render())
        assert "Your arc: " + ARC in summary


async def test_escape_with_unsaved_changes_asks_first_and_the_quit_guard_knows() -> None:
    app = real_app(fixed_bank())
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_pitch()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PitchScreen)
        screen.query_one("#pitch-future", TextArea).insert("Lead the function.")
        assert screen.has_unsaved_changes()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen  # warned, not closed
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is not screen
        assert app.store.pitch().is_empty()


async def test_a_pitch_changed_elsewhere_is_not_overwritten() -> None:
    from storybank.store import Store

    app = real_app(fixed_bank())
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_pitch()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PitchScreen)
        Store.open().set_pitch(Pitch(arc="Written by the CLI meanwhile."))
        screen.query_one("#pitch-arc", TextArea).insert(ARC)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.store.pitch().arc == "Written by the CLI meanwhile."


async def test_the_company_editor_keeps_a_why_us_note() -> None:
    app = real_app(fixed_bank())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, CompanyEditor)
        await pilot.press(*"Fresh Target")
        editor.query_one("#company-why_us", TextArea).insert("Their ops team is tiny.")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: app.store.company("fresh-target"), "the company saved")
        assert app.store.company("fresh-target").why_us == "Their ops team is tiny."
