"""When each recall card is due: the review history replayed through FSRS.

The history (`Bank.reviews`) is the only state stored; a card's FSRS memory state is
rebuilt from its grades each time, so an import, an edit or a newer `fsrs` never
leaves a stale schedule behind. FSRS runs with its default parameters and no fuzz
(so a schedule is reproducible and testable with a fake clock).

Intervals are capped by the next interview: a card whose next review would fall on or
after the day before the next interview date is due that day instead, unless it was
already reviewed since, so every card is reviewed at least once before the interview.
`fsrs` is imported inside the functions that need it (about 15 ms, and never on the
`storybank ask` path).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from storybank.model import RATINGS, Bank, Review
from storybank.recall.cards import LINK_DISTANCE, PROSE_KINDS, RecallCard, distance
from storybank.record import Record

if TYPE_CHECKING:
    from fsrs import Scheduler

UTC = dt.UTC


def utc_now() -> dt.datetime:
    """The real clock; every function here takes `now` so tests can pass a fake one."""
    return dt.datetime.now(UTC).replace(microsecond=0)


def format_time(moment: dt.datetime) -> str:
    """How review times are stored: ISO 8601 in UTC to the second, `Z` suffix."""
    return moment.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def parse_time(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.strip()).astimezone(UTC)


class CardState(Record):
    """A card's schedule now: when it is due and how often it has been graded."""

    __slots__ = ("card", "due", "reviews", "last_review", "stability")  # noqa: RUF023

    def __init__(
        self,
        card: RecallCard,
        due: dt.datetime,
        reviews: int = 0,
        last_review: dt.datetime | None = None,
        stability: float | None = None,
    ) -> None:
        self.card = card
        self.due = due
        self.reviews = reviews
        self.last_review = last_review
        self.stability = stability
        """FSRS stability in days (None for a new card)."""

    @property
    def is_new(self) -> bool:
        return self.reviews == 0

    def is_due(self, now: dt.datetime) -> bool:
        return self.due <= now


def _scheduler() -> Scheduler:
    from fsrs import Scheduler  # lazy: only the drill and the due counts need FSRS

    return Scheduler(enable_fuzzing=False)


def next_interview(bank: Bank, now: dt.datetime, company_id: str | None = None) -> dt.date | None:
    """The earliest interview date today or later (of one company, when given)."""
    today = now.astimezone(UTC).date()
    dates: list[dt.date] = []
    for company in bank.companies:
        if company_id is not None and company.id != company_id:
            continue
        if company.interview_date:
            try:
                day = dt.date.fromisoformat(company.interview_date)
            except ValueError:
                continue
            if day >= today:
                dates.append(day)
    return min(dates, default=None)


def cap_moment(interview: dt.date | None) -> dt.datetime | None:
    """The start (UTC) of the day before the interview: the latest a card may fall due."""
    if interview is None:
        return None
    day = interview - dt.timedelta(days=1)
    return dt.datetime(day.year, day.month, day.day, tzinfo=UTC)


def link_reviews(cards: list[RecallCard], reviews: Iterable[Review]) -> dict[str, list[Review]]:
    """Each current card's grades, oldest first.

    A review belongs to the card with its exact id; a prose review whose card no longer
    exists follows the nearest card of the same story and kind within LINK_DISTANCE
    (a typo fix keeps its history; a rewrite, or a changed number, starts fresh)."""
    by_id = {card.id: card for card in cards}
    groups: dict[str, list[RecallCard]] = {}
    for card in cards:
        if card.kind in PROSE_KINDS:
            groups.setdefault(card.group, []).append(card)
    out: dict[str, list[Review]] = {card.id: [] for card in cards}
    for review in reviews:
        if review.card in by_id:
            out[review.card].append(review)
            continue
        group, _, key = review.card.rpartition("/")
        candidates = groups.get(group + "/", [])
        best = _nearest(key, candidates)
        if best is not None:
            out[best.id].append(review)
    for history in out.values():
        history.sort(key=lambda r: parse_time(r.at))
    return out


def _nearest(key: str, candidates: list[RecallCard]) -> RecallCard | None:
    try:
        value = int(key.split("-")[0], 16)
    except ValueError:
        return None
    best: tuple[int, RecallCard] | None = None
    for card in candidates:
        try:
            other = int(card.key.split("-")[0], 16)
        except ValueError:
            continue
        bits = distance(value, other)
        if bits <= LINK_DISTANCE and (best is None or bits < best[0]):
            best = (bits, card)
    return best[1] if best else None


def replay(
    card: RecallCard,
    history: list[Review],
    now: dt.datetime,
    cap: dt.datetime | None = None,
    scheduler: Scheduler | None = None,
) -> CardState:
    """The card's state after its grades, with the interview cap applied."""
    if not history:
        return CardState(card, due=now)
    from fsrs import Card, Rating

    scheduler = scheduler or _scheduler()
    memory = Card(card_id=1, due=parse_time(history[0].at))
    for review in history:
        rating = Rating(RATINGS.index(review.rating) + 1)
        memory, _ = scheduler.review_card(memory, rating, review_datetime=parse_time(review.at))
    last = parse_time(history[-1].at)
    due = memory.due
    if cap is not None and due > cap and last < cap:
        due = cap
    return CardState(card, due, len(history), last, memory.stability)


def card_states(
    bank: Bank,
    now: dt.datetime,
    *,
    cards: list[RecallCard] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> list[CardState]:
    """Every recall card of the bank (or `cards`) with its schedule, in bank order.

    The cap is the bank's next interview, whichever company it is with: the facts are
    the same in every loop."""
    from storybank.recall.cards import bank_cards

    cards = bank_cards(bank, cancelled) if cards is None else cards
    cap = cap_moment(next_interview(bank, now))
    histories = link_reviews(cards, bank.reviews)
    scheduler = _scheduler() if any(histories.values()) else None
    return [replay(card, histories[card.id], now, cap, scheduler) for card in cards]


def grade(card: RecallCard, rating: str, now: dt.datetime) -> Review:
    """The review to store for grading `card` now (again/hard/good/easy)."""
    if rating not in RATINGS:
        raise ValueError(f"unknown rating {rating!r}; ratings are {', '.join(RATINGS)}")
    return Review(card=card.id, rating=rating, at=format_time(now))


class DueSummary(Record):
    """How many recall cards there are, are due now, and have never been drilled."""

    __slots__ = ("total", "due", "new", "next_due", "interview")  # noqa: RUF023

    def __init__(
        self,
        total: int,
        due: int,
        new: int,
        next_due: dt.datetime | None,
        interview: dt.date | None,
    ) -> None:
        self.total = total
        self.due = due
        self.new = new
        self.next_due = next_due
        """When the next card falls due, if none is due now."""
        self.interview = interview

    def line(self) -> str:
        """`12 of 31 recall cards due (5 new)`: the home screen's and `status`'s wording."""
        if not self.total:
            return "no recall cards yet (add metrics, tradeoffs and a lesson to your stories)"
        text = f"{self.due} of {self.total} recall cards due"
        if self.new:
            text += f" ({self.new} new)"
        if not self.due and self.next_due is not None:
            text += f"; next due {format_time(self.next_due)}"
        return text


def due_summary(
    bank: Bank, now: dt.datetime, cancelled: Callable[[], bool] | None = None
) -> DueSummary:
    """The bank's recall cards counted; raises `recall.cards.Cancelled` when `cancelled`
    says so before the cards are all made."""
    states = card_states(bank, now, cancelled=cancelled)
    due = [s for s in states if s.is_due(now)]
    later = [s.due for s in states if not s.is_due(now)]
    return DueSummary(
        total=len(states),
        due=len(due),
        new=sum(1 for s in states if s.is_new),
        next_due=min(later) if not due and later else None,
        interview=next_interview(bank, now),
    )
