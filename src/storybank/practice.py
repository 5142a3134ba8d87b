"""One entry of the practice history: a question drilled, the story picked, the rating.

The store keeps the history as JSON mappings (`Store.practice_history()`); this record
is what code reads and writes instead of those dicts. `to_dict()` is the stored (and
exported) form and its keys do not change: older entries, written before a field
existed, read with that field empty, and keys this version does not know are kept and
written back as they were.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from storybank.record import Record

RATINGS = range(1, 6)
"""A self-rating: 1 (lost) .. 5 (nailed it)."""

_KNOWN = (
    "date",
    "question_id",
    "question",
    "kind",
    "competencies",
    "company",
    "chosen",
    "advisor",
    "rating",
    "seconds",
    "limit",
    "follow_ups",
)


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _optional_text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _whole(value: object) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
        return None
    if value in (float("inf"), float("-inf")) or value < 0:
        return None
    return int(value)


def _texts(value: object) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


class PracticeRecord(Record):
    """One drill, as the Practice screen saves it."""

    __slots__ = (  # noqa: RUF023  (constructor order, which Record's repr and replace use)
        "date",
        "question_id",
        "question",
        "kind",
        "competencies",
        "company",
        "chosen",
        "advisor",
        "rating",
        "seconds",
        "limit",
        "follow_ups",
        "extra",
    )

    def __init__(
        self,
        date: str,
        question_id: str,
        question: str,
        kind: str = "",
        competencies: list[str] | None = None,
        company: str | None = None,
        chosen: str | None = None,
        advisor: str | None = None,
        rating: int | None = None,
        seconds: int | None = None,
        limit: int | None = None,
        follow_ups: list[str] | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        self.date = date
        """When the drill was rated (local time, ISO 8601, to the second)."""
        self.question_id = question_id
        self.question = question
        """The question's text as it was drilled (a question may change or go later)."""
        self.kind = kind
        self.competencies = list(competencies or [])
        self.company = company
        """The target company's id the drill was weighted toward, if any."""
        self.chosen = chosen
        """The id of the story the user said they would tell (None: revealed without one)."""
        self.advisor = advisor
        """The id of the advisor's top story for the question."""
        self.rating = rating
        self.seconds = seconds
        """Seconds the user spoke for: the clock they started and stopped (None: the
        answer was not timed). Entries from before the timed answer hold the seconds
        from the question appearing to the story being picked."""
        self.limit = limit
        """The answer time allowed, in seconds (the `practice.seconds` setting then)."""
        self.follow_ups = list(follow_ups or [])
        """The follow-up questions answered in the second round, in order."""
        self.extra = dict(extra or {})
        """Keys of the stored mapping this version does not know, kept as they were."""

    @property
    def timed(self) -> bool:
        return self.seconds is not None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> PracticeRecord:
        """Read a stored entry; a value of the wrong type reads as empty, never an error
        (the history is the user's past work: one odd entry must not hide the rest)."""
        rating = data.get("rating")
        valid_rating = rating if isinstance(rating, int) and not isinstance(rating, bool) else None
        return cls(
            date=_text(data.get("date")),
            question_id=_text(data.get("question_id")),
            question=_text(data.get("question")),
            kind=_text(data.get("kind")),
            competencies=_texts(data.get("competencies")),
            company=_optional_text(data.get("company")),
            chosen=_optional_text(data.get("chosen")),
            advisor=_optional_text(data.get("advisor")),
            rating=valid_rating if valid_rating in RATINGS else None,
            seconds=_whole(data.get("seconds")),
            limit=_whole(data.get("limit")),
            follow_ups=_texts(data.get("follow_ups")),
            extra={k: v for k, v in data.items() if k not in _KNOWN},
        )

    def to_dict(self) -> dict[str, Any]:
        """The stored form: the same keys in the same order for every entry (`follow_ups`
        only after a second round), then any keys kept from a newer version."""
        data: dict[str, Any] = {
            "date": self.date,
            "question_id": self.question_id,
            "question": self.question,
            "kind": self.kind,
            "competencies": list(self.competencies),
            "company": self.company,
            "chosen": self.chosen,
            "advisor": self.advisor,
            "rating": self.rating,
            "seconds": self.seconds,
            "limit": self.limit,
        }
        if self.follow_ups:
            data["follow_ups"] = list(self.follow_ups)
        for key, value in self.extra.items():
            data.setdefault(key, value)
        return data


def read_history(store: Any) -> list[PracticeRecord]:
    """The store's practice history as records, oldest first (empty without a store)."""
    if store is None:
        return []
    return [PracticeRecord.from_dict(d) for d in store.practice_history() if isinstance(d, dict)]


def add_to_history(store: Any, record: PracticeRecord) -> None:
    """Append `record` to the store's practice history (StoryBankError passes through)."""
    store.add_practice(record.to_dict())
