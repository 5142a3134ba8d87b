"""Smaller CLI defects of issue 14, each pinned by a test that failed before the fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from factories import complete_story
from storybank.cli import main
from storybank.store import Store


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("command", [["list"], ["lint"], ["coverage"], ["status"], ["ask", "Why?"]])
def test_a_mistyped_db_folder_is_named_not_read_as_an_empty_bank(
    tmp_path: Path, capsys, command: list[str]
) -> None:
    missing = tmp_path / "no-such-folder" / "bank.json"
    code, out, err = run(capsys, *command, "--db", str(missing))
    assert code == 1 and out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "does not exist" in lines[0]
    assert str(missing.parent) in lines[0] and "--db" in lines[0]
    assert "No stories yet" not in err and not missing.parent.exists()


def test_a_mistyped_storybank_db_folder_is_named(
    tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STORYBANK_DB", str(tmp_path / "typo" / "bank.json"))
    code, _, err = run(capsys, "list")
    assert code == 1 and "STORYBANK_DB" in err and "does not exist" in err


def test_a_new_bank_file_in_an_existing_folder_is_still_an_empty_bank(
    tmp_path: Path, capsys
) -> None:
    code, out, _ = run(capsys, "list", "--db", str(tmp_path / "fresh.json"))
    assert code == 0 and "No stories yet" in out


def test_list_uses_a_wide_terminal_for_the_competencies(
    db_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    Store(db_path).upsert_story(
        complete_story(
            "wide",
            "A story with many competencies",
            competencies=[
                "process-improvement",
                "tooling-automation",
                "cross-functional-execution",
                "stakeholder-management",
            ],
        )
    )
    monkeypatch.setenv("COLUMNS", "160")
    code, out, _ = run(capsys, "list")
    assert code == 0
    assert "cross-functional-execution, stakeholder-management" in out and "…" not in out
    assert all(len(line) <= 160 for line in out.splitlines())
    monkeypatch.setenv("COLUMNS", "80")
    code, out, _ = run(capsys, "list")
    assert "…" in out and all(len(line) <= 80 for line in out.splitlines())


def test_the_lint_empty_bank_hint_fits_80_columns(capsys) -> None:
    code, out, _ = run(capsys, "lint")
    assert code == 0 and "no stories yet" in out
    assert all(len(line) <= 80 for line in out.splitlines())
