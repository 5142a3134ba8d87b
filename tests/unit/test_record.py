"""The record base: a field may not hide a method, copies work, frozen records stay frozen."""

from __future__ import annotations

import pytest

from storybank.errors import Problem
from storybank.record import FrozenRecord, Record
from storybank.store import ImportPlan


def test_a_field_that_would_shadow_a_method_is_refused_when_the_class_is_made() -> None:
    with pytest.raises(TypeError, match=r"Clash field 'replace' would shadow Record\.replace"):

        class Clash(Record):
            __slots__ = ("replace",)

            def __init__(self, replace: bool) -> None:
                self.replace = replace


def test_a_field_shadowing_a_subclass_method_or_a_single_string_slot_is_refused() -> None:
    class Base(Record):
        __slots__ = ("name",)

        def __init__(self, name: str) -> None:
            self.name = name

        def label(self) -> str:
            return self.name

    with pytest.raises(TypeError, match=r"'label' would shadow Base\.label"):

        class Child(Base):
            __slots__ = "label"

    with pytest.raises(TypeError, match=r"'name' would shadow Base\.name"):

        class Again(Base):
            __slots__ = ("name",)


def test_a_frozen_record_cannot_shadow_its_own_guards() -> None:
    with pytest.raises(TypeError, match=r"'_init' would shadow FrozenRecord\._init"):

        class Clash(FrozenRecord):
            __slots__ = ("_init",)


def test_import_plan_replace_copies_the_plan() -> None:
    plan = ImportPlan(replacing=True)
    plan.added["stories"].append("a")
    copy = plan.replace(replacing=False)
    assert copy.replacing is False and plan.replacing is True
    assert copy.added == {"stories": ["a"], "companies": [], "questions": []}
    assert copy != plan and copy == plan.replace(replacing=False)
    assert plan.to_dict()["replace"] is True
    with pytest.raises(TypeError, match="ImportPlan has no field 'replace'"):
        plan.replace(replace=False)


def test_records_are_unhashable_but_frozen_ones_hash_by_value() -> None:
    with pytest.raises(TypeError):
        hash(ImportPlan())
    one, same = Problem("bad", 1, 2, ("stories", 0)), Problem("bad", 1, 2, ("stories", 0))
    assert one == same and hash(one) == hash(same) and len({one, same}) == 1
    assert repr(one) == "Problem(message='bad', line=1, column=2, path=('stories', 0))"
    assert one.replace(line=3) == Problem("bad", 3, 2, ("stories", 0))
    with pytest.raises(AttributeError, match="immutable"):
        one.line = 5
    with pytest.raises(AttributeError, match="immutable"):
        del one.message
