"""Builders for the records tests need, in one place: a schema change is one edit here.

`story` is the smallest valid story (the three required beats); `complete_story` has all
six beats, a metric, a tradeoff and an environment, so the linter and coverage call it
interview-ready. Both take any field as a keyword to override or add. Tests that need
particular wording (the advisor's, the linter's) pass it; the rest take the defaults.
"""

from __future__ import annotations

from typing import Any

from storybank.model import Bank, Company, Environment, Metric, Question, Story, Tradeoff


def story(story_id: str = "s1", title: str | None = None, **fields: Any) -> Story:
    """A minimal valid story with id `story_id` (title `Story <id>` unless given)."""
    values: dict[str, Any] = {
        "competencies": ["launch-operations"],
        "context": "context",
        "decision": "decision",
        "result": "result",
    }
    values.update(fields)
    return Story(id=story_id, title=title or f"Story {story_id}", **values)


def complete_story(story_id: str = "s1", title: str | None = None, **fields: Any) -> Story:
    """A complete, interview-ready story: six beats, a metric, a tradeoff, an environment."""
    title = title or f"Story {story_id}"
    values: dict[str, Any] = {
        "summary": f"Summary of {title}.",
        "competencies": ["launch-operations"],
        "context": "A scale-up with launches slipping every quarter.",
        "constraint": "No extra headcount and a fixed launch date.",
        "decision": "I chose a single launch calendar over per-team trackers.",
        "execution": "Built the calendar, ran weekly go/no-go reviews for a quarter.",
        "result": "On-time launches went from 40% to 85%.",
        "after": "Every launch now starts with a readiness checklist.",
        "metrics": [Metric("On-time launches", 40, 85, "%")],
        "tradeoffs": [Tradeoff("one calendar", "team trackers", "one view beats many")],
        "environment": Environment(stage="scaleup", customer="b2b-smb", org="centralized"),
    }
    values.update(fields)
    return Story(id=story_id, title=title, **values)


def full_story() -> Story:
    """A story with every field set (two metrics, one without a unit), for round trips."""
    return Story(
        id="s1",
        title="Title",
        summary="Sum",
        competencies=["launch-operations", "pricing"],
        context="c",
        constraint="k",
        decision="d",
        execution="e",
        result="r",
        after="a",
        metrics=[Metric("Time", 10, 4, "h"), Metric("Rate", 0.5, None)],
        tradeoffs=[Tradeoff("x", "y", "z")],
        environment=Environment("startup", "b2c", None),
        rounds={"panel": "p", "behavioral": "b"},
        tags=["t"],
        themes=["failure", "saying-no"],
    )


def company(company_id: str = "acme", name: str | None = None, **fields: Any) -> Company:
    """A target company (name `Acme` for id `acme` unless given)."""
    return Company(id=company_id, name=name or company_id.replace("-", " ").title(), **fields)


def question(
    question_id: str = "q1", text: str = "Tell me about a launch.", **fields: Any
) -> Question:
    return Question(id=question_id, text=text, **fields)


def bank(
    *stories: Story, companies: tuple[Company, ...] = (), questions: tuple[Question, ...] = ()
) -> Bank:
    """A bank of the given records, in order."""
    return Bank(stories=list(stories), companies=list(companies), questions=list(questions))


def story_data(**changes: Any) -> dict[str, Any]:
    """A story as the YAML file holds it (a mapping); a value of `...` drops that key."""
    data: dict[str, Any] = {
        "id": "pricing-page",
        "title": "Fixing the pricing page funnel",
        "competencies": ["metric-frameworks"],
        "context": "c",
        "decision": "d",
        "result": "r",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not ...}
