"""Story text said aloud: a field spliced into a sentence, a number the way a person says it.

This is the one home for putting a user's own words inside a sentence the product writes
(the advisor's openings and tradeoff lines, the cue cards, the brief): lower the first
letter of a field that continues a sentence ("Chose four migration waves", not "Chose Four
migration waves") but keep names and acronyms, and say a metric as a person says it
("from 18 to 85 percent, up 67 points"; "from 120 to 35 tickets, cut by 71 percent"), not
in notation ("18% -> 85% (+372%)"). Pure functions, no I/O, no imports from above.
"""

from __future__ import annotations

import re
from functools import lru_cache

from storybank.model import PERCENT_UNITS, Metric, Number, Tradeoff, moves_in_points

# -- splicing a field into a sentence ----------------------------------------------------------

_COMMON_WORDS = frozenset(
    (
        *("a", "an", "the", "one", "two", "three", "four", "five", "six", "seven", "eight"),
        *("nine", "ten", "eleven", "twelve", "first", "second", "third", "single", "every"),
        *("each", "all", "both", "no", "some", "our", "my", "their", "this", "that", "these"),
        *("those", "we", "it", "its", "his", "her", "they", "them", "us", "me", "not", "only"),
        *("more", "less", "fewer", "most", "many", "few", "any", "another", "other", "same"),
        *("keep", "keeping", "make", "let", "ship", "run", "build", "move", "stop", "start"),
        *("to", "for", "with", "without", "by", "in", "on", "at", "from", "of", "over", "under"),
        *("after", "before", "when", "because", "since", "if", "instead", "rather", "than"),
        *("and", "or", "but", "so", "then", "just", "weekly", "daily", "monthly", "quarterly"),
        *("new", "old", "full", "half", "whole", "small", "large", "big", "fixed", "manual"),
    )
)
_COMMON_SUFFIXES = (
    *("ing", "ed", "ly", "tion", "sion", "ment", "ness", "ity", "ies", "ers", "ous", "ive"),
    *("ful", "less", "able", "ible", "al", "ance", "ence"),
)
_LOWER_WORD = re.compile(r"\b[a-z][a-z']*")
_CAPITALISED_MID = re.compile(r"(?<![.!?:]\s)(?<!^)\b([A-Z][\w'-]*)")


def mid_sentence(text: str, context: str = "") -> str:
    """`text` as it reads continuing a sentence: "A rotating rota" -> "a rotating rota",
    "Four migration waves" -> "four migration waves", "Routing by tier" -> "routing by tier".

    The first letter stays for "I", acronyms and names: a word with capitals inside (SDK,
    B2B, GitHub), a word the story's text (`context`) capitalises mid-sentence (Jira,
    Slack), or an unfamiliar capitalised word that the story never writes in lower case and
    that has no common ending (Zendesk).
    """
    text = " ".join(text.split())
    first = text.split(" ", 1)[0] if text else ""
    word = first.split("-", 1)[0].strip("\"'(,;:")
    if not word[:1].isupper() or word == "I" or word.startswith("I'") or not word.isalpha():
        return text
    if any(ch.isupper() for ch in word[1:]):
        return text  # SDK, B2B, GitHub, NPS
    lower = word.lower()
    lowered = text[:1].lower() + text[1:]
    if lower in _COMMON_WORDS:
        return lowered
    names, lower_words = _context_words(context) if context else (frozenset(), frozenset())
    if word in names:
        return text  # a name: the story writes it with a capital mid-sentence
    if lower.endswith(_COMMON_SUFFIXES) or _written_lower(lower, lower_words):
        return lowered
    return text  # an unfamiliar capitalised word: most likely a name (Jira, Zendesk)


def _written_lower(word: str, lower_words: frozenset[str]) -> bool:
    """Whether the story writes `word`, or an inflection of it, in lower case."""
    if word in lower_words:
        return True
    root = word
    for suffix in ("es", "s", "ed", "ing", "er"):
        if root.endswith(suffix) and len(root) - len(suffix) >= 3:
            root = root[: -len(suffix)]
            break
    return any(w.startswith(root) and len(w) - len(root) <= 3 for w in lower_words)


@lru_cache(maxsize=64)
def _context_words(context: str) -> tuple[frozenset[str], frozenset[str]]:
    """(words the text capitalises mid-sentence, words it writes in lower case)."""
    flat = " ".join(context.split())
    names = frozenset(_CAPITALISED_MID.findall(flat))
    return names, frozenset(_LOWER_WORD.findall(flat))


def clause(text: str) -> str:
    """A field as a clause to splice: one line, no closing full stop."""
    return " ".join(text.split()).rstrip(" .")


def tradeoff_sentence(tradeoff: Tradeoff, context: str = "", *, because: str | None = None) -> str:
    """ "Chose X over Y, because Z": each part spliced mid-sentence (`because` replaces the
    reason, for a caller that shortened it)."""
    line = f"Chose {mid_sentence(clause(tradeoff.chose), context)}"
    if tradeoff.over.strip():
        line += f" over {mid_sentence(clause(tradeoff.over), context)}"
    reason = clause(tradeoff.because) if because is None else clause(because)
    if reason:
        line += f", because {mid_sentence(reason, context)}"
    return line


# -- numbers said aloud ------------------------------------------------------------------------

_UNIT_WORDS: dict[str, tuple[str, str]] = {
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours"), ("hour", "hours")),
    **dict.fromkeys(("d", "day", "days"), ("day", "days")),
    **dict.fromkeys(("min", "mins", "minute", "minutes", "m"), ("minute", "minutes")),
    **dict.fromkeys(("s", "sec", "secs", "second", "seconds"), ("second", "seconds")),
    **dict.fromkeys(("ms", "msec"), ("millisecond", "milliseconds")),
    **dict.fromkeys(("w", "wk", "wks", "week", "weeks"), ("week", "weeks")),
    **dict.fromkeys(("mo", "mth", "mths", "month", "months"), ("month", "months")),
    **dict.fromkeys(("y", "yr", "yrs", "year", "years"), ("year", "years")),
    **dict.fromkeys(("$", "usd", "dollar", "dollars"), ("dollar", "dollars")),
    **dict.fromkeys(("€", "eur", "euro", "euros"), ("euro", "euros")),
    **dict.fromkeys(("£", "gbp", "pound", "pounds"), ("pound", "pounds")),
    **dict.fromkeys(("pp", "pt", "pts", "point", "points"), ("point", "points")),
}
_FRACTIONS = (
    (0.25, "a quarter"),
    (1 / 3, "a third"),
    (0.5, "half"),
    (2 / 3, "two thirds"),
    (0.75, "three quarters"),
)
_FRACTION_TOLERANCE = 0.015
_MULTIPLES = {2: "doubled", 3: "tripled", 4: "quadrupled"}


def spoken_number(value: Number) -> str:
    """A number as written in a spoken sentence: 4,100; 3.5; 0.3 (no trailing .0)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return f"{value:,}" if abs(value) >= 1000 else str(value)
    return f"{value:,.2f}".rstrip("0").rstrip(".") if abs(value) >= 1000 else f"{value:g}"


def unit_word(unit: str, value: Number | None = None) -> str:
    """The unit as said aloud: h -> hours (hour for 1), % -> percent; other words as written."""
    key = unit.strip().lower()
    if key in PERCENT_UNITS:
        return "percent"
    if key in _UNIT_WORDS:
        singular, plural = _UNIT_WORDS[key]
        return singular if value is not None and abs(value) == 1 else plural
    return unit.strip()


def _percent(value: float) -> str:
    return f"{value:.0f}" if abs(value) >= 1 or value == 0 else f"{value:.1f}".rstrip("0")


def spoken_change(metric: Metric) -> str:
    """How much it moved, said aloud: "up 9 points" for a percentage (never a relative change
    of a percentage), "cut by three quarters", "cut by 82 percent", "doubled", "up 41 percent".
    Empty when it cannot be said (a side missing, a start of zero, no change)."""
    before, after = metric.before, metric.after
    if before is None or after is None or before == after:
        return ""
    if moves_in_points(metric):
        gap = abs(after - before)
        amount = spoken_number(round(gap, 1))
        unit = "point" if gap == 1 else "points"
        return f"{'up' if after > before else 'down'} {amount} {unit}"
    if before == 0 or (before < 0) != (after < 0) or before < 0:
        return ""
    if after == 0:
        return ""  # "from 3 to 0" says it all
    if after < before:
        cut = (before - after) / before
        for share, words in _FRACTIONS:
            if abs(cut - share) <= _FRACTION_TOLERANCE:
                return f"cut by {words}"
        return f"cut by {_percent(cut * 100)} percent"
    ratio = after / before
    if ratio >= 2:
        whole = round(ratio)
        if abs(ratio - whole) <= 0.05 * whole and whole in _MULTIPLES:
            return _MULTIPLES[whole]
        times = spoken_number(whole if ratio >= 5 else round(ratio, 1))
        return f"up about {times} times"
    return f"up {_percent((ratio - 1) * 100)} percent"


def spoken_metric(metric: Metric, *, with_name: bool = False) -> str:
    """A metric said aloud: "from 19 to 3.5 hours, cut by 82 percent", "from 18 to 85
    percent, up 67 points", "from 120 to 35 tickets" (the unit said once), "now 5 days"
    when there was no baseline. `with_name` puts "Name: " before it."""
    unit = metric.unit.strip()
    before, after = metric.before, metric.after

    def said(value: Number) -> str:
        if not unit:
            return spoken_number(value)
        return f"{spoken_number(value)} {unit_word(unit, value)}"

    if before is not None and after is not None:
        text = f"from {spoken_number(before)} to {said(after)}"
    elif after is not None:
        text = f"now {said(after)}, no baseline"
    elif before is not None:
        text = f"was {said(before)}, no figure since"
    else:
        text = "no figures yet"
    change = spoken_change(metric)
    if change:
        text += f", {change}"
    return f"{metric.name.strip()}: {text}" if with_name else text
