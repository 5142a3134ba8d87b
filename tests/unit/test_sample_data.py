"""The packaged sample bank: loads through the real importer, covers the method, lints well."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from itertools import combinations

import pytest

from storybank.model import Bank, metric_change
from storybank.quality.lint import lint_bank
from storybank.resources import sample_file
from storybank.vocab import COMPETENCIES, CORE_COMPETENCIES, KINDS, ROUNDS
from storybank.yamlio import load_bank_file


@pytest.fixture(scope="module")
def stories_bank() -> Bank:
    return load_bank_file(sample_file("stories.yaml"))


@pytest.fixture(scope="module")
def companies_bank() -> Bank:
    return load_bank_file(sample_file("companies.yaml"))


@pytest.fixture(scope="module")
def questions_bank() -> Bank:
    return load_bank_file(sample_file("questions.yaml"))


def test_each_sample_file_holds_only_its_own_records(
    stories_bank: Bank, companies_bank: Bank, questions_bank: Bank
) -> None:
    assert (len(stories_bank.stories), stories_bank.companies, stories_bank.questions) == (
        6,
        [],
        [],
    )
    assert (companies_bank.stories, len(companies_bank.companies)) == ([], 3)
    assert questions_bank.stories == [] and len(questions_bank.questions) >= 150


# --- stories ----------------------------------------------------------------------------------


def test_story_ids_are_unique_short_slugs(stories_bank: Bank) -> None:
    ids = [s.id for s in stories_bank.stories]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"[a-z][a-z-]{3,29}", i) for i in ids), ids


def test_core_areas_are_covered_twice_and_every_competency_once(stories_bank: Bank) -> None:
    counts = Counter(c for s in stories_bank.stories for c in s.competencies)
    assert all(counts[c] >= 2 for c in CORE_COMPETENCIES), counts
    assert all(counts[c] >= 1 for c in COMPETENCIES), counts
    assert set(counts) <= set(COMPETENCIES)


def test_stories_span_different_environments(stories_bank: Bank) -> None:
    envs = [s.environment for s in stories_bank.stories]
    assert all(e.stage and e.customer and e.org for e in envs)
    assert len({e.stage for e in envs}) >= 4
    assert len({e.customer for e in envs}) >= 5
    assert {e.org for e in envs} == {"centralized", "embedded", "hub-and-spoke", "matrix"}


def test_every_story_is_quantified_with_a_tradeoff_and_round_notes(stories_bank: Bank) -> None:
    for story in stories_bank.stories:
        assert 1 <= len(story.metrics) <= 3, story.id
        for metric in story.metrics:
            assert metric_change(metric) is not None, (story.id, metric.name)
        assert story.tradeoffs and all(t.chose and t.over and t.because for t in story.tradeoffs)
        assert all((story.rounds.get(r) or "").strip() for r in ROUNDS), story.id
        assert re.search(r"\bI\b", story.decision) and re.search(r"\bI\b", story.execution)


def test_every_story_is_told_in_90_to_150_seconds(stories_bank: Bank) -> None:
    for report in lint_bank(stories_bank.stories).stories:
        assert 90 <= report.seconds <= 150, (report.story_id, report.seconds)


def test_sample_bank_lints_clean_and_scores_well(stories_bank: Bank) -> None:
    report = lint_bank(stories_bank.stories)
    problems = [(r.story_id, f.rule, f.message) for r in report.stories for f in r.findings]
    assert problems == []
    assert report.score >= 90
    assert report.verdict == "ready"


def test_the_bank_has_a_failure_a_conflict_and_a_prioritisation_story(stories_bank: Bank) -> None:
    by_id = {s.id: s for s in stories_bank.stories}
    failure = by_id["annual-plan-rollback"]
    assert "launch-operations" in failure.competencies
    assert "lesson" in failure.after.lower() and "roll" in failure.execution.lower()
    conflict = by_id["marketplace-activation"]
    assert (
        "pushed back" in conflict.constraint and "stakeholder-management" in conflict.competencies
    )
    squeeze = by_id["request-intake-freeze"]
    assert "prioritization" in squeeze.competencies and "freeze" in squeeze.constraint


def _content_words(text: str) -> set[str]:
    stop = {
        "the", "and", "a", "an", "of", "to", "in", "on", "for", "with", "was", "were", "i",
        "my", "it", "that", "this", "each", "every", "so", "at", "by", "from", "as", "we",
        "our", "their", "they", "them", "one", "two", "three", "had", "have", "not", "no",
        "or", "but", "into", "after", "before", "per", "than", "then", "now", "which", "who",
        "what", "when", "its", "be", "is", "are", "would", "could", "over", "instead", "team",
        "teams", "percent", "week", "weeks", "time",
    }  # fmt: skip
    return {w for w in re.findall(r"[a-z][a-z-]+", text.lower()) if w not in stop}


def test_stories_use_distinct_vocabulary(stories_bank: Bank) -> None:
    """The advisor ranks stories against pasted questions: they must not blur together."""
    vocab = {
        s.id: _content_words(" ".join([s.title, s.summary, *s.beats().values()]))
        for s in stories_bank.stories
    }
    for a, b in combinations(vocab, 2):
        overlap = len(vocab[a] & vocab[b]) / len(vocab[a] | vocab[b])
        assert overlap < 0.2, (a, b, round(overlap, 3))


# --- companies --------------------------------------------------------------------------------


def test_companies_contrast_and_are_complete(companies_bank: Bank) -> None:
    companies = companies_bank.companies
    for field in ("stage", "customer", "org"):
        values = [getattr(c, field) for c in companies]
        assert None not in values and len(set(values)) == 3, field
    for company in companies:
        assert company.focus and set(company.focus) <= set(COMPETENCIES)
        assert len(company.notes.split()) >= 20
        assert company.interview_date
        dt.date.fromisoformat(company.interview_date)


# --- questions --------------------------------------------------------------------------------


def test_question_ids_and_texts_are_unique(questions_bank: Bank) -> None:
    ids = [q.id for q in questions_bank.questions]
    assert all(re.fullmatch(r"q-\d{3}", i) for i in ids)
    assert len(set(ids)) == len(ids)
    texts = [q.text.lower().strip() for q in questions_bank.questions]
    assert len(set(texts)) == len(texts)
    assert all(t.endswith(("?", ".")) for t in texts)


def test_every_kind_is_represented(questions_bank: Bank) -> None:
    kinds = Counter(q.kind for q in questions_bank.questions)
    assert set(kinds) == set(KINDS)
    assert 8 <= kinds["motivation"] <= 15
    assert all(kinds[k] >= 15 for k in KINDS if k != "motivation"), kinds


def test_competencies_are_well_represented_core_most(questions_bank: Bank) -> None:
    counts = Counter(c for q in questions_bank.questions for c in q.competencies)
    assert set(counts) == set(COMPETENCIES)
    assert all(q.competencies for q in questions_bank.questions)
    assert min(counts.values()) >= 15, counts
    others = [counts[c] for c in COMPETENCIES if c not in CORE_COMPETENCIES]
    assert min(counts[c] for c in CORE_COMPETENCIES) >= max(others), counts


def test_questions_are_phrased_variously(questions_bank: Bank) -> None:
    openings = Counter(" ".join(q.text.split()[:3]).lower() for q in questions_bank.questions)
    total = len(questions_bank.questions)
    assert openings["tell me about"] < total * 0.25, openings.most_common(3)
    assert len(openings) > total * 0.4
