"""A story's cue card on screen: beats as short facts, the numbers, the tradeoff; never a script."""

from __future__ import annotations

from typing import Any

from textual.content import Content
from textual.widgets import Static

from storybank.tui.literal import join, literal_line
from storybank.vocab import BEAT_LABELS

LEAD_LABELS = {"open": "Open", "behavioral": "Behavioral", "case": "Case", "panel": "Panel"}


def render_cue_card(card: Any) -> Content:
    """A `quality.cards.CueCard` as inert Content: every fact is user text, so literal."""
    from storybank.quality.textstats import format_seconds

    parts: list[Content | str] = [
        literal_line(card.title, "bold"),
        Content.styled(f"  about {format_seconds(card.spoken_seconds)} to tell", "dim"),
        "\n",
    ]
    for who, line in card.lead:
        parts += [
            Content.styled(f"{LEAD_LABELS.get(who, who)}: ", "bold"),
            literal_line(line),
            "\n",
        ]
    for name, items in card.beats.items():
        parts += [Content.styled(BEAT_LABELS.get(name, name).upper(), "bold $accent"), "\n"]
        for item in items:
            parts += ["  • ", literal_line(item), "\n"]
    if card.numbers:
        parts += [Content.styled("NUMBERS", "bold $accent"), "\n"]
        for number in card.numbers:
            parts += ["  • ", literal_line(number), "\n"]
    if card.tradeoffs:
        parts += [Content.styled("TRADEOFF", "bold $accent"), "\n"]
        for tradeoff in card.tradeoffs:
            parts += ["  • ", literal_line(tradeoff), "\n"]
    return join(*parts).rstrip()


class CueCardView(Static):
    """Shows one cue card (or a hint when there is none yet)."""

    DEFAULT_CSS = """
    CueCardView {
        height: auto;
        padding: 0 1;
        border: round $panel;
    }
    """

    def show(self, card: Any | None, title: str = "Cue card") -> None:
        self.border_title = title
        self.update(render_cue_card(card) if card is not None else Content(""))
