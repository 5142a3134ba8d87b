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


@pytest.mark.parametrize("command", ["lint", "list", "cards"])
def test_the_empty_bank_hint_fits_80_columns(
    capsys, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    monkeypatch.setenv("COLUMNS", "160")  # the hint is wrapped for 80, whatever the terminal
    code, out, _ = run(capsys, command)
    assert code == 0 and "no stories yet" in out.lower()
    assert "storybank new" in out and "storybank demo" in out
    assert all(len(line) <= 80 for line in out.splitlines())


def test_plain_b2b_is_refused_with_its_two_meanings(tmp_path: Path, capsys) -> None:
    """`customer: b2b` once became b2b-enterprise without a word."""
    source = tmp_path / "mine.yaml"
    source.write_text(
        "version: 1\ncompanies:\n  - id: acme\n    name: Acme\n    customer: B2B\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "import", str(source))
    assert code == 1 and out == ""
    assert err.strip() == (
        f"{source}:5:15: customer 'B2B' in company 'acme' is ambiguous: write "
        "b2b-enterprise (selling to large organisations) or b2b-smb (selling to small "
        "and mid-size businesses)"
    )
    assert Store.open().bank().companies == []
    source.write_text(source.read_text().replace("B2B", "B2B SMB"), encoding="utf-8")
    assert run(capsys, "import", str(source))[0] == 0
    assert Store.open().bank().companies[0].environment.customer == "b2b-smb"


def test_an_unlikely_interview_date_is_kept_and_named(tmp_path: Path, capsys) -> None:
    from datetime import date, timedelta

    long_ago = (date.today() - timedelta(days=2527)).isoformat()
    far_ahead = (date.today() + timedelta(days=800)).isoformat()
    soon = (date.today() + timedelta(days=3)).isoformat()
    source = tmp_path / "mine.yaml"
    source.write_text(
        "version: 1\ncompanies:\n"
        f"  - {{id: old, name: Old, interview_date: '{long_ago}'}}\n"
        f"  - {{id: far, name: Far, interview_date: '{far_ahead}'}}\n"
        f"  - {{id: soon, name: Soon, interview_date: '{soon}'}}\n",
        encoding="utf-8",
    )
    code, _, err = run(capsys, "import", str(source))
    assert code == 0
    assert err.splitlines() == [
        f"storybank: note: company 'old': the interview date {long_ago} is 2,527 days in "
        "the past; it was kept, but the brief and the order of companies treat it as past: "
        "set the date of the next interview when you know it",
        f"storybank: note: company 'far': the interview date {far_ahead} is 800 days away; "
        "it was kept, but check the year",
    ]
    assert [c.interview_date for c in Store.open().bank().companies] == [
        long_ago,
        far_ahead,
        soon,
    ]
    # seen before: importing the same file again says nothing more
    assert run(capsys, "import", str(source))[2] == ""


@pytest.mark.parametrize(
    ("stdin", "message"),
    [
        (" \n\n", "storybank: stdin held no question: pass one question per line\n"),
        ("...\n", "storybank: <stdin>: line 1 had no words and was not answered\n"),
    ],
)
def test_ask_from_stdin_with_no_words_is_an_error(
    capsys, monkeypatch: pytest.MonkeyPatch, stdin: str, message: str
) -> None:
    import io

    Store.open().upsert_story(complete_story())
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code, out, err = run(capsys, "ask", "-")
    assert code == 1 and out == "" and err == message


def test_ask_from_stdin_answers_the_lines_with_words_and_names_the_rest(
    capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    Store.open().upsert_story(complete_story())
    monkeypatch.setattr("sys.stdin", io.StringIO("???\nTell me about a failure\n\n!!\n"))
    code, out, err = run(capsys, "ask", "-", "--json")
    assert code == 1
    assert [line.split('"kind"')[0] for line in out.splitlines()] == [
        '{"question": "Tell me about a failure", '
    ]
    assert err == "storybank: <stdin>: lines 1, 4 had no words and were not answered\n"
