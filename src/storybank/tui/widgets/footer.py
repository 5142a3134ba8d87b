"""The screen's keys on one line, drawn by one widget, looking as Textual's Footer does.

Textual's Footer is a container of one widget per key, rebuilt for every bindings update
(at start-up several arrive together, from focus, the screen resuming and the selection).
On the story list its ten keys were about 17 ms of the first screen's 90 ms over a bare
Textual app: ten widgets mounted, styled and laid out, and a second layout pass for them
after the first frame. This footer is one widget: a bindings update only redraws it, at
most once per refresh, and only when what it shows changed.

It looks the same: every key's colours and text style come from the same theme variables
through the same cascade as Textual's keys (footer, then key, then its key and
description parts), so themes, the demo's tint and the snapshots see no difference. It
acts the same too: a click on a key presses it (a disabled key rings the bell), the key
under the mouse is highlighted and its tooltip shown. Bindings sharing a group are shown
as separate keys (storybank defines no groups).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, ClassVar, NamedTuple

from rich.color import Color as RichColor
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.color import Color
from textual.strip import Strip
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.binding import Binding
    from textual.css.styles import StylesBase
    from textual.screen import Screen

BORDER_LEFT = "▏"
"""The left edge Textual's `vkey` border draws before the palette's key."""


class Key(NamedTuple):
    """One key as drawn: what a click presses and where it sits on the line."""

    key: str
    display: str
    description: str
    tooltip: str
    enabled: bool
    palette: bool


def cascade(chain: Iterable[StylesBase]) -> Style:
    """The Rich style of a node whose styles, root first, are `chain`: Textual's own rule
    (DOMNode.rich_style), so a part of a key drawn here matches a key widget's."""
    background = Color(0, 0, 0, 0)
    color = Color(255, 255, 255, 0)
    style = Style()
    opacity = 1.0
    for styles in chain:
        has_rule = styles.has_rule
        opacity *= styles.opacity
        if has_rule("background"):
            tinted = styles.background.tint(styles.background_tint)
            text_background = background + tinted
            background += tinted.multiply_alpha(opacity)
        else:
            text_background = background
        if has_rule("color"):
            color = styles.color
        style += styles.text_style
        if has_rule("auto_color") and styles.auto_color:
            color = text_background.get_contrast_text(color.a)
    return style + Style.from_color(
        (background + color).rich_color if (background.a or color.a) else None,
        background.rich_color if background.a else None,
    )


class FooterLine(Widget, can_focus=False):
    """The active screen's keys, as Textual's Footer shows them, in one widget."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "footer-line--item",
        "footer-line--item-hover",
        "footer-line--item-disabled",
        "footer-line--key",
        "footer-line--description",
        "footer-line--palette-border",
    }
    # The declarations of Textual's Footer and FooterKey, one component per key state.
    DEFAULT_CSS = """
    FooterLine {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        & > .footer-line--item {
            background: $footer-item-background;
        }
        & > .footer-line--item-hover {
            color: $footer-key-foreground;
            background: $block-hover-background;
        }
        & > .footer-line--item-disabled {
            background: $footer-item-background;
            text-style: dim;
        }
        & > .footer-line--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .footer-line--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .footer-line--palette-border {
            color: $foreground 20%;
        }
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self._keys: tuple[Key, ...] = ()
        self._spans: list[tuple[int, int, Key]] = []
        """(start, end, key) of each key drawn at the current width, for the mouse."""
        self._hover: Key | None = None
        self._pending = False

    # --- which keys -----------------------------------------------------------------

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen) -> None:
        """Read the keys once the burst of updates is over (at most once per refresh).
        Only this footer's own screen signals it (`on_mount`)."""
        if not self._pending:
            self._pending = True
            self.call_after_refresh(self._update_keys)

    def _update_keys(self) -> None:
        self._pending = False
        if not self.is_attached:
            return
        if not self.app.app_focus:
            return  # as Textual's Footer: keep the keys shown while the terminal is away
        keys = self._read_keys()
        if keys != self._keys:
            self._keys = keys
            if self._hover is not None and self._hover not in keys:
                self._set_hover(None)
            self.refresh()

    def _read_keys(self) -> tuple[Key, ...]:
        """The shown bindings, one key per action (the first bound), then the palette's."""
        app = self.app
        active = self.screen.active_bindings
        first: dict[str, tuple[Binding, bool, str]] = {}
        for _, binding, enabled, tooltip in active.values():
            if binding.show and binding.action not in first:
                first[binding.action] = (binding, enabled, tooltip)
        keys = [
            Key(b.key, app.get_key_display(b), b.description, tip, enabled, False)
            for b, enabled, tip in first.values()
        ]
        if app.ENABLE_COMMAND_PALETTE:
            found = active.get(app.COMMAND_PALETTE_BINDING)
            if found is not None:
                _, binding, enabled, tooltip = found
                tip = binding.tooltip or binding.description
                display = app.get_key_display(binding)
                keys.append(Key(binding.key, display, binding.description, tip, enabled, True))
        return tuple(keys)

    # --- drawing --------------------------------------------------------------------

    def _styles(self, key: Key, chain: Sequence[StylesBase]) -> tuple[Style, Style, Style]:
        """(the key's own, its key part's, its description part's) styles, below the
        footer's `chain` of styles (root first)."""
        if not key.enabled:
            item = self.get_component_styles("footer-line--item-disabled")
        elif key == self._hover:
            item = self.get_component_styles("footer-line--item-hover")
        else:
            item = self.get_component_styles("footer-line--item")
        own = [*chain, item]
        key_part = cascade([*own, self.get_component_styles("footer-line--key")])
        description = cascade([*own, self.get_component_styles("footer-line--description")])
        return cascade(own), key_part, description

    def _segments(self, key: Key, chain: Sequence[StylesBase]) -> list[Segment]:
        base, key_style, description_style = self._styles(key, chain)
        if key.palette:  # compact, on the right: a thin edge, the key, its name, a space
            # As Textual draws a `vkey` left border and right padding: the edge's colour is
            # blended over the footer's background, its cell and the padding take the key's.
            key_background = Style(bgcolor=base.bgcolor)
            edge = Style(color=self._border_color()) + key_background
            parts = [
                Segment(BORDER_LEFT, edge),
                Segment(key.display, base + key_style),
                Segment(f" {key.description}", base + description_style),
                Segment(" ", key_background),
            ]
        elif key.description:
            parts = [
                Segment(f" {key.display} ", base + key_style),
                Segment(f"{key.description} ", base + description_style),
            ]
        else:
            parts = [Segment(key.display, base + key_style)]
        return parts

    def _border_color(self) -> RichColor:
        border = self.get_component_styles("footer-line--palette-border").color
        below = self.rich_style.bgcolor
        background = Color.from_rich_color(below) if below is not None else Color(0, 0, 0, 0)
        return (background + border).rich_color

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        background = Style(bgcolor=self.rich_style.bgcolor)  # as Textual fills: no colour
        if y != 0 or width <= 0:
            return Strip.blank(width, background)
        chain = [node.styles for node in reversed(self.ancestors_with_self)]
        palette_key = next((key for key in self._keys if key.palette), None)
        palette = self._segments(palette_key, chain) if palette_key is not None else []
        # The left keys run up to the palette's key (the whole width without one) and are
        # cut where it begins: it is drawn over what they would have used.
        start = max(0, width - sum(part.cell_length for part in palette))
        spans: list[tuple[int, int, Key]] = []
        left: list[Segment] = []
        x = 0
        for key in self._keys:
            if key.palette:
                continue
            parts = self._segments(key, chain)
            length = sum(part.cell_length for part in parts)
            if x < start:
                spans.append((x, min(x + length, start), key))
            left.extend(parts)
            x += length
        if palette_key is not None:
            spans.append((start, width, palette_key))
        self._spans = spans
        line = Strip(left).crop(0, start).extend_cell_length(start, background)
        return Strip([*line, *palette]).crop(0, width).extend_cell_length(width, background)

    # --- the mouse ------------------------------------------------------------------

    def _key_at(self, x: int) -> Key | None:
        for start, end, key in self._spans:
            if start <= x < end:
                return key
        return None

    def _set_hover(self, key: Key | None) -> None:
        if key != self._hover:
            self._hover = key
            self.tooltip = key.tooltip if key is not None and key.tooltip else None
            self.refresh()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._set_hover(self._key_at(event.x))

    def on_leave(self, event: events.Leave) -> None:
        self._set_hover(None)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        key = self._key_at(event.x)
        if key is None:
            return
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()
