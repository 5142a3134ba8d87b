"""The interview loop in the TUI: the ledger key, follow-ups under a suggestion, the second
practice round, the one-screen brief, the next interviewer's page and the debrief."""

from __future__ import annotations

import datetime as dt

from screens_host import HostApp, fixed_store, real_app, screen_text
from textual.widgets import Input, OptionList, Select, TextArea

from storybank.store import Store
from storybank.tui.screens.ask import DEBOUNCE_SECONDS, AskScreen
from storybank.tui.screens.brief import BriefScreen
from storybank.tui.screens.debrief import DebriefScreen
from storybank.tui.screens.practice import PracticeScreen
from storybank.tui.widgets.countdown import Countdown
from storybank.tui.widgets.suggestion_card import SuggestionCard

QUESTION = "Tell me about a launch where support and sales disagreed with you."


async def ask(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    area = pilot.app.screen.query_one("#ask-question", TextArea)
    area.focus()
    area.insert(text)
    await pilot.pause(DEBOUNCE_SECONDS + 0.1)
    await pilot.pause()


async def test_follow_ups_are_shown_under_each_suggestion() -> None:
    store = fixed_store()
    app = HostApp(AskScreen, store=store)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, AskScreen)
        await ask(pilot, QUESTION)
        cards = list(screen.query(SuggestionCard))
        assert len(cards) == 3
        for card in cards:
            story = app.bank.story(card.suggestion.id)
            assert story is not None and card.probes
            rendered = str(card.render())
            assert "Likely follow-ups:" in rendered
            assert card.probes[0] in rendered.replace("\n", " ") or card.probes[0][:30] in rendered
        first = cards[0]
        story = app.bank.story(first.suggestion.id)
        overs = [f"Why not {t.over.strip().rstrip('.')[:12]}".lower() for t in story.tradeoffs]
        assert any(p.lower().startswith(tuple(overs)) for p in first.probes) or not story.tradeoffs


async def test_the_ledger_key_records_the_focused_suggestion() -> None:
    store = fixed_store()
    company = store.companies()[0]
    app = HostApp(AskScreen, store=store)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, AskScreen)
        await ask(pilot, QUESTION)
        await pilot.press("ctrl+r")  # no company yet: nothing recorded, and it says why
        assert store.ledger() == []
        assert "Choose a company first" in str(list(app._notifications)[-1].message)
        screen.query_one("#ask-company", Select).value = company.id
        screen.query_one("#ask-round", Select).value = "panel"
        screen.query_one("#ask-interviewer", Input).value = "J. Park"
        await pilot.pause(DEBOUNCE_SECONDS + 0.1)
        await pilot.pause()
        await pilot.press("escape")  # from the question box to the first card
        await pilot.press("tab")  # the second card has the focus now
        focused = app.focused
        assert isinstance(focused, SuggestionCard)
        told_id = focused.suggestion.id
        await pilot.press("ctrl+r")
        await pilot.pause()
        entries = store.ledger()
        assert [(e.story, e.company, e.round, e.interviewer) for e in entries] == [
            (told_id, company.id, "panel", "J. Park")
        ]
        story = app.bank.story(told_id)
        assert story is not None and entries[0].numbers == story.metrics
        assert entries[0].date == dt.date.today().isoformat()
        assert "Recorded in the ledger" in str(list(app._notifications)[-1].title)
        # the advice is redrawn through the ledger: the story is marked told where it is
        # still suggested (J. Park has heard it), or a fresh one took its place
        text = screen_text(screen)
        if told_id in [s.id for s in screen.advice.suggestions]:
            assert "Told: to J. Park in the panel on" in text
            assert "J. Park has heard it" in text
        else:
            assert screen.loop.told == {}


async def test_second_practice_round_asks_the_follow_ups_against_the_clock() -> None:
    store = fixed_store()
    store.set_setting("practice.seconds", 120)
    app = HostApp(lambda: PracticeScreen(seed=7, autostart=False), store=store)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, PracticeScreen)
        await pilot.press("f")  # not before the reveal
        assert screen.follow_up_index == -1
        await pilot.press("enter", "space", "space")  # pick the first story, answer, stop
        assert screen.phase == "revealed"
        picked = app.bank.story(screen.chosen or "")
        assert picked is not None
        await pilot.press("f")
        assert screen.phase == "follow-up" and screen.follow_up_index == 0
        probes = screen.follow_ups
        assert len(probes) >= 2
        countdown = screen.query_one(Countdown)
        assert countdown.total == 60 and countdown.remaining == 60  # half the answer time
        text = screen_text(screen)
        assert f"Follow-up 1 of {len(probes)}" in text and probes[0] in text
        countdown.tick(60)
        await pilot.pause()
        assert "press f for the next follow-up" in str(list(app._notifications)[-1].message)
        await pilot.press("f")
        assert screen.follow_up_index == 1 and countdown.remaining == 60
        assert probes[1] in screen_text(screen)
        for _ in range(len(probes)):
            await pilot.press("f")
        assert screen.phase == "revealed"
        assert f"{len(probes)} follow-up" in screen_text(screen)
        await pilot.press("4")
        record = store.practice_history()[-1]
        assert record["rating"] == 4 and record["follow_ups"] == probes


async def test_practice_key_records_the_story_as_told() -> None:
    store = fixed_store()
    company = store.companies()[1]
    app = HostApp(lambda: PracticeScreen(seed=7, autostart=False), store=store)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, PracticeScreen)
        screen.query_one("#practice-company", Select).value = company.id
        await pilot.pause()
        await pilot.press("r")
        await pilot.press("ctrl+r")
        await pilot.pause()
        entries = store.ledger()
        assert [(e.story, e.company) for e in entries] == [(screen.advisor_pick.id, company.id)]


async def test_the_brief_is_one_screen_and_f_shows_everything() -> None:
    store = fixed_store()
    app = HostApp(lambda: BriefScreen(today=dt.date(2026, 12, 1)), store=store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, BriefScreen)
        text = screen_text(screen)
        assert "Lead with these at" in text and "Most likely questions" in text
        assert "Numbers to remember" not in text
        lines = str(screen.query_one("#brief-text").render()).splitlines()
        assert len(lines) <= 26
        await pilot.press("f")
        assert "Numbers to remember" in screen_text(screen) and screen.full
        await pilot.press("f")
        assert not screen.full


async def test_the_next_interviewers_page() -> None:
    store = fixed_store()
    company = store.companies()[0]
    story = store.stories()[0]
    from storybank.loop.ledger import make_telling

    store.add_telling(make_telling(story, company.id, "2026-11-30", "panel", "J. Park"))
    app = HostApp(lambda: BriefScreen(today=dt.date(2026, 12, 1)), store=store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, BriefScreen)
        screen.query_one("#brief-company", Select).value = company.id
        await pilot.pause()
        await pilot.press("i")
        prompt = app.screen
        prompt.query_one("#interviewer-name", Input).value = "M. Chen"
        prompt.query_one("#interviewer-round", Input).value = "case"
        await pilot.press("enter", "enter")  # name, then round submits
        await pilot.pause()
        assert app.screen is screen and screen.interviewer == ("M. Chen", "case")
        text = screen_text(screen)
        assert "Next: M. Chen, case at" in text
        assert "J. Park" in text and f"{story.id} in the panel on 30 Nov" in text
        await pilot.press("f")  # back to the brief
        assert screen.interviewer is None and "Lead with these at" in screen_text(screen)


async def test_debrief_records_scores_and_offers_each_question_to_practice() -> None:
    from storybank.tui.factory import make_app  # noqa: F401 - real_app builds it

    bank = fixed_store().bank()
    app = real_app(bank)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("b")
        await pilot.pause()
        brief = app.screen
        assert isinstance(brief, BriefScreen)
        company = brief.company
        assert company is not None
        predicted = brief.brief.questions[0].text
        await pilot.press("d")
        dialog = app.screen
        assert isinstance(dialog, DebriefScreen)
        dialog.query_one("#debrief-questions", TextArea).insert(
            f"- {predicted}\n- How would you price a new enterprise tier here?\n"
        )
        dialog.query_one("#debrief-interviewer", Input).value = "J. Park"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert dialog.recorded
        store = Store.open()
        debrief = store.debriefs()[0]
        assert debrief.company == company.id and debrief.interviewer == "J. Park"
        assert debrief.asked[0].predicted is not None and debrief.asked[1].predicted is None
        new = [q for q in store.questions() if q.text.startswith("How would you price")]
        assert len(new) == 1
        summary = str(dialog.query_one("#debrief-summary").render())
        assert "The brief predicted 1 of 2 questions asked (recall 50%)" in summary
        options = dialog.query_one("#debrief-asked", OptionList)
        assert options.option_count == 2 and app.focused is options
        await pilot.press("down", "enter")  # practise the new question now
        await pilot.pause()
        practice = app.screen
        assert isinstance(practice, PracticeScreen)
        assert practice.question is not None and practice.question.id == new[0].id
