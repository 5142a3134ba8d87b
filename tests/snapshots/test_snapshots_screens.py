"""Snapshots of the Ask, Companies, Coverage, Practice and Brief screens in the real app.

At 80x24 and 120x40, in the default dark and the light theme. The bank is the
packaged sample with interview dates removed (a "in 9 days" line would change
every day); the practice draw is seeded and its clock stopped, so every run
renders the same frame. Update with `--snapshot-update` only after looking at
the report.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import TextArea

from storybank.model import Bank
from storybank.store import Store
from storybank.tui.factory import make_app

SIZES = [(80, 24), (120, 40)]
THEMES = ["storybank-dark", "storybank-light"]
QUESTION = "Tell me about a launch that went wrong and what you changed afterwards."


def snapshot_bank() -> Bank:
    import yaml

    from storybank.resources import sample_file

    data: dict[str, Any] = {}
    for name in ("stories.yaml", "companies.yaml"):
        data.update(yaml.safe_load(sample_file(name).read_text(encoding="utf-8")))
    bank = Bank.from_dict(data)
    for company in bank.companies:
        company.interview_date = None
    return bank


def build_app(db: Path) -> Any:
    Store.open(str(db)).apply_import(snapshot_bank(), replace=True)
    return make_app(str(db))


def prepare(section: str, theme: str):  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot[Any]) -> None:
        app: Any = pilot.app
        app.theme = theme
        app.open_section(section)
        await pilot.pause()
        screen: Any = app.screen
        if section == "ask":
            screen.query_one("#ask-question", TextArea).insert(QUESTION)
            await pilot.pause(0.3)
        elif section == "practice":
            screen.rng.seed(11)
            screen.action_next_question()
            screen.countdown.stop()
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("section", ["ask", "companies", "coverage", "practice", "brief"])
def test_screen_snapshot(
    snap_compare: Any, db_path: Path, section: str, theme: str, size: tuple[int, int]
) -> None:
    app = build_app(db_path)
    assert snap_compare(app, run_before=prepare(section, theme), terminal_size=size)
