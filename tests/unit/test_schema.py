"""The schema is declared once (storybank.schema): each record class, the validator and the
key lists are held to it, so a field added in one place and not the others fails here."""

from __future__ import annotations

from typing import Any

import pytest
from tests.factories import full_story

from storybank import recordcheck, schema, vocab
from storybank.model import (
    Company,
    Environment,
    Metric,
    Pick,
    Pitch,
    Question,
    Story,
    Tradeoff,
)
from storybank.validate import validate_company_data, validate_question_data, validate_story_data

RECORDS: list[tuple[type, tuple[schema.Field, ...]]] = [
    (Story, schema.STORY),
    (Metric, schema.METRIC),
    (Tradeoff, schema.TRADEOFF),
    (Environment, schema.ENVIRONMENT),
    (Company, schema.COMPANY),
    (Question, schema.QUESTION),
    (Pick, schema.PICK),
    (Pitch, schema.PITCH),
]


@pytest.mark.parametrize(("cls", "fields"), RECORDS, ids=lambda v: getattr(v, "__name__", ""))
def test_each_record_class_has_exactly_the_declared_fields_in_order(
    cls: type, fields: tuple[schema.Field, ...]
) -> None:
    assert tuple(cls.__slots__) == schema.keys(fields)


def test_the_key_lists_come_from_the_schema() -> None:
    assert vocab.STORY_KEYS == recordcheck.STORY_KEYS == schema.keys(schema.STORY)
    assert schema.keys(schema.COMPANY) == recordcheck.COMPANY_KEYS
    assert schema.keys(schema.METRIC) == recordcheck.METRIC_KEYS
    assert schema.keys(schema.TRADEOFF) == recordcheck.TRADEOFF_KEYS
    assert schema.keys(schema.ENVIRONMENT) == recordcheck.ENVIRONMENT_KEYS
    assert schema.keys(schema.QUESTION) == recordcheck.QUESTION_KEYS
    assert vocab.BEATS == schema.BEATS
    assert set(vocab.REQUIRED_BEATS) == {"context", "decision", "result"}
    assert vocab.BEAT_LABELS["after"] == "What changed after"


def test_a_full_story_is_written_in_schema_order() -> None:
    data = full_story().to_dict()
    order = schema.keys(schema.STORY)
    assert list(data) == [key for key in order if key in data]
    assert set(data) == set(order)


def _story_data() -> dict[str, Any]:
    return full_story().to_dict()


def _company_data() -> dict[str, Any]:
    return {"id": "acme", "name": "Acme", "stage": "scaleup", "interview_date": "2027-01-12"}


def _question_data() -> dict[str, Any]:
    return {"id": "q-1", "text": "Tell me about a launch.", "kind": "behavioral"}


def problems(check: Any, data: dict[str, Any]) -> str:
    """Every problem the validator found, as one text ('' when the data is valid)."""
    record, found = check(data)
    assert (record is None) == bool(found)
    return " | ".join(problem.message for problem in found)


VALIDATORS = [
    (schema.STORY, _story_data, validate_story_data),
    (schema.COMPANY, _company_data, validate_company_data),
    (schema.QUESTION, _question_data, validate_question_data),
]


@pytest.mark.parametrize(("fields", "make", "check"), VALIDATORS)
def test_every_required_field_is_refused_when_missing_and_no_other(
    fields: tuple[schema.Field, ...], make: Any, check: Any
) -> None:
    assert problems(check, make()) == ""  # the whole record is valid
    for field in fields:
        data = make()
        data.pop(field.name, None)
        if field.required:
            assert field.name in problems(check, data), field.name
        else:
            assert problems(check, data) == "", field.name  # optional: may be left out


@pytest.mark.parametrize(("fields", "make", "check"), VALIDATORS)
def test_a_key_outside_the_schema_is_refused_by_name(
    fields: tuple[schema.Field, ...], make: Any, check: Any
) -> None:
    data = make()
    data["colour"] = "blue"
    assert "colour" in problems(check, data)


def test_nested_required_fields_come_from_the_schema() -> None:
    for key, fields in (("metrics", schema.METRIC), ("tradeoffs", schema.TRADEOFF)):
        for field in fields:
            data = _story_data()
            item = dict(data[key][0])
            item.pop(field.name, None)
            data[key] = [item]
            found = problems(validate_story_data, data)
            assert (field.name in found) if field.required else found == "", field.name
