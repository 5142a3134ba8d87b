"""Issue 14: Coverage says only what its tables show, and agrees with Ask on every story.

Coverage once said "No gaps: every core area has two stories" beside columns holding one
story, "no gaps" on an empty bank, and marked stories as able to serve failure questions
that Ask called "not a story of a failure"."""

from __future__ import annotations

from pathlib import Path

import pytest

from factories import complete_story
from storybank.advisor import advise
from storybank.method.kinds import BY_NAME as KIND_RECORDS
from storybank.model import Story
from storybank.quality.coverage import coverage, gap_summary, render_coverage_text
from storybank.resources import sample_bank
from storybank.vocab import COMPETENCIES, CORE_COMPETENCIES, KINDS, ROUNDS
from storybank.yamlio import load_bank_file

ROOT = Path(__file__).resolve().parents[2]
BENCH_BANKS = sorted(
    p for p in (ROOT / "bench" / "banks").glob("*.yaml") if not p.name.endswith(".labels.yaml")
)

QUESTIONS = {
    "behavioral": "Tell me about a project you led from start to finish.",
    "tradeoff": "Tell me about a hard tradeoff you made.",
    "metrics": "How did you measure the impact of your work?",
    "failure": "Tell me about a time you failed.",
    "conflict": "Tell me about a disagreement with a stakeholder.",
    "case": "How would you design a launch process for a new product?",
    "motivation": "Why do you want to work in product operations?",
}
"""One question of each kind, as Ask reads it (checked below, so the test cannot drift)."""


def banks() -> list[tuple[str, list[Story]]]:
    found = [("sample", sample_bank().stories)]
    found += [(path.name, load_bank_file(path).stories) for path in BENCH_BANKS]
    return found


def test_every_kind_has_a_question() -> None:
    assert set(QUESTIONS) == set(KINDS)
    assert BENCH_BANKS, "bench/banks holds the evaluation banks"


@pytest.mark.parametrize(
    ("name", "stories"), banks(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_coverage_and_ask_agree_on_every_story_and_kind(name: str, stories: list[Story]) -> None:
    report = coverage(stories)
    for kind, question in QUESTIONS.items():
        advice = advise(question, stories, top=len(stories))
        assert advice.kind == kind, (question, advice.kind)
        assert len(advice.suggestions) == len(stories)
        record = KIND_RECORDS[kind]
        for suggestion in advice.suggestions:
            says = next(line for line in suggestion.why if line.startswith(f"{kind} question: "))
            serves = report.kind_matrix[suggestion.id][kind]
            expected = record.serves if serves else record.lacks
            assert says == f"{kind} question: {expected}", (name, suggestion.id, kind, says)


def one_story_each() -> list[Story]:
    """Every core area shown by exactly one story: thin, never 'two stories each'."""
    return [
        complete_story("a", "Metric story", competencies=["metric-frameworks"]),
        complete_story("b", "Launch story", competencies=["launch-operations"]),
        complete_story("c", "Cross-team story", competencies=["cross-functional-execution"]),
    ]


def test_the_gap_lines_never_claim_more_than_the_tables_show() -> None:
    thin = coverage(one_story_each())
    assert "two stories" not in render_coverage_text(thin, width=100)
    gaps = sum(1 for gap in thin.gaps if gap.severity == "gap")
    assert gaps >= 3 and gap_summary(thin).startswith(f"{gaps} gaps to fix")
    # the sample bank: no gap, one note (one failure story): the text says exactly that
    sample = coverage(sample_bank().stories)
    text = render_coverage_text(sample, width=100)
    assert [g.code for g in sample.gaps] == ["kind-thin"]
    assert gap_summary(sample) == "no gap to fix; 1 note"
    assert "No gap to fix: each core area has at least 2 stories" in text
    assert "No gaps:" not in text
    counts = sample.competency_counts()
    assert all(counts[c] >= 2 for c in CORE_COMPETENCIES)


def test_no_gaps_is_said_only_when_every_count_backs_it() -> None:
    stories = [
        complete_story(
            f"s{n}",
            f"Story {n}",
            competencies=list(COMPETENCIES),
            rounds={r: "stress the numbers" for r in ROUNDS},
            after="It went wrong at first; I learned to pilot first.",
            constraint="Sales disagreed and pushed back on the date.",
        )
        for n in range(2)
    ]
    report = coverage(stories)
    assert report.gaps == []
    text = render_coverage_text(report, width=100)
    assert gap_summary(report) == "no gaps and no notes"
    assert "No gaps: each core area" in text
    assert all(n >= 2 for n in report.kind_counts().values())
    assert all(n >= 1 for n in report.round_counts().values())


def test_an_empty_bank_is_never_called_gap_free() -> None:
    report = coverage([])
    assert gap_summary(report) == "no stories: every area is a gap"
    assert "no gaps" not in render_coverage_text(report).lower()
