"""The Store API: records, order, settings, practice, imports, schema and migrations."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from factories import story as make_story
from storybank import store as store_module
from storybank.errors import DatabaseError, NotFoundError
from storybank.model import Bank, Company, Metric, Question
from storybank.store import ImportPlan, Store, read_bank


@pytest.fixture
def store(db_path: Path) -> Store:
    return Store.open()


def test_open_uses_env_path_and_creates_nothing(store: Store, db_path: Path) -> None:
    assert store.path == db_path
    assert store.is_empty()
    assert store.stories() == []
    assert not db_path.exists()


def test_open_explicit_path_wins(tmp_path: Path) -> None:
    explicit = tmp_path / "other.json"
    assert Store.open(str(explicit)).path == explicit


def test_upsert_keeps_position_and_replaces_whole_record(store: Store) -> None:
    store.upsert_story(make_story("a", metrics=[Metric("time", 10, 4, "h")], tags=["x"]))
    store.upsert_story(make_story("b"))
    store.upsert_story(make_story("c"))
    store.upsert_story(make_story("a", "Renamed"))
    assert [s.id for s in store.stories()] == ["a", "b", "c"]
    renamed = store.story("a")
    assert renamed is not None and renamed.title == "Renamed"
    # fields dropped from the new version are gone, not merged from the old one
    assert renamed.metrics == [] and renamed.tags == []


def test_story_round_trips_exactly(store: Store) -> None:
    story = make_story(
        "rich",
        summary='Ünïcödé ✓ and "quotes"\nnew line',
        metrics=[Metric("escalation time", 10, 4.5, "h"), Metric("nps", None, 41)],
        rounds={"case": "lead with the funnel"},
    )
    store.upsert_story(story)
    assert store.story("rich") == story
    assert read_bank(store.path).stories == [story]


def test_insertion_order_survives_delete_and_reinsert(store: Store) -> None:
    for sid in "abcd":
        store.upsert_story(make_story(sid))
    store.delete_story("d")
    store.upsert_story(make_story("e"))
    store.delete_story("b")
    store.upsert_story(make_story("f"))
    assert [s.id for s in store.stories()] == ["a", "c", "e", "f"]


def test_delete_returns_story_and_missing_raises(store: Store) -> None:
    store.upsert_story(make_story("a"))
    assert store.delete_story("a").id == "a"
    with pytest.raises(NotFoundError, match="no story with id 'a'"):
        store.delete_story("a")
    with pytest.raises(NotFoundError):
        store.delete_company("nope")


def test_companies(store: Store) -> None:
    store.upsert_company(Company(id="acme", name="Acme", stage="growth", focus=["prioritization"]))
    store.upsert_company(Company(id="zen", name="Zen"))
    store.upsert_company(Company(id="acme", name="Acme Corp"))
    assert [c.name for c in store.companies()] == ["Acme Corp", "Zen"]
    assert store.company("zen") == Company(id="zen", name="Zen")
    assert store.company("missing") is None
    assert store.delete_company("zen").name == "Zen"
    assert not store.is_empty()


def test_settings_and_practice(store: Store) -> None:
    assert store.get_setting("theme", "dark") == "dark"
    store.set_setting("theme", "light")
    store.set_setting("drill", {"minutes": 2, "kinds": ["case"]})
    store.set_setting("theme", "nord")
    assert store.get_setting("theme") == "nord"
    assert store.get_setting("drill") == {"minutes": 2, "kinds": ["case"]}
    store.get_setting("drill")["minutes"] = 99  # a copy: the store is not changed
    assert store.get_setting("drill")["minutes"] == 2
    store.add_practice({"question": "q1", "story": "a", "seconds": 95})
    store.add_practice({"question": "q2", "story": None, "seconds": 40})
    assert [r["question"] for r in store.practice_history()] == ["q1", "q2"]
    assert store.is_empty()  # settings and practice are not stories


def test_seen_settings_are_the_version_last_read_not_the_disk(store: Store, db_path: Path) -> None:
    from storybank import settings

    assert store.seen_setting("theme", "dark") == "dark"  # nothing read yet: reads the file
    store.set_setting("theme", "light")
    other = Store(db_path)  # another process changes it
    other.set_setting("theme", "nord")
    assert store.seen_setting("theme") == "light"  # as this store last saw the file
    assert settings.read(store.seen_settings, settings.THEME) == "light"
    assert store.get_setting("theme") == "nord"  # a real read looks at the disk...
    assert store.seen_setting("theme") == "nord"  # ...and what it saw is seen from then on
    other.set_setting("drill", {"minutes": 2})
    store.bank()
    seen = store.seen_setting("drill")
    seen["minutes"] = 99  # a copy: the store's snapshot is not changed
    assert store.seen_setting("drill") == {"minutes": 2}


def test_values_the_file_cannot_hold_are_refused_before_writing(store: Store) -> None:
    with pytest.raises(TypeError):
        store.set_setting("bad", object())
    with pytest.raises(ValueError):
        store.add_practice({"seconds": float("nan")})
    assert not store.path.exists()


def test_questions_come_from_imports(store: Store) -> None:
    question = Question(id="q-1", text="Tell me about a launch.", kind="behavioral")
    store.apply_import(Bank(questions=[question]))
    assert store.questions() == [question]


def test_file_is_compact_deterministic_json_with_schema(store: Store) -> None:
    store.upsert_story(make_story("a"))
    first = store.path.read_bytes()
    store.upsert_story(make_story("a"))  # same content again
    assert store.path.read_bytes() == first
    data = json.loads(first)
    assert data["meta"] == {"1": {"schema_version": store_module.SCHEMA_VERSION}}
    assert b": " not in first and b"\n" not in first.rstrip(b"\n")


# --- imports -----------------------------------------------------------------------------


def test_plan_and_merge(store: Store) -> None:
    store.upsert_story(make_story("keep"))
    store.upsert_story(make_story("edit"))
    incoming = Bank(
        stories=[make_story("edit", "Edited"), make_story("keep"), make_story("new")],
        companies=[Company(id="acme", name="Acme")],
    )
    plan = store.plan_import(incoming)
    nothing = {"questions": [], "ledger": [], "debriefs": []}
    assert plan.added == {"stories": ["new"], "companies": ["acme"], **nothing}
    assert plan.changed["stories"] == ["edit"]
    assert plan.unchanged["stories"] == ["keep"]
    assert plan.removed == {"stories": [], "companies": [], **nothing}
    before = store.path.read_bytes()
    store.plan_import(incoming)
    assert store.path.read_bytes() == before

    applied = store.apply_import(incoming)
    assert applied == plan
    assert [s.id for s in store.stories()] == ["keep", "edit", "new"]
    assert store.story("edit").title == "Edited"


def test_merge_keeps_records_not_in_the_file(store: Store) -> None:
    store.upsert_story(make_story("mine"))
    store.apply_import(Bank(stories=[make_story("theirs")]))
    assert [s.id for s in store.stories()] == ["mine", "theirs"]


def test_replace_removes_others_and_backs_up_first(store: Store) -> None:
    store.upsert_story(make_story("old"))
    store.upsert_company(Company(id="acme", name="Acme"))
    before = store.path.read_bytes()
    plan = store.apply_import(Bank(stories=[make_story("b"), make_story("a")]), replace=True)
    assert plan.removed["stories"] == ["old"] and plan.removed["companies"] == ["acme"]
    assert [s.id for s in store.stories()] == ["b", "a"]
    assert store.companies() == []
    replace_backups = sorted(store.backups_dir.glob("*-import-replace.json"))
    assert len(replace_backups) == 1
    assert replace_backups[0].read_bytes() == before


def test_replace_with_same_records_in_new_order_reorders(store: Store) -> None:
    store.apply_import(Bank(stories=[make_story("a"), make_story("b")]))
    plan = store.apply_import(Bank(stories=[make_story("b"), make_story("a")]), replace=True)
    assert not plan.has_changes()
    assert [s.id for s in store.stories()] == ["b", "a"]


def test_import_without_changes_does_not_write(store: Store) -> None:
    store.apply_import(Bank(stories=[make_story("a")]))
    stamp = store.path.stat().st_mtime_ns
    inode = store.path.stat().st_ino
    plan = store.apply_import(Bank(stories=[make_story("a")]))
    assert not plan.has_changes()
    assert (store.path.stat().st_ino, store.path.stat().st_mtime_ns) == (inode, stamp)


def test_int_and_float_are_different_values(store: Store) -> None:
    store.upsert_story(make_story("a", metrics=[Metric("m", 4, 5)]))
    plan = store.plan_import(Bank(stories=[make_story("a", metrics=[Metric("m", 4.0, 5)])]))
    assert plan.changed["stories"] == ["a"]


def test_summary_lines() -> None:
    plan = ImportPlan()
    plan.added["stories"] = ["launch-ops-reset"]
    plan.changed["companies"] = ["acme"]
    plan.unchanged["questions"] = [f"q{i}" for i in range(30)]
    plan.unchanged["stories"] = ["steady"]
    plan.removed["stories"] = ["gone"]
    assert plan.summary_lines() == [
        "add story launch-ops-reset",
        "change company acme",
        "keep story steady (unchanged)",
        "keep 30 questions (unchanged)",
        "remove story gone",
        "1 to add, 1 to change, 31 unchanged, 1 to remove",
    ]
    assert plan.has_changes()
    assert not ImportPlan().has_changes()


def test_apply_import_replans_against_the_file_as_it_is_now(db_path: Path) -> None:
    first, second = Store.open(), Store.open()
    stale = first.plan_import(Bank(stories=[make_story("a")]))
    assert stale.added["stories"] == ["a"]
    second.upsert_story(make_story("a", "Written elsewhere"))
    plan = first.apply_import(Bank(stories=[make_story("a")]))
    assert plan.changed["stories"] == ["a"]


# --- reading: fast path, damaged files, schema -------------------------------------------


def test_read_bank_missing_file_is_empty(tmp_path: Path) -> None:
    assert read_bank(tmp_path / "none.json") == Bank()


def test_read_bank_does_not_import_tinydb_or_filelock(store: Store) -> None:
    store.upsert_story(make_story("a"))
    code = (
        "import sys; from pathlib import Path; from storybank.store import read_bank;"
        f"b = read_bank(Path({str(store.path)!r})); assert b.stories[0].id == 'a';"
        "bad = [m for m in ('tinydb', 'filelock', 'textual') if m in sys.modules];"
        "print(bad)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_reads_see_changes_made_by_another_store(db_path: Path) -> None:
    reader, writer = Store.open(), Store.open()
    assert reader.stories() == []
    writer.upsert_story(make_story("a"))
    assert [s.id for s in reader.stories()] == ["a"]
    writer.upsert_story(make_story("a", "Again"))
    assert reader.story("a").title == "Again"


def test_newer_schema_is_refused_and_left_alone(db_path: Path) -> None:
    payload = json.dumps({"meta": {"1": {"schema_version": 99}}, "stories": {}}).encode()
    db_path.write_bytes(payload)
    with pytest.raises(DatabaseError, match="newer storybank"):
        Store.open()
    with pytest.raises(DatabaseError, match="newer storybank"):
        read_bank(db_path)
    assert db_path.read_bytes() == payload


def test_damaged_record_is_an_error_not_a_traceback(db_path: Path) -> None:
    db_path.write_text(json.dumps({"stories": {"1": {"title": "no id"}}}))
    with pytest.raises(DatabaseError, match="record storybank cannot read"):
        Store.open()


def test_migration_runs_under_lock_with_backup(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = {"meta": {"1": {"schema_version": 1}}, "stories": {"1": make_story("a").to_dict()}}
    old["stories"]["1"]["title"] = "lower case"
    payload = json.dumps(old).encode()
    db_path.write_bytes(payload)

    def upper_titles(data: dict) -> None:
        for doc in data["stories"].values():
            doc["title"] = doc["title"].upper()

    monkeypatch.setattr(store_module, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(store_module, "MIGRATIONS", {1: upper_titles})
    # a read before migration sees migrated data without writing
    assert read_bank(db_path).stories[0].title == "LOWER CASE"
    assert db_path.read_bytes() == payload
    store = Store.open()
    assert store.story("a").title == "LOWER CASE"
    assert json.loads(db_path.read_bytes())["meta"]["1"]["schema_version"] == 2
    backups = list(store.backups_dir.glob("*-before-migration-1-to-2.json"))
    assert len(backups) == 1 and backups[0].read_bytes() == payload


def test_missing_migration_is_a_clear_error(db_path: Path, monkeypatch) -> None:
    db_path.write_text(json.dumps({"meta": {"1": {"schema_version": 1}}}))
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", 3)
    monkeypatch.setattr(store_module, "MIGRATIONS", {1: lambda data: None})
    with pytest.raises(DatabaseError, match="no way to upgrade it from 2"):
        Store.open()


def test_db_path_that_is_a_folder(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="is a folder"):
        Store.open(str(tmp_path))


def test_lock_held_too_long_is_a_clear_error(db_path: Path) -> None:
    from filelock import FileLock

    from storybank import locations

    store = Store.open(lock_timeout=0.2)
    store.upsert_story(make_story("a"))
    other = FileLock(locations.lock_path(db_path))
    with other, pytest.raises(DatabaseError, match="another storybank is writing"):
        store.upsert_story(make_story("b"))
    assert [s.id for s in store.stories()] == ["a"]
    store.upsert_story(make_story("b"))  # released: writes again
    assert [s.id for s in store.stories()] == ["a", "b"]


def test_lock_file_is_private(store: Store) -> None:
    store.upsert_story(make_story("a"))
    assert oct(os.stat(store.lock_file).st_mode & 0o777) == oct(0o600)


@pytest.mark.slow
def test_threads_sharing_one_store_lose_nothing(db_path: Path) -> None:
    """The TUI may save from worker threads: the lock is created once and held per write."""
    import threading

    for _ in range(3):
        db_path.unlink(missing_ok=True)
        store = Store(db_path)  # fresh: the threads race to create the lock
        start = threading.Barrier(3)

        def write(prefix: str, store: Store = store, start: threading.Barrier = start) -> None:
            start.wait()
            for i in range(40):
                store.upsert_story(make_story(f"{prefix}{i}"))

        threads = [threading.Thread(target=write, args=(p,)) for p in "abc"]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len(store.stories()) == 120


def test_a_write_without_open_migrates_too_with_a_backup(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = {"meta": {"1": {"schema_version": 1}}, "stories": {"1": make_story("a").to_dict()}}
    payload = json.dumps(old).encode()
    db_path.write_bytes(payload)
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(store_module, "MIGRATIONS", {1: lambda data: data.setdefault("x", {})})
    store = Store(db_path)
    store.upsert_story(make_story("b"))
    data = json.loads(db_path.read_bytes())
    assert data["meta"]["1"]["schema_version"] == 2 and "x" in data
    assert [s.id for s in store.stories()] == ["a", "b"]
    backups = list(store.backups_dir.glob("*-before-migration-1-to-2.json"))
    assert len(backups) == 1 and backups[0].read_bytes() == payload
