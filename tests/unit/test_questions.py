"""The question bank: packaged + user questions, likely questions, weighted practice draws."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from factories import story
from storybank.model import Company, Question, Story
from storybank.quality.questions import (
    draw_practice_question,
    history_question_ids,
    likely_questions,
    merge_questions,
    packaged_questions,
    question_bank,
    weakest_competencies,
)
from storybank.vocab import COMPETENCIES, KINDS


def q(qid: str, kind: str, *competencies: str) -> Question:
    return Question(id=qid, text=f"Question {qid}?", kind=kind, competencies=list(competencies))


# -- loading -----------------------------------------------------------------------------------


def test_packaged_bank_is_large_and_valid() -> None:
    questions = packaged_questions()
    assert len(questions) >= 150
    assert len({x.id for x in questions}) == len(questions)
    assert {x.kind for x in questions} == set(KINDS)
    assert all(x.competencies for x in questions)
    assert all(c in COMPETENCIES for x in questions for c in x.competencies)


def test_user_question_replaces_packaged_one_in_place_and_new_ones_follow() -> None:
    base = packaged_questions()
    mine = Question(id=base[1].id, text="My own wording?", kind="case", competencies=[])
    extra = q("my-extra", "failure", "prioritization")
    merged = question_bank([mine, extra])
    assert len(merged) == len(base) + 1
    assert merged[1] is mine
    assert merged[-1] is extra
    assert sum(1 for x in merged if x.id == base[1].id) == 1


def test_merge_is_last_wins_for_duplicates_in_user_list() -> None:
    first, second = q("x", "case"), q("x", "failure")
    assert merge_questions([q("a", "case")], [first, second])[1] is second


# -- likely questions --------------------------------------------------------------------------

POOL = [
    q("b1", "behavioral", "launch-operations"),
    q("b2", "behavioral", "launch-operations"),
    q("b3", "behavioral", "launch-operations"),
    q("t1", "tradeoff", "launch-operations", "prioritization"),
    q("m1", "metrics", "metric-frameworks"),
    q("m2", "metrics", "customer-insight"),
    q("f1", "failure", "launch-operations"),
    q("c1", "conflict", "stakeholder-management"),
    q("k1", "case", "tooling-automation"),
    q("k2", "case", "launch-operations", "tooling-automation"),
    q("w1", "motivation"),
    q("p1", "behavioral", "process-improvement"),
]


def test_likely_questions_follow_focus_with_kind_variety() -> None:
    company = Company("acme", "Acme", focus=["launch-operations", "tooling-automation"])
    picked = likely_questions(POOL, company, n=6)
    ids = [x.id for x in picked]
    assert len(ids) == 6
    # every pick touches a focus area, except the one motivation question
    for x in picked:
        assert x.kind == "motivation" or {"launch-operations", "tooling-automation"} & set(
            x.competencies
        )
    kinds = Counter(x.kind for x in picked)
    # the five kinds the focus allows (plus motivation) all appear before one repeats
    assert set(kinds) == {"behavioral", "tradeoff", "failure", "case", "motivation"}
    assert max(kinds.values()) == 2
    assert "k2" in ids  # the question on both focus areas
    assert "m2" not in ids and "c1" not in ids and "p1" not in ids


def test_likely_questions_are_deterministic() -> None:
    company = Company("acme", "Acme", focus=["metric-frameworks", "stakeholder-management"])
    first = likely_questions(POOL, company, n=5)
    assert first == likely_questions(list(POOL), company, n=5)
    assert [x.id for x in first][:2] == ["m1", "c1"]


def test_off_focus_questions_only_fill_in_when_nothing_better_is_left() -> None:
    company = Company("acme", "Acme", focus=["stakeholder-management"])
    picked = [x.id for x in likely_questions(POOL, company, n=3)]
    assert picked[0] == "c1"
    assert picked[1] == "w1"  # motivation questions are always likely
    assert len(picked) == 3


def test_no_company_uses_the_three_core_areas() -> None:
    picked = likely_questions(POOL, None, n=4)
    assert all(
        x.kind == "motivation"
        or {"metric-frameworks", "launch-operations", "cross-functional-execution"}
        & set(x.competencies)
        for x in picked
    )


def test_likely_questions_on_the_packaged_bank_cover_each_focus_area() -> None:
    company = Company(
        "h", "H", focus=["metric-frameworks", "customer-insight", "launch-operations"]
    )
    picked = likely_questions(packaged_questions(), company, n=10)
    assert len(picked) == 10
    for area in company.focus:
        assert any(area in x.competencies for x in picked), area
    assert len({x.kind for x in picked}) >= 6


# -- practice draws ----------------------------------------------------------------------------


def draw_counts(company: Company | None, weakest: list[str], draws: int = 3000) -> Counter[str]:
    rng = random.Random(1234)
    return Counter(
        draw_practice_question(POOL, company, weakest, [], rng).id  # type: ignore[union-attr]
        for _ in range(draws)
    )


def test_draws_lean_toward_the_company_focus() -> None:
    counts = draw_counts(Company("acme", "Acme", focus=["stakeholder-management"]), [])
    # c1 weighs 3, the other eleven weigh 1 each: expected share 3/14 ~ 0.21
    assert 0.17 < counts["c1"] / 3000 < 0.26
    assert counts["c1"] > 2 * counts["p1"]


def test_draws_lean_toward_the_weakest_areas_weakest_first() -> None:
    counts = draw_counts(None, ["customer-insight", "process-improvement"])
    assert counts["m2"] > counts["p1"] > counts["b1"]
    assert counts["m2"] > 2.5 * counts["b1"]


def test_draws_without_focus_or_weakness_are_roughly_uniform() -> None:
    counts = draw_counts(None, [])
    assert set(counts) == {x.id for x in POOL}
    assert max(counts.values()) < 1.4 * min(counts.values())


def test_draws_are_reproducible_for_a_seed() -> None:
    def run(seed: int) -> list[str]:
        rng = random.Random(seed)
        return [draw_practice_question(POOL, None, [], [], rng).id for _ in range(20)]  # type: ignore[union-attr]

    assert run(7) == run(7)
    assert run(7) != run(8)


def test_recent_questions_are_not_drawn_again() -> None:
    rng = random.Random(3)
    history: list[dict[str, object]] = []
    for _ in range(200):
        drawn = draw_practice_question(POOL, None, [], history, rng)
        assert drawn is not None
        recent = history_question_ids(history)[-len(POOL) // 2 :]
        assert drawn.id not in recent
        history.append({"question_id": drawn.id, "rating": 3})


def test_a_bank_of_one_question_still_draws() -> None:
    only = [q("solo", "case")]
    rng = random.Random(0)
    assert draw_practice_question(only, None, [], ["solo", "solo"], rng) is only[0]
    assert draw_practice_question([], None, [], [], rng) is None


def test_history_accepts_ids_and_records() -> None:
    history = ["a", {"question_id": "b"}, {"other": 1}, 5, {"question_id": 9}]
    assert history_question_ids(history) == ["a", "b"]


# -- weakest areas -----------------------------------------------------------------------------


def make_story(sid: str, *competencies: str) -> Story:
    return story(sid, competencies=list(competencies))


def test_uncovered_competencies_are_weakest() -> None:
    stories = [make_story("a", *COMPETENCIES[:-1])]
    assert weakest_competencies(stories, limit=1) == [COMPETENCIES[-1]]


def test_low_practice_ratings_make_a_competency_weak() -> None:
    stories = [make_story("a", *COMPETENCIES)]
    history = [
        {"question_id": "m1", "rating": 1},
        {"question_id": "c1", "rating": 5},
        {"competencies": ["prioritization"], "rating": 2},
        {"question_id": "unknown", "rating": 1},
        {"question_id": "b1", "rating": "bad"},
    ]
    weakest = weakest_competencies(stories, history, POOL, limit=2)
    assert weakest == ["metric-frameworks", "prioritization"]


def test_low_lint_scores_make_a_competency_weak() -> None:
    stories = [make_story("good", *COMPETENCIES[1:]), make_story("weak", COMPETENCIES[0])]
    weakest = weakest_competencies(stories, story_scores={"good": 90, "weak": 40}, limit=1)
    assert weakest == [COMPETENCIES[0]]


@pytest.mark.parametrize("limit", [1, 3, 8])
def test_weakest_respects_limit(limit: int) -> None:
    assert len(weakest_competencies([make_story("a", "x-custom")], limit=limit)) == limit


def test_focus_unknown_to_the_bank_falls_back_to_the_core_areas() -> None:
    company = Company("acme", "Acme", focus=["pricing-operations"])
    assert likely_questions(POOL, company, n=4) == likely_questions(POOL, None, n=4)
    assert any("launch-operations" in x.competencies for x in likely_questions(POOL, company, 4))
