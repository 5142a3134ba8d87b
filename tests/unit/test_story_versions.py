"""A story's earlier versions: kept by the store in the save's own write, capped, restorable."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factories import company as make_company
from factories import story as make_story
from storybank import store as store_module
from storybank.errors import NotFoundError
from storybank.model import Bank
from storybank.store import ConflictError, Store, record_version


@pytest.fixture
def store(db_path: Path) -> Store:
    return Store.open()


def test_a_save_keeps_the_story_it_replaced_with_what_changed(store: Store) -> None:
    store.upsert_story(make_story("a", "First title", result="Shipped"))
    assert store.story_versions("a") == []  # a new story has no earlier version
    store.upsert_story(make_story("a", "Second title", result="Shipped"))
    store.upsert_story(make_story("a", "Second title", result="Shipped twice"))
    versions = store.story_versions("a")
    assert [v.number for v in versions] == [2, 1]  # newest first
    assert versions[1].story.title == "First title"
    assert versions[1].summary == "Changed Title"
    assert versions[0].story.result == "Shipped"
    assert versions[0].summary == "Changed Result"
    assert versions[0].replaced_at.endswith("+00:00")


def test_an_unchanged_save_keeps_no_version(store: Store) -> None:
    store.upsert_story(make_story("a", "Same"))
    store.upsert_story(make_story("a", "Same"))
    assert store.story_versions("a") == []


def test_versions_are_capped_per_story(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_module, "VERSIONS_KEPT", 3)
    for n in range(6):
        store.upsert_story(make_story("a", f"Title {n}"))
    store.upsert_story(make_story("b", "Other"))
    store.upsert_story(make_story("b", "Other again"))
    versions = store.story_versions("a")
    assert [v.number for v in versions] == [5, 4, 3]
    assert [v.story.title for v in versions] == ["Title 4", "Title 3", "Title 2"]
    assert len(store.story_versions("b")) == 1  # another story's cap is its own


def test_the_version_is_written_in_the_same_write_as_the_save(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.upsert_story(make_story("a", "Before"))
    before = store.path.read_bytes()
    storage = store._storage_for_write()

    def broken_write(data: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(storage, "write", broken_write)
    with pytest.raises(OSError):
        store.upsert_story(make_story("a", "After"))
    assert store.path.read_bytes() == before  # neither the story nor a version
    monkeypatch.undo()
    store.upsert_story(make_story("a", "After"))
    raw = json.loads(store.path.read_bytes())
    assert [d["story"]["title"] for d in raw["story_versions"].values()] == ["Before"]
    assert [d["title"] for d in raw["stories"].values()] == ["After"]


def test_a_refused_save_keeps_no_version(store: Store) -> None:
    store.upsert_story(make_story("a", "One"))
    seen = store.story("a")
    store.upsert_story(make_story("a", "Two"))  # another writer
    with pytest.raises(ConflictError):
        store.upsert_story(make_story("a", "Three"), expect={"a": record_version(seen)})
    assert [v.story.title for v in store.story_versions("a")] == ["One"]


def test_restore_is_a_save_and_can_itself_be_undone(store: Store) -> None:
    store.upsert_story(make_story("a", "One"))
    store.upsert_story(make_story("a", "Two"))
    current = store.story("a")
    restored = store.restore_story_version("a", 1, expect={"a": record_version(current)})
    assert restored.title == "One" and store.story("a") == restored
    versions = store.story_versions("a")
    assert versions[0].story.title == "Two"  # what the restore replaced is kept
    assert versions[0].summary == "Changed Title (restored version 1)"
    # undo the restore: restore what it replaced
    store.restore_story_version("a", versions[0].number, expect={"a": record_version(restored)})
    story = store.story("a")
    assert story is not None and story.title == "Two"


def test_restore_never_overwrites_a_change_it_did_not_see(store: Store) -> None:
    store.upsert_story(make_story("a", "One"))
    store.upsert_story(make_story("a", "Two"))
    seen = store.story("a")
    store.upsert_story(make_story("a", "Changed elsewhere"))
    with pytest.raises(ConflictError):
        store.restore_story_version("a", 1, expect={"a": record_version(seen)})
    story = store.story("a")
    assert story is not None and story.title == "Changed elsewhere"
    with pytest.raises(NotFoundError):
        store.restore_story_version("a", 99, expect={"a": record_version(story)})


def test_a_rename_carries_the_history(store: Store) -> None:
    store.upsert_story(make_story("old", "One"))
    store.upsert_story(make_story("old", "Two"))
    store.upsert_story(make_story("new", "Two"), replaces="old")
    assert store.story_versions("old") == []
    assert [v.story.title for v in store.story_versions("new")] == ["Two", "One"]
    assert store.story_versions("new")[0].summary == "Changed Id"


def test_an_import_that_changes_a_story_keeps_a_version(store: Store) -> None:
    store.upsert_story(make_story("a", "Mine"))
    store.apply_import(Bank(stories=[make_story("a", "From the file")]))
    versions = store.story_versions("a")
    assert [(v.story.title, v.summary) for v in versions] == [("Mine", "Changed Title (import)")]
    # versions never reach the bank, so an export holds none
    assert store.bank().stories == [make_story("a", "From the file")]


def test_revert_records_checks_every_record_first(store: Store) -> None:
    store.upsert_story(make_story("a", "One"))
    store.upsert_company(make_company("acme"))
    saved = store.story("a")
    gone = store.delete_company("acme")
    store.upsert_story(make_story("a", "Two"))  # another writer changed the story meanwhile
    with pytest.raises(ConflictError):
        store.revert_records(
            [("companies", "acme", gone, None), ("stories", "a", None, record_version(saved))]
        )
    assert store.company("acme") is None  # nothing was written
    store.revert_records([("companies", "acme", gone, None)])
    assert store.company("acme") == gone


def test_a_backup_restore_is_checked_and_undoable(store: Store) -> None:
    from storybank.store import BankChangedError

    store.upsert_story(make_story("a", "One"))
    store.delete_story("a")
    seen = store.file_version()
    backup = store.backups()[0]
    store.upsert_story(make_story("b", "Written meanwhile"))
    with pytest.raises(BankChangedError):
        store.restore_backup(backup.name, expect_file=seen)
    assert [s.id for s in store.stories()] == ["b"]  # refused: nothing changed
    _source, safety = store.restore_backup(backup.name, expect_file=store.file_version())
    assert [s.id for s in store.stories()] == ["a"]
    assert safety is not None
    store.restore_backup(safety.name, expect_file=store.file_version())  # the undo
    assert [s.id for s in store.stories()] == ["b"]


def test_the_whole_bank_keeps_a_bounded_number_of_versions(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_module, "VERSIONS_TOTAL", 4)
    for name in ("a", "b", "c"):
        store.upsert_story(make_story(name, "One"))
        store.upsert_story(make_story(name, "Two"))
        store.upsert_story(make_story(name, "Three"))
    kept = {name: [v.story.title for v in store.story_versions(name)] for name in "abc"}
    assert kept == {"a": [], "b": ["Two", "One"], "c": ["Two", "One"]}  # a's were oldest
