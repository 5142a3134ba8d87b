"""Backups: taken before destructive changes and hourly, pruned, listed, restored; the CLI."""

from __future__ import annotations

import json
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from factories import story
from storybank import backups
from storybank.cli import main
from storybank.errors import DatabaseError, NotFoundError
from storybank.model import Bank
from storybank.store import Store, read_bank


def reasons(store: Store) -> list[str]:
    return [b.reason for b in store.backups()]


@pytest.fixture
def store(db_path: Path) -> Store:
    return Store.open()


def test_first_write_has_nothing_to_back_up_then_one_rolling_backup(store: Store) -> None:
    store.upsert_story(story("a"))
    assert reasons(store) == []
    for i in range(5):
        store.upsert_story(story(f"b{i}"))
    assert reasons(store) == ["rolling"]  # at most one per hour of writes
    assert store.backups()[0].stories == 1  # the state before the second write


def test_rolling_backup_again_after_the_interval(store: Store) -> None:
    store.upsert_story(story("a"))
    store.upsert_story(story("b"))
    later = datetime.now(UTC) + timedelta(hours=1, seconds=1)
    assert backups.rolling_backup(store.path, now=later) is not None
    soon = later + timedelta(minutes=59)
    assert backups.rolling_backup(store.path, now=soon) is None
    assert reasons(store) == ["rolling", "rolling"]


@pytest.mark.parametrize(
    ("action", "reason"),
    [
        (lambda s: s.delete_story("a"), "delete"),
        (lambda s: s.delete_company("acme"), "delete"),
        (lambda s: s.apply_import(Bank(stories=[story("z")]), replace=True), "import-replace"),
        (lambda s: s.apply_import(Bank(stories=[story("a", "new title")])), "import"),
    ],
)
def test_destructive_operations_back_up_the_state_before(store: Store, action, reason) -> None:
    from storybank.model import Company

    store.upsert_story(story("a"))
    store.upsert_company(Company(id="acme", name="Acme"))
    before = store.path.read_bytes()
    action(store)
    newest = store.backups()[0]
    assert newest.reason == reason
    assert newest.path.read_bytes() == before


def test_pure_additions_do_not_need_a_backup(store: Store) -> None:
    store.upsert_story(story("a"))
    store.upsert_story(story("b"))  # rolling backup
    store.apply_import(Bank(stories=[story("c")]))
    assert reasons(store) == ["rolling"]


def test_keep_setting_prunes_oldest(store: Store) -> None:
    store.set_setting("backups.keep", 3)
    for i in range(6):
        store.upsert_story(story(f"s{i}"))
        store.delete_story(f"s{i}")
    found = store.backups()
    assert len(found) == 3
    assert [b.name for b in found] == sorted((b.name for b in found), reverse=True)
    # the newest backup is the state just before the last delete
    assert found[0].stories == 1


def test_bad_keep_setting_falls_back_to_default() -> None:
    for bad in (0, -3, "many", True, None, 2.5):
        data = {"settings": {"1": {"key": "backups.keep", "value": bad}}}
        assert backups.keep_setting(data) == backups.DEFAULT_KEEP
    assert backups.keep_setting({"settings": {"1": {"key": "backups.keep", "value": 7}}}) == 7


def test_default_keeps_twenty(store: Store) -> None:
    store.upsert_story(story("a"))
    base = datetime(2026, 1, 1, tzinfo=UTC)
    for i in range(25):
        backups.create_backup(store.path, "test", now=base + timedelta(seconds=i))
    names = [b.name for b in store.backups()]
    assert len(names) == 20
    assert names[-1].startswith("20260101-000005-")


def test_backup_names_never_collide(store: Store) -> None:
    store.upsert_story(story("a"))
    moment = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)
    first = backups.create_backup(store.path, "x", now=moment)
    second = backups.create_backup(store.path, "x", now=moment)
    assert first != second and first.exists() and second.exists()


def test_backups_are_private(store: Store) -> None:
    store.upsert_story(story("a"))
    store.delete_story("a")
    folder = backups.backups_dir(store.path)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in folder.iterdir())


def test_listing_ignores_foreign_files_and_marks_unreadable(store: Store) -> None:
    store.upsert_story(story("a"))
    store.delete_story("a")
    folder = backups.backups_dir(store.path)
    (folder / "notes.txt").write_text("mine")
    (folder / "20260101-000000-000000-broken.json").write_text("{torn")
    found = {b.reason: b for b in store.backups()}
    assert set(found) == {"delete", "broken"}
    assert found["broken"].stories is None
    assert found["delete"].stories == 1


# --- restore ----------------------------------------------------------------------------


def test_restore_backs_up_current_state_first(store: Store) -> None:
    store.upsert_story(story("a", "first"))
    store.upsert_story(story("b"))
    store.delete_story("b")  # backup holds a + b
    backup = next(b for b in store.backups() if b.reason == "delete")
    current = store.path.read_bytes()
    restored, safety = store.restore_backup(backup.name)
    assert restored == backup.path
    assert store.path.read_bytes() == backup.path.read_bytes()
    assert [s.id for s in store.stories()] == ["a", "b"]
    assert safety is not None and safety.read_bytes() == current
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    # and that restore can itself be undone
    store.restore_backup(safety.name.removesuffix(".json"))
    assert [s.id for s in store.stories()] == ["a"]


def test_restore_repairs_a_damaged_database(store: Store) -> None:
    store.upsert_story(story("a"))
    store.upsert_story(story("b"))
    good = store.backups()[0]
    store.path.write_bytes(b"")
    with pytest.raises(DatabaseError):
        Store.open()
    _, safety = store.restore_backup(str(good.path))
    assert safety is not None and safety.read_bytes() == b""  # the damaged file is kept too
    assert [s.id for s in Store.open().stories()] == ["a"]


def test_restore_refuses_a_damaged_backup_and_changes_nothing(store: Store) -> None:
    store.upsert_story(story("a"))
    bad = store.path.parent / "bad-backup.json"
    bad.write_text('{"stories": {"1": ')
    before = store.path.read_bytes()
    count = len(store.backups())
    with pytest.raises(DatabaseError, match=r"cannot restore: .*bad-backup.json.*was not changed"):
        store.restore_backup(str(bad))
    assert store.path.read_bytes() == before
    assert len(store.backups()) == count


def test_restore_unknown_name(store: Store) -> None:
    with pytest.raises(NotFoundError, match=r"no backup named 'nope'.*storybank backups"):
        store.restore_backup("nope")


def test_restore_into_a_missing_database(tmp_path: Path) -> None:
    source = Store(tmp_path / "source.json")
    source.upsert_story(story("a"))
    target = tmp_path / "fresh" / "bank.json"
    _, safety = Store(target).restore_backup(str(source.path))
    assert safety is None
    assert [s.id for s in read_bank(target).stories] == ["a"]


# --- CLI --------------------------------------------------------------------------------


def test_cli_backups_empty(capsys, db_path: Path) -> None:
    assert main(["backups"]) == 0
    assert "No backups yet in" in capsys.readouterr().out


def test_cli_backups_table_and_json(store: Store, capsys) -> None:
    store.upsert_story(story("a"))
    store.delete_story("a")
    assert main(["backups"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split() == ["NAME", "TAKEN", "SIZE", "STORIES"]
    assert "-delete.json" in out and "1 backup in" in out
    assert main(["backups", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [b["reason"] for b in listed] == ["delete"]
    assert listed[0]["stories"] == 1 and listed[0]["size"] > 0


def test_cli_restore_and_errors(store: Store, capsys, tmp_path: Path) -> None:
    store.upsert_story(story("a"))
    store.delete_story("a")
    name = store.backups()[0].name
    assert main(["restore", name]) == 0
    out = capsys.readouterr().out
    assert f"Restored {name}" in out and "(1 story)" in out and "before-restore" in out
    assert [s.id for s in store.stories()] == ["a"]
    assert main(["restore", "does-not-exist"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("storybank: no backup named") and "Traceback" not in err
    other = tmp_path / "other.json"
    assert main(["restore", name, "--db", str(other)]) == 1  # other db has no such backup
    assert not other.exists()


def test_cli_damaged_database_says_how_to_restore(db_path: Path, capsys) -> None:
    db_path.write_bytes(b"\x00garbage")
    assert main(["backups"]) == 0  # listing works on a damaged bank
    capsys.readouterr()
    with pytest.raises(DatabaseError) as error:
        Store.open()
    from storybank.errors import error_lines

    lines = error_lines(error.value)
    assert len(lines) == 2 and all(line.startswith("storybank: ") for line in lines)
    assert str(db_path) in lines[0] and "storybank restore NAME" in lines[1]


def test_cli_locate(capsys, db_path: Path, isolated_paths: Path) -> None:
    assert main(["locate"]) == 0
    out = capsys.readouterr().out
    assert str(db_path) in out
    assert str(db_path.parent / ".bank.json.backups") in out
    assert str(db_path.parent / ".bank.json.lock") in out
    assert str(isolated_paths / "config" / "themes") in out
    assert main(["locate", "--json", "--db", str(isolated_paths / "x.json")]) == 0
    paths = json.loads(capsys.readouterr().out)
    assert paths["database"] == str(isolated_paths / "x.json")
    assert paths["lock"] == str(isolated_paths / ".x.json.lock")
    assert set(paths) == {
        "database",
        "database_target",
        "backups",
        "lock",
        "config",
        "user_themes",
        "advisor_cache",
    }
    assert paths["advisor_cache"] == str(isolated_paths / "cache" / "advisor-cache.json")


def test_cli_locate_shows_symlink_target(capsys, tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    link = tmp_path / "link.json"
    link.symlink_to(tmp_path / "real" / "bank.json")
    assert main(["locate", "--json", "--db", str(link)]) == 0
    paths = json.loads(capsys.readouterr().out)
    assert paths["database_target"] == str((tmp_path / "real" / "bank.json").resolve())
    assert paths["backups"].startswith(str((tmp_path / "real").resolve()))
