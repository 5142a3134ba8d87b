"""A Footer that rebuilds its keys once per burst of binding updates, and only when they change.

Textual's Footer schedules a full recompose for every bindings update; at start-up
(focus, screen resume, selection) several arrive together and each rebuild restyles
every key, a large share of the story list's first frame. Here updates arriving
before the next refresh are folded into one; the rebuild reads the bindings as they
are when it runs, and an update after that schedules another, so none is lost. A
rebuild that would show the same keys as the footer shows already is skipped.

Each key is also made in the footer's compact state. Textual's key starts compact and is
then bound to the footer's (not compact) state once mounted, so every key was restyled
twice after its first styling: once to add the compact class, once to take it away.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import TYPE_CHECKING

from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

if TYPE_CHECKING:
    from textual.app import ComposeResult


class CoalescingFooter(Footer):
    """Footer with at most one pending rebuild, none when its keys would not change."""

    def __init__(self) -> None:
        super().__init__()
        self._flush_pending = False
        self._changed_screen: Screen | None = None
        self._shown: Hashable | None = None
        """What the keys show once the rebuild asked for last has run (`_keys_shown`)."""

    def bindings_changed(self, screen: Screen) -> None:
        self._changed_screen = screen
        if not self._flush_pending:
            self._flush_pending = True
            self.call_after_refresh(self._flush)

    def _flush(self) -> None:
        self._flush_pending = False
        screen = self._changed_screen
        if screen is None:
            return
        if self.is_attached and screen is self.screen:
            shown = self._keys_shown()
            if self._bindings_ready and shown == self._shown:
                return  # the same keys, enabled or not as they are: nothing to rebuild
            if screen.app.app_focus:
                # A rebuild is scheduled (Textual's bindings_changed) for the keys as they
                # are now: a later update showing the same keys needs none of its own.
                self._bindings_ready = True
                self._shown = shown
        super().bindings_changed(screen)

    def _keys_shown(self) -> Hashable:
        """Everything `compose` reads to make the keys: the shown bindings (with whether
        each is enabled, its tooltip and how its key displays), the palette's, the style."""
        app = self.app
        active = self.screen.active_bindings
        shown = tuple(
            (binding, enabled, tooltip, app.get_key_display(binding))
            for (_, binding, enabled, tooltip) in active.values()
            if binding.show
        )
        palette = None
        if self.show_command_palette and app.ENABLE_COMMAND_PALETTE:
            found = active.get(app.COMMAND_PALETTE_BINDING)
            if found is not None:
                _, binding, enabled, tooltip = found
                palette = (binding, enabled, tooltip, app.get_key_display(binding))
        return (shown, palette, self.compact, self.combine_groups)

    def compose(self) -> ComposeResult:
        if self._bindings_ready:
            self._shown = self._keys_shown()
        compact = self.compact
        for widget in super().compose():
            if isinstance(widget, FooterKey) and "compact" in (widget._reactive_connect or {}):
                # A key bound to the footer's state is made in it, so neither its first
                # watcher nor the binding changes a class (each change restyles the key).
                # The palette's key is not bound (it stays compact) and is left alone.
                widget.set_reactive(FooterKey.compact, compact)
                widget.set_class(compact, "-compact", update=False)
            yield widget
