"""The practice question bank: loading it, the likely questions for a company, practice draws.

The packaged bank (`sample_data/questions.yaml`) is merged with the questions the
user imported; a user question with the same id replaces the packaged one, so a
person can reword any question they dislike. Selection is deterministic for the
brief (the same company gives the same list) and seeded-random for practice.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from storybank.model import Company, Question, Story
from storybank.vocab import COMPETENCIES, CORE_COMPETENCIES

QUESTIONS_FILE = "questions.yaml"


def load_questions_file(path: Path) -> list[Question]:
    """Questions from a storybank YAML file, validated like any import."""
    from storybank.yamlio import load_bank_file

    return list(load_bank_file(path).questions)


@lru_cache(maxsize=1)
def _packaged() -> tuple[Question, ...]:
    from storybank.resources import sample_file

    return tuple(load_questions_file(sample_file(QUESTIONS_FILE)))


def packaged_questions() -> list[Question]:
    """The questions shipped with storybank (read once per process)."""
    return list(_packaged())


def merge_questions(base: Iterable[Question], user: Iterable[Question]) -> list[Question]:
    """`base` then `user`, one per id: a user question replaces a packaged one in place."""
    merged: dict[str, Question] = {q.id: q for q in base}
    for question in user:
        merged[question.id] = question
    return list(merged.values())


def question_bank(user_questions: Iterable[Question] = ()) -> list[Question]:
    """The packaged questions merged with the user's imported ones (the user's win)."""
    return merge_questions(packaged_questions(), user_questions)


# -- likely questions for a company -----------------------------------------------------------

_FOCUS_DECAY = 0.1
_FOCUS_FLOOR = 0.5
_EXTRA_MATCH = 0.25
_NEW_AREA_BONUS = 0.5
_NEW_KIND_BONUS = 0.3
_REPEAT_KIND_PENALTY = 0.45
_MOTIVATION_BASE = 0.6


def focus_weights(company: Company | None) -> dict[str, float]:
    """How much each focus area counts: the first listed counts most.

    Without a company (or a company with no focus) the three core areas stand in,
    since every Product Ops loop probes them.
    """
    focus = list(company.focus) if company is not None and company.focus else []
    if not focus:
        focus = list(CORE_COMPETENCIES)
    return {name: max(_FOCUS_FLOOR, 1.0 - _FOCUS_DECAY * rank) for rank, name in enumerate(focus)}


def _base_score(question: Question, weights: Mapping[str, float]) -> float:
    matched = sorted((weights[c] for c in question.competencies if c in weights), reverse=True)
    if not matched:
        return _MOTIVATION_BASE if question.kind == "motivation" else 0.0
    return matched[0] + _EXTRA_MATCH * (len(matched) - 1)


def likely_questions(
    questions: Sequence[Question], company: Company | None, n: int = 10
) -> list[Question]:
    """The `n` questions this company's loop is most likely to ask, with variety of kind.

    Greedy and deterministic: each pick maximises the question's focus score plus a
    bonus for a focus area not yet asked about and for a new kind, minus a penalty
    per earlier pick of the same kind. Ties keep the bank's order. Questions that
    touch no focus area are only picked when nothing better is left (motivation
    questions excepted: every loop asks "why us?"). When the bank has no question
    on any of the company's focus areas (custom ones), the core areas stand in.
    """
    weights = focus_weights(company)
    if not any(c in weights for q in questions for c in q.competencies):
        weights = focus_weights(None)  # focus the bank has no questions on: the core areas
    base = [_base_score(q, weights) for q in questions]
    picked: list[int] = []
    kinds: Counter[str] = Counter()
    areas: set[str] = set()
    remaining = set(range(len(questions)))
    while remaining and len(picked) < n:

        def score(index: int) -> float:
            question = questions[index]
            value = base[index]
            if any(c in weights and c not in areas for c in question.competencies):
                value += _NEW_AREA_BONUS
            if kinds[question.kind] == 0:
                value += _NEW_KIND_BONUS
            return value - _REPEAT_KIND_PENALTY * kinds[question.kind]

        best = max(sorted(remaining), key=lambda i: (score(i), -i))
        if base[best] <= 0 and any(base[i] > 0 for i in remaining):
            best = max((i for i in sorted(remaining) if base[i] > 0), key=lambda i: (score(i), -i))
        picked.append(best)
        remaining.discard(best)
        kinds[questions[best].kind] += 1
        areas.update(c for c in questions[best].competencies if c in weights)
    return [questions[i] for i in picked]


# -- practice draws ---------------------------------------------------------------------------

FOCUS_WEIGHT = 2.0
WEAK_WEIGHT = 3.0
SEEN_FACTOR = 0.6
RECENT_WINDOW = 20


def history_question_ids(history: Iterable[Any]) -> list[str]:
    """Question ids from practice history, oldest first.

    Each item may be a question id or a practice record (a mapping with a
    `question_id` key, as the Practice screen stores them); others are skipped.
    """
    ids: list[str] = []
    for item in history:
        if isinstance(item, str):
            ids.append(item)
        elif isinstance(item, Mapping):
            value = item.get("question_id")
            if isinstance(value, str):
                ids.append(value)
    return ids


def practice_weight(
    question: Question,
    company: Company | None,
    weakest: Sequence[str],
    seen: Collection[str] = frozenset(),
) -> float:
    """The relative chance of drawing `question`: 1, plus focus and weak-area boosts.

    A question on one of the company's focus areas gains up to `FOCUS_WEIGHT`, one on
    the user's weakest areas up to `WEAK_WEIGHT` (the weakest first counts most); a
    question practised before (outside the recent window) is damped by `SEEN_FACTOR`.
    """
    weight = 1.0
    if company is not None and company.focus:
        focus = focus_weights(company)
        matched = [focus[c] for c in question.competencies if c in focus]
        if matched:
            weight += FOCUS_WEIGHT * max(matched)
    if weakest:
        ranks = {name: rank for rank, name in enumerate(weakest)}
        matched_ranks = [ranks[c] for c in question.competencies if c in ranks]
        if matched_ranks:
            weight += WEAK_WEIGHT * (1.0 - min(matched_ranks) / (len(weakest) + 1))
    if question.id in seen:
        weight *= SEEN_FACTOR
    return weight


def draw_practice_question(
    questions: Sequence[Question],
    company: Company | None,
    weakest_competencies: Sequence[str],
    history: Iterable[Any],
    rng: random.Random,
) -> Question | None:
    """Draw the next practice question, or None when there are no questions.

    Weighted toward the company's focus and the user's weakest areas (see
    `practice_weight`); the last `RECENT_WINDOW` drawn questions (at most half the
    bank) are left out so a drill does not repeat itself. Reproducible for a given
    `rng` seed.
    """
    if not questions:
        return None
    ids = history_question_ids(history)
    window = min(RECENT_WINDOW, len(questions) // 2)
    recent = set(ids[-window:]) if window else set()
    candidates = [q for q in questions if q.id not in recent] or list(questions)
    seen = set(ids)
    weights = [practice_weight(q, company, weakest_competencies, seen) for q in candidates]
    return rng.choices(candidates, weights=weights, k=1)[0]


def weakest_competencies(
    stories: Sequence[Story],
    history: Iterable[Any] = (),
    questions: Sequence[Question] = (),
    story_scores: Mapping[str, float] | None = None,
    limit: int = 3,
) -> list[str]:
    """The competencies the user is weakest in, weakest first.

    Each competency gets a strength in 0..1 from two signals, averaged when both
    exist: practice self-ratings (1-5, from records with a `rating` and either
    `competencies` or a `question_id` found in `questions`), and the lint scores
    (0-100) of the stories that cover it. A built-in competency no story covers is
    weakest of all (0). Ties keep vocabulary order.
    """
    names = list(COMPETENCIES)
    for story in stories:
        names.extend(c for c in story.competencies if c not in names)
    by_id = {q.id: q for q in questions}
    ratings: dict[str, list[float]] = {name: [] for name in names}
    for record in history:
        if not isinstance(record, Mapping):
            continue
        rating = record.get("rating")
        if not isinstance(rating, int | float) or isinstance(rating, bool):
            continue
        comps = record.get("competencies")
        if not isinstance(comps, list):
            question = by_id.get(str(record.get("question_id")))
            comps = question.competencies if question else []
        for name in comps:
            if name in ratings:
                ratings[name].append(min(1.0, max(0.0, (float(rating) - 1.0) / 4.0)))
    strengths: dict[str, float] = {}
    for name in names:
        covering = [s for s in stories if name in s.competencies]
        if not covering:
            strengths[name] = 0.0
            continue
        signals: list[float] = []
        if ratings[name]:
            signals.append(sum(ratings[name]) / len(ratings[name]))
        if story_scores:
            scores = [story_scores[s.id] / 100.0 for s in covering if s.id in story_scores]
            if scores:
                signals.append(sum(scores) / len(scores))
        strengths[name] = sum(signals) / len(signals) if signals else 0.5
    order = {name: index for index, name in enumerate(names)}
    return sorted(names, key=lambda n: (strengths[n], order[n]))[:limit]
