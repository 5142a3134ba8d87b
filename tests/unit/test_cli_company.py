"""`storybank company list|add|show|delete`: the target companies from the command line,
next interview first, added through the import's validator, deleted only when confirmed
and only as they were shown."""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest

from factories import company
from storybank.cli import main
from storybank.cli.company_cmds import EMPTY_HINT
from storybank.store import Store, read_bank
from storybank.validate import validate_company_data


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


class FakeTerminal(io.StringIO):
    """Standard input that is a terminal, answering with `text` (and running `on_read`)."""

    def __init__(self, text: str, on_read: Callable[[], None] | None = None) -> None:
        super().__init__(text)
        self.on_read = on_read

    def isatty(self) -> bool:
        return True

    def readline(self, size: int | None = -1) -> str:  # type: ignore[override]
        if self.on_read is not None:
            self.on_read()
        return super().readline(size)


def day(offset: int) -> str:
    return (date.today() + timedelta(days=offset)).isoformat()


def assert_one_error_line(err: str, *parts: str) -> None:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("storybank: ") and "Traceback" not in err
    for part in parts:
        assert part in lines[0], lines[0]


# ---------------------------------------------------------------- list


def test_list_on_an_empty_bank_gives_a_hint_within_80_columns(capsys) -> None:
    code, out, err = run(capsys, "company", "list")
    assert code == 0 and err == ""
    assert out == EMPTY_HINT + "\n"
    assert all(len(line) <= 80 for line in out.splitlines())
    assert "storybank company add" in out
    code, out, _ = run(capsys, "company")  # list is the default
    assert code == 0 and out == EMPTY_HINT + "\n"
    code, out, _ = run(capsys, "company", "list", "--json")
    assert code == 0 and json.loads(out) == []


def test_list_puts_the_next_interview_first(db_path: Path, capsys) -> None:
    store = Store(db_path)
    store.upsert_company(company("past", interview_date=day(-3)))
    store.upsert_company(company("undated"))
    store.upsert_company(company("later", interview_date=day(20), stage="growth"))
    store.upsert_company(company("soon", interview_date=day(1), customer="b2c"))
    code, out, _ = run(capsys, "company", "list")
    assert code == 0
    ids = [line.split()[0] for line in out.splitlines()[1:-2:2]]
    assert ids == ["soon", "later", "undated", "past"]
    assert f"{day(1)} (tomorrow) | b2c" in out
    assert f"{day(20)} (in 20 days) | growth" in out
    assert "no interview date | no environment" in out
    assert f"{day(-3)} (3 days ago)" in out
    assert "4 companies, the next interview first." in out
    assert all(len(line) <= 80 for line in out.splitlines())
    code, out, _ = run(capsys, "company", "list", "--json")
    rows = json.loads(out)
    assert [row["id"] for row in rows] == ["soon", "later", "undated", "past"]
    assert rows[0]["interview_in_days"] == 1 and rows[2]["interview_in_days"] is None
    assert rows[0]["customer"] == "b2c" and rows[0]["sample"] is False


def test_list_marks_the_samples_as_the_story_list_does(db_path: Path, capsys) -> None:
    run(capsys, "init", "--sample")
    Store(db_path).upsert_company(company("mine", "My own target"))
    code, out, _ = run(capsys, "company", "list")
    assert code == 0
    assert out.count("(sample) ") == 3 and "(sample) My own target" not in out
    assert "4 companies: 1 your own, 3 samples (`storybank samples remove`" in out
    code, out, _ = run(capsys, "company", "list", "--json")
    samples = {row["id"]: row["sample"] for row in json.loads(out)}
    assert samples["mine"] is False and sum(samples.values()) == 3


def test_list_names_a_mistyped_db_folder(tmp_path: Path, capsys) -> None:
    code, out, err = run(capsys, "company", "list", "--db", str(tmp_path / "nope" / "bank.json"))
    assert code == 1 and out == ""
    assert_one_error_line(err, "there is no folder")


# ---------------------------------------------------------------- add


def test_add_validates_and_normalises_as_the_import_does(db_path: Path, capsys) -> None:
    argv = [
        "company",
        "add",
        "acme",
        "--name",
        "Acme Cloud",
        "--stage",
        "series b",
        "--customer",
        "smb",
        "--org",
        "hub and spoke",
        "--focus",
        "metric-frameworks, launch-operations",
        "--interview",
        day(5),
        "--notes",
        "Hiring their first ops lead",
        "--why-us",
        "Their ops team is where mine was two years ago.",
    ]
    code, out, err = run(capsys, *argv)
    assert code == 0 and err == ""
    said = " ".join(out.split())  # wrapped at 80 columns
    assert "Added Acme Cloud (acme): scaleup, b2b-smb, hub-and-spoke" in said
    assert f"{day(5)} (in 5 days)" in said and "storybank company show acme" in said
    assert all(len(line) <= 80 for line in out.splitlines())
    stored = read_bank(db_path).company("acme")
    expected, problems = validate_company_data(
        {
            "id": "acme",
            "name": "Acme Cloud",
            "stage": "series b",
            "customer": "smb",
            "org": "hub and spoke",
            "focus": ["metric-frameworks", "launch-operations"],
            "interview_date": day(5),
            "notes": "Hiring their first ops lead",
            "why_us": "Their ops team is where mine was two years ago.",
        }
    )
    assert problems == [] and stored == expected
    assert stored is not None and (stored.stage, stored.org) == ("scaleup", "hub-and-spoke")


def test_add_refuses_bad_values_with_the_validators_words(db_path: Path, capsys) -> None:
    Store(db_path).upsert_company(company("other"))
    before = db_path.read_bytes()
    code, out, err = run(
        capsys, "company", "add", "Bad Id", "--name", "X", "--stage", "medium", "--interview",
        "2026-13-01",
    )  # fmt: skip
    assert code == 1 and out == "" and "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 3
    assert lines[0].startswith("storybank: ID: company id 'Bad Id' is not valid")
    assert lines[1].startswith("storybank: --stage: unknown stage 'medium'")
    assert "allowed values are startup, scaleup" in lines[1]
    assert lines[2].startswith("storybank: --interview: ") and "YYYY-MM-DD" in lines[2]
    assert db_path.read_bytes() == before  # nothing written


def test_add_refuses_a_control_character_and_an_empty_name(db_path: Path, capsys) -> None:
    code, _, err = run(capsys, "company", "add", "acme", "--name", "Acme", "--notes", "a\x1b[2Jb")
    assert code == 1 and "--notes: " in err and "\x1b" not in err
    code, _, err = run(capsys, "company", "add", "acme", "--name", "  ")
    assert_one_error_line(err, "--name: ", "empty")
    assert code == 1 and not db_path.exists()


def test_add_refuses_an_existing_id_and_keeps_the_company(db_path: Path, capsys) -> None:
    Store(db_path).upsert_company(company("acme", "Acme", notes="mine"))
    before = db_path.read_bytes()
    code, out, err = run(capsys, "company", "add", "acme", "--name", "Other")
    assert code == 1 and out == ""
    assert_one_error_line(err, "'acme' already exists (Acme)", "storybank company show acme")
    assert db_path.read_bytes() == before


def test_add_without_a_name_is_a_usage_error(capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["company", "add", "acme"])
    assert exit_info.value.code == 2
    assert "--name" in capsys.readouterr().err


# ---------------------------------------------------------------- show


def test_show_prints_everything_including_why_us(db_path: Path, capsys) -> None:
    run(
        capsys, "company", "add", "acme", "--name", "Acme Cloud", "--stage", "growth",
        "--focus", "metric-frameworks", "--interview", day(0), "--notes", "Panel on Tuesday",
        "--why-us", "Their ops team is where mine was.",
    )  # fmt: skip
    code, out, err = run(capsys, "company", "show", "acme")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[:2] == ["Acme Cloud", "id: acme"]
    assert f"Interview: {day(0)} (today)" in lines
    assert "Environment: stage growth" in lines and "Focus: metric-frameworks" in lines
    assert "Panel on Tuesday" in out and "Their ops team is where mine was." in out
    assert "Brief: storybank brief acme" in out
    assert all(len(line) <= 80 for line in lines)
    code, out, _ = run(capsys, "company", "show", "Acme Cloud")  # by name, as brief takes it
    assert code == 0 and out.startswith("Acme Cloud\nid: acme")
    code, out, _ = run(capsys, "company", "show", "acme", "--json")
    data = json.loads(out)
    assert data["why_us"] == "Their ops team is where mine was."
    assert data["interview_in_days"] == 0 and data["sample"] is False


def test_show_says_how_to_write_a_missing_why_us(db_path: Path, capsys) -> None:
    Store(db_path).upsert_company(company("acme"))
    code, out, _ = run(capsys, "company", "show", "acme")
    assert code == 0
    assert "storybank pitch set why-us 'TEXT' --company acme" in out


def test_show_of_an_unknown_id_lists_the_known_ones(db_path: Path, capsys) -> None:
    store = Store(db_path)
    store.upsert_company(company("acme"))
    store.upsert_company(company("globex"))
    code, out, err = run(capsys, "company", "show", "acm")
    assert code == 1 and out == ""
    assert_one_error_line(err, "no company 'acm' (known: acme, globex)", "did you mean acme?")


def test_show_in_an_empty_bank_says_how_to_add_one(capsys) -> None:
    code, _, err = run(capsys, "company", "show", "acme")
    assert code == 1
    assert_one_error_line(err, "no companies yet", "storybank company add")


# ---------------------------------------------------------------- delete


def test_delete_without_a_terminal_needs_yes(db_path: Path, capsys, monkeypatch) -> None:
    Store(db_path).upsert_company(company("acme"))
    before = db_path.read_bytes()
    monkeypatch.setattr(sys, "stdin", io.StringIO("y\n"))  # not a terminal: never read
    code, out, err = run(capsys, "company", "delete", "acme")
    assert code == 1 and out == ""
    assert_one_error_line(err, "storybank company delete acme --yes")
    assert db_path.read_bytes() == before


def test_delete_with_yes_names_the_backup_that_brings_it_back(db_path: Path, capsys) -> None:
    store = Store(db_path)
    store.upsert_company(company("acme", "Acme", notes="keep me"))
    store.upsert_company(company("globex"))
    code, out, err = run(capsys, "company", "delete", "acme", "--yes")
    assert code == 0 and err == ""
    assert "Deleted the company Acme (acme); your stories were not touched." in out
    assert all(len(line) <= 80 for line in out.splitlines())
    assert [c.id for c in read_bank(db_path).companies] == ["globex"]
    name = out.split("`storybank restore ", 1)[1].split("`", 1)[0]
    assert name.endswith("-delete.json")
    code, _, err = run(capsys, "restore", name)
    assert code == 0, err
    assert read_bank(db_path).company("acme") == company("acme", "Acme", notes="keep me")


def test_delete_asks_on_a_terminal(db_path: Path, capsys, monkeypatch) -> None:
    Store(db_path).upsert_company(company("acme"))
    before = db_path.read_bytes()
    for answer in ("n\n", "\n", ""):  # no, just enter, end of input
        monkeypatch.setattr(sys, "stdin", FakeTerminal(answer))
        code, out, err = run(capsys, "company", "delete", "acme")
        assert code == 1 and out == ""
        assert "Delete the company Acme (acme)? Your stories are not touched. [y/N]" in err
        # (a terminal echoes the answer's newline; this fake one does not)
        assert err.rstrip().endswith("[y/N] storybank: not deleted; nothing changed") or (
            answer == ""
            and err.strip().splitlines()[-1] == "storybank: not deleted; nothing changed"
        )
        assert db_path.read_bytes() == before
    monkeypatch.setattr(sys, "stdin", FakeTerminal("y\n"))
    code, out, _ = run(capsys, "company", "delete", "acme")
    assert code == 0 and "Deleted the company Acme" in out
    assert read_bank(db_path).companies == []


def test_delete_never_removes_a_change_made_while_it_asked(
    db_path: Path, capsys, monkeypatch
) -> None:
    Store(db_path).upsert_company(company("acme", notes="first"))

    def another_writer() -> None:
        Store(db_path).upsert_company(company("acme", notes="changed meanwhile"))

    monkeypatch.setattr(sys, "stdin", FakeTerminal("yes\n", another_writer))
    code, out, err = run(capsys, "company", "delete", "acme")
    assert code == 1 and out == ""
    assert_one_error_line(
        err.split("[y/N] ")[-1],
        "the company 'acme' changed on disk",
        "nothing was written",
        "storybank company show acme",
    )
    stored = read_bank(db_path).company("acme")
    assert stored is not None and stored.notes == "changed meanwhile"


def test_delete_of_an_unknown_company_lists_the_known_ones(db_path: Path, capsys) -> None:
    Store(db_path).upsert_company(company("acme"))
    before = db_path.read_bytes()
    code, _, err = run(capsys, "company", "delete", "globex", "--yes")
    assert code == 1
    assert_one_error_line(err, "no company 'globex' (known: acme)")
    assert db_path.read_bytes() == before
