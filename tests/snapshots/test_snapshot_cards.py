"""Snapshots of the Cards screen (one story's cue card) in the real app, at 80x24 and 120x40.

The bank is the fixed one in tests/data (not the samples, rewritten freely); the card is
the engine's own (`quality.cards`), so a change to how cards are written shows here too:
look at the report before `--snapshot-update`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from storybank.store import Store
from storybank.tui.factory import make_app
from storybank.tui.screens.cards import CardsScreen
from storybank.yamlio import load_bank_file
from waiting import wait_until

SNAPSHOT_BANK = Path(__file__).resolve().parent.parent / "data" / "screens_snapshot_bank.yaml"
SIZES = [(80, 24), (120, 40)]


def build_app(db: Path, theme: str) -> Any:
    store = Store.open(str(db))
    store.apply_import(load_bank_file(SNAPSHOT_BANK), replace=True)
    store.set_setting("theme", theme)
    return make_app(str(db))


def open_card(keys: list[str]):  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot[Any]) -> None:
        app: Any = pilot.app
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.press("C", *keys)
        await wait_until(pilot, lambda: isinstance(app.screen, CardsScreen), "the card")
        await app.workers.wait_for_complete()
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("theme", ["storybank-dark", "storybank-light"])
def test_cards_snapshot(
    snap_compare: Any, db_path: Path, theme: str, size: tuple[int, int]
) -> None:
    assert snap_compare(build_app(db_path, theme), run_before=open_card([]), terminal_size=size)


def test_cards_snapshot_with_round_notes(snap_compare: Any, db_path: Path) -> None:
    app = build_app(db_path, "storybank-dark")
    assert snap_compare(app, run_before=open_card(["right", "r"]), terminal_size=(120, 40))
