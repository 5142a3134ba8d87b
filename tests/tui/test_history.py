"""Issue 14: a story's history in the app: H lists its earlier versions with the time and
what changed, shows one against the current story, and restores it as a checked save."""

from __future__ import annotations

from pathlib import Path

import pytest
from core_support import app_with, screen_text, two_stories

from storybank.store import Store
from storybank.tui.app import StorybankApp
from storybank.tui.screens.confirm import ConfirmScreen
from storybank.tui.screens.history import HistoryScreen
from waiting import wait_until


@pytest.fixture(autouse=True)
def no_disk_timer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(StorybankApp, "DISK_CHECK_INTERVAL", None)


def with_history(db: Path) -> StorybankApp:
    store = Store.open(str(db))
    store.apply_import(two_stories())
    first = store.stories()[0]
    store.upsert_story(first.replace(title="A second title"))
    store.upsert_story(first.replace(title="A second title", result="A third result."))
    return app_with(db)


async def open_history(app: StorybankApp, pilot) -> HistoryScreen:  # type: ignore[no-untyped-def]
    await pilot.pause()
    await pilot.press("H")
    await wait_until(pilot, lambda: isinstance(app.screen, HistoryScreen), "the history")
    screen = app.screen
    assert isinstance(screen, HistoryScreen)
    return screen


async def test_h_lists_versions_with_what_changed_and_the_diff(db_path: Path) -> None:
    app = with_history(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_history(app, pilot)
        text = screen_text(app)
        assert "History of A second title" in text
        assert "v2" in text and "Changed Result" in text
        assert "v1" in text and "Changed Title" in text
        # v2 (newest) beside the current story: only the result differs
        assert screen.query("#history-row-result")
        assert not screen.query("#history-row-title")
        await pilot.press("down")  # v1: title and result differ from now
        await pilot.pause()
        assert screen.query("#history-row-title") and screen.query("#history-row-result")
        assert "One launch calendar for" in screen_text(app)  # v1's title, beside now's


async def test_restore_a_version_then_undo_it(db_path: Path) -> None:
    app = with_history(db_path)
    original = two_stories().stories[0]
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_history(app, pilot)
        await pilot.press("down", "r")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the confirm")
        assert "replaces the current Title, Result" in screen_text(app)
        await pilot.click("#confirm")
        await wait_until(pilot, lambda: app.bank.stories[0].title == original.title, "restore")
        assert Store.open(str(db_path)).story(original.id) == original
        # the restore is in the history too, and u (on the story list) takes it back
        assert screen.versions[0].summary.endswith("(restored version 1)")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("u")
        await wait_until(pilot, lambda: app.bank.stories[0].title == "A second title", "undo")


async def test_restore_never_overwrites_a_change_the_app_did_not_see(db_path: Path) -> None:
    app = with_history(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_history(app, pilot)
        await pilot.press("r")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the confirm")
        store = Store.open(str(db_path))
        outside = store.stories()[0].replace(title="Written by the CLI meanwhile")
        store.upsert_story(outside)
        await pilot.click("#confirm")
        await wait_until(pilot, lambda: isinstance(app.screen, HistoryScreen), "back")
        await pilot.pause()
        assert Store.open(str(db_path)).story(outside.id) == outside
        assert app.undo_steps == []
        assert "History of Written by the CLI meanwhile" in screen_text(app)


async def test_a_story_never_changed_says_so(db_path: Path) -> None:
    app = app_with(db_path, two_stories())
    async with app.run_test(size=(100, 30)) as pilot:
        await open_history(app, pilot)
        assert "No earlier versions yet" in screen_text(app)
        await pilot.press("r")  # nothing to restore: no dialog
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)


async def test_history_is_in_the_story_list_help_and_the_palette(db_path: Path) -> None:
    from storybank.tui.commands import StorybankCommands
    from storybank.tui.screens.help import describe_bindings

    app = with_history(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        rows = describe_bindings(app.screen)
        assert any(keys == "H" and "earlier versions" in text for keys, text, _ in rows)
        labels = [label for label, _cb, _help in StorybankCommands(app.screen)._actions()]
        assert "History" in labels
