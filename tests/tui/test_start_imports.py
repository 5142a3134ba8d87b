"""What the first screen imports: not what only other screens need (TextArea's document
model, hashlib's OpenSSL bindings); and the section keys still stay off in any text field."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from core_support import app_with, two_stories
from textual.widgets import Input, OptionList, TextArea

from storybank.tui.app import typing_into

START = """
import sys
from storybank.tui.factory import make_app

seen = {}

async def ready(pilot):
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    seen.update((name, name in sys.modules) for name in WATCHED)
    pilot.app.exit()

WATCHED = ["textual.widgets._text_area", "hashlib", "_hashlib"]
make_app().run(headless=True, auto_pilot=ready)
print(" ".join(str(seen[name]) for name in WATCHED))
"""


def test_the_story_list_starts_without_textarea_or_hashlib(db_path: Path) -> None:
    app_with(db_path, two_stories())  # a bank, so the story list (not the welcome) opens
    out = subprocess.run(
        [sys.executable, "-c", START], capture_output=True, text=True, check=True, timeout=120
    )
    assert out.stdout.split() == ["False", "False", "False"], out.stderr


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
