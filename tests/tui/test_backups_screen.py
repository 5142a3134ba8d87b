"""Issue 14: backups and restore in the app's command palette, the restore undoable."""

from __future__ import annotations

from pathlib import Path

import pytest
from core_support import app_with, screen_text, two_stories

from factories import complete_story
from storybank.store import Store
from storybank.tui.app import StorybankApp
from storybank.tui.commands import StorybankCommands
from storybank.tui.screens.backups import BackupsScreen
from storybank.tui.screens.confirm import ConfirmScreen
from waiting import wait_until


@pytest.fixture(autouse=True)
def no_disk_timer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(StorybankApp, "DISK_CHECK_INTERVAL", None)


def bank_with_a_backup(db: Path) -> None:
    """Two stories, then one deleted: the delete's backup holds both."""
    store = Store.open(str(db))
    store.apply_import(two_stories())
    store.delete_story("launch-calendar")


async def open_backups(app: StorybankApp, pilot) -> BackupsScreen:  # type: ignore[no-untyped-def]
    await pilot.pause()
    provider = StorybankCommands(app.screen)
    action = next(cb for label, cb, _ in provider._actions() if label == "Backups")
    action()
    await wait_until(pilot, lambda: isinstance(app.screen, BackupsScreen), "Backups")
    screen = app.screen
    assert isinstance(screen, BackupsScreen)
    return screen


async def test_the_palette_lists_backups_with_time_size_and_stories(db_path: Path) -> None:
    bank_with_a_backup(db_path)
    app = app_with(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_backups(app, pilot)
        text = screen_text(app)
        info = Store.open(str(db_path)).backups()[0]
        assert "delete" in text and "2 stories" in text
        assert screen.backups[0].name == info.name
        assert f"{info.size / 1024:.1f} KB" in text


async def test_restore_asks_saying_what_is_replaced_then_u_undoes_it(db_path: Path) -> None:
    bank_with_a_backup(db_path)
    app = app_with(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_backups(app, pilot)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the confirm")
        dialog = app.screen
        assert isinstance(dialog, ConfirmScreen)
        assert "replaces your whole bank as it is now (1 story, 0 companies" in dialog.detail
        assert "with the backup's (2 stories)" in dialog.detail
        assert "Restore the backup of" in screen_text(app)
        await pilot.click("#confirm")
        await wait_until(pilot, lambda: len(app.bank.stories) == 2, "the restore")
        assert len(Store.open(str(db_path)).stories()) == 2
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, BackupsScreen), "closed")
        await pilot.press("u")
        await wait_until(pilot, lambda: len(app.bank.stories) == 1, "the undo")
        assert [s.id for s in Store.open(str(db_path)).stories()] == ["activation-metric"]


async def test_restore_is_refused_when_the_bank_changed_after_the_question(
    db_path: Path,
) -> None:
    bank_with_a_backup(db_path)
    app = app_with(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_backups(app, pilot)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the confirm")
        Store.open(str(db_path)).upsert_story(complete_story("written-meanwhile", "Meanwhile"))
        await pilot.click("#confirm")
        await wait_until(pilot, lambda: isinstance(app.screen, BackupsScreen), "back")
        store = Store.open(str(db_path))
        assert store.story("written-meanwhile") is not None  # nothing was restored over it
        assert app.undo_steps == []


async def test_no_backups_says_so(db_path: Path) -> None:
    app = app_with(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_backups(app, pilot)
        assert "No backups yet" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BackupsScreen)  # nothing to restore, no question
