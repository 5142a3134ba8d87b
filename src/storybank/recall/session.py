"""One recall drill: which due cards, in what order, until the time is up.

Shared by `storybank drill` and the TUI's Drill screen. The session never writes:
`grade()` returns the Review for the caller to store (`Store.add_review`), and keeps
it in its own copy of the history so a card graded Again comes back at the end of
the session when FSRS says it is due again (its first learning step is a minute).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from storybank.errors import StoryBankError
from storybank.model import Bank, Company, Review
from storybank.recall.cards import RecallCard, bank_cards
from storybank.recall.schedule import CardState, card_states, grade, utc_now

SECONDS_PER_CARD = 30
"""A recall takes about half a minute out loud: `--minutes 10` plans about 20 cards."""

MAX_REPEATS = 2
"""How often one card graded Again may come back within one session."""

Clock = Callable[[], dt.datetime]


def story_weights(bank: Bank, company: Company | None) -> dict[str, int]:
    """How much each story matters for a company's loop: its competencies in the focus."""
    if company is None:
        return {}
    focus = set(company.focus)
    return {story.id: len(focus & set(story.competencies)) for story in bank.stories}


def order_due(
    states: list[CardState], weights: dict[str, int], now: dt.datetime
) -> list[CardState]:
    """Due cards, the company's stories first (most focus competencies), then most overdue,
    with cards already seen before new ones (keeping a memory is cheaper than building one)."""
    due = [s for s in states if s.is_due(now)]
    return sorted(
        due,
        key=lambda s: (-weights.get(s.card.story_id, 0), s.is_new, s.due),
    )


def find_company(bank: Bank, company_id: str | None) -> Company | None:
    if company_id is None:
        return None
    company = bank.company(company_id)
    if company is None:
        known = ", ".join(c.id for c in bank.companies) or "none yet"
        raise StoryBankError(f"no company with id {company_id!r} (companies: {known})")
    return company


class DrillSession:
    """Due cards in drill order; grade them one by one."""

    def __init__(
        self,
        bank: Bank,
        *,
        company_id: str | None = None,
        minutes: float | None = None,
        clock: Clock = utc_now,
    ) -> None:
        if minutes is not None and minutes <= 0:
            raise StoryBankError("--minutes must be more than 0")
        self.clock = clock
        self.company = find_company(bank, company_id)
        self._bank = Bank(
            stories=bank.stories, companies=bank.companies, reviews=list(bank.reviews)
        )
        self.cards: list[RecallCard] = bank_cards(bank)
        self.started = clock()
        self.deadline = (
            self.started + dt.timedelta(minutes=minutes) if minutes is not None else None
        )
        weights = story_weights(bank, self.company)
        states = card_states(self._bank, self.started, cards=self.cards)
        queue = order_due(states, weights, self.started)
        if minutes is not None:
            queue = queue[: max(1, int(minutes * 60 // SECONDS_PER_CARD))]
        self.queue: list[RecallCard] = [s.card for s in queue]
        self.planned = len(self.queue)
        """Cards picked at the start (repeats of Again cards come on top)."""
        self.graded: list[Review] = []
        self._repeats: dict[str, int] = {}

    @property
    def total_due(self) -> int:
        return self.planned

    def current(self) -> RecallCard | None:
        """The card to show now, or None when the session is over."""
        if self.deadline is not None and self.clock() >= self.deadline:
            return None
        return self.queue[0] if self.queue else None

    def grade(self, rating: str) -> Review:
        """Grade the current card; it leaves the queue (or comes back later if forgotten)."""
        card = self.current()
        if card is None:
            raise StoryBankError("the drill is over: there is no card to grade")
        now = self.clock()
        review = grade(card, rating, now)
        self._bank.reviews.append(review)
        self.graded.append(review)
        self.queue.pop(0)
        if rating == "again" and self._repeats.get(card.id, 0) < MAX_REPEATS:
            self._repeats[card.id] = self._repeats.get(card.id, 0) + 1
            self.queue.append(card)
        return review

    def skip(self) -> None:
        """Leave the current card for another session."""
        if self.queue:
            self.queue.pop(0)

    def state_of(self, card: RecallCard) -> CardState:
        """The card's schedule including this session's grades (e.g. to say when it is next)."""
        states = card_states(self._bank, self.clock(), cards=[card])
        return states[0]

    def counts(self) -> dict[str, int]:
        out = {rating: 0 for rating in ("again", "hard", "good", "easy")}
        for review in self.graded:
            out[review.rating] += 1
        return out

    def summary_line(self) -> str:
        counts = self.counts()
        graded = len(self.graded)
        if not graded:
            return "No cards graded."
        parts = ", ".join(f"{n} {name}" for name, n in counts.items() if n)
        return f"Graded {graded} card{'s' if graded != 1 else ''}: {parts}."
