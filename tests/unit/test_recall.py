"""Recall cards (content-following ids) and their FSRS schedule, driven by a fake clock."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from storybank.errors import StoryBankError
from storybank.model import Bank, Company, Metric, Review, Story, Tradeoff
from storybank.recall.cards import LINK_DISTANCE, bank_cards, distance, simhash, story_cards
from storybank.recall.schedule import (
    cap_moment,
    card_states,
    due_summary,
    format_time,
    grade,
    next_interview,
)
from storybank.recall.session import DrillSession
from storybank.resources import sample_bank

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, start: dt.datetime = T0) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


def make_story(**changes: object) -> Story:
    story = Story(
        id="routing",
        title="Escalation routing",
        summary="Escalations bounced between squads; I routed them by component.",
        competencies=["process-improvement"],
        context="Support escalated 240 bugs a month.",
        decision="Route by component.",
        result="Time to owner fell.",
        after="Squads own their rules now. I learned to pilot with the sceptics first.",
        metrics=[Metric("Median time to owner", 19, 3.5, "h")],
        tradeoffs=[Tradeoff("A rotating triage seat", "A dedicated analyst", "No headcount.")],
    )
    return story.replace(**changes)


def bank_with(*stories: Story, reviews: list[Review] | None = None, **kw: object) -> Bank:
    return Bank(stories=list(stories), reviews=reviews or [], **kw)  # type: ignore[arg-type]


# --- cards --------------------------------------------------------------------------------


def test_a_story_gives_opening_metric_tradeoff_and_lesson_cards() -> None:
    cards = story_cards(make_story())
    assert [c.kind for c in cards] == ["opening", "metric", "tradeoff", "lesson"]
    opening, metric, tradeoff, lesson = cards
    assert opening.answer.startswith("Escalations bounced")
    assert metric.answer == "19 -> 3.5 h (-82%)"
    assert "before -> after" in metric.prompt and "(in h)" in metric.prompt
    assert "over a dedicated analyst" in tradeoff.prompt
    assert tradeoff.answer.startswith("Chose a rotating triage seat over a dedicated analyst")
    assert lesson.answer == "I learned to pilot with the sceptics first."
    assert all(c.id.startswith("routing/") and c.title == "Escalation routing" for c in cards)


def test_the_opening_falls_back_to_the_first_sentence_of_the_context() -> None:
    card = story_cards(make_story(summary=""))[0]
    assert card.kind == "opening" and card.answer == "Support escalated 240 bugs a month."


def test_a_metric_without_numbers_has_no_card_and_two_equal_metrics_get_two() -> None:
    metrics = [Metric("Empty"), Metric("A", 1, 2), Metric("B", 1, 2)]
    ids = [c.id for c in story_cards(make_story(metrics=metrics)) if c.kind == "metric"]
    assert len(ids) == 2 and len(set(ids)) == 2


def test_an_edited_number_is_a_new_card_and_a_renamed_metric_keeps_its_id() -> None:
    before = story_cards(make_story())[1]
    renamed = story_cards(make_story(metrics=[Metric("Median time-to-owner", 19, 3.5, "h")]))[1]
    edited = story_cards(make_story(metrics=[Metric("Median time to owner", 19, 4, "h")]))[1]
    assert renamed.id == before.id
    assert edited.id != before.id


def test_simhash_is_near_for_a_typo_and_far_for_a_rewrite() -> None:
    text = "Escalations bounced between six squads; I routed them by product component."
    typo = text.replace("bounced", "bouncd")
    rewrite = "We moved the launch calendar into one shared tracker for every team."
    assert distance(simhash(text), simhash(typo)) <= LINK_DISTANCE
    assert distance(simhash(text), simhash(rewrite)) > LINK_DISTANCE


def test_the_sample_bank_gives_unique_card_ids() -> None:
    cards = bank_cards(sample_bank())
    assert len(cards) > 20
    assert len({c.id for c in cards}) == len(cards)


# --- schedule (fake clock) ------------------------------------------------------------------


def test_new_cards_are_due_at_once() -> None:
    summary = due_summary(bank_with(make_story()), T0)
    assert (summary.total, summary.due, summary.new) == (4, 4, 4)
    assert summary.line() == "4 of 4 recall cards due (4 new)"


def test_grades_move_the_due_date_the_fsrs_way() -> None:
    story = make_story()
    card = story_cards(story)[1]
    bank = bank_with(story, reviews=[grade(card, "good", T0)])
    state = card_states(bank, T0)[1]
    assert state.reviews == 1 and not state.is_due(T0)
    assert state.due == T0 + dt.timedelta(minutes=10)  # FSRS's second learning step
    assert state.is_due(T0 + dt.timedelta(minutes=10))
    bank.reviews.append(grade(card, "good", T0 + dt.timedelta(minutes=10)))
    later = card_states(bank, T0 + dt.timedelta(minutes=10))[1]
    assert later.due - (T0 + dt.timedelta(minutes=10)) >= dt.timedelta(days=1)


def test_easy_schedules_further_than_hard_and_again_comes_back_soonest() -> None:
    story = make_story()
    card = story_cards(story)[1]
    dues = {}
    for rating in ("again", "hard", "good", "easy"):
        bank = bank_with(story, reviews=[grade(card, rating, T0)])
        dues[rating] = card_states(bank, T0)[1].due
    assert dues["again"] < dues["hard"] <= dues["good"] < dues["easy"]


def test_intervals_are_capped_by_the_next_interview() -> None:
    story = make_story()
    card = story_cards(story)[1]
    company = Company("acme", "Acme", interview_date="2026-03-05")
    reviews = [grade(card, "easy", T0)]
    uncapped = card_states(bank_with(story, reviews=reviews), T0)[1].due
    capped = card_states(bank_with(story, reviews=reviews, companies=[company]), T0)[1].due
    assert uncapped > dt.datetime(2026, 3, 5, tzinfo=dt.UTC)
    assert capped == dt.datetime(2026, 3, 4, tzinfo=dt.UTC) == cap_moment(dt.date(2026, 3, 5))


def test_a_card_reviewed_on_the_day_before_the_interview_is_not_due_again() -> None:
    story = make_story()
    card = story_cards(story)[1]
    company = Company("acme", "Acme", interview_date="2026-03-05")
    eve = dt.datetime(2026, 3, 4, 8, tzinfo=dt.UTC)
    reviews = [grade(card, "easy", T0), grade(card, "good", eve)]
    state = card_states(bank_with(story, reviews=reviews, companies=[company]), eve)[1]
    assert not state.is_due(eve + dt.timedelta(hours=12))


def test_past_interviews_do_not_cap() -> None:
    bank = Bank(companies=[Company("old", "Old", interview_date="2026-01-01")])
    assert next_interview(bank, T0) is None


def test_a_typo_fix_keeps_the_history_and_a_rewrite_starts_fresh() -> None:
    story = make_story()
    lesson = story_cards(story)[3]
    reviews = [grade(lesson, "good", T0)]
    typo = make_story(after=story.after.replace("sceptics", "skeptics"))
    rewrite = make_story(after="Everyone now files launch risks in one shared tracker each week.")
    assert story_cards(typo)[3].id != lesson.id
    assert card_states(bank_with(typo, reviews=reviews), T0)[3].reviews == 1
    assert card_states(bank_with(rewrite, reviews=reviews), T0)[3].reviews == 0


def test_a_changed_number_starts_a_fresh_schedule() -> None:
    story = make_story()
    reviews = [grade(story_cards(story)[1], "easy", T0)]
    edited = make_story(metrics=[Metric("Median time to owner", 19, 4, "h")])
    assert card_states(bank_with(edited, reviews=reviews), T0)[1].is_new


def test_review_times_are_stored_in_utc() -> None:
    assert format_time(T0) == "2026-03-02T09:00:00Z"


# --- session ------------------------------------------------------------------------------


def test_a_session_grades_cards_and_brings_forgotten_ones_back() -> None:
    clock = FakeClock()
    session = DrillSession(bank_with(make_story()), clock=clock)
    assert session.planned == 4
    first = session.current()
    assert first is not None
    review = session.grade("again")
    assert review.card == first.id and review.at == "2026-03-02T09:00:00Z"
    for rating in ("good", "good", "easy"):
        session.grade(rating)
        clock.advance(seconds=20)
    assert session.current() == first  # the forgotten card, at the end of the session
    session.grade("good")
    assert session.current() is None
    assert session.counts() == {"again": 1, "hard": 0, "good": 3, "easy": 1}


def test_minutes_limit_the_cards_and_stop_the_clock() -> None:
    clock = FakeClock()
    bank = sample_bank()
    session = DrillSession(bank, minutes=1, clock=clock)
    assert session.planned == 2
    clock.advance(minutes=1)
    assert session.current() is None


def test_a_company_puts_its_focus_stories_first() -> None:
    bank = sample_bank()
    company = bank.company("tracewind")
    assert company is not None
    session = DrillSession(bank, company_id="tracewind", clock=FakeClock())
    first = bank.story(session.queue[0].story_id)
    assert first is not None
    best = max(len(set(s.competencies) & set(company.focus)) for s in bank.stories)
    assert len(set(first.competencies) & set(company.focus)) == best


def test_an_unknown_company_or_bad_minutes_is_a_clear_error() -> None:
    with pytest.raises(StoryBankError, match="no company with id 'nope'"):
        DrillSession(sample_bank(), company_id="nope", clock=FakeClock())
    with pytest.raises(StoryBankError, match="more than 0"):
        DrillSession(sample_bank(), minutes=0, clock=FakeClock())


def test_recall_modules_do_not_import_fsrs_until_a_schedule_is_replayed() -> None:
    code = (
        "import sys; from storybank.recall import cards, schedule, session;"
        "print('fsrs' in sys.modules, 'textual' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_the_ask_path_never_imports_fsrs(db_path: Path) -> None:
    from storybank.store import Store

    Store.open().apply_import(
        sample_bank().replace(reviews=[Review("x/y/z", "good", "2026-01-01T00:00:00Z")])
    )
    code = (
        "import sys; from storybank.cli import main; assert main(['ask', 'a launch I ran']) == 0;"
        "assert 'fsrs' not in sys.modules, 'fsrs was imported'"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr


def test_card_keys_hash_without_importing_hashlib() -> None:
    """The home screen counts due cards at start-up: blake2 comes from _blake2, not through
    hashlib's OpenSSL bindings, and hashes as hashlib's blake2b does (keys unchanged)."""
    code = (
        "import sys; from storybank.recall import cards, schedule;"
        "print('hashlib' in sys.modules, '_hashlib' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
    import hashlib

    from storybank.recall import cards

    gram = "launch calendar"
    expected = int.from_bytes(hashlib.blake2b(gram.encode(), digest_size=8).digest(), "big")
    assert cards._gram_hash(gram) == expected
    facts = "10|4|h"
    assert cards.blake2b(facts.encode(), digest_size=5).hexdigest() == (
        hashlib.blake2b(facts.encode(), digest_size=5).hexdigest()
    )


def test_making_the_cards_stops_as_soon_as_the_caller_gives_up() -> None:
    """The story list's due count runs in a thread the app cannot stop: it asks before
    each story, so quitting on a big bank does not wait for every story's cards."""
    import datetime as dt

    from bench.bankgen import make_bank

    from storybank.recall.cards import Cancelled, bank_cards
    from storybank.recall.schedule import due_summary

    bank = make_bank(30, seed=4)
    asked: list[int] = []

    def after_five() -> bool:
        asked.append(1)
        return len(asked) > 5

    with pytest.raises(Cancelled):
        bank_cards(bank, after_five)
    assert len(asked) == 6  # five stories made, the sixth not started
    asked.clear()
    with pytest.raises(Cancelled):
        due_summary(bank, dt.datetime(2026, 1, 5, tzinfo=dt.UTC), cancelled=after_five)
    assert bank_cards(bank, lambda: False) == bank_cards(bank)
