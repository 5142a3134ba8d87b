"""Issue 14, ways to lose work: ctrl+q asks first, the demo says what becomes of its changes."""

from __future__ import annotations

from pathlib import Path

import pytest
from core_support import app_with, screen_text, two_stories
from textual.widgets import Input

from factories import complete_story as story
from storybank.model import Bank
from storybank.store import Store
from storybank.tui.app import StorybankApp
from storybank.tui.screens.choice import ChoiceScreen
from storybank.tui.screens.company_editor import CompanyEditor
from storybank.tui.screens.editor import EditorScreen
from storybank.tui.screens.error_dialog import ErrorDialog
from storybank.tui.screens.path_prompt import PathPromptScreen
from storybank.tui.screens.stories import StoriesScreen
from storybank.tui.widgets.nav_bar import NavBar
from storybank.yamlio import load_bank_file


@pytest.fixture(autouse=True)
def no_disk_timer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(StorybankApp, "DISK_CHECK_INTERVAL", None)


async def edit_title(pilot, text: str) -> EditorScreen:  # type: ignore[no-untyped-def]
    await pilot.pause()
    await pilot.press("e")
    await pilot.pause()
    editor = pilot.app.screen
    assert isinstance(editor, EditorScreen)
    await pilot.press(*text)
    await pilot.pause()
    return editor


async def test_ctrl_q_without_changes_quits_at_once(db_path: Path) -> None:
    app = app_with(db_path, two_stories())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running


async def test_ctrl_q_in_the_editor_asks_and_cancel_keeps_editing(db_path: Path) -> None:
    app = app_with(db_path, two_stories())
    before = db_path.read_bytes()
    async with app.run_test(size=(100, 30)) as pilot:
        editor = await edit_title(pilot, " (draft)")
        await pilot.press("ctrl+q")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ChoiceScreen)
        assert "story editor" in screen_text(app)
        await pilot.press("ctrl+q")  # a second ctrl+q does not stack another question
        await pilot.pause()
        assert app.screen is dialog
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is editor and app.is_running
        assert editor.query_one("#f-title", Input).value.endswith("(draft)")
    assert db_path.read_bytes() == before


async def test_ctrl_q_save_and_quit_saves_first(db_path: Path) -> None:
    app = app_with(db_path, two_stories())
    async with app.run_test(size=(100, 30)) as pilot:
        await edit_title(pilot, " (final)")
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.click("#choice-save")
        await pilot.pause()
        assert not app.is_running
    assert Store.open(str(db_path)).story("launch-calendar").title.endswith("(final)")


async def test_ctrl_q_discard_and_quit(db_path: Path) -> None:
    app = app_with(db_path, two_stories())
    before = db_path.read_bytes()
    async with app.run_test(size=(100, 30)) as pilot:
        await edit_title(pilot, " (draft)")
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.click("#choice-discard")
        await pilot.pause()
        assert not app.is_running
    assert db_path.read_bytes() == before


async def test_save_and_quit_with_a_problem_stays_on_the_editor(db_path: Path) -> None:
    app = app_with(db_path, two_stories())
    async with app.run_test(size=(100, 30)) as pilot:
        editor = await edit_title(pilot, "")
        editor.query_one("#f-title", Input).value = ""  # a story needs a title
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.click("#choice-save")
        await pilot.pause()
        assert app.is_running and app.screen is editor


async def test_ctrl_q_from_another_section_saves_the_editor_left_open(db_path: Path) -> None:
    app = app_with(db_path, two_stories())
    async with app.run_test(size=(100, 30)) as pilot:
        await edit_title(pilot, " (final)")
        app.open_section("coverage")
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.click("#choice-save")
        await pilot.pause()
        assert not app.is_running
    assert Store.open(str(db_path)).story("launch-calendar").title.endswith("(final)")


async def test_ctrl_q_in_the_company_editor_asks_too(db_path: Path) -> None:
    app = app_with(db_path, two_stories())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, CompanyEditor)
        await pilot.press(*"Northwind")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.click("#choice-save")
        await pilot.pause()
        assert not app.is_running
    assert Store.open(str(db_path)).company("northwind") is not None


async def test_discard_dialog_offers_save_and_close(db_path: Path) -> None:
    app = app_with(db_path, two_stories())
    async with app.run_test(size=(100, 30)) as pilot:
        await edit_title(pilot, " (v2)")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.click("#choice-save")
        await pilot.pause()
        assert isinstance(app.screen, StoriesScreen)
    assert Store.open(str(db_path)).story("launch-calendar").title.endswith("(v2)")


async def test_e_puts_the_cursor_at_the_end_of_the_title_not_on_a_selected_id(
    db_path: Path,
) -> None:
    """Issue 14: the first key typed (even `?`) used to replace the whole id."""
    app = app_with(db_path, two_stories())
    async with app.run_test(size=(100, 30)) as pilot:
        editor = await edit_title(pilot, "?")
        assert editor.query_one("#f-id", Input).value == "launch-calendar"
        assert editor.query_one("#f-title", Input).value == "One launch calendar for six teams?"
        await pilot.press("tab", "tab", "shift+tab", "shift+tab")  # back onto the title
        await pilot.pause()
        assert app.focused is editor.query_one("#f-title", Input)
        assert not editor.query_one("#f-title", Input).selection.is_empty  # tabbing in selects


# --- the demo --------------------------------------------------------------------------------


def demo_app(db_path: Path) -> StorybankApp:
    from storybank.resources import sample_bank
    from storybank.tui.factory import make_app

    Store.open(str(db_path)).apply_import(sample_bank())
    return make_app(str(db_path), demo=True)


async def leave_a_changed_demo(app: StorybankApp, pilot) -> None:  # type: ignore[no-untyped-def]
    """Write a story in the demo, then ctrl+q: the app asks what becomes of it."""
    await pilot.pause()
    app.save_story(story("my-own", "A story written in the demo"))
    await pilot.pause()
    await pilot.press("ctrl+q")
    await pilot.pause()


async def test_the_demo_is_marked_on_screen(db_path: Path) -> None:
    app = demo_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.has_class("-demo")
        assert "DEMO" in screen_text(app).splitlines()[0]
        warning = app.theme_variables["warning"].lower()
        assert app.screen.query_one(NavBar).styles.background.hex.lower() == warning


async def test_leaving_an_unchanged_demo_just_quits(db_path: Path) -> None:
    app = demo_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running and app.demo_exported is None


async def test_leaving_a_changed_demo_offers_an_export(db_path: Path, tmp_path: Path) -> None:
    app = demo_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await leave_a_changed_demo(app, pilot)
        assert isinstance(app.screen, ChoiceScreen)
        assert "1 story" in screen_text(app) and "deleted" in screen_text(app)
        await pilot.click("#choice-export")
        await pilot.pause()
        prompt = app.screen
        assert isinstance(prompt, PathPromptScreen)
        target = tmp_path / "from-demo.yaml"
        prompt.query_one(Input).value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert not app.is_running
    assert app.demo_exported == target
    exported: Bank = load_bank_file(target)
    assert [s.id for s in exported.stories] == ["my-own"]  # only what changed


async def test_a_demo_export_into_the_throwaway_folder_is_refused(db_path: Path) -> None:
    """That folder is deleted when the demo closes: the export, and the path named on
    the terminal afterwards, would both be gone."""
    app = demo_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await leave_a_changed_demo(app, pilot)
        await pilot.click("#choice-export")
        await pilot.pause()
        inside = db_path.parent / "mine.yaml"
        app.screen.query_one(Input).value = str(inside)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ErrorDialog)
        assert "throwaway folder" in screen_text(app)
        assert app.is_running and app.demo_exported is None and not inside.exists()
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running  # still in the demo, the story not lost


async def test_leaving_a_changed_demo_can_discard_plainly(db_path: Path) -> None:
    app = demo_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await leave_a_changed_demo(app, pilot)
        await pilot.click("#choice-discard")
        await pilot.pause()
        assert not app.is_running and app.demo_exported is None
