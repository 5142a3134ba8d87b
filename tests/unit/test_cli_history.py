"""`storybank history ID` and `storybank restore-version ID N`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factories import story as make_story
from storybank.cli import main
from storybank.store import Store


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def saved_twice(db_path: Path) -> Store:
    store = Store.open(str(db_path))
    store.upsert_story(make_story("a", "First"))
    store.upsert_story(make_story("a", "Second"))
    store.upsert_story(make_story("a", "Second", result="Better result"))
    return store


def test_history_lists_versions_newest_first(
    saved_twice: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "history", "a")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "a: Second"
    assert lines[1].startswith("  v2 ") and lines[1].endswith("Changed Result")
    assert lines[2].startswith("  v1 ") and lines[2].endswith("Changed Title")
    code, out, _ = run(capsys, "history", "a", "--json")
    data = json.loads(out)
    assert [v["number"] for v in data["versions"]] == [2, 1]
    assert data["versions"][1]["story"]["title"] == "First"


def test_restore_version_is_a_save_kept_in_the_history(
    saved_twice: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "restore-version", "a", "1")
    assert code == 0 and "kept as v3" in out
    story = saved_twice.story("a")
    assert story is not None and story.title == "First"
    run(capsys, "restore-version", "a", "3")  # and back: the restore is undone the same way
    story = saved_twice.story("a")
    assert story is not None and (story.title, story.result) == ("Second", "Better result")


def test_unknown_story_or_version_is_one_line_and_exit_1(
    saved_twice: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    before = saved_twice.path.read_bytes()
    for argv in (("history", "nope"), ("restore-version", "a", "9"), ("restore-version", "b", "1")):
        code, out, err = run(capsys, *argv)
        assert code == 1 and out == ""
        assert len(err.strip().splitlines()) == 1 and err.startswith("storybank: ")
    assert saved_twice.path.read_bytes() == before
