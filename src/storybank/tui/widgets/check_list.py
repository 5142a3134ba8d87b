"""A SelectionList whose boxes show their state by a glyph, not by colour alone.

Textual's SelectionList draws the same "X" in every box and tells ticked from unticked by
colour, which a colour-blind user, a monochrome terminal or a screenshot cannot read.
Here a ticked box shows ✓ and an empty one a blank.
"""

from __future__ import annotations

from typing import Generic, TypeVar

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import Checkbox, SelectionList
from textual.widgets.option_list import OptionDoesNotExist

SelectionType = TypeVar("SelectionType")

TICKED = "✓"
UNTICKED = " "


class CheckList(SelectionList[SelectionType], Generic[SelectionType]):
    """A SelectionList with ✓ in ticked boxes and a blank in empty ones."""

    def render_line(self, y: int) -> Strip:
        line = super().render_line(y)
        segments = list(line)
        if len(segments) < 3 or segments[1].text != Checkbox.BUTTON_INNER:
            return line  # a line without a box (past the last option)
        try:
            selection = self.get_option_at_index(self.scroll_offset.y + y)
        except OptionDoesNotExist:
            return line
        glyph = TICKED if selection.value in self.selected else UNTICKED
        segments[1] = Segment(glyph, segments[1].style, segments[1].control)
        return Strip(segments, line.cell_length)
