"""The footer rebuilds its keys only when what it shows changes, and makes each key in
its own state (Textual's key is made compact, then bound to the footer's state)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from core_support import app_with, two_stories
from textual.widgets._footer import FooterKey

from factories import story
from storybank.model import Bank
from storybank.tui.widgets.footer import CoalescingFooter
from waiting import wait_until


def footer_keys(app: Any) -> list[FooterKey]:
    return list(app.screen.query_one(CoalescingFooter).query(FooterKey))


def shown_descriptions(app: Any) -> list[str]:
    """What the screen's bindings say the footer shows (Textual's Footer's rule: the
    shown bindings, one key per action), each marked when it is disabled."""
    first: dict[str, str] = {}
    for _, binding, enabled, _tip in app.screen.active_bindings.values():
        if binding.show and binding.action not in first:
            first[binding.action] = binding.description + ("" if enabled else " (off)")
    return list(first.values())


def key_descriptions(app: Any) -> list[str]:
    return [
        key.description + (" (off)" if key.has_class("-disabled") else "")
        for key in footer_keys(app)
        if not key.has_class("-command-palette")
    ]


def settled(app: Any) -> bool:
    """The footer shows every key its bindings say, the palette's last (a rebuild mounts
    its keys one after another)."""
    keys = footer_keys(app)
    return (
        bool(keys)
        and keys[-1].has_class("-command-palette")
        and key_descriptions(app) == shown_descriptions(app)
    )


async def test_footer_rebuilds_only_when_its_keys_change(db_path: Path) -> None:
    app = app_with(db_path, two_stories())
    async with app.run_test(size=(120, 40)) as pilot:
        home: Any = app.screen
        await wait_until(pilot, lambda: len(home._scores) == 2, "both lint scores")
        await app.workers.wait_for_complete()
        await wait_until(pilot, lambda: settled(app), "the footer's keys")
        keys = footer_keys(app)
        assert key_descriptions(app) == shown_descriptions(app)
        assert "Undo" not in shown_descriptions(app)

        app.screen.refresh_bindings()  # nothing changed: the same key widgets stay
        await pilot.pause()
        await pilot.pause()
        assert footer_keys(app) == keys

        app.delete_story("launch-calendar")  # u Undo appears
        await wait_until(pilot, lambda: "Undo" in shown_descriptions(app), "undo on offer")
        await wait_until(pilot, lambda: settled(app), "the footer's keys with Undo")


async def test_footer_key_enabled_state_change_rebuilds(db_path: Path) -> None:
    """The findings key shows once a story's lint findings are in (a changed key set)."""
    bank = Bank(stories=[story("thin", "A thin story")])  # lint finds things to fix
    app = app_with(db_path, bank)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await wait_until(pilot, lambda: "Fixes" in shown_descriptions(app), "findings")
        await wait_until(pilot, lambda: settled(app), "the footer's keys with Fixes")


async def test_footer_keys_are_made_in_the_footers_state(db_path: Path) -> None:
    app = app_with(db_path, two_stories())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(CoalescingFooter)
        keys = footer_keys(app)
        assert keys
        for key in keys:
            if "-command-palette" in key.classes:
                assert key.compact and key.has_class("-compact")  # as Textual makes it
            else:
                assert key.compact == footer.compact is False
                assert not key.has_class("-compact")
