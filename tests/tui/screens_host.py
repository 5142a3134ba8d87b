"""A tiny host App for testing one storybank screen on its own (dolphie-style).

It provides what the screens read from the real app (`store`, `bank`,
`refresh_bank()`) and loads the app's stylesheet (each screen reads its own), so each
screen test runs without the full app shell.
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

APP_TCSS = Path(storybank.tui.__file__).parent / "app.tcss"

HOSTILE_TITLE = "[b]x[/b] [@click=app.quit]y[/] \x1b]0;pwned\x07\x1b[2J"
"""Markup, an action link, an OSC title write and a clear-screen: all must show as text."""


class HostApp(App[None]):
    """Pushes one screen over a blank base, backed by a Store (or a bare Bank)."""

    CSS_PATH: ClassVar[list[str | Path]] = [APP_TCSS]

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


FIXED_BANK = Path(__file__).resolve().parent.parent / "data" / "screens_snapshot_bank.yaml"


def fixed_bank() -> Bank:
    """Six stories and three companies kept in tests/data for the screens' tests.

    Not the packaged samples: those are rewritten freely, and a screen test should
    fail only when a screen breaks. Loaded through the importer, like a user's file.
    """
    from storybank.yamlio import load_bank_file

    return load_bank_file(FIXED_BANK)


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


def fixed_store(bank: Bank | None = None) -> Any:
    """A Store at the test's temporary database path, loaded with `bank` (default: fixed)."""
    from storybank.store import Store

    store = Store.open()
    store.apply_import(bank if bank is not None else fixed_bank(), replace=True)
    return store


# -- the real app with a hostile bank (issue 6: nothing injected) ------------------------------

EVIL = (
    "[b]x[/b] [@click=app.quit]y[/] [link=https://evil.example]z[/link] "
    "\x1b]0;pwned\x07\x1b]52;c;cHduZWQ=\x07\x1b[2J\x9b31m\u202eevil\x00\x7f"
)
"""Markup, an action link, a hyperlink, OSC title and clipboard writes, clear screen, a C1
CSI, a bidi override, NUL and DEL: every one must reach the screen as inert text."""

FORBIDDEN = ("\x1b", "\x07", "\x9b", "\u202e", "\x00", "\x7f")


def evil_bank() -> Bank:
    """A story, a company and a question whose every text field is `EVIL`."""
    from storybank.model import Environment, Question

    story = Story(
        id="hostile",
        title=EVIL,
        summary=EVIL,
        competencies=["launch-operations", "metric-frameworks", "[red]custom[/red]"],
        context=f"{EVIL} context",
        constraint=EVIL,
        decision=f"I chose {EVIL} because it was faster",
        execution=EVIL,
        result=f"{EVIL} from 10 to 4",
        after=f"Since then we learned {EVIL}",
        metrics=[Metric(EVIL, 10, 4, "[b]h[/b]")],
        tradeoffs=[Tradeoff(EVIL, EVIL, EVIL)],
        environment=Environment(stage="startup", customer="b2c", org="embedded"),
        rounds={"behavioral": EVIL, "case": EVIL, "panel": EVIL},
        tags=[EVIL],
    )
    company = Company(
        id="evil-co",
        name=EVIL,
        stage="enterprise",
        customer="b2b-enterprise",
        org="matrix",
        focus=["launch-operations", "[red]custom[/red]"],
        notes=EVIL,
    )
    question = Question(
        id="q-evil",
        text=f"{EVIL} launch went wrong?",
        kind="failure",
        competencies=["launch-operations"],
    )
    return Bank(stories=[story], companies=[company], questions=[question])


def real_app(bank: Bank) -> Any:
    """The app exactly as the CLI builds it, on the test's database holding `bank`."""
    from storybank.store import Store
    from storybank.tui.factory import make_app

    Store.open().apply_import(bank, replace=True)
    app = make_app()
    app.quits = []  # type: ignore[attr-defined]
    app.action_quit = lambda: app.quits.append("quit")  # type: ignore[attr-defined,method-assign]
    return app


def inert_text(app: App[Any]) -> str:
    """Assert no forbidden byte, link or data-borne click action in any rendered segment.

    Returns the screen's text, one line per row, for further checks.
    """
    lines: list[str] = []
    for strip in app.screen._compositor.render_strips():
        for segment in strip:
            for char in FORBIDDEN:
                assert char not in segment.text, (char, segment.text)
            style = segment.style
            if style is not None:
                assert style.link is None, segment
                assert (style.meta or {}).get("@click") != "app.quit", segment
        lines.append(strip.text)
    return "\n".join(lines)


async def click_needles(pilot: Any, text: str, needles: tuple[str, ...]) -> int:
    """Click on each needle found on screen (the would-be links); returns how many were hit."""
    hits = 0
    for needle in needles:
        for y, line in enumerate(text.splitlines()):
            x = line.find(needle)
            if x >= 0:
                await pilot.click(offset=(x + 1, y))
                await pilot.pause()
                hits += 1
                break
    return hits
