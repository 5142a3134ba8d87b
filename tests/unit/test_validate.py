"""Validation of plain data: every problem found, clear messages, aliases normalised."""

from __future__ import annotations

from typing import Any

import pytest

from factories import story_data
from storybank.errors import InputError
from storybank.model import Metric
from storybank.validate import (
    MAX_TEXT_CHARS,
    validate_bank_data,
    validate_company_data,
    validate_question_data,
    validate_story_data,
)
from storybank.yamlio import load_bank_text


def messages(data: dict[str, Any]) -> list[str]:
    result, problems = validate_story_data(data)
    assert (result is None) == bool(problems)
    return [p.message for p in problems]


def test_a_minimal_story_is_valid_and_optional_fields_default() -> None:
    result, problems = validate_story_data(story_data())
    assert problems == []
    assert result is not None
    assert result.id == "pricing-page" and result.constraint == "" and result.metrics == []


def test_every_problem_is_reported_not_just_the_first() -> None:
    found = messages(story_data(id="Bad Id", title=..., decision="  ", competencies=[]))
    assert len(found) == 4
    assert any("id 'Bad Id' is not valid" in m and "'bad-id'" in m for m in found)
    assert any("missing required key 'title'" in m for m in found)
    assert any("decision beat" in m and "empty" in m for m in found)
    assert any("at least one competency" in m for m in found)


@pytest.mark.parametrize("key", ["id", "title", "competencies", "context", "decision", "result"])
def test_required_keys(key: str) -> None:
    found = messages(story_data(**{key: ...}))
    assert len(found) == 1
    assert key in found[0]


def test_problem_paths_point_at_the_field() -> None:
    _, problems = validate_story_data(
        story_data(metrics=[{"name": "Churn", "before": "high", "after": 2}])
    )
    assert [p.path for p in problems] == [("metrics", 0, "before")]
    assert (
        problems[0].message
        == "'before' of metric #1 in story 'pricing-page' must be a number, not text 'high'"
    )


def test_unknown_keys_suggest_the_nearest_real_one() -> None:
    found = messages(story_data(tradeof=[]))
    assert found == ["unknown key 'tradeof' in story 'pricing-page' (did you mean 'tradeoffs'?)"]
    found = messages(story_data(metrics=[{"name": "n", "befor": 1}]))
    assert found == [
        "unknown key 'befor' in metric #1 in story 'pricing-page' (did you mean 'before'?)"
    ]


@pytest.mark.parametrize(
    ("field", "alias", "canonical"),
    [
        ("customer", "B2C", "b2c"),
        ("customer", "consumer", "b2c"),
        ("stage", "Series A", "startup"),
        ("stage", "public", "enterprise"),
        ("org", "centralised", "centralized"),
        ("org", "Hub and Spoke", "hub-and-spoke"),
    ],
)
def test_environment_aliases_are_normalised(field: str, alias: str, canonical: str) -> None:
    result, problems = validate_story_data(story_data(environment={field: alias}))
    assert problems == []
    assert getattr(result.environment, field) == canonical


def test_unknown_environment_values_list_the_allowed_ones() -> None:
    found = messages(story_data(environment={"stage": "growht", "customer": "aliens"}))
    assert found[0] == (
        "unknown stage 'growht' in story 'pricing-page': allowed values are startup, scaleup, "
        "growth, late-stage, enterprise (did you mean 'growth'?)"
    )
    assert "b2b-enterprise, b2b-smb, b2c, developer, marketplace, internal" in found[1]


def test_competencies_normalise_aliases_keep_custom_slugs_and_refuse_junk() -> None:
    result, _ = validate_story_data(
        story_data(competencies=["Metrics", "xfn", "vendor-management", "metrics"])
    )
    assert result.competencies == [
        "metric-frameworks",
        "cross-functional-execution",
        "vendor-management",
    ]
    found = messages(story_data(competencies=["metric-frameworks", "!!!"]))
    assert len(found) == 1 and "competency #2" in found[0] and "'!!!'" in found[0]


def test_types_are_checked_everywhere() -> None:
    found = messages(
        story_data(
            title=12,
            context=["a"],
            competencies="metric-frameworks",
            metrics=[{"name": "x", "before": True}, "loose"],
            tradeoffs={"chose": "x"},
            environment="startup",
            rounds=["case"],
            tags=["ok", 3],
        )
    )
    expected = [
        "the title of story 'pricing-page' must be text, not the number 12",
        "'competencies' in story 'pricing-page' must be a list (e.g. [metric-frameworks]), not text 'metric-frameworks'",  # noqa: E501
        "the context beat of story 'pricing-page' must be text, not a list",
        "'before' of metric #1 in story 'pricing-page' must be a number, not true/false",
        "metric #2 in story 'pricing-page' must be a mapping of keys, not text 'loose'",
        "'tradeoffs' in story 'pricing-page' must be a list (e.g. [{chose: ..., over: ..., because: ...}]), not a mapping",  # noqa: E501
        "'environment' in story 'pricing-page' must be a mapping of keys, not text 'startup'",
        "'rounds' in story 'pricing-page' must be a mapping of keys, not a list",
        "tag #2 in story 'pricing-page' must be text, not the number 3",
    ]  # fmt: skip
    assert found == expected


def test_numbers_int_float_and_numeric_text_from_a_form() -> None:
    result, problems = validate_story_data(
        story_data(
            metrics=[
                {"name": "a", "before": 10, "after": 2.5},
                {"name": "b", "before": "4", "after": " -1.5e2 "},
            ]
        )
    )
    assert problems == []
    assert result.metrics == [Metric("a", 10, 2.5), Metric("b", 4, -150.0)]
    result, problems = validate_story_data(
        story_data(metrics=[{"name": "a", "before": "", "after": " "}])
    )
    assert problems == [] and result.metrics == [Metric("a")]
    found = messages(story_data(metrics=[{"name": "a", "before": "10 h"}]))
    assert found == [
        "'before' of metric #1 in story 'pricing-page' must be a number, not text '10 h' "
        "(write the unit in 'unit', e.g. before: 10, unit: h)"
    ]
    found = messages(story_data(metrics=[{"name": "a", "before": float("nan")}]))
    assert found == [
        "'before' of metric #1 in story 'pricing-page' must be a finite number, not nan"
    ]


def test_rounds_accept_only_the_three_rounds() -> None:
    result, problems = validate_story_data(
        story_data(rounds={"behavioural": "lead with it", "case": "x"})
    )
    assert problems == [] and result.rounds == {"behavioral": "lead with it", "case": "x"}
    found = messages(story_data(rounds={"pannel": "x", "onsite": "y"}))
    assert "unknown round 'pannel'" in found[0] and "did you mean 'panel'" in found[0]
    assert "unknown round 'onsite'" in found[1]


@pytest.mark.parametrize(
    ("char", "name"),
    [("\x1b", "ESC (U+001B)"), ("\x07", "BEL (U+0007)"), ("\x00", "NUL (U+0000)"),
     ("\r", "CARRIAGE RETURN (U+000D)"), ("\x9b", "CSI (U+009B)"), ("\x7f", "DEL (U+007F)")],
)  # fmt: skip
def test_control_characters_are_refused_and_named(char: str, name: str) -> None:
    found = messages(story_data(context=f"ok{char}[31m"))
    assert len(found) == 1
    assert f"control character {name} at character 3" in found[0]


def test_tab_newline_and_unicode_are_fine() -> None:
    text = "Line\twith tab\nnext line: café 日本 🙂 \u202e kept"
    result, problems = validate_story_data(story_data(context=text))
    assert problems == [] and result.context == text


def test_text_size_limit() -> None:
    found = messages(story_data(context="x" * (MAX_TEXT_CHARS + 1)))
    assert found == [
        f"the context beat of story 'pricing-page' is too long ({MAX_TEXT_CHARS + 1:,} characters; "
        f"the limit is {MAX_TEXT_CHARS:,})"
    ]


def test_company_validation() -> None:
    company, problems = validate_company_data(
        {"id": "acme", "name": "Acme", "stage": "Series C", "customer": "SMB", "org": "matrixed",
         "focus": ["launches"], "notes": "n", "interview_date": "2025-06-02"}
    )  # fmt: skip
    assert problems == []
    assert (company.stage, company.customer, company.org) == ("scaleup", "b2b-smb", "matrix")
    assert company.focus == ["launch-operations"] and company.interview_date == "2025-06-02"
    _, problems = validate_company_data(
        {"id": "acme", "name": "", "interview_date": "next tuesday", "size": 3}
    )
    found = [p.message for p in problems]
    assert found == [
        "unknown key 'size' in company 'acme'",
        "the name of company 'acme' is empty; it is required",
        "'interview_date' of company 'acme' must be a real date written YYYY-MM-DD (e.g. 2025-03-14), not 'next tuesday'",  # noqa: E501
    ]  # fmt: skip


def test_question_validation() -> None:
    question, problems = validate_question_data(
        {"id": "q1", "text": "Why us?", "kind": "Motivation", "competencies": []}
    )
    assert problems == [] and question.kind == "motivation"
    _, problems = validate_question_data({"id": "q1", "text": "Why us?", "kind": "tradeof"})
    assert problems[0].message.endswith("(did you mean 'tradeoff'?)")


def test_bank_level_checks() -> None:
    _, problems = validate_bank_data(
        {"version": 1, "stories": [story_data(), story_data(title="Another")], "storys": []}
    )
    found = [p.message for p in problems]
    assert "unknown key 'storys' in the file (top level) (did you mean 'stories'?)" in found
    assert "duplicate story id 'pricing-page': story #1 has it too" in found
    _, problems = validate_bank_data({"version": 3})
    assert "format version 3" in problems[0].message
    _, problems = validate_bank_data({"version": "one"})
    assert problems[0].message == "'version' must be the number 1, not text 'one'"


def test_version_may_be_left_out_but_not_misspelt() -> None:
    bank, problems = validate_bank_data({"stories": [story_data()]})
    assert problems == [] and bank is not None and len(bank.stories) == 1
    _, problems = validate_bank_data({"version": True})
    assert problems[0].message == "'version' must be the number 1, not true/false"


def test_messages_from_a_form_match_messages_from_a_file() -> None:
    """The editor shows the same words as import, only without the position."""
    text = (
        "version: 1\nstories:\n  - id: pricing-page\n    title: T\n    competencies: [metrics]\n"
        "    context: c\n    decision: d\n    result: r\n    tradeof: []\n"
    )
    with pytest.raises(InputError) as caught:
        load_bank_text(text, "bank.yaml")
    _, problems = validate_story_data(story_data(title="T", tradeof=[]))
    assert caught.value.problems[0].message == problems[0].message
    assert str(caught.value) == f"bank.yaml:9:5: {problems[0].message}"
