"""Word counts, speaking time and number spotting for story text.

Shared by lint, the cue cards and the TUI editor, so that every screen quotes the
same word count and the same "about 2 min" for a story.
"""

from __future__ import annotations

import re
from functools import lru_cache

from storybank.model import Story
from storybank.vocab import BEATS

WORDS_PER_MINUTE = 150
"""A calm interview pace; the six beats are what the candidate actually says."""

_WORD_RE = re.compile(r"[^\W_][\w'’./-]*")
"""A word starts with a letter or digit: '3.5', 'go/no-go' and "I'm" are one word each,
while punctuation such as '->' or '--' is not a word."""

_NUMBER_WORDS = (
    "two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    "sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|"
    "ninety|hundred|thousand|million|billion|halved|doubled|tripled|quadrupled|twice|thrice"
)
"""Number words that state a quantity. 'one', 'half' and 'quarter' are left out on purpose:
'no one', 'the first half' and 'last quarter' are not results."""
_NUMBER_RE = re.compile(r"\d|\b(?:" + _NUMBER_WORDS + r")\b", re.IGNORECASE)


def words(text: str) -> list[str]:
    """The spoken words of `text`, in order."""
    return _WORD_RE.findall(text or "")


@lru_cache(maxsize=4096)
def count_words(text: str) -> int:
    """How many words `text` has. Remembered per text: lint, the cue cards and the story
    list ask for the same beats' counts several times each (a regex pass per call)."""
    return len(_WORD_RE.findall(text)) if text else 0


def seconds_for(word_total: int, wpm: int = WORDS_PER_MINUTE) -> int:
    """Seconds it takes to say `word_total` words at `wpm`, rounded to the second."""
    return round(word_total * 60 / wpm)


def word_count(story: Story) -> int:
    """Words over the six beats: what the candidate says out loud."""
    return sum(count_words(story.beat(name)) for name in BEATS)


def spoken_seconds(story: Story, wpm: int = WORDS_PER_MINUTE) -> int:
    """Roughly how long the story takes to tell, at `wpm` words a minute."""
    return seconds_for(word_count(story), wpm)


def format_seconds(seconds: int) -> str:
    """`2 min 04 s` style for a speaking time; under a minute just `45 s`."""
    minutes, rest = divmod(max(0, int(seconds)), 60)
    return f"{minutes} min {rest:02d} s" if minutes else f"{rest} s"


def has_number(text: str) -> bool:
    """True when `text` states a quantity: a digit or a number word ('three', 'halved')."""
    return bool(_NUMBER_RE.search(text or ""))
