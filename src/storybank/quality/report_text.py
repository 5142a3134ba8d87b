"""Small helpers shared by the plain-text and markdown renderers of quality reports.

Every piece of user text passes through `safetext` here, so a renderer cannot
forget it: plain output must never carry a terminal escape from the data, and
markdown output must never turn a story title into a link, a heading or a table.
"""

from __future__ import annotations

import re
import textwrap
import unicodedata
from functools import lru_cache

from storybank.safetext import clean, clean_line, markdown_inline

WIDTH = 80
"""Plain output fits a classic 80-column terminal."""

ELLIPSIS = "…"


def one_line(text: str) -> str:
    """User text for a one-line context: controls neutralised, whitespace folded."""
    return " ".join(clean_line(text).split())


def display_width(text: str) -> int:
    """Terminal columns `text` takes (wide East Asian characters count twice)."""
    if text.isascii():
        return len(text)  # every ASCII character is one column: no per-character lookup
    return sum(_char_width(ch) for ch in text)


def _char_width(ch: str) -> int:
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def truncate(text: str, width: int) -> str:
    """Cut one-line `text` to at most `width` columns, marking the cut with an ellipsis."""
    text = one_line(text)
    if display_width(text) <= width:
        return text
    out: list[str] = []
    used = 0
    for ch in text:
        w = _char_width(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out).rstrip() + ELLIPSIS


def pad(text: str, width: int, indent: str = "") -> str:
    """`indent` then one-line `text`, in exactly `width` columns (truncated if longer)."""
    text = indent + truncate(text, width - len(indent))
    return text + " " * (width - display_width(text))


def wrap(
    text: str, width: int = WIDTH, indent: str = "", subsequent: str | None = None
) -> list[str]:
    """Wrap user text to `width` columns; paragraphs (blank lines) are kept apart."""
    return list(_wrapped(text, width, indent, indent if subsequent is None else subsequent))


@lru_cache(maxsize=4096)
def _wrapped(text: str, width: int, indent: str, subsequent: str) -> tuple[str, ...]:
    """`wrap`, remembered: a report repeats the same fix texts and labels for every story."""
    lines: list[str] = []
    paragraphs = [p for p in re.split(r"\n\s*\n", clean(text)) if p.strip()] or [""]
    for number, paragraph in enumerate(paragraphs):
        first = indent if number == 0 else subsequent
        flat = one_line(paragraph)
        if display_width(flat) == len(flat):
            wrapped = textwrap.wrap(
                flat,
                width=width,
                initial_indent=first,
                subsequent_indent=subsequent,
                break_long_words=True,
                break_on_hyphens=False,
            )
        else:
            wrapped = _wrap_wide(flat, width, first, subsequent)
        lines.extend(wrapped or [first.rstrip()])
    return tuple(lines)


def _wrap_wide(text: str, width: int, first: str, subsequent: str) -> list[str]:
    """Greedy word wrap by terminal columns, for text with wide (e.g. CJK) characters."""
    lines: list[str] = []
    line, used = first, display_width(first)
    fresh = True
    for word in text.split(" "):
        size = display_width(word)
        gap = 0 if fresh else 1
        if used + gap + size <= width:
            line += (" " if gap else "") + word
            used += gap + size
            fresh = False
            continue
        if not fresh:
            lines.append(line)
            line, used = subsequent, display_width(subsequent)
        for ch in word:  # a word wider than the line is split between characters
            w = _char_width(ch)
            if used + w > width and used > display_width(subsequent):
                lines.append(line)
                line, used = subsequent, display_width(subsequent)
            line += ch
            used += w
        fresh = False
    lines.append(line)
    return [item.rstrip() for item in lines]


def labelled(label: str, text: str, width: int = WIDTH, indent: str = "") -> list[str]:
    """`label text...` with continuation lines aligned under the text."""
    head = f"{indent}{label} "
    return wrap(text, width, indent=head, subsequent=" " * len(head))


def rule(title: str, width: int = WIDTH, char: str = "=") -> list[str]:
    """A section heading: the title and an underline of the same length."""
    title = truncate(title, width)
    return [title, char * display_width(title)]


# -- markdown ---------------------------------------------------------------------------------


def md(text: str) -> str:
    """User text as inert inline Markdown (the rule lives in `safetext.markdown_inline`)."""
    return markdown_inline(text)
