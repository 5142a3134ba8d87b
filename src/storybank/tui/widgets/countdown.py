"""A visible answer timer for practice drills, drivable by tests.

The widget owns no clock: `tick()` takes one second off, and the running
interval timer is just something that calls `tick()` once a second. Tests (and
the snapshot runs) stop the interval and call `tick()` themselves, so the drill
is deterministic without sleeping.
"""

from __future__ import annotations

from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.timer import Timer
from textual.widgets import Static

BAR_WIDTH = 30


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
    """

    class Expired(Message):
        """Time is up for the current question."""

    remaining: reactive[int] = reactive(0)
    """Seconds left on the clock."""

    def __init__(self, seconds: int = 120, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.total = max(1, int(seconds))
        """The full answer time in seconds (the bar is drawn against it)."""
        self.set_reactive(Countdown.remaining, self.total)
        self._interval: Timer | None = None

    @property
    def running(self) -> bool:
        return self._interval is not None

    @property
    def expired(self) -> bool:
        return self.remaining <= 0

    def start(self, seconds: int | None = None, *, run: bool = True) -> None:
        """Reset to `seconds` (or the last total) and, if `run`, tick once a second."""
        self.stop()
        if seconds is not None:
            self.total = max(1, int(seconds))
        self.remaining = self.total
        self.set_class(False, "-expired")
        if run:
            self._interval = self.set_interval(1.0, self.tick)
        self.refresh()

    def resume(self) -> None:
        """Keep ticking from where the clock was stopped (nothing to do once expired)."""
        if self._interval is None and self.remaining > 0:
            self._interval = self.set_interval(1.0, self.tick)

    def stop(self) -> None:
        """Freeze the clock where it is (the answer was given, or a test drives it)."""
        if self._interval is not None:
            self._interval.stop()
            self._interval = None

    def tick(self, seconds: int = 1) -> None:
        """Take `seconds` off the clock; at zero stop and post `Expired` (once)."""
        if self.remaining <= 0:
            return
        self.remaining = max(0, self.remaining - seconds)
        if self.remaining == 0:
            self.stop()
            self.post_message(self.Expired())

    def watch_remaining(self, remaining: int) -> None:
        self.set_class(0 < remaining <= max(10, self.total // 6), "-low")
        self.set_class(remaining <= 0, "-expired")

    def render(self) -> Content:
        filled = round(BAR_WIDTH * self.remaining / self.total) if self.total else 0
        bar = "█" * filled + "░" * (BAR_WIDTH - filled)
        label = "Time's up" if self.remaining <= 0 else format_seconds(self.remaining)
        return Content(f"{label:>9}  {bar}")
