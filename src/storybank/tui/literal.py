"""The one door through which user text reaches a widget.

Textual parses a bare `str` given to Static, Label, ListItem, DataTable cells,
notify or OptionList as markup, and `[@click=...]` in it can run app actions.
Every user string therefore goes through `literal()`, which neutralises control
characters and terminal escapes and returns `Content` (never markup-parsed).
"""

from __future__ import annotations

from textual.content import Content

from storybank.safetext import clean, clean_line


def literal(text: str, style: str = "") -> Content:
    """User text as inert Content: shown exactly as typed, minus unsafe control characters."""
    cleaned = clean(text)
    return Content.styled(cleaned, style) if style else Content(cleaned)


def literal_line(text: str, style: str = "") -> Content:
    """Like `literal`, folded to one line (list rows, table cells, titles)."""
    cleaned = clean_line(text)
    return Content.styled(cleaned, style) if style else Content(cleaned)


def join(*parts: Content | str) -> Content:
    """Join trusted app text (plain `str`, never markup) and user Content into one Content."""
    out = Content("")
    for part in parts:
        out = out + (part if isinstance(part, Content) else Content(part))
    return out
