"""`storybank told`, `ledger`, `debrief`, `brief --interviewer` and ask's follow-ups, end to end,
and the ledger's trip through the store and the YAML file."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from storybank.cli import main
from storybank.errors import InputError
from storybank.model import Bank, Debrief, Telling
from storybank.resources import sample_file
from storybank.store import Store
from storybank.yamlio import dump_bank, load_bank_file, load_bank_text


@pytest.fixture
def sample_db(db_path: Path) -> Path:
    stories = load_bank_file(sample_file("stories.yaml"))
    companies = load_bank_file(sample_file("companies.yaml"))
    Store.open(str(db_path)).apply_import(
        Bank(stories=stories.stories, companies=companies.companies)
    )
    return db_path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_told_records_the_story_with_its_numbers(
    sample_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(
        capsys, "told", "Ledgerline", "request-intake-freeze", "--round", "panel",
        "--interviewer", "J. Park", "--date", "2026-12-03",
    )  # fmt: skip
    assert code == 0 and err == ""
    flat = " ".join(out.split())
    assert flat.startswith(
        "Recorded told-ledgerline-2026-12-03-1: request-intake-freeze told to J. Park in the "
        "panel on 3 Dec at Ledgerline."
    )
    assert "Numbers quoted: Requests answered within 10 business days: 18% -> 85%" in flat
    entry = Store.open(str(sample_db)).ledger()[0]
    assert (entry.company, entry.round, entry.interviewer) == ("ledgerline", "panel", "J. Park")
    assert [m.after for m in entry.numbers] == [85, 78]
    # the same story to the same person again: said, and a second free id
    code, out, _ = run(
        capsys, "told", "ledgerline", "request-intake-freeze", "--interviewer", "j. park",
        "--date", "2026-12-03", "--json",
    )  # fmt: skip
    assert code == 0 and json.loads(out)["id"] == "told-ledgerline-2026-12-03-2"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["told", "nowhere", "request-intake-freeze"], "no company 'nowhere'"),
        (["told", "ledgerline", "no-such-story"], "no story with id 'no-such-story'"),
        (["told", "ledgerline", "request-intake-freeze", "--date", "3 Dec"], "not a date"),
        (["told", "ledgerline", "request-intake-freeze", "--interviewer", " "], "is empty"),
        (["brief", "ledgerline", "--round", "panel"], "--round goes with --interviewer"),
        (["debrief", "ledgerline", "???"], "no questions given"),
    ],
)
def test_bad_input_is_one_line_and_changes_nothing(
    sample_db: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    before = sample_db.read_bytes()
    code, out, err = run(capsys, *argv)
    assert code == 1 and out == ""
    assert err.startswith("storybank: ") and message in err and len(err.splitlines()) == 1
    assert sample_db.read_bytes() == before


def test_ledger_lists_the_loop_and_flags_changed_numbers(
    sample_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "ledger")[1].startswith("Nothing recorded yet.")
    run(capsys, "told", "ledgerline", "request-intake-freeze", "--round", "panel",
        "--interviewer", "J. Park", "--date", "2026-12-03")  # fmt: skip
    store = Store.open(str(sample_db))
    story = store.story("request-intake-freeze")
    assert story is not None
    store.upsert_story(story.replace(metrics=[story.metrics[0].replace(after=80)]))
    code, out, _ = run(capsys, "ledger", "ledgerline")
    assert code == 0
    assert out.startswith("Loop at Ledgerline (ledgerline)\n")
    assert "2026-12-03 request-intake-freeze to J. Park in the panel" in out
    flat = " ".join(out.split())
    assert "with other numbers" in flat and "(no longer in the story)" in flat
    assert all(len(line) <= 80 for line in out.splitlines())
    data = json.loads(run(capsys, "ledger", "--json")[1])
    assert [c["id"] for c in data["companies"]] == ["ledgerline"]
    assert data["companies"][0]["flags"][0]["code"] == "numbers-changed"


def test_debrief_from_stdin_scores_the_brief_and_banks_new_questions(
    sample_db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    brief = json.loads(run(capsys, "brief", "ledgerline", "--json")[1])
    first = brief["questions"][0]["text"]
    paste = f"1. {first}\n- How would you price a new enterprise tier here?\n\n"
    monkeypatch.setattr("sys.stdin", io.StringIO(paste))
    code, out, err = run(
        capsys, "debrief", "ledgerline", "--round", "panel", "--interviewer", "J. Park",
        "--date", "2026-12-03",
    )  # fmt: skip
    assert code == 0 and err == ""
    out = " ".join(out.split())
    assert "predicted by the brief" in out
    assert "new: added to your question bank as asked-ledgerline-how-would-you-price-a-new" in out
    assert "The brief predicted 1 of 2 questions asked (recall 50%)" in out
    assert "Practice draws the 1 new question first" in out
    bank = Store.open(str(sample_db)).bank()
    assert [q.text for q in bank.questions] == ["How would you price a new enterprise tier here?"]
    assert bank.debriefs[0].interviewer == "J. Park"
    # a second interview: the loop line counts both
    code, out, _ = run(capsys, "debrief", "ledgerline", "Why product operations?", "--json")
    data = json.loads(out)
    assert data["loop_score"]["asked"] == 3 and data["debrief"]["company"] == "ledgerline"
    assert "The brief predicted" in run(capsys, "ledger", "ledgerline")[1]


def test_brief_for_the_next_interviewer(
    sample_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "told", "ledgerline", "request-intake-freeze", "--round", "panel",
        "--interviewer", "J. Park", "--date", "2026-12-03")  # fmt: skip
    code, out, err = run(
        capsys, "brief", "ledgerline", "--interviewer", "M. Chen", "--round", "case"
    )
    assert code == 0 and err == ""
    assert out.startswith("Next: M. Chen, case at Ledgerline\n")
    fresh = out.split("What their colleagues heard")[0]
    assert "request-intake-freeze" not in fresh  # a colleague heard it: not "fresh"
    assert "J. Park\n  - request-intake-freeze in the panel on 3 Dec (said 18% -> 85%" in out
    assert "Keep in reserve" in out and "say the same numbers" in out
    data = json.loads(run(capsys, "brief", "ledgerline", "--interviewer", "J. Park", "--json")[1])
    assert data["heard_already"] == ["request-intake-freeze"]
    assert "do not tell it again" in data["reserve"][0]["note"]


def test_ask_shows_follow_ups_and_the_ledger(
    sample_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    question = "Tell me about a time you had to say no to stakeholders"
    code, out, _ = run(capsys, "ask", question, "--company", "ledgerline", "--top", "1")
    assert code == 0 and "   Follow-ups:\n     - Why not" in out
    top = json.loads(run(capsys, "ask", question, "--company", "ledgerline", "--json")[1])
    first = top["suggestions"][0]
    assert first["probes"] and {"text", "source", "answer"} == set(first["probes"][0])
    assert first["told"] == []
    run(capsys, "told", "ledgerline", first["id"], "--round", "panel", "--interviewer",
        "J. Park", "--date", "2026-12-03")  # fmt: skip
    again = json.loads(run(capsys, "ask", question, "--company", "ledgerline", "--json")[1])
    told = next(s for s in again["suggestions"] if s["id"] == first["id"])
    assert told["told"] == ["told to J. Park in the panel on 3 Dec"]
    assert told["why"][0].startswith("told to J. Park in the panel on 3 Dec")
    text = run(capsys, "ask", question, "--company", "ledgerline", "--top", "3")[1]
    assert "Told: to J. Park in the panel on 3 Dec" in text


# -- the store and the file --------------------------------------------------------------------


def test_ledger_and_debriefs_travel_in_the_yaml_and_through_the_store(db_path: Path) -> None:
    text = (
        "version: 1\n"
        "ledger:\n"
        "  - id: told-acme-1\n    company: acme\n    story: intake\n    date: 2026-12-03\n"
        "    round: Behavioural\n    interviewer: J. Park\n"
        "    numbers:\n      - {name: Wait, before: 10, after: 4, unit: h}\n"
        "debriefs:\n"
        "  - id: debrief-acme-1\n    company: acme\n    date: 2026-12-03\n"
        "    asked:\n      - {text: Why us?, kind: motivation, predicted: q-why}\n"
        "    predicted: [q-why, q-launch]\n"
    )
    bank = load_bank_text(text, "loop.yaml")
    assert bank.ledger[0].round == "behavioral" and bank.ledger[0].numbers[0].unit == "h"
    store = Store.open(str(db_path))
    store.apply_import(bank)
    assert store.bank() == bank and store.ledger() == bank.ledger
    assert store.debriefs() == bank.debriefs
    assert load_bank_text(dump_bank(store.bank())) == bank
    # an older file, without the new lists, still imports and keeps the ledger on merge
    store.apply_import(load_bank_text("version: 1\nstories: []\n"))
    assert store.ledger() == bank.ledger


def test_a_bad_ledger_entry_is_reported_with_its_position() -> None:
    text = (
        "version: 1\n"
        "ledger:\n"
        "  - id: told-1\n    company: Acme Inc\n    story: intake\n    date: 3 Dec\n"
        "    interviewr: J. Park\n"
    )
    with pytest.raises(InputError) as caught:
        load_bank_text(text, "loop.yaml")
    message = str(caught.value)
    assert "loop.yaml:4:14: 'company' of ledger entry 'told-1' must be a company id" in message
    assert "loop.yaml:6:11: 'date' of ledger entry 'told-1' must be a real date" in message
    assert "loop.yaml:7:5: unknown key 'interviewr'" in message and "interviewer" in message


def test_store_ids_are_free_and_debrief_questions_land_in_one_write(db_path: Path) -> None:
    from storybank.model import Question

    store = Store.open(str(db_path))
    first = store.add_telling(Telling("", "acme", "intake", "2026-12-03"))
    second = store.add_telling(Telling("", "acme", "intake", "2026-12-03"))
    assert (first.id, second.id) == ("told-acme-2026-12-03-1", "told-acme-2026-12-03-2")
    debrief = store.add_debrief(
        Debrief("", "acme", "2026-12-03"), [Question("asked-acme-why", "Why?", "motivation")]
    )
    assert debrief.id == "debrief-acme-2026-12-03-1"
    assert [q.id for q in store.questions()] == ["asked-acme-why"]
    assert oct(db_path.stat().st_mode & 0o777) == "0o600"
