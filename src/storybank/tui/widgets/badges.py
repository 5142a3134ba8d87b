"""Competency badges: three-letter tags that fit a list row at 80 columns."""

from __future__ import annotations

from textual.content import Content

from storybank.tui.literal import literal_line
from storybank.vocab import COMPETENCY_SHORT_NAMES

BADGE_STYLE = "bold $badge-foreground on $badge-background"


def short_name(competency: str) -> str:
    """Built-in competencies have fixed short names; custom ones use their first letters."""
    if competency in COMPETENCY_SHORT_NAMES:
        return COMPETENCY_SHORT_NAMES[competency]
    letters = [ch for ch in competency.upper() if ch.isalnum()]
    return "".join(letters[:3]) or "?"


def badge(competency: str) -> Content:
    """One badge; custom names are user text and go through `literal_line`."""
    return literal_line(f" {short_name(competency)} ", BADGE_STYLE)


def badges(competencies: list[str], limit: int = 4) -> Content:
    """Badges separated by spaces, with `+N` when there are more than fit."""
    parts: list[Content | str] = []
    for index, name in enumerate(competencies[:limit]):
        if index:
            parts.append(" ")
        parts.append(badge(name))
    extra = len(competencies) - limit
    if extra > 0:
        parts.append(Content.styled(f" +{extra}", "$text-muted"))
    return Content.assemble(*parts)
