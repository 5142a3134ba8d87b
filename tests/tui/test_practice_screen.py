"""The Practice screen: a drawn question, a timed spoken answer (the test's own clock), pick,
reveal, rate."""

from __future__ import annotations

from screens_host import HostApp, fixed_store, hostile_company, hostile_story, screen_text
from textual.widgets import DataTable, OptionList, Select

from storybank.model import Bank, Question
from storybank.tui.screens.practice import DEFAULT_SECONDS, SECONDS_SETTING, PracticeScreen
from storybank.tui.widgets.countdown import Countdown
from storybank.tui.widgets.cue_card import CueCardView
from waiting import wait_until


class FakeClock:
    """Seconds that move only when the test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def make_screen(clock: FakeClock | None = None) -> PracticeScreen:
    return PracticeScreen(seed=7, autostart=False, clock=clock)


async def test_practice_flow_timer_pick_reveal_rate_and_history() -> None:
    store = fixed_store()
    store.set_setting(SECONDS_SETTING, 90)
    clock = FakeClock()
    app = HostApp(lambda: make_screen(clock), store=store)
    bells: list[str] = []
    app.bell = lambda: bells.append("ding")  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, PracticeScreen)
        question = screen.question
        assert question is not None and screen.phase == "ready"
        assert question.text in screen_text(screen)
        countdown = screen.query_one(Countdown)
        assert countdown.total == 90 and countdown.remaining == 90  # from the setting
        assert not countdown.running  # nothing counts until space
        assert "1:30" in str(countdown.render())
        clock.advance(50)  # reading the question is not timed
        countdown.update_time()
        assert countdown.remaining == 90

        await pilot.press("3")  # rating before answering does nothing
        assert store.practice_history() == []

        options = screen.query_one("#practice-stories", OptionList)
        assert options.option_count == len(app.bank.stories)
        await pilot.press("down", "enter")  # the second story is the one to tell
        chosen = app.bank.stories[1].id
        assert screen.chosen == chosen and screen.phase == "ready"
        card = screen.query_one(CueCardView)
        assert not card.display  # no card before the answer

        await pilot.press("space")  # the answer starts
        assert screen.phase == "speaking" and countdown.running
        assert not options.display and not card.display
        clock.advance(30)
        countdown.update_time()
        await pilot.pause()
        assert "1:00" in str(countdown.render())
        await pilot.press("P")  # a pause stops the count
        assert screen.phase == "paused" and "paused" in str(countdown.render())
        clock.advance(600)
        countdown.update_time()
        assert countdown.remaining == 60
        await pilot.press("P")
        assert screen.phase == "speaking"
        clock.advance(60)
        countdown.update_time()
        await pilot.pause()
        assert countdown.expired and "Time's up" in str(countdown.render())
        assert bells == ["ding"]  # once, at time's up
        assert any("Time's up" in str(n.message) for n in app._notifications)
        assert screen.phase == "speaking" and not card.display  # still finishing

        await pilot.press("space")  # stop: the pick and the card appear
        assert screen.phase == "revealed" and screen.spoken == 90
        assert screen.advisor_pick is not None
        assert card.display
        pick = app.bank.story(screen.advisor_pick.id)
        assert pick is not None and pick.title in str(card.render())
        assert "Numbers" in str(card.render()) or not pick.metrics
        assert "you spoke for 1:30 of 1:30" in screen_text(screen)

        await pilot.press("4")
        assert screen.phase == "rated"
        history = store.practice_history()
        assert len(history) == 1
        record = history[0]
        assert record["question_id"] == question.id
        assert record["question"] == question.text
        assert record["chosen"] == chosen
        assert record["advisor"] == screen.advisor_pick.id
        assert record["rating"] == 4
        assert record["seconds"] == 90 and record["limit"] == 90
        await pilot.press("5")  # a drill is rated once
        assert len(store.practice_history()) == 1

        await pilot.press("h")
        table = screen.query_one("#practice-history", DataTable)
        assert table.row_count == 1
        row = [str(cell) for cell in table.get_row_at(0)]
        assert row[-1] == "4/5" and row[-2] == "1:30"  # the seconds spoken
        assert row[2] == app.bank.stories[1].title[:15] or row[2].startswith(
            app.bank.stories[1].title[:10]
        )

        await pilot.press("h", "n")  # next question: a fresh drill
        assert screen.phase == "ready" and screen.chosen is None
        assert screen.query_one(Countdown).remaining == 90
        assert options.display and not card.display


async def test_a_short_answer_records_the_seconds_spoken() -> None:
    store = fixed_store()
    clock = FakeClock()
    app = HostApp(lambda: make_screen(clock), store=store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, PracticeScreen)
        await pilot.press("space")
        clock.advance(47.6)
        await pilot.press("space")
        assert screen.phase == "revealed" and screen.spoken == 47
        assert "you spoke for 0:47 of 2:00" in screen_text(screen)
        await pilot.press("space")  # nothing more to time
        assert screen.phase == "revealed"
        await pilot.press("3")
        assert store.practice_history()[0]["seconds"] == 47


async def test_reveal_without_picking_and_default_time() -> None:
    store = fixed_store()
    app = HostApp(make_screen, store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, PracticeScreen)
        assert screen.query_one(Countdown).total == DEFAULT_SECONDS
        await pilot.press("plus", "plus", "minus")  # +30 +30 -30: remembered in the store
        assert store.get_setting(SECONDS_SETTING) == DEFAULT_SECONDS + 30
        assert screen.query_one(Countdown).remaining == DEFAULT_SECONDS + 30
        await pilot.press("r")  # straight to the pick: nothing was timed
        assert screen.phase == "revealed" and screen.chosen is None
        assert "nothing (revealed)" in screen_text(screen)
        assert "not timed" in screen_text(screen)
        await pilot.press("1")
        assert store.practice_history()[0]["chosen"] is None
        assert store.practice_history()[0]["seconds"] is None
        await pilot.press("n")
        assert screen.query_one(Countdown).total == DEFAULT_SECONDS + 30  # the next drill too


async def test_draw_is_weighted_by_the_chosen_company_and_history(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The screen hands the draw the chosen company, the weak areas and the history.

    (How strongly the draw leans is the question engine's business, tested there.)
    """
    import storybank.quality.questions as questions_module

    calls: list[tuple[object, list[str], list[dict]]] = []
    real_draw = questions_module.draw_practice_question

    def spy(questions, company, weakest, history, rng):  # type: ignore[no-untyped-def]
        calls.append((company, list(weakest), list(history)))
        return real_draw(questions, company, weakest, history, rng)

    monkeypatch.setattr(questions_module, "draw_practice_question", spy)
    store = fixed_store()
    company = store.companies()[0]
    app = HostApp(lambda: PracticeScreen(seed=1, autostart=False), store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, PracticeScreen)
        assert calls[-1][0] is None
        screen.query_one("#practice-company", Select).value = company.id
        await pilot.pause()
        assert calls[-1][0] is not None and calls[-1][0].id == company.id  # type: ignore[attr-defined]
        assert calls[-1][1]  # the weakest areas are passed along
        await pilot.press("r", "2", "n")
        assert len(calls[-1][2]) == 1 and calls[-1][2][0]["rating"] == 2  # history feeds it


async def test_running_clock_counts_down_by_itself() -> None:
    store = fixed_store()
    clock = FakeClock()
    app = HostApp(lambda: PracticeScreen(seed=3, clock=clock), store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, PracticeScreen)
        countdown = screen.query_one(Countdown)
        assert not countdown.running  # the question first; space starts the answer
        await pilot.press("space")
        assert countdown.running
        clock.advance(5)  # the redraw timer notices without the test calling it
        await wait_until(pilot, lambda: countdown.remaining == countdown.total - 5, "a redraw")


async def test_hostile_text_in_practice_is_literal(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import storybank.quality.questions as questions_module

    question = Question(
        id="q-hostile",
        text="[b]x[/b] \x1b]52;c;aGk=\x07 launch?",
        kind="failure",
        competencies=["launch-operations"],
    )
    bank = Bank(stories=[hostile_story()], companies=[hostile_company()], questions=[question])
    store = fixed_store(bank)
    monkeypatch.setattr(questions_module, "question_bank", lambda user: list(user))
    app = HostApp(make_screen, store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, PracticeScreen)
        screen.query_one("#practice-company", Select).value = "hostile-co"
        await pilot.pause()
        await pilot.press("enter", "r")
        await pilot.press("2")
        assert screen.question is not None and screen.question.id == "q-hostile"
        text = screen_text(screen)
        assert "[b]x[/b] ␛]52;c;aGk=␇ launch?" in text
        assert "[@click=app.quit]y[/]" in text
        assert "\x1b" not in text and "\x07" not in text
        await pilot.press("h")
        table = screen.query_one("#practice-history", DataTable)
        cells = " ".join(str(c) for c in table.get_row_at(0))
        assert "\x1b" not in cells
        assert app.is_running


async def test_real_app_practice_with_hostile_bank_is_inert(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from screens_host import click_needles, evil_bank, inert_text, real_app

    import storybank.quality.questions as questions_module

    monkeypatch.setattr(questions_module, "question_bank", lambda user: list(user))
    app = real_app(evil_bank())
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PracticeScreen)
        assert screen.question is not None and screen.question.id == "q-evil"
        text = inert_text(app)
        assert "[b]x[/b] [@click=app.quit]y[/]" in text and "␛[2J" in text
        await click_needles(pilot, text, ("[@click=app.quit]y[/]",))
        screen.query_one("#practice-stories", OptionList).focus()
        await pilot.press("enter", "space", "space")
        await pilot.pause()
        assert screen.phase == "revealed"
        text = inert_text(app)
        assert "Numbers" in text
        await click_needles(pilot, text, ("[@click=app.quit]y[/]", "z[/link]"))
        await pilot.press("3", "h")
        await pilot.pause()
        assert "[b]x[/b]" in inert_text(app)
        assert app.quits == [] and app.is_running


async def test_clock_pauses_while_away_and_resumes() -> None:
    from screens_host import fixed_bank, real_app

    app = real_app(fixed_bank())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PracticeScreen)
        countdown = screen.query_one(Countdown)
        await pilot.press("space")
        assert countdown.running
        app.open_section("coverage")  # away: the clock must not run out unseen
        await pilot.pause()
        assert not countdown.running and screen.phase == "paused"
        app.open_section("practice")
        await pilot.pause()
        assert app.screen is screen and screen.phase == "paused"  # says so; P resumes
        assert "paused" in str(countdown.render())
        await pilot.press("P")
        assert countdown.running


def test_format_seconds() -> None:
    from storybank.tui.widgets.countdown import format_seconds

    assert format_seconds(120) == "2:00"
    assert format_seconds(65) == "1:05"
    assert format_seconds(0) == "0:00"
    assert format_seconds(-3) == "0:00"


async def test_countdown_expires_once_and_warns_when_low() -> None:
    from textual.app import App, ComposeResult

    expired: list[Countdown.Expired] = []

    class Host(App[None]):
        def compose(self) -> ComposeResult:
            yield Countdown(60)

        def on_countdown_expired(self, message: Countdown.Expired) -> None:
            expired.append(message)

    app = Host()
    async with app.run_test() as pilot:
        countdown = app.query_one(Countdown)
        countdown.start(run=False)
        countdown.tick(50)
        await pilot.pause()
        assert countdown.has_class("-low") and not countdown.expired
        countdown.tick(10)
        countdown.tick(5)  # past zero: no second message
        await pilot.pause()
        assert countdown.expired and len(expired) == 1
        assert countdown.has_class("-expired") and not countdown.has_class("-low")
        countdown.resume()  # an expired clock stays stopped
        assert not countdown.running
        countdown.start(30, run=False)
        assert countdown.remaining == 30 and not countdown.has_class("-expired")


async def test_p_keeps_a_pick_that_differs_from_the_advisors_and_p_again_undoes() -> None:
    """After the reveal, a story the user told instead of the advisor's can be kept as their
    choice for questions like this one (the advisor then puts it first)."""
    from storybank.advisor import advise

    store = fixed_store()
    app = HostApp(lambda: make_screen(FakeClock()), store=store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, PracticeScreen) and screen.question is not None
        question = screen.question.text
        advised = advise(question, app.bank.stories, top=1).suggestions[0].id
        other = next(i for i, s in enumerate(app.bank.stories) if s.id != advised)
        await pilot.press(*["down"] * other, "enter")
        chosen = screen.chosen
        assert chosen is not None and chosen != advised
        await pilot.press("p")  # before the reveal: not offered
        assert store.picks() == []
        await pilot.press("r")
        await pilot.pause()
        assert "p keeps your pick" in str(screen.query_one("#practice-rate").render())
        await pilot.press("p")
        await wait_until(pilot, lambda: store.picks(), "the pick saved")
        assert [(p.story, p.source) for p in store.picks()] == [(chosen, "practice")]
        assert (
            advise(question, store.bank().stories, top=1, picks=store.picks()).suggestions[0].id
            == chosen
        )
        await pilot.press("p")  # undo
        await wait_until(pilot, lambda: not store.picks(), "the pick forgotten")


def footer_line(app: HostApp) -> str:
    """The terminal's last row, as drawn: the footer."""
    return list(app.screen._compositor.render_strips())[-1].text


async def test_footer_shows_each_key_once_at_every_step() -> None:
    """`1-5 Rate` and `+/- Time` once; the keys they stand for are not repeated."""
    app = HostApp(make_screen, store=fixed_store())
    async with app.run_test(size=(160, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, PracticeScreen)
        footers = [footer_line(app)]
        await pilot.press("r")  # reveal: the rating keys come in
        await pilot.pause()
        assert screen.phase == "revealed"
        footers.append(footer_line(app))
        assert "1-5 Rate" in footers[-1]
        for footer in footers:
            assert "+/- Time" in footer
            assert footer.count("Rate") <= 1 and footer.count("Time") == 1, footer
            assert "Less time" not in footer and "Rate 2" not in footer, footer
