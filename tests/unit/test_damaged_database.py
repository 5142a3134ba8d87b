"""Damaged databases x every command: one located message, exit 1, the file untouched.

Each shape below is valid JSON (or nearly) that an older storybank, a hand edit or a
bad disk could leave behind. Before, these crashed commands with a traceback (a JSON
integer over 4,300 digits crashed even `backups` and `restore`), or were written back
by the next import. The recovery tools must survive a damaged backup too.
"""

from __future__ import annotations

import json
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from storybank import backups
from storybank.cli import main
from storybank.errors import DatabaseError
from storybank.model import Metric, Story
from storybank.store import Store, read_bank

DATA = Path(__file__).resolve().parent.parent / "data"
VALID = DATA / "valid_bank.yaml"


def good_story(story_id: str = "good") -> dict[str, Any]:
    return Story(
        id=story_id,
        title="Cut the queue",
        competencies=["metrics"],
        context="c",
        decision="d",
        result="r",
        metrics=[Metric("hours", 10, 4)],
    ).to_dict()


def _with(change: Callable[[dict[str, Any]], None]) -> Callable[[], bytes]:
    def build() -> bytes:
        story = good_story("broken")
        change(story)
        data = {"stories": {"1": good_story(), "2": story}, "meta": {"1": {"schema_version": 1}}}
        return json.dumps(data).encode()

    return build


def _set(key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(story: dict[str, Any]) -> None:
        story[key] = value

    return change


def _metric(key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(story: dict[str, Any]) -> None:
        story["metrics"][0][key] = value

    return change


def _raw_metric(literal: str) -> Callable[[], bytes]:
    """A metric number written into the JSON text as is (json.dumps would refuse it)."""

    def build() -> bytes:
        text = _with(_metric("before", 123456789))().decode()
        return text.replace("123456789", literal, 1).encode()

    return build


SHAPES: dict[str, tuple[Callable[[], bytes], str]] = {
    "int over 4,300 digits": (_raw_metric("9" * 5000), "has thousands of digits"),
    "400-digit metric": (_raw_metric("9" * 400), "too large (400 digits"),
    "float overflow 1e999": (_raw_metric("1e999"), "must be a finite number"),
    "title 123": (_with(_set("title", 123)), "must be text, not the number 123"),
    "competencies [1, 2]": (_with(_set("competencies", [1, 2])), "must be text, not the number 1"),
    "null metric name": (_with(_metric("name", None)), "missing required key 'name'"),
    "metric name a list": (_with(_metric("name", ["x"])), "must be text, not a list"),
    "metric before text": (_with(_metric("before", "ten")), "must be a number"),
    "tags a string": (_with(_set("tags", "oops")), "must be a list"),
    "record not a mapping": (
        lambda: json.dumps({"stories": {"1": good_story(), "2": [1, 2]}}).encode(),
        "must be a mapping",
    ),
    "bad story id": (_with(_set("id", "Not A Slug")), "is not valid"),
    "duplicate ids": (_with(_set("id", "good")), "duplicate story id 'good'"),
    "unknown stage": (_with(_set("environment", {"stage": "moon"})), "unknown stage 'moon'"),
}

COMMANDS: dict[str, list[str]] = {
    "list": ["list"],
    "show": ["show", "good"],
    "export": ["export", "-"],
    "lint": ["lint"],
    "coverage": ["coverage"],
    "brief": ["brief", "acme"],
    "cards": ["cards"],
    "ask": ["ask", "Tell me about a metric you moved"],
    "import": ["import", str(VALID)],
    "import --replace": ["import", "--replace", str(VALID)],
    "init --sample": ["init", "--sample"],
}


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_every_command_refuses_a_damaged_database_cleanly(
    shape: str, command: str, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    build, fragment = SHAPES[shape]
    payload = build()
    db_path.write_bytes(payload)
    code, out, err = _run(capsys, *COMMANDS[command])
    assert code == 1, (out, err)
    assert "Traceback" not in err
    assert fragment in err
    assert str(db_path) in err
    assert "storybank restore NAME" in err
    assert db_path.read_bytes() == payload  # never rewritten, never "repaired" silently


def test_the_message_names_the_record_and_the_readable_backups(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = Store.open(str(db_path))
    store.upsert_story(Story.from_dict(good_story()))
    good_backup = backups.create_backup(db_path, "manual")
    db_path.write_bytes(_with(_set("title", 123))())
    code, _, err = _run(capsys, "list")
    assert code == 1
    assert "stories table, record 2: the title of story 'broken' must be text" in err
    assert f"Readable backups, newest first: {good_backup.name} (1 story)" in err


def test_a_located_number_error_gives_line_and_column(db_path: Path) -> None:
    db_path.write_bytes(b'{"stories": {"1":\n  {"id": "a", "n": ' + b"7" * 5000 + b"}}}")
    with pytest.raises(DatabaseError, match="number at line 2 column 20 has thousands"):
        read_bank(db_path)


def test_backups_and_restore_survive_damaged_backups(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The recovery tools list every backup, say which are readable, and refuse the bad."""
    store = Store.open(str(db_path))
    store.upsert_story(Story.from_dict(good_story()))
    good = backups.create_backup(db_path, "manual")
    folder = backups.backups_dir(db_path)
    bad_names = []
    for index, (_shape, (build, _)) in enumerate(sorted(SHAPES.items())):
        name = f"20200101-000000-{index:06d}-damaged.json"
        (folder / name).write_bytes(build())
        bad_names.append(name)
    db_path.write_bytes(SHAPES["int over 4,300 digits"][0]())  # the bank itself is damaged

    code, out, err = _run(capsys, "backups")
    assert code == 0 and err == ""
    assert out.count("unreadable") == len(bad_names)
    code, out, _ = _run(capsys, "backups", "--json")
    listed = {item["name"]: item for item in json.loads(out)}
    assert listed[good.name]["readable"] is True and listed[good.name]["stories"] == 1
    assert all(listed[name]["readable"] is False for name in bad_names)

    for name in bad_names:
        before = db_path.read_bytes()
        code, _, err = _run(capsys, "restore", name)
        assert code == 1 and "Traceback" not in err and "cannot restore" in err
        assert db_path.read_bytes() == before
    code, out, err = _run(capsys, "restore", good.name)
    assert code == 0, err
    assert [s.id for s in read_bank(db_path).stories] == ["good"]


def test_an_oversized_database_is_refused_without_reading_it(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A 4 GB file was read whole (5.2 GB RSS); now the size is checked first."""
    from storybank.dbfile import MAX_DB_BYTES

    with open(db_path, "wb") as handle:
        handle.truncate(MAX_DB_BYTES + 1)  # sparse: no disk used
    for argv in (["list"], ["ask", "why product ops?"], ["import", str(VALID)]):
        code, _, err = _run(capsys, *argv)
        assert code == 1 and "larger than any storybank database" in err and "64 MiB" in err
    assert db_path.stat().st_size == MAX_DB_BYTES + 1


def test_a_fifo_database_is_refused_without_blocking_or_a_lock_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import os

    fifo = tmp_path / "bank.json"
    os.mkfifo(fifo)
    for argv in (["list"], ["import", str(VALID)], ["init"]):
        code, _, err = _run(capsys, "--db", str(fifo), *argv)
        assert code == 1 and "not a regular file" in err
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bank.json"]  # no lock beside it


def test_a_device_gets_no_lock_file_beside_it(capsys: pytest.CaptureFixture[str]) -> None:
    if Path("/dev/.null.lock").exists():
        pytest.skip("an older storybank left /dev/.null.lock behind")
    code, _, err = _run(capsys, "--db", "/dev/null", "init")
    assert code == 1 and "not a regular file" in err
    assert not Path("/dev/.null.lock").exists()
