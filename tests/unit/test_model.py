"""Records round-trip through their dict form and state metrics the way they are said."""

from __future__ import annotations

import subprocess
import sys

import pytest

from factories import full_story
from storybank.errors import Problem
from storybank.model import (
    Bank,
    Company,
    Metric,
    Question,
    Story,
    format_metric,
    metric_change,
)
from storybank.vocab import BEATS


def test_story_dict_round_trip_and_key_order() -> None:
    story = full_story()
    data = story.to_dict()
    assert list(data)[:4] == ["id", "title", "summary", "competencies"]
    assert list(data)[4:10] == list(BEATS)
    assert list(data)[10:] == ["metrics", "tradeoffs", "environment", "rounds", "tags", "themes"]
    assert list(data["rounds"]) == ["behavioral", "panel"]
    assert data["environment"] == {"stage": "startup", "customer": "b2c"}
    assert Story.from_dict(data) == story


def test_minimal_story_omits_empty_optional_fields() -> None:
    data = Story(id="a", title="T", competencies=["x"]).to_dict()
    assert "metrics" not in data and "environment" not in data and "tags" not in data
    assert "themes" not in data  # not said: inferred, and not written
    assert all(data[beat] == "" for beat in BEATS)


def test_bank_round_trip_and_custom_competencies() -> None:
    bank = Bank(
        stories=[full_story()],
        companies=[Company("acme", "Acme", stage="enterprise", focus=["pricing", "x-ops"])],
        questions=[Question("q1", "Why ops?", "motivation", [])],
    )
    data = bank.to_dict()
    assert data["version"] == 1
    assert Bank.from_dict(data) == bank
    assert bank.custom_competencies() == ["pricing", "x-ops"]
    assert bank.story("s1") is bank.stories[0]
    assert bank.company("nope") is None


def test_format_metric_states_change() -> None:
    assert format_metric(Metric("Escalation time", 10, 4, "h")) == "10 -> 4 h (-60%)"
    assert format_metric(Metric("Tickets", 120, 35, "tickets")) == "120 -> 35 tickets (-71%)"
    # a percentage moves in points, never by a relative change of a percentage
    assert format_metric(Metric("Activation", 20, 30, "%")) == "20% -> 30% (+10 pts)"
    assert format_metric(Metric("Activation", 18, 85, "%")) == "18% -> 85% (+67 pts)"
    assert format_metric(Metric("Churn", 10, 9, "%")) == "10% -> 9% (-1 pt)"
    assert format_metric(Metric("Share", 40, 45, "pp")) == "40 -> 45 pp (+5 pts)"
    assert format_metric(Metric("Failed", 3.1, 0, "%")) == "3.1% -> 0% (-3.1 pts)"
    assert format_metric(Metric("Share", 10, 11.04, "%")) == "10% -> 11.04% (+1 pt)"  # as shown
    assert format_metric(Metric("Failed", 2.5, 21.25, "%")) == "2.5% -> 21.25% (+19 pts)"
    assert format_metric(Metric("Spend", 40000, 25000, "$")) == "$40,000 -> $25,000 (-38%)"
    assert format_metric(Metric("Tickets", 12000, 9000)) == "12,000 -> 9,000 (-25%)"
    assert format_metric(Metric("x", 0, 5)) == "0 -> 5"
    assert format_metric(Metric("x", None, 5, "d"), with_name=True) == "x: ? -> 5 d"
    assert metric_change(Metric("x", 3.0, 3.0)) == 0.0
    assert metric_change(Metric("x", 200, 201)) == 0.5
    assert format_metric(Metric("x", 200, 201)) == "200 -> 201 (+0.5%)"


def test_records_compare_copy_and_refuse_unknown_fields() -> None:
    story = full_story()
    copy = story.replace(title="Other")
    assert copy.title == "Other" and copy.id == story.id and copy != story
    assert story.replace() == story and story.replace() is not story
    with pytest.raises(TypeError):
        story.replace(nope=1)
    with pytest.raises(TypeError):
        hash(story)  # mutable records are not hashable, as slotted dataclasses were not
    assert Story("a", "T").competencies is not Story("b", "T").competencies
    assert "Story(id='s1', title='Title'" in repr(story)


def test_problem_is_immutable_and_hashable() -> None:
    problem = Problem("bad", 3, 4, ["stories", 0])
    assert problem.path == ("stories", 0)
    assert problem == Problem("bad", 3, 4, ("stories", 0))
    assert len({problem, Problem("bad", 3, 4, ("stories", 0))}) == 1
    with pytest.raises(AttributeError):
        problem.line = 5  # type: ignore[misc]


def test_the_ask_path_does_not_import_dataclasses() -> None:
    """`dataclasses` (with `inspect`) would cost more than the rest of `ask`'s start-up."""
    code = (
        "import sys, storybank.cli, storybank.cli.ask_cmd, storybank.store, storybank.advisor;"
        "print('dataclasses' in sys.modules, 'inspect' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.split() == ["False", "False"], done.stderr
