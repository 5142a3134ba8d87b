"""Review history and redactions through the store, the YAML checks, and the drill/status CLI."""

from __future__ import annotations

import datetime as dt
import io
import json
import stat
from pathlib import Path

import pytest

from storybank.cli import main
from storybank.errors import InputError
from storybank.model import Bank, Redaction, Review
from storybank.recall import schedule
from storybank.recall.cards import bank_cards
from storybank.resources import sample_bank
from storybank.store import Store
from storybank.yamlio import dump_bank, load_bank_text

T0 = dt.datetime(2026, 12, 2, 9, 0, tzinfo=dt.UTC)
GOOD = Review("a/opening/00", "good", "2026-12-01T10:00:00Z")
EASY = Review("a/metric/11", "easy", "2026-12-01T10:01:00Z")


@pytest.fixture
def store(db_path: Path) -> Store:
    return Store.open()


@pytest.fixture
def frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI's clock stands still at T0."""
    monkeypatch.setattr(schedule, "utc_now", lambda: T0)


# --- store ------------------------------------------------------------------------------------


def test_reviews_and_redactions_are_stored_privately(store: Store) -> None:
    store.add_review(GOOD)
    store.set_redactions([Redaction("Acme", "a payments company")])
    assert store.reviews() == [GOOD]
    assert store.bank().redactions == [Redaction("Acme", "a payments company")]
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    assert Store(store.path).reviews() == [GOOD]  # another process sees it


def test_export_import_through_the_store_is_lossless(store: Store, tmp_path: Path) -> None:
    bank = sample_bank().replace(
        reviews=[GOOD, EASY], redactions=[Redaction("Tracewind", "a startup")]
    )
    store.apply_import(bank, replace=True)
    exported = dump_bank(store.bank())
    other = Store(tmp_path / "other.json")
    other.apply_import(load_bank_text(exported), replace=True)
    assert other.bank() == store.bank() == bank
    assert dump_bank(other.bank()) == exported


def test_merging_counts_a_review_once_and_updates_redactions_by_name(store: Store) -> None:
    store.apply_import(Bank(reviews=[GOOD], redactions=[Redaction("Acme", "old")]))
    plan = store.apply_import(
        Bank(reviews=[GOOD, EASY], redactions=[Redaction("ACME", "new"), Redaction("Bo", "x")])
    )
    assert plan.reviews_added == 1 and plan.redactions_changed
    assert "add 1 recall review(s)" in plan.summary_lines()
    assert store.reviews() == [GOOD, EASY]
    assert store.redactions() == [Redaction("ACME", "new"), Redaction("Bo", "x")]
    again = store.apply_import(Bank(reviews=[GOOD, EASY]))
    assert not again.has_changes()


def test_replacing_replaces_the_history(store: Store) -> None:
    store.apply_import(Bank(reviews=[GOOD, EASY]))
    plan = store.apply_import(Bank(reviews=[EASY]), replace=True)
    assert plan.reviews_removed == 1 and store.reviews() == [EASY]


# --- YAML checks ------------------------------------------------------------------------------


def test_bad_reviews_and_redactions_are_reported_with_positions() -> None:
    text = (
        "version: 1\n"
        "redacted: maybe\n"
        "reviews:\n"
        "  - {card: a/b/c, rating: great, at: '2026-01-01T00:00:00Z'}\n"
        "  - {card: a/b/c, rating: good, at: yesterday}\n"
        "redactions:\n"
        "  - {name: Acme, as: a company}\n"
        "  - {name: acme, as: another}\n"
        "  - {name: Bo}\n"
    )
    with pytest.raises(InputError) as caught:
        load_bank_text(text, "bank.yaml")
    message = str(caught.value)
    assert "bank.yaml:2:11: 'redacted' must be true or false" in message
    assert "bank.yaml:4:" in message and "unknown rating 'great'" in message
    assert "bank.yaml:5:" in message and "ISO 8601" in message
    assert "listed twice" in message and "(redaction #1 (first at line 7))" in message
    assert "missing required key 'as'" in message


# --- drill and status -------------------------------------------------------------------------


def _drill(monkeypatch: pytest.MonkeyPatch, keys: str, *args: str) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(keys))
    return main(["drill", *args])


def test_drill_reads_answers_and_grades_from_stdin(
    store: Store, frozen: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    store.apply_import(sample_bank())
    cards = bank_cards(store.bank())
    assert _drill(monkeypatch, "my answer\n3\n\nwhat\n4\n\ns\n\nq\n", "--minutes", "5") == 0
    out = capsys.readouterr().out
    assert "Drill: 10 cards" in out
    assert f"Answer: {cards[0].answer}" in " ".join(out.split())  # wrapped at 80 columns
    shown = [ln for ln in out.splitlines() if "(Enter to reveal)" not in ln and "Grade (" not in ln]
    assert max(len(line) for line in shown) <= 80  # prompts join lines only without a TTY
    assert "Good: next review in 10 min." in out
    assert "Type 1, 2, 3 or 4" in out
    assert "Easy: next review in" in out and "Skipped." in out
    assert "Graded 2 cards: 1 good, 1 easy." in out
    assert [(r.card, r.rating, r.at) for r in store.reviews()] == [
        (cards[0].id, "good", "2026-12-02T09:00:00Z"),
        (cards[1].id, "easy", "2026-12-02T09:00:00Z"),
    ]


def test_drill_stops_cleanly_at_end_of_input(
    store: Store, frozen: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    store.apply_import(sample_bank())
    assert _drill(monkeypatch, "") == 0
    assert "No cards graded." in capsys.readouterr().out
    assert store.reviews() == []


def test_drill_errors_are_one_clear_line(
    store: Store, frozen: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _drill(monkeypatch, "") == 1
    assert "no stories yet" in capsys.readouterr().err
    store.apply_import(sample_bank())
    assert _drill(monkeypatch, "", "--company", "nope") == 1
    err = capsys.readouterr().err
    assert "no company with id 'nope' (companies: tracewind, harborlane, ledgerline)" in err
    assert _drill(monkeypatch, "", "--minutes", "-1") == 1
    assert "--minutes must be more than 0" in capsys.readouterr().err


def test_drill_says_when_nothing_is_due(
    store: Store, frozen: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    store.apply_import(sample_bank())
    at = schedule.format_time(T0)
    for card in bank_cards(store.bank()):
        store.apply_import(Bank(reviews=[Review(card.id, "easy", at)]))
    assert _drill(monkeypatch, "") == 0
    out = capsys.readouterr().out
    assert "Nothing is due now (31 recall cards). The next falls due" in out


def test_status_prints_the_summary_and_json(
    store: Store, frozen: None, capsys: pytest.CaptureFixture[str]
) -> None:
    store.apply_import(sample_bank().replace(reviews=[GOOD]))
    assert main(["status"]) == 0
    out = capsys.readouterr().out
    assert "6 stories, 3 companies" in out
    assert "Next interview: Tracewind on 2026-12-08 (in 6 days)" in out
    assert "Recall: 31 of 31 recall cards due (31 new); 1 reviews so far" in out
    assert main(["status", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["recall"]["due"] == 31 and data["next_interview"]["company"] == "tracewind"
