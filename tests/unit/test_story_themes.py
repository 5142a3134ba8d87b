"""The optional `themes` field: declared themes replace the inferred ones, unknown names are
refused with their place, old files import as before and export -> import is lossless."""

from __future__ import annotations

import pytest
from tests.factories import story

from storybank.advisor import advise, clear_caches
from storybank.method.themes import probe_strengths, story_themes
from storybank.model import Story
from storybank.validate import validate_story_data
from storybank.yamlio import load_bank_text

FAILURE_WORDS = "The launch went wrong: we failed the first cutover and I owned the rollback."


def test_left_out_themes_are_inferred_and_said_to_be() -> None:
    told = story("s", result=FAILURE_WORDS)
    assert told.themes is None
    themes, inferred = story_themes(told)
    assert inferred and "failure" in themes


def test_declared_themes_replace_the_inferred_ones() -> None:
    told = story("s", result=FAILURE_WORDS)
    declared = told.replace(themes=["saying-no"])
    assert story_themes(declared) == (["saying-no"], False)
    assert "failure" in probe_strengths(told)
    assert "failure" not in probe_strengths(declared)
    assert probe_strengths(declared)["saying-no"] == 1.0
    none = told.replace(themes=[])
    assert story_themes(none) == ([], False)
    assert not set(probe_strengths(none)) - set(told.competencies)


def test_a_declared_theme_changes_what_the_advisor_reads() -> None:
    clear_caches()
    plain = story("a-plain", title="Quarterly planning cadence")
    same = story("b-same", title="Quarterly planning cadence")
    before = advise("Tell me about a time you failed.", [plain, same], top=2)
    assert before.suggestions[0].id == "a-plain"  # a tie goes to the first
    declared = same.replace(themes=["failure"])
    advice = advise("Tell me about a time you failed.", [plain, declared], top=2)
    assert advice.suggestions[0].id == "b-same"


def test_unknown_theme_is_refused_with_its_place_and_a_suggestion() -> None:
    data = story("s").to_dict() | {"themes": ["failure", "saying no", "confilct"]}
    record, problems = validate_story_data(data)
    assert record is None
    assert len(problems) == 1
    assert problems[0].path == ("themes", 2)
    assert "confilct" in problems[0].message and "conflict" in problems[0].message


def test_theme_spellings_fold_and_repeats_collapse() -> None:
    data = story("s").to_dict() | {"themes": ["Saying No", "saying-no", "Failure"]}
    record, problems = validate_story_data(data)
    assert problems == [] and record is not None
    assert record.themes == ["saying-no", "failure"]


@pytest.mark.parametrize("value", [None, [], ["ownership"]])
def test_export_then_import_keeps_what_was_said(value: list[str] | None) -> None:
    from storybank.model import Bank
    from storybank.yamlio import dump_bank

    bank = Bank(stories=[story("s").replace(themes=value)])
    text = dump_bank(bank)
    assert ("themes:" in text) == (value is not None)
    again = load_bank_text(text, "bank.yaml")
    assert again.stories[0].themes == value
    assert again.stories[0] == bank.stories[0]


def test_an_old_file_without_themes_still_imports() -> None:
    text = (
        "version: 1\nstories:\n  - id: s\n    title: T\n    competencies: [prioritization]\n"
        "    context: c\n    decision: d\n    result: r\n"
    )
    bank = load_bank_text(text, "old.yaml")
    assert isinstance(bank.stories[0], Story) and bank.stories[0].themes is None
