"""Vocabulary aliases normalise to one canonical value; unknown values are refused."""

from __future__ import annotations

import pytest

from storybank import vocab


@pytest.mark.parametrize(
    ("field", "typed", "canonical"),
    [
        ("stage", "Series A", "startup"),
        ("stage", "scale-up", "scaleup"),
        ("stage", "Scaleup", "scaleup"),
        ("stage", "public", "enterprise"),
        ("stage", "Late Stage", "late-stage"),
        ("customer", "B2C", "b2c"),
        ("customer", "consumer", "b2c"),
        ("customer", "SMB", "b2b-smb"),
        ("customer", "B2B enterprise", "b2b-enterprise"),
        ("customer", "developers", "developer"),
        ("org", "centralised", "centralized"),
        ("org", "Hub and spoke", "hub-and-spoke"),
        ("org", "hub & spoke", "hub-and-spoke"),
        ("org", "matrixed", "matrix"),
    ],
)
def test_aliases_normalise(field: str, typed: str, canonical: str) -> None:
    assert vocab.normalise_environment(field, typed) == canonical


@pytest.mark.parametrize(
    ("field", "typed"),
    [("stage", "medium"), ("customer", "b2g"), ("org", "flat"), ("stage", "")],
)
def test_unknown_values_are_refused(field: str, typed: str) -> None:
    assert vocab.normalise_environment(field, typed) is None


def test_every_canonical_value_maps_to_itself() -> None:
    for field, allowed in vocab.ENVIRONMENT_FIELDS.items():
        for value in allowed:
            assert vocab.normalise_environment(field, value) == value
    for alias_table in vocab.ALIASES.values():
        for target in alias_table.values():
            assert target in vocab.STAGES + vocab.CUSTOMERS + vocab.ORGS


def test_competency_aliases_and_custom_names() -> None:
    assert vocab.normalise_competency("Cross functional") == "cross-functional-execution"
    assert vocab.normalise_competency("Prioritisation") == "prioritization"
    assert vocab.normalise_competency("Pricing Strategy") == "pricing-strategy"
    assert vocab.is_custom_competency("pricing-strategy")
    assert not vocab.is_custom_competency("launch-operations")


@pytest.mark.parametrize("good", ["a", "launch-1", "0-day"])
def test_slugs_accepted(good: str) -> None:
    assert vocab.is_slug(good)


@pytest.mark.parametrize("bad", ["", "-a", "A", "a_b", "a b", "é"])
def test_slugs_refused(bad: str) -> None:
    assert not vocab.is_slug(bad)


@pytest.mark.parametrize("typed", ["b2b", "B2B", " b2b "])
def test_plain_b2b_is_ambiguous_not_enterprise(typed: str) -> None:
    assert vocab.normalise_environment("customer", typed) is None
    choices = vocab.ambiguous_environment("customer", typed)
    assert choices is not None and "b2b-enterprise (" in choices and " or b2b-smb (" in choices
    assert vocab.ambiguous_environment("customer", "b2b-smb") is None
    assert vocab.ambiguous_environment("stage", typed) is None
