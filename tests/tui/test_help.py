"""Help (?) lists every binding of the current screen and the app, from the live bindings."""

from __future__ import annotations

from pathlib import Path

from core_support import app_with, two_stories
from textual.widgets import DataTable

from storybank.tui.screens.editor import EditorScreen
from storybank.tui.screens.help import HelpScreen


def help_rows(app) -> list[tuple[str, str, str]]:
    table = app.screen.query_one("#help-table", DataTable)
    return [tuple(str(cell) for cell in table.get_row_at(i)) for i in range(table.row_count)]


async def test_help_lists_screen_and_app_keys(db_path: Path) -> None:
    app = app_with(db_path, two_stories())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        rows = help_rows(app)
        described = {(key, where) for key, _, where in rows}
        for key in ("/", "n", "e", "d"):
            assert (key, "Screen") in described, key
        for key in ("a", "o", "v", "p", "b", "?", "^t"):
            assert (key, "App") in described, key
        assert any("Ask" in text for _, text, _ in rows)
        assert any(key == "ctrl+p" for key, _, _ in rows)
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
