"""The user's own choices: a story they picked for a question comes first next time a
similar question is asked, and `why` says so ("you chose it for '...'").

A choice is a `model.Pick` (kept in the bank, exported with it, undoable). Two questions are
similar when their content stems overlap enough (Jaccard over `text.content_terms`): the same
question in other words ("Describe a time you failed at work" after "Tell me about a time
you failed") matches, a neighbouring topic ("...a disagreement with your boss" after
"...a time you disagreed with your manager") does not, so one choice never takes over a
whole kind of question. The newest matching choice wins. Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from functools import lru_cache

from storybank.advisor.text import content_terms
from storybank.model import Pick

PICK_MATCH = 0.6
"""How much of two questions' content stems must be shared (intersection over union) for
a choice made for one to apply to the other."""


@lru_cache(maxsize=1024)
def question_terms(text: str) -> frozenset[str]:
    return frozenset(content_terms(text))


def similarity(a: str, b: str) -> float:
    """0..1: the share of content stems two questions have in common."""
    left, right = question_terms(a), question_terms(b)
    if not left or not right:
        return 0.0
    return len(left & right) / len(left | right)


def preferred_pick(question: str, picks: Sequence[Pick], story_ids: Collection[str]) -> Pick | None:
    """The newest choice made for a question like this one whose story is still in the bank."""
    if not picks or not question_terms(question):
        return None
    best: Pick | None = None
    best_score = PICK_MATCH
    for pick in picks:  # oldest first: a later equal match replaces an earlier one
        if pick.story not in story_ids:
            continue
        score = similarity(question, pick.question)
        if score >= best_score:
            best, best_score = pick, score
    return best
