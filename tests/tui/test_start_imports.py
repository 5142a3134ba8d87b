"""The first screen: it imports nothing only other screens need (TextArea's document model,
hashlib's OpenSSL bindings) or only a write needs (TinyDB, filelock), its threads start
once it is up, and the section keys still stay off in any text field."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from core_support import app_with, two_stories
from textual.widgets import Input, OptionList, Static, TextArea

from storybank.tui.app import typing_into
from storybank.tui.screens import stories as stories_module
from waiting import wait_until

START = """
import sys
from storybank.tui.factory import make_app

seen = {}

async def ready(pilot):
    await pilot.pause()
    due = pilot.app.screen.query_one("#recall-due")
    for _ in range(3000):  # the due count (recall cards, keyed by blake2) fills in
        if str(due.render()):
            break
        await pilot.pause(0.02)
    await pilot.app.workers.wait_for_complete()
    seen["counted"] = bool(str(due.render()))
    seen.update((name, name in sys.modules) for name in WATCHED)
    pilot.app.exit()

WATCHED = ["textual.widgets._text_area", "hashlib", "_hashlib", "tinydb", "filelock"]
make_app().run(headless=True, auto_pilot=ready)
print(seen["counted"], " ".join(str(seen[name]) for name in WATCHED))
"""


def test_the_story_list_starts_without_textarea_hashlib_or_tinydb(db_path: Path) -> None:
    app_with(db_path, two_stories())  # a bank, so the story list (not the welcome) opens
    out = subprocess.run(
        [sys.executable, "-c", START], capture_output=True, text=True, check=True, timeout=120
    )
    assert out.stdout.split() == ["True"] + ["False"] * 5, out.stderr


def test_typing_into_knows_every_text_field() -> None:
    assert typing_into(Input())
    assert typing_into(TextArea())
    assert not typing_into(OptionList())
    assert not typing_into(None)


async def test_section_letters_are_text_in_a_textarea(db_path: Path) -> None:
    app = app_with(db_path, two_stories())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.open_section("ask")
        await pilot.pause()
        question = app.screen.query_one("#ask-question", TextArea)
        question.focus()
        await pilot.pause()
        screen = app.screen
        await pilot.press("o", "v", "s")  # Companies, Coverage, Stories anywhere else
        await pilot.pause()
        assert app.screen is screen
        assert question.text.endswith("ovs")


async def test_due_count_and_scores_wait_for_the_first_screen(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Neither thread starts with the screen (each would share the interpreter with its
    first paint); both start together once the delay is over."""
    monkeypatch.setattr(stories_module, "SCORE_DELAY_AT_START", 3600.0)
    app = app_with(db_path, two_stories())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        home: Any = app.screen
        due = home.query_one("#recall-due", Static)
        assert not list(app.workers)
        assert str(due.render()) == "" and home._scores == {}
        home._fill_in()  # what the timer does
        await wait_until(pilot, lambda: len(home._scores) == 2, "both lint scores")
        await wait_until(pilot, lambda: str(due.render()) != "", "the due count")
        assert str(due.render()) == "Recall: 8 due · t to drill"


def test_run_freezes_what_start_up_made_and_unfreezes_after(db_path: Path) -> None:
    """The objects made before the app runs are left out of the collector's walks while
    it runs (gc.freeze), and put back once `run` returns."""
    app = app_with(db_path, two_stories())
    assert gc.get_freeze_count() == 0
    seen: dict[str, Any] = {}

    async def ready(pilot: Any) -> None:
        await pilot.pause()
        seen["frozen"] = gc.get_freeze_count()
        seen["screen"] = type(pilot.app.screen).__name__
        pilot.app.exit("done")

    assert app.run(headless=True, auto_pilot=ready) == "done"  # the exit value comes back
    assert seen == {"frozen": seen["frozen"], "screen": "StoriesScreen"}
    assert seen["frozen"] > 10_000  # the modules, themes and bank made before
    assert gc.get_freeze_count() == 0
