"""A story's cue card on screen: beats as short facts, the numbers, the tradeoff; never a script.

The same rows as the Cards screen and `storybank cards` (`quality.cards.card_rows`), in a
label column, without the round notes (Practice shows the card after an answer, to check
it against what was said).
"""

from __future__ import annotations

from typing import Any

from textual.content import Content
from textual.widgets import Static

from storybank.tui.literal import join, literal_line

LABEL_WIDTH = 11


def render_cue_card(card: Any) -> Content:
    """A `quality.cards.CueCard` as inert Content: every fact is user text, so literal."""
    from storybank.quality.cards import CARD_LABELS, card_rows
    from storybank.quality.textstats import format_seconds
    from storybank.vocab import ROUNDS

    parts: list[Content | str] = [
        literal_line(card.title, "bold"),
        Content.styled(f"  about {format_seconds(card.spoken_seconds)} to tell", "dim"),
        "\n",
    ]
    for name, items in card_rows(card):
        if name in ROUNDS:
            continue
        for position, item in enumerate(items):
            label = CARD_LABELS[name] if position == 0 else ""
            style = "bold" if name == "numbers" else ""
            parts += [
                Content.styled(f"{label:<{LABEL_WIDTH}}", "bold $accent"),
                "• ",
                literal_line(item, style),
                "\n",
            ]
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
