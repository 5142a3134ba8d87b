"""The loop ledger: which story was told to whom, in which round, with which numbers.

Entries are `storybank.model.Telling` records kept by the store. This module makes
them (with the story's numbers as they are at that moment), phrases them the way a
coach would ("told to J. Park in the panel on 3 Dec"), and finds what needs care:
a story told with numbers that differ from the bank's now, or told three times or more.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Sequence

from storybank.errors import StoryBankError
from storybank.model import Metric, Story, Telling, format_metric
from storybank.record import Record

OFTEN_TOLD = 3
"""Told this many times in one loop, a story is flagged: the panel has heard it enough."""

_ROUND_ALIASES = {"behavioural": "behavioral", "behavior": "behavioral", "behaviour": "behavioral"}


def normalise_round(text: str | None) -> str | None:
    """A round as the user wrote it ("panel", "hiring manager"), trimmed; None when blank."""
    if text is None:
        return None
    folded = " ".join(text.split())
    if not folded:
        return None
    return _ROUND_ALIASES.get(folded.lower(), folded)


def normalise_interviewer(text: str | None) -> str | None:
    if text is None:
        return None
    folded = " ".join(text.split())
    return folded or None


def parse_date(text: str | None, today: _dt.date) -> str:
    """An ISO date from `text` (YYYY-MM-DD, 'today' or 'yesterday'); today when absent."""
    if text is None or not text.strip():
        return today.isoformat()
    word = text.strip().lower()
    if word == "today":
        return today.isoformat()
    if word == "yesterday":
        return (today - _dt.timedelta(days=1)).isoformat()
    try:
        return _dt.date.fromisoformat(word).isoformat()
    except ValueError:
        raise StoryBankError(
            f"the date {text.strip()!r} is not a date written YYYY-MM-DD (or today, yesterday)"
        ) from None


def make_telling(
    story: Story,
    company_id: str,
    date: str,
    round: str | None = None,
    interviewer: str | None = None,
) -> Telling:
    """A ledger entry for `story`, its numbers copied from the story as it is now.

    The id is left empty: the store gives the next free one under its lock."""
    numbers = [Metric(m.name, m.before, m.after, m.unit) for m in story.metrics]
    return Telling(
        id="",
        company=company_id,
        story=story.id,
        date=date,
        round=normalise_round(round),
        interviewer=normalise_interviewer(interviewer),
        numbers=numbers,
    )


def for_company(ledger: Iterable[Telling], company_id: str) -> list[Telling]:
    """This loop's entries, oldest first (by date, then as recorded)."""
    entries = [(t.date, i, t) for i, t in enumerate(ledger) if t.company == company_id]
    return [t for _, _, t in sorted(entries, key=lambda e: (e[0], e[1]))]


def short_date(iso: str) -> str:
    """'3 Dec' for 2026-12-03 (the ledger keeps the full date)."""
    try:
        day = _dt.date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{day.day} {day:%b}"


def round_phrase(round: str | None) -> str:
    """'in the panel', 'in the case round', 'in the hiring manager round', or ''."""
    if not round:
        return ""
    lowered = round.lower()
    if lowered == "panel" or lowered.endswith((" round", " interview", " panel", " screen")):
        return f"in the {round}"
    return f"in the {round} round"


def told_phrase(telling: Telling) -> str:
    """'told to J. Park in the panel on 3 Dec' (each part only when it is known)."""
    parts = ["told"]
    if telling.interviewer:
        parts.append(f"to {telling.interviewer}")
    where = round_phrase(telling.round)
    if where:
        parts.append(where)
    parts.append(f"on {short_date(telling.date)}")
    return " ".join(parts)


def same_person(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


class LedgerFlag(Record):
    """Something about a told story to fix before the next interview of the loop."""

    __slots__ = ("story", "code", "message")  # noqa: RUF023 - constructor order

    def __init__(self, story: str, code: str, message: str) -> None:
        self.story = story
        self.code = code
        """`numbers-changed`, `told-often` or `story-gone`."""
        self.message = message

    def to_dict(self) -> dict[str, str]:
        return {"story": self.story, "code": self.code, "message": self.message}


def changed_numbers(told: Sequence[Metric], now: Sequence[Metric]) -> list[str]:
    """Each number quoted then that the bank now states differently (or no longer has)."""
    current = {m.name.strip().casefold(): m for m in now}
    changes: list[str] = []
    for old in told:
        new = current.get(old.name.strip().casefold())
        if new is None:
            changes.append(f"{format_metric(old, with_name=True)} (no longer in the story)")
        elif (old.before, old.after, old.unit) != (new.before, new.after, new.unit):
            changes.append(
                f"{old.name}: said {format_metric(old)}, the bank now says {format_metric(new)}"
            )
    return changes


def flags(entries: Sequence[Telling], stories: Sequence[Story]) -> list[LedgerFlag]:
    """What to fix in one loop's ledger: changed numbers, stories told 3+ times, gone stories."""
    by_id = {s.id: s for s in stories}
    out: list[LedgerFlag] = []
    counts: dict[str, int] = {}
    for entry in entries:
        counts[entry.story] = counts.get(entry.story, 0) + 1
    seen: set[str] = set()
    for entry in entries:
        story = by_id.get(entry.story)
        if story is None:
            if entry.story not in seen:
                out.append(
                    LedgerFlag(
                        entry.story,
                        "story-gone",
                        f"{entry.story} was {told_phrase(entry)} but is no longer in the bank",
                    )
                )
            seen.add(entry.story)
            continue
        changes = changed_numbers(entry.numbers, story.metrics)
        if changes:
            out.append(
                LedgerFlag(
                    entry.story,
                    "numbers-changed",
                    f"{entry.story} was {told_phrase(entry)} with other numbers: "
                    + "; ".join(changes)
                    + ". Quote what they heard, or correct it openly.",
                )
            )
    for story_id, count in counts.items():
        if count >= OFTEN_TOLD and story_id in by_id:
            out.append(
                LedgerFlag(
                    story_id,
                    "told-often",
                    f"{story_id} has been told {count} times in this loop: panelists compare "
                    "notes, so keep it for a question only it answers.",
                )
            )
    return out


def heard_by(entries: Iterable[Telling]) -> dict[str, list[Telling]]:
    """Story id -> the entries telling it, oldest first."""
    out: dict[str, list[Telling]] = {}
    for entry in entries:
        out.setdefault(entry.story, []).append(entry)
    return out
