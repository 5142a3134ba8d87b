"""The app notices another writer's change to the file, refreshes and says what changed."""

from __future__ import annotations

from pathlib import Path

import pytest
from core_support import app_with, screen_text, two_stories
from textual import events
from textual.widgets import Input

from factories import complete_story as story
from storybank.model import Company
from storybank.store import Store
from storybank.tui.app import StorybankApp
from storybank.tui.screens.editor import EditorScreen


@pytest.fixture(autouse=True)
def no_disk_timer(monkeypatch: pytest.MonkeyPatch) -> None:
    """The checks are called explicitly here, at exact moments."""
    monkeypatch.setattr(StorybankApp, "DISK_CHECK_INTERVAL", None)


def notes(app: StorybankApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


def other_writer(db: Path) -> Store:
    return Store.open(str(db))


async def test_an_import_elsewhere_is_shown_and_announced(db_path: Path) -> None:
    app = app_with(db_path, two_stories())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.notice_outside_changes() is False  # nothing changed: one stat, no reload
        other = other_writer(db_path)
        other.upsert_story(story("launch-calendar", "Retitled in another terminal"))
        other.upsert_story(story("activation-metric", "Also retitled"))
        other.upsert_company(Company("acme", "Acme"))
        assert app.notice_outside_changes() is True
        await pilot.pause()
        assert "The bank changed on disk: 2 stories updated, 1 company added." in notes(app)
        assert app.bank.company("acme") is not None
        assert "Retitled in another terminal" in screen_text(app)
        assert app.notice_outside_changes() is False  # told once


async def test_terminal_focus_triggers_the_check(db_path: Path) -> None:
    app = app_with(db_path, two_stories())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        other_writer(db_path).upsert_story(story("new-one", "Imported meanwhile"))
        app.post_message(events.AppFocus())
        await pilot.pause()
        assert app.bank.story("new-one") is not None
        assert any("1 story added" in n for n in notes(app))


async def test_the_editor_keeps_its_form_and_warns(db_path: Path) -> None:
    app = app_with(db_path, two_stories())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, EditorScreen)
        await pilot.press(*" (mine)")
        other_writer(db_path).upsert_story(story("launch-calendar", "Changed elsewhere"))
        app.notice_outside_changes()
        await pilot.pause()
        assert app.screen is editor
        assert editor.query_one("#f-title", Input).value.endswith("(mine)")  # untouched
        assert any("The story you are editing changed on disk" in n for n in notes(app))


async def test_the_app_own_writes_are_not_announced(db_path: Path) -> None:
    app = app_with(db_path, two_stories())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.save_story(story("mine", "Saved in the app"))
        assert app.notice_outside_changes() is False


async def test_a_slow_timer_runs_the_check(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No busy loop: one stat every DISK_CHECK_INTERVAL seconds (captured, not waited for)."""
    monkeypatch.setattr(StorybankApp, "DISK_CHECK_INTERVAL", 2.0)
    app = app_with(db_path, two_stories())
    timers: list[tuple[float, object]] = []
    real_set_interval = app.set_interval

    def spy(interval: float, callback: object = None, **kwargs: object):  # type: ignore[no-untyped-def]
        timers.append((interval, callback))
        return real_set_interval(interval, callback, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(app, "set_interval", spy)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        checks = [cb for interval, cb in timers if cb == app.notice_outside_changes]
        assert [i for i, cb in timers if cb == app.notice_outside_changes] == [2.0]
        other_writer(db_path).upsert_story(story("new-one", "Imported meanwhile"))
        checks[0]()  # what the timer does when it fires
        assert app.bank.story("new-one") is not None
