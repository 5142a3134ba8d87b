"""A Footer that rebuilds its keys once per frame, however many binding updates arrive.

Textual's Footer schedules a full recompose for every bindings update; at start-up
(focus, screen resume, selection) several arrive in the same frame and each rebuild
restyles every key: about 70 ms of the first frame on the story list. One rebuild
reads the bindings as they are when it runs, so coalescing loses nothing.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class CoalescingFooter(Footer):
    """Footer with at most one pending rebuild."""

    def __init__(self) -> None:
        super().__init__()
        self._rebuild_pending = False

    def bindings_changed(self, screen: Screen) -> None:
        if self._rebuild_pending:
            return
        self._rebuild_pending = True
        super().bindings_changed(screen)
        self.call_after_refresh(self._rebuilt)

    def _rebuilt(self) -> None:
        self._rebuild_pending = False
