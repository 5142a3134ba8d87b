"""The Cards screen: one story's cue card on one screen, opened with `C` (`c` too where c
is free) from every place a story is suggested (the story list, Ask, Brief, Practice);
escape goes back to that place."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from core_support import app_with, screen_text
from textual.containers import VerticalScroll

from factories import complete_story
from storybank.model import Bank, Metric
from storybank.resources import sample_bank
from storybank.tui.screens.ask import AskScreen
from storybank.tui.screens.brief import BriefScreen
from storybank.tui.screens.cards import CardsScreen
from storybank.tui.screens.editor import EditorScreen
from storybank.tui.screens.practice import PracticeScreen
from storybank.tui.screens.stories import StoriesScreen
from storybank.tui.widgets.suggestion_card import SuggestionCard
from waiting import wait_until


def sample() -> Bank:
    return sample_bank()


async def test_story_list_opens_the_selected_card_and_escape_comes_back(db_path: Path) -> None:
    app = app_with(db_path, sample())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        home = app.screen
        assert isinstance(home, StoriesScreen)
        await pilot.press("down")  # the second story
        selected = home.selected_story_id
        assert "C Card" in screen_text(app)
        await pilot.press("c")  # the lower-case key too, where c means nothing else
        await wait_until(pilot, lambda: isinstance(app.screen, CardsScreen), "the card")
        screen = app.screen
        assert isinstance(screen, CardsScreen)
        assert screen.story_id == selected
        text = screen_text(app)
        assert "Numbers" in text and "Tradeoff" in text and "C Card" not in text
        assert "->" not in text and "…" not in text  # said aloud, never cut
        assert "esc Back" in text and "Next" in text
        # a normal story fits 80x24 without scrolling
        scroll = screen.query_one("#card-scroll", VerticalScroll)
        assert scroll.max_scroll_y == 0
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is home, "back on the list")
        assert home.selected_story_id == selected


async def test_left_and_right_go_through_the_list_and_r_shows_the_rounds(db_path: Path) -> None:
    app = app_with(db_path, sample())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        ids = [s.id for s in app.bank.stories]
        await pilot.press("C")
        await wait_until(pilot, lambda: isinstance(app.screen, CardsScreen), "the card")
        screen: Any = app.screen
        assert screen.story_id == ids[0]
        assert f"1 of {len(ids)}" in screen_text(app)
        await pilot.press("right")
        await pilot.pause()
        assert screen.story_id == ids[1]
        assert app.bank.story(ids[1]).title in screen_text(app)
        await pilot.press("left", "left")
        await pilot.pause()
        assert screen.story_id == ids[-1]  # wraps round
        assert not screen.query(".card-round")
        await pilot.press("r")
        await pilot.pause()
        assert len(screen.query(".card-round")) == 3
        # long now: it scrolls, and j/k move it
        scroll = screen.query_one("#card-scroll", VerticalScroll)
        assert scroll.max_scroll_y > 0
        await pilot.press("r")
        await pilot.pause()
        assert not screen.query(".card-round")


async def test_a_long_story_scrolls_with_j_and_k(db_path: Path) -> None:
    long = complete_story("long-story", "A long story")
    long.execution = " ".join(f"I ran step {n} with {n * 3} people." for n in range(1, 30))
    long.metrics = [Metric(f"Metric {n}", n, n * 2) for n in range(1, 8)]
    app = app_with(db_path, Bank(stories=[long]))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("C")
        await wait_until(pilot, lambda: isinstance(app.screen, CardsScreen), "the card")
        scroll = app.screen.query_one("#card-scroll", VerticalScroll)
        assert scroll.max_scroll_y > 0
        await pilot.press("j", "j", "j")
        await wait_until(pilot, lambda: scroll.scroll_y >= 3, "scrolled down")
        await pilot.press("k")
        await wait_until(pilot, lambda: scroll.scroll_y == 2, "scrolled up one")


async def test_the_card_follows_an_edit_and_e_opens_the_editor(db_path: Path) -> None:
    app = app_with(db_path, sample())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("C")
        await wait_until(pilot, lambda: isinstance(app.screen, CardsScreen), "the card")
        screen: Any = app.screen
        story = app.bank.story(screen.story_id)
        app.save_story(story.replace(title="A retitled story"))
        await wait_until(pilot, lambda: "A retitled story" in screen_text(app), "new title")
        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(app.screen, EditorScreen), "the editor")


async def test_ask_opens_the_focused_suggestions_card(db_path: Path) -> None:
    app = app_with(db_path, sample())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, AskScreen), "Ask")
        ask = app.screen
        await pilot.press(*"tell me about a launch that went wrong")
        await wait_until(pilot, lambda: len(ask.query(SuggestionCard)) == 3, "suggestions")
        await pilot.press("C")  # in the question box a letter is typing, not a key
        await pilot.pause()
        assert app.screen is ask
        await pilot.press("escape", "tab")  # to the suggestions: the second one
        cards = list(ask.query(SuggestionCard))
        await wait_until(pilot, lambda: ask.focused is cards[1], "second suggestion focused")
        await pilot.press("C")
        await wait_until(pilot, lambda: isinstance(app.screen, CardsScreen), "the card")
        screen: Any = app.screen
        assert screen.story_id == cards[1].suggestion.id
        assert screen.story_ids == [c.suggestion.id for c in cards]
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is ask, "back on Ask")


async def test_brief_opens_the_first_lead_card(db_path: Path) -> None:
    app = app_with(db_path, sample())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("b")
        await wait_until(pilot, lambda: isinstance(app.screen, BriefScreen), "Brief")
        brief = app.screen
        await wait_until(pilot, lambda: getattr(brief, "brief", None) is not None, "a brief")
        leads = [lead.id for lead in brief.brief.leads]  # type: ignore[attr-defined]
        assert "C Card" in screen_text(app)
        await pilot.press("C")
        await wait_until(pilot, lambda: isinstance(app.screen, CardsScreen), "the card")
        screen: Any = app.screen
        assert screen.story_id == leads[0]
        assert screen.story_ids[: len(leads)] == leads
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is brief, "back on Brief")


async def test_practice_opens_the_picks_card_after_the_reveal(db_path: Path) -> None:
    app = app_with(db_path, sample())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("p")
        await wait_until(pilot, lambda: isinstance(app.screen, PracticeScreen), "Practice")
        practice: Any = app.screen
        await wait_until(pilot, lambda: practice.question is not None, "a question")
        await pilot.press("C")  # before the reveal the card would give the answer away
        await pilot.pause()
        assert app.screen is practice
        await pilot.press("r")
        await wait_until(pilot, lambda: practice.advisor_pick is not None, "the reveal")
        await pilot.press("C")
        await wait_until(pilot, lambda: isinstance(app.screen, CardsScreen), "the card")
        assert app.screen.story_id == practice.advisor_pick.id  # type: ignore[attr-defined]
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is practice, "back on Practice")


async def test_hostile_story_text_on_the_card_is_literal(db_path: Path) -> None:
    story = complete_story("hostile", "[bold red]not markup[/] [@click=app.quit]x[/]")
    story.context = "[@click=app.quit]Press[/] me. \x1b[31mred\x1b[0m text."
    app = app_with(db_path, Bank(stories=[story]))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("C")
        await wait_until(pilot, lambda: isinstance(app.screen, CardsScreen), "the card")
        text = screen_text(app)
        assert "[bold red]not markup[/]" in text
        assert "[@click=app.quit]Press[/] me" in text
        assert "\x1b" not in text


def test_practice_card_has_the_same_rows_without_the_round_notes() -> None:
    from storybank.quality.cards import cue_card
    from storybank.tui.widgets.cue_card import render_cue_card

    story = sample().stories[0]
    text = str(render_cue_card(cue_card(story)))
    assert "Numbers    • Median time to owner: from 19 to 3.5 hours, cut by 82 percent" in text
    assert "->" not in text and "…" not in text
    assert "Panel" not in text and "Behavioral" not in text  # the notes stay on the Cards screen
