"""A visible answer timer for practice drills, drivable by tests.

Time comes from an injected `clock` (a function returning seconds, `time.monotonic` by
default): the time spent is what the clock moved while the countdown ran, so a pause
and a resume are exact. A refresh timer only redraws and notices the end; with
`ticking=False` (tests, snapshots) there is none, nothing changes by itself, and a
test moves its own clock (or calls `tick()`) and then `update_time()`. A snapshot
never shows a ticking clock.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.timer import Timer
from textual.widgets import Static

BAR_WIDTH = 30
REFRESH_SECONDS = 0.25
"""How often a ticking countdown redraws (and checks for the end)."""

Clock = Callable[[], float]


def format_seconds(seconds: int) -> str:
    """`125` -> `2:05`, the way a clock shows it."""
    seconds = max(0, int(seconds))
    return f"{seconds // 60}:{seconds % 60:02d}"


class Countdown(Static):
    """mm:ss left and a shrinking bar; posts `Countdown.Expired` once when it reaches zero."""

    DEFAULT_CSS = """
    Countdown {
        height: 1;
        width: auto;
        padding: 0 1;
    }
    Countdown.-low {
        color: $warning;
        text-style: bold;
    }
    Countdown.-expired {
        color: $error;
        text-style: bold;
    }
    Countdown.-paused {
        text-style: dim;
    }
    """

    class Expired(Message):
        """Time is up for the current question."""

    remaining: reactive[int] = reactive(0)
    """Whole seconds left on the clock."""

    def __init__(
        self,
        seconds: int = 120,
        *,
        clock: Clock | None = None,
        ticking: bool = True,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.clock: Clock = clock or time.monotonic
        self.ticking = ticking
        """Whether a timer redraws it while it runs (off in tests and snapshots)."""
        self.total = max(1, int(seconds))
        """The full answer time in seconds (the bar is drawn against it)."""
        self.set_reactive(Countdown.remaining, self.total)
        self._spent = 0.0
        """Seconds counted before the current run (and any `tick()`s)."""
        self._since: float | None = None
        """The clock's reading when the current run began; None while stopped."""
        self._expired_sent = False
        self._timer: Timer | None = None
        self.paused = False
        """Stopped by the user part-way, to be resumed (drawn dim, labelled)."""

    @property
    def running(self) -> bool:
        return self._since is not None

    @property
    def expired(self) -> bool:
        return self.remaining <= 0

    @property
    def elapsed(self) -> float:
        """Seconds counted so far, at most the total."""
        spent = self._spent + (self.clock() - self._since if self._since is not None else 0.0)
        return min(float(self.total), max(0.0, spent))

    @property
    def used(self) -> int:
        """Whole seconds counted so far (what a practice record keeps)."""
        return int(self.elapsed)

    def start(self, seconds: int | None = None, *, run: bool = True) -> None:
        """Reset to `seconds` (or the last total) and, if `run`, start counting."""
        self.stop()
        if seconds is not None:
            self.total = max(1, int(seconds))
        self._spent = 0.0
        self._expired_sent = False
        self.paused = False
        self.update_time()
        if run:
            self.resume()
        self.refresh()

    def resume(self) -> None:
        """Count on from where the clock was stopped (nothing to do once expired)."""
        if self._since is not None or self.elapsed >= self.total:
            return
        self._since = self.clock()
        self.paused = False
        if self.ticking and self.is_mounted:
            self._timer = self.set_interval(REFRESH_SECONDS, self.update_time)
        self.update_time()

    def stop(self) -> None:
        """Freeze the clock where it is (the answer was given, or the screen was left)."""
        if self._since is not None:
            self._spent += self.clock() - self._since
            self._since = None
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self.update_time()

    def pause(self) -> None:
        """Stop part-way, to be resumed: the clock says so."""
        if self.running:
            self.stop()
            self.paused = True
            self.update_time()

    def tick(self, seconds: int = 1) -> None:
        """Count `seconds` more, as if they had passed (tests drive the clock this way)."""
        self._spent += seconds
        self.update_time()

    def update_time(self) -> None:
        """Redraw from the clock; at zero stop and post `Expired` (once)."""
        self.remaining = max(0, self.total - int(self.elapsed))
        self.set_class(self.paused, "-paused")
        if self.remaining == 0 and not self._expired_sent:
            self._expired_sent = True
            self.stop()
            self.post_message(self.Expired())
        self.refresh()

    def watch_remaining(self, remaining: int) -> None:
        self.set_class(0 < remaining <= max(10, self.total // 6), "-low")
        self.set_class(remaining <= 0, "-expired")

    def render(self) -> Content:
        filled = round(BAR_WIDTH * self.remaining / self.total) if self.total else 0
        bar = "█" * filled + "░" * (BAR_WIDTH - filled)
        label = "Time's up" if self.remaining <= 0 else format_seconds(self.remaining)
        suffix = "  paused" if self.paused else ""
        return Content(f"{label:>9}  {bar}{suffix}")
