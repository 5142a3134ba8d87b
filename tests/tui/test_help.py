"""Help (?) lists every binding of the current screen and the app, from the live bindings."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from core_support import app_with, screen_text, two_stories
from textual.widgets import DataTable

from storybank.tui.screens.cards import CardsScreen
from storybank.tui.screens.editor import EditorScreen
from storybank.tui.screens.help import HelpScreen, describe_bindings


def help_rows(app) -> list[tuple[str, str, str]]:
    table = app.screen.query_one("#help-table", DataTable)
    return [tuple(str(cell) for cell in table.get_row_at(i)) for i in range(table.row_count)]


async def help_of_section(app, pilot, key: str) -> list[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    """Go to a section by its key and open help there: the rows the help table shows."""
    await pilot.press(key)
    await pilot.pause()
    app.action_help()
    await pilot.pause()
    return help_rows(app)


async def test_help_lists_screen_and_app_keys(db_path: Path) -> None:
    app = app_with(db_path, two_stories())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        rows = help_rows(app)
        described = {(key, where) for key, _, where in rows}
        for key in ("/", "n", "e", "d", "S"):
            assert (key, "Screen") in described, key
        everywhere = str(app.screen.query_one("#help-global").render())
        for key, label in (("a", "Ask"), ("o", "Companies"), ("v", "Coverage"), ("?", "Help")):
            assert f"{key} {label}" in everywhere, key
        for words in ("^t Theme", "^q Quit", "esc Back", "q Back / quit", "j/k", "^p Palette"):
            assert words in everywhere, words
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


async def test_help_on_the_editor_shows_its_keys(db_path: Path) -> None:
    app = app_with(db_path, two_stories())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
        app.action_help()
        await pilot.pause()
        rows = help_rows(app)
        texts = " ".join(text for _, text, _ in rows)
        assert "Save" in texts and "Add metric" in texts


async def test_practice_help_lists_each_key_once(db_path: Path) -> None:
    app = app_with(db_path, two_stories())
    async with app.run_test(size=(100, 30)) as pilot:
        rows = await help_of_section(app, pilot, "p")
        keys = [key for key, _, _ in rows]
        assert "1-5" in keys and "+/-" in keys
        for repeated in ("2", "3", "4", "5", "-"):
            assert repeated not in keys, repeated  # "1-5 Rate" and "+/- Time" cover them
        assert not any(text.startswith(("Rate 2", "Less time")) for _, text, _ in rows)
        assert len(keys) == len(set(keys))
        assert "tab" not in keys and "^c" not in keys  # Textual's own: once, under "tab"


async def test_companies_help_describes_every_key(db_path: Path) -> None:
    app = app_with(db_path, two_stories())
    async with app.run_test(size=(100, 30)) as pilot:
        rows = {key: text for key, text, _ in await help_of_section(app, pilot, "o")}
        assert rows["l"] != "List" and "company list" in rows["l"]
        assert all(text.strip() for text in rows.values())


async def test_coverage_help_lists_each_tab_key_and_both_list_moves(db_path: Path) -> None:
    """Keys of one action with different arguments (Coverage's four tabs, j and k) each keep
    their row; only a hidden key under a shown one of its action folds into it."""
    app = app_with(db_path, two_stories())
    async with app.run_test(size=(100, 30)) as pilot:
        rows = {key: text for key, text, _ in await help_of_section(app, pilot, "v")}
        for key, word in (("g", "Gaps"), ("m", "Matrix"), ("r", "Rounds"), ("K", "Kinds")):
            assert rows.get(key, "").startswith(word), (key, rows.get(key))
        every = {key: text for key, text, _ in describe_bindings(app.screen_stack[-2])}
        assert every["j"].startswith("Down") and every["k"].startswith("Up")
        palette = [text for text in every.values() if "palette" in text.lower()]
        assert len(palette) == 1, palette


async def test_global_keys_are_above_the_fold_at_100x30(db_path: Path) -> None:
    app = app_with(db_path, two_stories())
    async with app.run_test(size=(100, 30)) as pilot:
        for section in ("s", "a", "o", "v", "p", "b", "t"):
            await pilot.press(section)
            await pilot.pause()
            if section == "a":
                await pilot.press("escape")  # out of the question box
            app.action_help()
            await pilot.pause()
            block = app.screen.query_one("#help-global")
            region = block.region
            assert region.height >= 1 and region.bottom <= app.size.height - 2, section
            text = screen_text(app)
            assert "^q Quit" in text and "s Stories" in text and "esc Back" in text, section
            await pilot.press("escape")
            await pilot.pause()
            assert not isinstance(app.screen, HelpScreen)


async def test_every_screen_help_lists_each_key_with_words(db_path: Path) -> None:
    """Keys of one action with different arguments (Coverage's g/m/r/K tabs, the card's
    left/right, the editor's section jumps) each keep a row; none is a bare label."""
    app = app_with(db_path, two_stories())
    async with app.run_test(size=(100, 30)) as pilot:
        for keys in (["s"], ["o"], ["v"], ["p"], ["b"], ["s", "e"], ["s", "C"]):
            for key in keys:
                await pilot.press(key)
                await pilot.pause()
            screen = app.screen
            app.action_help()
            await pilot.pause()
            rows = [(key, text) for key, text, where in help_rows(app) if where == "Screen"]
            listed = {key for key, _ in rows}
            for declared in type(screen).BINDINGS:
                if declared.show:
                    first = replace(declared, key=declared.key.split(",")[0])
                    display = declared.key_display or app.get_key_display(first)
                    assert display in listed, (type(screen).__name__, display)
            for key, text in rows:
                assert len(text.split()) >= 2, (type(screen).__name__, key, text)
            await pilot.press("escape")
            await pilot.pause()
            if isinstance(app.screen, (EditorScreen, CardsScreen)):
                await pilot.press("escape")
                await pilot.pause()
