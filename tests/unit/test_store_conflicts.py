"""Optimistic concurrency in the store: a write whose base changed on disk writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from factories import story as minimal_story
from storybank.errors import NotFoundError
from storybank.model import Bank, Company, Story
from storybank.store import ConflictError, Store, record_version


def make_story(story_id: str, title: str = "") -> Story:
    return minimal_story(story_id, title or None)


@pytest.fixture
def two(db_path: Path) -> tuple[Store, Store]:
    """The app's store and another writer's (as `storybank import` in another terminal)."""
    app, other = Store.open(str(db_path)), Store.open(str(db_path))
    app.apply_import(
        Bank(stories=[make_story("a"), make_story("b")], companies=[Company("c", "C")])
    )
    return app, other


def reasons(store: Store) -> list[str]:
    return [b.reason for b in store.backups()]


def test_version_is_exact_and_none_means_absent() -> None:
    assert record_version(None) is None
    assert record_version(make_story("a")) == record_version(make_story("a"))
    assert record_version(make_story("a")) != record_version(make_story("a", "Other"))


def test_save_on_an_unchanged_base_is_written(two: tuple[Store, Store]) -> None:
    app, _ = two
    base = app.story("a")
    app.upsert_story(make_story("a", "Edited"), expect={"a": record_version(base)})
    assert app.story("a").title == "Edited"


def test_save_whose_base_changed_on_disk_writes_nothing(two: tuple[Store, Store]) -> None:
    app, other = two
    base = app.story("a")
    other.upsert_story(make_story("a", "Changed elsewhere"))
    before = app.path.read_bytes()
    with pytest.raises(ConflictError) as caught:
        app.upsert_story(make_story("a", "Mine"), expect={"a": record_version(base)})
    assert app.path.read_bytes() == before
    conflict = caught.value
    assert conflict.record_id == "a" and conflict.kind == "stories"
    assert conflict.disk is not None and conflict.disk.title == "Changed elsewhere"
    assert "changed on disk" in str(conflict)
    # overwriting knowingly: the disk version becomes the base, and a backup keeps it
    app.upsert_story(
        make_story("a", "Mine"),
        expect={"a": record_version(conflict.disk)},
        backup_reason="overwrite",
    )
    assert app.story("a").title == "Mine"
    assert "overwrite" in reasons(app)


def test_save_of_a_story_deleted_on_disk_is_a_conflict(two: tuple[Store, Store]) -> None:
    app, other = two
    base = app.story("b")
    other.delete_story("b")
    with pytest.raises(ConflictError) as caught:
        app.upsert_story(make_story("b", "Mine"), expect={"b": record_version(base)})
    assert caught.value.disk is None and "deleted on disk" in str(caught.value)
    assert app.story("b") is None


def test_new_id_taken_meanwhile_is_a_conflict(two: tuple[Store, Store]) -> None:
    app, other = two
    other.upsert_story(make_story("fresh", "Theirs"))
    with pytest.raises(ConflictError) as caught:
        app.upsert_story(make_story("fresh", "Mine"), expect={"fresh": None})
    assert "created a story with id 'fresh'" in str(caught.value)
    assert app.story("fresh").title == "Theirs"


def test_rename_onto_an_id_created_meanwhile_is_refused(two: tuple[Store, Store]) -> None:
    """The bug of issue 12: the rename replaced the other writer's story, backup too late."""
    app, other = two
    base = app.story("a")
    other.upsert_story(make_story("z", "Theirs"))
    before = app.path.read_bytes()
    with pytest.raises(ConflictError) as caught:
        app.upsert_story(
            make_story("z", "Mine"), expect={"a": record_version(base), "z": None}, replaces="a"
        )
    assert caught.value.record_id == "z"
    assert app.path.read_bytes() == before
    assert app.story("z").title == "Theirs" and app.story("a") is not None


def test_rename_keeps_the_place_moves_practice_and_backs_up_first(
    two: tuple[Store, Store],
) -> None:
    app, _ = two
    app.add_practice({"question_id": "q1", "chosen": "a", "advisor": "a", "rating": 4})
    app.add_practice({"question_id": "q2", "chosen": "b", "advisor": "a", "rating": 3})
    before = app.path.read_bytes()
    base = app.story("a")
    app.upsert_story(
        make_story("a2", "Renamed"), expect={"a": record_version(base), "a2": None}, replaces="a"
    )
    assert [s.id for s in app.stories()] == ["a2", "b"]
    history = app.practice_history()
    assert [(r["chosen"], r["advisor"]) for r in history] == [("a2", "a2"), ("b", "a2")]
    rename_backups = [b for b in app.backups() if b.reason == "rename"]
    assert len(rename_backups) == 1 and rename_backups[0].path.read_bytes() == before


def test_overwriting_a_taken_rename_target_backs_up_the_one_replaced(
    two: tuple[Store, Store],
) -> None:
    app, other = two
    base = app.story("a")
    other.upsert_story(make_story("z", "Theirs"))
    theirs = app.story("z")
    before = app.path.read_bytes()
    app.upsert_story(
        make_story("z", "Mine"),
        expect={"a": record_version(base), "z": record_version(theirs)},
        replaces="a",
        backup_reason="overwrite",
    )
    assert [(s.id, s.title) for s in app.stories()] == [("z", "Mine"), ("b", "Story b")]
    taken = [b for b in app.backups() if b.reason == "overwrite"]
    assert taken and taken[0].path.read_bytes() == before


def test_delete_of_a_changed_story_is_a_conflict(two: tuple[Store, Store]) -> None:
    app, other = two
    base = app.story("a")
    other.upsert_story(make_story("a", "Changed elsewhere"))
    with pytest.raises(ConflictError):
        app.delete_story("a", expect={"a": record_version(base)})
    assert app.story("a") is not None
    fresh = app.story("a")
    assert app.delete_story("a", expect={"a": record_version(fresh)}).title == "Changed elsewhere"
    with pytest.raises(ConflictError):  # gone already: the expected version is not there
        app.delete_story("a", expect={"a": record_version(fresh)})
    with pytest.raises(NotFoundError):
        app.delete_story("a")


def test_company_writes_are_checked_the_same_way(two: tuple[Store, Store]) -> None:
    app, other = two
    base = app.company("c")
    other.upsert_company(Company("c", "Changed elsewhere"))
    with pytest.raises(ConflictError) as caught:
        app.upsert_company(Company("c", "Mine"), expect={"c": record_version(base)})
    assert caught.value.kind == "companies" and "company 'c'" in str(caught.value)
    with pytest.raises(ConflictError):
        app.delete_company("c", expect={"c": record_version(base)})
    with pytest.raises(ConflictError):
        app.upsert_company(Company("c", "New"), expect={"c": None})
    assert app.company("c").name == "Changed elsewhere"


def test_writes_without_expect_are_unchecked_as_before(two: tuple[Store, Store]) -> None:
    app, other = two
    other.upsert_story(make_story("a", "Changed elsewhere"))
    app.upsert_story(make_story("a", "CLI write"))
    assert app.story("a").title == "CLI write"


def test_import_keep_existing_adds_only_new_ids_with_a_backup(two: tuple[Store, Store]) -> None:
    app, _ = two
    app.upsert_story(make_story("a", "My own edit"))
    incoming = Bank(stories=[make_story("a", "Sample text"), make_story("new")])
    plan = app.apply_import(incoming, keep_existing=True, backup_reason="sample")
    assert plan.added["stories"] == ["new"] and plan.changed["stories"] == []
    assert app.story("a").title == "My own edit"
    assert "sample" in reasons(app)


def test_rename_carries_recall_card_reviews(two: tuple[Store, Store]) -> None:
    from storybank.model import Review

    app, _ = two
    app.add_review(Review("a/metric/time", "good", "2030-01-01T10:00:00Z"))
    app.add_review(Review("ab/metric/x", "again", "2030-01-01T10:01:00Z"))  # another story
    base = app.story("a")
    app.upsert_story(make_story("a2"), expect={"a": record_version(base), "a2": None}, replaces="a")
    assert [r.card for r in app.reviews()] == ["a2/metric/time", "ab/metric/x"]
