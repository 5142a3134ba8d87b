"""Shared set-up for the TUI core tests: a bank on disk, the real app on top of it."""

from __future__ import annotations

from pathlib import Path

from storybank.model import Bank, Environment, Metric, Story, Tradeoff
from storybank.store import Store
from storybank.tui.app import StorybankApp
from storybank.tui.factory import make_app


def story(story_id: str, title: str, **fields: object) -> Story:
    """A complete, valid story (all six beats, a metric and a tradeoff)."""
    base: dict[str, object] = {
        "summary": f"Summary of {title}.",
        "competencies": ["launch-operations"],
        "context": "A scale-up with launches slipping every quarter.",
        "constraint": "No extra headcount and a fixed launch date.",
        "decision": "I chose a single launch calendar over per-team trackers.",
        "execution": "Built the calendar, ran weekly go/no-go reviews for a quarter.",
        "result": "On-time launches went from 40% to 85%.",
        "after": "Every launch now starts with a readiness checklist.",
        "metrics": [Metric("On-time launches", 40, 85, "%")],
        "tradeoffs": [Tradeoff("one calendar", "team trackers", "one view beats many")],
        "environment": Environment(stage="scaleup", customer="b2b-smb", org="centralized"),
    }
    base.update(fields)
    return Story(id=story_id, title=title, **base)  # type: ignore[arg-type]


def two_stories() -> Bank:
    return Bank(
        stories=[
            story("launch-calendar", "One launch calendar for six teams"),
            story(
                "activation-metric",
                "Replacing signups with an activation metric",
                competencies=["metric-frameworks"],
            ),
        ]
    )


def app_with(db: Path, bank: Bank | None = None) -> StorybankApp:
    """The real app (as the CLI builds it) on a database holding `bank`."""
    if bank is not None:
        Store.open(str(db)).apply_import(bank)
    return make_app(str(db))


def screen_text(app: StorybankApp) -> str:
    """Everything on screen as plain text, one line per terminal row."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())
