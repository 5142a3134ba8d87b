"""Odd environments and paths: a clear line and exit 1, never a traceback or a silent surprise.

No home folder, an unusable path, a non-UTF-8 terminal, a read-only database, a file
where the backups folder belongs, a path ending in a slash, a killed export's temp file,
folders created under umask 000.
"""

from __future__ import annotations

import os
import pwd
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from storybank import locations
from storybank.cli import main
from storybank.errors import DatabaseError
from storybank.privatefile import STALE_AFTER, sweep_stale_temps, write_private_text
from storybank.store import Store, read_bank

DATA = Path(__file__).resolve().parent.parent / "data"
VALID = DATA / "valid_bank.yaml"
ONE_STORY = (
    "version: 1\nstories:\n  - id: only\n    title: T\n    competencies: [metrics]\n"
    "    context: c\n    decision: d\n    result: r\n"
)


def one_story_file(folder: Path) -> str:
    path = folder / "one.yaml"
    path.write_text(ONE_STORY)
    return str(path)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def no_home(monkeypatch: pytest.MonkeyPatch) -> None:
    """HOME unset and no passwd entry for the account (a container's random uid)."""
    for name in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)

    def no_entry(uid: int) -> pwd.struct_passwd:
        raise KeyError(f"getpwuid(): uid not found: {uid}")

    monkeypatch.setattr(pwd, "getpwuid", no_entry)


@pytest.mark.parametrize(
    "argv",
    [["init"], ["import", str(VALID)], ["list"], ["lint"], ["backups"], ["locate"],
     ["ask", "Tell me about a launch"]],
)  # fmt: skip
def test_without_a_home_folder_commands_work_when_paths_are_set(
    argv: list[str], no_home: None, capsys: pytest.CaptureFixture[str]
) -> None:
    """STORYBANK_DB, STORYBANK_CONFIG_DIR and STORYBANK_CACHE_DIR are set (conftest)."""
    if argv[0] in ("list", "lint", "ask", "backups"):
        assert run(capsys, "import", str(VALID))[0] == 0
    code, _, err = run(capsys, *argv)
    assert code == 0, err
    assert "Traceback" not in err


def test_without_a_home_folder_or_variables_the_message_says_what_to_set(
    no_home: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in (locations.DB_ENV, locations.CONFIG_ENV, locations.CACHE_ENV):
        monkeypatch.delenv(name)
    code, _, err = run(capsys, "list")
    assert code == 1
    assert err.startswith("storybank: cannot find your data folder: no home folder is known")
    assert "Set STORYBANK_DB" in err and len(err.splitlines()) == 1
    code, out, err = run(capsys, "--db", "/tmp/x.json", "locate")
    assert code == 0 and "(unknown: cannot find your config folder" in out


def test_ask_without_a_home_folder_still_answers(
    no_home: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "import", str(VALID))[0] == 0
    monkeypatch.delenv(locations.CACHE_ENV)
    monkeypatch.delenv(locations.CONFIG_ENV)
    code, out, err = run(capsys, "ask", "Tell me about a launch")
    assert code == 0 and err == "" and out


@pytest.mark.parametrize("argv", [["init"], ["import", str(VALID)], ["restore", "x"], ["list"]])
def test_a_file_name_too_long_is_one_clean_line(
    argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / ("a" * 300) / "bank.json"
    code, _, err = run(capsys, "--db", str(db), *argv)
    assert code == 1
    assert "Traceback" not in err and len(err.splitlines()) == 1
    assert "File name too long" in err


def test_a_folder_that_cannot_be_entered_is_one_clean_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Simulated (tests may run as root, who can enter anything): stat says EACCES."""
    locked = tmp_path / "locked"
    real_stat = os.stat

    def stat_denied(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if str(path).startswith(str(locked)):
            raise PermissionError(13, "Permission denied", str(path))
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", stat_denied)
    for argv in (["init"], ["import", str(VALID)], ["restore", "x"]):
        code, _, err = run(capsys, "--db", str(locked / "inner" / "bank.json"), *argv)
        assert code == 1, argv
        assert "Traceback" not in err and "Permission denied" in err
        assert len(err.splitlines()) == 1


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
@pytest.mark.parametrize("argv", [["lint"], ["coverage"], ["brief", "acme"], ["cards"], ["list"]])
def test_a_non_utf8_terminal_never_crashes_a_report(
    argv: list[str], encoding: str, tmp_path: Path
) -> None:
    env = {**os.environ, "PYTHONIOENCODING": encoding, "LANG": "C", "LC_ALL": "C"}
    db = tmp_path / "bank.json"
    env["STORYBANK_DB"] = str(db)
    subprocess.run(
        [sys.executable, "-m", "storybank", "init", "--sample"], env=env, check=True,
        capture_output=True,
    )  # fmt: skip
    Store(db).upsert_story(read_bank(db).stories[0].replace(title="Café → 日本 — “quoted” ✓"))
    done = subprocess.run([sys.executable, "-m", "storybank", *argv], env=env, capture_output=True)
    assert b"Traceback" not in done.stderr and b"UnicodeEncodeError" not in done.stderr
    assert done.returncode in (0, 1), done.stderr  # lint exits 1 for errors in the bank
    if argv[0] != "brief":
        assert done.stdout


def test_a_read_only_database_is_refused_not_replaced(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "import", str(VALID))[0] == 0
    os.chmod(db_path, 0o400)
    before = db_path.read_bytes()
    inode = db_path.stat().st_ino
    code, _, err = run(capsys, "import", "--replace", one_story_file(db_path.parent))
    assert code == 1
    assert "is read-only, so storybank will not replace it; nothing was changed" in err
    with pytest.raises(DatabaseError, match="read-only"):
        Store.open().set_setting("x", 1)
    assert db_path.read_bytes() == before and db_path.stat().st_ino == inode
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o400
    assert run(capsys, "list")[0] == 0  # reading is fine


def test_restore_into_a_read_only_database_is_refused(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from storybank import backups

    assert run(capsys, "import", str(VALID))[0] == 0
    backup = backups.create_backup(db_path, "manual")
    os.chmod(db_path, 0o400)
    code, _, err = run(capsys, "restore", backup.name)
    assert code == 1 and "read-only" in err
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o400


def test_a_file_where_the_backups_folder_belongs_says_so(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "import", str(VALID))[0] == 0
    blocker = locations.backups_dir(db_path)
    blocker.write_text("not a folder")
    code, _, err = run(capsys, "import", "--replace", one_story_file(db_path.parent))
    assert code == 1
    assert f"{blocker} is a file, not a folder" in err and "File exists" not in err


def test_no_lock_file_means_not_another_storybank(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A lock that cannot be created (a read-only folder) is not 'another storybank'."""
    from filelock import FileLock, Timeout

    def never(self: FileLock, *args: object, **kwargs: object) -> None:
        raise Timeout(self.lock_file)

    monkeypatch.setattr(FileLock, "acquire", never)
    code, _, err = run(capsys, "import", str(VALID))
    assert code == 1
    assert "cannot create the lock file" in err and "another storybank" not in err


@pytest.mark.parametrize("source", ["--db", "env"])
def test_a_database_path_ending_in_a_slash_is_refused(
    source: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    target = f"{tmp_path}/newbank/"
    argv = ["--db", target, "init"] if source == "--db" else ["init"]
    if source == "env":
        monkeypatch.setenv(locations.DB_ENV, target)
    code, _, err = run(capsys, *argv)
    assert code == 1 and "ends with a slash" in err
    assert not (tmp_path / "newbank").exists()


def test_an_export_path_ending_in_a_slash_is_refused(tmp_path: Path, capsys) -> None:
    assert run(capsys, "import", str(VALID))[0] == 0
    code, _, err = run(capsys, "export", f"{tmp_path}/out.yaml/")
    assert code == 1 and "Traceback" not in err
    assert not (tmp_path / "out.yaml").exists()


def test_folders_are_created_0700_all_the_way_down(tmp_path: Path, capsys) -> None:
    old = os.umask(0)
    try:
        db = tmp_path / "a" / "b" / "c" / "bank.json"
        assert run(capsys, "--db", str(db), "import", str(VALID))[0] == 0
    finally:
        os.umask(old)
    for folder in (tmp_path / "a", tmp_path / "a" / "b", db.parent):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder


@pytest.mark.parametrize("command", ["export", "brief", "cards"])
def test_a_killed_writers_temp_file_is_swept_by_the_next_write(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "init", "--sample")[0] == 0
    target = tmp_path / "out.md"
    old = tmp_path / f".storybank-{target.name}.k1ll3d99.tmp"
    legacy = tmp_path / f".{target.name}.ab12cd34.tmp"  # the name older versions used
    young = tmp_path / f".storybank-{target.name}.stillbusy.tmp"
    foreign = tmp_path / ".out.md.notes.tmp"  # not ours: a different shape
    for path in (old, legacy, young, foreign):
        path.write_text("plaintext of a story")
    stale = time.time() - STALE_AFTER - 5
    for path in (old, legacy, foreign):
        os.utime(path, (stale, stale))
    argv = {
        "export": ["export", str(target)],
        "brief": ["brief", "tracewind", "--markdown", str(target)],
        "cards": ["cards", "--markdown", str(target)],
    }[command]
    code, _, err = run(capsys, *argv)
    assert code == 0, err
    assert target.exists()
    assert not old.exists() and not legacy.exists()
    assert young.exists() and foreign.exists()  # maybe a live write; not ours
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".storybank-")]
    assert leftovers == [young.name]


def test_temp_files_are_named_recognisably(tmp_path: Path, monkeypatch) -> None:
    seen: list[str] = []
    real_replace = os.replace

    def spy(source: str, target: str) -> None:
        seen.append(Path(source).name)
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", spy)
    write_private_text(tmp_path / "cards.md", "x")
    assert seen and seen[0].startswith(".storybank-cards.md.") and seen[0].endswith(".tmp")
    assert sweep_stale_temps(tmp_path / "cards.md") == []
