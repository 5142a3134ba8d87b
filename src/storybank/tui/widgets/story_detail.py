"""The detail pane: one story in full, every piece of user text shown literally."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from storybank.model import Story, format_metric
from storybank.quality.textstats import format_seconds, spoken_seconds, word_count
from storybank.tui.literal import literal, literal_line
from storybank.tui.widgets.badges import badge
from storybank.vocab import BEAT_LABELS, BEATS, ROUNDS

HEADING = "bold $primary"
MUTED = "$text-muted"


def _heading(text: str) -> Content:
    return Content.styled(text.upper(), HEADING)


def render_story(story: Story, score: int | None = None) -> Content:
    """The whole story as one Content: beats, numbers, tradeoffs, environment, rounds, tags."""
    words = word_count(story)
    parts: list[Content | str] = [literal(story.title, "bold"), "\n"]
    if story.summary:
        parts += [literal(story.summary, "italic"), "\n"]
    facts = f"id {story.id} · {words} words · about {format_seconds(spoken_seconds(story))}"
    if score is not None:
        facts += f" · quality {score}/100"
    parts += [literal_line(facts, MUTED), "\n"]
    if story.competencies:
        for name in story.competencies:
            parts += [badge(name), " ", literal_line(name), "  "]
        parts.append("\n")
    env = story.environment
    if not env.is_empty():
        values = [v for v in (env.stage, env.customer, env.org) if v]
        parts += [Content.styled("Environment: ", MUTED), literal_line(" · ".join(values)), "\n"]
    for name in BEATS:
        text = story.beat(name)
        parts += ["\n", _heading(BEAT_LABELS[name]), "\n"]
        parts.append(literal(text) if text.strip() else Content.styled("(not written yet)", MUTED))
        parts.append("\n")
    if story.metrics:
        parts += ["\n", _heading("Metrics (before -> after)"), "\n"]
        for metric in story.metrics:
            parts += ["• ", literal_line(format_metric(metric, with_name=True)), "\n"]
    if story.tradeoffs:
        parts += ["\n", _heading("Tradeoffs"), "\n"]
        for tradeoff in story.tradeoffs:
            parts += ["• Chose ", literal_line(tradeoff.chose, "bold")]
            if tradeoff.over:
                parts += [" over ", literal_line(tradeoff.over)]
            if tradeoff.because:
                parts += [", because ", literal_line(tradeoff.because)]
            parts.append("\n")
    if story.rounds:
        parts += ["\n", _heading("Round notes"), "\n"]
        for round_name in ROUNDS:
            note = story.rounds.get(round_name)
            if note:
                parts += [Content.styled(f"{round_name.capitalize()}: ", "bold"), literal(note)]
                parts.append("\n")
    if story.tags:
        parts += ["\n", _heading("Tags"), "\n", literal_line(", ".join(story.tags)), "\n"]
    return Content.assemble(*parts)  # one pass; `join` re-copies on every part


EMPTY_TEXT = (
    "No story selected.\n\n"
    "Press n to write a story, or open the command palette (ctrl+p) to import a YAML file "
    "or load the sample bank."
)


class StoryDetail(VerticalScroll, can_focus=True):
    """Scrollable, focusable pane; enter on it opens the editor (handled by the screen)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "screen.edit", "Edit", show=False),
        Binding("escape", "screen.focus_list", "Back to list", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Static(Content(EMPTY_TEXT), id="story-detail-body")

    def show(self, story: Story | None, score: int | None = None) -> None:
        body = self.query_one("#story-detail-body", Static)
        body.update(render_story(story, score) if story is not None else Content(EMPTY_TEXT))
        self.scroll_home(animate=False)
