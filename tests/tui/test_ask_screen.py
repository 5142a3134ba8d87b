"""The Ask screen: live, debounced suggestions; company and round change them; ctrl+y copies."""

from __future__ import annotations

from screens_host import (
    HOSTILE_TITLE,
    HostApp,
    fixed_bank,
    hostile_company,
    hostile_story,
    screen_text,
)
from textual.widgets import Select, TextArea

from storybank.model import Bank
from storybank.tui.screens.ask import DEBOUNCE_SECONDS, AskScreen
from storybank.tui.widgets.suggestion_card import SuggestionCard
from waiting import wait_until

QUESTION = "Tell me about a launch that went wrong. What did you change afterwards?"


async def type_question(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    area = pilot.app.screen.query_one("#ask-question", TextArea)
    area.focus()
    area.insert(text)
    await pilot.pause(DEBOUNCE_SECONDS + 0.1)
    await pilot.pause()


async def test_typing_is_debounced_then_shows_three_suggestions(monkeypatch) -> None:
    import storybank.advisor
    import storybank.tui.screens.ask as ask_module

    calls: list[str] = []
    real_advise = storybank.advisor.advise

    def counting_advise(question, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(question)
        return real_advise(question, *args, **kwargs)

    monkeypatch.setattr(storybank.advisor, "advise", counting_advise)
    # A long debounce makes "typing faster than the debounce" certain even on a slow machine.
    monkeypatch.setattr(ask_module, "DEBOUNCE_SECONDS", 1.0)
    app = HostApp(AskScreen, bank=fixed_bank())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, AskScreen)
        assert screen.advice is None
        await pilot.press(*"launch")
        assert screen.advice is None and calls == []  # nothing runs while typing
        await wait_until(pilot, lambda: calls, "the debounced advisor call")
        assert calls == ["launch"]  # one call for six keystrokes
        monkeypatch.setattr(ask_module, "DEBOUNCE_SECONDS", DEBOUNCE_SECONDS)
        await type_question(pilot, " went wrong")
        cards = list(screen.query(SuggestionCard))
        assert len(cards) == 3
        assert screen.advice.kind == "failure"
        first = screen.advice.suggestions[0]
        text = screen_text(screen)
        assert first.title in text
        assert "Lead with: " in text and "Open: " in text and "Why: " in text


async def test_multi_line_paste_is_one_question() -> None:
    app = HostApp(AskScreen, bank=fixed_bank())
    async with app.run_test(size=(80, 24)) as pilot:
        from textual import events

        screen = app.screen
        assert isinstance(screen, AskScreen)
        # Delivered to the app, as the terminal driver does; the app hands it to the focus.
        app.post_message(events.Paste("Tell me about a launch\nthat went\n  wrong.\n"))
        await pilot.pause(DEBOUNCE_SECONDS + 0.1)
        await pilot.pause()
        assert screen.question == "Tell me about a launch\nthat went\n  wrong.\n"  # all lines
        assert screen.advice is not None and screen.advice.kind == "failure"


async def test_company_and_round_change_the_suggestions() -> None:
    bank = fixed_bank()
    app = HostApp(AskScreen, bank=bank)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, AskScreen)
        await type_question(pilot, "How would you set up a launch process here from nothing?")
        plain = screen.advice
        assert plain is not None and plain.company is None and plain.round is None
        assert all(s.round_note is None for s in plain.suggestions)

        screen.query_one("#ask-round", Select).value = "case"
        await pilot.pause()
        with_round = screen.advice
        assert with_round is not plain and with_round.round == "case"
        assert any(s.round_note for s in with_round.suggestions)
        assert "Round: " in screen_text(screen)

        company = bank.companies[0]
        screen.query_one("#ask-company", Select).value = company.id
        await pilot.pause()
        with_company = screen.advice
        assert with_company.company == company.id
        before = [(s.id, round(s.score, 4), tuple(s.adapt)) for s in with_round.suggestions]
        after = [(s.id, round(s.score, 4), tuple(s.adapt)) for s in with_company.suggestions]
        assert before != after  # environment fit and focus moved scores or added notes


async def test_ctrl_y_copies_the_opening_of_the_focused_suggestion() -> None:
    app = HostApp(AskScreen, bank=fixed_bank())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, AskScreen)
        await pilot.press("ctrl+y")  # nothing to copy yet: a warning, clipboard untouched
        assert app.clipboard == ""
        await type_question(pilot, QUESTION)
        await pilot.press("ctrl+y")  # the question box has focus: copies the first card
        first = screen.advice.suggestions[0]
        assert app.clipboard == first.opening
        cards = list(screen.query(SuggestionCard))
        cards[1].focus()
        await pilot.press("ctrl+y")
        assert app.clipboard == screen.advice.suggestions[1].opening
        notes = [str(n.message) for n in app._notifications]
        assert any(n.startswith("Copied: ") for n in notes)


async def test_weak_match_is_flagged() -> None:
    app = HostApp(AskScreen, bank=fixed_bank())
    async with app.run_test(size=(80, 24)) as pilot:
        await type_question(pilot, "What is your favourite sourdough recipe and oven?")
        screen = app.screen
        assert isinstance(screen, AskScreen)
        assert screen.advice.weak_match
        text = screen_text(screen)
        assert " Weak match " in text
        assert screen.advice.note and screen.advice.note in text  # names the closest story
        assert all(card.has_class("weak") for card in screen.query(SuggestionCard))


async def test_empty_bank_says_so() -> None:
    app = HostApp(AskScreen, bank=Bank())
    async with app.run_test(size=(80, 24)) as pilot:
        await type_question(pilot, QUESTION)
        assert "Your bank has no stories yet." in screen_text(app.screen)


async def test_hostile_story_is_shown_literally_and_copied_without_escapes() -> None:
    bank = Bank(stories=[hostile_story()], companies=[hostile_company()])
    app = HostApp(AskScreen, bank=bank)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, AskScreen)
        screen.query_one("#ask-company", Select).value = "hostile-co"
        await type_question(pilot, "Tell me about a launch where you chose speed over scope")
        text = screen_text(screen)
        assert "[b]x[/b]" in text and "[@click=app.quit]y[/]" in text
        assert "\x1b" not in text and "\x07" not in text
        assert "␛" in text  # the escape is shown as a visible stand-in
        await pilot.press("ctrl+y")
        assert "\x1b" not in app.clipboard
        # Clicking the would-be link text runs no action: the app keeps running.
        card = screen.query_one(SuggestionCard)
        await pilot.click(card, offset=(6, 0))
        await pilot.pause()
        assert app.is_running
        svg = app.export_screenshot()
        assert "\x1b" not in svg
        assert HOSTILE_TITLE not in svg  # the raw bytes never reach the screen


async def test_real_app_ask_with_hostile_bank_is_inert() -> None:
    from screens_host import click_needles, evil_bank, inert_text, real_app

    app = real_app(evil_bank())
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AskScreen)
        screen.query_one("#ask-company", Select).value = "evil-co"
        screen.query_one("#ask-round", Select).value = "case"
        await type_question(pilot, "Tell me about a launch that went wrong")
        assert screen.advice is not None and screen.advice.suggestions
        text = inert_text(app)
        assert "[b]x[/b] [@click=app.quit]y[/] [link=https://evil.example]z[/link]" in text
        assert "␛]0;pwned␇" in text
        hits = await click_needles(pilot, text, ("[@click=app.quit]y[/]", "y[/]", "z[/link]"))
        assert hits >= 2
        await pilot.press("ctrl+y")
        assert "\x1b" not in app.clipboard and "[b]x[/b]" in app.clipboard
        assert app.quits == [] and app.is_running


async def test_escape_leaves_the_question_then_goes_back_and_a_returns() -> None:
    from screens_host import real_app

    app = real_app(fixed_bank())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        await type_question(pilot, QUESTION)
        screen = app.screen
        await pilot.press("escape")
        assert isinstance(screen.focused, SuggestionCard)
        await pilot.press("tab")
        await pilot.press("ctrl+y")  # copies the focused (second) card
        assert app.clipboard == screen.advice.suggestions[1].opening
        await pilot.press("escape")  # from the suggestions: back to the story list
        await pilot.pause()
        assert app.current_mode == "stories"
        await pilot.press("a")  # and back to the question, as it was
        await pilot.pause()
        assert app.screen is screen and isinstance(screen.focused, TextArea)
        assert screen.question == QUESTION


async def test_enter_on_a_suggestion_opens_the_story_in_the_list() -> None:
    from screens_host import real_app

    app = real_app(fixed_bank())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        await type_question(pilot, QUESTION)
        screen = app.screen
        assert isinstance(screen, AskScreen)
        await pilot.press("enter")  # in the question box: a new line, not a jump
        assert app.screen is screen and screen.question.endswith("\n")
        await pilot.press("escape", "tab")  # to the second card
        wanted = screen.advice.suggestions[1].id
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        home = app.screen
        assert not isinstance(home, AskScreen)
        assert home.selected_story_id == wanted  # type: ignore[attr-defined]


async def test_p_picks_the_focused_story_and_p_again_undoes_it() -> None:
    """The user's own choice comes first next time, says so on the card, and is undoable."""
    from screens_host import real_app

    app = real_app(fixed_bank())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        await type_question(pilot, QUESTION)
        screen = app.screen
        assert isinstance(screen, AskScreen)
        first = screen.advice.suggestions[0].id
        await pilot.press("escape", "tab")  # the second card
        second = screen.advice.suggestions[1].id
        await pilot.press("p")
        await wait_until(pilot, lambda: app.store.picks(), "the pick to be saved")
        assert [p.story for p in app.store.picks()] == [second]
        await wait_until(
            pilot, lambda: screen.advice.suggestions[0].id == second, "the pick to come first"
        )
        card = screen.query(SuggestionCard).first()
        assert "Your pick: you chose it for" in str(card.render())
        card.focus()
        await pilot.press("p")  # on the chosen card: the undo
        await wait_until(pilot, lambda: not app.store.picks(), "the pick to be forgotten")
        await wait_until(
            pilot, lambda: screen.advice.suggestions[0].id == first, "the advisor's order back"
        )


async def test_p_in_the_question_box_is_a_letter_not_a_pick() -> None:
    from screens_host import real_app

    app = real_app(fixed_bank())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        await type_question(pilot, QUESTION)
        await pilot.press("p")
        assert app.screen.question.endswith("p")  # type: ignore[attr-defined]
        assert app.store.picks() == []


async def test_the_index_is_kept_while_typing_and_rebuilt_when_the_bank_changes(
    monkeypatch,
) -> None:  # type: ignore[no-untyped-def]
    """Keystrokes on one bank snapshot share one advisor index; a saved change (here the
    first suggestion's title) is in the next answer."""
    from screens_host import real_app

    import storybank.advisor.rank as rank

    built: list[int] = []
    real_bank_index = rank.bank_index

    def counting(stories):  # type: ignore[no-untyped-def]
        built.append(len(stories))
        return real_bank_index(stories)

    monkeypatch.setattr(rank, "bank_index", counting)
    app = real_app(fixed_bank())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AskScreen)
        area = screen.query_one("#ask-question", TextArea)
        for word in QUESTION.split():
            area.insert(word + " ")
            screen.refresh_advice()
        assert len(built) == 1  # one index for every keystroke on this snapshot
        first = app.bank.story(screen.advice.suggestions[0].id)
        app.save_story(first.replace(title="Renamed after the launch review"))
        await wait_until(
            pilot,
            lambda: screen.advice.suggestions[0].title == "Renamed after the launch review",
            "the answer to show the saved title",
        )
        assert len(built) == 2
