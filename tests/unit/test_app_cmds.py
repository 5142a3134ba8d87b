"""`storybank` (no command) and `storybank demo`: the app opens on the right database."""

from __future__ import annotations

from pathlib import Path

import pytest

from storybank.cli import main
from storybank.store import Store
from storybank.tui.app import StorybankApp


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[StorybankApp]:
    """Replace the terminal run with a record of the app that would have opened."""
    apps: list[StorybankApp] = []

    def fake_run(self: StorybankApp, *args: object, **kwargs: object) -> None:
        apps.append(self)

    monkeypatch.setattr(StorybankApp, "run", fake_run)
    return apps


def test_no_command_opens_the_app_on_the_given_db(tmp_path: Path, opened) -> None:
    db = tmp_path / "mine.json"
    assert main(["--db", str(db)]) == 0
    assert len(opened) == 1
    assert opened[0].store.path == db


def test_no_command_uses_the_environment_db(db_path: Path, opened) -> None:
    assert main([]) == 0
    assert opened[0].store.path == db_path


def test_corrupt_database_is_one_clear_error_without_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], opened
) -> None:
    db = tmp_path / "broken.json"
    db.write_text('{"stories": {"1": {"id": ')
    before = db.read_bytes()
    assert main(["--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert str(db) in err
    assert "Traceback" not in err
    assert opened == []
    assert db.read_bytes() == before


def test_demo_opens_a_temporary_copy_of_the_samples_and_cleans_up(
    db_path: Path, capsys: pytest.CaptureFixture[str], opened
) -> None:
    assert main(["demo"]) == 0
    demo_db = opened[0].store.path
    assert demo_db != db_path
    err = capsys.readouterr().err
    # Issue 14: the last words on the terminal never name a copy that was deleted.
    assert str(demo_db) not in err and str(demo_db.parent) not in err
    assert "was deleted" in err and "your own bank was not touched" in err
    assert opened[0].demo and len(opened[0].bank.stories) >= 5 and opened[0].bank.companies
    assert not demo_db.exists()
    assert not db_path.exists()  # the user's own bank was never touched


def test_demo_keep_leaves_the_copy(capsys: pytest.CaptureFixture[str], opened) -> None:
    assert main(["demo", "--keep"]) == 0
    demo_db = opened[0].store.path
    assert demo_db.exists()
    assert f"kept at {demo_db}" in capsys.readouterr().err
    assert len(Store.open(str(demo_db)).stories()) >= 5
    import shutil

    shutil.rmtree(demo_db.parent)


SECRET = "Confidential: the Orion layoffs story"


def _crash_on_theme_key(monkeypatch: pytest.MonkeyPatch) -> None:
    """An unexpected bug: the theme action raises while story text is in its locals."""

    def boom(self: StorybankApp) -> None:
        story_title = SECRET  # what Textual's traceback would print as a local
        raise RuntimeError(f"bug while handling {len(story_title)} characters")

    monkeypatch.setattr(StorybankApp, "action_pick_theme", boom)


async def _press_theme_key(pilot) -> None:
    await pilot.pause()
    await pilot.press("ctrl+t")
    await pilot.pause()


def test_an_app_crash_is_one_line_exit_1_and_no_story_text(
    db_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from storybank.cli.app_cmds import CRASH_MESSAGE, run_tui
    from storybank.tui.factory import make_app

    _crash_on_theme_key(monkeypatch)
    code = run_tui(make_app(str(db_path)), headless=True, auto_pilot=_press_theme_key)
    out, err = capsys.readouterr()
    assert code == 1
    assert err == CRASH_MESSAGE + "\n"
    assert SECRET not in out and SECRET not in err and "Traceback" not in err


def test_control_textual_alone_prints_the_locals(
    db_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the test above guards against: a plain run() shows the story text."""
    from storybank.tui.factory import make_app

    _crash_on_theme_key(monkeypatch)
    app = make_app(str(db_path))
    app.run(headless=True, auto_pilot=_press_theme_key)
    out, err = capsys.readouterr()
    assert app.return_code == 1
    assert SECRET in out + err


def test_debug_env_keeps_textuals_traceback(
    db_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from storybank.cli.app_cmds import run_tui
    from storybank.tui.factory import make_app

    monkeypatch.setenv("STORYBANK_DEBUG", "1")
    _crash_on_theme_key(monkeypatch)
    assert run_tui(make_app(str(db_path)), headless=True, auto_pilot=_press_theme_key) == 1
    assert "RuntimeError" in capsys.readouterr().err


def test_demo_names_the_export_the_user_chose(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "kept.yaml"

    def fake_run(self: StorybankApp, *args: object, **kwargs: object) -> None:
        self.demo_exported = target

    monkeypatch.setattr(StorybankApp, "run", fake_run)
    assert main(["demo"]) == 0
    err = capsys.readouterr().err
    assert f"exported to {target}" in err and f"storybank import {target}" in err
