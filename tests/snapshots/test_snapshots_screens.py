"""Snapshots of the Ask, Companies, Coverage, Practice and Brief screens in the real app.

At 80x24 and 120x40, in the default dark and the light theme. The bank is a
fixed one in tests/data with no interview dates (an "in 9 days" line would
change every day); the practice clock is stopped. These pin the screens' layout and
styling, not the engines' judgement (the engines have their own tests and are
tuned often), so the advisor, the brief and the practice draw return fixed
answers built from the sample stories. Update with `--snapshot-update` only
after looking at the report.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any, ClassVar

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import TextArea

import storybank.tui
from storybank.model import Bank
from storybank.store import Store
from storybank.tui.screens.ask import AskScreen
from storybank.tui.screens.brief import BriefScreen
from storybank.tui.screens.companies import CompaniesScreen
from storybank.tui.screens.coverage import CoverageScreen
from storybank.tui.screens.practice import PracticeScreen
from storybank.tui.widgets.suggestion_card import SuggestionCard
from waiting import wait_until

TUI_DIR = Path(storybank.tui.__file__).resolve().parent
SCREENS: dict[str, type[Screen[Any]]] = {
    "ask": AskScreen,
    "companies": CompaniesScreen,
    "coverage": CoverageScreen,
    "practice": PracticeScreen,
    "brief": BriefScreen,
}

SIZES = [(80, 24), (120, 40)]
THEMES = ["storybank-dark", "storybank-light"]
QUESTION = "Tell me about a launch that went wrong and what you changed afterwards."


SNAPSHOT_BANK = Path(__file__).resolve().parent.parent / "data" / "screens_snapshot_bank.yaml"


def snapshot_bank() -> Bank:
    """A fixed bank in the tests' own data (not the samples, which are rewritten freely)."""
    from storybank.yamlio import load_bank_file

    return load_bank_file(SNAPSHOT_BANK)


def fixed_engines(monkeypatch: pytest.MonkeyPatch) -> None:
    """Replace the engines' answers with fixed ones shaped exactly like theirs."""
    import storybank.advisor as advisor
    import storybank.quality.brief as brief
    import storybank.quality.lint as lint
    import storybank.quality.questions as questions
    from storybank.advisor import Advice, CompanyFit, Suggestion
    from storybank.model import Question, format_metric

    def suggestion(story: Any, rank: int, round_name: str | None) -> Suggestion:
        tradeoff = story.tradeoffs[0] if story.tradeoffs else None
        return Suggestion(
            id=story.id,
            title=story.title,
            score=round(0.8 - 0.15 * rank, 2),
            lead_with="after",
            emphasis="Own the call in a sentence, then spend the time on what changed after.",
            opening=story.after.split(". ")[0].rstrip(".") + ".",
            metric=format_metric(story.metrics[0], with_name=True) if story.metrics else None,
            tradeoff=f"chose {tradeoff.chose} over {tradeoff.over}" if tradeoff else None,
            round_note=story.rounds.get(round_name) if round_name else None,
            adapt=["Stress how the approach would scale across many teams."] if rank else [],
            why=["covers launch-operations", "failure question: `after` holds the lesson"],
        )

    def advise(
        question: str,
        stories: Any,
        company: Any = None,
        round: Any = None,
        top: int = 3,
        **_user: Any,  # picks and pitch: the fixed answer ignores them
    ) -> Advice:
        return Advice(
            question=question,
            kind="failure",
            competencies=["launch-operations"],
            weak_match=False,
            suggestions=[suggestion(s, i, round) for i, s in enumerate(list(stories)[:top])],
        )

    def rank_for_company(stories: Any, company: Any) -> list[CompanyFit]:
        return [
            CompanyFit(
                story=s,
                score=round(0.9 - 0.1 * i, 2),
                adapt=[f"{company.name} is a {company.stage}: stress scale."] if i else [],
                why=[f"covers {company.name} focus", "environment fit 50%"],
            )
            for i, s in enumerate(stories)
        ]

    def render_brief_text(built: Any, width: int = 80, **_: Any) -> str:
        lines = [f"Brief: {built.name}", "=" * (7 + len(built.name))]
        lines += [f"{built.stage} stage, {built.customer} customers, {built.org} org", ""]
        lines += ["Your stories by fit", "-" * 19]
        lines += [f" {i}. 0.{9 - i}0  Story number {i}" for i in range(1, 7)]
        lines += ["", "Numbers to remember", "-" * 19]
        lines += [f"  - Metric {i}: {10 * i} -> {5 * i} (-50%)" for i in range(1, 12)]
        return "\n".join(lines) + "\n"

    question = Question(
        id="q-fixed",
        text="Tell me about a launch you would run differently today, and why.",
        kind="failure",
        competencies=["launch-operations"],
    )
    monkeypatch.setattr(advisor, "advise", advise)
    monkeypatch.setattr(advisor, "rank_for_company", rank_for_company)
    monkeypatch.setattr(brief, "build_brief", lambda bank, company, qs, **kw: company)
    monkeypatch.setattr(brief, "render_brief_text", render_brief_text)
    monkeypatch.setattr(questions, "draw_practice_question", lambda *a, **kw: question)
    monkeypatch.setattr(questions, "weakest_competencies", lambda *a, **kw: ["prioritization"])
    monkeypatch.setattr(lint, "lint_story", lambda story: SimpleNamespace(score=90))


class ScreenHost(App[None]):
    """The app's stylesheets and themes around one section screen, without the app shell.

    The shell's own keys (and so its footer) belong to the core's snapshots; here
    only the section screens are pinned, so a change to the shell cannot break them.
    """

    CSS_PATH: ClassVar[list[str | Path]] = [TUI_DIR / "app.tcss"]

    def __init__(self, section: str, store: Store) -> None:
        super().__init__()
        self.section = section
        self.store = store
        self.bank = store.bank()

    def get_theme_variable_defaults(self) -> dict[str, str]:
        from storybank.tui.themes import VARIABLE_DEFAULTS

        return dict(VARIABLE_DEFAULTS)

    def on_mount(self) -> None:
        from storybank.tui.themes import load_all_themes

        for theme in load_all_themes().themes:
            self.register_theme(theme)
        if self.section == "practice":
            # Built with its clock stopped: a clock that may tick before a test stops it
            # makes the frame depend on the machine's load.
            self.push_screen(PracticeScreen(autostart=False))
        else:
            self.push_screen(SCREENS[self.section]())

    def refresh_bank(self, reason: str = "", story_id: str | None = None) -> None:
        self.bank = self.store.bank()


def build_app(db: Path, section: str) -> ScreenHost:
    store = Store.open(str(db))
    store.apply_import(snapshot_bank(), replace=True)
    return ScreenHost(section, store)


def prepare(section: str, theme: str):  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot[Any]) -> None:
        app: Any = pilot.app
        app.theme = theme
        await pilot.pause()
        screen: Any = app.screen
        if section == "ask":
            screen.query_one("#ask-question", TextArea).insert(QUESTION)
            # Answer now instead of waiting out the typing debounce, then wait for the cards.
            await wait_until(pilot, lambda: screen._debounce is not None, "the debounce")
            screen._debounce.stop()
            screen.refresh_advice()
            await wait_until(
                pilot, lambda: len(screen.query(SuggestionCard)) == 3, "three suggestion cards"
            )
        else:
            await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("section", list(SCREENS))
def test_screen_snapshot(
    snap_compare: Any,
    db_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    section: str,
    theme: str,
    size: tuple[int, int],
) -> None:
    fixed_engines(monkeypatch)
    app = build_app(db_path, section)
    assert snap_compare(app, run_before=prepare(section, theme), terminal_size=size)
