"""Snapshots of the Stories (home), Editor and Welcome screens in the real app.

At 80x24 and 120x40, in the default dark and the light theme, on the packaged
sample stories. Cursor blink is switched off (conftest.py) so every run renders the
same frame, and the tests wait for the lint scores instead of sleeping. Update with
`--snapshot-update` only after looking at the report.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from storybank.model import Bank
from storybank.store import Store
from storybank.tui.app import HOME_MODE
from storybank.tui.factory import make_app
from waiting import wait_until

SIZES = [(80, 24), (120, 40)]
THEMES = ["storybank-dark", "storybank-light"]


def sample_stories() -> Bank:
    from storybank.resources import sample_bank

    return Bank(stories=sample_bank().stories)


def build_app(db: Path, theme: str, *, empty: bool = False) -> Any:
    store = Store.open(str(db))
    if not empty:
        store.apply_import(sample_stories(), replace=True)
    store.set_setting("theme", theme)
    return make_app(str(db))


def prepare(keys: list[str]):  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
        app: Any = pilot.app
        # Lint scores arrive from a worker a moment after the first paint: wait for all.
        home = app.get_screen_stack(HOME_MODE)[0] if app.bank.stories else None
        await wait_until(
            pilot,
            lambda: len(getattr(home, "_scores", ())) == len(app.bank.stories),
            "every story's lint score",
        )
        await app.workers.wait_for_complete()
        await pilot.pause()

    return run_before


SCREENS = {
    "stories": ([], False),
    "stories-filtered": (["slash", *"launch"], False),
    "editor": (["e"], False),
    "welcome": ([], True),
}


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("screen", list(SCREENS))
def test_core_snapshot(
    snap_compare: Any, db_path: Path, screen: str, theme: str, size: tuple[int, int]
) -> None:
    keys, empty = SCREENS[screen]
    app = build_app(db_path, theme, empty=empty)
    assert snap_compare(app, run_before=prepare(keys), terminal_size=size)
