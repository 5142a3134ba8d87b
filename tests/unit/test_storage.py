"""The atomic storage: every save is all-or-nothing, private, and never clobbers a bad file."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from tinydb import TinyDB

from factories import story
from storybank import storage
from storybank.errors import DatabaseError
from storybank.storage import TEMP_SUFFIX, AtomicJSONStorage
from storybank.store import Store, read_bank


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def leftovers(folder: Path) -> list[str]:
    return sorted(name for name in os.listdir(folder) if name.endswith(TEMP_SUFFIX))


def test_plain_tinydb_works_on_the_storage(tmp_path: Path) -> None:
    db = TinyDB(tmp_path / "t.json", storage=AtomicJSONStorage)
    db.table("stories").insert({"id": "a"})
    db.table("stories").insert({"id": "b"})
    db.close()
    again = TinyDB(tmp_path / "t.json", storage=AtomicJSONStorage)
    assert [d["id"] for d in again.table("stories").all()] == ["a", "b"]


def test_save_replaces_the_file_rather_than_rewriting_it(db_path: Path) -> None:
    store = Store.open()
    store.upsert_story(story("a"))
    inode = db_path.stat().st_ino
    store.upsert_story(story("b"))
    assert db_path.stat().st_ino != inode  # a new file was renamed into place
    assert leftovers(db_path.parent) == []


def test_each_step_of_a_save_runs_in_order(db_path: Path, monkeypatch) -> None:
    """write -> fsync file -> replace -> fsync folder; the folder fsync is what makes it durable."""
    calls: list[str] = []
    for name in ("_write_all", "_fsync", "_replace", "_fsync_dir"):
        real = getattr(storage, name)

        def spy(*args, _real=real, _name=name):
            calls.append(_name)
            return _real(*args)

        monkeypatch.setattr(storage, name, spy)
    Store.open().upsert_story(story("a"))
    assert calls == ["_write_all", "_fsync", "_replace", "_fsync_dir"]


def test_new_database_and_folders_are_private(tmp_path: Path) -> None:
    db = tmp_path / "deep" / "er" / "bank.json"
    old = os.umask(0o022)
    try:
        store = Store.open(str(db))
        store.upsert_story(story("a"))
        store.upsert_story(story("b"))  # second write makes the rolling backup
    finally:
        os.umask(old)
    assert mode(db) == 0o600
    assert mode(db.parent) == 0o700
    assert mode(store.lock_file) == 0o600
    assert mode(store.backups_dir) == 0o700
    backups = list(store.backups_dir.iterdir())
    assert backups and all(mode(b) == 0o600 for b in backups)


def test_database_stays_private_even_if_made_readable(db_path: Path) -> None:
    store = Store.open()
    store.upsert_story(story("a"))
    db_path.chmod(0o644)
    store.upsert_story(story("b"))
    assert mode(db_path) == 0o600


def test_temp_file_is_exclusive_and_unpredictable(db_path: Path, monkeypatch) -> None:
    """The temp file comes from mkstemp in the target folder, never a fixed name."""
    seen: list[tuple[str, str | None, str | None]] = []
    real = storage.tempfile.mkstemp

    def spy(*args, **kwargs):
        fd, name = real(*args, **kwargs)
        seen.append((name, kwargs.get("prefix"), kwargs.get("dir")))
        return fd, name

    monkeypatch.setattr(storage.tempfile, "mkstemp", spy)
    store = Store.open()
    store.upsert_story(story("a"))
    store.upsert_story(story("b"))
    assert len(seen) == 3  # two saves and the rolling backup taken before the second
    for name, _prefix, folder in seen:
        assert Path(name).parent == Path(folder)
        assert Path(folder) in (db_path.parent, store.backups_dir)
        assert Path(name).name.endswith(TEMP_SUFFIX)
    db_temps = [Path(n).name for n, _, f in seen if Path(f) == db_path.parent]
    assert len(db_temps) == 2 and db_temps[0] != db_temps[1]
    assert all(n.startswith(f".{db_path.name}.") for n in db_temps)
    assert leftovers(db_path.parent) == [] and leftovers(store.backups_dir) == []


@pytest.mark.parametrize("step", ["_write_all", "_fsync", "_replace"])
def test_failure_at_each_save_step_leaves_the_file_byte_identical(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    store = Store.open()
    store.upsert_story(story("a", "original"))
    store.upsert_story(story("b"))
    before = db_path.read_bytes()

    def boom(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(storage, step, boom)
    with pytest.raises(DatabaseError, match="No space left on device; the file was left as it"):
        store.upsert_story(story("a", "changed"))
    with pytest.raises(DatabaseError):
        store.delete_story("b")
    assert db_path.read_bytes() == before
    assert leftovers(db_path.parent) == []
    assert leftovers(store.backups_dir) == []
    monkeypatch.undo()
    assert store.story("a").title == "original"
    store.upsert_story(story("a", "changed"))  # and the next save works
    assert read_bank(db_path).story("a").title == "changed"


def test_partial_os_write_is_completed(db_path: Path, monkeypatch) -> None:
    real = os.write

    def dribble(fd: int, data) -> int:
        return real(fd, bytes(data[:7]))

    monkeypatch.setattr(storage.os, "write", dribble)
    store = Store.open()
    store.upsert_story(story("a", "x" * 500))
    assert read_bank(db_path).story("a").title == "x" * 500


def test_symlinked_database_stays_a_symlink(tmp_path: Path) -> None:
    real_dir = tmp_path / "synced"
    real_dir.mkdir()
    target = real_dir / "bank.json"
    link = tmp_path / "bank-link.json"
    link.symlink_to(target)
    store = Store.open(str(link))
    store.upsert_story(story("a"))
    store.upsert_story(story("b"))
    store.delete_story("a")
    assert link.is_symlink() and link.resolve() == target
    assert [s.id for s in read_bank(link).stories] == ["b"]
    assert [s.id for s in read_bank(target).stories] == ["b"]
    assert mode(target) == 0o600
    # temp files, lock and backups live beside the real file (same filesystem for the rename)
    assert store.lock_file.parent == real_dir
    assert store.backups_dir.parent == real_dir
    assert leftovers(real_dir) == [] and leftovers(tmp_path) == []


def test_relative_symlink_in_another_folder(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "links").mkdir()
    link = tmp_path / "links" / "bank.json"
    link.symlink_to(Path("..") / "data" / "real.json")
    Store.open(str(link)).upsert_story(story("a"))
    assert link.is_symlink()
    assert (tmp_path / "data" / "real.json").is_file()


# --- leftovers of a killed writer --------------------------------------------------------


def test_leftover_temp_files_are_swept_at_open_and_never_read(db_path: Path) -> None:
    store = Store.open()
    store.upsert_story(story("a", "acknowledged"))
    before = db_path.read_bytes()
    newer = json.loads(before)
    newer["stories"]["1"]["title"] = "never acknowledged"
    torn = db_path.parent / f".{db_path.name}.k1l2l3{TEMP_SUFFIX}"
    whole = db_path.parent / f".{db_path.name}.abc123{TEMP_SUFFIX}"
    torn.write_bytes(before[: len(before) // 2])
    whole.write_text(json.dumps(newer))
    foreign = db_path.parent / f".other.json.zzz{TEMP_SUFFIX}"
    foreign.write_text("not ours")
    stray_backup = store.backups_dir / f".x.json.qqq{TEMP_SUFFIX}"
    store.backups_dir.mkdir(exist_ok=True)
    stray_backup.write_text("{}")

    assert read_bank(db_path).story("a").title == "acknowledged"  # the fast read ignores them
    reopened = Store.open()
    assert reopened.story("a").title == "acknowledged"
    assert not torn.exists() and not whole.exists() and not stray_backup.exists()
    assert foreign.exists()  # another database's file is not ours to remove
    assert db_path.read_bytes() == before


# --- damaged files are reported, never overwritten ---------------------------------------

DAMAGED = {
    "empty": b"",
    "whitespace": b"  \n",
    "torn": b'{"stories":{"1":{"id":"a","ti',
    "garbage": b"\x00\x01\xff\xfe not json",
    "list": b"[1, 2, 3]",
    "tables-not-maps": b'{"stories": [1, 2]}',
    "deep": b"[" * 100_000,
}


@pytest.mark.parametrize("name", list(DAMAGED))
def test_damaged_file_is_named_with_backups_and_never_overwritten(db_path: Path, name: str) -> None:
    payload = DAMAGED[name]
    db_path.write_bytes(payload)
    with pytest.raises(DatabaseError) as opened:
        Store.open()
    message = str(opened.value)
    assert str(db_path) in message
    assert str(db_path.parent / f".{db_path.name}.backups") in message
    assert "storybank restore NAME" in message and "storybank backups" in message
    with pytest.raises(DatabaseError):
        read_bank(db_path)
    store = Store(db_path)
    for attempt in (
        lambda: store.upsert_story(story("x")),
        lambda: store.set_setting("k", 1),
        lambda: store.delete_story("a"),
    ):
        with pytest.raises(DatabaseError):
            attempt()
    assert db_path.read_bytes() == payload
    assert leftovers(db_path.parent) == []


def test_torn_file_error_gives_the_position(db_path: Path) -> None:
    db_path.write_bytes(b'{"stories":\n{"1":')
    with pytest.raises(DatabaseError, match=r"not valid JSON at line 2 column 6"):
        read_bank(db_path)


def test_unreadable_file_is_a_clear_error(db_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads everything")
    Store.open().upsert_story(story("a"))
    db_path.chmod(0o000)
    try:
        with pytest.raises(DatabaseError, match="cannot read"):
            Store.open()
    finally:
        db_path.chmod(0o600)


def test_sweep_waits_for_the_lock_so_a_live_writers_temp_file_is_safe(db_path: Path) -> None:
    """While another storybank holds the lock (mid-save), open must not touch its temp file."""
    from filelock import FileLock

    Store.open().upsert_story(story("a"))
    live = db_path.parent / f".{db_path.name}.live01{TEMP_SUFFIX}"
    live.write_text("a save in progress")
    with FileLock(Store(db_path).lock_file):
        with pytest.raises(DatabaseError, match="another storybank is writing"):
            Store.open(lock_timeout=0.2)
        assert live.exists()
    Store.open()
    assert not live.exists()
