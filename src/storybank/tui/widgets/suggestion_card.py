"""One suggested story with its angle: the card the Ask, Companies and Practice screens share.

Every field the advisor returns is assembled from the user's own story text, so
each one goes through `literal()`; only the labels are app text. Under the angle the
card lists where the story was already told in this loop and the follow-ups the
interviewer is likely to ask next (`storybank.loop.probes`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from textual.content import Content
from textual.widgets import Static

from storybank.tui.literal import join, literal_line
from storybank.vocab import BEAT_LABELS

CHOSEN_PREFIX = "you chose it for "
"""How the advisor's `why` says the user's own choice put the story first."""


def _row(label: str, value: Content) -> Content:
    return join(Content.styled(f"{label}: ", "bold"), value, "\n")


def render_suggestion(
    suggestion: Any,
    rank: int | None = None,
    *,
    compact: bool = False,
    probes: Sequence[str] = (),
    told: Sequence[str] = (),
) -> Content:
    """The angle for one suggestion as inert Content (rank, title, score, then one row per field).

    `compact` drops the explanation rows, for lists where space is short; `told` are the
    ledger's "told to J. Park in the panel on 3 Dec" lines, `probes` the likely follow-ups.
    """
    head = f"{rank}. " if rank is not None else ""
    parts: list[Content] = [
        join(
            Content.styled(head, "bold"),
            literal_line(suggestion.title, "bold"),
            Content.styled(f"  fit {suggestion.score:.2f}", "dim"),
            "\n",
        )
    ]
    lead = BEAT_LABELS.get(suggestion.lead_with, suggestion.lead_with)
    emphasis = literal_line(suggestion.emphasis) if suggestion.emphasis else Content("")
    parts.append(
        _row("Lead with", join(literal_line(lead), " - " if suggestion.emphasis else "", emphasis))
    )
    if suggestion.opening:
        parts.append(_row("Open", literal_line(suggestion.opening, "italic")))
    if suggestion.metric:
        parts.append(_row("Metric", literal_line(suggestion.metric)))
    if suggestion.tradeoff:
        parts.append(_row("Tradeoff", literal_line(suggestion.tradeoff)))
    if suggestion.round_note:
        parts.append(_row("Round", literal_line(suggestion.round_note)))
    for note in suggestion.adapt or []:
        parts.append(_row("Adapt", literal_line(note)))
    chosen = next((w for w in suggestion.why or [] if w.startswith(CHOSEN_PREFIX)), None)
    if chosen:
        pick = chosen.removeprefix(CHOSEN_PREFIX)
        parts.append(_row("Your pick", literal_line(f"you chose it for {pick}", "bold $success")))
    for phrase in told:
        parts.append(_row("Told", literal_line(phrase.removeprefix("told "), "bold $warning")))
    if suggestion.why and not compact:
        parts.append(_row("Why", literal_line("; ".join(suggestion.why), "dim")))
    if probes:
        parts.append(Content.styled("Likely follow-ups:\n", "bold"))
        for probe in probes:
            parts.append(join("  - ", literal_line(probe), "\n"))
    return join(*parts).rstrip()


class SuggestionCard(Static, can_focus=True):
    """A focusable card: focus marks the suggestion that `ctrl+y` copies."""

    DEFAULT_CSS = """
    SuggestionCard {
        padding: 0 1;
        margin: 0 0 1 0;
        border-left: wide $panel;
        height: auto;
    }
    SuggestionCard:focus {
        border-left: wide $accent;
        background: $boost;
    }
    """

    def __init__(
        self,
        suggestion: Any,
        rank: int,
        probes: Sequence[str] = (),
        told: Sequence[str] = (),
        **kwargs: Any,
    ) -> None:
        self._shown = render_suggestion(suggestion, rank, probes=probes, told=told)
        super().__init__(self._shown, **kwargs)
        self.suggestion = suggestion
        """The advisor's suggestion this card shows (its `opening` is what gets copied)."""
        self.probes = list(probes)
        """The follow-ups shown under it, most likely first."""

    def show(
        self, suggestion: Any, rank: int, probes: Sequence[str] = (), told: Sequence[str] = ()
    ) -> None:
        """Show another suggestion in this card (cheaper than a new widget per keystroke).

        An unchanged card is left alone, so a keystroke that does not change the
        advice costs no layout or repaint at all.
        """
        self.suggestion = suggestion
        self.probes = list(probes)
        content = render_suggestion(suggestion, rank, probes=probes, told=told)
        if content != self._shown:
            self._shown = content
            self.update(content)
