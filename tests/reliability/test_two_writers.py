"""Guarantee 2, two writers: concurrent processes never lose each other's changes.

Each write takes the lock, re-reads the file under it, applies its change and
renames the result into place. Two processes writing distinct ids at full speed
must therefore end with every id. The same run with the lock turned off must
lose some, which shows the test can fail.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path

import pytest

from storybank.model import Story
from storybank.store import Store

CHILD = Path(__file__).with_name("writers_child.py")
COUNT = 300

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="POSIX processes"),
]


def run_writers(db: Path, writers: list[tuple[str, str]], mode: str) -> None:
    """Start every writer, release them together, wait; fail on any child error."""
    procs: list[subprocess.Popen[str]] = []
    with ExitStack() as stack:
        logs = [stack.enter_context(tempfile.TemporaryFile("w+")) for _ in writers]
        try:
            for (role, prefix), log in zip(writers, logs, strict=True):
                procs.append(
                    subprocess.Popen(
                        [sys.executable, str(CHILD), str(db), role, prefix, str(COUNT), mode],
                        stdin=subprocess.PIPE,
                        stdout=subprocess.PIPE,
                        stderr=log,
                        text=True,
                    )
                )
            for proc in procs:
                assert proc.stdout.readline().strip() == "READY"
            for proc in procs:
                proc.stdin.write("go\n")
                proc.stdin.flush()
            for proc, log in zip(procs, logs, strict=True):
                rest = proc.stdout.read()
                proc.wait(timeout=120)
                log.seek(0)
                assert proc.returncode == 0 and rest.strip() == "DONE", log.read()[-2000:]
        finally:
            for proc in procs:
                if proc.poll() is None:
                    proc.kill()
                    proc.wait()


def lost_ids(db: Path) -> tuple[list[str], list[tuple[str, int]]]:
    store = Store(db)
    have = {s.id for s in store.stories()}
    want = [f"{p}-{i}" for p in ("tui", "cli") for i in range(COUNT)]
    missing_stories = [sid for sid in want if sid not in have]
    practice = {(r["by"], r["i"]) for r in store.practice_history()}
    wanted_practice = [("tui", i) for i in range(COUNT)] + [("cli", i) for i in range(0, COUNT, 3)]
    missing_practice = [rec for rec in wanted_practice if rec not in practice]
    return missing_stories, missing_practice


def test_two_processes_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    db = tmp_path / "bank.json"
    run_writers(db, [("upsert", "tui"), ("import", "cli")], "locked")
    missing_stories, missing_practice = lost_ids(db)
    assert missing_stories == [] and missing_practice == []
    store = Store.open(str(db))
    assert len(store.stories()) == 2 * COUNT
    assert len(store.companies()) == len(range(0, COUNT, 3))
    assert store.get_setting("progress.tui") == COUNT - 1
    # each writer's own stories stay in the order it wrote them
    tui = [s.id for s in store.stories() if s.id.startswith("tui-")]
    assert tui == [f"tui-{i}" for i in range(COUNT)]


def test_without_the_lock_the_same_run_loses_writes(tmp_path: Path) -> None:
    """The control: proves the test above would notice lost updates."""
    for attempt in range(3):
        db = tmp_path / f"bank{attempt}.json"
        run_writers(db, [("upsert", "tui"), ("import", "cli")], "unlocked")
        missing_stories, missing_practice = lost_ids(db)
        if missing_stories or missing_practice:
            return
    pytest.fail("three unlocked runs lost nothing: the two-writer test cannot see lost updates")


def test_a_long_open_store_does_not_overwrite_newer_changes(tmp_path: Path) -> None:
    """Like the TUI left open while `storybank import` runs: its next save re-reads first."""
    db = tmp_path / "bank.json"
    tui = Store.open(str(db))
    tui.upsert_story(Story(id="mine", title="Mine"))
    assert [s.id for s in tui.stories()] == ["mine"]  # the TUI has read (and cached) the bank
    other = Store.open(str(db))
    other.upsert_story(Story(id="theirs", title="Theirs"))
    tui.upsert_story(Story(id="mine", title="Mine, edited"))
    assert [(s.id, s.title) for s in Store(db).stories()] == [
        ("mine", "Mine, edited"),
        ("theirs", "Theirs"),
    ]
