"""The section keys and the target company, on top of every section screen.

The home screen's header lists the section keys; without them here a user who opened
Practice had to remember how to reach Brief. The current section is highlighted, and
the right end names the target company every screen shares (`storybank.tui.target`).
"""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from storybank.tui.literal import literal_line
from storybank.tui.target import days_until, target_company

SECTION_KEYS: tuple[tuple[str, str, str], ...] = (
    ("s", "Stories", "stories"),
    ("a", "Ask", "ask"),
    ("o", "Companies", "companies"),
    ("v", "Coverage", "coverage"),
    ("p", "Practice", "practice"),
    ("b", "Brief", "brief"),
    ("t", "Drill", "drill"),
)
"""(key, label, mode): the app's section keys, in the order the header lists them."""


class NavBar(Widget):
    """One line: `s Stories  a Ask ...` with this section marked, then `target: Acme`."""

    DEFAULT_CSS = """
    NavBar {
        height: 1;
        width: 1fr;
        background: $panel;
        color: $text;
    }
    """

    def __init__(self, section: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.section = section
        """The mode this bar's screen belongs to (marked in the bar)."""

    def render(self) -> Content:
        width = self.size.width or self.app.size.width
        keys = self._keys(labels=True)
        if keys.cell_length > width:  # narrow: the keys alone, this section's label kept
            keys = self._keys(labels=False)
        room = width - keys.cell_length - 2
        right = self._target(room)
        if right is None:
            return keys
        gap = Content(" " * max(1, width - keys.cell_length - right.cell_length))
        return Content.assemble(keys, gap, right)

    def _keys(self, *, labels: bool) -> Content:
        parts: list[Content] = []
        if getattr(self.app, "demo", False):
            parts.append(Content.styled(" DEMO ", "bold reverse $warning"))
        after_mark = False
        for key, label, mode in SECTION_KEYS:
            if mode == self.section:
                parts.append(Content.styled(f" {key} {label} ", "bold reverse $accent"))
                after_mark = True
            else:
                space = "" if after_mark else " "  # the marked item brings its own padding
                shown = f" {label}" if labels else ""
                parts.append(Content.assemble(space, Content.styled(key, "bold $accent"), shown))
                after_mark = False
        return Content("").join(parts)

    def _target(self, room: int) -> Content | None:
        """The target's name (and when, and a "target" label, as room allows)."""
        if room < 6:
            return None
        company = target_company(self.app)
        if company is None:
            for text in ("no target company ", "no target "):
                if len(text) <= room:
                    return Content.styled(text, "dim")
            return None
        name = literal_line(company.name, "bold")
        when = days_until(company.interview_date)
        tail = Content.styled(f" · {when} ", "dim") if when else Content(" ")
        for candidate in (
            Content.assemble(Content.styled("target ", "dim"), name, tail),
            Content.assemble(name, tail),
        ):
            if candidate.cell_length <= room:
                return candidate
        return name.truncate(room - 1, ellipsis=True) + Content(" ")
