"""Waiting on a condition in Pilot tests instead of sleeping a fixed time.

A fixed `pilot.pause(0.3)` is a guess about how fast the machine is; on a loaded
2-core CI runner the guess fails and the test flakes. `wait_until` lets the app's
loop run until the state the test needs is there, and fails with a clear message
only after a generous bound (never a timing assertion: a slow machine just waits).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot

GENEROUS_SECONDS = 60.0
"""How long a condition may take before the test gives up: long enough for any load."""


async def wait_until(
    pilot: Pilot[Any], condition: Callable[[], object], what: str, *, step: float = 0.02
) -> None:
    """Let the app run until `condition()` is true; fail naming `what` after a long bound."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + GENEROUS_SECONDS
    while not condition():
        if loop.time() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await pilot.pause(step)
    await pilot.pause()  # one more turn so what the condition saw is also painted


def no_cursor_blink(monkeypatch: Any) -> None:
    """Make every Input and TextArea start with a steady cursor (a blink is a clock)."""
    from textual.widgets import Input, TextArea

    for cls in (Input, TextArea):
        original = cls.__init__

        def init(
            self: Any, *args: Any, __original: Any = original, __cls: Any = cls, **kwargs: Any
        ) -> None:
            __original(self, *args, **kwargs)
            self.set_reactive(__cls.cursor_blink, False)

        monkeypatch.setattr(cls, "__init__", init)


async def wait_for_palette_results(pilot: Pilot[Any]) -> None:
    """Wait until the command palette lists at least one match for what was typed."""
    from textual.command import CommandList

    def has_results() -> bool:
        lists = pilot.app.screen.query(CommandList)
        return bool(lists) and lists.first().option_count > 0

    await wait_until(pilot, has_results, "the command palette's matches")
