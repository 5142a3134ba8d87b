"""`storybank ask`: plain and JSON output, batch mode from stdin, errors, import hygiene."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from storybank.cli import main
from storybank.model import Bank, Company, Environment, Metric, Story, Tradeoff
from storybank.store import Store

CONTRACT_KEYS = {"question", "kind", "competencies", "weak_match", "suggestions"}
SUGGESTION_KEYS = {
    "id",
    "title",
    "score",
    "lead_with",
    "emphasis",
    "opening",
    "metric",
    "tradeoff",
    "round_note",
    "adapt",
    "why",
}


def _bank() -> Bank:
    launch = Story(
        id="launch-rollback",
        title="The launch I rolled back",
        competencies=["launch-operations", "cross-functional-execution"],
        summary="A big-bang launch double-charged customers; I rolled it back.",
        context="At a consumer app we launched an annual plan in eleven countries at once.",
        constraint="The campaign date was fixed and already paid for.",
        decision="I approved shipping everywhere at once; that was the wrong call.",
        execution="I paused the renewal job, rolled back in six hours and ran the review.",
        result="Launch-day tickets fell from 4,100 to 140 on the next launch.",
        after="I learned to shrink the launch, never to skip the ramp.",
        metrics=[Metric("Launch-day tickets", 4100, 140)],
        tradeoffs=[Tradeoff("Rolling back", "Hot-fixing in production", "a revert was certain")],
        environment=Environment("growth", "b2c", "embedded"),
        rounds={"panel": "For marketing, explain how a staged rollout meets a fixed date."},
        tags=["launch", "incident"],
    )
    metric = Story(
        id="activation-metric",
        title="Replacing signups with activation",
        competencies=["metric-frameworks", "stakeholder-management"],
        summary="I made activation the headline metric after the VP of Sales pushed back.",
        context="Leadership reviewed growth on signups alone.",
        decision="I defined activation as a first paid job within 14 days.",
        result="Activation rose from 22 percent to 31 percent.",
        metrics=[Metric("Activation", 22, 31, "%")],
        environment=Environment("late-stage", "marketplace", "hub-and-spoke"),
    )
    company = Company(
        id="bigco",
        name="BigCo",
        stage="enterprise",
        customer="b2b-enterprise",
        org="matrix",
        focus=["launch-operations"],
    )
    return Bank(stories=[launch, metric], companies=[company])


@pytest.fixture
def filled_db(db_path: Path) -> Path:
    Store.open(str(db_path)).apply_import(_bank())
    return db_path


def test_plain_output_fits_80_columns_best_story_first(
    filled_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["ask", "Tell me about a launch that went wrong", "--company", "bigco"])
    out = capsys.readouterr().out
    assert code == 0
    lines = out.splitlines()
    assert all(len(line) <= 80 for line in lines), max(lines, key=len)
    assert lines[0] == "Question: Tell me about a launch that went wrong"
    assert "Kind: failure" in out
    first = next(line for line in lines if line.startswith("1. "))
    assert "The launch I rolled back" in first
    assert "Lead with: What changed after" in out
    assert "Metric: Launch-day tickets: 4,100 -> 140 (-97%)" in out
    assert "Adapt: " in out


def test_json_output_follows_the_contract(
    filled_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["ask", "What did you measure?", "--json", "--top", "1", "--round", "panel"]
    code = main([*args, "--company", "bigco"])
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) >= CONTRACT_KEYS
    assert data["kind"] == "metrics"
    assert len(data["suggestions"]) == 1
    suggestion = data["suggestions"][0]
    assert set(suggestion) >= SUGGESTION_KEYS
    assert isinstance(suggestion["score"], float)
    assert suggestion["id"] == "activation-metric"


def test_round_note_is_shown_for_the_chosen_round(
    filled_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["ask", "Tell me about a launch that failed", "--round", "panel", "--json"])
    data = json.loads(capsys.readouterr().out)
    best = data["suggestions"][0]
    assert best["id"] == "launch-rollback"
    assert best["round_note"].startswith("For marketing")


def test_batch_from_stdin_writes_json_lines_in_input_order(
    filled_db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    questions = [
        "Tell me about a launch that went wrong.",
        "How did you measure activation?",
        "Why product ops?",
    ]
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n" + "\n\n".join(questions) + "\n  \n"))
    assert main(["ask", "-", "--json"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3
    records = [json.loads(line) for line in lines]
    assert [r["question"] for r in records] == questions
    assert [r["kind"] for r in records] == ["failure", "metrics", "motivation"]


def test_batch_plain_output_answers_each_question(
    filled_db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("A launch that failed?\nYour best metric?\n"))
    assert main(["ask", "-"]) == 0
    out = capsys.readouterr().out
    assert out.count("Question: ") == 2
    assert out.index("A launch that failed?") < out.index("Your best metric?")


def test_messy_paste_is_answered_with_a_note(
    filled_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paste = "ok thanks!\nTell me about a lanch that went wrong.\nWhat did you learn?"
    assert main(["ask", paste, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["question"] == "Tell me about a lanch that went wrong."
    assert data["note"].startswith("2 questions pasted")
    assert data["suggestions"][0]["id"] == "launch-rollback"


def test_unknown_company_is_a_clear_error(
    filled_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ask", "Any question", "--company", "nope"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "unknown company 'nope'" in captured.err
    assert "bigco" in captured.err
    assert "Traceback" not in captured.err


def test_empty_bank_tells_the_user_what_to_do(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ask", "Tell me about a launch"]) == 1
    err = capsys.readouterr().err
    assert "no stories" in err
    assert "storybank import FILE" in err and "ask --sample" in err


def test_empty_question_is_an_error(filled_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "   "]) == 1
    assert "empty" in capsys.readouterr().err


def test_control_characters_never_reach_the_terminal(
    filled_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["ask", "Tell me about a launch \x1b]0;owned\x07 that failed"])
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    main(["ask", "Tell me about a launch \x1b[2J\u202e that failed", "--json"])
    raw = capsys.readouterr().out
    assert "\x1b" not in raw and "\u202e" not in raw
    assert json.loads(raw)["question"].startswith("Tell me about a launch \x1b[2J\u202e")


def test_top_must_be_positive(filled_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["ask", "x", "--top", "0"])
    assert exc.value.code == 2


def test_ask_never_imports_textual(filled_db: Path) -> None:
    code = (
        "import sys\n"
        "from storybank.cli import main\n"
        "code = main(['ask', 'Tell me about a launch that failed'])\n"
        "assert code == 0, code\n"
        "assert 'textual' not in sys.modules, 'textual was imported'\n"
    )
    env = dict(os.environ, STORYBANK_DB=str(filled_db))
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "The launch I rolled back" in result.stdout


def test_no_cache_gives_the_same_answer_and_writes_nothing(
    filled_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from storybank.advisor import cache, clear_caches

    clear_caches()
    assert main(["ask", "Tell me about a launch that failed", "--json", "--no-cache"]) == 0
    uncached = capsys.readouterr().out
    assert not cache.cache_file().exists()
    assert cache.enabled(), "--no-cache must not outlive the command"
    clear_caches()
    assert main(["ask", "Tell me about a launch that failed", "--json"]) == 0
    assert cache.cache_file().exists()
    clear_caches()
    assert main(["ask", "Tell me about a launch that failed", "--json"]) == 0
    assert capsys.readouterr().out == uncached * 2  # written cold, then read from the cache
