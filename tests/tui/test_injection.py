"""User text is data: markup shows literally, action links never run, no escape reaches output.

Every screen of the core is mounted with a story whose every field carries Rich/Textual
markup, an `[@click=app.quit]` action link, a `[link=...]`, terminal escape sequences
(OSC title, OSC 52 clipboard write, clear screen, CSI as a C1 byte), a bidi override and
other control characters. The rendered strips are inspected segment by segment.
"""

from __future__ import annotations

from pathlib import Path

from core_support import app_with
from textual.strip import Strip

from storybank.model import Bank, Environment, Metric, Story, Tradeoff
from storybank.tui.app import StorybankApp
from storybank.tui.screens.confirm import ConfirmScreen
from storybank.tui.screens.editor import EditorScreen
from storybank.tui.screens.error_dialog import ErrorDialog
from waiting import wait_for_palette_results

EVIL = (
    "[b]x[/b] [@click=app.quit]y[/] [link=https://evil.example]z[/link] "
    "\x1b]0;pwned\x07\x1b]52;c;cHduZWQ=\x07\x1b[2J\x9b31m\u202eevil\x00\x7f"
)
FORBIDDEN = ("\x1b", "\x07", "\x9b", "\u202e", "\x00", "\x7f")


def hostile_bank() -> Bank:
    story = Story(
        id="hostile",
        title=EVIL,
        summary=EVIL,
        competencies=["launch-operations", "[red]custom[/red]"],
        **{beat: EVIL for beat in ("context", "constraint", "decision", "execution", "result")},
        after=EVIL,
        metrics=[Metric(EVIL, 10, 4, "[b]h[/b]")],
        tradeoffs=[Tradeoff(EVIL, EVIL, EVIL)],
        environment=Environment(stage="startup"),
        rounds={"behavioral": EVIL, "case": EVIL, "panel": EVIL},
        tags=[EVIL],
    )
    return Bank(stories=[story])


def strips(app: StorybankApp) -> list[Strip]:
    return list(app.screen._compositor.render_strips())


def assert_inert(app: StorybankApp) -> str:
    """No forbidden byte in any segment, no link, no click action from data; returns the text."""
    for strip in strips(app):
        for segment in strip:
            for char in FORBIDDEN:
                assert char not in segment.text, (char, segment.text)
            style = segment.style
            if style is not None:
                assert style.link is None, segment
                assert (style.meta or {}).get("@click") != "app.quit", segment
    return "\n".join(strip.text for strip in strips(app))


def find(text: str, needle: str) -> tuple[int, int]:
    for y, line in enumerate(text.splitlines()):
        x = line.find(needle)
        if x >= 0:
            return x, y
    raise AssertionError(f"{needle!r} not on screen")


async def test_stories_screen_shows_hostile_text_literally(db_path: Path) -> None:
    app = app_with(db_path, hostile_bank())
    quits: list[str] = []
    app.action_quit = lambda: quits.append("quit")  # type: ignore[method-assign]
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        text = assert_inert(app)
        assert "[b]x[/b]" in text
        assert "[@click=app.quit]y[/]" in text
        assert "[link=https://evil.example]z[/link]" in text
        assert "␛]0;pwned␇" in text  # visible stand-ins, not escapes
        assert "[red]custom[/red]" in text
        for needle in ("[@click=app.quit]y[/]", "y[/]", "[b]x[/b]"):
            x, y = find(text, needle)
            await pilot.click(offset=(x + 1, y))
            await pilot.pause()
        assert quits == []
        assert app.is_running


async def test_editor_confirm_and_error_dialog_are_inert(db_path: Path) -> None:
    app = app_with(db_path, hostile_bank())
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
        text = assert_inert(app)
        assert "[b]x[/b] [@click=app.quit]y[/]" in text
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "[b]x[/b]" in assert_inert(app)
        await pilot.press("escape")
        await pilot.pause()
        app.push_screen(ErrorDialog("Import failed", f"{EVIL}:1:1: bad"))
        await pilot.pause()
        assert "[b]x[/b]" in assert_inert(app)


async def test_palette_story_hits_are_literal(db_path: Path) -> None:
    app = app_with(db_path, hostile_bank())
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"open story")
        await wait_for_palette_results(pilot)
        text = assert_inert(app)
        assert "Open story: [b]x[/b] [@click=app.quit]y[/]" in text
