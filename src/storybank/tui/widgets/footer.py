"""A Footer that rebuilds its keys once per burst of binding updates.

Textual's Footer schedules a full recompose for every bindings update; at start-up
(focus, screen resume, selection) several arrive together and each rebuild restyles
every key, a large share of the story list's first frame. Here updates arriving
before the next refresh are folded into one; the rebuild reads the bindings as they
are when it runs, and an update after that schedules another, so none is lost.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class CoalescingFooter(Footer):
    """Footer with at most one pending rebuild."""

    def __init__(self) -> None:
        super().__init__()
        self._flush_pending = False
        self._changed_screen: Screen | None = None

    def bindings_changed(self, screen: Screen) -> None:
        self._changed_screen = screen
        if not self._flush_pending:
            self._flush_pending = True
            self.call_after_refresh(self._flush)

    def _flush(self) -> None:
        self._flush_pending = False
        if self._changed_screen is not None:
            super().bindings_changed(self._changed_screen)
