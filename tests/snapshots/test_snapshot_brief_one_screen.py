"""Snapshot of the one-screen brief at 100x30, with a loop under way (issue 11).

Deterministic: the day is fixed (no clock), the bank is the tests' own, the ledger
entry is dated, and the advisor's two rankings are replaced by fixed answers shaped
like theirs, so this pins the brief's one-screen layout and choices, not the advisor's
tuning (which has its own tests and changes often).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, ClassVar

import pytest
from textual.app import App

import storybank.tui
from storybank.loop.ledger import make_telling
from storybank.store import Store
from storybank.tui.screens.brief import BriefScreen

TUI_DIR = Path(storybank.tui.__file__).resolve().parent
BANK = Path(__file__).resolve().parent.parent / "data" / "screens_snapshot_bank.yaml"
TODAY = dt.date(2026, 12, 4)


def fixed_rankings(monkeypatch: pytest.MonkeyPatch) -> None:
    import storybank.advisor as advisor
    from storybank.advisor import Advice, CompanyFit, Suggestion

    real_rank = advisor.rank_for_company

    def rank_for_company(stories: Any, company: Any) -> list[CompanyFit]:
        fits = real_rank(stories, company)  # its notes and reasons, with fixed scores
        return [fit.replace(score=round(0.9 - 0.07 * i, 2)) for i, fit in enumerate(fits)]

    def advise(question: str, stories: Any, company: Any = None, top: int = 3, **_: Any) -> Advice:
        ordered = sorted(stories, key=lambda s: (-len(s.competencies), s.id))[:top]
        return Advice(
            question=question,
            kind="behavioral",
            competencies=[],
            weak_match=False,
            suggestions=[
                Suggestion(
                    s.id,
                    s.title,
                    0.8 - 0.05 * i,
                    "context",
                    "",
                    "",
                    None,
                    None,
                    None,
                    [],
                    ["covers it"],
                    {"kind": 0.8},
                )
                for i, s in enumerate(ordered)
            ],
        )

    monkeypatch.setattr(advisor, "advise", advise)
    monkeypatch.setattr(advisor, "rank_for_company", rank_for_company)


class BriefHost(App[None]):
    CSS_PATH: ClassVar[list[str | Path]] = [TUI_DIR / "app.tcss"]

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.bank = store.bank()

    def get_theme_variable_defaults(self) -> dict[str, str]:
        from storybank.tui.themes import VARIABLE_DEFAULTS

        return dict(VARIABLE_DEFAULTS)

    def on_mount(self) -> None:
        from storybank.tui.themes import load_all_themes

        for theme in load_all_themes().themes:
            self.register_theme(theme)
        self.theme = "storybank-dark"
        self.push_screen(BriefScreen(today=TODAY))


def test_one_screen_brief_at_100x30(
    snap_compare: Any, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from storybank.yamlio import load_bank_file

    fixed_rankings(monkeypatch)
    store = Store.open(str(db_path))
    bank = load_bank_file(BANK)
    store.apply_import(bank, replace=True)
    company = bank.companies[0]
    told = bank.stories[2]
    store.add_telling(make_telling(told, company.id, "2026-12-02", "panel", "J. Park"))
    assert snap_compare(BriefHost(store), terminal_size=(100, 30))
