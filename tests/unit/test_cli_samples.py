"""The sample bank kept apart from the user's own: marked on load, labelled in `list` and
`lint`, left out of coverage's 5-7 count, and removed in one step by `storybank samples
remove` (edited samples only when asked)."""

from __future__ import annotations

from pathlib import Path

import pytest

from factories import complete_story
from storybank.cli import main
from storybank.resources import sample_bank
from storybank.store import SamplesEditedError, Store, read_bank, read_sample_status

SAMPLE_STORY_IDS = [s.id for s in sample_bank().stories]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def own_stories(db_path: Path, count: int = 2) -> None:
    store = Store(db_path)
    for number in range(count):
        store.upsert_story(complete_story(f"mine-{number}", f"My own story {number}"))


def test_init_sample_says_what_it_added_and_marks_each_sample(db_path: Path, capsys) -> None:
    code, out, _ = run(capsys, "init", "--sample")
    assert code == 0
    assert "6 stories and 3 companies added" in out and "9 added" not in out
    assert "storybank samples remove" in out
    status = read_sample_status(db_path)
    assert sorted(status.story_ids) == sorted(SAMPLE_STORY_IDS)
    assert status.count("companies") == 3 and not status.edited["stories"]


def test_list_labels_samples_and_counts_your_own_apart(db_path: Path, capsys) -> None:
    run(capsys, "init", "--sample")
    own_stories(db_path)
    code, out, _ = run(capsys, "list")
    assert code == 0
    assert out.count("(sample) ") == 6
    assert "My own story 0" in out and "(sample) My own story" not in out
    assert "8 stories: 2 your own, 6 samples" in out
    code, out, _ = run(capsys, "list", "--json")
    import json

    rows = {row["id"]: row["sample"] for row in json.loads(out)}
    assert rows["mine-0"] is False and rows[SAMPLE_STORY_IDS[0]] is True


def test_coverage_does_not_count_samples_against_the_five_to_seven(db_path: Path, capsys) -> None:
    run(capsys, "init", "--sample")
    own_stories(db_path)
    code, out, _ = run(capsys, "coverage")
    assert code == 0
    assert "Too many" not in out and "8 stories" not in out
    assert "2 stories: add 3 more" in out
    assert "6 sample stories left out" in out
    code, out, _ = run(capsys, "coverage", "--samples")
    assert "8 stories" in out


def test_lint_labels_samples(db_path: Path, capsys) -> None:
    run(capsys, "init", "--sample")
    own_stories(db_path, 1)
    code, out, _ = run(capsys, "lint")
    assert code == 0
    assert out.count("(sample) ") == 6 and "(sample) My own story" not in out


def test_samples_remove_takes_out_exactly_the_samples(db_path: Path, capsys) -> None:
    run(capsys, "init", "--sample")
    own_stories(db_path)
    code, out, _ = run(capsys, "samples", "remove")
    assert code == 0
    assert "Removed 6 stories and 3 companies" in out and "storybank restore" in out
    bank = read_bank(db_path)
    assert [s.id for s in bank.stories] == ["mine-0", "mine-1"]
    assert bank.companies == []
    assert read_sample_status(db_path).is_empty()
    assert any("remove-samples" in b.name for b in Store(db_path).backups())
    code, out, _ = run(capsys, "samples", "remove")
    assert code == 0 and "nothing changed" in out


def test_an_edited_sample_stops_the_removal_unless_asked(db_path: Path, capsys) -> None:
    run(capsys, "init", "--sample")
    store = Store(db_path)
    edited = store.story(SAMPLE_STORY_IDS[0])
    assert edited is not None
    store.upsert_story(edited.replace(title="My version of it"))
    assert read_sample_status(db_path).edited["stories"] == [SAMPLE_STORY_IDS[0]]
    before = db_path.read_bytes()
    code, out, err = run(capsys, "samples", "remove")
    assert code == 1 and out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and SAMPLE_STORY_IDS[0] in lines[0]
    assert "--force" in lines[0] and "nothing was removed" in lines[0]
    assert db_path.read_bytes() == before
    code, out, _ = run(capsys, "samples", "remove", "--keep-edited")
    assert code == 0 and "Kept as your own" in out
    bank = read_bank(db_path)
    assert [s.id for s in bank.stories] == [SAMPLE_STORY_IDS[0]]
    assert read_sample_status(db_path).is_empty()  # now the user's own story


def test_force_removes_edited_samples_too(db_path: Path, capsys) -> None:
    run(capsys, "init", "--sample")
    store = Store(db_path)
    edited = store.story(SAMPLE_STORY_IDS[1])
    assert edited is not None
    store.upsert_story(edited.replace(title="Changed"))
    code, out, _ = run(capsys, "samples", "remove", "--force")
    assert code == 0 and "Removed 6 stories" in out
    assert read_bank(db_path).stories == []


def test_samples_list_names_edited_ones(db_path: Path, capsys) -> None:
    code, out, _ = run(capsys, "samples")
    assert code == 0 and "No samples" in out
    run(capsys, "init", "--sample")
    store = Store(db_path)
    edited = store.story(SAMPLE_STORY_IDS[2])
    assert edited is not None
    store.upsert_story(edited.replace(title="Mine now"))
    code, out, _ = run(capsys, "samples", "list")
    assert code == 0 and "6 stories and 3 companies" in out
    assert f"Stories you edited: {SAMPLE_STORY_IDS[2]}" in out


def test_store_marks_samples_only_when_they_equal_the_sample(db_path: Path) -> None:
    """The app's "Load the sample bank" path: keep_existing keeps the user's version of a
    sample id, and that version is not marked as a sample (removal would lose it)."""
    store = Store(db_path)
    first = sample_bank().stories[0]
    store.upsert_story(first.replace(title="Written by me"))
    store.apply_import(sample_bank(), keep_existing=True, mark_samples=True)
    status = store.sample_status()
    assert first.id not in status.story_ids
    assert len(status.untouched["stories"]) == 5
    store.apply_import(sample_bank(), mark_samples=True)  # replaces my version: marked
    assert first.id in store.sample_status().untouched["stories"]
    again = store.story(first.id)
    assert again is not None
    store.upsert_story(again.replace(title="again"))
    with pytest.raises(SamplesEditedError):
        store.remove_samples()


def test_a_plain_import_marks_nothing(db_path: Path) -> None:
    Store(db_path).apply_import(sample_bank())
    assert read_sample_status(db_path).is_empty()
