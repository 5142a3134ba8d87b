"""The Drill screen (reveal, grade, skip, company focus) and the redaction list editor."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from core_support import app_with, two_stories
from screens_host import HostApp, fixed_store, screen_text
from textual.widgets import Input, OptionList, Select, Static

from storybank.model import Bank, Company, Redaction
from storybank.recall.cards import bank_cards
from storybank.tui.screens.drill import DrillScreen
from storybank.tui.screens.redactions import RedactionsScreen
from storybank.tui.screens.stories import StoriesScreen
from waiting import wait_until

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def fake_clock() -> dt.datetime:
    return T0


async def test_drill_reveal_grade_skip_and_back() -> None:
    store = fixed_store()
    cards = bank_cards(store.bank())
    app = HostApp(lambda: DrillScreen(clock=fake_clock), store=store)
    graded: list[DrillScreen.Graded] = []

    async with app.run_test(size=(100, 30), message_hook=_collect(graded)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DrillScreen)
        assert screen.card == cards[0]
        assert cards[0].prompt in screen_text(screen)
        assert cards[0].answer not in screen_text(screen)

        await pilot.press("4")  # before the reveal, digits are the typed answer
        assert store.reviews() == []
        assert screen.query_one("#drill-answer", Input).value == "4"

        await pilot.press("enter")
        assert screen.revealed
        solution = str(screen.query_one("#drill-solution", Static).render())
        assert cards[0].answer in solution and "You said: 4" in solution

        await pilot.press("3")
        await pilot.pause()
        reviews = store.reviews()
        assert [(r.card, r.rating, r.at) for r in reviews] == [
            (cards[0].id, "good", "2026-03-02T09:00:00Z")
        ]
        assert [(g.card, g.rating) for g in graded] == [(cards[0].id, "good")]
        assert screen.card == cards[1] and not screen.revealed

        await pilot.press("ctrl+n")  # skip (works while typing): nothing stored
        assert screen.card == cards[2] and len(store.reviews()) == 1

        await pilot.press("enter", "1")
        await pilot.pause()
        assert store.reviews()[-1].rating == "again"

        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, DrillScreen)


async def test_drill_with_a_company_starts_with_its_focus_stories() -> None:
    bank = fixed_store().bank()
    focus = bank.stories[-1].competencies[:1]
    bank.companies.append(Company("focusco", "Focus Co", focus=focus))
    store = fixed_store(bank)
    app = HostApp(lambda: DrillScreen(clock=fake_clock), store=store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DrillScreen)
        screen.query_one("#drill-company", Select).value = "focusco"
        await pilot.pause()
        assert screen.card is not None
        first = app.bank.story(screen.card.story_id)
        assert first is not None and set(focus) & set(first.competencies)


async def test_an_empty_bank_says_there_is_nothing_to_drill() -> None:
    app = HostApp(lambda: DrillScreen(clock=fake_clock), store=fixed_store(Bank()))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "Nothing left to drill" in screen_text(app.screen)
        await pilot.press("3")
        assert app.store.reviews() == []


async def test_t_opens_the_drill_and_home_shows_the_due_count(db_path: Path) -> None:
    app = app_with(db_path, two_stories())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        due_line = app.screen.query_one("#recall-due", Static)
        # Counted in a thread once the first screen is up (with the lint scores).
        await wait_until(pilot, lambda: str(due_line.render()) != "", "the due count")
        assert str(due_line.render()) == "Recall: 8 due · t to drill"
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, DrillScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, StoriesScreen)


async def test_the_palette_offers_the_drill_and_the_redactions(db_path: Path) -> None:
    from storybank.tui.commands import StorybankCommands

    app = app_with(db_path, two_stories())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        provider = StorybankCommands(app.screen)
        labels = {label: callback for label, callback, _ in provider._actions()}
        assert "Recall drill" in labels and "Redactions" in labels
        labels["Redactions"]()
        await pilot.pause()
        assert isinstance(app.screen, RedactionsScreen)
        await pilot.press("escape")
        await pilot.pause()
        labels["Recall drill"]()
        await pilot.pause()
        assert isinstance(app.screen, DrillScreen)


async def test_redactions_add_use_a_suggestion_and_remove(db_path: Path) -> None:
    bank = two_stories()
    bank.companies.append(Company("acme", "Acme"))
    app = app_with(db_path, bank)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        app.open_redactions()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, RedactionsScreen)
        await pilot.press(*"Northwind", "enter", *"a Series C analytics company", "enter")
        await pilot.pause()
        assert app.store.redactions() == [Redaction("Northwind", "a Series C analytics company")]

        suggestions = screen.query_one("#redaction-suggestions", OptionList)
        suggestions.focus()
        await pilot.pause()
        ids = [suggestions.get_option_at_index(i).id for i in range(suggestions.option_count)]
        suggestions.highlighted = ids.index("Acme")
        await pilot.press("enter")
        assert screen.query_one("#redaction-name", Input).value == "Acme"
        await pilot.press(*"Acme's rival", "enter")
        await pilot.pause()
        problem = str(screen.query_one("#redaction-problem", Static).render())
        assert "must not contain" in problem and len(app.store.redactions()) == 1

        listed = screen.query_one("#redaction-list", OptionList)
        listed.focus()
        listed.highlighted = 0
        await pilot.press("delete")
        await pilot.pause()
        assert app.store.redactions() == []


def _collect(into: list[DrillScreen.Graded]):
    def hook(message: object) -> None:
        if isinstance(message, DrillScreen.Graded) and message not in into:
            into.append(message)  # the hook sees it at the screen and again at the app

    return hook


async def test_redacted_export_asks_about_likely_names_then_writes(
    db_path: Path, tmp_path: Path
) -> None:
    from storybank.tui.screens.confirm import ConfirmScreen
    from storybank.tui.transfer import export_redacted_file
    from storybank.yamlio import load_bank_file

    bank = two_stories()
    bank.redactions.append(Redaction("activation", "the first-value"))
    app = app_with(db_path, bank)
    target = tmp_path / "shared.yaml"
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        export_redacted_file(app, target)
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)  # "Built" starts a sentence in both
        assert not target.exists()
        await pilot.press("y")
        await pilot.pause()
        assert target.exists()
    shared = load_bank_file(target)
    assert shared.redacted and "activation" not in target.read_text(encoding="utf-8").lower()
