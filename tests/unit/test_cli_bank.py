"""`storybank import/export/list/show/init` through `storybank.cli.main`, with exit codes."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from storybank import locations
from storybank.cli import main
from storybank.model import Story
from storybank.store import Store, read_bank
from storybank.yamlio import dump_bank, load_bank_file, load_bank_text

DATA = Path(__file__).resolve().parent.parent / "data"
VALID = DATA / "valid_bank.yaml"

HOSTILE_STORY = (
    "version: 1\nstories:\n  - id: markup\n    title: '[b]bold[/b] [@click=app.quit]x[/]'\n"
    '    competencies: [metrics]\n    context: "\\u202eevil"\n    decision: d\n    result: r\n'
)
"""Import refuses the bidi override in it; `store_legacy_story` stores the same story the
way a bank made before that rule (or edited by hand) holds it."""


def store_legacy_story(db_path: Path) -> None:
    Store(db_path).upsert_story(
        Story(
            id="markup",
            title="[b]bold[/b] [@click=app.quit]x[/]",
            competencies=["metrics"],
            context="\u202eevil",
            decision="d",
            result="r",
        )
    )


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------- import


def test_import_merges_by_id(tmp_path: Path, db_path: Path, capsys) -> None:
    code, out, err = run(capsys, "import", str(VALID))
    assert code == 0
    # the file's one company has a past interview date: kept, with a note (2025-03-14)
    assert err.startswith("storybank: note: company 'northwind': the interview date 2025-03-14")
    assert len(err.splitlines()) == 1
    assert "4 added, 0 changed, 0 unchanged, 0 removed" in out
    bank = read_bank(db_path)
    assert [s.id for s in bank.stories] == ["onboarding-checklist", "yaml-words"]
    assert [c.id for c in bank.companies] == ["northwind"]
    assert [q.id for q in bank.questions] == ["q-escalations"]

    changed = VALID.read_text(encoding="utf-8").replace("title: NO", "title: Changed")
    extra = (
        "  - id: brand-new\n    title: New\n    competencies: [prioritization]\n"
        "    context: c\n    decision: d\n    result: r\n"
    )
    partial = "version: 1\nstories:\n" + changed.split("stories:\n", 1)[1].split("companies:")[0]
    partial = partial.replace(
        "  - id: onboarding-checklist", extra + "  - id: onboarding-checklist"
    )
    code, out, _ = run(capsys, "import", str(write(tmp_path, "partial.yaml", partial)))
    assert code == 0
    assert "1 added, 1 changed, 1 unchanged, 0 removed" in out
    bank = read_bank(db_path)
    assert [s.id for s in bank.stories] == ["onboarding-checklist", "yaml-words", "brand-new"]
    assert bank.story("yaml-words").title == "Changed"
    assert [c.id for c in bank.companies] == ["northwind"]  # merge keeps what the file lacks


def test_import_replace_removes_what_the_file_lacks(tmp_path: Path, db_path: Path, capsys) -> None:
    assert run(capsys, "import", str(VALID))[0] == 0
    only = (
        "version: 1\nstories:\n  - id: only\n    title: Only\n    competencies: [metrics]\n"
        "    context: c\n    decision: d\n    result: r\n"
    )
    code, out, _ = run(capsys, "import", "--replace", str(write(tmp_path, "only.yaml", only)))
    assert code == 0
    assert "1 added" in out and "4 removed" in out
    bank = read_bank(db_path)
    assert [s.id for s in bank.stories] == ["only"]
    assert bank.companies == [] and bank.questions == []


def test_dry_run_reports_and_writes_nothing(tmp_path: Path, db_path: Path, capsys) -> None:
    assert run(capsys, "import", str(VALID))[0] == 0
    before = db_path.read_bytes()
    text = VALID.read_text(encoding="utf-8").replace("title: NO", "title: Changed")
    source = write(tmp_path, "b.yaml", text.split("companies:")[0])
    code, out, _ = run(capsys, "import", "--dry-run", "--replace", str(source))
    assert code == 0
    assert "nothing was written" in out
    assert "change story yaml-words" in out
    assert "keep story onboarding-checklist (unchanged)" in out
    assert "remove company northwind" in out and "remove question q-escalations" in out
    assert "0 to add, 1 to change, 1 unchanged, 2 to remove" in out
    assert db_path.read_bytes() == before
    code, out, _ = run(capsys, "import", "--dry-run", str(source))
    assert "remove" not in out.replace("to remove", "")
    assert db_path.read_bytes() == before


def test_import_is_all_or_nothing(tmp_path: Path, db_path: Path, capsys) -> None:
    assert run(capsys, "import", str(VALID))[0] == 0
    before = db_path.read_bytes()
    text = VALID.read_text(encoding="utf-8").replace("title: NO", "title: Changed")
    text = text.replace("kind: behavioral", "kind: behavioural-ish")  # one bad record at the end
    code, out, err = run(capsys, "import", str(write(tmp_path, "bad.yaml", text)))
    assert code == 1 and out == ""
    assert err.startswith(f"{tmp_path / 'bad.yaml'}:58:11: unknown kind 'behavioural-ish'")
    assert db_path.read_bytes() == before


def test_import_from_stdin(db_path: Path, capsys, monkeypatch) -> None:
    import io

    stdin = io.TextIOWrapper(io.BytesIO(VALID.read_bytes()), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    code, out, _ = run(capsys, "import", "-")
    assert code == 0 and out.startswith("Imported <stdin>: 4 added")
    assert len(read_bank(db_path).stories) == 2


def test_import_errors_print_every_problem_with_a_position(tmp_path: Path, capsys) -> None:
    source = DATA / "hostile" / "unknown_keys.yaml"
    code, _, err = run(capsys, "import", str(source))
    assert code == 1
    assert err.splitlines() == [
        f"{source}:9:5: unknown key 'tradeof' in story 'unknown-keys' (did you mean 'tradeoffs'?)",
        f"{source}:10:5: unknown key 'metrcs' in story 'unknown-keys' (did you mean 'metrics'?)",
        f"{source}:11:19: unknown key 'stag' in the environment of story 'unknown-keys' "
        "(did you mean 'stage'?)",
        f"{source}:12:33: unknown round 'pannel' in story 'unknown-keys': rounds are behavioral, "
        "case, panel (did you mean 'panel'?)",
        f"{source}:13:1: unknown key 'storys' in the file (top level) (did you mean 'stories'?)",
    ]


def test_import_of_a_missing_file(tmp_path: Path, capsys) -> None:
    code, _, err = run(capsys, "import", str(tmp_path / "nope.yaml"))
    assert code == 1
    assert err == f"storybank: {tmp_path / 'nope.yaml'}: no such file\n"


# ---------------------------------------------------------------- export


def test_export_to_stdout_round_trips(db_path: Path, capsys) -> None:
    assert run(capsys, "import", str(VALID))[0] == 0
    code, out, err = run(capsys, "export")
    assert code == 0 and err == ""
    assert load_bank_text(out) == read_bank(db_path)
    assert out == dump_bank(read_bank(db_path))
    assert run(capsys, "export", "-")[1] == out


def test_export_to_a_file_is_private_and_reimports_byte_identically(
    tmp_path: Path, db_path: Path, capsys
) -> None:
    assert run(capsys, "init", "--sample")[0] == 0
    target = tmp_path / "bank.yaml"
    code, out, err = run(capsys, "export", str(target))
    assert code == 0 and out == ""
    assert "mode 0600" in err
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    first = target.read_bytes()
    other = tmp_path / "other.json"
    assert run(capsys, "--db", str(other), "import", str(target))[0] == 0
    again = tmp_path / "again.yaml"
    assert run(capsys, "export", str(again), "--db", str(other))[0] == 0
    assert again.read_bytes() == first
    assert load_bank_file(again) == read_bank(db_path)


def test_export_of_an_empty_bank_is_a_valid_file(capsys) -> None:
    code, out, _ = run(capsys, "export")
    assert code == 0
    assert load_bank_text(out).stories == []


def test_export_into_a_missing_folder_is_a_clear_error(tmp_path: Path, capsys) -> None:
    code, _, err = run(capsys, "export", str(tmp_path / "no" / "such" / "x.yaml"))
    assert code == 1
    assert "does not exist" in err and "Traceback" not in err
    code, _, err = run(capsys, "export", str(tmp_path))
    assert code == 1 and "is a folder" in err


def test_export_help_documents_the_private_mode(capsys) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["export", "--help"])
    assert exited.value.code == 0
    assert "0600" in capsys.readouterr().out


# ---------------------------------------------------------------- list and show


def test_list_table_fits_80_columns_and_neutralises_text(tmp_path: Path, capsys) -> None:
    assert run(capsys, "init", "--sample")[0] == 0
    store_legacy_story(locations.db_path())
    code, out, _ = run(capsys, "list")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("ID")
    assert all(len(line) <= 80 for line in lines)
    assert "escalation-triage" in out and "[b]bold[/b]" in out
    assert "7 stories: 1 your own, 6 samples" in lines[-2]


def test_list_json(capsys) -> None:
    assert run(capsys, "import", str(VALID))[0] == 0
    code, out, _ = run(capsys, "list", "--json")
    assert code == 0
    rows = json.loads(out)
    assert rows[0] == {
        "id": "onboarding-checklist",
        "title": "Turning a 40-step onboarding doc into a checklist tool",
        "competencies": ["process-improvement", "tooling-automation", "launch-operations"],
        "environment": {"stage": "scaleup", "customer": "marketplace", "org": "centralized"},
        "sample": False,
    }


def test_list_of_an_empty_bank_says_how_to_start(capsys) -> None:
    code, out, _ = run(capsys, "list")
    assert code == 0 and "storybank new" in out and "storybank import FILE" in out
    # The hint fits 80 columns (it was one line of 113) and never points at loading the
    # samples into the user's own bank.
    assert all(len(line) <= 80 for line in out.splitlines())
    assert "init --sample" not in out


def test_show_prints_every_field(capsys) -> None:
    assert run(capsys, "import", str(VALID))[0] == 0
    code, out, _ = run(capsys, "show", "onboarding-checklist")
    assert code == 0
    for expected in [
        "Turning a 40-step onboarding doc into a checklist tool",
        "Context", "Constraint", "Decision", "Execution", "Result", "What changed after",
        "    Half of them stalled before listing a first item.",
        "Setup completion: 48% -> 71% (+23 pts)",
        "Days to first listing: 6.5 -> 2 days (-69%)",
        "chose: An in-product checklist", "over: A rewritten help article",
        "Environment: stage scaleup, customer marketplace, org centralized",
        "behavioral: Lead with the stalled sellers.", "case: Reuse the drop-off ranking.",
        "Tags: marketplace, onboarding",
        "Competencies: process-improvement, tooling-automation, launch-operations",
    ]:  # fmt: skip
        assert expected in out
    assert all(len(line) <= 80 for line in out.splitlines())


def test_show_json_is_the_file_format(capsys) -> None:
    assert run(capsys, "import", str(VALID))[0] == 0
    code, out, _ = run(capsys, "show", "yaml-words", "--json")
    assert code == 0
    data = json.loads(out)
    assert (
        data["title"] == "NO" and data["decision"] == "12:30" and data["tags"] == ["on", "off", "~"]
    )


def test_show_unknown_id_suggests(capsys) -> None:
    assert run(capsys, "import", str(VALID))[0] == 0
    code, out, err = run(capsys, "show", "onboarding")
    assert code == 1 and out == ""
    assert err == (
        "storybank: no story with id 'onboarding'. Did you mean: onboarding-checklist?\n"
    )


def test_no_escape_byte_reaches_the_terminal(tmp_path: Path, db_path: Path, capsys) -> None:
    """Stored text with a bidi override (from before import refused it) is shown harmlessly
    everywhere, and an export still holds it exactly (escaped)."""
    code, _, err = run(capsys, "import", str(write(tmp_path, "m.yaml", HOSTILE_STORY)))
    assert code == 1 and "RIGHT-TO-LEFT OVERRIDE (U+202E)" in err and ":6:14:" in err
    store_legacy_story(db_path)
    assert read_bank(db_path).stories[0].context == "\u202eevil"  # stored exactly
    argvs = (["list"], ["list", "--json"], ["show", "markup"], ["show", "markup", "--json"],
             ["export", "-"])  # fmt: skip
    for argv in argvs:
        code, out, _ = run(capsys, *argv)
        assert code == 0
        assert "\u202e" not in out and "\x1b" not in out
    assert json.loads(run(capsys, "show", "markup", "--json")[1])["context"] == "\u202eevil"
    exported = run(capsys, "export", "-")[1]
    assert 'context: "\\u202eevil"' in exported
    assert yaml.safe_load(exported)["stories"][0]["context"] == "\u202eevil"


# ---------------------------------------------------------------- init


def test_init_creates_an_empty_bank_once(db_path: Path, capsys) -> None:
    code, out, _ = run(capsys, "init")
    assert code == 0 and "Created an empty bank" in out
    assert db_path.exists()
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
    code, out, _ = run(capsys, "init")
    assert code == 0 and "nothing to do" in out


def test_init_sample_fills_an_empty_bank_only(db_path: Path, capsys) -> None:
    code, out, _ = run(capsys, "init", "--sample")
    assert code == 0 and "Loaded the sample bank" in out
    bank = read_bank(db_path)
    assert len(bank.stories) == 6 and len(bank.companies) == 3
    # Practice questions stay packaged (always available), not copied into the user's bank.
    assert bank.questions == []
    before = db_path.read_bytes()
    code, out, _ = run(capsys, "init", "--sample")
    assert code == 0 and "already holds 6 stories" in out and "nothing changed" in out
    assert db_path.read_bytes() == before


def test_init_sample_keeps_an_existing_bank(db_path: Path, capsys) -> None:
    assert run(capsys, "import", str(VALID))[0] == 0
    before = db_path.read_bytes()
    code, out, _ = run(capsys, "init", "--sample")
    assert code == 0 and "already holds 2 stories" in out
    assert db_path.read_bytes() == before


# ---------------------------------------------------------------- paths and exit codes


def test_db_option_before_or_after_the_command_and_env_var(
    tmp_path: Path, db_path: Path, capsys, monkeypatch
) -> None:
    first, second, third = tmp_path / "1.json", tmp_path / "2.json", tmp_path / "3.json"
    assert run(capsys, "--db", str(first), "import", str(VALID))[0] == 0
    assert run(capsys, "import", str(VALID), "--db", str(second))[0] == 0
    monkeypatch.setenv("STORYBANK_DB", str(third))
    assert run(capsys, "import", str(VALID))[0] == 0
    for path in (first, second, third):
        assert len(read_bank(path).stories) == 2
    assert not db_path.exists()
    assert "onboarding-checklist" in run(capsys, "list", "--db", str(first))[1]
    assert "id: yaml-words" in run(capsys, "--db", str(second), "show", "yaml-words")[1]
    assert "yaml-words" in run(capsys, "export")[1]  # from STORYBANK_DB


@pytest.mark.parametrize(
    "argv",
    [["import"], ["import", "a.yaml", "--frobnicate"], ["show"], ["list", "extra"],
     ["export", "a", "b"], ["init", "--samples-please"]],
)  # fmt: skip
def test_usage_errors_exit_2(argv: list[str], capsys) -> None:
    with pytest.raises(SystemExit) as exited:
        main(argv)
    assert exited.value.code == 2
    assert "usage:" in capsys.readouterr().err


def test_bank_commands_do_not_import_textual(tmp_path: Path) -> None:
    db = tmp_path / "bank.json"
    code = (
        "import sys\nfrom storybank.cli import main\n"
        f"for argv in (['init', '--sample'], ['list'], ['show', 'escalation-triage'], "
        f"['export', {str(tmp_path / 'x.yaml')!r}], ['import', {str(VALID)!r}, '--dry-run']):\n"
        f"    assert main(argv + ['--db', {str(db)!r}]) == 0, argv\n"
        "assert 'textual' not in sys.modules, 'textual was imported'\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=os.environ.copy()
    )
    assert result.returncode == 0, result.stderr
