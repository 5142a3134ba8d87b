"""The advisor learns from its user: a story chosen for a question comes first for similar
questions (saying why), the choice is kept in the bank, exported, imported once, follows a
renamed story, and can be undone."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from storybank.advisor import advise, clear_caches
from storybank.advisor.picks import preferred_pick, similarity
from storybank.cli import main
from storybank.model import Pick
from storybank.resources import sample_bank
from storybank.store import Store
from storybank.validate import validate_bank_data
from storybank.yamlio import dump_bank, load_bank_text

FAILED = "Tell me about a time you failed."


def pick(story: str, question: str = FAILED, at: str = "2026-12-01T10:00:00Z") -> Pick:
    return Pick(question=question, story=story, at=at, source="ask")


def test_the_same_question_in_other_words_matches_a_neighbouring_topic_does_not() -> None:
    assert similarity(FAILED, "Describe a time you failed at work") >= 0.6
    assert similarity("Tell me about a time you disagreed with your manager", FAILED) < 0.6
    assert similarity("Why?", "Why?") == 0.0  # no content words: nothing to learn from


def test_the_newest_matching_choice_wins_and_a_deleted_story_is_ignored() -> None:
    older = pick("a", at="2026-11-01T10:00:00Z")
    newer = pick("b", at="2026-12-01T10:00:00Z")
    assert preferred_pick(FAILED, [older, newer], {"a", "b"}) is newer
    assert preferred_pick(FAILED, [older, newer], {"a"}) is older
    assert preferred_pick("How do you prioritise a roadmap?", [older, newer], {"a", "b"}) is None


def test_a_choice_puts_its_story_first_and_why_says_so() -> None:
    clear_caches()
    stories = sample_bank().stories
    plain = advise(FAILED, stories, top=3)
    other = next(s.id for s in stories if s.id != plain.suggestions[0].id)
    chosen = advise("Describe a time you failed at work", stories, top=3, picks=[pick(other)])
    assert chosen.suggestions[0].id == other
    assert chosen.suggestions[0].why[0] == f"you chose it for '{FAILED}'"
    assert all(not s.why[0].startswith("you chose") for s in chosen.suggestions[1:])
    unrelated = advise("How do you prioritise a roadmap?", stories, top=3, picks=[pick(other)])
    assert all("you chose" not in " ".join(s.why) for s in unrelated.suggestions)


def test_choices_are_kept_exported_imported_once_and_undone(db_path: Path) -> None:
    store = Store.open(db_path)
    store.apply_import(sample_bank())
    story_id = sample_bank().stories[1].id
    choice = pick(story_id)
    store.add_pick(choice)
    assert store.picks() == [choice]
    text = dump_bank(store.bank())
    assert "picks:" in text
    again = load_bank_text(text, "export.yaml")
    assert again.picks == [choice]
    plan = store.apply_import(again)  # your own export, imported back: nothing doubles
    assert plan.picks_added == 0 and store.picks() == [choice]
    assert store.forget_pick(choice) and store.picks() == []
    assert not store.forget_pick(choice)
    plan = store.apply_import(again)
    assert plan.picks_added == 1 and store.picks() == [choice]


def test_a_renamed_story_keeps_its_choices(db_path: Path) -> None:
    store = Store.open(db_path)
    store.apply_import(sample_bank())
    story = sample_bank().stories[0]
    store.add_pick(pick(story.id))
    store.upsert_story(story.replace(id="renamed-story"), replaces=story.id)
    assert [p.story for p in store.picks()] == ["renamed-story"]


def test_bad_choices_in_a_file_are_refused_with_their_place() -> None:
    data = {
        "version": 1,
        "picks": [
            {"question": FAILED, "story": "Not An Id", "at": "2026-12-01T10:00:00Z"},
            {"question": FAILED, "story": "ok", "at": "yesterday", "source": "web"},
            {"story": "ok", "at": "2026-12-01T10:00:00Z"},
        ],
    }
    bank, problems = validate_bank_data(data)
    assert bank is None
    text = " | ".join(p.message for p in problems)
    assert "must be a story id" in text and "ISO 8601" in text and "unknown source" in text
    assert "question" in text
    assert {p.path[:2] for p in problems} == {("picks", 0), ("picks", 1), ("picks", 2)}


def _cli(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    with redirect_stdout(out):
        code = main(list(args))
    return code, out.getvalue()


def test_the_cli_picks_lists_and_forgets(db_path: Path) -> None:
    Store.open(db_path).apply_import(sample_bank())
    story_id = sample_bank().stories[2].id
    code, text = _cli("pick", story_id, FAILED)
    assert code == 0 and "storybank picks forget 1" in text
    code, text = _cli("ask", "Describe a time you failed at work", "--json")
    assert code == 0
    first = json.loads(text.splitlines()[0])["suggestions"][0]
    assert first["id"] == story_id and first["why"][0].startswith("you chose it for")
    code, text = _cli("picks")
    assert code == 0 and story_id in text and text.lstrip().startswith("1")
    assert _cli("picks", "forget", "2")[0] == 1
    assert _cli("picks", "forget", "1")[0] == 0
    assert "No story choices yet" in _cli("picks")[1]


@pytest.mark.parametrize(
    "args", [("pick", "no-such-story", FAILED), ("pick", "x", "???"), ("picks", "forget")]
)
def test_cli_mistakes_are_one_line_and_exit_1(
    args: tuple[str, ...], db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Store.open(db_path).apply_import(sample_bank())
    assert main(list(args)) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("storybank:") and len(err.splitlines()) == 1


def test_a_choice_with_characters_a_file_refuses_is_refused_before_it_is_kept(
    db_path: Path,
) -> None:
    from storybank.errors import StoryBankError

    store = Store.open(db_path)
    store.apply_import(sample_bank())
    story_id = sample_bank().stories[0].id
    with pytest.raises(StoryBankError, match="control character"):
        store.add_pick(pick(story_id, question="Tell me \x1b[31mabout\x1b[0m a failure"))
    assert store.picks() == []
    assert main(["pick", story_id, "Tell me about a \u202efailure"]) == 1
    assert store.picks() == []
