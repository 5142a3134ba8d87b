"""A tiny host App for testing one storybank screen on its own (dolphie-style).

It provides what the screens read from the real app (`store`, `bank`,
`refresh_bank()`) and loads the screens' stylesheet, so each screen test runs
without the full app shell.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

from textual.app import App
from textual.screen import Screen

import storybank.tui
from storybank.model import Bank, Company, Metric, Story, Tradeoff
from storybank.tui.messages import BankChanged

SCREENS_TCSS = Path(storybank.tui.__file__).parent / "screens.tcss"

HOSTILE_TITLE = "[b]x[/b] [@click=app.quit]y[/] \x1b]0;pwned\x07\x1b[2J"
"""Markup, an action link, an OSC title write and a clear-screen: all must show as text."""


class HostApp(App[None]):
    """Pushes one screen over a blank base, backed by a Store (or a bare Bank)."""

    CSS_PATH: ClassVar[list[str | Path]] = [SCREENS_TCSS]

    def __init__(
        self,
        screen_factory: Callable[[], Screen[Any]],
        bank: Bank | None = None,
        store: Any = None,
    ) -> None:
        super().__init__()
        self.screen_factory = screen_factory
        self.store = store
        self.bank = store.bank() if store is not None else (bank or Bank())
        self.changes: list[BankChanged] = []

    def on_mount(self) -> None:
        self.push_screen(self.screen_factory())

    def refresh_bank(self, reason: str = "", story_id: str | None = None) -> None:
        """Reload the snapshot after a write and tell every screen, as the real app does."""
        if self.store is not None:
            self.bank = self.store.bank()
        message = BankChanged(reason=reason, story_id=story_id)
        self.changes.append(message)
        for screen in self.screen_stack:
            screen.post_message(BankChanged(reason=reason, story_id=story_id))


def hostile_story(story_id: str = "hostile") -> Story:
    """A story whose every text field tries markup, an action link and terminal escapes."""
    text = HOSTILE_TITLE
    return Story(
        id=story_id,
        title=HOSTILE_TITLE,
        summary=text,
        competencies=["metric-frameworks", "launch-operations", "[red]custom[/]"],
        context=f"Context {text}",
        constraint=f"Constraint {text}",
        decision=f"I chose {text} because it was faster",
        execution=f"I built {text}",
        result=f"Result {text} went from 10 to 4",
        after=f"Since then we learned {text}",
        metrics=[Metric(name=f"time {text}", before=10, after=4, unit="h")],
        tradeoffs=[Tradeoff(chose=f"speed {text}", over=f"scope {text}", because=f"{text}")],
        rounds={"behavioral": f"stress {text}", "case": f"apply {text}", "panel": text},
        tags=[text],
    )


def hostile_company() -> Company:
    return Company(
        id="hostile-co",
        name=f"Co {HOSTILE_TITLE}",
        stage="enterprise",
        customer="b2b-enterprise",
        org="matrix",
        focus=["metric-frameworks", "launch-operations"],
        notes=HOSTILE_TITLE,
        interview_date="2030-01-15",
    )


def sample_bank() -> Bank:
    """The packaged sample bank (stories, companies and questions) as plain records."""
    import yaml

    from storybank.resources import sample_file

    data: dict[str, Any] = {}
    for name in ("stories.yaml", "companies.yaml", "questions.yaml"):
        data.update(yaml.safe_load(sample_file(name).read_text(encoding="utf-8")))
    return Bank.from_dict(data)


def screen_text(screen: Screen[Any]) -> str:
    """Everything the screen's widgets currently render, as plain text (for assertions)."""
    from textual.widgets import DataTable, Static

    parts: list[str] = []
    for widget in screen.query(Static):
        parts.append(str(widget.render()))
    for table in screen.query(DataTable):
        for row in table.ordered_rows:
            parts.extend(str(cell) for cell in table.get_row(row.key))
        parts.extend(str(col.label) for col in table.ordered_columns)
    return "\n".join(parts)


def sample_store(bank: Bank | None = None) -> Any:
    """A Store at the test's temporary database path, loaded with `bank` (default: samples)."""
    from storybank.store import Store

    store = Store.open()
    store.apply_import(bank if bank is not None else sample_bank(), replace=True)
    return store
