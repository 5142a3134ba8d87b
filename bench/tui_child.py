"""The TUI measurements, each run in its own fresh interpreter by bench.rows_tui.

    python -m bench.tui_child start-minimal START_TIME
    python -m bench.tui_child start-storybank START_TIME DB
    python -m bench.tui_child askkey DB KEYS
    python -m bench.tui_child stall DB
    python -m bench.tui_child quit DB

Each prints one JSON line. The app is the real one (`make_app`), run headless.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import sys
import threading
import time
from typing import Any

QUESTION = "Tell me about a launch that went wrong and what you changed afterwards "


def start_minimal(start: float) -> None:
    from textual.app import App
    from textual.widgets import Footer, Header, Static

    class Minimal(App[None]):
        def compose(self):  # type: ignore[no-untyped-def]
            yield Header()
            yield Static("hello")
            yield Footer()

    async def ready(pilot: Any) -> None:
        await pilot.pause()  # the same settling wait as the storybank child
        print(json.dumps({"seconds": time.time() - start}), flush=True)
        pilot.app.exit()

    Minimal().run(headless=True, auto_pilot=ready)


def start_storybank(start: float, db: str) -> None:
    from storybank.tui.factory import make_app

    async def ready(pilot: Any) -> None:
        await pilot.pause()  # the stories screen has composed and filled its list
        assert type(pilot.app.screen).__name__ == "StoriesScreen", pilot.app.screen
        print(json.dumps({"seconds": time.time() - start}), flush=True)
        pilot.app.exit()

    make_app(db).run(headless=True, auto_pilot=ready)


async def askkey(db: str, keys: int) -> dict[str, float]:
    """CPU of this process per keystroke on Ask: the key's own handling, then the advice
    refresh the debounce would run once typing pauses, with the cards' repaint."""
    from textual.widgets import TextArea

    from storybank.tui.factory import make_app

    app = make_app(db)
    work: list[float] = []
    wall: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.3)  # the story list's lint scores start after a short delay
        await app.workers.wait_for_complete()  # their thread's CPU must not count here
        app.open_section("ask")
        await pilot.pause()
        screen = app.screen
        area = screen.query_one("#ask-question", TextArea)
        area.insert("Tell me")
        screen.refresh_advice()  # type: ignore[attr-defined]  # first call builds the index
        await pilot.pause()
        for index in range(keys):
            char = QUESTION[index % len(QUESTION)]
            start, wall_start = time.process_time(), time.perf_counter()
            area.insert(char)
            await pilot.pause(0)
            screen.refresh_advice()  # type: ignore[attr-defined]
            await pilot.pause(0)
            work.append((time.process_time() - start) * 1000)
            wall.append((time.perf_counter() - wall_start) * 1000)
    work.sort()
    return {
        "median": statistics.median(work),
        "p95": work[min(len(work) - 1, int(0.95 * len(work)))],
        "wall": statistics.median(wall),
        "keys": keys,
    }


class StallMeter:
    """The longest stretch of main-thread CPU between two turns of the event loop.

    A tick is scheduled every 2 ms; the CPU the main thread used between two ticks
    (`time.thread_time`) is work that kept the loop from handling input. CPU, not wall:
    on a loaded machine the wall gap mostly measures other programs."""

    def __init__(self) -> None:
        self.longest = 0.0
        self.where = ""
        self.label = "start"
        self.per_label: dict[str, float] = {}
        self._last = 0.0
        self._running = False

    def start(self) -> None:
        self._running = True
        self._last = time.thread_time()
        asyncio.get_running_loop().call_later(0.002, self._tick)

    def _tick(self) -> None:
        now = time.thread_time()
        gap = now - self._last
        if gap > self.longest:
            self.longest, self.where = gap, self.label
        if gap > self.per_label.get(self.label, 0.0):
            self.per_label[self.label] = gap
        self._last = now
        if self._running:
            asyncio.get_running_loop().call_later(0.002, self._tick)

    def stop(self) -> None:
        self._running = False


async def stall(db: str) -> dict[str, Any]:
    """Longest UI-thread stall once the first screen is up: lint scores arriving, moving
    down the list, filtering, saving a story (a refresh of every view), moving again."""
    from textual.widgets import OptionList

    from storybank.tui.factory import make_app

    app = make_app(db)
    meter = StallMeter()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        meter.start()
        meter.label = "lint scores arriving"
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause(0.05)
        meter.label = "moving down the list"
        for _ in range(15):
            await pilot.press("down")
        meter.label = "filtering"
        await pilot.press("slash", *"launch")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        meter.label = "saving a story"
        screen = app.screen
        story_id = screen.selected_story_id  # type: ignore[attr-defined]
        story = app.bank.story(story_id)
        app.save_story(story.replace(title=story.title + " (edited)"))
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        meter.label = "moving again"
        for _ in range(5):
            await pilot.press("down")
        await pilot.pause()
        assert app.screen.query_one("#story-list", OptionList).option_count == len(app.bank.stories)
        meter.stop()
    return {
        "longest_ms": meter.longest * 1000,
        "where": meter.where,
        "per_label": {k: round(v * 1000) for k, v in meter.per_label.items()},
    }


def quit_while_scoring(db: str) -> dict[str, Any]:
    """Process CPU from `exit()` (pressed while the lint worker scores 1,000 stories)
    until `run()` returns, and whether the worker was really running."""
    from storybank.tui.factory import make_app

    app = make_app(db)
    seen: dict[str, Any] = {}

    async def go(pilot: Any) -> None:
        # No settling pause first: on 1,000 stories the first screen takes long enough
        # for most of the scoring to be done by then. Poll from the start instead.
        for _ in range(400):  # until the scoring thread is busy (at most ~4 s)
            if any(w.group == "lint-scores" and w.is_running for w in app.workers):
                break
            await asyncio.sleep(0.01)
        await asyncio.sleep(0.02)  # into the scoring, well before its end (~0.5 s)
        seen["running"] = any(w.group == "lint-scores" and w.is_running for w in app.workers)
        seen["threads"] = threading.active_count()
        seen["cpu"], seen["wall"] = time.process_time(), time.perf_counter()
        app.exit()

    app.run(headless=True, auto_pilot=go)
    cpu = time.process_time() - seen["cpu"]
    wall = time.perf_counter() - seen["wall"]
    return {"cpu_ms": cpu * 1000, "wall_ms": wall * 1000, "running": seen["running"]}


def main(argv: list[str]) -> int:
    what = argv[0]
    if what == "start-minimal":
        start_minimal(float(argv[1]))
        return 0
    if what == "start-storybank":
        start_storybank(float(argv[1]), argv[2])
        return 0
    if what == "askkey":
        result: dict[str, Any] = asyncio.run(askkey(argv[1], int(argv[2])))
    elif what == "stall":
        result = asyncio.run(stall(argv[1]))
    elif what == "quit":
        result = quit_while_scoring(argv[1])
    else:
        raise SystemExit(f"unknown measurement {what!r}")
    print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
