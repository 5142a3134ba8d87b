"""Recall cards made from a story's own fields, with an identity that follows the content.

Each story gives a card for its opening line, one per metric (before -> after, unit),
one per tradeoff (what was chosen over what, and why) and one for its lesson.

A card's id is `STORY/KIND/KEY`. For a metric the key is a digest of its numbers and
unit, so an edited number is a new card (the old history described other facts). For
prose (opening, tradeoff, lesson) the key is a 64-bit simhash of the text's character
trigrams: a typo fix flips a few bits, a rewrite flips about half, so `schedule` links
a review to the current card whose key is nearest within `LINK_DISTANCE` bits. The key
reveals nothing of the text, so review history never leaks a name.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

from storybank.model import Bank, Metric, Story, Tradeoff, format_metric
from storybank.record import Record

try:  # blake2 without importing hashlib's OpenSSL bindings (the home screen counts due
    # cards at start-up, in a thread that shares the interpreter with the first paint)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - other Python implementations
    from hashlib import blake2b

KINDS: tuple[str, ...] = ("opening", "metric", "tradeoff", "lesson")
"""Card kinds, in the order a story's cards are drilled."""

PROSE_KINDS = frozenset({"opening", "tradeoff", "lesson"})

LINK_DISTANCE = 16
"""Most differing simhash bits (of 64) for a review to follow an edited prose card."""

_WORD_RE = re.compile(r"[^\W_]+")


class RecallCard(Record):
    """One fact to recall: a prompt, the answer, and where it comes from."""

    __slots__ = ("id", "story_id", "kind", "title", "prompt", "answer")  # noqa: RUF023

    def __init__(
        self, id: str, story_id: str, kind: str, title: str, prompt: str, answer: str
    ) -> None:
        self.id = id
        self.story_id = story_id
        self.kind = kind
        self.title = title
        """The story's title, shown above the prompt."""
        self.prompt = prompt
        self.answer = answer

    @property
    def group(self) -> str:
        """`STORY/KIND/`: the cards a review of an edited prose card may follow."""
        return f"{self.story_id}/{self.kind}/"

    @property
    def key(self) -> str:
        return self.id[len(self.group) :]

    def to_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__}


def simhash(text: str) -> int:
    """A 64-bit fingerprint of `text` that changes little when the text changes little.

    Each bit is the majority vote of that bit over the hashes of the text's character
    trigrams. The votes are counted all at once: each trigram's hash is spread into 64
    counters of 16 bits side by side in one integer (`_spread`, remembered per trigram:
    the trigrams of a bank's prose repeat from text to text), and the integers are added.
    """
    normal = " ".join(_WORD_RE.findall(text.casefold()))
    if len(normal) < 3:
        normal = normal.ljust(3, "_")
    grams = {normal[i : i + 3] for i in range(len(normal) - 2)}
    votes = len(grams)
    if votes >= 1 << _FIELD:
        return _simhash_by_columns(grams)  # a counter could overflow: count column-wise
    spread = _SPREAD
    if len(spread) > _SPREAD_KEPT:
        spread.clear()
    total = 0
    for gram in grams:
        value = spread.get(gram)
        if value is None:
            value = spread[gram] = _spread(_gram_hash(gram))
        total += value
    half = votes // 2  # "more ones than zeros": count * 2 > votes
    mask = (1 << _FIELD) - 1
    bits = 0
    for bit in range(64):
        if (total >> (_FIELD * bit)) & mask > half:
            bits |= 1 << bit
    return bits


def _gram_hash(gram: str) -> int:
    return int.from_bytes(blake2b(gram.encode(), digest_size=8).digest(), "big")


_FIELD = 16
"""Bits per vote counter in a spread hash (a text with 65,536 trigrams or more is counted
column-wise instead)."""
_BYTE_SPREAD = [sum(((b >> k) & 1) << (_FIELD * k) for k in range(8)) for b in range(256)]
"""A byte's 8 bits, each moved to the low bit of its own counter."""
_SPREAD: dict[str, int] = {}
_SPREAD_KEPT = 50_000
"""Trigrams remembered at most (about 8 MB); the table starts again when it is full."""


def _spread(value: int) -> int:
    """Bit k of a 64-bit value as the low bit of counter k (counters `_FIELD` bits wide)."""
    out = 0
    for byte in range(8):
        out |= _BYTE_SPREAD[(value >> (8 * byte)) & 0xFF] << (8 * _FIELD * byte)
    return out


def _simhash_by_columns(grams: set[str]) -> int:
    """`simhash` counted over the hashes' binary strings, column by column."""
    rows = [format(_gram_hash(g), "064b") for g in sorted(grams)]
    votes = len(rows)
    columns = zip(*rows, strict=True)  # every row is 64 characters
    bits = "".join("1" if column.count("1") * 2 > votes else "0" for column in columns)
    return int(bits, 2)


def distance(a: int, b: int) -> int:
    """Differing bits between two simhashes."""
    return (a ^ b).bit_count()


@functools.lru_cache(maxsize=4096)
def prose_key(text: str) -> str:
    """Cached: the home screen, the drill and `status` key the same texts again and again."""
    return f"{simhash(text):016x}"


def metric_key(metric: Metric) -> str:
    """A digest of the facts (numbers and unit), not the name: renaming keeps the history."""

    def number(value: float | None) -> str:
        if value is None:
            return "?"
        return repr(int(value)) if float(value).is_integer() else repr(float(value))

    facts = f"{number(metric.before)}|{number(metric.after)}|{metric.unit.strip().casefold()}"
    return blake2b(facts.encode(), digest_size=5).hexdigest()


def _first_sentence(text: str) -> str:
    from storybank.quality.cards import split_sentences

    sentences = split_sentences(text)
    return sentences[0] if sentences else " ".join(text.split())


def opening_line(story: Story) -> str:
    """The line to open with: the summary, else the first sentence of the context."""
    return " ".join(story.summary.split()) or _first_sentence(story.context)


def lesson(story: Story) -> str:
    """What changed after: the sentence that says what was learned, else the first one."""
    from storybank.quality.cards import split_sentences

    sentences = split_sentences(story.after)
    for sentence in sentences:
        if re.search(r"\b(learn|lesson|taught|now i|since then|next time)", sentence, re.I):
            return sentence
    return sentences[0] if sentences else ""


def _tradeoff_answer(tradeoff: Tradeoff) -> str:
    from storybank.quality.cards import tradeoff_line

    return tradeoff_line(tradeoff)


def _lower_start(text: str) -> str:
    """'A dedicated analyst' reads as 'a dedicated analyst' mid-sentence; 'API' stays."""
    if text[:1].isupper() and not text[1:2].isupper():
        return text[:1].lower() + text[1:]
    return text


def _metric_prompt(metric: Metric) -> str:
    unit = f" (in {metric.unit})" if metric.unit and metric.unit != "%" else ""
    return f"{metric.name}{unit}: before -> after?"


def story_cards(story: Story) -> list[RecallCard]:
    """The recall cards of one story, in drill order; ids unique within the story."""
    cards: list[RecallCard] = []
    used: set[str] = set()

    def add(kind: str, key: str, prompt: str, answer: str) -> None:
        card_id = f"{story.id}/{kind}/{key}"
        suffix = 2
        while card_id in used:  # the same facts twice in one story: keep both cards
            card_id = f"{story.id}/{kind}/{key}-{suffix}"
            suffix += 1
        used.add(card_id)
        cards.append(RecallCard(card_id, story.id, kind, story.title, prompt, answer))

    opening = opening_line(story)
    if opening:
        add("opening", prose_key(opening), "How do you open this story? (one line)", opening)
    for metric in story.metrics:
        if metric.before is None and metric.after is None:
            continue  # nothing to recall yet
        add("metric", metric_key(metric), _metric_prompt(metric), format_metric(metric))
    for tradeoff in story.tradeoffs:
        answer = _tradeoff_answer(tradeoff)
        prompt = (
            f"What did you choose over {_lower_start(' '.join(tradeoff.over.split()))}, and why?"
            if tradeoff.over.strip()
            else "What did you choose, over what, and why?"
        )
        add("tradeoff", prose_key(answer), prompt, answer)
    learned = lesson(story)
    if learned:
        add("lesson", prose_key(learned), "What changed after? What did you learn?", learned)
    return cards


class Cancelled(Exception):
    """Raised by `bank_cards` when its caller gave up (the TUI quitting or moving on)."""


def bank_cards(bank: Bank, cancelled: Callable[[], bool] | None = None) -> list[RecallCard]:
    """Every story's recall cards, in bank order. `cancelled` is asked before each story
    (a thread cannot be stopped from outside: the story list's due count on a big bank
    ran on for a quarter of a second after the app was told to quit)."""
    cards: list[RecallCard] = []
    for story in bank.stories:
        if cancelled is not None and cancelled():
            raise Cancelled
        cards.extend(story_cards(story))
    return cards
