"""Practice history travels with the bank: exported, imported once, refused when damaged."""

from __future__ import annotations

from pathlib import Path

import pytest

from factories import complete_story
from storybank.cli import main
from storybank.errors import InputError
from storybank.practice import PracticeRecord, add_to_history, read_history
from storybank.store import Store
from storybank.yamlio import dump_bank, load_bank_text


def drill(when: str = "2026-11-30T09:15:00", rating: int = 4) -> PracticeRecord:
    return PracticeRecord(
        date=when,
        question_id="q-failure",
        question="Tell me about a time a launch went wrong.",
        kind="failure",
        competencies=["launch-operations"],
        company="acme",
        chosen="launch-calendar",
        advisor="launch-calendar",
        rating=rating,
        seconds=95,
        limit=120,
        follow_ups=["What would you do differently?"],
    )


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_export_holds_the_practice_history_and_a_new_machine_gets_it_back(
    tmp_path: Path, capsys
) -> None:
    store = Store.open()
    store.upsert_story(complete_story())
    add_to_history(store, drill())
    add_to_history(store, drill("2026-12-01T18:00:00", rating=2))
    target = tmp_path / "bank.yaml"
    assert run(capsys, "export", str(target))[0] == 0
    text = target.read_text(encoding="utf-8")
    assert "\npractice:\n" in text and "seconds: 95" in text
    other = tmp_path / "other.json"
    code, out, _ = run(capsys, "import", str(target), "--db", str(other))
    assert code == 0 and "2 practice drills added" in out
    assert read_history(Store.open(other)) == [drill(), drill("2026-12-01T18:00:00", rating=2)]
    # the same file again adds nothing: a drill is never counted twice
    code, out, _ = run(capsys, "import", str(target), "--db", str(other))
    assert code == 0 and "practice drill" not in out
    assert len(read_history(Store.open(other))) == 2


def test_merge_appends_new_drills_and_replace_takes_the_files() -> None:
    store = Store.open()
    add_to_history(store, drill("2026-11-01T10:00:00"))
    incoming = load_bank_text(dump_bank(_bank_with([drill(), drill("2026-11-01T10:00:00")])))
    plan = store.apply_import(incoming)
    assert plan.practice_added == 1 and "add 1 practice drill(s)" in plan.summary_lines()
    assert [r.date for r in read_history(store)] == ["2026-11-01T10:00:00", "2026-11-30T09:15:00"]
    plan = store.plan_import(_bank_with([drill("2026-12-02T08:00:00")]), replace=True)
    assert (plan.practice_added, plan.practice_removed) == (1, 2)
    store.apply_import(_bank_with([drill("2026-12-02T08:00:00")]), replace=True)
    assert [r.date for r in read_history(store)] == ["2026-12-02T08:00:00"]


def _bank_with(drills: list[PracticeRecord]):  # type: ignore[no-untyped-def]
    from storybank.model import Bank

    return Bank(practice=drills)


def test_an_older_file_without_practice_still_imports() -> None:
    bank = load_bank_text("version: 1\nstories: []\n")
    assert bank.practice == []


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("{question: Q}", "practice entry #1 is missing required key 'date'"),
        (
            "{date: yesterday, question: Q}",
            "the date of practice entry #1 must be an ISO 8601 time",
        ),
        ("{date: '2026-11-30T09:15:00'}", "practice entry #1 is missing required key 'question'"),
        (
            "{date: '2026-11-30T09:15:00', question: Q, rating: 9}",
            "'rating' of practice entry #1 must be a whole number from 1 to 5, not 9",
        ),
        (
            "{date: '2026-11-30T09:15:00', question: Q, seconds: 1e9}",
            "'seconds' of practice entry #1 must be a whole number from 0 to 86,400",
        ),
        (
            "{date: '2026-11-30T09:15:00', question: Q, kind: behavoiral}",
            "unknown kind 'behavoiral' in practice entry #1",
        ),
        (
            "{date: '2026-11-30T09:15:00', question: Q, chosen: Not An Id}",
            "'chosen' of practice entry #1 must be a story id",
        ),
        ("{date: '2026-11-30T09:15:00', question: Q, mood: good}", "unknown key 'mood'"),
    ],
)
def test_a_damaged_drill_is_refused_with_its_place(entry: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        load_bank_text(f"version: 1\npractice:\n  - {entry}\n", "mine.yaml")
    text = str(caught.value)
    assert message in text and "mine.yaml:3:" in text
