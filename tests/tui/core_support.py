"""Shared set-up for the TUI core tests: a bank on disk, the real app on top of it."""

from __future__ import annotations

from pathlib import Path

from factories import complete_story
from storybank.model import Bank
from storybank.store import Store
from storybank.tui.app import StorybankApp
from storybank.tui.factory import make_app


def two_stories() -> Bank:
    return Bank(
        stories=[
            complete_story("launch-calendar", "One launch calendar for six teams"),
            complete_story(
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
