"""The words a learned model reads in a question: one normaliser shared by training and use.

Lower-cased ASCII words with a light suffix fold (so "failed", "failing" and "failure"
meet), word pairs, and the question's first two words as their own feature ("how would"
opens a case, "tell me" a story). Kept tiny and dependency-free: `storybank ask` loads it.
"""

from __future__ import annotations

import itertools
import re

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_SUFFIXES = (
    "ational",
    "ization",
    "isation",
    "ments",
    "ment",
    "ings",
    "ing",
    "ies",
    "ied",
    "ed",
    "es",
    "s",
    "ly",
    "ure",
    "er",
)
_KEEP = {
    "process",
    "success",
    "access",
    "business",
    "less",
    "this",
    "was",
    "has",
    "us",
    "is",
    "as",
    "its",
    "yes",
    "ops",
    "kpis",
    "sales",
    "analytics",
    "metrics",
}
_SPELLING = {
    "prioritise": "prioritize",
    "prioritising": "prioritizing",
    "prioritisation": "prioritization",
    "organisation": "organization",
    "behaviour": "behavior",
    "analyse": "analyze",
    "colour": "color",
    "favourite": "favorite",
    "centralised": "centralized",
}


def fold(word: str) -> str:
    """A crude stem: enough to join inflections, cheap enough for every keystroke."""
    word = _SPELLING.get(word, word)
    if word in _KEEP or len(word) <= 4:
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def plain(text: str) -> str:
    """`text` lower-cased with typographic apostrophes made plain: how every phrase list of
    the method (themes, the kinds' fit rule, these features) reads a text."""
    return text.lower().replace("’", "'")


def words(text: str) -> list[str]:
    """The folded words of `text`, in order."""
    return [fold(w.replace("'", "")) for w in _WORD.findall(plain(text))]


def features(text: str) -> list[str]:
    """Feature names of a question: words, adjacent pairs, and its opening."""
    ws = words(text)
    out = ws + [f"{a}_{b}" for a, b in itertools.pairwise(ws)]
    if ws:
        out.append("^" + "_".join(ws[:2]))
        out.append("^" + ws[0])
    return out
