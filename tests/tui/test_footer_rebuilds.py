"""The footer: one widget showing the screen's keys as Textual's Footer does, redrawn only
when what it shows changes, and working with the mouse as Textual's keys do."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from core_support import app_with, screen_text, two_stories

from factories import story
from storybank.model import Bank
from storybank.tui.widgets.footer import FooterLine
from waiting import wait_until


def footer(app: Any) -> FooterLine:
    return app.screen.query_one(FooterLine)


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
        key.description + ("" if key.enabled else " (off)")
        for key in footer(app)._keys
        if not key.palette
    ]


def settled(app: Any) -> bool:
    """The footer shows every key its bindings say, the palette's last."""
    keys = footer(app)._keys
    return bool(keys) and keys[-1].palette and key_descriptions(app) == shown_descriptions(app)


def last_row(app: Any) -> str:
    return screen_text(app).splitlines()[-1]


async def test_footer_redraws_only_when_its_keys_change(db_path: Path) -> None:
    app = app_with(db_path, two_stories())
    async with app.run_test(size=(120, 40)) as pilot:
        home: Any = app.screen
        await wait_until(pilot, lambda: len(home._scores) == 2, "both lint scores")
        await app.workers.wait_for_complete()
        await wait_until(pilot, lambda: settled(app), "the footer's keys")
        assert "Undo" not in shown_descriptions(app)
        line = footer(app)
        refreshes: list[object] = []
        original = line.refresh
        line.refresh = lambda *a, **k: refreshes.append(a) or original(*a, **k)  # type: ignore[method-assign]
        app.screen.refresh_bindings()  # nothing changed: nothing redrawn
        await pilot.pause()
        await pilot.pause()
        assert refreshes == []

        app.delete_story("launch-calendar")  # u Undo appears
        await wait_until(pilot, lambda: "Undo" in shown_descriptions(app), "undo on offer")
        await wait_until(pilot, lambda: settled(app), "the footer's keys with Undo")
        assert refreshes  # a change redraws
        await wait_until(pilot, lambda: "u Undo" in last_row(app), "undo drawn")


async def test_footer_key_enabled_state_change_redraws(db_path: Path) -> None:
    """The findings key shows once a story's lint findings are in (a changed key set)."""
    bank = Bank(stories=[story("thin", "A thin story")])  # lint finds things to fix
    app = app_with(db_path, bank)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await wait_until(pilot, lambda: "Fixes" in shown_descriptions(app), "findings")
        await wait_until(pilot, lambda: settled(app), "the footer's keys with Fixes")
        await wait_until(pilot, lambda: "f Fixes" in last_row(app), "fixes drawn")


async def test_footer_draws_the_keys_left_and_the_palette_right(db_path: Path) -> None:
    app = app_with(db_path, two_stories())
    async with app.run_test(size=(100, 24)) as pilot:
        await wait_until(pilot, lambda: settled(app), "the footer's keys")
        row = last_row(app)
        assert row.startswith(" / Filter  n New  e Edit ")
        assert row.endswith("▏^p palette ")
        assert len(row) == 100


async def test_footer_cut_at_a_narrow_width_keeps_the_palette(db_path: Path) -> None:
    app = app_with(db_path, two_stories())
    async with app.run_test(size=(40, 24)) as pilot:
        await wait_until(pilot, lambda: settled(app), "the footer's keys")
        row = last_row(app)
        assert row.startswith(" / Filter  n New ")
        assert row.endswith("▏^p palette ")
        assert len(row) == 40
        await pilot.click(FooterLine, offset=(38, 0))  # the palette key, drawn over the rest
        await wait_until(pilot, lambda: type(app.screen).__name__ == "CommandPalette", "palette")


async def test_clicking_a_key_presses_it(db_path: Path) -> None:
    app = app_with(db_path, two_stories())
    async with app.run_test(size=(100, 24)) as pilot:
        await wait_until(pilot, lambda: settled(app), "the footer's keys")
        x = last_row(app).index(" n New")
        await pilot.click(FooterLine, offset=(x + 1, 0))
        await wait_until(pilot, lambda: type(app.screen).__name__ == "EditorScreen", "editor")


async def test_clicking_a_disabled_key_rings_the_bell(db_path: Path) -> None:
    app = app_with(db_path, two_stories())
    async with app.run_test(size=(100, 24)) as pilot:
        await wait_until(pilot, lambda: settled(app), "the footer's keys")
        line = footer(app)
        keys = list(line._keys)
        target = keys[1]
        line._keys = (keys[0], target._replace(enabled=False), *keys[2:])
        line.refresh()
        await pilot.pause()
        bells: list[bool] = []
        app.bell = lambda: bells.append(True)  # type: ignore[method-assign]
        screen = app.screen
        x = last_row(app).index(f" {target.display} {target.description}")
        await pilot.click(FooterLine, offset=(x + 1, 0))
        await pilot.pause()
        assert bells == [True]
        assert app.screen is screen  # nothing pressed


async def test_hovering_a_key_highlights_it_and_shows_its_tooltip(db_path: Path) -> None:
    app = app_with(db_path, two_stories())
    async with app.run_test(size=(100, 24)) as pilot:
        home: Any = app.screen
        await wait_until(pilot, lambda: len(home._scores) == 2, "both lint scores")
        await app.workers.wait_for_complete()  # no key comes or goes from here on
        await wait_until(pilot, lambda: settled(app), "the footer's keys")
        line = footer(app)
        x = last_row(app).index(" n New")
        plain = line.render_line(0)
        await pilot.hover(FooterLine, offset=(x + 1, 0))
        await pilot.pause()
        assert line._hover is not None and line._hover.description == "New"
        assert line.tooltip == "Write a new story"
        assert line.render_line(0) != plain  # drawn highlighted
        await pilot.hover("#story-list")
        await pilot.pause()
        assert line._hover is None and line.tooltip is None
        assert line.render_line(0) == plain


async def test_a_wide_key_display_keeps_clicks_on_their_keys(db_path: Path) -> None:
    """Spans are counted in terminal cells: a key shown as a wide character (two cells)
    still leaves every later key where a click lands on it."""
    app = app_with(db_path, two_stories())
    async with app.run_test(size=(100, 24)) as pilot:
        await wait_until(pilot, lambda: settled(app), "the footer's keys")
        line = footer(app)
        keys = list(line._keys)
        line._keys = (keys[0]._replace(display="界"), *keys[1:])
        line.refresh()
        await pilot.pause()
        row = last_row(app)
        x = row.index(" n New") + 1  # in cells: one character before it is two cells wide
        new = line._key_at(x + 6)  # the last cell of " n New "
        assert new is not None and new.description == "New"
        await pilot.click(FooterLine, offset=(x + 6, 0))
        await wait_until(pilot, lambda: type(app.screen).__name__ == "EditorScreen", "editor")
