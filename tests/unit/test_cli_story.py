"""`storybank new` (a story from a YAML file, checked as an import checks it; a template to
start from) and `storybank delete` (asked first, checked, and undone by restore-version)."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest
import yaml
from test_cli_company import FakeTerminal, assert_one_error_line

from factories import company, complete_story
from storybank.cli import main
from storybank.cli.story_cmds import story_template
from storybank.store import DELETED_SUMMARY, Store, read_bank
from storybank.yamlio import load_bank_text

STORY_YAML = """\
id: pricing-page
title: Fixing the pricing page funnel
competencies: [metrics, launch operations]
context: Trial signups had fallen 30% in a quarter.
decision: I chose to test one section of the page at a time.
result: Weekly signups went from 200 to 260.
environment: {stage: series b, customer: smb}
"""


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def write(tmp_path: Path, text: str, name: str = "story.yaml") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def as_bank_file(story_text: str) -> str:
    """The same story as a bank file: `version: 1` and one entry under `stories:`."""
    lines = story_text.splitlines()
    body = [f"  - {lines[0]}", *(f"    {line}" for line in lines[1:])]
    return "version: 1\nstories:\n" + "\n".join(body) + "\n"


# ---------------------------------------------------------------- new --from


def test_new_from_a_story_file_adds_it_as_import_would(
    db_path: Path, tmp_path: Path, capsys
) -> None:
    code, out, err = run(capsys, "new", "--from", write(tmp_path, STORY_YAML))
    assert code == 0 and err == ""
    said = " ".join(out.split())
    assert "Added the story pricing-page (Fixing the pricing page funnel)" in said
    assert "storybank lint pricing-page" in said and "/100" in said
    assert all(len(line) <= 80 for line in out.splitlines())
    stored = read_bank(db_path).story("pricing-page")
    imported = load_bank_text(as_bank_file(STORY_YAML)).stories[0]
    assert stored == imported  # the import's validation, aliases and all
    assert stored is not None and stored.competencies == ["metric-frameworks", "launch-operations"]
    assert stored.environment.stage == "scaleup" and stored.environment.customer == "b2b-smb"


def test_new_from_a_bank_file_with_one_story(db_path: Path, tmp_path: Path, capsys) -> None:
    code, _, err = run(capsys, "new", "--from", write(tmp_path, as_bank_file(STORY_YAML)))
    assert code == 0, err
    assert [s.id for s in read_bank(db_path).stories] == ["pricing-page"]


def test_new_from_stdin(db_path: Path, capsys, monkeypatch) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(STORY_YAML.encode()), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    code, _, err = run(capsys, "new", "--from", "-")
    assert code == 0, err
    assert read_bank(db_path).story("pricing-page") is not None


def test_new_refuses_a_bank_file_holding_more(db_path: Path, tmp_path: Path, capsys) -> None:
    two = as_bank_file(STORY_YAML) + "".join(
        f"  - {line}\n" if i == 0 else f"    {line}\n"
        for i, line in enumerate(STORY_YAML.replace("pricing-page", "other").splitlines())
    )
    path = write(tmp_path, two)
    code, out, err = run(capsys, "new", "--from", path)
    assert code == 1 and out == ""
    assert err.strip() == (
        f"{path}:2:1: the file holds 2 stories; `storybank new` adds one story "
        "(`storybank import FILE` takes a whole bank file)"
    )
    with_company = as_bank_file(STORY_YAML) + "companies:\n  - {id: acme, name: Acme}\n"
    code, _, err = run(capsys, "new", "--from", write(tmp_path, with_company))
    assert code == 1 and "holds 1 stories, 1 companies" in err
    assert not db_path.exists()


def test_new_reports_every_problem_with_its_place(db_path: Path, tmp_path: Path, capsys) -> None:
    Store(db_path).upsert_story(complete_story("kept"))
    before = db_path.read_bytes()
    bad = STORY_YAML.replace("environment: {stage: series b", "environment: {stage: medium")
    bad = bad.replace("result:", "tradeof: []\nresult:")
    path = write(tmp_path, bad)
    code, out, err = run(capsys, "new", "--from", path)
    assert code == 1 and out == "" and "Traceback" not in err
    lines = err.strip().splitlines()
    assert lines[0].startswith(f"{path}:6:1: unknown key 'tradeof'")
    assert "did you mean 'tradeoffs'?" in lines[0]
    assert lines[1].startswith(f"{path}:8:22: unknown stage 'medium'")
    assert db_path.read_bytes() == before


def test_new_reports_a_duplicate_key_and_the_story_problems_together(
    tmp_path: Path, capsys
) -> None:
    path = write(tmp_path, STORY_YAML + "title: Again\ncompetencies: []\n")
    code, _, err = run(capsys, "new", "--from", path)
    assert code == 1
    assert f"{path}:8:1: duplicate key 'title'" in err
    assert "top level" not in err  # checked as a story, not as a bank file


def test_new_refuses_an_existing_id_at_its_place(db_path: Path, tmp_path: Path, capsys) -> None:
    Store(db_path).upsert_story(complete_story("pricing-page", "Mine already"))
    before = db_path.read_bytes()
    path = write(tmp_path, STORY_YAML)
    code, out, err = run(capsys, "new", "--from", path)
    assert code == 1 and out == ""
    assert err.strip() == (
        f"{path}:1:5: a story with id 'pricing-page' already exists (Mine already); nothing "
        "changed. Give the new one another id, or see `storybank show pricing-page`"
    )
    assert db_path.read_bytes() == before


def test_new_without_a_file_says_how_to_start_one(capsys) -> None:
    code, _, err = run(capsys, "new")
    assert code == 1
    assert_one_error_line(err, "storybank new --from FILE.yaml", "storybank new --template")
    code, _, err = run(capsys, "new", "pricing", "--title", "Fixing pricing")
    assert code == 1
    assert_one_error_line(
        err, "needs a competency", "storybank new --template pricing > pricing.yaml"
    )
    code, _, err = run(capsys, "new", "pricing", "--from", "x.yaml")
    assert code == 1
    assert_one_error_line(err, "--from takes the id and the title from the file")


def test_new_from_a_missing_file(tmp_path: Path, capsys) -> None:
    path = str(tmp_path / "nope.yaml")
    code, _, err = run(capsys, "new", "--from", path)
    assert code == 1
    code, _, imported = run(capsys, "import", path)
    assert err == imported and err.strip().endswith(f"{path}: no such file")  # as import says


# ---------------------------------------------------------------- new --template


def test_the_template_left_empty_is_refused_field_by_field(
    db_path: Path, tmp_path: Path, capsys
) -> None:
    code, out, err = run(capsys, "new", "--template", "pricing", "--title", 'The "pricing" fix')
    assert code == 0 and err == ""
    assert all(len(line) <= 80 for line in out.splitlines())
    data = yaml.safe_load(out)
    assert data["id"] == "pricing" and data["title"] == 'The "pricing" fix'
    path = write(tmp_path, out)
    code, _, err = run(capsys, "new", "--from", path)
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 4 and all(line.startswith(f"{path}:") for line in lines)
    assert "needs at least one competency" in lines[0]
    for line, beat in zip(lines[1:], ("context", "decision", "result"), strict=True):
        assert f"the {beat} beat of story 'pricing' is empty; it is required" in line
    assert not db_path.exists()


def test_the_template_filled_in_is_added(db_path: Path, tmp_path: Path, capsys) -> None:
    text = story_template("pricing", "Fixing pricing")
    filled = (
        text.replace("competencies: []", "competencies: [metric-frameworks]")
        .replace('context: ""', "context: Signups fell 30%.")
        .replace('decision: ""', "decision: I tested one section at a time.")
        .replace('result: ""', "result: Signups rose from 200 to 260 a week.")
    )
    code, _, err = run(capsys, "new", "--from", write(tmp_path, filled))
    assert code == 0, err
    story = read_bank(db_path).story("pricing")
    assert story is not None and story.title == "Fixing pricing" and story.constraint == ""


def test_the_template_refuses_a_bad_or_taken_id(db_path: Path, capsys) -> None:
    code, out, err = run(capsys, "new", "--template", "Bad Id")
    assert code == 1 and out == ""
    assert_one_error_line(err, "story id 'Bad Id' is not valid", "'bad-id'")
    Store(db_path).upsert_story(complete_story("pricing", "Mine"))
    code, out, err = run(capsys, "new", "--template", "pricing")
    assert code == 1 and out == ""
    assert_one_error_line(err, "'pricing' already exists (Mine)")
    code, out, _ = run(capsys, "new", "--template")  # no id: a placeholder to change
    assert code == 0 and "id: my-story" in out


# ---------------------------------------------------------------- delete


def test_delete_without_a_terminal_needs_yes(db_path: Path, capsys, monkeypatch) -> None:
    Store(db_path).upsert_story(complete_story("a"))
    before = db_path.read_bytes()
    monkeypatch.setattr(sys, "stdin", io.StringIO("y\n"))
    code, out, err = run(capsys, "delete", "a")
    assert code == 1 and out == ""
    assert_one_error_line(err, "no terminal", "storybank delete a --yes")
    assert db_path.read_bytes() == before


def test_delete_then_restore_version_brings_the_story_back(db_path: Path, capsys) -> None:
    store = Store(db_path)
    store.upsert_story(complete_story("a", "First title"))
    store.upsert_story(complete_story("a", "Second title"))
    store.upsert_story(complete_story("b"))
    original = store.story("a")
    code, out, err = run(capsys, "delete", "a", "--yes")
    assert code == 0 and err == ""
    said = " ".join(out.split())
    assert "Deleted the story a (Second title)." in said
    assert "Bring it back with `storybank restore-version a 2`" in said
    assert "-delete.json" in said and all(len(line) <= 80 for line in out.splitlines())
    assert [s.id for s in read_bank(db_path).stories] == ["b"]
    code, out, _ = run(capsys, "history", "a")
    assert code == 0 and "(deleted)" in out and DELETED_SUMMARY in out
    code, out, err = run(capsys, "restore-version", "a", "2")
    assert code == 0, err
    assert "the deleted story is back" in out
    assert read_bank(db_path).story("a") == original
    code, out, _ = run(capsys, "history", "a", "--json")
    summaries = [v["summary"] for v in json.loads(out)["versions"]]
    assert summaries[0] == DELETED_SUMMARY and summaries[1].startswith("Changed Title")
    assert len(summaries) == 2


def test_restore_version_over_a_story_that_took_the_id_keeps_that_one(
    db_path: Path, capsys
) -> None:
    store = Store(db_path)
    store.upsert_story(complete_story("a", "Deleted one"))
    run(capsys, "delete", "a", "--yes")
    store.upsert_story(complete_story("a", "A new story with the same id"))
    code, _, err = run(capsys, "restore-version", "a", "1")
    assert code == 0, err  # a story with the id exists: an ordinary restore over it...
    assert read_bank(db_path).story("a").title == "Deleted one"  # type: ignore[union-attr]
    kept = [v.story.title for v in Store(db_path).story_versions("a")]
    assert kept[0] == "A new story with the same id"  # ...which keeps the one it replaced


def test_delete_asks_on_a_terminal(db_path: Path, capsys, monkeypatch) -> None:
    Store(db_path).upsert_story(complete_story("a", "My story"))
    before = db_path.read_bytes()
    monkeypatch.setattr(sys, "stdin", FakeTerminal("no\n"))
    code, out, err = run(capsys, "delete", "a")
    assert code == 1 and out == ""
    assert "Delete the story a (My story)? [y/N] " in err
    assert err.rstrip().endswith("storybank: not deleted; nothing changed")
    assert db_path.read_bytes() == before
    monkeypatch.setattr(sys, "stdin", FakeTerminal("Y\n"))
    code, out, _ = run(capsys, "delete", "a")
    assert code == 0 and read_bank(db_path).stories == []


def test_delete_never_removes_a_change_made_while_it_asked(
    db_path: Path, capsys, monkeypatch
) -> None:
    Store(db_path).upsert_story(complete_story("a", "Before"))

    def another_writer() -> None:
        Store(db_path).upsert_story(complete_story("a", "Changed meanwhile"))

    monkeypatch.setattr(sys, "stdin", FakeTerminal("y\n", another_writer))
    code, out, err = run(capsys, "delete", "a")
    assert code == 1 and out == ""
    assert_one_error_line(
        err.split("[y/N] ")[-1], "the story 'a' changed on disk", "storybank show a"
    )
    assert read_bank(db_path).story("a").title == "Changed meanwhile"  # type: ignore[union-attr]


def test_delete_of_an_unknown_story_suggests_one(db_path: Path, capsys) -> None:
    store = Store(db_path)
    store.upsert_story(complete_story("pricing-page"))
    store.upsert_company(company("acme"))
    before = db_path.read_bytes()
    code, _, err = run(capsys, "delete", "pricing-pag", "--yes")
    assert code == 1
    assert_one_error_line(err, "no story with id 'pricing-pag'", "Did you mean: pricing-page?")
    assert db_path.read_bytes() == before


def test_a_store_delete_keeps_the_story_as_its_newest_version(db_path: Path) -> None:
    store = Store(db_path)
    store.upsert_story(complete_story("a", "Only version"))
    store.delete_story("a")
    versions = store.story_versions("a")
    assert [(v.number, v.summary, v.story.title) for v in versions] == [
        (1, DELETED_SUMMARY, "Only version")
    ]
    assert store.last_backup is not None and store.last_backup.name.endswith("-delete.json")


def test_bringing_a_deleted_story_back_is_checked(db_path: Path) -> None:
    """What restore-version does for a deleted story: expect no story with the id, so a
    story made with that id meanwhile is never overwritten."""
    from storybank.store import ConflictError

    store = Store(db_path)
    store.upsert_story(complete_story("a", "Deleted one"))
    store.delete_story("a")
    Store(db_path).upsert_story(complete_story("a", "Made meanwhile"))
    with pytest.raises(ConflictError):
        store.restore_story_version("a", 1, expect={"a": None})
    assert read_bank(db_path).story("a").title == "Made meanwhile"  # type: ignore[union-attr]
